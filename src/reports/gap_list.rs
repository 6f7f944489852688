//! The gaps of an annual summary (`rubric::gaps::plan`) as a list: repeats of one action
//! merged into one entry with its count and points, enum values in readable words.

use super::words;
use crate::i18n::Lang;
use crate::model::Hundredths;
use crate::rubric::gaps::{Action, GapPlan};
use serde::Serialize;

/// One entry of the gaps list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Gap {
    /// Something still to do in an open period, `count` times, adding `points`.
    Action {
        action: String,
        count: usize,
        points: Hundredths,
    },
    /// An item of a past period that lost points (`points` negative), with its evidence.
    Lost {
        item: String,
        points: Hundredths,
        evidence: String,
    },
}

/// The gaps of an annual summary. Serialized as the list of its entries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gaps {
    pub items: Vec<Gap>,
    /// The plan's sentence before its entries (top grade reached, period over, nothing
    /// left to do), in the document's language.
    pub notes: Vec<String>,
    /// The total and grade once every action is done.
    pub reach: Option<(Hundredths, String)>,
}

impl Serialize for Gaps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

/// The text of `action` done `n` times, in readable words.
fn action_text(action: &Action, lang: Lang, n: usize) -> String {
    let once = action.text().get(lang).to_string();
    match (action, lang) {
        (Action::Activity(k), Lang::En) => format!(
            "record {}",
            words::activities_en(k.as_str(), n).replacen(' ', " more ", 1)
        ),
        (Action::Report(k, period), Lang::En) if words::english(k.as_str()).is_some() => {
            format!(
                "submit the {period} {}",
                words::english(k.as_str()).unwrap_or_default()
            )
        }
        _ if n == 1 => once,
        (Action::Activity(k), Lang::Zh) => format!("再开展 {n} 次{}", k.zh()),
        (Action::Expert, Lang::En) => format!("add {n} experts or lawyers to the pool"),
        (Action::Expert, Lang::Zh) => format!("专家库新增 {n} 名专家或律师"),
        (Action::Staff, Lang::En) => format!("appoint {n} full-time staff members"),
        (Action::Staff, Lang::Zh) => format!("配备 {n} 名专职人员"),
        _ => format!("{once} (×{n})"),
    }
}

impl Gaps {
    /// The entries of `plan` in `lang`: repeats of one action merged, in the order of their
    /// first step; the total and grade after the last step as `reach`.
    pub fn from_plan(plan: &GapPlan, lang: Lang) -> Gaps {
        let mut g = Gaps {
            notes: plan.note().map(|n| n.get(lang).to_string()).into_iter().collect(),
            ..Gaps::default()
        };
        match plan {
            GapPlan::Top { .. } => {}
            GapPlan::Past(lost) => {
                g.items.extend(lost.iter().map(|i| Gap::Lost {
                    item: format!("{} {}", i.id, i.name.get(lang)),
                    points: Hundredths(-i.lost.0),
                    evidence: i.evidence.get(lang).trim_end().to_string(),
                }));
            }
            GapPlan::Open { steps, .. } => {
                let mut merged: Vec<(&Action, usize, Hundredths)> = Vec::new();
                for s in steps {
                    match merged.iter_mut().find(|m| *m.0 == s.action) {
                        Some(m) => {
                            m.1 += 1;
                            m.2 = Hundredths(m.2 .0 + s.points.0);
                        }
                        None => merged.push((&s.action, 1, s.points)),
                    }
                }
                g.items
                    .extend(merged.into_iter().map(|(a, count, points)| Gap::Action {
                        action: action_text(a, lang, count),
                        count,
                        points,
                    }));
                g.reach = steps.last().map(|s| (s.total, s.grade.get(lang).to_string()));
            }
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActivityKind, ReportKind};
    use crate::rubric::evidence::Text;
    use crate::rubric::gaps::{LostItem, Step};

    fn step(action: Action, points: i64, total: i64) -> Step {
        Step {
            action,
            points: Hundredths(points),
            total: Hundredths(total),
            grade: Text::new("fail", "不合格"),
        }
    }

    fn open(steps: Vec<Step>) -> GapPlan {
        GapPlan::Open { steps, reach: None }
    }

    #[test]
    fn repeats_merge_with_their_count_and_points() {
        let guidance = || Action::Activity(ActivityKind::AidGuidance);
        let plan = open(vec![
            step(guidance(), 250, 4350),
            step(Action::Accept("K-1".into()), 50, 4400),
            step(guidance(), 250, 4650),
        ]);
        let g = Gaps::from_plan(&plan, Lang::Zh);
        let action = |a: &str, count, p| Gap::Action {
            action: a.into(),
            count,
            points: Hundredths(p),
        };
        assert_eq!(
            g.items,
            vec![
                action("再开展 2 次援助申请指导", 2, 500),
                action("受理案件 K-1", 1, 50)
            ]
        );
        assert_eq!(g.reach, Some((Hundredths(4650), "不合格".into())));
        assert!(g.notes.is_empty());
    }

    #[test]
    fn english_actions_read_as_words() {
        let guidance = || Action::Activity(ActivityKind::AidGuidance);
        let plan = open(vec![
            step(guidance(), 250, 4350),
            step(guidance(), 250, 4600),
            step(
                Action::Report(ReportKind::QuarterlyCases, "2024Q4".into()),
                250,
                4850,
            ),
            step(Action::Expert, 200, 5050),
            step(Action::Expert, 200, 5250),
            step(Action::Funding, 100, 5350),
            step(Action::Funding, 100, 5450),
        ]);
        let texts: Vec<String> = Gaps::from_plan(&plan, Lang::En)
            .items
            .iter()
            .map(|i| match i {
                Gap::Action { action, .. } => action.clone(),
                Gap::Lost { item, .. } => item.clone(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "record 2 more aid application guidance sessions",
                "submit the 2024Q4 quarterly case report",
                "add 2 experts or lawyers to the pool",
                "receive dedicated funding (×2)"
            ]
        );
    }

    #[test]
    fn lost_items_and_notes() {
        let plan = GapPlan::Past(vec![LostItem {
            id: "3.3".into(),
            name: Text::new("Reports, articles or guides", "报告、文章或指引手册"),
            lost: Hundredths(500),
            evidence: Text::new("0 published, target 1", "发布 0 次，目标 1"),
        }]);
        let g = Gaps::from_plan(&plan, Lang::Zh);
        assert_eq!(g.notes, ["期间已结束，失分之处："]);
        assert_eq!(
            g.items,
            vec![Gap::Lost {
                item: "3.3 报告、文章或指引手册".into(),
                points: Hundredths(-500),
                evidence: "发布 0 次，目标 1".into()
            }]
        );
        assert_eq!(g.reach, None);
    }

    #[test]
    fn no_step_leaves_the_note_alone() {
        let g = Gaps::from_plan(&open(vec![]), Lang::En);
        assert_eq!(g.notes, ["nothing left to do before the period ends adds points"]);
        assert!(g.items.is_empty());
        assert_eq!(g.reach, None);
        let top = GapPlan::Top {
            grade: Text::new("excellent", "优秀"),
        };
        assert_eq!(Gaps::from_plan(&top, Lang::Zh).notes, ["已达最高等级 (优秀)"]);
    }
}
