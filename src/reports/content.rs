//! What a quarterly report or an annual summary says: counts of the cases received in the
//! period, typical cases, resources and activities, built from one station's records.

use super::gap_list::Gaps;
use crate::model::date::fmt;
use crate::model::recorded::{Case, Station, StationRecords};
use crate::model::{Hundredths, Period};
use crate::rubric::{overdue_cases, Rubric};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The key used for a field left empty.
pub const UNSPECIFIED: &str = "unspecified";

/// How many cases share one value of a field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: usize,
}

/// A case past one of its limits at the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueCase {
    pub id: String,
    /// `acceptance`, `handling`, `followup`.
    pub limits: Vec<String>,
}

/// The cases received in the period and where they stood at the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseCounts {
    pub received: usize,
    pub accepted: usize,
    pub closed: usize,
    pub overdue: usize,
    pub overdue_cases: Vec<OverdueCase>,
    pub by_ip_type: Vec<Count>,
    pub by_country: Vec<Count>,
    pub by_dispute_type: Vec<Count>,
    pub by_warning_level: Vec<Count>,
    pub by_source: Vec<Count>,
}

/// The dispute information the station collected in the period (art. 6(1); case kind
/// `information`): counted here, never in part 2 or P1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Information {
    pub collected: usize,
    pub by_country: Vec<Count>,
    pub by_ip_type: Vec<Count>,
    pub by_dispute_type: Vec<Count>,
    pub records: Vec<InformationRow>,
}

/// One collected dispute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InformationRow {
    pub id: String,
    pub received_on: String,
    pub enterprise: String,
    pub country: String,
    pub ip_type: String,
    pub dispute_type: String,
    pub summary: String,
}

/// A case flagged typical (典型案例).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypicalCase {
    pub id: String,
    pub enterprise: String,
    pub received_on: String,
    pub ip_type: String,
    pub country: String,
    pub dispute_type: String,
    pub summary: String,
}

/// Staff and pool on the as-of date; funding received in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resources {
    pub staff: usize,
    pub full_time_staff: usize,
    pub experts: usize,
    pub lawyers: usize,
    pub funding_payments: usize,
    /// Yuan, two decimals.
    pub funding_yuan: Hundredths,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRow {
    pub date: String,
    pub kind: String,
    pub title: String,
    pub participants: Option<u32>,
}

/// The audit chain's head when the document was generated (for `audit verify --head`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

/// Which document `report generate` writes for one station.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The quarterly case report (art. 8).
    Quarterly,
    /// The annual work summary, with the scorecard and its gaps.
    Annual,
}

impl DocumentKind {
    /// As written in the document's JSON: `quarterly` or `annual`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Quarterly => "quarterly",
            DocumentKind::Annual => "annual",
        }
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How many follow-ups recorded each satisfaction (issue 16, seed 004 三(四)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Shares {
    pub satisfied: u64,
    pub fairly_satisfied: u64,
    pub dissatisfied: u64,
}

impl Shares {
    pub fn of(list: &[crate::model::Satisfaction]) -> Shares {
        use crate::model::Satisfaction as S;
        let n = |s: S| list.iter().filter(|x| **x == s).count() as u64;
        Shares {
            satisfied: n(S::Satisfied),
            fairly_satisfied: n(S::FairlySatisfied),
            dissatisfied: n(S::Dissatisfied),
        }
    }

    pub fn total(&self) -> u64 {
        self.satisfied + self.fairly_satisfied + self.dissatisfied
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// `满意 3/4（75.00%）、基本满意 1/4（25.00%）、不满意 0/4（0.00%）`: each share in
    /// hundredths of a percent, rounded half up, in integers.
    pub fn line(&self, l: crate::i18n::Lang) -> String {
        use crate::model::Satisfaction as S;
        let total = self.total();
        let (open, close) = (l.label("label.paren_open"), l.label("label.paren_close"));
        let parts: Vec<String> = [
            (S::Satisfied, self.satisfied),
            (S::FairlySatisfied, self.fairly_satisfied),
            (S::Dissatisfied, self.dissatisfied),
        ]
        .iter()
        .map(|(s, n)| {
            let bp = (n * 10_000 + total / 2) / total.max(1);
            format!(
                "{} {n}/{total}{open}{}.{:02}%{close}",
                s.label(l),
                bp / 100,
                bp % 100
            )
        })
        .collect();
        parts.join(if l == crate::i18n::Lang::Zh { "、" } else { ", " })
    }
}

/// A generated document (quarterly report or annual summary).
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub schema_version: u32,
    /// `quarterly` or `annual`.
    pub kind: DocumentKind,
    pub station: String,
    pub name: String,
    pub period: String,
    pub from: String,
    pub to: String,
    pub as_of: String,
    /// The day the document was generated (set by the caller; empty if not).
    pub generated_on: String,
    pub rubric: String,
    pub cases: CaseCounts,
    /// The dispute information collected (not cases).
    pub information: Information,
    pub typical_cases: Vec<TypicalCase>,
    /// The satisfaction recorded at the period's follow-ups (left out when none was).
    #[serde(skip_serializing_if = "Shares::is_empty")]
    pub satisfaction: Shares,
    pub resources: Resources,
    pub activity_counts: Vec<Count>,
    pub activities: Vec<ActivityRow>,
    pub audit_head: AuditHead,
    /// The score preview (Score JSON), annual summaries only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<serde_json::Value>,
    /// What `score --gaps` found, annual summaries only: serialized as a list of
    /// `{action, count, points}` (open period) or `{item, points, evidence}` (period over).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Gaps>,
}

/// The country or region a case is counted under: the one grouping of the stored `country`
/// text that every breakdown by country uses (station documents and the city report). A
/// country is stored as its code in the country vocabulary (`model::country`), whatever
/// spelling was typed, so one country is counted once; a value the migration could not map
/// stays as it was (and `check` lists it); no country is `unspecified`.
pub fn country_key(stored: &str) -> String {
    let t = stored.trim();
    if t.is_empty() { UNSPECIFIED } else { t }.to_string()
}

/// Counts by a field, in the order of `order` (the vocabulary's order) and then the empty field;
/// values with no case are left out.
pub fn tally<'a>(keys: impl Iterator<Item = &'a str>, order: &[&str]) -> Vec<Count> {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys {
        *m.entry(k).or_default() += 1;
    }
    let mut out: Vec<Count> = order
        .iter()
        .chain(std::iter::once(&UNSPECIFIED))
        .filter_map(|k| m.remove(k).map(|n| (k, n)))
        .map(|(k, count)| Count {
            key: k.to_string(),
            count,
        })
        .collect();
    // Free-text values (countries): most cases first, then by name.
    let mut rest: Vec<Count> = m
        .into_iter()
        .map(|(k, count)| Count {
            key: k.to_string(),
            count,
        })
        .collect();
    rest.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out.extend(rest);
    out
}

pub fn key<T: Copy>(v: Option<T>, f: fn(T) -> &'static str) -> &'static str {
    v.map(f).unwrap_or(UNSPECIFIED)
}

pub fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| f(*v)).collect()
}

/// The dispute information (kind `information`) received in `period`, on or before `as_of`.
pub fn information(cases: &[Case], period: Period, as_of: NaiveDate) -> Information {
    use crate::model::{DisputeType, IpType};
    let list: Vec<&Case> = cases
        .iter()
        .filter(|c| !c.is_handled() && period.contains(c.received_on) && c.received_on <= as_of)
        .collect();
    let countries: Vec<String> = list.iter().map(|c| country_key(&c.country)).collect();
    Information {
        collected: list.len(),
        by_country: tally(countries.iter().map(String::as_str), &[]),
        by_ip_type: tally(
            list.iter().map(|c| key(c.ip_type, IpType::as_str)),
            &names(IpType::ALL, IpType::as_str),
        ),
        by_dispute_type: tally(
            list.iter().map(|c| key(c.dispute_type, DisputeType::as_str)),
            &names(DisputeType::ALL, DisputeType::as_str),
        ),
        records: list
            .iter()
            .map(|c| InformationRow {
                id: c.id.clone(),
                received_on: fmt(c.received_on),
                enterprise: c.enterprise.clone(),
                country: c.country.clone(),
                ip_type: key(c.ip_type, IpType::as_str).to_string(),
                dispute_type: key(c.dispute_type, DisputeType::as_str).to_string(),
                summary: c.summary.clone(),
            })
            .collect(),
    }
}

/// Counts the cases (guidance and consultations, not collected information) received in
/// `period` (on or before `as_of`) as they stood at `as_of`.
pub fn case_counts(rubric: &Rubric, cases: &[Case], period: Period, as_of: NaiveDate) -> CaseCounts {
    use crate::model::{CaseSource, DisputeType, IpType, WarningLevel};
    let cases: Vec<Case> = cases
        .iter()
        .filter(|c| c.is_handled() && period.contains(c.received_on) && c.received_on <= as_of)
        .cloned()
        .collect();
    let done = |d: Option<NaiveDate>| d.is_some_and(|d| d <= as_of);
    let overdue: Vec<OverdueCase> = overdue_cases(rubric, &cases, as_of)
        .into_iter()
        .map(|o| OverdueCase {
            id: o.case.id.clone(),
            limits: o.passed.iter().map(|(l, ..)| l.as_str().to_string()).collect(),
        })
        .collect();
    let countries: Vec<String> = cases.iter().map(|c| country_key(&c.country)).collect();
    CaseCounts {
        received: cases.len(),
        accepted: cases.iter().filter(|c| done(c.accepted_on)).count(),
        closed: cases.iter().filter(|c| done(c.closed_on)).count(),
        overdue: overdue.len(),
        overdue_cases: overdue,
        by_ip_type: tally(
            cases.iter().map(|c| key(c.ip_type, IpType::as_str)),
            &names(IpType::ALL, IpType::as_str),
        ),
        by_country: tally(countries.iter().map(String::as_str), &[]),
        by_dispute_type: tally(
            cases.iter().map(|c| key(c.dispute_type, DisputeType::as_str)),
            &names(DisputeType::ALL, DisputeType::as_str),
        ),
        by_warning_level: tally(
            cases.iter().map(|c| key(c.warning_level, WarningLevel::as_str)),
            &names(WarningLevel::ALL, WarningLevel::as_str),
        ),
        by_source: tally(
            cases.iter().map(|c| c.source.as_str()),
            &names(CaseSource::ALL, CaseSource::as_str),
        ),
    }
}

/// Staff active and pool members in the pool on `on`; funding dated in `period`.
pub fn resources(recs: &StationRecords, period: Period, on: NaiveDate) -> Resources {
    use crate::model::ExpertKind;
    let staff: Vec<_> = recs
        .staff
        .iter()
        .filter(|s| s.from <= on && s.to.is_none_or(|t| t >= on))
        .collect();
    let pool: Vec<_> = recs
        .experts
        .iter()
        .filter(|e| e.joined_on <= on && e.left_on.is_none_or(|l| l > on))
        .collect();
    let funding: Vec<_> = recs
        .funding
        .iter()
        .filter(|f| period.contains(f.date) && f.date <= on)
        .collect();
    Resources {
        staff: staff.len(),
        full_time_staff: staff.iter().filter(|s| s.full_time).count(),
        experts: pool.iter().filter(|e| e.kind == ExpertKind::Expert).count(),
        lawyers: pool.iter().filter(|e| e.kind == ExpertKind::Lawyer).count(),
        funding_payments: funding.len(),
        funding_yuan: funding.iter().map(|f| f.amount).sum(),
    }
}

/// Builds the document of `kind` for one station (score and gaps are filled by the caller).
pub fn build(
    kind: DocumentKind,
    station: &Station,
    rubric: &Rubric,
    recs: &StationRecords,
    period: Period,
    as_of: NaiveDate,
    head: (i64, String),
) -> Document {
    use crate::model::ActivityKind;
    let in_p = |d: NaiveDate| period.contains(d) && d <= as_of;
    let typical = recs
        .cases
        .iter()
        .filter(|c| c.typical && c.is_handled() && in_p(c.received_on))
        .map(|c| TypicalCase {
            id: c.id.clone(),
            enterprise: c.enterprise.clone(),
            received_on: fmt(c.received_on),
            ip_type: key(c.ip_type, |v| v.as_str()).to_string(),
            country: c.country.clone(),
            dispute_type: key(c.dispute_type, |v| v.as_str()).to_string(),
            summary: c.summary.clone(),
        })
        .collect();
    let acts: Vec<_> = recs.activities.iter().filter(|a| in_p(a.date)).collect();
    Document {
        schema_version: 1,
        kind,
        station: station.code.clone(),
        name: station.name.clone(),
        period: period.to_string(),
        from: fmt(period.from()),
        to: fmt(period.to()),
        as_of: fmt(as_of),
        generated_on: String::new(),
        rubric: rubric.id.clone(),
        cases: case_counts(rubric, &recs.cases, period, as_of),
        information: information(&recs.cases, period, as_of),
        typical_cases: typical,
        satisfaction: Shares::default(),
        resources: resources(recs, period, as_of),
        activity_counts: tally(
            acts.iter().map(|a| a.kind.as_str()),
            &names(ActivityKind::ALL, ActivityKind::as_str),
        ),
        activities: acts
            .iter()
            .map(|a| ActivityRow {
                date: fmt(a.date),
                kind: a.kind.as_str().to_string(),
                title: a.title.clone(),
                participants: a.participants,
            })
            .collect(),
        audit_head: AuditHead {
            seq: head.0,
            hash: head.1,
        },
        score: None,
        gaps: None,
    }
}
