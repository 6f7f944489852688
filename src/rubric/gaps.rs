//! What a station can still do before its period ends, or where its points were lost.

use crate::i18n::Lang;
use crate::model::records::StationRecords;
use crate::rubric::{Rubric, Scorecard};

/// The gaps section of a scorecard, as text.
pub fn render(_lang: Lang, _rubric: &Rubric, _recs: &StationRecords, _card: &Scorecard) -> String {
    String::new()
}
