//! `ipguard case list` and `ipguard case show`: cases as tables (English or Chinese) and JSON.

use super::lookup::case as require_case;
use super::Ctx;
use crate::cli::case::CaseList;
use crate::csvio::export;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::{Case, CaseEvent};
use crate::model::{CaseEventKind, WarningLevel, YesNo};
use crate::render::{self, Format};
use crate::store;
use chrono::NaiveDate;
use serde::Serialize;

pub fn list(ctx: &Ctx, a: CaseList) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json, Format::Csv])?;
    let store = ctx.store()?;
    let filter = filter(&a);
    // The cases and, with --warning, their plans from one snapshot (a failure reading the
    // plans is reported where it always was, after the table's note).
    let (cases, planned) = store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        let cases = r.cases(&filter)?;
        let planned = a
            .warning
            .map(|_| r.planned_cases(a.station.as_deref(), ctx.today));
        Ok((cases, planned))
    })?;
    match format {
        Format::Json => return render::json(&cases),
        // The columns of `export cases`, through the same writer.
        Format::Csv => return render::csv(|out| export::write_records(&cases, out, false)),
        _ => {}
    }
    let l = ctx.lang;
    let header = [
        l.label("label.id"),
        l.label("label.station_2"),
        l.label("label.enterprise"),
        l.label("label.received_2"),
        l.label("label.kind"),
        l.label("label.warning"),
        l.label("label.accepted_3"),
        l.label("label.closed_3"),
        l.label("label.follow_up"),
    ];
    let mut rows: Vec<Vec<String>> = cases
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.station.clone(),
                c.enterprise.clone(),
                fmt(c.received_on),
                c.kind.label(l).to_string(),
                opt_label(c.warning_level.map(|v| v.label(l))),
                fmt_opt(c.accepted_on),
                fmt_opt(c.closed_on),
                fmt_opt(c.followup_on),
            ]
        })
        .collect();
    if rows.is_empty() {
        render::note(&super::nothing_to_list(crate::csvio::Kind::Cases, ctx.lang));
    }
    let Some(level) = a.warning else {
        return render::out(&render::table(ctx.style, &header, &rows));
    };
    // With --warning: whether the plan or notice the level asks for is in (seed 003 §9).
    let kind = match level {
        WarningLevel::Red => CaseEventKind::SpecialPlan,
        WarningLevel::Yellow => CaseEventKind::Plan,
        WarningLevel::Blue => CaseEventKind::RiskNotice,
    };
    let planned = planned.unwrap_or_else(|| Ok(Default::default()))?;
    for (row, c) in rows.iter_mut().zip(&cases) {
        row.push(match planned.get(&(c.id.clone(), kind)) {
            Some(d) => format!("{} {}", kind.as_str(), fmt(*d)),
            None => l.label("label.none_3").to_string(),
        });
    }
    let mut header = header.to_vec();
    header.push(match level {
        WarningLevel::Red => l.label("label.special_plan"),
        WarningLevel::Yellow => l.label("label.plan"),
        WarningLevel::Blue => l.label("label.risk_notice"),
    });
    render::out(&render::table(ctx.style, &header, &rows))
}

/// What `case list`'s flags ask for, for the store (also with --overdue).
pub fn filter(a: &CaseList) -> store::cases::Filter<'_> {
    store::cases::Filter {
        station: a.station.as_deref(),
        period: a.period.as_ref(),
        open: a.open,
        warning: a.warning,
        country: a.country.as_deref(),
        ip_type: a.ip_type,
        dispute_type: a.dispute_type,
        kind: a.kind,
        typical: a.typical.map(|t| t == YesNo::Yes),
        outcome: a.outcome,
        enterprise: a.enterprise.as_deref(),
        text: a.text.as_deref(),
    }
}

/// The city office's decision on the overdue reason, with its date and note.
pub fn reason_decision(c: &Case, l: Lang) -> String {
    if c.overdue_reason.trim().is_empty() {
        return String::new();
    }
    let mut s = match c.reason_accepted {
        None => return l.label("label.not_yet_decided").to_string(),
        Some(b) => YesNo::from_bool(b).label(l).to_string(),
    };
    if let Some(d) = c.reason_decided_on {
        s.push_str(&format!(" ({})", fmt(d)));
    }
    if !c.reason_note.is_empty() {
        s.push_str(&format!("{}{}", l.label("label.colon"), c.reason_note));
    }
    s
}

/// `case notices`: the published risk notices of blue cases, by date.
pub fn notices(ctx: &Ctx, a: crate::cli::case::CaseNotices) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let store = ctx.store()?;
    let list = store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        r.notices(a.station.as_deref(), a.period.as_ref())
    })?;
    if format == Format::Json {
        let rows: Vec<_> = list
            .iter()
            .map(|(station, e)| {
                serde_json::json!({
                    "date": fmt(e.on), "station": station, "case": e.case_id,
                    "title": e.title, "text": e.note,
                })
            })
            .collect();
        return render::json(&rows);
    }
    if list.is_empty() {
        render::note(&ctx.lang.msg("case.no_notices", &[]));
        return Ok(());
    }
    let l = ctx.lang;
    let header = [
        l.label("label.date_2"),
        l.label("label.station_2"),
        l.label("label.case"),
        l.label("label.title"),
        l.label("label.text"),
    ];
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|(s, e)| {
            vec![
                fmt(e.on),
                s.clone(),
                e.case_id.clone(),
                e.title.clone(),
                e.note.clone(),
            ]
        })
        .collect();
    render::out(&render::table(ctx.style, &header, &rows))
}

fn opt_label(s: Option<&str>) -> String {
    s.unwrap_or_default().to_string()
}

/// One dated entry of a case's timeline.
#[derive(Debug, Serialize)]
struct Entry {
    date: NaiveDate,
    /// `received`, `accepted`, `closed`, or an event kind (`followup`, `plan`, …).
    event: &'static str,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    note: String,
    /// A follow-up's satisfaction and comment (left out when none was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    satisfaction: Option<&'static str>,
    #[serde(skip_serializing_if = "String::is_empty")]
    comment: String,
}

/// The lifecycle dates and every event, by date (lifecycle steps first on a shared day).
fn timeline(c: &Case, events: &[CaseEvent], lang: Lang) -> Vec<Entry> {
    let mut out = vec![Entry {
        date: c.received_on,
        event: "received",
        note: c.source.label(lang).to_string(),
        satisfaction: None,
        comment: String::new(),
    }];
    if let Some(d) = c.accepted_on {
        out.push(Entry {
            date: d,
            event: "accepted",
            note: String::new(),
            satisfaction: None,
            comment: String::new(),
        });
    }
    if let Some(d) = c.closed_on {
        let mut note = opt_label(c.outcome.map(|o| o.label(lang)));
        if let Some(e) = c.effective {
            let eff = lang.label("label.effective");
            note.push_str(&format!("{eff}{}", YesNo::from_bool(e).label(lang)));
        }
        out.push(Entry {
            date: d,
            event: "closed",
            note,
            satisfaction: None,
            comment: String::new(),
        });
    }
    // The first follow-up may be recorded only as the case's field (an imported case).
    if let Some(d) = c.followup_on {
        let kind = crate::model::CaseEventKind::Followup;
        if !events.iter().any(|e| e.kind == kind && e.on == d) {
            out.push(Entry {
                date: d,
                event: kind.as_str(),
                note: String::new(),
                satisfaction: None,
                comment: String::new(),
            });
        }
    }
    out.extend(events.iter().map(|e| Entry {
        date: e.on,
        event: e.kind.as_str(),
        note: match (e.title.is_empty(), e.note.is_empty()) {
            (true, _) => e.note.clone(),
            (false, true) => e.title.clone(),
            (false, false) => format!("{}: {}", e.title, e.note),
        },
        satisfaction: e.satisfaction.map(|s| s.as_str()),
        comment: e.comment.clone(),
    }));
    // A stable sort keeps received, accepted, closed, then events in recorded order.
    out.sort_by_key(|e| e.date);
    out
}

/// A timeline entry's note with the satisfaction and comment a follow-up recorded:
/// `企业已应诉; satisfaction: satisfied, 服务及时` (`……；满意度：满意，服务及时`).
fn with_satisfaction(e: &Entry, l: Lang) -> String {
    let Some(s) = e
        .satisfaction
        .and_then(|s| s.parse::<crate::model::Satisfaction>().ok())
    else {
        return e.note.clone();
    };
    let mut part = format!(
        "{}{}{}",
        l.label("label.satisfaction"),
        l.label("label.colon"),
        s.label(l)
    );
    if !e.comment.is_empty() {
        part.push_str(if l == Lang::Zh { "，" } else { ", " });
        part.push_str(&e.comment);
    }
    if e.note.is_empty() {
        part
    } else {
        format!("{}{}{part}", e.note, l.label("label.semicolon"))
    }
}

fn event_label(event: &str, l: Lang) -> String {
    match event {
        "received" => l.label("label.received_3").to_string(),
        "accepted" => l.label("label.accepted_4").to_string(),
        "closed" => l.label("label.closed_4").to_string(),
        other => other
            .parse::<crate::model::CaseEventKind>()
            .map(|k| k.label(l).to_string())
            .unwrap_or_else(|_| other.to_string()),
    }
}

pub fn show(ctx: &Ctx, id: &str) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let store = ctx.store()?;
    let (c, events) = store.read(|r| Ok((require_case(r, id)?, r.case_events(id)?)))?;
    if format == Format::Json {
        let value = serde_json::json!({
            "case": c,
            "timeline": timeline(&c, &events, Lang::En),
        });
        return render::json(&value);
    }
    let l = ctx.lang;
    let yes_no = |b: Option<bool>| opt_label(b.map(|b| YesNo::from_bool(b).label(l)));
    let pairs = vec![
        (l.label("label.id"), c.id.clone()),
        (l.label("label.station_2"), c.station.clone()),
        (l.label("label.enterprise"), c.enterprise.clone()),
        (
            l.label("label.credit_code"),
            c.credit_code.clone().unwrap_or_default(),
        ),
        (l.label("label.received_2"), fmt(c.received_on)),
        (l.label("label.source"), c.source.label(l).to_string()),
        (l.label("label.kind"), c.kind.label(l).to_string()),
        (l.label("label.ip_type"), opt_label(c.ip_type.map(|v| v.label(l)))),
        (
            l.label("label.country_or_region"),
            crate::model::country::display(&c.country, l == Lang::Zh),
        ),
        (
            l.label("label.dispute_type"),
            opt_label(c.dispute_type.map(|v| v.label(l))),
        ),
        (
            l.label("label.warning_level"),
            opt_label(c.warning_level.map(|v| v.label(l))),
        ),
        (l.label("label.accepted_3"), fmt_opt(c.accepted_on)),
        (l.label("label.closed_3"), fmt_opt(c.closed_on)),
        (l.label("label.outcome"), opt_label(c.outcome.map(|v| v.label(l)))),
        (l.label("label.effective_2"), yes_no(c.effective)),
        (l.label("label.first_follow_up"), fmt_opt(c.followup_on)),
        (l.label("label.overdue_reason"), c.overdue_reason.clone()),
        (l.label("label.reason_accepted"), reason_decision(&c, l)),
        (l.label("label.summary"), c.summary.clone()),
        (l.label("label.typical"), yes_no(Some(c.typical))),
    ];
    let mut text = render::details(ctx.style, &pairs);
    let rows: Vec<Vec<String>> = timeline(&c, &events, l)
        .into_iter()
        .map(|e| {
            let note = with_satisfaction(&e, l);
            vec![fmt(e.date), event_label(e.event, l), note]
        })
        .collect();
    text.push_str(&format!("\n{}\n", l.label("label.timeline")));
    text.push_str(&render::table(
        ctx.style,
        &[
            l.label("label.date"),
            l.label("label.event"),
            l.label("label.note"),
        ],
        &rows,
    ));
    render::out(&text)
}
