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
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub host_org: String,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub district: String,
    pub level: Option<StationLevel>,
    pub status: StationStatus,
    pub status_on: Option<NaiveDate>,
    pub established_on: Option<NaiveDate>,
    /// The five application conditions of art. 4, in order.
    pub conditions: [bool; 5],
}

impl Station {
    /// Whether the station was in operation during a period whose last day that counts is
    /// `r` (rubric.md, Ranking): established on or before `r` and not revoked before `from`.
    /// The day it was established is its `established_on` (set when its history reaches
    /// `established`, or imported); a station imported as `established` without one was
    /// established on its `status_on`; one imported as `accepted` or `revoked` without one
    /// counts as established before the period. A station applying or rejected is not.
    pub fn in_operation(&self, from: NaiveDate, r: NaiveDate) -> bool {
        let established = match (self.established_on, self.status) {
            (_, StationStatus::Rejected) => return false,
            (Some(e), _) => Some(e),
            (None, StationStatus::Established) => self.status_on,
            (None, StationStatus::Accepted | StationStatus::Revoked) => None,
            (None, _) => return false,
        };
        if established.is_some_and(|e| e > r) {
            return false;
        }
        match (self.status, self.status_on) {
            (StationStatus::Revoked, Some(on)) => on >= from,
            _ => true,
        }
    }
}

/// The five application conditions of art. 4 (seed 000): a short English label, a short
/// Chinese label and the measure's own words.
pub const CONDITIONS: [(&str, &str, &str); 5] = [
    (
        "an entity in Chongqing with a fixed office, running well, without serious dishonesty",
        "市内实体机构，有固定办公场所，运行良好，无严重失信",
        "（一）申请主体应为重庆市内各类政务服务中心、企事业单位、产业园区、行业协会、大型商贸流通市场、高校科研院所等实体机构，具有固定的办公场所，运行状况良好，无严重失信行为；",
    ),
    (
        "a professional team for overseas IP dispute guidance",
        "有海外知识产权纠纷应对指导专业团队",
        "（二）具有开展海外知识产权纠纷应对指导工作的专业团队，人员业务素质强；",
    ),
    (
        "IP literature, databases and analysis tools",
        "有知识产权文献资源、数据库和信息分析工具",
        "（三）具有知识产权相关的国内外文献资源、数据库、信息分析工具和相关资源；",
    ),
    (
        "experience and typical cases in overseas IP disputes",
        "有海外知识产权纠纷应对服务经验和典型案例",
        "（四）具有海外知识产权纠纷应对的服务经验和典型案例；",
    ),
    (
        "a sound management mechanism, rules, workflows and service standards",
        "有健全的组织管理机制、管理制度、工作流程和服务标准",
        "（五）具有健全的组织管理机制，有完善的管理制度、工作流程和服务标准。",
    ),
];

/// One dated step of a station's lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub station: String,
    pub status: StationStatus,
    pub on: NaiveDate,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub note: String,
}

/// A station's art. 4 conditions, met or not (the `station_conditions` CSV kind: the five
/// condition columns of the station's row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationConditions {
    pub station: String,
    pub met: [bool; 5],
}

/// The city office's decision on a case's overdue reason (the `reason_decisions` CSV kind:
/// three columns of the case's row). `station`, `overdue_reason` and `received_on` are the
/// case's, read with it and never written by it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonDecision {
    pub case_id: String,
    pub accepted: Option<bool>,
    pub decided_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub note: String,
    pub station: String,
    pub overdue_reason: String,
    pub received_on: NaiveDate,
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
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub field: String,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
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
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
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
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub country: String,
    pub dispute_type: Option<DisputeType>,
    pub warning_level: Option<WarningLevel>,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub effective: Option<bool>,
    /// The first follow-up (the one the rubric uses).
    pub followup_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub overdue_reason: String,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub summary: String,
    pub typical: bool,
    /// The city office's decision on the overdue reason: `None` while undecided.
    pub reason_accepted: Option<bool>,
    /// The day of that decision, when made with `case reason --accept/--reject`.
    pub reason_decided_on: Option<NaiveDate>,
    /// The office's note on its decision.
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub reason_note: String,
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
            reason_accepted: None,
            reason_decided_on: None,
            reason_note: String::new(),
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
        let lang = crate::i18n::Lang::current();
        for i in 1..steps.len() {
            let (name, date) = steps[i];
            let (prev_name, prev) = steps[i - 1];
            match (prev, date) {
                (None, Some(_)) => {
                    return Err((
                        name,
                        lang.msg(
                            "case.date_without_previous",
                            &[("name", name), ("previous", prev_name)],
                        ),
                    ));
                }
                (Some(p), Some(d)) if d < p => {
                    return Err((
                        name,
                        lang.msg(
                            "case.date_before",
                            &[
                                ("name", name),
                                ("date", &fmt(d)),
                                ("previous", prev_name),
                                ("previous_date", &fmt(p)),
                            ],
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether the case is a case to handle (guidance or consultation), not collected
    /// dispute information: only those have time limits and count in part 2 and P1.
    pub fn is_handled(&self) -> bool {
        self.kind != CaseKind::Information
    }

    /// Refuses collected information (kind `information`) with an acceptance date: it is no
    /// case to handle, and a case the station accepted cannot be turned into one (which would
    /// take it out of part 2 and P1).
    pub fn check_kind(&self) -> Result<(), (&'static str, String)> {
        match (self.kind, self.accepted_on) {
            (CaseKind::Information, Some(d)) => Err((
                "kind",
                crate::i18n::Lang::current().msg("case.information_accepted", &[("date", &fmt(d))]),
            )),
            _ => Ok(()),
        }
    }

    /// Whether the overdue reason excuses the case in P1: given and accepted by the office.
    pub fn reason_excuses(&self) -> bool {
        self.reason_accepted == Some(true) && !self.overdue_reason.trim().is_empty()
    }

    /// Where this case (as it would be stored) contradicts the events already on its
    /// timeline: follow-ups need the case closed on or before the first of them and
    /// `followup_on` set no later than it; no event is before `received_on`; a plan needs a
    /// yellow warning, a special-handling plan a red one, a risk notice a blue one. (column,
    /// message) pairs.
    pub fn timeline_conflicts(&self, events: &[CaseEvent]) -> Vec<(&'static str, String)> {
        use crate::model::{CaseEventKind as K, WarningLevel as W};
        let lang = crate::i18n::Lang::current();
        let mut found = Vec::new();
        let first = |kind: K| events.iter().filter(|e| e.kind == kind).map(|e| e.on).min();
        if let Some(f) = first(K::Followup) {
            let f = fmt(f);
            match self.closed_on {
                None => found.push((
                    "closed_on",
                    lang.msg(
                        "case.followed_up_not_closed",
                        &[("id", &self.id), ("followup", &f)],
                    ),
                )),
                Some(c) if fmt(c) > f => found.push((
                    "closed_on",
                    lang.msg(
                        "case.closed_after_followup",
                        &[("closed", &fmt(c)), ("followup", &f)],
                    ),
                )),
                _ => {}
            }
            match self.followup_on {
                None => found.push((
                    "followup_on",
                    lang.msg("case.followup_on_empty", &[("id", &self.id), ("followup", &f)]),
                )),
                Some(d) if fmt(d) > f => found.push((
                    "followup_on",
                    lang.msg(
                        "case.followup_on_after",
                        &[("followup_on", &fmt(d)), ("followup", &f)],
                    ),
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
                lang.msg(
                    "case.received_after_event",
                    &[
                        ("received", &fmt(self.received_on)),
                        ("event", e.kind.label(lang)),
                        ("date", &fmt(e.on)),
                    ],
                ),
            ));
        }
        if let Some(p) = first(K::SpecialPlan) {
            if self.warning_level != Some(W::Red) {
                found.push((
                    "warning_level",
                    lang.msg(
                        "case.special_plan_stays_red",
                        &[("id", &self.id), ("date", &fmt(p))],
                    ),
                ));
            }
        }
        if let Some(p) = first(K::Plan) {
            if self.warning_level != Some(W::Yellow) {
                found.push((
                    "warning_level",
                    lang.msg("case.plan_stays_yellow", &[("id", &self.id), ("date", &fmt(p))]),
                ));
            }
        }
        if let Some(r) = first(K::RiskNotice) {
            if self.warning_level != Some(W::Blue) {
                found.push((
                    "warning_level",
                    lang.msg(
                        "case.risk_notice_stays_blue",
                        &[("id", &self.id), ("date", &fmt(r))],
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
    /// A risk notice's title (empty for the other kinds).
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub title: String,
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
    pub note: String,
    /// A follow-up's satisfaction of the enterprise, if it gave one (left out when none, so
    /// the audit entries of events without it read as before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<crate::model::Satisfaction>,
    /// The enterprise's comment with its satisfaction (left out when empty).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
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
            Some(first) if submitted_on < first => {
                let lang = crate::i18n::Lang::current();
                Err(lang.msg(
                    "report.submitted_too_early",
                    &[
                        ("kind", self.label(lang)),
                        ("period", period),
                        ("date", &fmt(submitted_on)),
                        ("first", &fmt(first)),
                    ],
                ))
            }
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
            (ReportKind::QuarterlyCases, _) => {
                Err(crate::i18n::Lang::current()
                    .msg("report.period_not_quarter", &[("period", period.trim())]))
            }
            _ => {
                let lang = crate::i18n::Lang::current();
                Err(lang.msg(
                    "report.period_not_year",
                    &[("kind", self.label(lang)), ("period", period.trim())],
                ))
            }
        }
    }
}

/// A bonus award (a bonus item of the rubric in force).
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
    #[serde(serialize_with = "crate::model::text::empty_as_null")]
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
