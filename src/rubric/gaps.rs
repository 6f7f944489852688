//! What a station can still do before its period ends, or where its points were lost.
//!
//! For a period still open at `A`, each possible action is tried on a copy of the records,
//! dated `A` (never changing a past record), and the one adding the most points is kept, until
//! the top grade is reached or nothing adds points. For a past period, the items that lost
//! points are listed with their evidence.

use super::engine::{score_brief, PartOf};
use super::evidence::Text;
use super::{Metric, Rubric, Scorecard};
use crate::model::recorded::*;
use crate::model::{ActivityKind, Hundredths, ReportKind};
use chrono::NaiveDate;

/// Something a station can still do, named as people know it (a case by its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Activity(ActivityKind),
    /// A report of a kind for a period (`2024`, `2024Q4`).
    Report(ReportKind, String),
    Expert,
    Staff,
    Funding,
    Accept(String),
    Close(String),
    Follow(String),
}

impl Action {
    /// What to do, once, in both languages.
    pub fn text(&self) -> Text {
        match self {
            Action::Activity(k) => Text::of(|l| l.msg("gap.activity", &[("kind", l.t(k.as_str(), k.zh()))])),
            Action::Report(k, p) => {
                Text::of(|l| l.msg("gap.report", &[("period", p), ("kind", l.t(k.as_str(), k.zh()))]))
            }
            Action::Expert => Text::of(|l| l.msg("gap.expert", &[])),
            Action::Staff => Text::of(|l| l.msg("gap.staff", &[])),
            Action::Funding => Text::of(|l| l.msg("gap.funding", &[])),
            Action::Accept(id) => Text::of(|l| l.msg("gap.accept", &[("id", id)])),
            Action::Close(id) => Text::of(|l| l.msg("gap.close", &[("id", id)])),
            Action::Follow(id) => Text::of(|l| l.msg("gap.follow", &[("id", id)])),
        }
    }
}

/// One step of the plan: an action, the points it adds, and the total and grade after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub action: Action,
    pub points: Hundredths,
    pub total: Hundredths,
    pub grade: Text,
}

/// An item of a past period that lost points (`lost` > 0), with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct LostItem {
    pub id: String,
    pub name: Text,
    pub lost: Hundredths,
    pub evidence: Text,
}

/// What a station can still do, or where its points were lost.
#[derive(Debug, Clone, PartialEq)]
pub enum GapPlan {
    /// Already at the top grade.
    Top { grade: Text },
    /// The period is over: the items that lost points.
    Past(Vec<LostItem>),
    /// The period is open: the actions, best first; `reach` is the best total and grade
    /// reachable when the steps fall short of the top grade.
    Open {
        steps: Vec<Step>,
        reach: Option<(Hundredths, Text)>,
    },
}

impl GapPlan {
    /// The sentence that comes before the entries (or stands for them), if any.
    pub fn note(&self) -> Option<Text> {
        match self {
            GapPlan::Top { grade } => Some(Text::new(
                format!("already at the top grade ({})", grade.en),
                format!("已达最高等级 ({})", grade.zh),
            )),
            GapPlan::Past(_) => Some(Text::new(
                "the period is over; points were lost at:",
                "期间已结束，失分之处：",
            )),
            GapPlan::Open { steps, .. } if steps.is_empty() => Some(Text::new(
                "nothing left to do before the period ends adds points",
                "期间结束前已无可加分的事项",
            )),
            GapPlan::Open { .. } => None,
        }
    }
}

/// One possible action on the records: what it adds or completes (a case by its index).
#[derive(Clone)]
enum Candidate {
    Activity(ActivityKind),
    Report(ReportKind, String),
    Expert,
    Staff,
    Funding(Hundredths),
    Accept(usize),
    Close(usize),
    Follow(usize),
}

impl Candidate {
    fn action(&self, recs: &StationRecords) -> Action {
        let id = |i: &usize| recs.cases[*i].id.clone();
        match self {
            Candidate::Activity(k) => Action::Activity(*k),
            Candidate::Report(k, p) => Action::Report(*k, p.clone()),
            Candidate::Expert => Action::Expert,
            Candidate::Staff => Action::Staff,
            Candidate::Funding(_) => Action::Funding,
            Candidate::Accept(i) => Action::Accept(id(i)),
            Candidate::Close(i) => Action::Close(id(i)),
            Candidate::Follow(i) => Action::Follow(id(i)),
        }
    }

    fn apply(&self, recs: &mut StationRecords, a: NaiveDate) {
        match self {
            Candidate::Activity(kind) => recs.activities.push(Activity {
                station: String::new(),
                kind: *kind,
                date: a,
                title: format!("planned {}", recs.activities.len()),
                participants: Some(u32::MAX),
            }),
            Candidate::Report(kind, period) => recs.reports.push(Report {
                station: String::new(),
                kind: *kind,
                period: period.clone(),
                submitted_on: a,
            }),
            Candidate::Expert => recs.experts.push(Expert {
                station: String::new(),
                name: format!("planned expert {}", recs.experts.len()),
                kind: crate::model::ExpertKind::Expert,
                field: String::new(),
                countries: String::new(),
                joined_on: a,
                left_on: None,
            }),
            Candidate::Staff => recs.staff.push(Staff {
                station: String::new(),
                name: format!("planned staff {}", recs.staff.len()),
                full_time: true,
                from: a,
                to: None,
            }),
            Candidate::Funding(min) => recs.funding.push(Funding {
                station: String::new(),
                date: a,
                amount: Hundredths(min.0 + 1),
                source: String::new(),
            }),
            Candidate::Accept(i) => recs.cases[*i].accepted_on = Some(a),
            Candidate::Close(i) => {
                let c = &mut recs.cases[*i];
                c.closed_on = Some(a);
                c.effective = Some(true);
            }
            Candidate::Follow(i) => recs.cases[*i].followup_on = Some(a),
        }
    }
}

fn candidates(rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> Vec<Candidate> {
    let a = card.as_of;
    let p = card.period;
    let mut out = Vec::new();
    for it in rubric.parts.iter().flat_map(|p| &p.items) {
        match &it.metric {
            Metric::ActivityCount { activity, .. } => {
                if let Ok(k) = activity.parse() {
                    out.push(Candidate::Activity(k));
                }
            }
            Metric::ExpertPool { .. } => out.push(Candidate::Expert),
            Metric::FullTimeStaff { .. } => out.push(Candidate::Staff),
            Metric::Funding { funding_min } => out.push(Candidate::Funding(*funding_min)),
            _ => {}
        }
    }
    let submitted = |k: ReportKind, per: &str| {
        recs.reports
            .iter()
            .any(|r| r.kind == k && r.period == per && r.submitted_on <= a)
    };
    for y in p.years_ending_within() {
        for (k, per) in [(ReportKind::AnnualSummary, y), (ReportKind::WorkPlan, y + 1)] {
            if !submitted(k, &per.to_string()) {
                out.push(Candidate::Report(k, per.to_string()));
            }
        }
    }
    for (y, q) in p.quarters_ending_within() {
        let per = format!("{y}Q{q}");
        if !submitted(ReportKind::QuarterlyCases, &per) {
            out.push(Candidate::Report(ReportKind::QuarterlyCases, per));
        }
    }
    for (i, c) in recs.cases.iter().enumerate() {
        if !(p.contains(c.received_on) && c.received_on <= a && c.is_handled()) {
            continue;
        }
        let k = super::classify::classify(&rubric.limits, c, a);
        if k.accepted_on.is_none() && c.accepted_on.is_none() {
            out.push(Candidate::Accept(i));
        } else if k.closed_on.is_none() && c.closed_on.is_none() && k.accepted_on.is_some() {
            out.push(Candidate::Close(i));
        } else if k.closed_on.is_some() && k.followup_on.is_none() && c.followup_on.is_none() {
            out.push(Candidate::Follow(i));
        }
    }
    out
}

/// What `card`'s station can still do before its period ends, or where its points were lost.
pub fn plan(rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> GapPlan {
    let top = &rubric.grades[0];
    let grade = |g: &super::Grade| Text::new(g.name_en.clone(), g.name_zh.clone());
    if card.grade.id == top.id {
        return GapPlan::Top { grade: grade(top) };
    }
    if card.as_of >= card.period.to() {
        let lost = card.items.iter().filter_map(|i| {
            let lost = match i.part {
                PartOf::Bonus => return None,
                PartOf::Penalty => i.points,
                PartOf::Base(_) => Hundredths(i.max.0 - i.points.0),
            };
            (lost.0 > 0).then(|| LostItem {
                id: i.id.clone(),
                name: Text::new(i.name_en.clone(), i.name_zh.clone()),
                lost,
                evidence: i.evidence.clone(),
            })
        });
        return GapPlan::Past(lost.collect());
    }
    let mut recs = recs.clone();
    let mut current = card.clone();
    let mut steps = Vec::new();
    while current.grade.id != top.id && steps.len() < 40 {
        let best = candidates(rubric, &recs, &current)
            .into_iter()
            .map(|cand| {
                let mut trial = recs.clone();
                cand.apply(&mut trial, current.as_of);
                let c = score_brief(rubric, &trial, current.period, current.as_of);
                (cand, trial, c)
            })
            .filter(|(_, _, c)| c.total > current.total)
            .min_by_key(|(_, _, c)| std::cmp::Reverse(c.total)); // the first of equals
        let Some((cand, trial, c)) = best else { break };
        steps.push(Step {
            action: cand.action(&recs),
            points: Hundredths(c.total.0 - current.total.0),
            total: c.total,
            grade: grade(&c.grade),
        });
        recs = trial;
        current = c;
    }
    let reach =
        (!steps.is_empty() && current.grade.id != top.id).then(|| (current.total, grade(&current.grade)));
    GapPlan::Open { steps, reach }
}
