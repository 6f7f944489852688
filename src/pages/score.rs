//! The scorecard page (`score --station S --format html`) and the ranking page
//! (`score --all --format html`). Their `data-k` pointers address `--format json`'s output:
//! the Score JSON for a scorecard, the array of Score JSON for the ranking.

use super::svg::{self, Mark, Row, Seg};
use super::{footer, grade_colour, page, pts};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::Station;
use crate::model::Hundredths;
use crate::rubric::gaps::GapPlan;
use crate::rubric::{Grade, Rubric, Scorecard};
use maud::{html, Markup};

/// The name of a rubric entry in `lang`.
fn name<'a>(lang: Lang, en: &'a str, zh: &'a str) -> &'a str {
    lang.t(en, zh)
}

/// The index of the card's grade among the rubric's (best first) and its colour.
fn colour(rubric: &Rubric, grade: &Grade) -> &'static str {
    let i = rubric.grades.iter().position(|g| g.id == grade.id).unwrap_or(0);
    grade_colour(i, rubric.grades.len())
}

fn grade_badge(lang: Lang, rubric: &Rubric, g: &Grade) -> Markup {
    html! {
        span.grade style=(format!("background:{}", colour(rubric, g))) { (name(lang, &g.name_en, &g.name_zh)) }
    }
}

/// The grade thresholds above zero, drawn across a chart of totals.
fn marks(lang: Lang, rubric: &Rubric) -> Vec<Mark> {
    let n = rubric.grades.len();
    rubric
        .grades
        .iter()
        .enumerate()
        .filter(|(_, g)| g.min.0 > 0)
        .map(|(i, g)| Mark {
            value: g.min.0,
            label: format!("{} {}", name(lang, &g.name_en, &g.name_zh), pts(g.min)),
            colour: grade_colour(i, n),
        })
        .collect()
}

/// The grade legend: each grade's colour, name and threshold.
fn grade_legend(lang: Lang, rubric: &Rubric) -> Markup {
    let n = rubric.grades.len();
    let items: Vec<(&'static str, String)> = rubric
        .grades
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                grade_colour(i, n),
                format!("{} ≥ {}", name(lang, &g.name_en, &g.name_zh), pts(g.min)),
            )
        })
        .collect();
    svg::legend(&items)
}

/// The lowest grade above the card's, and the points it still needs.
fn next_grade(rubric: &Rubric, total: Hundredths) -> Option<(&Grade, Hundredths)> {
    rubric
        .grades
        .iter()
        .filter(|g| g.min > total)
        .min_by_key(|g| g.min)
        .map(|g| (g, Hundredths(g.min.0 - total.0)))
}

/// One station's scorecard as a page.
pub fn scorecard(
    lang: Lang,
    rubric: &Rubric,
    station: &Station,
    c: &Scorecard,
    plan: &GapPlan,
    generated_on: &str,
) -> String {
    let l = lang;
    let title = format!(
        "{} {} · {} {}",
        station.code,
        station.name,
        l.label("label.scorecard"),
        c.period
    );
    let part_rows: Vec<Row> = c
        .parts
        .iter()
        .map(|p| Row {
            label: format!("{} {}", p.id, name(l, &p.name_en, &p.name_zh)),
            bars: vec![Seg {
                value: p.points.0,
                colour: "#3182ce",
                text: format!("{} / {}", pts(p.points), pts(p.max)),
            }],
            outline: Some(p.max.0),
        })
        .collect();
    let item_index = |id: &str| c.items.iter().position(|i| i.id == id).unwrap_or(0);
    let groups: Vec<(String, String, Option<usize>)> = c
        .parts
        .iter()
        .enumerate()
        .map(|(n, p)| {
            (
                p.id.clone(),
                format!("{} {}", p.id, name(l, &p.name_en, &p.name_zh)),
                Some(n),
            )
        })
        .chain([
            ("bonus".to_string(), l.label("label.bonus").to_string(), None),
            ("penalty".to_string(), l.label("label.penalty").to_string(), None),
        ])
        .collect();
    let body = html! {
        h1 { (station.name) }
        p.meta {
            (station.code) " · " (l.label("label.period_3")) (c.period) " (" (fmt(c.period.from())) " – " (fmt(c.period.to())) ")"
            " · " (l.label("label.as_of")) span data-k="/as_of" { (fmt(c.as_of)) }
        }
        div.headline {
            span.big data-k="/total" { (pts(c.total)) }
            (grade_badge(l, rubric, &c.grade))
            span {
                (l.label("label.base")) span data-k="/base" { (pts(c.base)) }
                (l.label("label.bonus_2")) span data-k="/bonus" { (pts(c.bonus)) }
                (l.label("label.penalty_2")) span data-k="/penalty" { (pts(c.penalty)) }
                " = " (pts(c.total))
            }
        }
        h2 { (l.label("label.the_five_parts")) }
        figure {
            (svg::bars(l.label("label.points_of_each_part_against_its_maximum"), &part_rows, &[]))
            figcaption { (l.label("label.bars_points_outlines_the_part_s_maximum")) }
            table {
                thead { tr { th { (l.label("label.part")) } th.n { (l.label("label.points")) } th.n { (l.label("label.max")) } } }
                tbody {
                    @for (n, p) in c.parts.iter().enumerate() {
                        tr {
                            td { (p.id) " " (name(l, &p.name_en, &p.name_zh)) }
                            td.n data-k=(format!("/parts/{n}/points")) { (pts(p.points)) }
                            td.n data-k=(format!("/parts/{n}/max")) { (pts(p.max)) }
                        }
                    }
                }
            }
        }
        h2 { (l.label("label.items")) }
        table.items {
            thead { tr {
                th { (l.label("label.item")) } th { (l.label("label.name")) }
                th.n { (l.label("label.points")) } th.n { (l.label("label.max")) } th { (l.label("label.evidence")) }
            } }
            tbody {
                @for (part, label, index) in &groups {
                    tr.part {
                        td colspan="2" { (label) }
                        @match index {
                            Some(n) => {
                                td.n { (pts(c.parts[*n].points)) }
                                td.n { (pts(c.parts[*n].max)) }
                            }
                            None => {
                                td.n { (pts(if part == "bonus" { c.bonus } else { c.penalty })) }
                                td.n {}
                            }
                        }
                        td {}
                    }
                    @for i in c.items.iter().filter(|i| i.part.as_str() == part) {
                        @let j = item_index(&i.id);
                        tr {
                            td { (i.id) }
                            td { (name(l, &i.name_en, &i.name_zh)) }
                            td.n data-k=(format!("/items/{j}/points")) { (pts(i.points)) }
                            td.n data-k=(format!("/items/{j}/max")) { (pts(i.max)) }
                            td {
                                (i.evidence.get(l))
                                details {
                                    summary { (l.label("label.rows_behind_this_item")) " (" (i.explain.len()) ")" }
                                    @if i.explain.is_empty() {
                                        p { (l.label("label.no_rows")) }
                                    } @else {
                                        ul { @for row in &i.explain { li { (row.get(l)) } } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.keep {
            h2 { (l.label("label.gaps_to_the_next_grade")) }
            (gaps(l, rubric, c, plan))
        }
        (footer(l, generated_on, &c.rubric_id))
    };
    page(l, &title, body)
}

fn gaps(l: Lang, rubric: &Rubric, c: &Scorecard, plan: &GapPlan) -> Markup {
    html! {
        @match next_grade(rubric, c.total) {
            Some((g, need)) => p {
                (l.label("label.next_grade")) (name(l, &g.name_en, &g.name_zh)) " (≥ " (pts(g.min)) ")"
                (l.label("label.still_needed")) strong { (pts(need)) } (l.label("label.points_2"))
            },
            None => {}
        }
        @if let Some(note) = plan.note() { p { (note.get(l)) } }
        @match plan {
            GapPlan::Top { .. } => {},
            GapPlan::Past(items) => {
                table {
                    thead { tr { th { (l.label("label.item")) } th.n { (l.label("label.lost")) } th { (l.label("label.evidence")) } } }
                    tbody { @for i in items { tr {
                        td { (i.id) " " (i.name.get(l)) } td.n { "−" (pts(i.lost)) } td { (i.evidence.get(l)) }
                    } } }
                }
            },
            GapPlan::Open { steps, reach } => {
                @if !steps.is_empty() {
                    table {
                        thead { tr {
                            th { (l.label("label.action")) } th.n { (l.label("label.adds")) }
                            th.n { (l.label("label.total_after")) } th { (l.label("label.grade")) }
                        } }
                        tbody { @for s in steps { tr {
                            td { (s.action.text().get(l)) } td.n { "+" (pts(s.points)) }
                            td.n { (pts(s.total)) } td { (s.grade.get(l)) }
                        } } }
                    }
                }
                @if let Some((total, _)) = reach {
                    p { (l.label("label.best_total_reachable_with_the_cases_reco_2"))
                        (pts(*total)) }
                }
            },
        }
    }
}

/// Ranks: equal totals share a rank (1, 2, 2, 4), as in the terminal table.
pub fn ranks(cards: &[(Station, Scorecard)]) -> Vec<usize> {
    let mut out = Vec::with_capacity(cards.len());
    let mut rank = 0;
    for (n, (_, c)) in cards.iter().enumerate() {
        if n == 0 || cards[n - 1].1.total != c.total {
            rank = n + 1;
        }
        out.push(rank);
    }
    out
}

/// The background of a grid cell at `share` percent of the part's maximum: red for none,
/// through yellow, to green for all (hue in whole degrees).
fn shade(share: i64) -> String {
    format!("background:hsl({}, 70%, 80%)", share.clamp(0, 100) * 120 / 100)
}

/// `points` as a whole percentage of `max`, rounded down (for shading and the grid's text).
fn share(points: Hundredths, max: Hundredths) -> i64 {
    if max.0 <= 0 {
        return 0;
    }
    points.0 * 100 / max.0
}

/// Every station ranked, as a page.
pub fn ranking(
    lang: Lang,
    rubric: &Rubric,
    period: &str,
    as_of: &str,
    cards: &[(Station, Scorecard)],
    generated_on: &str,
) -> String {
    let l = lang;
    let title = format!("{} {period}", l.label("label.station_ranking"));
    let rank = ranks(cards);
    let rows: Vec<Row> = cards
        .iter()
        .map(|(s, c)| Row {
            label: s.code.clone(),
            bars: vec![Seg {
                value: c.total.0,
                colour: colour(rubric, &c.grade),
                text: pts(c.total),
            }],
            outline: None,
        })
        .collect();
    let part_totals: Vec<(Hundredths, Hundredths)> = rubric
        .parts
        .iter()
        .enumerate()
        .map(|(n, _)| {
            cards
                .iter()
                .fold((Hundredths(0), Hundredths(0)), |(p, m), (_, c)| {
                    c.parts.get(n).map_or((p, m), |x| {
                        (Hundredths(p.0 + x.points.0), Hundredths(m.0 + x.max.0))
                    })
                })
        })
        .collect();
    let body = html! {
        h1 { (title) }
        p.meta {
            (l.label("label.as_of")) (as_of) " · " (cards.len()) (l.label("label.stations_2"))
        }
        h2 { (l.label("label.totals_and_grades")) }
        figure {
            (svg::bars(l.label("label.total_of_each_station_with_the_grade_thr"), &rows, &marks(l, rubric)))
            (grade_legend(l, rubric))
            figcaption { (l.label("label.dashed_lines_the_grade_thresholds_the_ta")) }
        }
        h2 { (l.label("label.ranking")) }
        table.ranking {
            thead { tr {
                th.n { (l.label("label.rank")) } th { (l.label("label.code")) } th { (l.label("label.name")) }
                @for p in &rubric.parts { th.n { (p.id) } }
                th.n { (l.label("label.bonus")) } th.n { (l.label("label.penalty")) }
                th.n { (l.label("label.total")) } th { (l.label("label.grade")) }
            } }
            tbody {
                @for (n, (s, c)) in cards.iter().enumerate() {
                    tr {
                        td.n { (rank[n]) } td.code { (s.code) } td { (s.name) }
                        @for (k, p) in c.parts.iter().enumerate() {
                            td.n data-k=(format!("/{n}/parts/{k}/points")) { (pts(p.points)) }
                        }
                        td.n data-k=(format!("/{n}/bonus")) { (pts(c.bonus)) }
                        td.n data-k=(format!("/{n}/penalty")) { (pts(c.penalty)) }
                        td.n data-k=(format!("/{n}/total")) { strong { (pts(c.total)) } }
                        td { (grade_badge(l, rubric, &c.grade)) }
                    }
                }
            }
        }
        section.keep {
            h2 { (l.label("label.parts_across_the_network")) }
            p.meta { (l.label("label.each_cell_points_and_their_share_of_the")) }
            p.meta { @for p in &rubric.parts { (p.id) " " (name(l, &p.name_en, &p.name_zh)) br; } }
            table.grid {
                thead { tr {
                    th { (l.label("label.station_2")) }
                    @for p in &rubric.parts { th.n { (p.id) br; small { "/" (pts(p.max)) } } }
                } }
                tbody {
                    @for (s, c) in cards {
                        tr {
                            td.code { (s.code) }
                            @for p in &c.parts {
                                @let sh = share(p.points, p.max);
                                td.n style=(shade(sh)) { (pts(p.points)) br; small { (sh) "%" } }
                            }
                        }
                    }
                    tr.part {
                        td { (l.label("label.network")) }
                        @for (p, m) in &part_totals {
                            @let sh = share(*p, *m);
                            td.n style=(shade(sh)) { (sh) "%" }
                        }
                    }
                }
            }
        }
        (footer(l, generated_on, cards.first().map_or(rubric.id.as_str(), |(_, c)| c.rubric_id.as_str())))
    };
    page(l, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_shades_are_whole_numbers() {
        assert_eq!(share(Hundredths(750), Hundredths(1000)), 75);
        assert_eq!(share(Hundredths(1), Hundredths(0)), 0);
        assert_eq!(shade(0), "background:hsl(0, 70%, 80%)");
        assert_eq!(shade(100), "background:hsl(120, 70%, 80%)");
        assert_eq!(shade(50), "background:hsl(60, 70%, 80%)");
    }
}
