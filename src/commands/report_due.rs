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
    let (en, zh) = match kind {
        DueKind::AnnualSummary => ("annual summary", "年度工作总结"),
        DueKind::WorkPlan => ("work plan", "工作计划"),
        DueKind::QuarterlyCases => ("quarterly report", "季度报告"),
        DueKind::CaseAcceptance => ("case acceptance", "案件受理"),
        DueKind::CaseHandling => ("case handling", "案件办结"),
        DueKind::CaseFollowup => ("case follow-up", "案件回访"),
        DueKind::CaseSpecialPlan => ("red case: special-handling plan", "红色预警：专项处理方案"),
        DueKind::CasePlan => ("yellow case: one-case plan", "黄色预警：一案一策"),
        DueKind::CaseRiskNotice => ("blue case: risk notice", "蓝色预警：风险提示"),
        DueKind::ReasonDecision => ("overdue reason to decide", "超期原因待认定"),
        DueKind::AcceptanceAssessment => ("acceptance assessment", "建设期验收"),
        DueKind::BiennialAssessment => ("biennial assessment", "两年考核"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn state(lang: Lang, i: &DueItem) -> String {
    if let Some(d) = i.plan_in {
        return match lang {
            Lang::En => format!("plan in ({})", fmt(d)),
            Lang::Zh => format!("方案已制定（{}）", fmt(d)),
        };
    }
    if i.kind == DueKind::ReasonDecision {
        return lang.label("label.awaiting_the_city_office").to_string();
    }
    match i.days {
        d if d > 0 => match lang {
            Lang::En => format!("LATE by {d} {}", if d == 1 { "day" } else { "days" }),
            Lang::Zh => format!("已逾期 {d} 天"),
        },
        0 => lang.label("label.due_today").to_string(),
        d => match lang {
            Lang::En => format!("due in {} {}", -d, if d == -1 { "day" } else { "days" }),
            Lang::Zh => format!("{} 天后到期", -d),
        },
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
        return Err(Error::Late(match ctx.lang {
            Lang::En => format!(
                "{late} item(s) late as of {} ({soon} due within {} days)",
                fmt(as_of),
                a.within
            ),
            Lang::Zh => format!(
                "截至 {} 共 {late} 项逾期（另有 {soon} 项在 {} 天内到期）",
                fmt(as_of),
                a.within
            ),
        }));
    }
    Ok(())
}
