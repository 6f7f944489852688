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
    let filter = store::cases::Filter {
        station: a.station.as_deref(),
        period: a.period.as_ref(),
        open: a.open,
        warning: a.warning,
    };
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
        l.t("ID", "案件编号"),
        l.t("Station", "工作站"),
        l.t("Enterprise", "企业名称"),
        l.t("Received", "收到日期"),
        l.t("Kind", "类型"),
        l.t("Warning", "预警等级"),
        l.t("Accepted", "受理日期"),
        l.t("Closed", "办结日期"),
        l.t("Follow-up", "回访日期"),
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
            None => l.t("none", "未制定").to_string(),
        });
    }
    let mut header = header.to_vec();
    header.push(match level {
        WarningLevel::Red => l.t("Special plan", "专项处理方案"),
        WarningLevel::Yellow => l.t("Plan", "一案一策"),
        WarningLevel::Blue => l.t("Risk notice", "风险提示"),
    });
    render::out(&render::table(ctx.style, &header, &rows))
}

/// The city office's decision on the overdue reason, with its date and note.
pub fn reason_decision(c: &Case, l: Lang) -> String {
    if c.overdue_reason.trim().is_empty() {
        return String::new();
    }
    let mut s = match c.reason_accepted {
        None => return l.t("not yet decided", "待市局认定").to_string(),
        Some(b) => YesNo::from_bool(b).label(l).to_string(),
    };
    if let Some(d) = c.reason_decided_on {
        s.push_str(&format!(" ({})", fmt(d)));
    }
    if !c.reason_note.is_empty() {
        s.push_str(&format!("{}{}", l.t(": ", "："), c.reason_note));
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
        l.t("Date", "发布日期"),
        l.t("Station", "工作站"),
        l.t("Case", "案件编号"),
        l.t("Title", "标题"),
        l.t("Text", "内容"),
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
}

/// The lifecycle dates and every event, by date (lifecycle steps first on a shared day).
fn timeline(c: &Case, events: &[CaseEvent], lang: Lang) -> Vec<Entry> {
    let mut out = vec![Entry {
        date: c.received_on,
        event: "received",
        note: c.source.label(lang).to_string(),
    }];
    if let Some(d) = c.accepted_on {
        out.push(Entry {
            date: d,
            event: "accepted",
            note: String::new(),
        });
    }
    if let Some(d) = c.closed_on {
        let mut note = opt_label(c.outcome.map(|o| o.label(lang)));
        if let Some(e) = c.effective {
            let eff = lang.t("; effective: ", "；是否有效：");
            note.push_str(&format!("{eff}{}", YesNo::from_bool(e).label(lang)));
        }
        out.push(Entry {
            date: d,
            event: "closed",
            note,
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
    }));
    // A stable sort keeps received, accepted, closed, then events in recorded order.
    out.sort_by_key(|e| e.date);
    out
}

fn event_label(event: &str, l: Lang) -> String {
    match event {
        "received" => l.t("received", "收到").to_string(),
        "accepted" => l.t("accepted", "受理").to_string(),
        "closed" => l.t("closed", "办结").to_string(),
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
        (l.t("ID", "案件编号"), c.id.clone()),
        (l.t("Station", "工作站"), c.station.clone()),
        (l.t("Enterprise", "企业名称"), c.enterprise.clone()),
        (
            l.t("Credit code", "统一社会信用代码"),
            c.credit_code.clone().unwrap_or_default(),
        ),
        (l.t("Received", "收到日期"), fmt(c.received_on)),
        (l.t("Source", "来源"), c.source.label(l).to_string()),
        (l.t("Kind", "类型"), c.kind.label(l).to_string()),
        (
            l.t("IP type", "知识产权类型"),
            opt_label(c.ip_type.map(|v| v.label(l))),
        ),
        (
            l.t("Country or region", "国家或地区"),
            crate::model::country::display(&c.country, l == Lang::Zh),
        ),
        (
            l.t("Dispute type", "纠纷类型"),
            opt_label(c.dispute_type.map(|v| v.label(l))),
        ),
        (
            l.t("Warning level", "预警等级"),
            opt_label(c.warning_level.map(|v| v.label(l))),
        ),
        (l.t("Accepted", "受理日期"), fmt_opt(c.accepted_on)),
        (l.t("Closed", "办结日期"), fmt_opt(c.closed_on)),
        (
            l.t("Outcome", "处理结果"),
            opt_label(c.outcome.map(|v| v.label(l))),
        ),
        (l.t("Effective", "是否有效"), yes_no(c.effective)),
        (l.t("First follow-up", "回访日期"), fmt_opt(c.followup_on)),
        (l.t("Overdue reason", "超期原因"), c.overdue_reason.clone()),
        (l.t("Reason accepted", "原因认可"), reason_decision(&c, l)),
        (l.t("Summary", "摘要"), c.summary.clone()),
        (l.t("Typical", "典型案例"), yes_no(Some(c.typical))),
    ];
    let mut text = render::details(ctx.style, &pairs);
    let rows: Vec<Vec<String>> = timeline(&c, &events, l)
        .into_iter()
        .map(|e| vec![fmt(e.date), event_label(e.event, l), e.note])
        .collect();
    text.push_str(&format!("\n{}\n", l.t("Timeline", "时间线")));
    text.push_str(&render::table(
        ctx.style,
        &[l.t("Date", "日期"), l.t("Event", "事项"), l.t("Note", "说明")],
        &rows,
    ));
    render::out(&text)
}
