//! Everything else a station records: staff, experts, funding, activities, reports, awards
//! and complaints — each added, listed, and refused when it should be.

use crate::workdir::Workdir;

const ST: &str = "CQ-YZ-001";

fn station(wd: &Workdir) {
    wd.ok(&[
        "station",
        "add",
        ST,
        "--name",
        "渝中区工作站",
        "--on",
        "2024-01-05",
    ]);
}

/// The station with two staff members, an expert and two payments, added by commands.
fn staffed() -> Workdir {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&[
        "station",
        "staff",
        "add",
        "--station",
        ST,
        "--name",
        "李明",
        "--full-time",
        "yes",
        "--from",
        "2024-04-01",
    ]);
    // The end of an engagement may lie ahead.
    wd.ok(&[
        "station",
        "staff",
        "add",
        "--station",
        ST,
        "--name",
        "张伟",
        "--full-time",
        "否",
        "--from",
        "2024-05-01",
        "--to",
        "2025-12-31",
    ]);
    wd.ok(&[
        "station",
        "expert",
        "add",
        "--station",
        ST,
        "--name",
        "王芳",
        "--kind",
        "律师",
        "--field",
        "商标",
        "--countries",
        "美国,欧盟",
        "--joined",
        "2024-05-01",
    ]);
    wd.ok(&[
        "station",
        "funding",
        "add",
        "--station",
        ST,
        "--on",
        "2024-06-30",
        "--amount",
        "50000.5",
        "--source",
        "市局专项",
    ]);
    wd.ok(&[
        "station",
        "funding",
        "add",
        "--station",
        ST,
        "--on",
        "2024-06-30",
        "--amount",
        "0.07",
        "--source",
        "区局",
    ]);
    wd
}

#[test]
fn staff_experts_and_funding_are_stored_and_audited() {
    let wd = staffed();
    assert_eq!(
        wd.query("SELECT group_concat(amount_fen) FROM funding"),
        "5000050,7"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity IN ('staff', 'expert', 'funding')"),
        "5"
    );
}

#[test]
fn staff_are_listed_in_chinese() {
    let wd = staffed();
    assert_eq!(
        wd.ok(&["--lang", "zh", "station", "staff", "list", "--station", ST]),
        "\
┌───────────┬──────┬──────┬────────────┬────────────┐
│ 工作站    ┆ 姓名 ┆ 专职 ┆ 起始日期   ┆ 结束日期   │
╞═══════════╪══════╪══════╪════════════╪════════════╡
│ CQ-YZ-001 ┆ 李明 ┆ 是   ┆ 2024-04-01 ┆            │
│ CQ-YZ-001 ┆ 张伟 ┆ 否   ┆ 2024-05-01 ┆ 2025-12-31 │
└───────────┴──────┴──────┴────────────┴────────────┘
"
    );
}

#[test]
fn funding_is_listed_by_period() {
    let wd = staffed();
    assert_eq!(
        wd.ok(&["station", "funding", "list", "--format", "json", "--period", "2024"]),
        r#"[
  {
    "station": "CQ-YZ-001",
    "date": "2024-06-30",
    "amount": 7.0,
    "source": "区局"
  },
  {
    "station": "CQ-YZ-001",
    "date": "2024-06-30",
    "amount": 50000.5,
    "source": "市局专项"
  }
]
"#
        .replace("7.0", "0.07")
    );
    assert_eq!(
        wd.ok(&["station", "funding", "list", "--period", "2023", "--format", "json"]),
        "[]\n"
    );
}

#[test]
fn experts_are_listed_with_their_kind() {
    let wd = staffed();
    let experts = wd.ok(&["station", "expert", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&experts).unwrap();
    assert_eq!(v[0]["kind"], "lawyer");
    assert_eq!(v[0]["left_on"], serde_json::Value::Null);
}

#[test]
fn staff_experts_and_funding_refusals() {
    let wd = staffed();
    let refusals: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["station", "staff", "add", "--station", ST, "--name", "李明", "--full-time", "yes", "--from", "2024-04-01"], 3,
         "error: staff member 李明 of station CQ-YZ-001 from 2024-04-01 is already recorded"),
        (vec!["station", "staff", "add", "--station", ST, "--name", "赵六", "--full-time", "yes", "--from", "2025-03-02"], 3,
         "error: the start date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened"),
        (vec!["station", "staff", "add", "--station", ST, "--name", "赵六", "--full-time", "yes", "--from", "2024-04-01", "--to", "2024-03-31"], 3,
         "error: the end date 2024-03-31 is before the start 2024-04-01: the end comes on or after the start"),
        (vec!["station", "staff", "add", "--station", ST, "--name", "赵六", "--full-time", "maybe", "--from", "2024-04-01"], 2,
         "error: invalid value 'maybe' for '--full-time <yes|no>': `maybe` is not a yes/no value: use one of yes (是), no (否) (see --help)"),
        (vec!["station", "staff", "add", "--station", "CQ-XX-999", "--name", "赵六", "--full-time", "yes", "--from", "2024-04-01"], 3,
         "error: station `CQ-XX-999` does not exist (see `ipguard station list`)"),
        (vec!["station", "expert", "add", "--station", ST, "--name", "王芳", "--kind", "lawyer", "--joined", "2024-05-01"], 3,
         "error: lawyer 王芳 of station CQ-YZ-001 joining on 2024-05-01 is already recorded"),
        (vec!["station", "expert", "add", "--station", ST, "--name", "钱七", "--kind", "expert", "--joined", "2024-05-01", "--left", "2024-04-01"], 3,
         "error: the leaving date 2024-04-01 is before the start 2024-05-01: the end comes on or after the start"),
        (vec!["station", "funding", "add", "--station", ST, "--on", "2024-06-30", "--amount", "1", "--source", "市局专项"], 3,
         "error: a payment to station CQ-YZ-001 on 2024-06-30 from source `市局专项` is already recorded (record one payment per source and day: sum them)"),
        (vec!["station", "funding", "add", "--station", ST, "--on", "2024-07-01", "--amount", "1.234"], 2,
         "error: invalid value '1.234' for '--amount <YUAN>': `1.234` has more than two decimals (see --help)"),
        (vec!["station", "funding", "add", "--station", ST, "--on", "2024-07-01", "--amount=-5"], 2,
         "error: invalid value '-5' for '--amount <YUAN>': `-5` is negative: amounts are never negative (see --help)"),
        (vec!["station", "funding", "add", "--station", ST, "--on", "2024-7-32", "--amount", "5"], 2,
         "error: invalid value '2024-7-32' for '--on <DATE>': `2024-7-32` is not a real calendar date (use YYYY-MM-DD) (see --help)"),
    ];
    for (args, code, want) in refusals {
        assert_eq!(wd.refused(&args, code).trim_end(), want, "{args:?}");
    }
}

/// The station with two activities, two reports, an award and a complaint, added by commands.
fn recorded() -> Workdir {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&[
        "activity",
        "add",
        "--station",
        ST,
        "--kind",
        "培训",
        "--on",
        "2024-05-20",
        "--title",
        "海外展会风险防控培训",
        "--participants",
        "85",
    ]);
    wd.ok(&[
        "activity",
        "add",
        "--station",
        ST,
        "--kind",
        "publicity",
        "--on",
        "2025-01-20",
        "--title",
        "宣传周",
    ]);
    wd.ok(&[
        "report",
        "submit",
        "--station",
        ST,
        "--kind",
        "quarterly_cases",
        "--period",
        "2024q3",
        "--on",
        "2024-10-08",
    ]);
    wd.ok(&[
        "report",
        "submit",
        "--station",
        ST,
        "--kind",
        "work_plan",
        "--period",
        "2025",
        "--on",
        "2024-12-20",
    ]);
    wd.ok(&[
        "award",
        "add",
        "--station",
        ST,
        "--item",
        "b1",
        "--points",
        "2.5",
        "--on",
        "2024-11-15",
        "--reason",
        "市领导批示肯定",
    ]);
    wd.ok(&[
        "complaint",
        "add",
        "--station",
        ST,
        "--on",
        "2024-08-02",
        "--verified",
        "yes",
        "--note",
        "未按时回复企业",
    ]);
    wd
}

#[test]
fn activities_reports_awards_and_complaints_are_stored() {
    let wd = recorded();
    assert_eq!(
        wd.query("SELECT item || ' ' || points_cents FROM awards"),
        "B1 250"
    );
    assert_eq!(
        wd.query("SELECT period FROM reports WHERE kind = 'quarterly_cases'"),
        "2024Q3"
    );
}

#[test]
fn activities_are_listed_by_period_in_chinese() {
    let wd = recorded();
    assert_eq!(
        wd.ok(&["--lang", "zh", "activity", "list", "--period", "2024"]),
        "\
┌───────────┬────────────┬──────┬──────────────────────┬──────────┐
│ 工作站    ┆ 日期       ┆ 类型 ┆ 标题                 ┆ 参加人数 │
╞═══════════╪════════════╪══════╪══════════════════════╪══════════╡
│ CQ-YZ-001 ┆ 2024-05-20 ┆ 培训 ┆ 海外展会风险防控培训 ┆ 85       │
└───────────┴────────────┴──────┴──────────────────────┴──────────┘
"
    );
}

#[test]
fn reports_are_listed_as_ascii() {
    let wd = recorded();
    assert_eq!(
        wd.ok(&["report", "list", "--station", ST, "--style", "ascii"]),
        "\
+-----------+-----------------+--------+------------+
| Station   | Kind            | Period | Submitted  |
+===========+=================+========+============+
| CQ-YZ-001 | quarterly_cases | 2024Q3 | 2024-10-08 |
| CQ-YZ-001 | work_plan       | 2025   | 2024-12-20 |
+-----------+-----------------+--------+------------+
"
    );
}

#[test]
fn awards_and_complaints_are_listed() {
    let wd = recorded();
    let awards: serde_json::Value =
        serde_json::from_str(&wd.ok(&["award", "list", "--format", "json"])).unwrap();
    assert_eq!(
        awards,
        serde_json::json!([{"station": ST, "item": "B1", "points": 2.5, "date": "2024-11-15", "reason": "市领导批示肯定"}])
    );
    let complaints: serde_json::Value =
        serde_json::from_str(&wd.ok(&["complaint", "list", "--format", "json"])).unwrap();
    assert_eq!(
        complaints,
        serde_json::json!([{"station": ST, "date": "2024-08-02", "verified": true, "note": "未按时回复企业"}])
    );
    assert!(wd
        .ok(&["--lang", "zh", "complaint", "list"])
        .contains("│ CQ-YZ-001 ┆ 2024-08-02 ┆ 是       ┆ 未按时回复企业 │"));
}

#[test]
fn activities_reports_awards_and_complaints_refusals() {
    let wd = recorded();
    let refusals: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["activity", "add", "--station", ST, "--kind", "training", "--on", "2024-05-20", "--title", "海外展会风险防控培训"], 3,
         "error: the training `海外展会风险防控培训` of station CQ-YZ-001 on 2024-05-20 is already recorded"),
        (vec!["activity", "add", "--station", ST, "--kind", "party", "--on", "2024-05-20", "--title", "x"], 2,
         "error: invalid value 'party' for '--kind <training|publicity|publication|aid_guidance|referral>': `party` is not an activity kind: use one of training (培训), publicity (宣传), publication (发布), aid_guidance (援助申请指导), referral (服务对接) (see --help)"),
        (vec!["activity", "add", "--station", ST, "--kind", "training", "--on", "2025-03-02", "--title", "x"], 3,
         "error: the activity date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened"),
        (vec!["report", "submit", "--station", ST, "--kind", "quarterly_cases", "--period", "2024Q3", "--on", "2024-10-09"], 3,
         "error: the quarterly_cases of station CQ-YZ-001 for 2024Q3 was already submitted on 2024-10-08"),
        (vec!["report", "submit", "--station", ST, "--kind", "quarterly_cases", "--period", "2024", "--on", "2024-10-09"], 2,
         "error: a quarterly_cases report covers a quarter such as 2024Q3, not `2024`"),
        (vec!["report", "submit", "--station", ST, "--kind", "annual_summary", "--period", "2024Q4", "--on", "2025-01-09"], 2,
         "error: a annual_summary covers one year such as 2024, not `2024Q4`"),
        (vec!["report", "submit", "--station", "CQ-XX-999", "--kind", "annual_summary", "--period", "2024", "--on", "2025-01-09"], 3,
         "error: station `CQ-XX-999` does not exist (see `ipguard station list`)"),
        (vec!["award", "add", "--station", ST, "--item", "B1", "--points", "2.5", "--on", "2024-11-15", "--reason", "市领导批示肯定"], 3,
         "error: award B1 of station CQ-YZ-001 on 2024-11-15 for `市领导批示肯定` is already recorded"),
        (vec!["award", "add", "--station", ST, "--item", "B9", "--points", "1", "--on", "2024-11-15", "--reason", "x"], 3,
         "error: `B9` is not a bonus item of the rubric in force: use B1, B2, B3 or B4 (see `ipguard rubric show`)"),
        (vec!["award", "add", "--station", ST, "--item", "B2", "--points", "2.01", "--on", "2024-11-15", "--reason", "x"], 3,
         "error: 2.01 points exceed the maximum of bonus item B2 (2.00)"),
        (vec!["award", "add", "--station", ST, "--item", "B2", "--points", "1.005", "--on", "2024-11-15", "--reason", "x"], 2,
         "error: invalid value '1.005' for '--points <POINTS>': `1.005` has more than two decimals (see --help)"),
        (vec!["complaint", "add", "--station", ST, "--on", "2024-08-02", "--verified", "yes", "--note", "未按时回复企业"], 3,
         "error: a complaint against station CQ-YZ-001 on 2024-08-02 with note `未按时回复企业` is already recorded"),
        (vec!["complaint", "add", "--station", ST, "--on", "2024-08-02", "--verified", "perhaps"], 2,
         "error: invalid value 'perhaps' for '--verified <yes|no>': `perhaps` is not a yes/no value: use one of yes (是), no (否) (see --help)"),
    ];
    for (args, code, want) in refusals {
        assert_eq!(wd.refused(&args, code).trim_end(), want, "{args:?}");
    }
}

#[test]
fn list_filters_name_an_existing_station() {
    let wd = Workdir::new();
    station(&wd);
    for noun in [
        &["case"][..],
        &["activity"],
        &["award"],
        &["complaint"],
        &["report"],
        &["station", "staff"],
        &["station", "expert"],
        &["station", "funding"],
    ] {
        let args: Vec<&str> = noun
            .iter()
            .copied()
            .chain(["list", "--station", "CQ-XX-999"])
            .collect();
        assert_eq!(
            wd.refused(&args, 3),
            "error: station `CQ-XX-999` does not exist (see `ipguard station list`)\n",
            "{args:?}"
        );
        let args: Vec<&str> = noun
            .iter()
            .copied()
            .chain(["list", "--station", ST, "--format", "json"])
            .collect();
        assert_eq!(wd.ok(&args), "[]\n", "{args:?}");
    }
}

#[test]
fn negative_numbers_are_refused_with_a_reason() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    let err = wd.refused(
        &[
            "station",
            "funding",
            "add",
            "--station",
            "S1",
            "--on",
            "2024-06-01",
            "--amount",
            "-5",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: invalid value '-5' for '--amount <YUAN>': `-5` is negative: amounts are never negative (see --help)\n"
    );
    let err = wd.refused(
        &[
            "activity",
            "add",
            "--station",
            "S1",
            "--kind",
            "training",
            "--on",
            "2024-06-01",
            "--title",
            "t",
            "--participants",
            "-1",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: invalid value '-1' for '--participants <PARTICIPANTS>': `-1` is not a head-count: use a whole number, 0 or more (see --help)\n"
    );
}

#[test]
fn control_characters_and_endless_text_are_refused() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    let err = wd.refused(
        &[
            "case",
            "add",
            "--station",
            "S1",
            "--enterprise",
            "evil\u{202E}cod.exe",
            "--received",
            "2024-06-01",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: the argument `evilcod.exe`: text contains the control character U+202E: only printable characters, newlines and tabs are allowed\n"
    );
    let long = "长".repeat(2001);
    let err = wd.refused(
        &[
            "case",
            "add",
            "--station",
            "S1",
            "--enterprise",
            &long,
            "--received",
            "2024-06-01",
        ],
        2,
    );
    assert!(
        err.ends_with("…`: text of 2001 characters is too long: at most 2000\n"),
        "{err}"
    );
    wd.write(
        "c.csv",
        format!(
            "id,station,enterprise,received_on\nC-1,S1,bell\u{7}ring,2024-06-01\nC-2,S1,{long},2024-06-01\n"
        ),
    );
    let err = wd.fails(&["import", "cases", "c.csv"], 3);
    assert_eq!(
        err,
        "c.csv:2:enterprise: text contains the control character U+0007: only printable characters, newlines and tabs are allowed\n\
         c.csv:3:enterprise: text of 2001 characters is too long: at most 2000\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "0");
}

#[test]
fn a_report_cannot_be_submitted_before_its_period_allows() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    let err = wd.refused(
        &[
            "report",
            "submit",
            "--station",
            "S1",
            "--kind",
            "quarterly_cases",
            "--period",
            "2026Q1",
            "--on",
            "2025-02-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: the quarterly_cases for 2026Q1 cannot be submitted on 2025-02-01, before 2026-01-01: record it once it is written\n"
    );
    // A work plan is written in the year before the one it plans.
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
        "2024-12-20",
    ]);
    wd.refused(
        &[
            "report",
            "submit",
            "--station",
            "S1",
            "--kind",
            "work_plan",
            "--period",
            "2026",
            "--on",
            "2024-12-20",
        ],
        3,
    );
    wd.write(
        "r.csv",
        "station,kind,period,submitted_on\nS1,annual_summary,2030,2025-01-05\n",
    );
    let err = wd.fails(&["import", "reports", "r.csv"], 3);
    assert_eq!(
        err,
        "r.csv:2:submitted_on: the annual_summary for 2030 cannot be submitted on 2025-01-05, before 2030-01-01: record it once it is written\n"
    );
}

#[test]
fn tabs_do_not_break_a_table_and_huge_head_counts_are_named() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "A\tB", "--on", "2024-01-01"]);
    let list = wd.ok(&["station", "list", "--style", "ascii"]);
    assert!(list.contains("| S1   | A B  |"), "{list}");
    let err = wd.refused(
        &[
            "activity",
            "add",
            "--station",
            "S1",
            "--kind",
            "training",
            "--on",
            "2024-06-01",
            "--title",
            "t",
            "--participants",
            "4294967296",
        ],
        2,
    );
    assert!(
        err.contains("`4294967296` is too large: at most 4294967295"),
        "{err}"
    );
}
