//! `score --gaps`: rendering of the actions that would add points.

use crate::i18n::Lang;
use crate::model::records::StationRecords;
use crate::rubric::{Rubric, Scorecard};

pub fn gaps(lang: Lang, rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> String {
    crate::rubric::gaps::render(lang, rubric, recs, card)
}
