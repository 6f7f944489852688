//! Hand-computed scenarios for every item at its boundaries; the arithmetic is in the comments.

use super::*;
use crate::model::recorded::*;
use crate::model::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    crate::model::date::parse_date(s).unwrap()
}

fn case(id: &str, recv: &str, acc: Option<&str>, closed: Option<&str>) -> Case {
    let mut c = Case::received(id.into(), "S".into(), "E".into(), d(recv));
    c.accepted_on = acc.map(d);
    c.closed_on = closed.map(d);
    c
}

fn run(recs: &StationRecords, period: &str, as_of: &str) -> Scorecard {
    score(&Rubric::default_rubric(), recs, period.parse().unwrap(), d(as_of))
}

fn pts(card: &Scorecard, id: &str) -> String {
    card.items.iter().find(|i| i.id == id).unwrap().points.to_string()
}

fn ev(card: &Scorecard, id: &str) -> String {
    card.items
        .iter()
        .find(|i| i.id == id)
        .unwrap()
        .evidence
        .en
        .clone()
}

#[test]
fn acceptance_after_3_days_is_on_time_after_4_late() {
    let recs = StationRecords {
        cases: vec![
            case("A", "2024-03-01", Some("2024-03-04"), None), // 3 days: on time
            case("B", "2024-03-01", Some("2024-03-05"), None), // 4 days: late
        ],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // 5 × 1 / 2 = 2.50
    assert_eq!(pts(&c, "2.1"), "2.50");
    assert_eq!(ev(&c, "2.1"), "1 on time, 1 late (B)");
}

#[test]
fn pending_at_the_as_of_date_and_dates_after_it_are_ignored() {
    // Quarter 2024Q1 judged on 2024-03-30.
    let recs = StationRecords {
        cases: vec![
            case("A", "2024-03-01", Some("2024-03-02"), None), // on time
            case("C", "2024-03-28", None, None),               // 2 days open: pending
            case("D", "2024-03-20", None, None),               // 10 days open: late
            case("G", "2024-03-29", Some("2024-04-01"), None), // accepted after A: open 1 day, pending
            case("E", "2024-03-31", Some("2024-03-31"), None), // received after A: not in C
        ],
        ..Default::default()
    };
    let c = run(&recs, "2024Q1", "2024-03-30");
    // 2.1: on time 1 (A), late 1 (D), pending 2 → 5 × 1/2 = 2.50
    assert_eq!(pts(&c, "2.1"), "2.50");
    assert_eq!(ev(&c, "2.1"), "1 on time, 1 late (D), 2 pending");
    // 2.2: nothing closed; A started 03-02 (28 days), D 03-20, C, G: all within 30 → pending,
    // no on-time and no late case → when_empty 0.
    assert_eq!(pts(&c, "2.2"), "0.00");
    // 2.4 has no transfers → its when_empty, the max 5.
    assert_eq!(pts(&c, "2.4"), "5.00");
}

#[test]
fn handling_30_days_on_time_31_late_and_the_overdue_penalty() {
    let mut late_with_reason = case("R", "2024-05-01", Some("2024-05-01"), Some("2024-06-01"));
    late_with_reason.overdue_reason = "等待境外律师意见".into();
    late_with_reason.reason_accepted = Some(true);
    // A reason the office has not decided on, and one it rejected, excuse nothing.
    let mut undecided = case("U", "2024-05-01", Some("2024-05-01"), Some("2024-06-01"));
    undecided.overdue_reason = "忙".into();
    let mut rejected = undecided.clone();
    rejected.id = "X".into();
    rejected.reason_accepted = Some(false);
    let mut consult = case("Q", "2024-05-01", Some("2024-05-01"), Some("2024-06-10"));
    consult.kind = CaseKind::Consultation;
    let recs = StationRecords {
        cases: vec![
            case("H30", "2024-05-01", Some("2024-05-02"), Some("2024-06-01")), // 30 days: on time
            case("H31", "2024-05-01", Some("2024-05-02"), Some("2024-06-02")), // 31 days: late
            late_with_reason,                                                  // 31 days, reason
            consult,                                                           // 40 days, consultation
            undecided,
            rejected,
        ],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // 2.2: 1 on time, 5 late → 10 × 1/6 = 1.666… → 1.67
    assert_eq!(pts(&c, "2.2"), "1.67");
    // P1: H31, U and X are guidance cases late without an accepted reason → min(5, 5 × 3) = 5
    assert_eq!(pts(&c, "P1"), "5.00");
    assert_eq!(
        ev(&c, "P1"),
        "3 guidance cases late without an accepted reason (H31, U, X)"
    );
    assert_eq!(c.penalty, Hundredths(500));
}

#[test]
fn follow_up_on_day_30_vs_31_and_effect_rounded_once() {
    let mut x = case("X", "2024-01-02", Some("2024-01-02"), Some("2024-02-01"));
    x.effective = Some(true);
    x.followup_on = Some(d("2024-03-02")); // 30 days after closing: on time
    let mut y = case("Y", "2024-01-02", Some("2024-01-02"), Some("2024-02-01"));
    y.effective = Some(false);
    y.followup_on = Some(d("2024-03-03")); // 31 days: late
    let z = case("Z", "2024-12-01", Some("2024-12-01"), Some("2024-12-20")); // no effect recorded
    let recs = StationRecords {
        cases: vec![x, y, z],
        ..Default::default()
    };
    // As of 2025-01-10, Z closed 21 days ago without a follow-up: pending.
    let c = run(&recs, "2024", "2025-01-10");
    // effect 1 of 3 → 5/3; follow-up 1 on time, 1 late → 5/2; 5/3 + 5/2 = 4.1666… → 4.17
    assert_eq!(pts(&c, "2.3"), "4.17");
    assert_eq!(
        ev(&c, "2.3"),
        "effect: 1 effective, 2 not (Y, Z); follow-up: 1 on time, 1 late (Y), 1 pending"
    );
    // As of 2025-01-20 (31 days after Z closed) Z's follow-up is late: 5/3 + 5/3 = 3.33
    let c = run(&recs, "2024", "2025-01-20");
    assert_eq!(pts(&c, "2.3"), "3.33");
}

#[test]
fn transfers_need_both_limits() {
    let mut t1 = case("T1", "2024-04-01", Some("2024-04-02"), Some("2024-04-20"));
    t1.source = CaseSource::CityTransfer;
    let mut t2 = case("T2", "2024-04-01", Some("2024-04-05"), Some("2024-04-20"));
    t2.source = CaseSource::CityTransfer; // accepted after 4 days: late
    let recs = StationRecords {
        cases: vec![t1, t2],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // 5 × 1/2
    assert_eq!(pts(&c, "2.4"), "2.50");
}

fn report(kind: ReportKind, period: &str, on: &str) -> Report {
    Report {
        station: "S".into(),
        kind,
        period: period.into(),
        submitted_on: d(on),
    }
}

#[test]
fn reports_on_the_due_day_a_day_late_and_missing() {
    use ReportKind::*;
    let mut recs = StationRecords {
        reports: vec![
            report(AnnualSummary, "2024", "2024-12-31"), // due 2024-12-31: on time
            report(QuarterlyCases, "2024Q1", "2024-04-15"), // due day: on time
            report(QuarterlyCases, "2024Q2", "2024-07-16"), // a day late: 0.5
            report(QuarterlyCases, "2024Q4", "2025-01-15"), // on time; Q3 missing
        ],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // 1.1: summary on time, 2025 plan missing → 10 × 1/2 = 5.00
    assert_eq!(pts(&c, "1.1"), "5.00");
    assert_eq!(ev(&c, "1.1"), "1 on time, 0 late, 1 missing (plan 2025)");
    // 1.2: (1 + 0.5 + 0 + 1) / 4 × 10 = 6.25
    assert_eq!(pts(&c, "1.2"), "6.25");
    // The plan a day late: 10 × 1.5/2 = 7.50
    recs.reports.push(report(WorkPlan, "2025", "2025-01-01"));
    assert_eq!(pts(&run(&recs, "2024", "2025-03-01"), "1.1"), "7.50");
    // Submitted after A counts as not submitted: as of 2024-12-31 the plan is missing.
    let c = run(&recs, "2024Q4", "2024-12-31");
    assert_eq!(pts(&c, "1.1"), "5.00");
    // 1.2 for 2024Q4 at 2024-12-31: Q4 due 2025-01-15, not yet submitted → nothing due → max.
    assert_eq!(pts(&c, "1.2"), "10.00");
    assert_eq!(ev(&c, "1.2"), "nothing due yet");
}

#[test]
fn a_quarter_before_q4_expects_no_annual_document() {
    let c = run(&StationRecords::default(), "2024Q3", "2024-10-01");
    // 1.1 and 1.2 score their max (Q3 report due 2024-10-15 > A); ratio items score 0 except 2.4.
    assert_eq!(pts(&c, "1.1"), "10.00");
    assert_eq!(pts(&c, "1.2"), "10.00");
    assert_eq!(pts(&c, "2.1"), "0.00");
    assert_eq!(pts(&c, "2.4"), "5.00");
    // 10 + 10 + 5 = 25 → fail
    assert_eq!(c.total, Hundredths(2500));
    assert_eq!(c.grade.id, "fail");
}

fn activity(kind: ActivityKind, on: &str, title: &str, participants: Option<u32>) -> Activity {
    Activity {
        station: "S".into(),
        kind,
        date: d(on),
        title: title.into(),
        participants,
    }
}

#[test]
fn a_count_over_a_date_range_lands_on_half_a_hundredth() {
    // 2024-06-01..2024-12-17 is 200 days: target 2 × 200/365 = 400/365 trainings.
    // One training: 10 × 1 / (400/365) = 3650/400 = 9.125 → 9.13 (half-up).
    let recs = StationRecords {
        activities: vec![
            activity(ActivityKind::Training, "2024-07-01", "出口企业培训", Some(80)),
            activity(ActivityKind::Training, "2024-12-18", "after the period", None),
            activity(ActivityKind::Publication, "2024-08-01", "指引手册", None),
        ],
        ..Default::default()
    };
    let c = run(&recs, "2024-06-01..2024-12-17", "2025-03-01");
    assert_eq!(pts(&c, "3.1"), "9.13");
    assert_eq!(ev(&c, "3.1"), "training: 1 recorded, target 1.1 = 2 × 200/365");
    // 1 publication ≥ 200/365: the max.
    assert_eq!(pts(&c, "3.3"), "5.00");
    // Over the year 2024 both trainings count: 2 of 2 → 10.00; as of 2024-12-17 only one → 5.00.
    assert_eq!(pts(&run(&recs, "2024", "2025-03-01"), "3.1"), "10.00");
    assert_eq!(pts(&run(&recs, "2024", "2024-12-17"), "3.1"), "5.00");
}

#[test]
fn min_participants_excludes_activities_without_a_head_count() {
    let mut r = Rubric::default_rubric();
    if let Metric::ActivityCount { min_participants, .. } = &mut r.parts[2].items[0].metric {
        *min_participants = 30;
    }
    let recs = StationRecords {
        activities: vec![
            activity(ActivityKind::Training, "2024-03-01", "a", Some(30)),
            activity(ActivityKind::Training, "2024-04-01", "b", None),
            activity(ActivityKind::Training, "2024-05-01", "c", Some(29)),
        ],
        ..Default::default()
    };
    let c = score(&r, &recs, "2024".parse().unwrap(), d("2025-03-01"));
    assert_eq!(pts(&c, "3.1"), "5.00");
}

fn expert(name: &str, joined: &str, left: Option<&str>) -> Expert {
    Expert {
        station: "S".into(),
        name: name.into(),
        kind: ExpertKind::Lawyer,
        field: String::new(),
        countries: String::new(),
        joined_on: d(joined),
        left_on: left.map(d),
    }
}

#[test]
fn expert_leaving_on_the_last_day_is_out_staff_ending_that_day_is_in() {
    let recs = StationRecords {
        experts: vec![
            expert("甲", "2023-01-01", None),
            expert("乙", "2023-01-01", Some("2024-12-31")), // left_on = R: out
            expert("丙", "2023-01-01", Some("2025-01-01")),
            expert("丙", "2024-06-01", None), // recorded twice: once
            expert("丁", "2024-12-31", None), // joined on R: in
        ],
        staff: vec![Staff {
            station: "S".into(),
            name: "王".into(),
            full_time: true,
            from: d("2024-01-01"),
            to: Some(d("2024-12-31")), // last day of work = R: counted
        }],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // 3 of 5 → 10 × 3/5 = 6.00
    assert_eq!(pts(&c, "4.1"), "6.00");
    assert_eq!(
        ev(&c, "4.1"),
        "3 experts or lawyers in the pool on 2024-12-31, target 5 (1 repeated record counted once)"
    );
    assert_eq!(pts(&c, "5.1"), "5.00");
}

fn award(item: &str, points: i64, on: &str) -> Award {
    Award {
        station: "S".into(),
        item: item.into(),
        points: Hundredths(points),
        date: d(on),
        reason: "r".into(),
    }
}

#[test]
fn awards_are_capped_per_item_and_in_total_and_penalties_too() {
    let recs = StationRecords {
        awards: vec![
            award("B1", 250, "2024-03-01"),
            award("b1", 100, "2024-05-01"), // B1: 3.5 → 3
            award("B2", 200, "2024-05-01"),
            award("B3", 300, "2024-05-01"),
            award("B4", 200, "2024-05-01"),
            award("B4", 200, "2025-03-02"), // after A: ignored
        ],
        complaints: vec![
            Complaint {
                station: "S".into(),
                date: d("2024-02-01"),
                verified: true,
                note: "a".into(),
            },
            Complaint {
                station: "S".into(),
                date: d("2024-03-01"),
                verified: true,
                note: "b".into(),
            },
            Complaint {
                station: "S".into(),
                date: d("2024-04-01"),
                verified: false,
                note: "c".into(),
            },
        ],
        funding: vec![Funding {
            station: "S".into(),
            date: d("2024-02-01"),
            amount: Hundredths(1),
            source: String::new(),
        }],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    assert_eq!(pts(&c, "B1"), "3.00");
    assert_eq!(c.bonus, Hundredths(1000));
    // P2: 2 verified × 5 = 10 → capped at 5
    assert_eq!(pts(&c, "P2"), "5.00");
    // 5.2: 0.01 yuan > 0 → 5. 1.1 and 1.2 have missing reports (0), 2.4 = 5.
    assert_eq!(pts(&c, "5.2"), "5.00");
    assert_eq!(c.base, Hundredths(1000));
    // 10 + 10 - 5 = 15
    assert_eq!(c.total, Hundredths(1500));
}

#[test]
fn the_total_is_never_negative() {
    let mut late = case("L", "2024-01-01", None, None);
    late.kind = CaseKind::Guidance;
    let recs = StationRecords {
        cases: vec![late],
        complaints: vec![Complaint {
            station: "S".into(),
            date: d("2024-02-01"),
            verified: true,
            note: String::new(),
        }],
        ..Default::default()
    };
    let c = run(&recs, "2024", "2025-03-01");
    // base = 2.4's 5 only; penalty 5 + 5 = 10 → max(0, 5 - 10) = 0
    assert_eq!(c.base, Hundredths(500));
    assert_eq!(c.penalty, Hundredths(1000));
    assert_eq!(c.total, Hundredths(0));
}

#[test]
fn the_overdue_list_shares_the_classification() {
    let r = Rubric::default_rubric();
    let cases = vec![
        case("A", "2024-03-01", Some("2024-03-04"), None),
        case("B", "2024-03-01", Some("2024-03-05"), None),
    ];
    let list = overdue_cases(&r, &cases, d("2024-03-20"));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].case.id, "B");
    assert_eq!(list[0].passed, vec![(classify::Limit::Acceptance, 4, 3)]);
}

#[test]
fn broken_rubrics_are_refused_in_one_line() {
    let good = DEFAULT_JSON;
    let cases = [
        (
            good.replace("\"kind\": \"handling\"", "\"kind\": \"speed\""),
            "unknown variant `speed`",
        ),
        (
            good.replace("\"pool_target\": 5", "\"pool_target\": 0"),
            "item 4.1: pool_target must be more than 0",
        ),
        (
            good.replace("\"id\": \"3.3\"", "\"id\": \"3.2\""),
            "id `3.2` is used twice",
        ),
        (
            good.replace("\"target_per_year\": 1,", "\"target_per_year\": 2,")
                .replace(
                    "\"max\": 20, \"items\": [\n      {\"id\": \"1.1\"",
                    "\"max\": 21, \"items\": [\n      {\"id\": \"1.1\"",
                ),
            "part 1: its items add up to 20.00, not its max 21.00",
        ),
        (
            good.replace(
                "\"late_credit\": 0.5}}\n    ]},\n    {\"id\": \"2\"",
                "\"late_credit\": -0.5}}\n    ]},\n    {\"id\": \"2\"",
            ),
            "is negative",
        ),
        (
            good.replace("\"max\": 3}", "\"max\": 11}"),
            "bonus item B1: max 11.00 must be more than 0 and at most the bonus cap 10.00",
        ),
    ];
    for (text, want) in cases {
        let err = Rubric::from_json(&text).unwrap_err();
        assert!(err.contains(want), "{err} lacks {want}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

proptest! {
    #[test]
    fn every_item_stays_within_its_max(
        offsets in proptest::collection::vec((0i64..400, proptest::option::of(0i64..10), proptest::option::of(0i64..60), proptest::option::of(0i64..60), any::<bool>(), any::<bool>()), 0..30),
        trainings in 0usize..6,
        awards in proptest::collection::vec((0usize..4, 0i64..400), 0..8),
        complaints in 0usize..3,
        as_of in 0i64..500,
        period in 0usize..3,
    ) {
        let base = d("2024-01-01");
        let day = |n: i64| base + chrono::Duration::days(n);
        let mut recs = StationRecords::default();
        for (i, (r, a, c, f, eff, transfer)) in offsets.iter().enumerate() {
            let mut k = Case::received(format!("C{i}"), "S".into(), "E".into(), day(*r));
            if let Some(a) = a {
                k.accepted_on = Some(day(r + a));
                if let Some(c) = c {
                    k.closed_on = Some(day(r + a + c));
                    k.effective = Some(*eff);
                    k.followup_on = f.map(|f| day(r + a + c + f));
                }
            }
            if *transfer { k.source = CaseSource::CityTransfer; }
            recs.cases.push(k);
        }
        for t in 0..trainings {
            recs.activities.push(activity(ActivityKind::Training, "2024-05-01", &format!("t{t}"), None));
        }
        for (item, p) in awards {
            recs.awards.push(award(["B1", "B2", "B3", "B4"][item], p, "2024-06-01"));
        }
        for n in 0..complaints {
            recs.complaints.push(Complaint { station: "S".into(), date: d("2024-07-01"), verified: true, note: n.to_string() });
        }
        let p = ["2024", "2024Q2", "2024-03-01..2024-10-31"][period];
        let per: Period = p.parse().unwrap();
        let a = per.from() + chrono::Duration::days(as_of);
        let c = score(&Rubric::default_rubric(), &recs, per, a);
        for i in &c.items {
            prop_assert!(i.points.0 >= 0 && i.points <= i.max, "{} {:?}", i.id, i.points);
        }
        prop_assert!(c.total.0 >= 0 && c.total.0 <= 11000);
        prop_assert!(c.base.0 <= 10000 && c.bonus.0 <= 1000 && c.penalty.0 <= 1000);
    }
}

proptest! {
    /// The slim rows `score --all` reads score exactly as the full cases do, whatever order
    /// they were loaded in (ties on the receipt date are broken by id).
    #[test]
    fn slim_rows_score_as_the_full_cases(
        offsets in proptest::collection::vec((0i64..40, proptest::option::of(0i64..10), proptest::option::of(0i64..60), proptest::option::of(0i64..60), proptest::option::of(any::<bool>()), 0usize..4), 0..40),
        rotate in 0usize..40,
        as_of in 0i64..120,
    ) {
        let base = d("2024-01-01");
        let day = |n: i64| base + chrono::Duration::days(n);
        let mut cases = Vec::new();
        for (i, (r, a, c, f, eff, flavour)) in offsets.iter().enumerate() {
            let mut k = Case::received(format!("C-{}", (i * 7) % 41), "S".into(), "E".into(), day(*r));
            if let Some(a) = a {
                k.accepted_on = Some(day(r + a));
                if let Some(c) = c {
                    k.closed_on = Some(day(r + a + c));
                    k.effective = *eff;
                    k.followup_on = f.map(|f| day(r + a + c + f));
                }
            }
            if flavour & 1 == 1 { k.source = CaseSource::CityTransfer; }
            if flavour & 2 == 2 { k.kind = CaseKind::Consultation; }
            k.overdue_reason = ["", " \u{3000}", "等待境外意见", "x"][(i + flavour) % 4].into();
            k.reason_accepted = [None, Some(true), Some(false)][(i + 2 * flavour) % 3];
            k.kind = if i % 7 == 3 { CaseKind::Information } else { k.kind };
            cases.push(k);
        }
        let mut rows = case_row::CaseRows::default();
        let n = cases.len().max(1);
        for k in cases.iter().cycle().skip(rotate % n).take(cases.len()) {
            let mut r = case_row::CaseRow::received(k.received_on);
            r.accepted_on = k.accepted_on;
            r.closed_on = k.closed_on;
            r.followup_on = k.followup_on;
            r.source = k.source;
            r.kind = k.kind;
            r.effective = k.effective;
            r.excused = k.reason_excuses();
            rows.push(&k.id, r);
        }
        rows.sort();
        cases.sort_by(|a, b| a.received_on.cmp(&b.received_on).then_with(|| a.id.cmp(&b.id)));
        let mut recs = StationRecords { cases, ..Default::default() };
        let per: Period = "2024Q1".parse().unwrap();
        let a = per.from() + chrono::Duration::days(as_of);
        let rubric = Rubric::default_rubric();
        let full = score_brief(&rubric, &recs, per, a);
        recs.cases.clear();
        let slim = score_rows(&rubric, &recs, &rows, per, a);
        prop_assert_eq!(format!("{full:?}"), format!("{slim:?}"));
    }
}
