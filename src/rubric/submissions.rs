//! The report metrics (docs/rubric.md): each annual summary, work plan or quarterly report due
//! in the period is on time, late, missing or not yet due at the as-of date.

use super::evidence::{keys, round, Text};
use super::scope::{Measured, Scope};
use crate::model::date::fmt;
use crate::model::recorded::Report;
use crate::model::{Hundredths, ReportKind};
use chrono::NaiveDate;

/// The annual summaries and next-year work plans of the years ending within the period.
pub fn annual(s: &Scope<'_>, max: Hundredths, annual_due_days: u32, late_credit: Hundredths) -> Measured {
    let mut docs = Vec::new();
    for y in s.period.years_ending_within() {
        let due = super::annual_due(y, annual_due_days);
        docs.push((ReportKind::AnnualSummary, y.to_string(), due));
        docs.push((ReportKind::WorkPlan, (y + 1).to_string(), due));
    }
    reports(s, max, &docs, late_credit)
}

/// The quarterly case reports of the quarters ending within the period.
pub fn quarterly(s: &Scope<'_>, max: Hundredths, quarter_due_days: u32, late_credit: Hundredths) -> Measured {
    let docs: Vec<_> = s
        .period
        .quarters_ending_within()
        .into_iter()
        .map(|(y, q)| {
            let due = super::quarter_due(y, q, quarter_due_days);
            (ReportKind::QuarterlyCases, format!("{y}Q{q}"), due)
        })
        .collect();
    reports(s, max, &docs, late_credit)
}

/// Judges each report `(kind, period, due date)`; a late one earns `late_credit` of a report.
fn reports(
    s: &Scope<'_>,
    max: Hundredths,
    docs: &[(ReportKind, String, NaiveDate)],
    late_credit: Hundredths,
) -> Measured {
    let mut tally = Tally::default();
    let mut explain = Vec::new();
    for (kind, period, due) in docs {
        let label = label(*kind, period);
        let fate = fate(first_submission(s, *kind, period), *due, s.as_of);
        explain.push(line(&label, fate, *due));
        tally.count(fate, label);
    }
    Measured {
        points: tally.points(max, late_credit),
        evidence: tally.evidence(),
        explain,
    }
}

/// What became of one report by the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    OnTime(NaiveDate),
    Late(NaiveDate),
    Missing,
    NotDue,
}

fn fate(submitted: Option<NaiveDate>, due: NaiveDate, as_of: NaiveDate) -> Fate {
    match submitted {
        Some(d) if d <= due => Fate::OnTime(d),
        Some(d) => Fate::Late(d),
        None if due <= as_of => Fate::Missing,
        None => Fate::NotDue,
    }
}

/// The earliest submission of the report on or before the as-of date.
fn first_submission(s: &Scope<'_>, kind: ReportKind, period: &str) -> Option<NaiveDate> {
    earliest(&s.recs.reports, kind, period, s.as_of)
}

fn earliest(reports: &[Report], kind: ReportKind, period: &str, as_of: NaiveDate) -> Option<NaiveDate> {
    reports
        .iter()
        .filter(|r| r.kind == kind && r.period == period && r.submitted_on <= as_of)
        .map(|r| r.submitted_on)
        .min()
}

/// What became of the report `kind` for `period`, due on `due`, by `as_of`, judged from one
/// station's `reports` as the scorer judges it (the city report counts with it).
pub fn report_fate(
    reports: &[Report],
    kind: ReportKind,
    period: &str,
    due: NaiveDate,
    as_of: NaiveDate,
) -> Fate {
    fate(earliest(reports, kind, period, as_of), due, as_of)
}

/// The report's name in evidence and explanations: `summary 2024`, `plan 2025`, `2024Q3`.
fn label(kind: ReportKind, period: &str) -> Text {
    match kind {
        ReportKind::AnnualSummary => Text::of(|l| l.msg("evidence.summary", &[("period", period)])),
        ReportKind::WorkPlan => Text::of(|l| l.msg("evidence.plan", &[("period", period)])),
        ReportKind::QuarterlyCases => Text::of(|l| l.msg("evidence.quarter", &[("period", period)])),
    }
}

/// The explanation row of one report.
fn line(label: &Text, fate: Fate, due: NaiveDate) -> Text {
    let by = fmt(due);
    match fate {
        Fate::OnTime(d) => Text::of(|l| {
            l.msg(
                "evidence.report_on_time",
                &[("report", label.get(l)), ("on", &fmt(d)), ("due", &by)],
            )
        }),
        Fate::Late(d) => {
            let n = (d - due).num_days().to_string();
            Text::of(|l| {
                l.msg(
                    "evidence.report_late",
                    &[
                        ("report", label.get(l)),
                        ("on", &fmt(d)),
                        ("days", &n),
                        ("due", &by),
                    ],
                )
            })
        }
        Fate::Missing => Text::of(|l| {
            l.msg(
                "evidence.report_missing",
                &[("report", label.get(l)), ("due", &by)],
            )
        }),
        Fate::NotDue => Text::of(|l| {
            l.msg(
                "evidence.report_not_due",
                &[("report", label.get(l)), ("due", &by)],
            )
        }),
    }
}

/// The reports counted so far: the late and missing ones by their labels.
#[derive(Default)]
struct Tally {
    on_time: usize,
    late: Vec<Text>,
    missing: Vec<Text>,
    not_due: usize,
}

impl Tally {
    fn count(&mut self, fate: Fate, label: Text) {
        match fate {
            Fate::OnTime(_) => self.on_time += 1,
            Fate::Late(_) => self.late.push(label),
            Fate::Missing => self.missing.push(label),
            Fate::NotDue => self.not_due += 1,
        }
    }

    /// The reports due by the as-of date.
    fn due(&self) -> usize {
        self.on_time + self.late.len() + self.missing.len()
    }

    /// `max × (on time + late × late_credit) / due`, rounded once; `max` when none is due.
    fn points(&self, max: Hundredths, late_credit: Hundredths) -> Hundredths {
        let n = self.due();
        if n == 0 {
            return max;
        }
        let credit = 100 * self.on_time as i128 + i128::from(late_credit.0) * self.late.len() as i128;
        round(i128::from(max.0) * credit, 100 * n as i128)
    }

    /// `3 on time, 1 late (plan 2025), 0 missing, 1 not yet due`.
    fn evidence(&self) -> Text {
        if self.due() == 0 {
            return Text::of(|l| l.msg("evidence.reports_none_due", &[]));
        }
        let (late, missing) = (listed(&self.late), listed(&self.missing));
        let on = self.on_time.to_string();
        let (n_late, n_missing) = (self.late.len().to_string(), self.missing.len().to_string());
        let not_due = self.not_due.to_string();
        Text::of(|l| {
            let args = [
                ("on_time", on.as_str()),
                ("late", &n_late),
                ("late_list", late.get(l)),
                ("missing", &n_missing),
                ("missing_list", missing.get(l)),
                ("not_due", &not_due),
            ];
            if self.not_due > 0 {
                l.msg("evidence.reports_not_due", &args)
            } else {
                l.msg("evidence.reports", &args)
            }
        })
    }
}

/// The first labels of a list, each language listing its own names.
fn listed(labels: &[Text]) -> Text {
    let en: Vec<&str> = labels.iter().map(|t| t.en.as_str()).collect();
    let zh: Vec<&str> = labels.iter().map(|t| t.zh.as_str()).collect();
    Text::new(keys(&en).en, keys(&zh).zh)
}
