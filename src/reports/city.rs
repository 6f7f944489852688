//! `report generate city`: the network's statistics for the city office, built from every
//! station's records of a period (and the cases of the period before, for comparison). Pure:
//! the command loads, this counts; Markdown in `city_markdown`, HTML in `pages::city`.

use super::content::{case_counts, key, names, tally, AuditHead, CaseCounts, Count, UNSPECIFIED};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::{Activity, Case, Report, Station};
use crate::model::{ActivityKind, Hundredths, Period, ReportKind, StationLevel};
use crate::rubric::classify::{classify, Status};
use crate::rubric::evidence::round;
use crate::rubric::submissions::{report_fate, Fate};
use crate::rubric::{annual_due, quarter_due, Rubric};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// A period by its name and bounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRef {
    pub period: String,
    pub from: String,
    pub to: String,
}

impl PeriodRef {
    fn of(p: Period) -> PeriodRef {
        PeriodRef {
            period: p.to_string(),
            from: fmt(p.from()),
            to: fmt(p.to()),
        }
    }
}

/// The cases received in one quarter of the period, beside the same-placed quarter of the
/// previous period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterRow {
    pub quarter: String,
    pub count: usize,
    pub previous_quarter: Option<String>,
    pub previous: Option<usize>,
}

/// How many cases met one time limit: on time, late (done late or open past it), pending (open
/// within it); the share is on time among those judged (on time + late), in percent with two
/// decimals, or `null` when none is judged yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnTime {
    pub on_time: usize,
    pub late: usize,
    pub pending: usize,
    pub share_percent: Option<Hundredths>,
}

/// The three case limits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnTimeShares {
    pub acceptance: OnTime,
    pub handling: OnTime,
    pub followup: OnTime,
}

/// Trainings held in the period and their participants (sessions without a head-count are
/// counted apart).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trainings {
    pub sessions: usize,
    pub participants: u64,
    pub sessions_without_count: usize,
}

/// The reports due from the stations in the period, as the scorer judges each.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    /// `annual_summary`, `work_plan`, `quarterly_cases`, or `all`.
    pub kind: String,
    pub due: usize,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub not_yet_due: usize,
    /// On time among those due, in percent with two decimals; `null` when none is due.
    pub share_percent: Option<Hundredths>,
}

impl ReportRow {
    /// A row of `kind` with nothing counted yet.
    fn empty(kind: &str) -> ReportRow {
        ReportRow {
            kind: kind.to_string(),
            due: 0,
            on_time: 0,
            late: 0,
            missing: 0,
            not_yet_due: 0,
            share_percent: None,
        }
    }
}

/// The city report.
#[derive(Debug, Clone, Serialize)]
pub struct CityReport {
    pub schema_version: u32,
    pub kind: &'static str,
    pub period: String,
    pub from: String,
    pub to: String,
    pub as_of: String,
    pub generated_on: String,
    pub rubric: String,
    pub previous: PeriodRef,
    pub stations: usize,
    pub cases: CaseCounts,
    pub previous_received: usize,
    pub by_quarter: Vec<QuarterRow>,
    pub by_district: Vec<Count>,
    pub by_station_level: Vec<Count>,
    pub on_time: OnTimeShares,
    pub trainings: Trainings,
    /// The satisfaction recorded at the period's follow-ups (left out when none was).
    #[serde(skip_serializing_if = "super::content::Shares::is_empty")]
    pub satisfaction: super::content::Shares,
    pub reports: Vec<ReportRow>,
    pub audit_head: AuditHead,
}

/// What a breakdown counts by, for naming its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    IpType,
    DisputeType,
    WarningLevel,
    Source,
    StationLevel,
    /// A country or region of the vocabulary: its name in the language.
    Country,
    /// Free text (district): the value itself.
    Free,
}

/// A counted value in words, unescaped: the vocabulary's Chinese or readable English, the text
/// itself for free text, `未填写` / `Unspecified` for the empty field.
pub fn label(lang: Lang, dim: Dim, key: &str) -> String {
    use crate::model::{CaseSource, DisputeType, IpType, WarningLevel};
    if key == UNSPECIFIED {
        return lang.label("label.unspecified").to_string();
    }
    if dim == Dim::Country {
        return crate::model::country::display(key, lang == Lang::Zh);
    }
    let zh = match dim {
        Dim::IpType => key.parse::<IpType>().ok().map(IpType::zh),
        Dim::DisputeType => key.parse::<DisputeType>().ok().map(DisputeType::zh),
        Dim::WarningLevel => key.parse::<WarningLevel>().ok().map(WarningLevel::zh),
        Dim::Source => key.parse::<CaseSource>().ok().map(CaseSource::zh),
        Dim::StationLevel => key.parse::<StationLevel>().ok().map(StationLevel::zh),
        Dim::Free | Dim::Country => None,
    };
    let en = match (dim, key) {
        (Dim::Free | Dim::Country, _) => None,
        (Dim::StationLevel, "city") => Some("City"),
        (Dim::StationLevel, "district") => Some("District or county"),
        (Dim::StationLevel, "park") => Some("Industrial park"),
        _ => super::words::english(key),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
    .unwrap_or(key)
    .to_string()
}

/// The period of the same length just before `p`: the years before, the quarter before, the
/// same number of days before.
pub fn previous(p: Period) -> Period {
    match p {
        Period::Years(a, b) => Period::Years(a - (b - a + 1), a - 1),
        Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
        Period::Quarter(y, q) => Period::Quarter(y, q - 1),
        Period::Range(a, b) => {
            let end = a.pred_opt().unwrap_or(a);
            let start = end.checked_sub_signed(b - a).unwrap_or(end);
            Period::Range(start, end)
        }
    }
}

/// The quarters the period touches, `(year, quarter)`, in order.
fn quarters(p: Period) -> Vec<(i32, u32)> {
    let q = |d: NaiveDate| (d.year(), (d.month() - 1) / 3 + 1);
    let (mut at, last) = (q(p.from()), q(p.to()));
    let mut out = Vec::new();
    while at <= last {
        out.push(at);
        at = if at.1 == 4 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    out
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// `part` of `whole` in percent with two decimals, rounded half up; `None` when `whole` is 0.
pub fn percent(part: usize, whole: usize) -> Option<Hundredths> {
    (whole > 0).then(|| round(part as i128 * 10_000, whole as i128))
}

fn on_time(statuses: impl Iterator<Item = Status>) -> OnTime {
    let (mut on, mut late, mut pending) = (0, 0, 0);
    for s in statuses {
        if s.is_on_time() {
            on += 1;
        } else if s.is_late() {
            late += 1;
        } else {
            pending += 1;
        }
    }
    OnTime {
        on_time: on,
        late,
        pending,
        share_percent: percent(on, on + late),
    }
}

/// What the report is built from.
pub struct Inputs<'a> {
    pub rubric: &'a Rubric,
    pub stations: &'a [Station],
    /// The cases received in the period (and maybe later ones: they are left out here).
    pub cases: &'a [Case],
    /// The cases received in the previous period.
    pub previous_cases: &'a [Case],
    /// The activities dated in the period.
    pub activities: &'a [Activity],
    /// Every report submitted.
    pub reports: &'a [Report],
    pub period: Period,
    pub as_of: NaiveDate,
    pub head: (i64, String),
}

/// Builds the city report.
pub fn build(i: &Inputs<'_>) -> CityReport {
    let (period, as_of) = (i.period, i.as_of);
    let prev = previous(period);
    let cases: Vec<&Case> = i
        .cases
        .iter()
        // Collected dispute information (kind `information`) is no case: the station documents
        // count it apart, and so it stays out of the network's case figures.
        .filter(|c| c.is_handled() && period.contains(c.received_on) && c.received_on <= as_of)
        .collect();
    let prev_cases: Vec<&Case> = i
        .previous_cases
        .iter()
        .filter(|c| c.is_handled() && prev.contains(c.received_on) && c.received_on <= as_of)
        .collect();
    let owned: Vec<Case> = cases.iter().map(|c| (*c).clone()).collect();
    // Countries are grouped by `content::country_key`, as in every station document.
    let counts = case_counts(i.rubric, &owned, period, as_of);

    let per_quarter = |list: &[&Case]| {
        let mut m: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for c in list {
            *m.entry(quarter_of(c.received_on)).or_default() += 1;
        }
        m
    };
    let (now_q, prev_q) = (per_quarter(&cases), per_quarter(&prev_cases));
    let prev_quarters = quarters(prev);
    let by_quarter = quarters(period)
        .into_iter()
        .enumerate()
        .map(|(n, q)| {
            let pq = prev_quarters.get(n).copied();
            QuarterRow {
                quarter: format!("{}Q{}", q.0, q.1),
                count: now_q.get(&q).copied().unwrap_or(0),
                previous_quarter: pq.map(|(y, q)| format!("{y}Q{q}")),
                previous: pq.map(|q| prev_q.get(&q).copied().unwrap_or(0)),
            }
        })
        .collect();

    let station_of: BTreeMap<&str, &Station> = i.stations.iter().map(|s| (s.code.as_str(), s)).collect();
    let district = |c: &&Case| {
        station_of
            .get(c.station.as_str())
            .map(|s| s.district.trim())
            .filter(|d| !d.is_empty())
            .unwrap_or(UNSPECIFIED)
            .to_string()
    };
    let districts: Vec<String> = cases.iter().map(district).collect();
    let level = |c: &&Case| {
        key(
            station_of.get(c.station.as_str()).and_then(|s| s.level),
            StationLevel::as_str,
        )
    };

    let classes: Vec<_> = cases
        .iter()
        .map(|c| classify(&i.rubric.limits, c, as_of))
        .collect();
    let trainings: Vec<&Activity> = i
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Training && period.contains(a.date) && a.date <= as_of)
        .collect();

    CityReport {
        schema_version: 1,
        kind: "city",
        period: period.to_string(),
        from: fmt(period.from()),
        to: fmt(period.to()),
        as_of: fmt(as_of),
        generated_on: String::new(),
        rubric: i.rubric.id.clone(),
        previous: PeriodRef::of(prev),
        stations: i.stations.len(),
        cases: counts,
        previous_received: prev_cases.len(),
        by_quarter,
        by_district: tally(districts.iter().map(String::as_str), &[]),
        by_station_level: tally(
            cases.iter().map(level),
            &names(StationLevel::ALL, StationLevel::as_str),
        ),
        on_time: OnTimeShares {
            acceptance: on_time(classes.iter().map(|c| c.acceptance)),
            handling: on_time(classes.iter().map(|c| c.handling)),
            followup: on_time(classes.iter().filter_map(|c| c.followup)),
        },
        trainings: Trainings {
            sessions: trainings.len(),
            participants: trainings
                .iter()
                .filter_map(|a| a.participants)
                .map(u64::from)
                .sum(),
            sessions_without_count: trainings.iter().filter(|a| a.participants.is_none()).count(),
        },
        satisfaction: Default::default(),
        reports: reports(i, period, as_of),
        audit_head: AuditHead {
            seq: i.head.0,
            hash: i.head.1.clone(),
        },
    }
}

/// Each station's reports due in the period (those the rubric measures), judged at `as_of`.
fn reports(i: &Inputs<'_>, period: Period, as_of: NaiveDate) -> Vec<ReportRow> {
    let (annual_days, quarter_days) = super::due::report_params(i.rubric);
    let mut docs: Vec<(ReportKind, String, NaiveDate)> = Vec::new();
    if let Some(days) = annual_days {
        for y in period.years_ending_within() {
            let due = annual_due(y, days);
            docs.push((ReportKind::AnnualSummary, y.to_string(), due));
            docs.push((ReportKind::WorkPlan, (y + 1).to_string(), due));
        }
    }
    if let Some(days) = quarter_days {
        for (y, q) in period.quarters_ending_within() {
            docs.push((
                ReportKind::QuarterlyCases,
                format!("{y}Q{q}"),
                quarter_due(y, q, days),
            ));
        }
    }
    let mut by_station: BTreeMap<&str, Vec<Report>> = BTreeMap::new();
    for r in i.reports {
        by_station.entry(r.station.as_str()).or_default().push(r.clone());
    }
    let kinds = ReportKind::ALL;
    let mut rows: Vec<ReportRow> = kinds.iter().map(|k| ReportRow::empty(k.as_str())).collect();
    let empty = Vec::new();
    for s in i.stations {
        let theirs = by_station.get(s.code.as_str()).unwrap_or(&empty);
        for (kind, p, due) in &docs {
            let row = &mut rows[kinds.iter().position(|k| k == kind).unwrap_or(0)];
            match report_fate(theirs, *kind, p, *due, as_of) {
                Fate::OnTime(_) => row.on_time += 1,
                Fate::Late(_) => row.late += 1,
                Fate::Missing => row.missing += 1,
                Fate::NotDue => row.not_yet_due += 1,
            }
        }
    }
    let mut all = ReportRow::empty("all");
    for r in &mut rows {
        r.due = r.on_time + r.late + r.missing;
        r.share_percent = percent(r.on_time, r.due);
        all.due += r.due;
        all.on_time += r.on_time;
        all.late += r.late;
        all.missing += r.missing;
        all.not_yet_due += r.not_yet_due;
    }
    all.share_percent = percent(all.on_time, all.due);
    rows.push(all);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::date::parse_date(s).unwrap()
    }

    #[test]
    fn the_previous_period_has_the_same_length() {
        assert_eq!(previous(Period::Years(2024, 2024)), Period::Years(2023, 2023));
        assert_eq!(previous(Period::Years(2023, 2024)), Period::Years(2021, 2022));
        assert_eq!(previous(Period::Quarter(2024, 1)), Period::Quarter(2023, 4));
        assert_eq!(previous(Period::Quarter(2024, 3)), Period::Quarter(2024, 2));
        assert_eq!(
            previous(Period::Range(d("2024-06-01"), d("2024-06-30"))),
            Period::Range(d("2024-05-02"), d("2024-05-31"))
        );
    }

    #[test]
    fn quarters_and_percentages() {
        assert_eq!(quarters(Period::Years(2024, 2024)).len(), 4);
        assert_eq!(
            quarters(Period::Range(d("2024-03-15"), d("2024-07-01"))),
            vec![(2024, 1), (2024, 2), (2024, 3)]
        );
        assert_eq!(percent(6, 7), Some(Hundredths(8571)));
        assert_eq!(percent(2, 3), Some(Hundredths(6667)));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(3, 3), Some(Hundredths(10000)));
    }
}
