//! Validation of a rubric beyond its JSON shape: every error is one line naming the item.

use super::{Metric, PenaltyRule, Rubric};
use crate::model::{ActivityKind, CaseKind, Hundredths};
use std::collections::HashSet;

/// Checks the rubric's coherence: ids unique, items adding up to their part, positive targets,
/// sensible credits, caps and grade thresholds.
pub fn check(r: &Rubric) -> Result<(), String> {
    if r.id.trim().is_empty() {
        return Err("the rubric has an empty `id`".into());
    }
    if r.parts.is_empty() {
        return Err("the rubric has no parts".into());
    }
    let mut ids = HashSet::new();
    let mut unique = |id: &str, what: &str| -> Result<(), String> {
        if id.trim().is_empty() {
            return Err(format!("a {what} has an empty id"));
        }
        if !ids.insert(id.to_string()) {
            return Err(format!(
                "id `{id}` is used twice: every part and item needs its own id"
            ));
        }
        Ok(())
    };
    for p in &r.parts {
        unique(&p.id, "part")?;
        if p.items.is_empty() {
            return Err(format!("part {} has no items", p.id));
        }
        let mut sum = Hundredths(0);
        for it in &p.items {
            unique(&it.id, "item")?;
            if it.max.0 == 0 {
                return Err(format!("item {}: max must be more than 0", it.id));
            }
            sum.0 += it.max.0;
            check_metric(&it.id, it.max, &it.metric)?;
        }
        if sum != p.max {
            return Err(format!(
                "part {}: its items add up to {sum}, not its max {}",
                p.id, p.max
            ));
        }
    }
    for b in &r.bonus.items {
        unique(&b.id, "bonus item")?;
        if b.max.0 == 0 || b.max > r.bonus.cap {
            return Err(format!(
                "bonus item {}: max {} must be more than 0 and at most the bonus cap {}",
                b.id, b.max, r.bonus.cap
            ));
        }
    }
    for p in &r.penalty.items {
        unique(&p.id, "penalty item")?;
        if p.max.0 == 0 || p.max > r.penalty.cap {
            return Err(format!(
                "penalty item {}: max {} must be more than 0 and at most the penalty cap {}",
                p.id, p.max, r.penalty.cap
            ));
        }
        match &p.rule {
            PenaltyRule::OverdueWithoutReason { p1_kinds, per_case } => {
                if p1_kinds.is_empty() {
                    return Err(format!("penalty item {}: p1_kinds is empty", p.id));
                }
                for k in p1_kinds {
                    k.parse::<CaseKind>()
                        .map_err(|e| format!("penalty item {}: p1_kinds: {e}", p.id))?;
                }
                positive(&p.id, "per_case", *per_case)?;
            }
            PenaltyRule::VerifiedComplaints { per_complaint } => {
                positive(&p.id, "per_complaint", *per_complaint)?;
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
        days("limits", what, v)?;
    }
    check_grades(r)
}

/// The longest time limit or due-date offset a rubric may set, in days (ten years).
pub const MAX_DAYS: u32 = 3660;

fn days(id: &str, what: &str, v: u32) -> Result<(), String> {
    if v > MAX_DAYS {
        return Err(format!("{id}: {what} {v} is more than {MAX_DAYS} days"));
    }
    Ok(())
}

fn positive(id: &str, what: &str, v: Hundredths) -> Result<(), String> {
    if v.0 == 0 {
        return Err(format!("item {id}: {what} must be more than 0"));
    }
    Ok(())
}

fn at_most(id: &str, what: &str, v: Hundredths, max: Hundredths) -> Result<(), String> {
    if v > max {
        return Err(format!("item {id}: {what} {v} is more than {max}"));
    }
    Ok(())
}

fn check_metric(id: &str, max: Hundredths, m: &Metric) -> Result<(), String> {
    match m {
        Metric::AnnualReports {
            late_credit,
            annual_due_days,
        } => {
            days(&format!("item {id}"), "annual_due_days", *annual_due_days)?;
            at_most(id, "late_credit", *late_credit, Hundredths(100))
        }
        Metric::QuarterlyReports {
            late_credit,
            quarter_due_days,
        } => {
            days(&format!("item {id}"), "quarter_due_days", *quarter_due_days)?;
            at_most(id, "late_credit", *late_credit, Hundredths(100))
        }
        Metric::Acceptance { when_empty }
        | Metric::Handling { when_empty }
        | Metric::Transfers { when_empty } => at_most(id, "when_empty", *when_empty, max),
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
                    return Err(format!(
                        "item {id}: {what} {v} is more than half the item's max {max}"
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
                .map_err(|e| format!("item {id}: activity: {e}"))?;
            positive(id, "target_per_year", *target_per_year)
        }
        Metric::ExpertPool { pool_target } => {
            positive(id, "pool_target", Hundredths(i64::from(*pool_target)))
        }
        Metric::FullTimeStaff { staff_target } => {
            positive(id, "staff_target", Hundredths(i64::from(*staff_target)))
        }
        Metric::Funding { .. } => Ok(()),
    }
}

fn check_grades(r: &Rubric) -> Result<(), String> {
    let Some(last) = r.grades.last() else {
        return Err("the rubric has no grades".into());
    };
    if last.min.0 != 0 {
        return Err(format!(
            "the lowest grade `{}` must have min 0 so every total gets a grade",
            last.id
        ));
    }
    let mut seen = HashSet::new();
    for w in r.grades.windows(2) {
        if w[0].min <= w[1].min {
            return Err(format!(
                "grades must go from the highest threshold down: `{}` ({}) comes before `{}` ({})",
                w[0].id, w[0].min, w[1].id, w[1].min
            ));
        }
    }
    for g in &r.grades {
        if !seen.insert(g.id.as_str()) {
            return Err(format!("grade `{}` is listed twice", g.id));
        }
    }
    Ok(())
}
