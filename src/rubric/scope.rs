//! What every metric's measurement reads and returns: the station's records in scope with its
//! judged cases (`Scope`), one item's points and evidence (`Measured`). `measure` dispatches on
//! the metric kind to itself, `counts` and `submissions`; all of them use these.

use super::classify::CaseClass;
use super::evidence::Text;
use super::Limits;
use crate::model::recorded::StationRecords;
use crate::model::{CaseKind, CaseSource, Hundredths, Period};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What the engine knows while scoring one station.
pub struct Scope<'a> {
    pub recs: &'a StationRecords,
    pub period: Period,
    pub as_of: NaiveDate,
    /// `R = min(end of P, A)`.
    pub r: NaiveDate,
    pub limits: Limits,
    /// The case set `C` with each case's classification.
    pub cases: Vec<Judged<'a>>,
    /// Whether to write one explanation row per case (off when ranking many stations).
    pub explain: bool,
}

/// What the engine reads of one case in `C`, with its classification at `A`.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    pub id: &'a str,
    pub source: CaseSource,
    pub kind: CaseKind,
    pub effective: Option<bool>,
    /// Whether an overdue reason is given and accepted by the city office (P1).
    pub excused: bool,
    /// The whole case, when scoring with explanations (its reason and the decision on it).
    pub case: Option<&'a crate::model::recorded::Case>,
    pub class: CaseClass,
}

impl Scope<'_> {
    /// Whether a record dated `d` counts: in P and on or before A.
    pub fn counts(&self, d: NaiveDate) -> bool {
        self.period.contains(d) && d <= self.as_of
    }
}

/// One item's points, evidence line and explanation rows.
pub struct Measured {
    pub points: Hundredths,
    pub evidence: Text,
    pub explain: Vec<Text>,
}

/// Distinct names, for people recorded more than once.
pub fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    names.map(str::trim).collect()
}
