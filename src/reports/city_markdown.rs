//! The city report as Markdown, in Chinese or English. Free text (countries, districts) is
//! escaped as table cells.

use super::city::{label, CityReport, Dim, OnTime, ReportRow};
use super::content::Count;
use super::escape::{cell, inline};
use super::words;
use crate::i18n::Lang;
use crate::model::Hundredths;
use std::fmt::Write;

/// A share as text: `85.71%`, or `—` when nothing was judged.
pub fn share(s: Option<Hundredths>) -> String {
    s.map_or_else(|| "—".to_string(), |h| format!("{h}%"))
}

/// The name of a report kind (or `all`).
pub fn report_kind(l: Lang, kind: &str) -> String {
    match (l, kind) {
        (Lang::Zh, "annual_summary") => "年度工作总结".into(),
        (Lang::Zh, "work_plan") => "下一年度工作计划".into(),
        (Lang::Zh, "quarterly_cases") => "季度纠纷信息报告".into(),
        (Lang::Zh, _) => "合计".into(),
        (Lang::En, "all") => "All reports".into(),
        (Lang::En, k) => {
            let w = words::english(k).unwrap_or(k);
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// The breakdowns of the cases: (title, JSON field, dimension, rows).
pub fn breakdowns(r: &CityReport, l: Lang) -> Vec<(&'static str, &'static str, Dim, &[Count])> {
    vec![
        (
            l.label("label.by_country_or_region"),
            "by_country",
            Dim::Country,
            &r.cases.by_country[..],
        ),
        (
            l.label("label.by_ip_type"),
            "by_ip_type",
            Dim::IpType,
            &r.cases.by_ip_type[..],
        ),
        (
            l.label("label.by_dispute_type"),
            "by_dispute_type",
            Dim::DisputeType,
            &r.cases.by_dispute_type[..],
        ),
        (
            l.label("label.by_warning_level"),
            "by_warning_level",
            Dim::WarningLevel,
            &r.cases.by_warning_level[..],
        ),
        (
            l.label("label.by_district"),
            "by_district",
            Dim::Free,
            &r.by_district[..],
        ),
        (
            l.label("label.by_station_level"),
            "by_station_level",
            Dim::StationLevel,
            &r.by_station_level[..],
        ),
    ]
}

/// The three limits: (name, JSON field, figures).
pub fn limits(r: &CityReport, l: Lang) -> [(String, &'static str, &OnTime); 3] {
    [
        (words::limit("acceptance", l), "acceptance", &r.on_time.acceptance),
        (words::limit("handling", l), "handling", &r.on_time.handling),
        (words::limit("followup", l), "followup", &r.on_time.followup),
    ]
}

/// The title of the report.
pub fn title(r: &CityReport, l: Lang) -> String {
    match l {
        Lang::Zh => format!(
            "海外知识产权纠纷应对指导工作站{}统计",
            words::period(&r.period, l)
        ),
        Lang::En => format!(
            "Guidance workstations: network statistics, {}",
            words::period(&r.period, l)
        ),
    }
}

/// The report as Markdown.
pub fn render(r: &CityReport, l: Lang) -> String {
    let mut o = String::new();
    let sep = l.label("label.colon");
    let _ = writeln!(o, "# {}\n", title(r, l));
    let _ = writeln!(
        o,
        "- {}{sep}{} {} {}",
        l.label("label.period"),
        r.from,
        l.label("label.to"),
        r.to
    );
    let (open, close) = (l.label("label.paren_open"), l.label("label.paren_close"));
    let _ = writeln!(
        o,
        "- {}{sep}{}{open}{} {} {}{close}",
        l.label("label.previous_period"),
        r.previous.period,
        r.previous.from,
        l.label("label.to"),
        r.previous.to
    );
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.figures_as_of"), r.as_of);
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.stations"), r.stations);
    if !r.satisfaction.is_empty() {
        let _ = writeln!(
            o,
            "- {}{sep}{}",
            l.label("label.satisfaction_at_follow_ups"),
            r.satisfaction.line(l)
        );
    }
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.rubric"), inline(&r.rubric));
    if !r.generated_on.is_empty() {
        let _ = writeln!(o, "- {}{sep}{}", l.label("label.issued_on"), r.generated_on);
    }

    let _ = writeln!(o, "\n## {}\n", l.label("label.1_cases_received"));
    let c = &r.cases;
    let _ = writeln!(
        o,
        "- {}{sep}{}{open}{}{sep}{}{close}\n- {}{sep}{}\n- {}{sep}{}\n- {}{sep}{}",
        l.label("label.received"),
        c.received,
        l.label("label.previous_period_2"),
        r.previous_received,
        l.label("label.accepted"),
        c.accepted,
        l.label("label.closed"),
        c.closed,
        l.label("label.past_a_time_limit"),
        c.overdue
    );
    let _ = writeln!(
        o,
        "\n| {} | {} | {} | {} |\n|---|---:|---|---:|",
        l.label("label.quarter"),
        l.label("label.cases"),
        l.label("label.previous"),
        l.label("label.cases")
    );
    for q in &r.by_quarter {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            q.quarter,
            q.count,
            q.previous_quarter.as_deref().unwrap_or("—"),
            q.previous.map_or_else(|| "—".to_string(), |n| n.to_string())
        );
    }

    let _ = writeln!(o, "\n## {}", l.label("label.2_cases_by_kind"));
    for (heading, _, dim, rows) in breakdowns(r, l) {
        let _ = writeln!(o, "\n### {heading}\n");
        if rows.is_empty() {
            let _ = writeln!(o, "{}", l.label("label.none"));
            continue;
        }
        let _ = writeln!(o, "| {} | {} |\n|---|---:|", heading, l.label("label.cases"));
        for row in rows {
            let _ = writeln!(o, "| {} | {} |", cell(&label(l, dim, &row.key)), row.count);
        }
    }

    let _ = writeln!(o, "\n## {}\n", l.label("label.3_time_limits"));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
        l.label("label.limit"),
        l.label("label.on_time"),
        l.label("label.late"),
        l.label("label.pending"),
        l.label("label.on_time_share")
    );
    for (name, _, t) in limits(r, l) {
        let _ = writeln!(
            o,
            "| {name} | {} | {} | {} | {} |",
            t.on_time,
            t.late,
            t.pending,
            share(t.share_percent)
        );
    }

    let _ = writeln!(o, "\n## {}\n", l.label("label.4_trainings"));
    let t = &r.trainings;
    let _ = writeln!(
        o,
        "- {}{sep}{}\n- {}{sep}{}",
        l.label("label.sessions"),
        t.sessions,
        l.label("label.participants"),
        t.participants
    );
    if t.sessions_without_count > 0 {
        let _ = writeln!(
            o,
            "- {}{sep}{}",
            l.label("label.sessions_without_a_head_count"),
            t.sessions_without_count
        );
    }

    let _ = writeln!(o, "\n## {}\n", l.label("label.5_reports_to_the_city_office"));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|",
        l.label("label.report"),
        l.label("label.due"),
        l.label("label.on_time"),
        l.label("label.late_2"),
        l.label("label.missing"),
        l.label("label.not_yet_due"),
        l.label("label.on_time_share")
    );
    for row in &r.reports {
        report_row(&mut o, l, row);
    }

    let _ = writeln!(o, "\n## {}\n", l.label("label.6_audit_chain"));
    let _ = writeln!(
        o,
        "{}{sep}{} · {}",
        l.label("label.figures_taken_at_audit_entry"),
        r.audit_head.seq,
        r.audit_head.hash
    );
    o
}

fn report_row(o: &mut String, l: Lang, r: &ReportRow) {
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} | {} |",
        report_kind(l, &r.kind),
        r.due,
        r.on_time,
        r.late,
        r.missing,
        r.not_yet_due,
        share(r.share_percent)
    );
}
