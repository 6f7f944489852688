//! The rules as the source documents state them (issue 11): the office's decision on overdue
//! reasons (P1), acceptance pass / fail, the ranking of stations in operation, re-import and
//! the lifecycle, collected information, red / yellow / blue plans, the art. 4 conditions and
//! the migration of an old database.

use crate::workdir::Workdir;

const STATION: &str =
    "code,name,status,status_on,established_on\nS1,测试工作站,established,2024-01-10,2024-01-10\n";

fn station() -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATION);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd
}

/// A guidance case received 2024-03-01, accepted the next day and closed 60 days later: late
/// in handling (limit 30).
fn late_case(wd: &Workdir) {
    wd.ok(&[
        "case",
        "add",
        "--station",
        "S1",
        "--id",
        "K1",
        "--enterprise",
        "甲公司",
        "--received",
        "2024-03-01",
    ]);
    wd.ok(&["case", "accept", "K1", "--on", "2024-03-02"]);
    wd.ok(&[
        "case",
        "close",
        "K1",
        "--on",
        "2024-05-01",
        "--outcome",
        "guided",
        "--effective",
        "yes",
    ]);
}

/// An item of `score --format json` for S1 over 2024: (points, evidence).
fn item(wd: &Workdir, id: &str) -> (String, String) {
    let out = wd.ok(&["score", "--station", "S1", "--period", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let it = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone();
    (
        it["points"].to_string(),
        it["evidence"].as_str().unwrap().to_string(),
    )
}

/// The P1 lines of `score --explain`.
fn p1_rows(wd: &Workdir) -> Vec<String> {
    let out = wd.ok(&["score", "--station", "S1", "--period", "2024", "--explain"]);
    let at = out.find("\nP1 ").expect("a P1 section");
    out[at + 1..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

/// `report due --format json` items as `kind subject [plan_in]`.
fn due_items(wd: &Workdir, as_of: &str) -> Vec<String> {
    let o = wd.run(&[
        "report", "due", "--as-of", as_of, "--within", "0", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["kind"] != "quarterly_cases" && i["kind"] != "annual_summary" && i["kind"] != "work_plan"
        })
        .map(|i| {
            let mut s = format!(
                "{} {} {} {}",
                i["due"].as_str().unwrap(),
                i["kind"].as_str().unwrap(),
                i["subject"].as_str().unwrap(),
                if i["late"].as_bool().unwrap() {
                    "late"
                } else {
                    "due"
                }
            );
            if let Some(p) = i["plan_in"].as_str() {
                s.push_str(&format!(" plan_in {p}"));
            }
            s
        })
        .collect()
}

#[test]
fn only_a_reason_the_office_accepted_excuses_a_late_case() {
    let wd = station();
    late_case(&wd);
    let penalised = (
        "5".to_string(),
        "1 guidance case late without an accepted reason (K1)".to_string(),
    );
    assert_eq!(item(&wd, "P1"), penalised);
    assert_eq!(
        p1_rows(&wd),
        ["K1 (guidance): late in handling, no overdue reason: penalised"]
    );
    // The station types a reason: it awaits the office and excuses nothing yet.
    wd.ok(&["case", "reason", "K1", "--text", "忙"]);
    assert_eq!(item(&wd, "P1"), penalised);
    assert_eq!(
        p1_rows(&wd),
        ["K1 (guidance): late in handling, reason \"忙\" not yet decided by the city office: penalised"]
    );
    let awaiting = |wd: &Workdir| {
        due_items(wd, "2025-03-01")
            .into_iter()
            .filter(|i| i.contains("reason_decision"))
            .collect::<Vec<_>>()
    };
    assert_eq!(awaiting(&wd), ["2025-03-01 reason_decision K1 due"]);
    let table = wd
        .run(&["report", "due", "--as-of", "2025-03-01", "--within", "0"])
        .stdout;
    assert!(
        table.contains("┆ overdue reason to decide ┆ K1                     ┆ awaiting the city office │"),
        "{table}"
    );
    // The office accepts it: excused, dated, with its note, in the audit log.
    let o = wd.run(&[
        "case",
        "reason",
        "K1",
        "--accept",
        "--on",
        "2025-01-15",
        "--note",
        "经核实属实",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "case K1: overdue reason accepted (the case is excused in P1) on 2025-01-15\n"
    );
    assert_eq!(
        wd.query("SELECT reason_accepted || ' ' || reason_decided_on || ' ' || reason_note FROM cases"),
        "1 2025-01-15 经核实属实"
    );
    let audit = wd.query("SELECT after_json FROM audit_log ORDER BY seq DESC LIMIT 1");
    assert!(audit.contains(r#""reason_accepted":true"#), "{audit}");
    assert_eq!(
        item(&wd, "P1"),
        (
            "0".to_string(),
            "0 guidance cases late without an accepted reason".to_string()
        )
    );
    assert_eq!(
        p1_rows(&wd),
        ["K1 (guidance): late in handling, reason \"忙\" accepted by the city office on 2025-01-15: excused"]
    );
    let overdue = wd.ok(&["case", "list", "--overdue", "--format", "json"]);
    assert!(overdue.contains(r#""reason_accepted": true"#), "{overdue}");
    assert!(awaiting(&wd).is_empty());
    let show = wd.ok(&["case", "show", "K1"]);
    assert!(show.contains("yes (2025-01-15): 经核实属实"), "{show}");
    // The ranking reads the same decision.
    let all = wd.ok(&["score", "--all", "--period", "2024", "--format", "json"]);
    assert!(
        all.contains("0 guidance cases late without an accepted reason"),
        "{all}"
    );
    let export = wd.ok(&["export", "cases"]);
    assert!(
        export.lines().nth(1).unwrap().ends_with(",忙,yes,,no"),
        "{export}"
    );
    // A changed reason goes back to undecided.
    wd.ok(&["case", "reason", "K1", "--text", "等待境外律师意见"]);
    assert_eq!(
        wd.query("SELECT coalesce(CAST(reason_accepted AS TEXT), 'null') || ' ' || coalesce(reason_decided_on, 'null') FROM cases"),
        "null null"
    );
    assert_eq!(item(&wd, "P1"), penalised);
    // Rejected: counted, and said so.
    wd.ok(&["case", "reason", "K1", "--reject", "--on", "2025-01-16"]);
    assert_eq!(item(&wd, "P1"), penalised);
    assert_eq!(
        p1_rows(&wd),
        ["K1 (guidance): late in handling, reason \"等待境外律师意见\" rejected by the city office on 2025-01-16: penalised"]
    );
    let all = wd.ok(&["score", "--all", "--period", "2024", "--format", "json"]);
    assert!(
        all.contains("1 guidance case late without an accepted reason (K1)"),
        "{all}"
    );
}

#[test]
fn reason_decisions_are_refused_when_they_make_no_sense() {
    let wd = station();
    late_case(&wd);
    assert_eq!(
        wd.refused(&["case", "reason", "K1", "--accept", "--on", "2025-01-15"], 3),
        "error: case K1 has no overdue reason to decide on: the station records it first with `ipguard case reason K1 --text …`\n"
    );
    wd.ok(&["case", "reason", "K1", "--text", "忙"]);
    wd.ok(&["case", "reason", "K1", "--reject", "--on", "2025-01-15"]);
    assert_eq!(
        wd.refused(&["case", "reason", "K1", "--reject", "--on", "2025-01-16"], 3),
        "error: the overdue reason of case K1 was already rejected on 2025-01-15\n"
    );
    assert_eq!(
        wd.refused(&["case", "reason", "K1", "--accept", "--on", "2025-03-02"], 3),
        "error: the decision date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened\n"
    );
    let err = wd.refused(&["case", "reason", "K1", "--accept", "--reject"], 2);
    assert!(err.contains("--accept") && err.contains("--reject"), "{err}");
    let err = wd.refused(&["case", "reason", "K1", "--text", "x", "--accept"], 2);
    assert!(err.contains("--text") && err.contains("--accept"), "{err}");
    let err = wd.refused(&["case", "reason", "K1"], 2);
    assert!(err.contains("--text") || err.contains("required"), "{err}");
}

#[test]
fn import_carries_the_office_decision_and_resets_a_changed_reason() {
    let wd = station();
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,accepted_on,closed_on,overdue_reason,reason_accepted\n\
K1,S1,甲,2024-03-01,2024-03-02,2024-05-01,等待境外律师意见,是\n\
K2,S1,乙,2024-03-01,2024-03-02,2024-05-01,忙,no\n\
K3,S1,丙,2024-03-01,2024-03-02,2024-05-01,忙,\n",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(
        wd.query(
            "SELECT group_concat(id || ':' || coalesce(CAST(reason_accepted AS TEXT), '-'), ' ') FROM cases"
        ),
        "K1:1 K2:0 K3:-"
    );
    assert_eq!(
        item(&wd, "P1"),
        (
            "5".to_string(),
            "2 guidance cases late without an accepted reason (K2, K3)".to_string()
        )
    );
    // A reason changed by a file without the column goes back to undecided.
    wd.write(
        "again.csv",
        "id,station,enterprise,received_on,overdue_reason\nK1,S1,甲,2024-03-01,另一个原因\n",
    );
    wd.ok(&["import", "cases", "again.csv"]);
    assert_eq!(
        wd.query("SELECT coalesce(CAST(reason_accepted AS TEXT), '-') FROM cases WHERE id = 'K1'"),
        "-"
    );
    // A decision without a reason is a row error.
    wd.write(
        "bad.csv",
        "id,station,enterprise,received_on,reason_accepted\nK9,S1,丁,2024-03-01,yes\n",
    );
    assert_eq!(
        wd.refused(&["import", "cases", "bad.csv"], 3),
        "bad.csv:2:reason_accepted: reason_accepted is the city office's decision on an overdue reason, but overdue_reason is empty: leave it empty or give the reason\n"
    );
}

#[test]
fn an_acceptance_passes_or_fails_and_is_never_excellent() {
    let wd = crate::report_doc::fixture();
    // A rubric whose `excellent` starts at 10 points: S1's 23.46 would be excellent as a grade.
    let text = wd.ok(&["rubric", "export"]);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["id"] = "low".into();
    v["grades"][0]["min"] = 10.into();
    v["grades"][1]["min"] = 5.into();
    wd.write("low.json", v.to_string());
    let score = wd.ok(&[
        "--rubric",
        "low.json",
        "score",
        "--station",
        "S1",
        "--period",
        "2024-01-10..2025-01-09",
        "--as-of",
        "2025-01-10",
        "--format",
        "json",
    ]);
    assert!(score.contains(r#""grade": "excellent""#), "{score}");
    let out = wd.ok(&[
        "--rubric",
        "low.json",
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["grade"], "pass");
    assert_eq!(v["scorecard"]["grade"], "pass");
    assert_eq!(
        wd.query("SELECT grade || ' ' || total_cents FROM assessments"),
        "pass 2346"
    );
    let show = wd.ok(&["--lang", "zh", "station", "show", "S1"]);
    assert!(show.contains("┆ 23.46 ┆ pass ┆ low      │"), "{show}");
}

#[test]
fn an_acceptance_below_the_pass_threshold_fails() {
    let wd = crate::report_doc::fixture();
    let out = wd.ok(&[
        "--lang",
        "zh",
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-10",
    ]);
    assert!(out.contains("验收不合格"), "{out}");
    assert_eq!(wd.query("SELECT grade FROM assessments"), "fail");
}

#[test]
fn the_ranking_ranks_only_stations_in_operation() {
    let wd = Workdir::new();
    wd.write(
        "stations.csv",
        "code,name,status,status_on,established_on
A1,在运行,established,2024-01-10,2024-01-10
B1,申请中,applied,2024-12-01,
C1,二五年设立,established,2025-02-01,2025-02-01
D1,早已撤销,revoked,2023-06-01,2022-01-01
E1,验收合格无设立日,accepted,2024-03-01,
F1,年中撤销,revoked,2024-06-01,2023-01-01
G1,未通过,rejected,2024-02-01,
H1,导入设立无设立日,established,2024-05-01,
",
    );
    wd.ok(&["import", "stations", "stations.csv"]);
    let ranked = |args: &[&str]| -> Vec<String> {
        let out = wd.ok(args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| format!("{} {}", c["rank"], c["station"].as_str().unwrap()))
            .collect()
    };
    // All score 5.00 (2.4's when_empty): equal totals share rank 1, ties by code.
    assert_eq!(
        ranked(&["score", "--all", "--period", "2024", "--format", "json"]),
        ["1 A1", "1 E1", "1 F1", "1 H1"]
    );
    assert_eq!(
        ranked(&[
            "score",
            "--all",
            "--include-all",
            "--period",
            "2024",
            "--format",
            "json"
        ]),
        ["1 A1", "1 B1", "1 C1", "1 D1", "1 E1", "1 F1", "1 G1", "1 H1"]
    );
    // In 2025 (as of 2025-03-01) the 2025 station is established and F1 is gone.
    assert_eq!(
        ranked(&["score", "--all", "--period", "2025", "--format", "json"]),
        ["1 A1", "1 C1", "1 E1", "1 H1"]
    );
    let table = wd.ok(&["score", "--all", "--period", "2024"]);
    assert!(!table.contains("B1") && table.contains("H1"), "{table}");
    let err = wd.refused(
        &["score", "--station", "A1", "--include-all", "--period", "2024"],
        2,
    );
    assert_eq!(
        err,
        "error: the argument '--station <STATION>' cannot be used with '--include-all' (see --help)\n"
    );
}

/// Station S1 with one piece of collected dispute information, recorded by command.
fn collected() -> Workdir {
    let wd = station();
    wd.ok(&[
        "case",
        "add",
        "--station",
        "S1",
        "--id",
        "I1",
        "--kind",
        "information",
        "--enterprise",
        "丙公司",
        "--received",
        "2024-03-01",
        "--warning",
        "blue",
        "--country",
        "美国",
        "--ip-type",
        "trademark",
        "--dispute-type",
        "squatting",
    ]);
    wd
}

#[test]
fn collected_information_is_not_judged_in_the_score() {
    let wd = collected();
    // No limits: nothing judged in part 2, nothing in P1, nothing overdue or due.
    assert_eq!(
        item(&wd, "2.1"),
        (
            "0".to_string(),
            "0 on time, 0 late (none judged: 0 points)".to_string()
        )
    );
    assert_eq!(item(&wd, "P1").0, "0");
    let overdue = wd.ok(&[
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(overdue.trim(), "[]");
    assert!(due_items(&wd, "2024-03-10").is_empty());
}

#[test]
fn collected_information_is_counted_in_the_quarterly_report() {
    let wd = collected();
    // Counted and listed in the quarterly report, apart from the cases.
    let json = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q1",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["cases"]["received"], 0);
    assert_eq!(v["information"]["collected"], 1);
    assert_eq!(v["information"]["by_country"][0]["key"], "US");
    assert_eq!(v["information"]["by_ip_type"][0]["key"], "trademark");
    assert_eq!(v["information"]["by_dispute_type"][0]["key"], "squatting");
    let md = wd.ok(&[
        "--lang",
        "zh",
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q1",
    ]);
    assert!(md.contains("- 收集纠纷信息：1 条"), "{md}");
    assert!(
        md.contains("| I1 | 2024-03-01 | 丙公司 | 美国 | 商标 | 商标抢注 |"),
        "{md}"
    );
    assert!(md.contains("- 收到案件：0 件"), "{md}");
}

#[test]
fn collected_information_is_not_handled_and_a_handled_case_stays_a_case() {
    let wd = collected();
    // Collected information is not handled, and a handled case cannot become information
    // (which would take a late case out of part 2 and P1).
    assert_eq!(
        wd.refused(&["case", "accept", "I1", "--on", "2024-03-02"], 3),
        "error: case I1: kind information is collected dispute information, which is not accepted, closed or followed up, but accepted_on is 2024-03-02: a case the station handles is guidance or consultation\n"
    );
    assert_eq!(
        wd.refused(&["case", "reason", "I1", "--text", "忙"], 3),
        "error: case I1 is collected dispute information (kind information), which has no time limit to pass\n"
    );
    late_case(&wd);
    assert_eq!(
        wd.refused(&["case", "set", "K1", "--kind", "information"], 3),
        "error: case K1: kind information is collected dispute information, which is not accepted, closed or followed up, but accepted_on is 2024-03-02: a case the station handles is guidance or consultation\n"
    );
    wd.write(
        "info.csv",
        "id,station,enterprise,received_on,kind,accepted_on\nI2,S1,丁,2024-03-01,信息收集,2024-03-02\n",
    );
    assert_eq!(
        wd.refused(&["import", "cases", "info.csv"], 3),
        "info.csv:2:kind: kind information is collected dispute information, which is not accepted, closed or followed up, but accepted_on is 2024-03-02: a case the station handles is guidance or consultation\n"
    );
}

/// Station S1 with a red, a yellow and a blue case, each accepted the day after receipt.
fn warned() -> Workdir {
    let wd = station();
    for (id, level) in [("R1", "red"), ("Y1", "yellow"), ("B1", "blue")] {
        wd.ok(&[
            "case",
            "add",
            "--station",
            "S1",
            "--id",
            id,
            "--enterprise",
            "甲",
            "--received",
            "2024-07-01",
            "--warning",
            level,
        ]);
        wd.ok(&["case", "accept", id, "--on", "2024-07-02"]);
    }
    wd
}

#[test]
fn a_measure_of_another_level_is_refused() {
    let wd = warned();
    // Seed 003 §9: a plan is for yellow, a special-handling plan for red, a notice for blue.
    let wrong =
        "a special_plan is for red cases, a plan for yellow ones, a risk_notice for blue ones (seed 003 §9)";
    for (id, kind, level) in [
        ("R1", "plan", "red"),
        ("Y1", "special_plan", "yellow"),
        ("B1", "plan", "blue"),
    ] {
        assert_eq!(
            wd.refused(
                &[
                    "case",
                    "note",
                    id,
                    "--kind",
                    kind,
                    "--on",
                    "2024-07-02",
                    "--text",
                    "方案"
                ],
                3
            ),
            format!("error: case {id} has warning level {level}: {wrong}\n")
        );
    }
    assert_eq!(
        wd.refused(
            &[
                "case",
                "note",
                "B1",
                "--kind",
                "risk_notice",
                "--on",
                "2024-07-02",
                "--text",
                "x"
            ],
            2
        ),
        "error: a risk_notice is a published notice: give its --title (and, if you like, its --text)\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "case",
                "note",
                "Y1",
                "--kind",
                "plan",
                "--on",
                "2024-07-02",
                "--title",
                "x",
                "--text",
                "y"
            ],
            2
        ),
        "error: --title is for a risk_notice; a plan takes --text only\n"
    );
}

#[test]
fn each_level_has_its_measure_deadline() {
    let wd = warned();
    // The deadlines: red and yellow plans 3 days after receipt, the blue notice 7.
    assert_eq!(
        due_items(&wd, "2024-07-05"),
        [
            "2024-07-04 case_plan Y1 late",
            "2024-07-04 case_special_plan R1 late",
        ]
    );
    assert_eq!(
        due_items(&wd, "2024-07-09"),
        [
            "2024-07-04 case_plan Y1 late",
            "2024-07-04 case_special_plan R1 late",
            "2024-07-08 case_risk_notice B1 late",
        ]
    );
}

/// The three cases of `warned` each with its own measure: a special plan, a plan, a notice.
fn measured() -> Workdir {
    let wd = warned();
    wd.ok(&[
        "case",
        "note",
        "R1",
        "--kind",
        "special_plan",
        "--on",
        "2024-07-03",
        "--text",
        "专项处理方案",
    ]);
    wd.ok(&[
        "case",
        "note",
        "Y1",
        "--kind",
        "plan",
        "--on",
        "2024-07-03",
        "--text",
        "一案一策",
    ]);
    wd.ok(&[
        "case",
        "note",
        "B1",
        "--kind",
        "risk_notice",
        "--on",
        "2024-07-05",
        "--title",
        "美国商标抢注风险提示",
        "--text",
        "提醒企业尽早注册",
    ]);
    wd
}

#[test]
fn an_open_red_case_stays_listed_with_its_plan() {
    let wd = measured();
    // The open red case stays on the office's list, with its plan.
    assert_eq!(
        due_items(&wd, "2024-07-09"),
        ["2024-07-04 case_special_plan R1 due plan_in 2024-07-03"]
    );
    let list = wd.ok(&["case", "list", "--warning", "red", "--open"]);
    assert!(list.contains("┆ Special plan"), "{list}");
    assert!(list.contains("┆ special_plan 2024-07-03 │"), "{list}");
    assert!(!list.contains("Y1") && !list.contains("B1"), "{list}");
}

#[test]
fn notices_are_listed_dated_and_titled() {
    let wd = measured();
    // The notices, dated and titled.
    let notices = wd.ok(&["case", "notices", "--station", "S1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&notices).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{"date": "2024-07-05", "station": "S1", "case": "B1", "title": "美国商标抢注风险提示", "text": "提醒企业尽早注册"}])
    );
    let none = wd.run(&["case", "notices", "--period", "2023"]);
    assert_eq!(none.stderr, "no risk notices recorded\n");
}

#[test]
fn each_measure_deadline_is_a_rubric_parameter() {
    let wd = measured();
    // Each deadline is a rubric parameter.
    let text = wd.ok(&["rubric", "export"]);
    let mut r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["limits"]["blue_notice_days"], 7);
    r["id"] = "quick".into();
    r["limits"]["blue_notice_days"] = 1.into();
    wd.write("quick.json", r.to_string());
    wd.ok(&[
        "case",
        "add",
        "--station",
        "S1",
        "--id",
        "B2",
        "--enterprise",
        "乙",
        "--received",
        "2024-07-01",
        "--warning",
        "blue",
    ]);
    let o = wd.run(&[
        "--rubric",
        "quick.json",
        "report",
        "due",
        "--as-of",
        "2024-07-03",
        "--within",
        "0",
        "--format",
        "json",
    ]);
    assert!(
        o.stdout.contains(r#""due": "2024-07-02""#) && o.stdout.contains(r#""kind": "case_risk_notice""#),
        "{}",
        o.stdout
    );
    r["limits"]["red_plan_days"] = 9999.into();
    wd.write("bad.json", r.to_string());
    let err = wd.refused(&["rubric", "check", "bad.json"], 3);
    assert!(err.contains("red_plan_days"), "{err}");
}

#[test]
fn station_show_lists_the_measures_own_five_conditions() {
    let wd = station();
    let show = wd.ok(&["--lang", "zh", "station", "show", "S1"]);
    assert!(
        show.contains("有知识产权文献资源、数据库和信息分析工具"),
        "{show}"
    );
    assert!(!show.contains("依托单位具有独立法人资格"), "{show}");
    let full = wd.ok(&["station", "show", "S1", "--explain"]);
    assert!(
        full.contains("（四）具有海外知识产权纠纷应对的服务经验和典型案例；"),
        "{full}"
    );
    let en = wd.ok(&["station", "show", "S1"]);
    assert!(
        en.contains("experience and typical cases in overseas IP disputes"),
        "{en}"
    );
}

/// Station S1 with five cases whose countries are spelt in different ways.
fn countried() -> Workdir {
    let wd = station();
    for (id, spelling) in [
        ("C1", "Germany"),
        ("C2", "德国"),
        ("C3", "de"),
        ("C4", "阿联酋"),
        ("C5", "USA"),
    ] {
        wd.ok(&[
            "case",
            "add",
            "--station",
            "S1",
            "--id",
            id,
            "--enterprise",
            "甲",
            "--received",
            "2024-07-01",
            "--country",
            spelling,
        ]);
    }
    wd
}

#[test]
fn a_case_country_is_stored_as_one_code() {
    let wd = countried();
    assert_eq!(
        wd.query("SELECT group_concat(country, ' ') FROM cases"),
        "DE DE DE AE US"
    );
    wd.ok(&["case", "set", "C5", "--country", "UK"]);
    assert_eq!(wd.query("SELECT country FROM cases WHERE id = 'C5'"), "GB");
    let zh = wd.ok(&["--lang", "zh", "case", "show", "C4"]);
    assert!(zh.contains("┆ 阿拉伯联合酋长国"), "{zh}");
    let en = wd.ok(&["case", "show", "C1"]);
    assert!(en.contains("┆ Germany"), "{en}");
    assert!(wd.ok(&["export", "cases"]).contains(",DE,"));
}

#[test]
fn a_misspelt_country_is_refused_with_the_nearest() {
    let wd = countried();
    let err = wd.refused(
        &[
            "case",
            "add",
            "--station",
            "S1",
            "--enterprise",
            "甲",
            "--received",
            "2024-07-01",
            "--country",
            "Germny",
        ],
        3,
    );
    assert!(
        err.starts_with("error: `Germny` is not a country or region ipguard knows: give its ISO 3166-1 code, Chinese or English name (nearest: DE 德国 Germany"),
        "{err}"
    );
}

#[test]
fn the_quarterly_report_counts_one_country() {
    let wd = countried();
    // The quarterly report counts one country, named in its language.
    let md = wd.ok(&[
        "--lang",
        "zh",
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
    ]);
    assert!(md.contains("| 德国 | 3 |"), "{md}");
}

#[test]
fn imported_countries_are_codes_and_a_bad_one_is_a_row_error() {
    let wd = countried();
    // Imported spellings too; a bad one is a row error naming the cell.
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,country
C6,S1,乙,2024-07-02,germany
C7,S1,丙,2024-07-02,欧盟
",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(
        wd.query("SELECT group_concat(country, ' ') FROM cases WHERE id IN ('C6', 'C7')"),
        "DE EU"
    );
    wd.write(
        "bad.csv",
        "id,station,enterprise,received_on,country
C8,S1,乙,2024-07-02,火星
",
    );
    let err = wd.refused(&["import", "cases", "bad.csv"], 3);
    assert!(
        err.starts_with("bad.csv:2:country: `火星` is not a country or region ipguard knows"),
        "{err}"
    );
}

#[test]
fn expert_countries_are_a_list_of_codes() {
    let wd = countried();
    // An expert's countries are a list of such values.
    wd.ok(&[
        "station",
        "expert",
        "add",
        "--station",
        "S1",
        "--name",
        "王芳",
        "--kind",
        "lawyer",
        "--joined",
        "2024-05-01",
        "--countries",
        "美国、Germany; jp",
    ]);
    assert_eq!(wd.query("SELECT countries FROM experts"), "US;DE;JP");
    let list = wd.ok(&["--lang", "zh", "station", "expert", "list"]);
    assert!(list.contains("美国、德国、日本"), "{list}");
    assert!(wd.ok(&["export", "experts"]).contains(",US;DE;JP,"));
    let err = wd.refused(
        &[
            "station",
            "expert",
            "add",
            "--station",
            "S1",
            "--name",
            "李四",
            "--kind",
            "expert",
            "--joined",
            "2024-05-01",
            "--countries",
            "美国、火星",
        ],
        3,
    );
    assert!(err.starts_with("error: `火星` is not a country"), "{err}");
}

#[test]
fn typing_a_reason_no_longer_raises_the_demo_station_only_the_office_can() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    let total = |wd: &Workdir| {
        let out = wd.ok(&[
            "score",
            "--station",
            "CQ-LJ-002",
            "--period",
            "2024",
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        format!("{} {}", v["total"], v["grade"].as_str().unwrap())
    };
    assert_eq!(total(&wd), "86.17 pass");
    let late = wd.ok(&[
        "case",
        "list",
        "--overdue",
        "--station",
        "CQ-LJ-002",
        "--format",
        "json",
    ]);
    let late: serde_json::Value = serde_json::from_str(&late).unwrap();
    let mut ids: Vec<String> = late
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 13);
    for id in &ids {
        wd.ok(&["case", "reason", id, "--text", "忙"]);
    }
    assert_eq!(total(&wd), "86.17 pass");
    for id in &ids {
        wd.ok(&["case", "reason", id, "--accept", "--on", "2025-02-01"]);
    }
    assert_eq!(total(&wd), "91.17 excellent");
}
