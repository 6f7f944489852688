//! The one classification of a case against each time limit, at an as-of date `A`: on time,
//! late or still pending. The scorer (2.1, 2.2, 2.3, 2.4, P1) and `case list --overdue` share it.

use super::{Limits, Rubric};
use crate::model::date::days;
use crate::model::recorded::Case;
use chrono::NaiveDate;

/// Where a case stands against one limit at `A`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done within the limit, after `days` days.
    OnTime { days: i64 },
    /// Done after the limit, after `days` days.
    DoneLate { days: i64 },
    /// Not done and `days` days have passed at `A`, more than the limit.
    OpenLate { days: i64 },
    /// Not done and still within the limit at `A` (`days` so far).
    Pending { days: i64 },
}

impl Status {
    pub fn is_late(self) -> bool {
        matches!(self, Status::DoneLate { .. } | Status::OpenLate { .. })
    }
    pub fn is_on_time(self) -> bool {
        matches!(self, Status::OnTime { .. })
    }
    pub fn is_pending(self) -> bool {
        matches!(self, Status::Pending { .. })
    }
}

/// A case as it stood at `A`, with its classification against every limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseClass {
    /// The dates as known at `A` (a date after `A` reads as not yet happened).
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub followup_on: Option<NaiveDate>,
    pub acceptance: Status,
    pub handling: Status,
    /// `None` while the case is not closed at `A`.
    pub followup: Option<Status>,
}

fn judge(start: NaiveDate, done: Option<NaiveDate>, as_of: NaiveDate, limit: u32) -> Status {
    let limit = i64::from(limit);
    match done {
        Some(d) => {
            let n = days(start, d);
            if n <= limit {
                Status::OnTime { days: n }
            } else {
                Status::DoneLate { days: n }
            }
        }
        None => {
            let n = days(start, as_of);
            if n > limit {
                Status::OpenLate { days: n }
            } else {
                Status::Pending { days: n }
            }
        }
    }
}

/// The dates a classification reads.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub received_on: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub followup_on: Option<NaiveDate>,
}

impl Dates {
    pub fn of(case: &Case) -> Dates {
        Dates {
            received_on: case.received_on,
            accepted_on: case.accepted_on,
            closed_on: case.closed_on,
            followup_on: case.followup_on,
        }
    }
}

/// Classifies a case received on or before `as_of` against the rubric's limits.
pub fn classify(limits: &Limits, case: &Case, as_of: NaiveDate) -> CaseClass {
    classify_dates(limits, Dates::of(case), as_of)
}

/// As [`classify`], from the case's dates alone.
pub fn classify_dates(limits: &Limits, case: Dates, as_of: NaiveDate) -> CaseClass {
    let known = |d: Option<NaiveDate>| d.filter(|d| *d <= as_of);
    let accepted_on = known(case.accepted_on);
    let closed_on = known(case.closed_on);
    // A follow-up dated before the closing is no follow-up of it.
    let followup_on = known(case.followup_on).filter(|f| closed_on.is_some_and(|c| *f >= c));
    let acceptance = judge(case.received_on, accepted_on, as_of, limits.accept_days);
    let start = accepted_on.unwrap_or(case.received_on);
    let handling = judge(start, closed_on, as_of, limits.handle_days);
    let followup = closed_on.map(|c| judge(c, followup_on, as_of, limits.followup_days));
    CaseClass {
        accepted_on,
        closed_on,
        followup_on,
        acceptance,
        handling,
        followup,
    }
}

/// Which limit a case has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Acceptance,
    Handling,
    Followup,
}

impl Limit {
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::Acceptance => "acceptance",
            Limit::Handling => "handling",
            Limit::Followup => "followup",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Limit::Acceptance => "受理",
            Limit::Handling => "办结",
            Limit::Followup => "回访",
        }
    }
}

/// A case that has passed at least one of its limits at `A`.
#[derive(Debug, Clone)]
pub struct Overdue<'a> {
    pub case: &'a Case,
    pub class: CaseClass,
    /// Each limit passed, with the days taken (or elapsed, if still not done) and the limit.
    pub passed: Vec<(Limit, i64, u32)>,
}

/// The cases to handle (not collected information; received on or before `as_of`) late against any limit of the rubric in force at
/// `as_of`, in the order given.
pub fn overdue_cases<'a>(rubric: &Rubric, cases: &'a [Case], as_of: NaiveDate) -> Vec<Overdue<'a>> {
    let l = &rubric.limits;
    cases
        .iter()
        .filter(|c| c.received_on <= as_of && c.is_handled())
        .filter_map(|case| {
            let class = classify(l, case, as_of);
            let mut passed = Vec::new();
            let checks = [
                (Limit::Acceptance, Some(class.acceptance), l.accept_days),
                (Limit::Handling, Some(class.handling), l.handle_days),
                (Limit::Followup, class.followup, l.followup_days),
            ];
            for (limit, status, max) in checks {
                if let Some(Status::DoneLate { days } | Status::OpenLate { days }) = status {
                    passed.push((limit, days, max));
                }
            }
            (!passed.is_empty()).then_some(Overdue { case, class, passed })
        })
        .collect()
}
