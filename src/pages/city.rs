//! The city report as a page (`report generate city --format html`). Its `data-k` pointers
//! address the report's JSON (`--format json`).

use super::svg::{self, Row, Seg};
use super::{footer, page as whole};
use crate::i18n::Lang;
use crate::reports::city::{label, CityReport};
use crate::reports::city_markdown::{breakdowns, limits, report_kind, share, title};
use crate::reports::words;
use maud::{html, Markup};

const NOW: &str = "#3182ce";
const BEFORE: &str = "#a0aec0";
const GOOD: &str = "#2f855a";

fn count_row(label: String, n: usize, colour: &'static str) -> Row {
    Row {
        label,
        bars: vec![Seg {
            value: n as i64,
            colour,
            text: n.to_string(),
        }],
        outline: None,
    }
}

/// A share in hundredths of a percent as a bar against 100%.
fn share_row(label: String, s: Option<crate::model::Hundredths>) -> Row {
    Row {
        label,
        bars: vec![Seg {
            value: s.map_or(0, |h| h.0),
            colour: GOOD,
            text: share(s),
        }],
        outline: Some(10_000),
    }
}

/// The number inside a share, with `%` outside the pointer's element.
fn share_cell(k: String, s: Option<crate::model::Hundredths>) -> Markup {
    html! {
        @match s {
            Some(h) => td.n { span data-k=(k) { (h) } "%" },
            None => td.n { "—" },
        }
    }
}

/// The city report as a page.
pub fn page(r: &CityReport, l: Lang) -> String {
    let t = title(r, l);
    let quarter_rows: Vec<Row> = r
        .by_quarter
        .iter()
        .map(|q| {
            let mut bars = vec![Seg {
                value: q.count as i64,
                colour: NOW,
                text: format!("{} {}", q.quarter, q.count),
            }];
            if let (Some(pq), Some(n)) = (&q.previous_quarter, q.previous) {
                bars.push(Seg {
                    value: n as i64,
                    colour: BEFORE,
                    text: format!("{pq} {n}"),
                });
            }
            Row {
                label: words::period(&q.quarter, l),
                bars,
                outline: None,
            }
        })
        .collect();
    let c = &r.cases;
    let body = html! {
        h1 { (t) }
        p.meta {
            (r.from) " – " (r.to) " · " (l.t("as of ", "数据截至 ")) span data-k="/as_of" { (r.as_of) }
            " · " span data-k="/stations" { (r.stations) } (l.t(" stations", " 个工作站"))
        }
        div.headline {
            span { span.big data-k="/cases/received" { (c.received) } (l.t(" cases received", " 件案件")) }
            span { (l.t("previous period ", "上期 ")) (r.previous.period) ": " span data-k="/previous_received" { (r.previous_received) } }
            span { (l.t("accepted ", "已受理 ")) span data-k="/cases/accepted" { (c.accepted) } }
            span { (l.t("closed ", "已办结 ")) span data-k="/cases/closed" { (c.closed) } }
            span { (l.t("past a limit ", "超时 ")) span data-k="/cases/overdue" { (c.overdue) } }
        }
        h2 { (l.t("1. Cases by quarter", "一、分季度案件数量")) }
        figure {
            (svg::bars(l.t("Cases by quarter, beside the previous period", "分季度案件数量（与上期对比）"), &quarter_rows, &[]))
            (svg::legend(&[(NOW, format!("{} {}", l.t("this period", "本期"), r.period)),
                (BEFORE, format!("{} {}", l.t("previous period", "上期"), r.previous.period))]))
            table {
                thead { tr { th { (l.t("Quarter", "季度")) } th.n { (l.t("Cases", "件数")) }
                    th { (l.t("Previous", "上期季度")) } th.n { (l.t("Cases", "件数")) } } }
                tbody { @for (n, q) in r.by_quarter.iter().enumerate() { tr {
                    td { (q.quarter) } td.n data-k=(format!("/by_quarter/{n}/count")) { (q.count) }
                    td { (q.previous_quarter.as_deref().unwrap_or("—")) }
                    @match q.previous {
                        Some(p) => td.n data-k=(format!("/by_quarter/{n}/previous")) { (p) },
                        None => td.n { "—" },
                    }
                } } }
            }
        }
        h2 { (l.t("2. Cases by kind", "二、案件分布")) }
        div {
            @for (heading, field, dim, rows) in breakdowns(r, l) {
                @let base = if field.starts_with("by_district") || field.starts_with("by_station_level") {
                    format!("/{field}")
                } else {
                    format!("/cases/{field}")
                };
                section.keep {
                    h3 { (heading) }
                    @if rows.is_empty() {
                        p { (l.t("None.", "无。")) }
                    } @else {
                        figure {
                            (svg::bars(heading, &rows.iter().map(|x| count_row(label(l, dim, &x.key), x.count, NOW)).collect::<Vec<_>>(), &[]))
                            table {
                                tbody { @for (n, x) in rows.iter().enumerate() { tr {
                                    td { (label(l, dim, &x.key)) }
                                    td.n data-k=(format!("{base}/{n}/count")) { (x.count) }
                                } } }
                            }
                        }
                    }
                }
            }
        }
        section.keep {
            h2 { (l.t("3. Time limits", "三、办理时限")) }
            figure {
                (svg::bars(l.t("Share of cases on time, by limit", "各时限按时率"),
                    &limits(r, l).into_iter().map(|(name, _, t)| share_row(name, t.share_percent)).collect::<Vec<_>>(), &[]))
                table {
                    thead { tr { th { (l.t("Limit", "时限")) } th.n { (l.t("On time", "按时")) } th.n { (l.t("Late", "超时")) }
                        th.n { (l.t("Pending", "未到期")) } th.n { (l.t("On time share", "按时率")) } } }
                    tbody { @for (name, field, t) in limits(r, l) { tr {
                        td { (name) }
                        td.n data-k=(format!("/on_time/{field}/on_time")) { (t.on_time) }
                        td.n data-k=(format!("/on_time/{field}/late")) { (t.late) }
                        td.n data-k=(format!("/on_time/{field}/pending")) { (t.pending) }
                        (share_cell(format!("/on_time/{field}/share_percent"), t.share_percent))
                    } } }
                }
                figcaption { (l.t("The share counts the cases judged: on time and late; pending ones wait.",
                    "按时率 = 按时 ÷（按时 + 超时），未到期的案件不计。")) }
            }
        }
        section.keep {
            h2 { (l.t("4. Trainings", "四、专题培训")) }
            p {
                (l.t("Sessions: ", "培训场次：")) strong data-k="/trainings/sessions" { (r.trainings.sessions) }
                (l.t(" · participants: ", " · 参训人数：")) strong data-k="/trainings/participants" { (r.trainings.participants) }
                @if r.trainings.sessions_without_count > 0 {
                    (l.t(" · sessions without a head-count: ", " · 未填人数的场次："))
                    span data-k="/trainings/sessions_without_count" { (r.trainings.sessions_without_count) }
                }
            }
        }
        section.keep {
            h2 { (l.t("5. Reports to the city office", "五、报告报送")) }
            figure {
                (svg::bars(l.t("Share of reports on time", "报告按时报送率"),
                    &r.reports.iter().map(|x| share_row(report_kind(l, &x.kind), x.share_percent)).collect::<Vec<_>>(), &[]))
                table {
                    thead { tr { th { (l.t("Report", "报告")) } th.n { (l.t("Due", "应报")) } th.n { (l.t("On time", "按时")) }
                        th.n { (l.t("Late", "逾期")) } th.n { (l.t("Missing", "缺报")) } th.n { (l.t("Not yet due", "未到截止日")) }
                        th.n { (l.t("On time share", "按时率")) } } }
                    tbody { @for (n, x) in r.reports.iter().enumerate() { tr {
                        td { (report_kind(l, &x.kind)) }
                        td.n data-k=(format!("/reports/{n}/due")) { (x.due) }
                        td.n data-k=(format!("/reports/{n}/on_time")) { (x.on_time) }
                        td.n data-k=(format!("/reports/{n}/late")) { (x.late) }
                        td.n data-k=(format!("/reports/{n}/missing")) { (x.missing) }
                        td.n data-k=(format!("/reports/{n}/not_yet_due")) { (x.not_yet_due) }
                        (share_cell(format!("/reports/{n}/share_percent"), x.share_percent))
                    } } }
                }
            }
        }
        p.meta { (l.t("Figures taken at audit entry ", "数据取自审计记录 ")) (r.audit_head.seq) " · " code { (r.audit_head.hash) } }
        (footer(l, &r.generated_on, &r.rubric))
    };
    whole(l, &t, body)
}
