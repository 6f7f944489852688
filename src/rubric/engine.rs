//! The scoring engine: a pure function from a rubric, one station's records, a period and an
//! as-of date to a scorecard. No I/O; exact arithmetic in hundredths, rounded once per item.

use super::classify::{classify, classify_dates, Dates};
use super::evidence::{keys, num, Text};
use super::measure::measure;
use super::scope::{Judged, Scope};
use super::{PenaltyRule, Rubric};
use crate::model::case_row::CaseRows;
use crate::model::recorded::StationRecords;
use crate::model::{Hundredths, Period};
use chrono::NaiveDate;

/// Where a scored item belongs: a base part (by its id), the bonus or the penalty items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartOf {
    Base(String),
    Bonus,
    Penalty,
}

impl PartOf {
    /// As written in the score's JSON and CSV: the base part's id, `bonus` or `penalty`.
    pub fn as_str(&self) -> &str {
        match self {
            PartOf::Base(id) => id,
            PartOf::Bonus => "bonus",
            PartOf::Penalty => "penalty",
        }
    }
}

impl serde::Serialize for PartOf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One scored, bonus or penalty item.
#[derive(Debug, Clone)]
pub struct ItemScore {
    pub id: String,
    /// The base part it belongs to, or bonus or penalty.
    pub part: PartOf,
    pub name_zh: String,
    pub name_en: String,
    pub max: Hundredths,
    /// Points earned (for a penalty item: points deducted, positive).
    pub points: Hundredths,
    pub evidence: Text,
    /// Every row behind the item.
    pub explain: Vec<Text>,
}

#[derive(Debug, Clone)]
pub struct PartScore {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub max: Hundredths,
    pub points: Hundredths,
}

/// The result of scoring one station over one period at one date.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub period: Period,
    pub as_of: NaiveDate,
    pub rubric_id: String,
    pub items: Vec<ItemScore>,
    pub parts: Vec<PartScore>,
    pub base: Hundredths,
    pub bonus: Hundredths,
    pub penalty: Hundredths,
    pub total: Hundredths,
    pub grade: super::Grade,
}

/// Scores `recs` over `period` as the world stood on `as_of` (which the caller has checked is
/// not before the period's first day). Records outside the period or dated after `as_of` are
/// ignored here, so `recs` may hold more than needed.
pub fn score(rubric: &Rubric, recs: &StationRecords, period: Period, as_of: NaiveDate) -> Scorecard {
    score_with(
        rubric,
        recs,
        judge_cases(rubric, recs, period, as_of),
        period,
        as_of,
        true,
    )
}

/// As [`score`], without the per-case explanation rows (for ranking many stations).
pub fn score_brief(rubric: &Rubric, recs: &StationRecords, period: Period, as_of: NaiveDate) -> Scorecard {
    score_with(
        rubric,
        recs,
        judge_cases(rubric, recs, period, as_of),
        period,
        as_of,
        false,
    )
}

/// As [`score_brief`], with the station's cases given as slim rows (`recs.cases` is not read).
pub fn score_rows(
    rubric: &Rubric,
    recs: &StationRecords,
    rows: &CaseRows,
    period: Period,
    as_of: NaiveDate,
) -> Scorecard {
    let cases = rows
        .rows()
        .iter()
        .filter(|c| period.contains(c.received_on) && c.received_on <= as_of)
        .filter(|c| c.kind != crate::model::CaseKind::Information)
        .map(|c| {
            let dates = Dates {
                received_on: c.received_on,
                accepted_on: c.accepted_on,
                closed_on: c.closed_on,
                followup_on: c.followup_on,
            };
            Judged {
                id: rows.id(c),
                source: c.source,
                kind: c.kind,
                effective: c.effective,
                excused: c.excused,
                case: None,
                class: classify_dates(&rubric.limits, dates, as_of),
            }
        })
        .collect();
    score_with(rubric, recs, cases, period, as_of, false)
}

/// The case set `C` of `recs` with each case's classification.
fn judge_cases<'a>(
    rubric: &Rubric,
    recs: &'a StationRecords,
    period: Period,
    as_of: NaiveDate,
) -> Vec<Judged<'a>> {
    recs.cases
        .iter()
        .filter(|c| period.contains(c.received_on) && c.received_on <= as_of && c.is_handled())
        .map(|c| Judged {
            id: &c.id,
            source: c.source,
            kind: c.kind,
            effective: c.effective,
            excused: c.reason_excuses(),
            case: Some(c),
            class: classify(&rubric.limits, c, as_of),
        })
        .collect()
}

fn score_with<'a>(
    rubric: &Rubric,
    recs: &'a StationRecords,
    cases: Vec<Judged<'a>>,
    period: Period,
    as_of: NaiveDate,
    explain: bool,
) -> Scorecard {
    let scope = Scope {
        recs,
        period,
        as_of,
        r: period.to().min(as_of),
        limits: rubric.limits,
        cases,
        explain,
    };
    let mut items = Vec::new();
    let mut parts = Vec::new();
    for p in &rubric.parts {
        let mut sum = Hundredths(0);
        for it in &p.items {
            let m = measure(&scope, it.max, &it.metric);
            sum.0 += m.points.0;
            items.push(ItemScore {
                id: it.id.clone(),
                part: PartOf::Base(p.id.clone()),
                name_zh: it.name_zh.clone(),
                name_en: it.name_en.clone(),
                max: it.max,
                points: m.points,
                evidence: m.evidence,
                explain: m.explain,
            });
        }
        parts.push(PartScore {
            id: p.id.clone(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            max: p.max,
            points: sum,
        });
    }
    let base = Hundredths(parts.iter().map(|p| p.points.0).sum());
    let bonus_items = bonus(rubric, &scope);
    let bonus = Hundredths(
        bonus_items
            .iter()
            .map(|i| i.points.0)
            .sum::<i64>()
            .min(rubric.bonus.cap.0),
    );
    items.extend(bonus_items);
    let penalty_items = penalty(rubric, &scope);
    let penalty = Hundredths(
        penalty_items
            .iter()
            .map(|i| i.points.0)
            .sum::<i64>()
            .min(rubric.penalty.cap.0),
    );
    items.extend(penalty_items);
    let total = Hundredths((base.0 + bonus.0 - penalty.0).max(0));
    Scorecard {
        period,
        as_of,
        rubric_id: rubric.id.clone(),
        items,
        parts,
        base,
        bonus,
        penalty,
        total,
        grade: rubric.grade(total).clone(),
    }
}

fn bonus(rubric: &Rubric, s: &Scope<'_>) -> Vec<ItemScore> {
    rubric
        .bonus
        .items
        .iter()
        .map(|b| {
            let awards: Vec<_> = s
                .recs
                .awards
                .iter()
                .filter(|a| a.item.eq_ignore_ascii_case(&b.id) && s.counts(a.date))
                .collect();
            let sum = Hundredths(awards.iter().map(|a| a.points.0).sum());
            let points = sum.min(b.max);
            let capped = if sum > b.max {
                Text::of(|l| l.msg("evidence.capped", &[("max", &num(b.max))]))
            } else {
                Text::new("", "")
            };
            ItemScore {
                id: b.id.clone(),
                part: PartOf::Bonus,
                name_zh: b.name_zh.clone(),
                name_en: b.name_en.clone(),
                max: b.max,
                points,
                evidence: Text::of(|l| {
                    let n = awards.len().to_string();
                    let args = [
                        ("n", n.as_str()),
                        ("points", &num(sum)),
                        ("capped", capped.get(l)),
                    ];
                    if awards.len() == 1 {
                        l.msg("evidence.awards_one", &args)
                    } else {
                        l.msg("evidence.awards", &args)
                    }
                }),
                explain: awards
                    .iter()
                    .map(|a| {
                        let d = crate::model::date::fmt(a.date);
                        Text::of(|l| {
                            l.msg(
                                "evidence.award",
                                &[("date", &d), ("points", &num(a.points)), ("reason", &a.reason)],
                            )
                        })
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The explanation row of a case late in handling: its kind, its overdue reason and the city
/// office's decision on it, and whether it is penalised.
fn p1_line(c: &Judged<'_>, counted: bool) -> Text {
    let (id, kind) = (c.id, c.kind);
    let (reason, accepted, on) = match c.case {
        Some(k) => (k.overdue_reason.trim(), k.reason_accepted, k.reason_decided_on),
        None => ("", None, None),
    };
    let on = on.map(crate::model::date::fmt);
    Text::of(|l| {
        let on = on
            .as_ref()
            .map(|d| l.msg("evidence.decided_on", &[("date", d)]))
            .unwrap_or_default();
        let args = [("reason", reason), ("on", on.as_str())];
        let why = match (reason.is_empty(), accepted) {
            (true, _) => l.msg("evidence.no_reason", &[]),
            (false, None) => l.msg("evidence.reason_undecided", &args),
            (false, Some(false)) => l.msg("evidence.reason_rejected", &args),
            (false, Some(true)) => l.msg("evidence.reason_accepted", &args),
        };
        let verdict = if !counted {
            l.msg("evidence.not_counted", &[])
        } else if c.excused {
            l.msg("evidence.excused", &[])
        } else {
            l.msg("evidence.penalised", &[])
        };
        l.msg(
            "evidence.late_case",
            &[
                ("id", id),
                ("kind", l.t(kind.as_str(), kind.zh())),
                ("reason", &why),
                ("verdict", &verdict),
            ],
        )
    })
}

fn penalty(rubric: &Rubric, s: &Scope<'_>) -> Vec<ItemScore> {
    rubric
        .penalty
        .items
        .iter()
        .map(|p| {
            let (n, per, evidence, explain) = match &p.rule {
                PenaltyRule::OverdueWithoutReason { p1_kinds, per_case } => {
                    let counted = |c: &Judged<'_>| {
                        p1_kinds
                            .iter()
                            .any(|kind| kind.eq_ignore_ascii_case(c.kind.as_str()))
                    };
                    let late: Vec<&Judged<'_>> =
                        s.cases.iter().filter(|c| c.class.handling.is_late()).collect();
                    let ids: Vec<&str> = late
                        .iter()
                        .filter(|c| !c.excused && counted(c))
                        .map(|c| c.id)
                        .collect();
                    let k = keys(&ids);
                    let kinds = p1_kinds.join("/");
                    let kinds_zh: Vec<&str> = p1_kinds
                        .iter()
                        .map(|k| k.parse::<crate::model::CaseKind>().map_or(k.as_str(), |c| c.zh()))
                        .collect();
                    let kinds_zh = kinds_zh.join("/");
                    let ev = Text::of(|l| {
                        let n = ids.len().to_string();
                        let args = [
                            ("n", n.as_str()),
                            ("kinds", l.t(&kinds, &kinds_zh)),
                            ("list", k.get(l)),
                        ];
                        if ids.len() == 1 {
                            l.msg("evidence.late_cases_one", &args)
                        } else {
                            l.msg("evidence.late_cases", &args)
                        }
                    });
                    let ex = if s.explain {
                        late.iter().map(|c| p1_line(c, counted(c))).collect()
                    } else {
                        Vec::new()
                    };
                    (ids.len(), *per_case, ev, ex)
                }
                PenaltyRule::VerifiedComplaints { per_complaint } => {
                    let list: Vec<_> = s
                        .recs
                        .complaints
                        .iter()
                        .filter(|c| c.verified && s.counts(c.date))
                        .collect();
                    let ev = Text::of(|l| {
                        let n = list.len().to_string();
                        if list.len() == 1 {
                            l.msg("evidence.complaints_one", &[("n", &n)])
                        } else {
                            l.msg("evidence.complaints", &[("n", &n)])
                        }
                    });
                    let ex = list
                        .iter()
                        .map(|c| {
                            let d = crate::model::date::fmt(c.date);
                            Text::of(|l| l.msg("evidence.dated_note", &[("date", &d), ("note", &c.note)]))
                        })
                        .collect();
                    (list.len(), *per_complaint, ev, ex)
                }
            };
            let points = Hundredths((per.0.saturating_mul(n as i64)).min(p.max.0));
            ItemScore {
                id: p.id.clone(),
                part: PartOf::Penalty,
                name_zh: p.name_zh.clone(),
                name_en: p.name_en.clone(),
                max: p.max,
                points,
                evidence,
                explain,
            }
        })
        .collect()
}
