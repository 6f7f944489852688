//! The measurement of each metric kind (docs/rubric.md): exact values, rounded once per item.

use super::classify::Status;
use super::evidence::{num, ratio, round, status_line, Step, Text};
use super::scope::{Judged, Measured, Scope};
use super::{submissions, Limits, Metric};
use crate::model::{CaseKind, CaseSource, Hundredths};

/// `max × on / (on + late)` rounded, or `when_empty`.
fn ratio_points(max: Hundredths, on: usize, late: usize, when_empty: Hundredths) -> Hundredths {
    if on + late == 0 {
        when_empty
    } else {
        round(i128::from(max.0) * on as i128, (on + late) as i128)
    }
}

pub fn measure(s: &Scope<'_>, max: Hundredths, m: &Metric) -> Measured {
    match m {
        Metric::AnnualReports {
            annual_due_days,
            late_credit,
        } => submissions::annual(s, max, *annual_due_days, *late_credit),
        Metric::QuarterlyReports {
            quarter_due_days,
            late_credit,
        } => submissions::quarterly(s, max, *quarter_due_days, *late_credit),
        Metric::Acceptance { when_empty } => {
            let rows = s.cases.iter().map(|c| (c.id, c.kind, c.class.acceptance));
            let step = (Step::Accept, s.limits.accept_days);
            limit_ratio(max, rows, *when_empty, step, s.explain)
        }
        Metric::Handling { when_empty } => {
            let rows = s.cases.iter().map(|c| (c.id, c.kind, c.class.handling));
            let step = (Step::Close, s.limits.handle_days);
            limit_ratio(max, rows, *when_empty, step, s.explain)
        }
        Metric::EffectFollowup {
            effect_when_empty,
            followup_when_empty,
        } => effect_followup(s, max, *effect_when_empty, *followup_when_empty),
        Metric::Transfers { when_empty } => transfers(s, max, *when_empty),
        Metric::ActivityCount {
            activity,
            target_per_year,
            min_participants,
        } => super::counts::activities(s, max, activity, *target_per_year, *min_participants),
        Metric::ExpertPool { pool_target } => super::counts::pool(s, max, *pool_target),
        Metric::FullTimeStaff { staff_target } => super::counts::staff(s, max, *staff_target),
        Metric::Funding { funding_min } => super::counts::funding(s, max, *funding_min),
    }
}

const ON_TIME: (&str, &str, &str, &str) = ("on time", "late", "按时", "超时");

fn limit_ratio<'a>(
    max: Hundredths,
    rows: impl Iterator<Item = (&'a str, CaseKind, Status)>,
    when_empty: Hundredths,
    (step, limit): (Step, u32),
    with_rows: bool,
) -> Measured {
    let (mut on, mut late, mut pending, mut explain) = (0, Vec::new(), 0, Vec::new());
    for (id, kind, st) in rows {
        match st {
            Status::OnTime { .. } => on += 1,
            Status::Pending { .. } => pending += 1,
            _ => late.push(id),
        }
        if with_rows {
            explain.push(with_kind(status_line(id, st, step, limit), id, kind));
        }
    }
    let mut evidence = ratio(on, &late, pending, ON_TIME);
    if on + late.len() == 0 {
        evidence = empty_note(evidence, when_empty);
    }
    Measured {
        points: ratio_points(max, on, late.len(), when_empty),
        evidence,
        explain,
    }
}

/// An explanation row that starts with a case's id, with the case's kind after the id
/// (`K1 (guidance): …`, `K1（指导）：…`): every row behind part 2 says what kind of case it is.
fn with_kind(t: Text, id: &str, kind: CaseKind) -> Text {
    let tail = |s: &str| s.strip_prefix(id).map(str::to_string).unwrap_or_default();
    Text::new(
        format!("{id} ({}){}", kind.as_str(), tail(&t.en)),
        format!("{id}（{}）{}", kind.zh(), tail(&t.zh)),
    )
}

fn empty_note(t: Text, when_empty: Hundredths) -> Text {
    Text::new(
        format!("{} (none judged: {} points)", t.en, num(when_empty)),
        format!("{}（无可评案件：{} 分）", t.zh, num(when_empty)),
    )
}

fn effect_followup(
    s: &Scope<'_>,
    max: Hundredths,
    effect_empty: Hundredths,
    follow_empty: Hundredths,
) -> Measured {
    let (mut good, mut bad) = (0usize, Vec::new());
    let (mut fon, mut flate, mut fpending) = (0usize, Vec::new(), 0usize);
    let mut explain = Vec::new();
    for c in &s.cases {
        let Some(fst) = c.class.followup else { continue };
        if c.effective == Some(true) {
            good += 1;
        } else {
            bad.push(c.id);
        }
        match fst {
            Status::OnTime { .. } => fon += 1,
            Status::Pending { .. } => fpending += 1,
            _ => flate.push(c.id),
        }
        if s.explain {
            explain.push(with_kind(effect_line(c), c.id, c.kind));
            let line = status_line(c.id, fst, Step::Follow, s.limits.followup_days);
            explain.push(with_kind(line, c.id, c.kind));
        }
    }
    let (a, b) = half(max, good, bad.len(), effect_empty);
    let (c, d) = half(max, fon, flate.len(), follow_empty);
    // Sum the two halves exactly, round once.
    let points = round(a * d + c * b, b * d);
    let e = ratio(good, &bad, 0, ("effective", "not", "有效", "未见效"));
    let f = ratio(fon, &flate, fpending, ON_TIME);
    Measured {
        points,
        evidence: Text::new(
            format!("effect: {}; follow-up: {}", e.en, f.en),
            format!("效果：{}；回访：{}", e.zh, f.zh),
        ),
        explain,
    }
}

/// One half of the effect and follow-up item as a fraction of hundredths: (max/2) × ratio,
/// i.e. max × on / (2 × (on + late)); an empty half contributes its `when_empty`.
fn half(max: Hundredths, on: usize, late: usize, when_empty: Hundredths) -> (i128, i128) {
    if on + late == 0 {
        (i128::from(when_empty.0), 1)
    } else {
        (i128::from(max.0) * on as i128, 2 * (on + late) as i128)
    }
}

/// The explanation row of a closed case's effect.
fn effect_line(c: &Judged<'_>) -> Text {
    let (en, zh) = match c.effective {
        Some(true) => ("effective", "有效"),
        Some(false) => ("not effective", "无效"),
        None => ("effect not recorded", "未记录效果"),
    };
    Text::new(format!("{}: {en}", c.id), format!("{}：{zh}", c.id))
}

fn transfers(s: &Scope<'_>, max: Hundredths, when_empty: Hundredths) -> Measured {
    let (mut on, mut late, mut pending, mut explain) = (0usize, Vec::new(), 0usize, Vec::new());
    for c in s.cases.iter().filter(|c| c.source == CaseSource::CityTransfer) {
        let (a, h) = (c.class.acceptance, c.class.handling);
        let (en, zh) = if a.is_late() || h.is_late() {
            late.push(c.id);
            ("late", "超时")
        } else if a.is_on_time() && h.is_on_time() {
            on += 1;
            ("handled on time", "按时办理")
        } else {
            pending += 1;
            ("pending", "未到期")
        };
        if s.explain {
            explain.push(with_kind(transfer_line(c, (en, zh), &s.limits), c.id, c.kind));
        }
    }
    let mut evidence = ratio(
        on,
        &late,
        pending,
        ("handled on time", "late", "按时办理", "超时"),
    );
    if on + late.len() == 0 {
        evidence = empty_note(evidence, when_empty);
    }
    Measured {
        points: ratio_points(max, on, late.len(), when_empty),
        evidence,
        explain,
    }
}

/// The explanation row of a transferred case: its verdict, then both of its time limits.
fn transfer_line(c: &Judged<'_>, (en, zh): (&str, &str), limits: &Limits) -> Text {
    let al = status_line("", c.class.acceptance, Step::Accept, limits.accept_days);
    let hl = status_line("", c.class.handling, Step::Close, limits.handle_days);
    Text::new(
        format!(
            "{}: {en} — {}; {}",
            c.id,
            al.en.trim_start_matches(": "),
            hl.en.trim_start_matches(": ")
        ),
        format!(
            "{}：{zh} — {}；{}",
            c.id,
            al.zh.trim_start_matches('：'),
            hl.zh.trim_start_matches('：')
        ),
    )
}
