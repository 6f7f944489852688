//! Validation of a rubric beyond its JSON shape: every error is one line naming the item.

use super::{Metric, PenaltyRule, Rubric};
use crate::i18n::Lang;
use crate::model::{ActivityKind, CaseKind, Hundredths};
use std::collections::HashSet;

/// `item 4.1` / `项目 4.1`: how a message names an item of the rubric.
fn item_named(lang: Lang, id: &str) -> String {
    lang.msg("rubric.item_named", &[("id", id)])
}

/// Checks the rubric's coherence: ids unique, items adding up to their part, positive targets,
/// sensible credits, caps and grade thresholds.
pub fn check(r: &Rubric) -> Result<(), String> {
    let lang = Lang::current();
    if r.id.trim().is_empty() {
        return Err(lang.msg("rubric.empty_rubric_id", &[]));
    }
    if r.parts.is_empty() {
        return Err(lang.msg("rubric.no_parts", &[]));
    }
    let mut ids = HashSet::new();
    let mut unique = |id: &str, what: String| -> Result<(), String> {
        if id.trim().is_empty() {
            return Err(lang.msg("rubric.empty_id", &[("what", &what)]));
        }
        if !ids.insert(id.to_string()) {
            return Err(lang.msg("rubric.id_twice", &[("id", id)]));
        }
        Ok(())
    };
    for p in &r.parts {
        unique(&p.id, lang.msg("rubric.what_part", &[]))?;
        if p.items.is_empty() {
            return Err(lang.msg("rubric.part_without_items", &[("part", &p.id)]));
        }
        let mut sum = Hundredths(0);
        for it in &p.items {
            unique(&it.id, lang.msg("rubric.what_item", &[]))?;
            if it.max.0 == 0 {
                return Err(lang.msg("rubric.item_max_zero", &[("item", &it.id)]));
            }
            sum.0 += it.max.0;
            check_metric(lang, &it.id, it.max, &it.metric)?;
        }
        if sum != p.max {
            return Err(lang.msg(
                "rubric.part_sum",
                &[
                    ("part", &p.id),
                    ("sum", &sum.to_string()),
                    ("max", &p.max.to_string()),
                ],
            ));
        }
    }
    for b in &r.bonus.items {
        unique(&b.id, lang.msg("rubric.what_bonus_item", &[]))?;
        if b.max.0 == 0 || b.max > r.bonus.cap {
            return Err(lang.msg(
                "rubric.bonus_max",
                &[
                    ("item", &b.id),
                    ("max", &b.max.to_string()),
                    ("cap", &r.bonus.cap.to_string()),
                ],
            ));
        }
    }
    for p in &r.penalty.items {
        unique(&p.id, lang.msg("rubric.what_penalty_item", &[]))?;
        if p.max.0 == 0 || p.max > r.penalty.cap {
            return Err(lang.msg(
                "rubric.penalty_max",
                &[
                    ("item", &p.id),
                    ("max", &p.max.to_string()),
                    ("cap", &r.penalty.cap.to_string()),
                ],
            ));
        }
        match &p.rule {
            PenaltyRule::OverdueWithoutReason { p1_kinds, per_case } => {
                if p1_kinds.is_empty() {
                    return Err(lang.msg("rubric.p1_kinds_empty", &[("item", &p.id)]));
                }
                for k in p1_kinds {
                    k.parse::<CaseKind>()
                        .map_err(|e| lang.msg("rubric.p1_kind_bad", &[("item", &p.id), ("error", &e)]))?;
                }
                positive(lang, &p.id, "per_case", *per_case)?;
            }
            PenaltyRule::VerifiedComplaints { per_complaint } => {
                positive(lang, &p.id, "per_complaint", *per_complaint)?;
            }
        }
    }
    for (what, v) in [
        ("accept_days", r.limits.accept_days),
        ("handle_days", r.limits.handle_days),
        ("followup_days", r.limits.followup_days),
        ("red_plan_days", r.limits.red_plan_days),
        ("yellow_plan_days", r.limits.yellow_plan_days),
        ("blue_notice_days", r.limits.blue_notice_days),
    ] {
        days(lang, "limits", what, v)?;
    }
    check_grades(lang, r)
}

/// The longest time limit or due-date offset a rubric may set, in days (ten years).
pub const MAX_DAYS: u32 = 3660;

fn days(lang: Lang, id: &str, what: &str, v: u32) -> Result<(), String> {
    if v > MAX_DAYS {
        return Err(lang.msg(
            "rubric.too_many_days",
            &[
                ("id", id),
                ("what", what),
                ("value", &v.to_string()),
                ("max", &MAX_DAYS.to_string()),
            ],
        ));
    }
    Ok(())
}

fn positive(lang: Lang, id: &str, what: &str, v: Hundredths) -> Result<(), String> {
    if v.0 == 0 {
        return Err(lang.msg("rubric.not_positive", &[("item", id), ("what", what)]));
    }
    Ok(())
}

fn at_most(lang: Lang, id: &str, what: &str, v: Hundredths, max: Hundredths) -> Result<(), String> {
    if v > max {
        return Err(lang.msg(
            "rubric.more_than",
            &[
                ("item", id),
                ("what", what),
                ("value", &v.to_string()),
                ("max", &max.to_string()),
            ],
        ));
    }
    Ok(())
}

fn check_metric(lang: Lang, id: &str, max: Hundredths, m: &Metric) -> Result<(), String> {
    match m {
        Metric::AnnualReports {
            late_credit,
            annual_due_days,
        } => {
            days(lang, &item_named(lang, id), "annual_due_days", *annual_due_days)?;
            at_most(lang, id, "late_credit", *late_credit, Hundredths(100))
        }
        Metric::QuarterlyReports {
            late_credit,
            quarter_due_days,
        } => {
            days(lang, &item_named(lang, id), "quarter_due_days", *quarter_due_days)?;
            at_most(lang, id, "late_credit", *late_credit, Hundredths(100))
        }
        Metric::Acceptance { when_empty }
        | Metric::Handling { when_empty }
        | Metric::Transfers { when_empty } => at_most(lang, id, "when_empty", *when_empty, max),
        Metric::EffectFollowup {
            effect_when_empty,
            followup_when_empty,
        } => {
            // Each half is worth max / 2; compare in doubled hundredths to stay exact.
            for (what, v) in [
                ("effect_when_empty", effect_when_empty),
                ("followup_when_empty", followup_when_empty),
            ] {
                if 2 * v.0 > max.0 {
                    return Err(lang.msg(
                        "rubric.more_than_half",
                        &[
                            ("item", id),
                            ("what", what),
                            ("value", &v.to_string()),
                            ("max", &max.to_string()),
                        ],
                    ));
                }
            }
            Ok(())
        }
        Metric::ActivityCount {
            activity,
            target_per_year,
            ..
        } => {
            activity
                .parse::<ActivityKind>()
                .map_err(|e| lang.msg("rubric.activity_bad", &[("item", id), ("error", &e)]))?;
            positive(lang, id, "target_per_year", *target_per_year)
        }
        Metric::ExpertPool { pool_target } => {
            positive(lang, id, "pool_target", Hundredths(i64::from(*pool_target)))
        }
        Metric::FullTimeStaff { staff_target } => {
            positive(lang, id, "staff_target", Hundredths(i64::from(*staff_target)))
        }
        Metric::Funding { .. } => Ok(()),
    }
}

fn check_grades(lang: Lang, r: &Rubric) -> Result<(), String> {
    let Some(last) = r.grades.last() else {
        return Err(lang.msg("rubric.no_grades", &[]));
    };
    if last.min.0 != 0 {
        return Err(lang.msg("rubric.lowest_grade_min", &[("grade", &last.id)]));
    }
    let mut seen = HashSet::new();
    for w in r.grades.windows(2) {
        if w[0].min <= w[1].min {
            return Err(lang.msg(
                "rubric.grades_order",
                &[
                    ("grade", &w[0].id),
                    ("min", &w[0].min.to_string()),
                    ("next", &w[1].id),
                    ("next_min", &w[1].min.to_string()),
                ],
            ));
        }
    }
    for g in &r.grades {
        if !seen.insert(g.id.as_str()) {
            return Err(lang.msg("rubric.grade_twice", &[("grade", &g.id)]));
        }
    }
    Ok(())
}
