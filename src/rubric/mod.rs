//! The rubric as data: parts, items and their metrics, bonus and penalty items, grades and
//! every parameter of the measurement (docs/rubric.md). The Chongqing 2022 rubric is embedded
//! as the default; another office loads its own JSON file without a code change.

pub mod check;
pub mod classify;
mod counts;
pub mod engine;
pub mod evidence;
pub mod gaps;
mod json;
mod measure;
mod scope;
pub mod submissions;
#[cfg(test)]
mod tests;

pub use classify::{overdue_cases, Overdue};
pub use engine::{score, score_brief, score_rows, ItemScore, PartOf, PartScore, Scorecard};

use crate::model::Hundredths;
use serde::{Deserialize, Deserializer, Serialize};

/// The grade of an acceptance that did not pass (art. 9: 验收不合格), whatever the rubric's
/// own grades are called.
pub const ACCEPTANCE_FAIL: &str = "fail";

/// The embedded default rubric (渝知发〔2022〕45号, appendix).
pub const DEFAULT_JSON: &str = include_str!("cq-2022.json");

/// Reads a JSON number with at most two decimals, exactly (never through floating point).
fn points<'de, D: Deserializer<'de>>(d: D) -> Result<Hundredths, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    n.to_string()
        .parse::<Hundredths>()
        .map_err(serde::de::Error::custom)
}

/// A whole rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub limits: Limits,
    pub parts: Vec<Part>,
    pub bonus: Bonus,
    pub penalty: Penalty,
    /// From the highest threshold down; the last one's `min` is 0.
    pub grades: Vec<Grade>,
}

/// The time limits of a case, in calendar days (used by 2.1, 2.2, 2.3, 2.4, P1 and
/// `case list --overdue`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub accept_days: u32,
    pub handle_days: u32,
    pub followup_days: u32,
    /// Days from receipt for a red case's special-handling plan (seed 003 §9; `report due`).
    #[serde(default = "default_plan_days")]
    pub red_plan_days: u32,
    /// Days from receipt for a yellow case's one-case plan (一案一策).
    #[serde(default = "default_plan_days")]
    pub yellow_plan_days: u32,
    /// Days from receipt for a blue case's published risk notice (风险提示).
    #[serde(default = "default_notice_days")]
    pub blue_notice_days: u32,
}

/// The default deadline of a red or yellow case's plan: with its acceptance (3 days).
fn default_plan_days() -> u32 {
    3
}

/// The default deadline of a blue case's risk notice: a week.
fn default_notice_days() -> u32 {
    7
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(deserialize_with = "points")]
    pub max: Hundredths,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(deserialize_with = "points")]
    pub max: Hundredths,
    pub metric: Metric,
}

/// How an item is measured: a closed set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Metric {
    /// Annual summaries and next-year work plans, due `annual_due_days` after 31 December.
    AnnualReports {
        annual_due_days: u32,
        #[serde(deserialize_with = "points")]
        late_credit: Hundredths,
    },
    /// Quarterly case reports, due `quarter_due_days` after the quarter's last day.
    QuarterlyReports {
        quarter_due_days: u32,
        #[serde(deserialize_with = "points")]
        late_credit: Hundredths,
    },
    /// Ratio of cases accepted within `accept_days`.
    Acceptance {
        #[serde(deserialize_with = "points")]
        when_empty: Hundredths,
    },
    /// Ratio of cases closed within `handle_days`.
    Handling {
        #[serde(deserialize_with = "points")]
        when_empty: Hundredths,
    },
    /// Half effect ratio, half follow-up ratio, rounded once.
    EffectFollowup {
        #[serde(deserialize_with = "points")]
        effect_when_empty: Hundredths,
        #[serde(deserialize_with = "points")]
        followup_when_empty: Hundredths,
    },
    /// Ratio of city-office transfers on time in both acceptance and handling.
    Transfers {
        #[serde(deserialize_with = "points")]
        when_empty: Hundredths,
    },
    /// Activities of one kind against a yearly target.
    ActivityCount {
        activity: String,
        #[serde(deserialize_with = "points")]
        target_per_year: Hundredths,
        min_participants: u32,
    },
    /// Experts and lawyers in the pool on R.
    ExpertPool { pool_target: u32 },
    /// Full-time staff active on R.
    FullTimeStaff { staff_target: u32 },
    /// Full points when the funding in P sums to more than `funding_min` yuan.
    Funding {
        #[serde(deserialize_with = "points")]
        funding_min: Hundredths,
    },
}

/// The metric kinds, for messages.
pub const METRIC_KINDS: &str = "annual_reports, quarterly_reports, acceptance, handling, \
    effect_followup, transfers, activity_count, expert_pool, full_time_staff, funding";

impl Metric {
    /// The metric's kind as written in the JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Metric::AnnualReports { .. } => "annual_reports",
            Metric::QuarterlyReports { .. } => "quarterly_reports",
            Metric::Acceptance { .. } => "acceptance",
            Metric::Handling { .. } => "handling",
            Metric::EffectFollowup { .. } => "effect_followup",
            Metric::Transfers { .. } => "transfers",
            Metric::ActivityCount { .. } => "activity_count",
            Metric::ExpertPool { .. } => "expert_pool",
            Metric::FullTimeStaff { .. } => "full_time_staff",
            Metric::Funding { .. } => "funding",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    #[serde(deserialize_with = "points")]
    pub cap: Hundredths,
    pub items: Vec<BonusItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusItem {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(deserialize_with = "points")]
    pub max: Hundredths,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    #[serde(deserialize_with = "points")]
    pub cap: Hundredths,
    pub items: Vec<PenaltyItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltyItem {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(deserialize_with = "points")]
    pub max: Hundredths,
    pub rule: PenaltyRule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PenaltyRule {
    /// Cases of `p1_kinds` late in handling with no overdue reason.
    OverdueWithoutReason {
        p1_kinds: Vec<String>,
        #[serde(deserialize_with = "points")]
        per_case: Hundredths,
    },
    /// Complaints verified as true.
    VerifiedComplaints {
        #[serde(deserialize_with = "points")]
        per_complaint: Hundredths,
    },
}

/// The penalty rule kinds, for messages.
pub const PENALTY_KINDS: &str = "overdue_without_reason, verified_complaints";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(deserialize_with = "points")]
    pub min: Hundredths,
}

impl Rubric {
    /// The embedded default rubric.
    pub fn default_rubric() -> Rubric {
        Rubric::from_json(DEFAULT_JSON).expect("the embedded rubric is valid")
    }

    /// Parses and checks a rubric; the error is one line.
    pub fn from_json(text: &str) -> Result<Rubric, String> {
        let r: Rubric = serde_json::from_str(text).map_err(|e| e.to_string())?;
        check::check(&r)?;
        Ok(r)
    }

    /// Pretty JSON, as `rubric export` writes it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a rubric serializes")
    }

    /// The highest grade whose threshold the total reaches.
    pub fn grade(&self, total: Hundredths) -> &Grade {
        self.grades
            .iter()
            .find(|g| total >= g.min)
            .unwrap_or_else(|| self.grades.last().expect("checked: at least one grade"))
    }

    /// The total an acceptance needs to pass (art. 9: 验收合格 / 验收不合格): the threshold of
    /// the grade `pass`, else of the lowest grade above the last (failing) one.
    pub fn pass_threshold(&self) -> Hundredths {
        let n = self.grades.len();
        self.grades
            .iter()
            .find(|g| g.id == "pass")
            .or_else(|| n.checked_sub(2).map(|i| &self.grades[i]))
            .map_or(Hundredths(0), |g| g.min)
    }

    /// The lowest grade (the smallest threshold): a biennial assessment graded so fails, and
    /// with `--confirm-revoke` revokes the station. `None` only for a rubric without grades,
    /// which `check` refuses.
    pub fn revoking_grade(&self) -> Option<&Grade> {
        self.grades.iter().min_by_key(|g| g.min)
    }

    /// Whether an assessment of `kind` graded `grade` failed (and so may revoke the station):
    /// an acceptance that did not pass, a biennial assessment graded the rubric's lowest grade.
    pub fn failed(&self, kind: crate::model::AssessmentKind, grade: &str) -> bool {
        use crate::model::AssessmentKind;
        match kind {
            AssessmentKind::Acceptance => grade == ACCEPTANCE_FAIL,
            AssessmentKind::Biennial => self.revoking_grade().is_some_and(|g| g.id == grade),
        }
    }

    /// The outcome of an acceptance with this total: the grade `pass` (验收合格) or `fail`
    /// (验收不合格), never a third.
    pub fn acceptance_grade(&self, total: Hundredths) -> Grade {
        if total >= self.pass_threshold() {
            Grade {
                id: "pass".into(),
                name_zh: "验收合格".into(),
                name_en: "pass".into(),
                min: self.pass_threshold(),
            }
        } else {
            Grade {
                id: ACCEPTANCE_FAIL.into(),
                name_zh: "验收不合格".into(),
                name_en: "fail".into(),
                min: Hundredths(0),
            }
        }
    }

    /// The ids of the bonus items, in the rubric's order, for a message: `B1, B2, B3 or B4`.
    pub fn bonus_ids_text(&self) -> String {
        let ids: Vec<&str> = self.bonus.items.iter().map(|b| b.id.as_str()).collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => ids.join(""),
        }
    }

    /// [`Rubric::bonus_ids_text`] in the reader's language (`B1、B2、B3 或 B4`).
    pub fn bonus_ids_text_in(&self, lang: crate::i18n::Lang) -> String {
        let ids: Vec<&str> = self.bonus.items.iter().map(|b| b.id.as_str()).collect();
        match (lang, ids.split_last()) {
            (crate::i18n::Lang::Zh, Some((last, rest))) if !rest.is_empty() => {
                format!("{} 或 {last}", rest.join("、"))
            }
            _ => self.bonus_ids_text(),
        }
    }

    /// The maximum of a bonus item, if the rubric has it.
    pub fn bonus_max(&self, item: &str) -> Option<Hundredths> {
        self.bonus
            .items
            .iter()
            .find(|b| b.id.eq_ignore_ascii_case(item))
            .map(|b| b.max)
    }
}

/// The day an annual summary for year `y`, and the work plan for `y + 1`, fall due:
/// `annual_due_days` after 31 December of `y`. The one rule the score and `report due` share.
pub fn annual_due(y: i32, annual_due_days: u32) -> chrono::NaiveDate {
    crate::model::date::add_days(crate::model::date::year_end(y), i64::from(annual_due_days))
}

/// The day the quarterly report of quarter `q` of `y` falls due: `quarter_due_days` after the
/// quarter's last day.
pub fn quarter_due(y: i32, q: u32, quarter_due_days: u32) -> chrono::NaiveDate {
    crate::model::date::add_days(
        crate::model::period::quarter_end(y, q),
        i64::from(quarter_due_days),
    )
}
