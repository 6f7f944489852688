//! What a station can still do before its period ends, or where its points were lost.
//!
//! For a period still open at `A`, each possible action is tried on a copy of the records,
//! dated `A` (never changing a past record), and the one adding the most points is kept, until
//! the top grade is reached or nothing adds points. For a past period, the items that lost
//! points are listed with their evidence.

use super::engine::score_brief;
use super::evidence::num;
use super::{Metric, Rubric, Scorecard};
use crate::i18n::Lang;
use crate::model::records::*;
use crate::model::{ActivityKind, Hundredths, ReportKind};
use chrono::NaiveDate;

/// One possible action: what to do, and the record it adds or completes.
#[derive(Clone)]
enum Action {
    Activity(ActivityKind),
    Report(ReportKind, String),
    Expert,
    Staff,
    Funding(Hundredths),
    Accept(usize),
    Close(usize),
    Follow(usize),
}

impl Action {
    fn text(&self, recs: &StationRecords, lang: Lang) -> String {
        let id = |i: &usize| recs.cases[*i].id.clone();
        match (self, lang) {
            (Action::Activity(k), Lang::En) => format!("record 1 more {}", k.as_str()),
            (Action::Activity(k), Lang::Zh) => format!("再开展 1 次{}", k.zh()),
            (Action::Report(k, p), Lang::En) => format!("submit the {p} {} report", k.as_str()),
            (Action::Report(k, p), Lang::Zh) => format!("报送 {p} {}", k.zh()),
            (Action::Expert, Lang::En) => "add 1 expert or lawyer to the pool".into(),
            (Action::Expert, Lang::Zh) => "专家库新增 1 名专家或律师".into(),
            (Action::Staff, Lang::En) => "appoint 1 full-time staff member".into(),
            (Action::Staff, Lang::Zh) => "配备 1 名专职人员".into(),
            (Action::Funding(_), Lang::En) => "receive dedicated funding".into(),
            (Action::Funding(_), Lang::Zh) => "落实专项工作经费".into(),
            (Action::Accept(i), Lang::En) => format!("accept case {}", id(i)),
            (Action::Accept(i), Lang::Zh) => format!("受理案件 {}", id(i)),
            (Action::Close(i), Lang::En) => format!("close case {}", id(i)),
            (Action::Close(i), Lang::Zh) => format!("办结案件 {}", id(i)),
            (Action::Follow(i), Lang::En) => format!("follow up case {}", id(i)),
            (Action::Follow(i), Lang::Zh) => format!("回访案件 {}", id(i)),
        }
    }

    fn apply(&self, recs: &mut StationRecords, a: NaiveDate) {
        match self {
            Action::Activity(kind) => recs.activities.push(Activity {
                station: String::new(),
                kind: *kind,
                date: a,
                title: format!("planned {}", recs.activities.len()),
                participants: Some(u32::MAX),
            }),
            Action::Report(kind, period) => recs.reports.push(Report {
                station: String::new(),
                kind: *kind,
                period: period.clone(),
                submitted_on: a,
            }),
            Action::Expert => recs.experts.push(Expert {
                station: String::new(),
                name: format!("planned expert {}", recs.experts.len()),
                kind: crate::model::ExpertKind::Expert,
                field: String::new(),
                countries: String::new(),
                joined_on: a,
                left_on: None,
            }),
            Action::Staff => recs.staff.push(Staff {
                station: String::new(),
                name: format!("planned staff {}", recs.staff.len()),
                full_time: true,
                from: a,
                to: None,
            }),
            Action::Funding(min) => recs.funding.push(Funding {
                station: String::new(),
                date: a,
                amount: Hundredths(min.0 + 1),
                source: String::new(),
            }),
            Action::Accept(i) => recs.cases[*i].accepted_on = Some(a),
            Action::Close(i) => {
                let c = &mut recs.cases[*i];
                c.closed_on = Some(a);
                c.effective = Some(true);
            }
            Action::Follow(i) => recs.cases[*i].followup_on = Some(a),
        }
    }
}

fn candidates(rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> Vec<Action> {
    let a = card.as_of;
    let p = card.period;
    let mut out = Vec::new();
    for it in rubric.parts.iter().flat_map(|p| &p.items) {
        match &it.metric {
            Metric::ActivityCount { activity, .. } => {
                if let Ok(k) = activity.parse() {
                    out.push(Action::Activity(k));
                }
            }
            Metric::ExpertPool { .. } => out.push(Action::Expert),
            Metric::FullTimeStaff { .. } => out.push(Action::Staff),
            Metric::Funding { funding_min } => out.push(Action::Funding(*funding_min)),
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
                out.push(Action::Report(k, per.to_string()));
            }
        }
    }
    for (y, q) in p.quarters_ending_within() {
        let per = format!("{y}Q{q}");
        if !submitted(ReportKind::QuarterlyCases, &per) {
            out.push(Action::Report(ReportKind::QuarterlyCases, per));
        }
    }
    for (i, c) in recs.cases.iter().enumerate() {
        if !(p.contains(c.received_on) && c.received_on <= a) {
            continue;
        }
        let k = super::classify::classify(&rubric.limits, c, a);
        if k.accepted_on.is_none() && c.accepted_on.is_none() {
            out.push(Action::Accept(i));
        } else if k.closed_on.is_none() && c.closed_on.is_none() && k.accepted_on.is_some() {
            out.push(Action::Close(i));
        } else if k.closed_on.is_some() && k.followup_on.is_none() && c.followup_on.is_none() {
            out.push(Action::Follow(i));
        }
    }
    out
}

/// The gaps section of a scorecard, as text.
pub fn render(lang: Lang, rubric: &Rubric, recs: &StationRecords, card: &Scorecard) -> String {
    let top = &rubric.grades[0];
    let grade = |g: &super::Grade| lang.t(&g.name_en, &g.name_zh).to_string();
    let mut out = format!("\n{}\n", lang.t("Gaps", "差距"));
    if card.grade.id == top.id {
        out.push_str(&format!(
            "  {} ({})\n",
            lang.t("already at the top grade", "已达最高等级"),
            grade(top)
        ));
        return out;
    }
    if card.as_of >= card.period.to() {
        out.push_str(&format!(
            "  {}\n",
            lang.t(
                "the period is over; points were lost at:",
                "期间已结束，失分之处："
            )
        ));
        for i in card.items.iter().filter(|i| i.part != "bonus") {
            let lost = if i.part == "penalty" {
                i.points
            } else {
                Hundredths(i.max.0 - i.points.0)
            };
            if lost.0 > 0 {
                out.push_str(&format!(
                    "  {} {}: -{} — {}\n",
                    i.id,
                    lang.t(&i.name_en, &i.name_zh),
                    lost,
                    i.evidence.get(lang)
                ));
            }
        }
        return out;
    }
    let mut recs = recs.clone();
    let mut current = card.clone();
    let mut steps = 0;
    while current.grade.id != top.id && steps < 40 {
        let best = candidates(rubric, &recs, &current)
            .into_iter()
            .map(|act| {
                let mut trial = recs.clone();
                act.apply(&mut trial, current.as_of);
                let c = score_brief(rubric, &trial, current.period, current.as_of);
                (act, trial, c)
            })
            .filter(|(_, _, c)| c.total > current.total)
            .min_by_key(|(_, _, c)| std::cmp::Reverse(c.total)); // the first of equals
        let Some((act, trial, c)) = best else { break };
        out.push_str(&format!(
            "  {}: +{} → {} ({})\n",
            act.text(&recs, lang),
            Hundredths(c.total.0 - current.total.0),
            c.total,
            grade(&c.grade)
        ));
        recs = trial;
        current = c;
        steps += 1;
    }
    if steps == 0 {
        out.push_str(&format!(
            "  {}\n",
            lang.t(
                "nothing left to do before the period ends adds points",
                "期间结束前已无可加分的事项"
            )
        ));
    } else if current.grade.id != top.id {
        out.push_str(&format!(
            "  {} {}\n",
            lang.t("best reachable total:", "最多可达："),
            num(current.total)
        ));
    }
    out
}
