//! One plain struct per thing a station records (product.md, "What it records"), with the
//! checks that involve more than one field. Stores, importers and the scorer share these.

use super::date::fmt;
use super::enums::*;
use super::{Hundredths, Period};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A workstation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Station {
    pub code: String,
    pub name: String,
    pub host_org: String,
    pub district: String,
    pub level: Option<StationLevel>,
    pub status: StationStatus,
    pub status_on: Option<NaiveDate>,
    pub established_on: Option<NaiveDate>,
    /// The five application conditions of art. 4, in order.
    pub conditions: [bool; 5],
}

/// The five application conditions of art. 4 (seed 000), English and Chinese.
pub const CONDITIONS: [(&str, &str); 5] = [
    (
        "a host organisation with legal-person status",
        "依托单位具有独立法人资格",
    ),
    (
        "a fixed office and the facilities the work needs",
        "有固定的办公场所和必要的办公设施",
    ),
    (
        "staff who know overseas IP dispute work",
        "有熟悉海外知识产权纠纷应对的工作人员",
    ),
    (
        "working rules and a service process",
        "有健全的工作制度和服务流程",
    ),
    (
        "the ability to gather experts and service institutions",
        "具有整合专家和服务机构资源的能力",
    ),
];

/// One dated step of a station's lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub station: String,
    pub status: StationStatus,
    pub on: NaiveDate,
    pub note: String,
}

/// A staff member of a station.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Staff {
    pub station: String,
    pub name: String,
    pub full_time: bool,
    pub from: NaiveDate,
    /// The last day of work, if any.
    pub to: Option<NaiveDate>,
}

/// A member of the expert pool: an expert or a pro-bono lawyer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expert {
    pub station: String,
    pub name: String,
    pub kind: ExpertKind,
    pub field: String,
    pub countries: String,
    pub joined_on: NaiveDate,
    /// The first day out of the pool, if any.
    pub left_on: Option<NaiveDate>,
}

/// A payment of dedicated funding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funding {
    pub station: String,
    pub date: NaiveDate,
    /// Yuan, held in fen.
    pub amount: Hundredths,
    pub source: String,
}

/// A dispute case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub id: String,
    pub station: String,
    pub enterprise: String,
    pub credit_code: Option<String>,
    pub received_on: NaiveDate,
    pub source: CaseSource,
    pub kind: CaseKind,
    pub ip_type: Option<IpType>,
    pub country: String,
    pub dispute_type: Option<DisputeType>,
    pub warning_level: Option<WarningLevel>,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub effective: Option<bool>,
    /// The first follow-up (the one the rubric uses).
    pub followup_on: Option<NaiveDate>,
    pub overdue_reason: String,
    pub summary: String,
    pub typical: bool,
}

impl Case {
    /// A new case as received, with every later field empty.
    pub fn received(id: String, station: String, enterprise: String, received_on: NaiveDate) -> Case {
        Case {
            id,
            station,
            enterprise,
            credit_code: None,
            received_on,
            source: CaseSource::Enterprise,
            kind: CaseKind::Guidance,
            ip_type: None,
            country: String::new(),
            dispute_type: None,
            warning_level: None,
            accepted_on: None,
            closed_on: None,
            outcome: None,
            effective: None,
            followup_on: None,
            overdue_reason: String::new(),
            summary: String::new(),
            typical: false,
        }
    }

    /// Checks that the lifecycle dates are in order: received ≤ accepted ≤ closed ≤ follow-up,
    /// a closed case has been accepted and a followed-up case closed. The error names the
    /// field at fault.
    pub fn check_dates(&self) -> Result<(), (&'static str, String)> {
        let steps = [
            ("received_on", Some(self.received_on)),
            ("accepted_on", self.accepted_on),
            ("closed_on", self.closed_on),
            ("followup_on", self.followup_on),
        ];
        for i in 1..steps.len() {
            let (name, date) = steps[i];
            let (prev_name, prev) = steps[i - 1];
            match (prev, date) {
                (None, Some(_)) => {
                    return Err((name, format!("{name} is set but {prev_name} is empty: a case is received, accepted, closed, then followed up")));
                }
                (Some(p), Some(d)) if d < p => {
                    return Err((
                        name,
                        format!("{name} {} is before {prev_name} {}", fmt(d), fmt(p)),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Where this case (as it would be stored) contradicts the events already on its
    /// timeline: follow-ups need the case closed on or before the first of them and
    /// `followup_on` set no later than it; no event is before `received_on`; a plan needs a
    /// red or yellow warning, a risk notice a blue one. (column, message) pairs.
    pub fn timeline_conflicts(&self, events: &[CaseEvent]) -> Vec<(&'static str, String)> {
        use crate::model::{CaseEventKind as K, WarningLevel as W};
        let mut found = Vec::new();
        let first = |kind: K| events.iter().filter(|e| e.kind == kind).map(|e| e.on).min();
        if let Some(f) = first(K::Followup) {
            let f = fmt(f);
            match self.closed_on {
                None => found.push((
                    "closed_on",
                    format!("closed_on is empty but case {} has a follow-up recorded on {f}: a followed-up case stays closed", self.id),
                )),
                Some(c) if fmt(c) > f => found.push((
                    "closed_on",
                    format!("closed_on {} is after the follow-up recorded on {f}: a case is followed up after it is closed", fmt(c)),
                )),
                _ => {}
            }
            match self.followup_on {
                None => found.push((
                    "followup_on",
                    format!("followup_on is empty but case {} has a follow-up recorded on {f}", self.id),
                )),
                Some(d) if fmt(d) > f => found.push((
                    "followup_on",
                    format!("followup_on {} is after the follow-up recorded on {f}: it is the date of the first follow-up", fmt(d)),
                )),
                _ => {}
            }
        }
        if let Some(e) = events
            .iter()
            .filter(|e| e.on < self.received_on)
            .min_by_key(|e| e.on)
        {
            found.push((
                "received_on",
                format!(
                    "received_on {} is after the {} recorded on {}: a case's timeline starts when it is received",
                    fmt(self.received_on),
                    e.kind,
                    fmt(e.on)
                ),
            ));
        }
        if let Some(p) = first(K::Plan) {
            if !matches!(self.warning_level, Some(W::Red | W::Yellow)) {
                found.push((
                    "warning_level",
                    format!(
                        "case {} has a plan recorded on {}: its warning level must stay red or yellow",
                        self.id,
                        fmt(p)
                    ),
                ));
            }
        }
        if let Some(r) = first(K::RiskNotice) {
            if self.warning_level != Some(W::Blue) {
                found.push((
                    "warning_level",
                    format!(
                        "case {} has a risk notice recorded on {}: its warning level must stay blue",
                        self.id,
                        fmt(r)
                    ),
                ));
            }
        }
        found
    }

    /// The dates that record things that happened, which may not be after today.
    pub fn happened_dates(&self) -> [(&'static str, Option<NaiveDate>); 4] {
        [
            ("received_on", Some(self.received_on)),
            ("accepted_on", self.accepted_on),
            ("closed_on", self.closed_on),
            ("followup_on", self.followup_on),
        ]
    }
}

/// A dated entry on a case's timeline: a follow-up, a red/yellow plan, a blue risk notice, a note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseEvent {
    pub case_id: String,
    pub kind: CaseEventKind,
    pub on: NaiveDate,
    pub note: String,
}

/// A training, publicity event, publication, aid guidance or referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    pub station: String,
    pub kind: ActivityKind,
    pub date: NaiveDate,
    pub title: String,
    pub participants: Option<u32>,
}

/// A report submitted to the city office.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub station: String,
    pub kind: ReportKind,
    /// `2024` for annual summaries and work plans, `2024Q3` for quarterly reports.
    pub period: String,
    pub submitted_on: NaiveDate,
}

impl ReportKind {
    /// The earliest day a report on `period` (canonical) may be submitted: a quarterly report
    /// or an annual summary once its period has begun, a work plan during the year before the
    /// one it plans. `None` when the period does not parse.
    pub fn earliest_submission(self, period: &str) -> Option<NaiveDate> {
        let from = period.parse::<Period>().ok()?.from();
        match self {
            ReportKind::WorkPlan => NaiveDate::from_ymd_opt(from.year() - 1, 1, 1),
            ReportKind::AnnualSummary | ReportKind::QuarterlyCases => Some(from),
        }
    }

    /// Refuses a submission dated before its period allows (see `earliest_submission`).
    pub fn check_submission(self, period: &str, submitted_on: NaiveDate) -> Result<(), String> {
        match self.earliest_submission(period) {
            Some(first) if submitted_on < first => Err(format!(
                "the {} for {period} cannot be submitted on {}, before {}: record it once it is written",
                self.as_str(),
                fmt(submitted_on),
                fmt(first)
            )),
            _ => Ok(()),
        }
    }

    /// Checks that `period` has the form this kind takes and returns it canonical.
    pub fn parse_period(self, period: &str) -> Result<String, String> {
        let p: Period = period.parse()?;
        match (self, p) {
            (ReportKind::QuarterlyCases, Period::Quarter(..)) => Ok(p.to_string()),
            (ReportKind::AnnualSummary | ReportKind::WorkPlan, Period::Years(a, b)) if a == b => {
                Ok(p.to_string())
            }
            (ReportKind::QuarterlyCases, _) => Err(format!(
                "a quarterly_cases report covers a quarter such as 2024Q3, not `{}`",
                period.trim()
            )),
            _ => Err(format!(
                "a {} covers one year such as 2024, not `{}`",
                self.as_str(),
                period.trim()
            )),
        }
    }
}

/// A bonus award (B1-B4 of the rubric in force).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Award {
    pub station: String,
    pub item: String,
    pub points: Hundredths,
    pub date: NaiveDate,
    pub reason: String,
}

/// A complaint against a station.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complaint {
    pub station: String,
    pub date: NaiveDate,
    pub verified: bool,
    pub note: String,
}

/// Everything the scorer needs about one station, already loaded.
#[derive(Debug, Clone, Default)]
pub struct StationRecords {
    pub cases: Vec<Case>,
    pub activities: Vec<Activity>,
    pub reports: Vec<Report>,
    pub staff: Vec<Staff>,
    pub experts: Vec<Expert>,
    pub funding: Vec<Funding>,
    pub awards: Vec<Award>,
    pub complaints: Vec<Complaint>,
}
