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
            l.t("By country or region", "按国家或地区"),
            "by_country",
            Dim::Country,
            &r.cases.by_country[..],
        ),
        (
            l.t("By IP type", "按知识产权类型"),
            "by_ip_type",
            Dim::IpType,
            &r.cases.by_ip_type[..],
        ),
        (
            l.t("By dispute type", "按纠纷类型"),
            "by_dispute_type",
            Dim::DisputeType,
            &r.cases.by_dispute_type[..],
        ),
        (
            l.t("By warning level", "按预警等级"),
            "by_warning_level",
            Dim::WarningLevel,
            &r.cases.by_warning_level[..],
        ),
        (
            l.t("By district", "按区县"),
            "by_district",
            Dim::Free,
            &r.by_district[..],
        ),
        (
            l.t("By station level", "按工作站级别"),
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
    let sep = l.t(": ", "：");
    let _ = writeln!(o, "# {}\n", title(r, l));
    let _ = writeln!(
        o,
        "- {}{sep}{} {} {}",
        l.t("Period", "统计期间"),
        r.from,
        l.t("to", "至"),
        r.to
    );
    let (open, close) = (l.t(" (", "（"), l.t(")", "）"));
    let _ = writeln!(
        o,
        "- {}{sep}{}{open}{} {} {}{close}",
        l.t("Previous period", "上期"),
        r.previous.period,
        r.previous.from,
        l.t("to", "至"),
        r.previous.to
    );
    let _ = writeln!(o, "- {}{sep}{}", l.t("Figures as of", "数据截至"), r.as_of);
    let _ = writeln!(o, "- {}{sep}{}", l.t("Stations", "工作站数"), r.stations);
    let _ = writeln!(o, "- {}{sep}{}", l.t("Rubric", "考核标准"), inline(&r.rubric));
    if !r.generated_on.is_empty() {
        let _ = writeln!(o, "- {}{sep}{}", l.t("Issued on", "生成日期"), r.generated_on);
    }

    let _ = writeln!(o, "\n## {}\n", l.t("1. Cases received", "一、案件数量"));
    let c = &r.cases;
    let _ = writeln!(
        o,
        "- {}{sep}{}{open}{}{sep}{}{close}\n- {}{sep}{}\n- {}{sep}{}\n- {}{sep}{}",
        l.t("Received", "收到案件"),
        c.received,
        l.t("previous period", "上期"),
        r.previous_received,
        l.t("Accepted", "已受理"),
        c.accepted,
        l.t("Closed", "已办结"),
        c.closed,
        l.t("Past a time limit", "超时案件"),
        c.overdue
    );
    let _ = writeln!(
        o,
        "\n| {} | {} | {} | {} |\n|---|---:|---|---:|",
        l.t("Quarter", "季度"),
        l.t("Cases", "件数"),
        l.t("Previous", "上期季度"),
        l.t("Cases", "件数")
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

    let _ = writeln!(o, "\n## {}", l.t("2. Cases by kind", "二、案件分布"));
    for (heading, _, dim, rows) in breakdowns(r, l) {
        let _ = writeln!(o, "\n### {heading}\n");
        if rows.is_empty() {
            let _ = writeln!(o, "{}", l.t("None.", "无。"));
            continue;
        }
        let _ = writeln!(o, "| {} | {} |\n|---|---:|", heading, l.t("Cases", "件数"));
        for row in rows {
            let _ = writeln!(o, "| {} | {} |", cell(&label(l, dim, &row.key)), row.count);
        }
    }

    let _ = writeln!(o, "\n## {}\n", l.t("3. Time limits", "三、办理时限"));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
        l.t("Limit", "时限"),
        l.t("On time", "按时"),
        l.t("Late", "超时"),
        l.t("Pending", "未到期"),
        l.t("On time share", "按时率")
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

    let _ = writeln!(o, "\n## {}\n", l.t("4. Trainings", "四、专题培训"));
    let t = &r.trainings;
    let _ = writeln!(
        o,
        "- {}{sep}{}\n- {}{sep}{}",
        l.t("Sessions", "培训场次"),
        t.sessions,
        l.t("Participants", "参训人数"),
        t.participants
    );
    if t.sessions_without_count > 0 {
        let _ = writeln!(
            o,
            "- {}{sep}{}",
            l.t("Sessions without a head-count", "未填人数的场次"),
            t.sessions_without_count
        );
    }

    let _ = writeln!(
        o,
        "\n## {}\n",
        l.t("5. Reports to the city office", "五、报告报送")
    );
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|",
        l.t("Report", "报告"),
        l.t("Due", "应报"),
        l.t("On time", "按时"),
        l.t("Late", "逾期"),
        l.t("Missing", "缺报"),
        l.t("Not yet due", "未到截止日"),
        l.t("On time share", "按时率")
    );
    for row in &r.reports {
        report_row(&mut o, l, row);
    }

    let _ = writeln!(o, "\n## {}\n", l.t("6. Audit chain", "六、审计链"));
    let _ = writeln!(
        o,
        "{}{sep}{} · {}",
        l.t("Figures taken at audit entry", "数据取自审计记录"),
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
