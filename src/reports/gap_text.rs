//! `score --gaps` as text: the actions that would add points, each action once with how many
//! times and what it adds (the list the annual summary prints), or where a past period lost
//! points, with the running total and its grade.

use super::gap_list::{Gap, Gaps};
use crate::i18n::Lang;
use crate::model::recorded::StationRecords;
use crate::model::Hundredths;
use crate::rubric::gaps::{plan, GapPlan};
use crate::rubric::{Rubric, Scorecard};

/// The gaps section of `score --gaps`: a heading, the notes, one line per entry.
pub fn gaps(lang: Lang, rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> String {
    let plan = plan(rubric, recs, card);
    let list = Gaps::from_plan(&plan, lang);
    let mut out = format!("\n{}\n", lang.label("label.gaps"));
    for note in &list.notes {
        out.push_str(&format!("  {note}\n"));
    }
    // The running total after each entry, and its grade.
    let mut total = card.total;
    for gap in &list.items {
        match gap {
            Gap::Action { action, points, .. } => {
                total = Hundredths(total.0 + points.0);
                let grade = rubric.grade(total);
                out.push_str(&format!(
                    "  {action}: +{points} → {total} ({})\n",
                    lang.t(&grade.name_en, &grade.name_zh)
                ));
            }
            Gap::Lost {
                item,
                points,
                evidence,
            } => {
                out.push_str(&format!("  {item}: {points} — {evidence}\n"));
            }
        }
    }
    if matches!(plan, GapPlan::Open { reach: Some(_), .. }) {
        out.push_str(&format!(
            "  {} {}\n",
            lang.label("label.best_total_reachable_with_the_cases_reco"),
            total
        ));
    }
    out
}
