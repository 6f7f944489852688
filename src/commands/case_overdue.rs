//! `ipguard case list --overdue`: the cases past a time limit at the as-of date, judged by
//! `rubric::classify` with the rubric in force (the same judgement as scores 2.1-2.3 and P1).

use super::Ctx;
use crate::cli::case::CaseList;
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::render::{self, Format};
use crate::rubric::classify::{Limit, Status};
use crate::rubric::overdue_cases;
use serde::Serialize;

/// One limit a case has passed.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    station: &'a str,
    enterprise: &'a str,
    received_on: String,
    #[serde(skip)]
    passed: Limit,
    /// `acceptance`, `handling` or `followup`.
    limit: &'static str,
    /// The limit in days.
    limit_days: u32,
    /// Days taken (when done) or elapsed at the as-of date (when not done yet).
    days: i64,
    /// Days beyond the limit.
    over_by: i64,
    /// Whether the step was done (late) by the as-of date.
    done: bool,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    overdue_reason: &'a str,
    /// The city office's decision on the reason: `null` while undecided.
    reason_accepted: Option<bool>,
}

pub fn list(ctx: &Ctx, a: CaseList) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let as_of = a.as_of.unwrap_or(ctx.today);
    if let Some(p) = a.period.filter(|p| as_of < p.from()) {
        return Err(Error::Usage(ctx.lang.msg(
            "period.as_of_before",
            &[
                ("date", &fmt(as_of)),
                ("period", &p.to_string()),
                ("from", &fmt(p.from())),
            ],
        )));
    }
    let store = ctx.store()?;
    let filter = super::case_view::filter(&a);
    let (rubric, cases) = store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        let rubric = ctx.rubric(r)?;
        Ok((rubric, r.cases(&filter)?))
    })?;
    let overdue = overdue_cases(&rubric, &cases, as_of);
    let done_of = |limit: Limit, o: &crate::rubric::Overdue<'_>| {
        let status = match limit {
            Limit::Acceptance => Some(o.class.acceptance),
            Limit::Handling => Some(o.class.handling),
            Limit::Followup => o.class.followup,
        };
        matches!(status, Some(Status::DoneLate { .. }))
    };
    let rows: Vec<Row<'_>> = overdue
        .iter()
        .flat_map(|o| {
            o.passed.iter().map(move |&(limit, days, max)| Row {
                id: &o.case.id,
                station: &o.case.station,
                enterprise: &o.case.enterprise,
                received_on: fmt(o.case.received_on),
                passed: limit,
                limit: limit.as_str(),
                limit_days: max,
                days,
                over_by: days - i64::from(max),
                done: done_of(limit, o),
                overdue_reason: &o.case.overdue_reason,
                reason_accepted: o.case.reason_accepted,
            })
        })
        .collect();
    if format == Format::Json {
        return render::json(&rows);
    }
    let l = ctx.lang;
    if rows.is_empty() {
        render::note(&l.msg("overdue.none", &[("date", &fmt(as_of))]));
        return Ok(());
    }
    let header = [
        l.label("label.id"),
        l.label("label.station_2"),
        l.label("label.enterprise"),
        l.label("label.received_2"),
        l.label("label.limit"),
        l.label("label.days"),
        l.label("label.over_by"),
        l.label("label.state"),
        l.label("label.overdue_reason"),
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let limit = r.passed;
            vec![
                r.id.to_string(),
                r.station.to_string(),
                r.enterprise.to_string(),
                r.received_on.clone(),
                format!("{} ({})", l.t(limit.as_str(), limit.zh()), r.limit_days),
                r.days.to_string(),
                r.over_by.to_string(),
                if r.done {
                    l.label("label.done_late").to_string()
                } else {
                    l.label("label.not_done").to_string()
                },
                r.overdue_reason.to_string(),
            ]
        })
        .collect();
    render::out(&render::table(ctx.style, &header, &table))?;
    render::note(&l.msg(
        "overdue.count",
        &[("count", &overdue.len().to_string()), ("date", &fmt(as_of))],
    ));
    Ok(())
}
