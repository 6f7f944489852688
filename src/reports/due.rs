//! What is due or late at an as-of date (docs/reports.md, "report due"): reports (art. 8),
//! case time limits, red and yellow plans, the acceptance and the biennial assessments (art. 9).

use crate::model::date::{add_days, fmt, plus_one_year, year_end};
use crate::model::period::quarter_end;
use crate::model::recorded::{Case, Report, Station};
use crate::model::CaseEventKind;
use crate::model::{AssessmentKind, ReportKind, StationStatus, WarningLevel};
use crate::rubric::classify::{classify, Status};
use crate::rubric::{Limits, Metric, Rubric};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// What falls due: a report (art. 8), a case time limit or plan, a reason awaiting the city
/// office's decision, or an assessment (art. 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DueKind {
    AnnualSummary,
    WorkPlan,
    QuarterlyCases,
    CaseAcceptance,
    CaseHandling,
    CaseFollowup,
    /// A red case's special-handling plan.
    CaseSpecialPlan,
    /// A yellow case's one-case plan.
    CasePlan,
    /// A blue case's risk notice.
    CaseRiskNotice,
    ReasonDecision,
    AcceptanceAssessment,
    BiennialAssessment,
}

impl DueKind {
    /// The value in machine output (`report due --format json`).
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::AnnualSummary => "annual_summary",
            DueKind::WorkPlan => "work_plan",
            DueKind::QuarterlyCases => "quarterly_cases",
            DueKind::CaseAcceptance => "case_acceptance",
            DueKind::CaseHandling => "case_handling",
            DueKind::CaseFollowup => "case_followup",
            DueKind::CaseSpecialPlan => "case_special_plan",
            DueKind::CasePlan => "case_plan",
            DueKind::CaseRiskNotice => "case_risk_notice",
            DueKind::ReasonDecision => "reason_decision",
            DueKind::AcceptanceAssessment => "acceptance_assessment",
            DueKind::BiennialAssessment => "biennial_assessment",
        }
    }

    /// Whether it is an assessment: due however long ago its date passed (`--since` does not
    /// hide it).
    pub fn is_assessment(self) -> bool {
        match self {
            DueKind::AcceptanceAssessment | DueKind::BiennialAssessment => true,
            DueKind::AnnualSummary
            | DueKind::WorkPlan
            | DueKind::QuarterlyCases
            | DueKind::CaseAcceptance
            | DueKind::CaseHandling
            | DueKind::CaseFollowup
            | DueKind::CaseSpecialPlan
            | DueKind::CasePlan
            | DueKind::CaseRiskNotice
            | DueKind::ReasonDecision => false,
        }
    }
}

impl Serialize for DueKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One thing due by a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub due: NaiveDate,
    pub station: String,
    /// What is due (serialized as its value: `annual_summary`, `case_plan`, …).
    pub kind: DueKind,
    /// The report's period, the case id or the assessment's period.
    pub subject: String,
    /// Passed its date at the as-of date (the due day itself is not late).
    pub late: bool,
    /// Days from the due date to the as-of date: positive when late, negative before.
    pub days: i64,
    /// An open red case whose special-handling plan is in: listed for the city office's
    /// attention, with the plan's date, and never late.
    pub plan_in: Option<NaiveDate>,
}

/// One station's facts the deadlines depend on.
pub struct StationFacts<'a> {
    pub station: &'a Station,
    pub reports: &'a [Report],
    pub cases: &'a [Case],
    /// The first plan, special plan or risk notice of each case dated on or before the as-of
    /// date, by (case id, event kind).
    pub planned: &'a HashMap<(String, CaseEventKind), NaiveDate>,
    /// Dates of the station's stored assessments: (kind, date).
    pub assessments: &'a [(AssessmentKind, NaiveDate)],
}

impl StationFacts<'_> {
    /// Whether the report of `kind` for `period` was submitted on or before `as_of`.
    fn submitted(&self, kind: ReportKind, period: &str, as_of: NaiveDate) -> bool {
        self.reports
            .iter()
            .any(|r| r.kind == kind && r.period == period && r.submitted_on <= as_of)
    }

    /// Whether an assessment of `kind` is dated after `after` and on or before `as_of`.
    fn assessed(&self, kind: AssessmentKind, after: NaiveDate, as_of: NaiveDate) -> bool {
        self.assessments
            .iter()
            .any(|(k, d)| *k == kind && *d > after && *d <= as_of)
    }
}

/// The report deadlines of the rubric: (annual_due_days, quarter_due_days), each if measured.
pub fn report_params(r: &Rubric) -> (Option<u32>, Option<u32>) {
    let (mut annual, mut quarter) = (None, None);
    for item in r.parts.iter().flat_map(|p| &p.items) {
        match item.metric {
            Metric::AnnualReports { annual_due_days, .. } => annual = annual.or(Some(annual_due_days)),
            Metric::QuarterlyReports { quarter_due_days, .. } => quarter = quarter.or(Some(quarter_due_days)),
            _ => {}
        }
    }
    (annual, quarter)
}

/// The items of one station found so far, up to the horizon.
struct Acc<'a> {
    as_of: NaiveDate,
    horizon: NaiveDate,
    /// Reports and case limits due before this day are history, not deadlines.
    since: NaiveDate,
    station: &'a str,
    out: Vec<DueItem>,
}

impl Acc<'_> {
    fn push(&mut self, due: NaiveDate, kind: DueKind, subject: String) {
        let assessment = kind.is_assessment();
        if due > self.horizon || (due < self.since && !assessment) {
            return;
        }
        let days = (self.as_of - due).num_days();
        self.out.push(DueItem {
            due,
            station: self.station.to_string(),
            kind,
            subject,
            late: days > 0,
            days,
            plan_in: None,
        });
    }
}

/// The first day whose missed reports and case limits still matter at `as_of`: deadlines
/// before the latest official assessment are settled by it, and none older than 1 January two
/// years back can count in an assessment still to come (a biennial covers two calendar years).
pub fn default_since(f: &StationFacts<'_>, as_of: NaiveDate) -> NaiveDate {
    let floor = NaiveDate::from_ymd_opt(as_of.year() - 2, 1, 1).unwrap_or(as_of);
    let settled = f
        .assessments
        .iter()
        .map(|(_, d)| *d)
        .filter(|d| *d <= as_of)
        .max();
    settled.map_or(floor, |d| floor.max(add_days(d, 1)))
}

/// Everything due from `since` to `as_of + within` days and not done at `as_of`, for one
/// station (assessments that are due are listed whatever their date).
pub fn station_items(
    rubric: &Rubric,
    f: &StationFacts<'_>,
    as_of: NaiveDate,
    within: u32,
    since: Option<NaiveDate>,
) -> Vec<DueItem> {
    let s = f.station;
    let mut acc = Acc {
        as_of,
        horizon: add_days(as_of, i64::from(within)),
        since: since.unwrap_or_else(|| default_since(f, as_of)),
        station: &s.code,
        out: Vec::new(),
    };
    if !matches!(s.status, StationStatus::Established | StationStatus::Accepted) {
        return acc.out;
    }
    let start = s.established_on.or(s.status_on).unwrap_or(as_of);
    report_items(&mut acc, rubric, f, start);
    // Collected dispute information is no case to handle: it has no limits, plans or reasons.
    for c in f
        .cases
        .iter()
        .filter(|c| c.received_on <= as_of && c.is_handled())
    {
        case_items(&mut acc, &rubric.limits, f, c);
    }
    assessment_items(&mut acc, f, start);
    acc.out
}

/// The annual summaries, work plans and quarterly reports from the year of `start` on.
fn report_items(acc: &mut Acc<'_>, rubric: &Rubric, f: &StationFacts<'_>, start: NaiveDate) {
    let as_of = acc.as_of;
    let (annual, quarter) = report_params(rubric);
    for y in start.year()..=acc.horizon.year() {
        if let Some(d) = annual {
            let due = crate::rubric::annual_due(y, d);
            if !f.submitted(ReportKind::AnnualSummary, &y.to_string(), as_of) {
                acc.push(due, DueKind::AnnualSummary, y.to_string());
            }
            if !f.submitted(ReportKind::WorkPlan, &(y + 1).to_string(), as_of) {
                acc.push(due, DueKind::WorkPlan, (y + 1).to_string());
            }
        }
        if let Some(d) = quarter {
            for q in 1..=4 {
                let period = format!("{y}Q{q}");
                if quarter_end(y, q) >= start && !f.submitted(ReportKind::QuarterlyCases, &period, as_of) {
                    acc.push(
                        crate::rubric::quarter_due(y, q, d),
                        DueKind::QuarterlyCases,
                        period,
                    );
                }
            }
        }
    }
}

/// The open time limits of one case, and its missing red or yellow plan.
fn case_items(acc: &mut Acc<'_>, l: &Limits, f: &StationFacts<'_>, c: &Case) {
    let k = classify(l, c, acc.as_of);
    let open = |st: Status| matches!(st, Status::OpenLate { .. } | Status::Pending { .. });
    let accept_by = add_days(c.received_on, l.accept_days.into());
    if open(k.acceptance) {
        acc.push(accept_by, DueKind::CaseAcceptance, c.id.clone());
    }
    if open(k.handling) {
        let handling_from = k.accepted_on.unwrap_or(c.received_on);
        acc.push(
            add_days(handling_from, l.handle_days.into()),
            DueKind::CaseHandling,
            c.id.clone(),
        );
    }
    if let (Some(st), Some(closed)) = (k.followup, k.closed_on) {
        if open(st) {
            acc.push(
                add_days(closed, l.followup_days.into()),
                DueKind::CaseFollowup,
                c.id.clone(),
            );
        }
    }
    // Seed 003 §9: red → special handling, yellow → one-case plan, blue → risk notice.
    let need = match c.warning_level {
        Some(WarningLevel::Red) => Some((
            CaseEventKind::SpecialPlan,
            l.red_plan_days,
            DueKind::CaseSpecialPlan,
        )),
        Some(WarningLevel::Yellow) => Some((CaseEventKind::Plan, l.yellow_plan_days, DueKind::CasePlan)),
        Some(WarningLevel::Blue) => Some((
            CaseEventKind::RiskNotice,
            l.blue_notice_days,
            DueKind::CaseRiskNotice,
        )),
        None => None,
    };
    if let (Some((kind, days, item)), None) = (need, k.closed_on) {
        let by = add_days(c.received_on, days.into());
        match f.planned.get(&(c.id.clone(), kind)) {
            None => acc.push(by, item, c.id.clone()),
            // An open red case stays on the office's list with its plan.
            Some(d) if kind == CaseEventKind::SpecialPlan => {
                acc.push(by, item, c.id.clone());
                if let Some(last) = acc.out.last_mut().filter(|i| i.subject == c.id && i.kind == item) {
                    last.plan_in = Some(*d);
                    last.late = false;
                }
            }
            Some(_) => {}
        }
    }
    // A reason the station gave awaits the city office's decision (P1).
    if !c.overdue_reason.trim().is_empty() && c.reason_accepted.is_none() {
        acc.push(acc.as_of, DueKind::ReasonDecision, c.id.clone());
    }
}

/// The acceptance assessment of an established station, or the biennial ones of an accepted one.
fn assessment_items(acc: &mut Acc<'_>, f: &StationFacts<'_>, start: NaiveDate) {
    let s = f.station;
    match s.status {
        StationStatus::Established => {
            if let Some(e) = s.established_on {
                let due = plus_one_year(e);
                if !f.assessed(AssessmentKind::Acceptance, add_days(e, -1), acc.as_of) {
                    let period = format!("{}..{}", fmt(e), fmt(add_days(due, -1)));
                    acc.push(due, DueKind::AcceptanceAssessment, period);
                }
            }
        }
        StationStatus::Accepted => {
            let accepted = s.status_on.unwrap_or(start);
            let mut y = accepted.year() + 2;
            while let Some(due) = NaiveDate::from_ymd_opt(y + 1, 3, 31) {
                if due > acc.horizon {
                    break;
                }
                if !f.assessed(AssessmentKind::Biennial, year_end(y), acc.as_of) {
                    acc.push(due, DueKind::BiennialAssessment, format!("{}-{}", y - 1, y));
                }
                y += 2;
            }
        }
        _ => {}
    }
}

/// Sorts items by date, then station, kind and subject.
pub fn sort(items: &mut [DueItem]) {
    items.sort_by(|a, b| {
        (a.due, &a.station, a.kind.as_str(), &a.subject).cmp(&(
            b.due,
            &b.station,
            b.kind.as_str(),
            &b.subject,
        ))
    });
}
