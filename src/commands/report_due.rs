//! `ipguard report due`: what is due or late at a date, sorted by date (exit 4 when late).

use super::Ctx;
use crate::cli::report::ReportDue;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::render::{self, Format};
use crate::reports::due::{self, DueItem, DueKind, StationFacts};
use crate::store;
use serde_json::json;

fn kind_label(lang: Lang, kind: DueKind) -> &'static str {
    match kind {
        DueKind::AnnualSummary => lang.label("label.due_annual_summary"),
        DueKind::WorkPlan => lang.label("label.due_work_plan"),
        DueKind::QuarterlyCases => lang.label("label.due_quarterly_report"),
        DueKind::CaseAcceptance => lang.label("label.due_case_acceptance"),
        DueKind::CaseHandling => lang.label("label.due_case_handling"),
        DueKind::CaseFollowup => lang.label("label.due_case_followup"),
        DueKind::CaseSpecialPlan => lang.label("label.due_special_plan"),
        DueKind::CasePlan => lang.label("label.due_one_case_plan"),
        DueKind::CaseRiskNotice => lang.label("label.due_risk_notice"),
        DueKind::ReasonDecision => lang.label("label.due_reason_decision"),
        DueKind::AcceptanceAssessment => lang.label("label.due_acceptance_assessment"),
        DueKind::BiennialAssessment => lang.label("label.due_biennial_assessment"),
    }
}

fn state(lang: Lang, i: &DueItem) -> String {
    if let Some(d) = i.plan_in {
        return lang.msg("due.plan_in", &[("date", &fmt(d))]);
    }
    if i.kind == DueKind::ReasonDecision {
        return lang.label("label.awaiting_the_city_office").to_string();
    }
    match i.days {
        1 => lang.msg("due.late_by_one_day", &[]),
        d if d > 0 => lang.msg("due.late_by_days", &[("days", &d.to_string())]),
        0 => lang.label("label.due_today").to_string(),
        -1 => lang.msg("due.in_one_day", &[]),
        d => lang.msg("due.in_days", &[("days", &(-d).to_string())]),
    }
}

pub fn due(ctx: &Ctx, a: ReportDue) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let as_of = a.as_of.unwrap_or(ctx.today);
    let store = ctx.store()?;
    // Every station's deadlines from one snapshot.
    let (rubric, mut items) = store.read(|r| {
        let stations = match &a.station {
            Some(code) => vec![super::lookup::station(r, code)?],
            None => r.stations()?,
        };
        let rubric = ctx.rubric(r)?;
        let planned = r.planned_cases(a.station.as_deref(), as_of)?;
        let mut items = Vec::new();
        for s in &stations {
            let reports = r.reports(Some(&s.code), None)?;
            let filter = store::cases::Filter {
                station: Some(&s.code),
                ..Default::default()
            };
            let cases = r.cases(&filter)?;
            let assessments: Vec<(crate::model::AssessmentKind, chrono::NaiveDate)> = r
                .assessments(Some(&s.code))?
                .into_iter()
                .map(|x| (x.kind, x.on))
                .collect();
            let facts = StationFacts {
                station: s,
                reports: &reports,
                cases: &cases,
                planned: &planned,
                assessments: &assessments,
            };
            items.extend(due::station_items(&rubric, &facts, as_of, a.within, a.since));
        }
        Ok((rubric, items))
    })?;
    due::sort(&mut items);
    let late = items.iter().filter(|i| i.late).count();
    if format == Format::Json {
        render::json(&json!({
            "as_of": fmt(as_of),
            "within": a.within,
            "rubric": rubric.id,
            "items": items.iter().map(|i| json!({
                "due": fmt(i.due), "station": i.station, "kind": i.kind.as_str(),
                "subject": i.subject, "late": i.late, "days": i.days,
                "plan_in": i.plan_in.map(fmt),
            })).collect::<Vec<_>>(),
        }))?;
    } else if items.is_empty() {
        render::note(&ctx.lang.msg(
            "due.nothing",
            &[("days", &a.within.to_string()), ("date", &fmt(as_of))],
        ));
    } else {
        let l = ctx.lang;
        let header = [
            l.label("label.due_2"),
            l.label("label.station_2"),
            l.label("label.what"),
            l.label("label.subject"),
            l.label("label.state"),
        ];
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    fmt(i.due),
                    i.station.clone(),
                    kind_label(l, i.kind).to_string(),
                    i.subject.clone(),
                    state(l, i),
                ]
            })
            .collect();
        render::out(&render::table(ctx.style, &header, &rows))?;
    }
    if late > 0 {
        let soon = items.len() - late;
        return Err(Error::Late(ctx.lang.msg(
            "due.late_summary",
            &[
                ("late", &late.to_string()),
                ("date", &fmt(as_of)),
                ("soon", &soon.to_string()),
                ("within", &a.within.to_string()),
            ],
        )));
    }
    Ok(())
}
