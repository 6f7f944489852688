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
            (r.from) " – " (r.to) " · " (l.label("label.as_of_2")) span data-k="/as_of" { (r.as_of) }
            " · " span data-k="/stations" { (r.stations) } (l.label("label.stations_2"))
        }
        div.headline {
            span { span.big data-k="/cases/received" { (c.received) } (l.label("label.cases_received")) }
            span { (l.label("label.previous_period_3")) (r.previous.period) ": " span data-k="/previous_received" { (r.previous_received) } }
            span { (l.label("label.accepted_2")) span data-k="/cases/accepted" { (c.accepted) } }
            span { (l.label("label.closed_2")) span data-k="/cases/closed" { (c.closed) } }
            span { (l.label("label.past_a_limit")) span data-k="/cases/overdue" { (c.overdue) } }
        }
        h2 { (l.label("label.1_cases_by_quarter")) }
        figure {
            (svg::bars(l.label("label.cases_by_quarter_beside_the_previous_per"), &quarter_rows, &[]))
            (svg::legend(&[(NOW, format!("{} {}", l.label("label.this_period"), r.period)),
                (BEFORE, format!("{} {}", l.label("label.previous_period_2"), r.previous.period))]))
            table {
                thead { tr { th { (l.label("label.quarter")) } th.n { (l.label("label.cases")) }
                    th { (l.label("label.previous")) } th.n { (l.label("label.cases")) } } }
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
        h2 { (l.label("label.2_cases_by_kind")) }
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
                        p { (l.label("label.none")) }
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
            h2 { (l.label("label.3_time_limits")) }
            figure {
                (svg::bars(l.label("label.share_of_cases_on_time_by_limit"),
                    &limits(r, l).into_iter().map(|(name, _, t)| share_row(name, t.share_percent)).collect::<Vec<_>>(), &[]))
                table {
                    thead { tr { th { (l.label("label.limit")) } th.n { (l.label("label.on_time")) } th.n { (l.label("label.late")) }
                        th.n { (l.label("label.pending")) } th.n { (l.label("label.on_time_share")) } } }
                    tbody { @for (name, field, t) in limits(r, l) { tr {
                        td { (name) }
                        td.n data-k=(format!("/on_time/{field}/on_time")) { (t.on_time) }
                        td.n data-k=(format!("/on_time/{field}/late")) { (t.late) }
                        td.n data-k=(format!("/on_time/{field}/pending")) { (t.pending) }
                        (share_cell(format!("/on_time/{field}/share_percent"), t.share_percent))
                    } } }
                }
                figcaption { (l.label("label.the_share_counts_the_cases_judged_on_tim")) }
            }
        }
        section.keep {
            h2 { (l.label("label.4_trainings")) }
            p {
                (l.label("label.sessions_2")) strong data-k="/trainings/sessions" { (r.trainings.sessions) }
                (l.label("label.participants_3")) strong data-k="/trainings/participants" { (r.trainings.participants) }
                @if r.trainings.sessions_without_count > 0 {
                    (l.label("label.sessions_without_a_head_count_2"))
                    span data-k="/trainings/sessions_without_count" { (r.trainings.sessions_without_count) }
                }
            }
        }
        section.keep {
            h2 { (l.label("label.5_reports_to_the_city_office")) }
            figure {
                (svg::bars(l.label("label.share_of_reports_on_time"),
                    &r.reports.iter().map(|x| share_row(report_kind(l, &x.kind), x.share_percent)).collect::<Vec<_>>(), &[]))
                table {
                    thead { tr { th { (l.label("label.report")) } th.n { (l.label("label.due")) } th.n { (l.label("label.on_time")) }
                        th.n { (l.label("label.late_2")) } th.n { (l.label("label.missing")) } th.n { (l.label("label.not_yet_due")) }
                        th.n { (l.label("label.on_time_share")) } } }
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
        p.meta { (l.label("label.figures_taken_at_audit_entry_2")) (r.audit_head.seq) " · " code { (r.audit_head.hash) } }
        (footer(l, &r.generated_on, &r.rubric))
    };
    whole(l, &t, body)
}
