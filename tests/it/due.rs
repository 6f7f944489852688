//! `report due`: reports, case limits, plans and the acceptance around each deadline, exit 0/4.

use crate::workdir::Workdir;

const STATION: &str =
    "code,name,status,status_on,established_on\nS1,测试工作站,established,2024-01-10,2024-01-10\n";
const REPORTS: &str = "station,kind,period,submitted_on
S1,quarterly_cases,2024Q1,2024-04-10
S1,quarterly_cases,2024Q2,2024-07-10
";

fn station(reports: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATION);
    wd.write("reports.csv", reports);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.ok(&["import", "reports", "reports.csv"]);
    wd
}

/// `report due --format json` at `as_of`: the items as `due kind subject late`, and the exit code.
fn due(wd: &Workdir, as_of: &str, within: &str) -> (Vec<String>, i32, String) {
    let o = wd.run(&[
        "report", "due", "--as-of", as_of, "--within", within, "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    let items = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {}",
                i["due"].as_str().unwrap(),
                i["kind"].as_str().unwrap(),
                i["subject"].as_str().unwrap(),
                if i["late"].as_bool().unwrap() {
                    "late"
                } else {
                    "due"
                },
                i["days"]
            )
        })
        .collect();
    (items, o.code, o.stderr)
}

#[test]
fn quarterly_report_the_day_before_on_and_after_its_due_date() {
    let wd = station(REPORTS);
    let (items, code, _) = due(&wd, "2024-10-14", "30");
    assert_eq!(items, ["2024-10-15 quarterly_cases 2024Q3 due -1"]);
    assert_eq!(code, 0);
    let (items, code, _) = due(&wd, "2024-10-15", "30");
    assert_eq!(items, ["2024-10-15 quarterly_cases 2024Q3 due 0"]);
    assert_eq!(code, 0);
    let (items, code, err) = due(&wd, "2024-10-16", "30");
    assert_eq!(items, ["2024-10-15 quarterly_cases 2024Q3 late 1"]);
    assert_eq!(code, 4);
    assert_eq!(err, "1 item(s) late as of 2024-10-16 (0 due within 30 days)\n");
    // Submitting it clears the item.
    wd.ok(&[
        "report",
        "submit",
        "--station",
        "S1",
        "--kind",
        "quarterly_cases",
        "--period",
        "2024Q3",
        "--on",
        "2024-10-16",
    ]);
    let (items, code, _) = due(&wd, "2024-10-16", "30");
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(code, 0);
}

#[test]
fn annual_reports_and_the_acceptance_fall_due_at_year_end_and_one_year_after_establishment() {
    let all = format!("{REPORTS}S1,quarterly_cases,2024Q3,2024-10-10\n");
    let wd = station(&all);
    let (items, code, _) = due(&wd, "2024-12-30", "15");
    assert_eq!(
        items,
        [
            "2024-12-31 annual_summary 2024 due -1",
            "2024-12-31 work_plan 2025 due -1",
            "2025-01-10 acceptance_assessment 2024-01-10..2025-01-09 due -11",
            "2025-01-15 quarterly_cases 2024Q4 due -16",
        ][..3]
    );
    assert_eq!(code, 0);
    wd.ok(&[
        "report",
        "submit",
        "--station",
        "S1",
        "--kind",
        "annual_summary",
        "--period",
        "2024",
        "--on",
        "2024-12-31",
    ]);
    wd.ok(&[
        "report",
        "submit",
        "--station",
        "S1",
        "--kind",
        "work_plan",
        "--period",
        "2025",
        "--on",
        "2024-12-31",
    ]);
    for (day, want, code_want) in [
        (
            "2025-01-09",
            "2025-01-10 acceptance_assessment 2024-01-10..2025-01-09 due -1",
            0,
        ),
        (
            "2025-01-10",
            "2025-01-10 acceptance_assessment 2024-01-10..2025-01-09 due 0",
            0,
        ),
        (
            "2025-01-11",
            "2025-01-10 acceptance_assessment 2024-01-10..2025-01-09 late 1",
            4,
        ),
    ] {
        let (items, code, _) = due(&wd, day, "1");
        assert_eq!(items, [want], "at {day}");
        assert_eq!(code, code_want, "at {day}");
    }
}

#[test]
fn case_limits_and_plans_around_their_dates() {
    let wd = station(REPORTS);
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,warning_level\nK1,S1,甲公司,2024-07-01,red\n",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    let (items, code, _) = due(&wd, "2024-07-03", "0");
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(code, 0);
    let (items, code, _) = due(&wd, "2024-07-04", "0");
    assert_eq!(
        items,
        [
            "2024-07-04 case_acceptance K1 due 0",
            "2024-07-04 case_special_plan K1 due 0"
        ]
    );
    assert_eq!(code, 0);
    let (items, code, _) = due(&wd, "2024-07-05", "0");
    assert_eq!(
        items,
        [
            "2024-07-04 case_acceptance K1 late 1",
            "2024-07-04 case_special_plan K1 late 1"
        ]
    );
    assert_eq!(code, 4);
    wd.ok(&[
        "case",
        "note",
        "K1",
        "--kind",
        "special_plan",
        "--on",
        "2024-07-03",
        "--text",
        "专项处理方案",
    ]);
    wd.ok(&["case", "accept", "K1", "--on", "2024-07-03"]);
    let (items, code, _) = due(&wd, "2024-07-05", "30");
    // The 2024Q2 report is submitted on 2024-07-10: not yet at 2024-07-05. The open red case
    // stays on the office's list with its plan, never late.
    assert_eq!(
        items,
        [
            "2024-07-04 case_special_plan K1 due 1",
            "2024-07-15 quarterly_cases 2024Q2 due -10",
            "2024-08-02 case_handling K1 due -28"
        ]
    );
    assert_eq!(code, 0);
    let (items, code, _) = due(&wd, "2024-08-03", "0");
    assert_eq!(
        items,
        [
            "2024-07-04 case_special_plan K1 due 30",
            "2024-08-02 case_handling K1 late 1"
        ]
    );
    assert_eq!(code, 4);
}

#[test]
fn biennial_assessment_is_due_on_31_march_after_two_calendar_years() {
    let wd = Workdir::new();
    wd.write(
        "stations.csv",
        "code,name,status,status_on,established_on\nS2,乙站,accepted,2025-01-20,2024-01-10\n",
    );
    wd.ok(&["import", "stations", "stations.csv"]);
    let (items, code, _) = due(&wd, "2028-03-01", "30");
    assert_eq!(code, 4, "the reports since 2024 are missing");
    assert!(
        items.contains(&"2028-03-31 biennial_assessment 2026-2027 due -30".to_string()),
        "{items:?}"
    );
    let (items, _, _) = due(&wd, "2028-04-01", "0");
    assert!(
        items.contains(&"2028-03-31 biennial_assessment 2026-2027 late 1".to_string()),
        "{items:?}"
    );
}

#[test]
fn table_and_refusals() {
    let wd = station(REPORTS);
    let o = wd.run(&["report", "due", "--as-of", "2024-10-16"]);
    assert_eq!(o.code, 4);
    assert!(
        o.stdout
            .contains("│ 2024-10-15 ┆ S1      ┆ quarterly report ┆ 2024Q3  ┆ LATE by 1 day │"),
        "{}",
        o.stdout
    );
    let o = wd.run(&["report", "due", "--as-of", "2024-10-01", "--within", "0"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    assert_eq!(
        o.stderr,
        "nothing due within 0 days of 2024-10-01 and nothing late\n"
    );
    let e = wd.refused(&["report", "due", "--station", "NOPE"], 3);
    assert_eq!(
        e,
        "error: station `NOPE` does not exist (see `ipguard station list`)\n"
    );
    wd.refused(&["report", "due", "--as-of", "2024-13-01"], 2);
    wd.refused(&["report", "due", "--within", "-1"], 2);
}

/// The due dates listed for CQ-YZ-001 of the demo dataset.
fn demo_due(wd: &Workdir, extra: &[&str]) -> (Vec<String>, i32) {
    let mut args = vec![
        "report",
        "due",
        "--station",
        "CQ-YZ-001",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = wd.run(&args);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("due JSON");
    let dues = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due"].as_str().unwrap().to_string())
        .collect();
    (dues, o.code)
}

#[test]
fn old_misses_are_history_and_an_assessment_settles_them() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    // Established 2022-12-01, no records before 2024: misses from 2023 on still count in the
    // coming 2023-2024 biennial assessment; 2022's cannot.
    let (dues, code) = demo_due(&wd, &[]);
    assert_eq!(code, 4);
    assert_eq!(dues.first().map(String::as_str), Some("2023-01-15"), "{dues:?}");
    let (all, _) = demo_due(&wd, &["--since", "2020-01-01"]);
    assert_eq!(all.len(), dues.len() + 2, "{all:?}");
    assert_eq!(&all[..2], ["2022-12-31", "2022-12-31"]);
    // Once the biennial assessment is recorded, what it judged is settled.
    wd.ok(&[
        "station",
        "assess",
        "CQ-YZ-001",
        "--kind",
        "biennial",
        "--on",
        "2025-03-01",
    ]);
    let (dues, code) = demo_due(&wd, &[]);
    assert_eq!((dues.len(), code), (0, 0), "{dues:?}");
}

#[test]
fn the_late_summary_speaks_chinese_too() {
    let wd = station(REPORTS);
    let o = wd.run(&["--lang", "zh", "report", "due", "--as-of", "2024-10-16"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (4, "截至 2024-10-16 共 1 项逾期（另有 0 项在 30 天内到期）\n")
    );
}

#[test]
fn items_not_yet_late_say_when_they_fall_due() {
    let wd = station(REPORTS);
    let o = wd.run(&["report", "due", "--as-of", "2024-10-15", "--style", "ascii"]);
    assert!(
        o.stdout
            .contains("| 2024-10-15 | S1      | quarterly report | 2024Q3  | due today "),
        "{}",
        o.stdout
    );
    let o = wd.run(&["report", "due", "--as-of", "2024-10-14", "--style", "ascii"]);
    assert!(
        o.stdout
            .contains("| 2024-10-15 | S1      | quarterly report | 2024Q3  | due in 1 day "),
        "{}",
        o.stdout
    );
    let o = wd.run(&[
        "--lang",
        "zh",
        "report",
        "due",
        "--as-of",
        "2024-10-13",
        "--style",
        "ascii",
    ]);
    assert!(o.stdout.contains("| 2 天后到期 "), "{}", o.stdout);
}
