//! Scoring: the scorecard's table, JSON and CSV, the ranking, the rubric commands and refusals.

use crate::workdir::Workdir;

const CASES: &str = "\
id,station,enterprise,received_on,accepted_on,closed_on,effective,followup_on,source
C-1,CQ-YZ-001,重庆甲科技有限公司,2024-03-01,2024-03-04,2024-04-03,yes,2024-05-03,enterprise
C-2,CQ-YZ-001,重庆乙贸易有限公司,2024-03-01,2024-03-05,2024-04-10,no,,city_transfer
C-3,CQ-YZ-001,重庆丙有限公司,2025-01-10,,,,,enterprise
";
const ACTIVITIES: &str = "\
station,kind,date,title
CQ-YZ-001,training,2024-05-01,出口企业海外知识产权培训
";
const REPORTS: &str = "\
station,kind,period,submitted_on
CQ-YZ-001,quarterly_cases,2024Q1,2024-04-15
CQ-YZ-001,quarterly_cases,2024Q2,2024-07-16
";
const FUNDING: &str = "\
station,date,amount,source
CQ-YZ-001,2024-02-01,50000.00,市局专项
";

fn seeded() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区海外知识产权纠纷应对指导工作站",
        "--on",
        "2024-01-05",
    ]);
    wd.ok(&[
        "station",
        "add",
        "CQ-JB-002",
        "--name",
        "江北区工作站",
        "--on",
        "2024-01-05",
    ]);
    wd.import("cases", CASES);
    wd.import("activities", ACTIVITIES);
    wd.import("reports", REPORTS);
    wd.import("funding", FUNDING);
    // Written past the front door on purpose: an award of 3.5 points for B1, whose maximum is 3,
    // as an award recorded under an earlier rubric with a higher maximum stays; `award add` and
    // `import awards` refuse it under this one, and the card must cap it.
    wd.sql(
        "INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES ('CQ-YZ-001', 'B1', 350, '2024-06-01', '服务模式创新');",
    );
    wd
}

const CSV: &str = "\
station,period,as_of,id,part,max,points,evidence
CQ-YZ-001,2024,2025-03-01,1.1,1,10.00,0.00,\"0 on time, 0 late, 2 missing (summary 2024, plan 2025)\"
CQ-YZ-001,2024,2025-03-01,1.2,1,10.00,3.75,\"1 on time, 1 late (2024Q2), 2 missing (2024Q3, 2024Q4)\"
CQ-YZ-001,2024,2025-03-01,2.1,2,5.00,2.50,\"1 on time, 1 late (C-2)\"
CQ-YZ-001,2024,2025-03-01,2.2,2,10.00,5.00,\"1 on time, 1 late (C-2)\"
CQ-YZ-001,2024,2025-03-01,2.3,2,10.00,5.00,\"effect: 1 effective, 1 not (C-2); follow-up: 1 on time, 1 late (C-2)\"
CQ-YZ-001,2024,2025-03-01,2.4,2,5.00,0.00,\"0 handled on time, 1 late (C-2)\"
CQ-YZ-001,2024,2025-03-01,3.1,3,10.00,5.00,\"training: 1 recorded, target 2\"
CQ-YZ-001,2024,2025-03-01,3.2,3,5.00,0.00,\"publicity: 0 recorded, target 2\"
CQ-YZ-001,2024,2025-03-01,3.3,3,5.00,0.00,\"publication: 0 recorded, target 1\"
CQ-YZ-001,2024,2025-03-01,4.1,4,10.00,0.00,\"0 experts or lawyers in the pool on 2024-12-31, target 5\"
CQ-YZ-001,2024,2025-03-01,4.2,4,5.00,0.00,\"aid_guidance: 0 recorded, target 2\"
CQ-YZ-001,2024,2025-03-01,4.3,4,5.00,0.00,\"referral: 0 recorded, target 2\"
CQ-YZ-001,2024,2025-03-01,5.1,5,5.00,0.00,\"0 full-time staff on 2024-12-31, target 1\"
CQ-YZ-001,2024,2025-03-01,5.2,5,5.00,5.00,50000.00 yuan in 1 payment (more than 0.00 needed)
CQ-YZ-001,2024,2025-03-01,B1,bonus,3.00,3.00,\"1 award, 3.5 points, capped at 3\"
CQ-YZ-001,2024,2025-03-01,B2,bonus,2.00,0.00,\"0 awards, 0 points\"
CQ-YZ-001,2024,2025-03-01,B3,bonus,3.00,0.00,\"0 awards, 0 points\"
CQ-YZ-001,2024,2025-03-01,B4,bonus,2.00,0.00,\"0 awards, 0 points\"
CQ-YZ-001,2024,2025-03-01,P1,penalty,5.00,5.00,1 guidance case late without an accepted reason (C-2)
CQ-YZ-001,2024,2025-03-01,P2,penalty,5.00,0.00,0 verified complaints
";

#[test]
fn csv_has_one_row_per_item_with_exact_points() {
    let wd = seeded();
    let out = wd.ok(&[
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "csv",
    ]);
    assert_eq!(out, CSV);
}

#[test]
fn json_follows_the_score_schema() {
    let wd = seeded();
    let out = wd.ok(&[
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["period"], "2024");
    assert_eq!(v["from"], "2024-01-01");
    assert_eq!(v["to"], "2024-12-31");
    assert_eq!(v["as_of"], "2025-03-01");
    assert_eq!(v["rubric"], "cq-2022");
    let items = v["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.join(" "),
        "1.1 1.2 2.1 2.2 2.3 2.4 3.1 3.2 3.3 4.1 4.2 4.3 5.1 5.2 B1 B2 B3 B4 P1 P2"
    );
    // Numbers are written exactly, with at most two decimals.
    assert!(out.contains("\"points\": 3.75,"), "{out}");
    assert!(out.contains("\"max\": 10,"), "{out}");
    assert_eq!(v["parts"].as_array().unwrap().len(), 5);
    assert!(out.contains("\"base\": 26.25,\n  \"bonus\": 3,\n  \"penalty\": 5,\n  \"total\": 24.25,\n  \"grade\": \"fail\""), "{out}");
    assert_eq!(items[18]["part"], "penalty");
    assert_eq!(items[18]["points"].to_string(), "5");
    // Chinese evidence only when asked for.
    let zh = wd.ok(&[
        "--lang",
        "zh",
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "json",
    ]);
    assert!(zh.contains("\"evidence\": \"1 件按时，1 件超时（C-2）\""), "{zh}");
}

#[test]
fn as_of_moves_the_judgement() {
    let wd = seeded();
    // On 2024-03-05 C-2 was accepted that day after 4 days: late; C-1 still pending for handling.
    let out = wd.ok(&[
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--as-of",
        "2024-03-05",
        "--format",
        "csv",
    ]);
    assert!(
        out.contains("2.1,2,5.00,2.50,\"1 on time, 1 late (C-2)\""),
        "{out}"
    );
    assert!(
        out.contains("2.2,2,10.00,0.00,\"0 on time, 0 late, 2 pending (none judged: 0 points)\""),
        "{out}"
    );
    // The 2024 reports are not due yet: 1.1 scores its max.
    assert!(out.contains("1.1,1,10.00,10.00,nothing due yet"), "{out}");
}

#[test]
fn table_shows_items_totals_and_the_grade_in_chinese() {
    let wd = seeded();
    let out = wd.ok(&[
        "--lang",
        "zh",
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
    ]);
    assert!(out.starts_with("CQ-YZ-001 渝中区海外知识产权纠纷应对指导工作站 · 期间 2024 (2024-01-01..2024-12-31) · 评估日 2025-03-01 · 考核标准 cq-2022\n"), "{out}");
    assert!(out.contains("│   2.1 ┆ 及时受理"), "{out}");
    assert!(
        out.ends_with(
            "基础分 + 加分 - 减分 = 总分: 26.25 + 3.00 - 5.00 = 24.25（评估日 2025-03-01）\n等级: 不合格\n"
        ),
        "{out}"
    );
    let explain = wd.ok(&["score", "--station", "CQ-YZ-001", "--period", "2024", "--explain"]);
    assert!(
        explain.contains("\n  C-2 (guidance): late, accepted 4 days after receipt (limit 3)\n"),
        "{explain}"
    );
    assert!(
        explain.contains("\n  2024Q3: missing, due 2024-10-15\n"),
        "{explain}"
    );
}

#[test]
fn all_ranks_every_station_highest_first() {
    let wd = seeded();
    // Both stations are still applying: `--all` ranks none of them, `--include-all` both.
    let none = wd.ok(&["score", "--all", "--period", "2024", "--format", "json"]);
    assert_eq!(none.trim(), "[]");
    let out = wd.ok(&[
        "score",
        "--all",
        "--include-all",
        "--period",
        "2024",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let order: Vec<(&str, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["station"].as_str().unwrap(),
                format!("{} {}", c["rank"], c["total"]),
            )
        })
        .collect();
    // CQ-JB-002 has no records: 1.1, 1.2 missing reports → 0; 2.4 when_empty 5.
    assert_eq!(
        order,
        vec![
            ("CQ-YZ-001", "1 24.25".to_string()),
            ("CQ-JB-002", "2 5".to_string())
        ]
    );
    let table = wd.ok(&["score", "--all", "--include-all", "--period", "2024"]);
    assert!(table.contains("│ 1    ┆ CQ-YZ-001 ┆"), "{table}");
    assert!(
        table.contains("┆ 3.75 ┆ 12.50 ┆ 5.00 ┆ 0.00 ┆ 5.00 ┆ 3.00  ┆ 5.00    ┆ 24.25 ┆ fail  │"),
        "{table}"
    );
}

#[test]
fn all_gives_each_station_its_own_card() {
    let wd = seeded();
    // Cases received the same day (ties broken by id), late without a reason, with a blank one
    // (an ideographic space) and with a real one, inserted out of order.
    wd.import(
        "cases",
        "\
id,station,enterprise,received_on,kind,accepted_on,closed_on,overdue_reason,reason_accepted
K-9,CQ-JB-002,E,2024-05-01,guidance,2024-05-20,,,
K-1,CQ-JB-002,E,2024-05-01,guidance,2024-05-02,2024-09-01,,
K-5,CQ-JB-002,E,2024-05-01,consultation,2024-05-02,,,
K-3,CQ-JB-002,E,2024-05-01,guidance,,,等待境外意见,yes
K-4,CQ-JB-002,E,2024-05-01,guidance,,,忙,
K-6,CQ-JB-002,E,2024-05-01,guidance,,,忙,no
K-7,CQ-JB-002,E,2024-05-01,information,,,,
K-2,CQ-JB-002,E,2024-04-30,guidance,2024-05-09,2024-12-30,,
",
    );
    // Written past the front door on purpose: a reason of nothing but an ideographic space,
    // which every command trims away, as another client may have stored it.
    wd.sql("UPDATE cases SET overdue_reason = '　' WHERE id = 'K-1'");
    let all = wd.ok(&[
        "score",
        "--all",
        "--include-all",
        "--period",
        "2024",
        "--format",
        "json",
    ]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    for card in all.as_array().unwrap() {
        let code = card["station"].as_str().unwrap();
        let one = wd.ok(&["score", "--station", code, "--period", "2024", "--format", "json"]);
        let mut one: serde_json::Value = serde_json::from_str(&one).unwrap();
        // The ranking adds the station's rank to its card.
        one["rank"] = card["rank"].clone();
        assert_eq!(card, &one, "{code}");
    }
    let jb = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["station"] == "CQ-JB-002")
        .unwrap();
    let evidence = |id: &str| {
        let items = jb["items"].as_array().unwrap();
        let item = items.iter().find(|i| i["id"] == id).unwrap();
        item["evidence"].as_str().unwrap().to_string()
    };
    // Acceptance (3 days): K-2 after 9 days, K-3, K-4, K-6 never, K-9 after 19 days; K-7 is
    // collected information, no case to accept.
    assert_eq!(evidence("2.1"), "2 on time, 5 late (K-2, K-3, K-4, …)");
    // Handling (30 days): none closed in time, in (received_on, id) order.
    assert_eq!(evidence("2.2"), "0 on time, 7 late (K-2, K-1, K-3, …)");
    // K-1's reason is blank; K-3's was accepted by the office, K-4's is undecided, K-6's
    // rejected; K-5 is a consultation.
    assert_eq!(
        evidence("P1"),
        "5 guidance cases late without an accepted reason (K-2, K-1, K-4, …)"
    );
}

#[test]
fn refusals() {
    let wd = seeded();
    let err = wd.refused(&["score", "--station", "CQ-YZ-001", "--period", "2024Q5"], 2);
    assert!(err.contains("`2024Q5` is not a period"), "{err}");
    let err = wd.refused(
        &[
            "score",
            "--station",
            "CQ-YZ-001",
            "--period",
            "2024",
            "--as-of",
            "2023-12-31",
        ],
        2,
    );
    assert_eq!(err, "error: --as-of 2023-12-31 is before the period 2024 starts (2024-01-01): give a date on or after it\n");
    let err = wd.refused(&["score", "--station", "CQ-XX-999", "--period", "2024"], 3);
    assert_eq!(
        err,
        "error: station `CQ-XX-999` does not exist (see `ipguard station list`)\n"
    );
    wd.write("bad.json", "{\"id\": \"x\"");
    let err = wd.refused(
        &[
            "--rubric",
            "bad.json",
            "score",
            "--station",
            "CQ-YZ-001",
            "--period",
            "2024",
        ],
        3,
    );
    assert!(
        err.starts_with("error: rubric file bad.json: not JSON (line 1, column 10: EOF while parsing"),
        "{err}"
    );
    let err = wd.refused(&["rubric", "use", "bad.json"], 3);
    assert!(err.starts_with("error: rubric file bad.json:"), "{err}");
    wd.refused(&["score", "--period", "2024"], 2);
}

#[test]
fn rubric_export_check_use_and_override() {
    let wd = seeded();
    let json = wd.ok(&["rubric", "export"]);
    assert!(json.contains("\"id\": \"cq-2022\""));
    let custom = json
        .replace("\"id\": \"cq-2022\"", "\"id\": \"custom\"")
        .replace("\"staff_target\": 1", "\"staff_target\": 2")
        .replace("\"accept_days\": 3", "\"accept_days\": 4");
    wd.write("custom.json", &custom);
    let err = wd.run(&["rubric", "check", "custom.json"]).stderr;
    assert_eq!(err, "custom.json: rubric `custom` is valid\nits lowest grade, `fail`, fails a biennial assessment: with --confirm-revoke it revokes the station\n");
    // Override for one command: with 4 days to accept, C-2 is on time.
    let out = wd.ok(&[
        "--rubric",
        "custom.json",
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "csv",
    ]);
    assert!(out.contains("2.1,2,5.00,5.00,\"2 on time, 0 late\""), "{out}");
    assert_eq!(wd.query("SELECT count(*) FROM settings"), "0");
    wd.ok(&["rubric", "use", "custom.json"]);
    assert!(wd
        .query("SELECT value FROM settings WHERE key = 'rubric'")
        .contains("\"id\": \"custom\""));
    assert_eq!(
        wd.query("SELECT entity FROM audit_log ORDER BY seq DESC LIMIT 1"),
        "setting"
    );
    let show = wd.ok(&["rubric", "show"]);
    assert!(show.starts_with("custom ("), "{show}");
    assert!(show.contains("accept_days=4"), "{show}");
    assert!(
        show.contains("┆ full_time_staff        ┆ staff_target=2 "),
        "{show}"
    );
    let broken = custom.replace("\"kind\": \"funding\"", "\"kind\": \"money\"");
    wd.write("broken.json", &broken);
    let err = wd.refused(&["rubric", "check", "broken.json"], 3);
    assert!(
        err.contains("unknown variant `money`, expected one of `annual_reports`"),
        "{err}"
    );
}

#[test]
fn gaps_for_an_open_period_and_a_past_one() {
    let wd = seeded();
    let out = wd.ok(&[
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--as-of",
        "2024-11-01",
        "--gaps",
    ]);
    let gaps = &out[out.find("\nGaps\n").expect("a gaps section")..];
    assert!(
        gaps.starts_with("\nGaps\n  record 1 more training session: +5.00 → 40.50 (fail)\n"),
        "{gaps}"
    );
    assert!(
        gaps.contains("  submit the 2024Q3 quarterly case report: +1.67 → 77.17 (pass)\n"),
        "{gaps}"
    );
    let past = wd.ok(&["score", "--station", "CQ-YZ-001", "--period", "2024", "--gaps"]);
    assert!(past.contains("\n  1.2 Quarterly dispute information and typical cases: -6.25 — 1 on time, 1 late (2024Q2), 2 missing (2024Q3, 2024Q4)\n"), "{past}");
}

#[test]
fn gaps_name_one_action_once_with_its_count() {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-NEW-001",
        "--name",
        "新站",
        "--on",
        "2024-01-05",
    ]);
    let out = wd.ok(&[
        "score",
        "--station",
        "CQ-NEW-001",
        "--period",
        "2024",
        "--as-of",
        "2024-06-01",
        "--gaps",
    ]);
    let gaps = &out[out.find("\nGaps\n").expect("a gaps section")..];
    assert_eq!(gaps.matches("training").count(), 1, "{gaps}");
    assert!(
        gaps.contains("\n  record 2 more training sessions: +10.00 → "),
        "{gaps}"
    );
    let zh = wd.ok(&[
        "--lang",
        "zh",
        "score",
        "--station",
        "CQ-NEW-001",
        "--period",
        "2024",
        "--as-of",
        "2024-06-01",
        "--gaps",
    ]);
    assert!(
        zh.contains("\n  再开展 2 次培训：+10.00 → ") || zh.contains("\n  再开展 2 次培训: +10.00 → "),
        "{zh}"
    );
}

#[test]
fn a_changed_rubric_may_not_keep_the_built_in_id() {
    let wd = seeded();
    let json = wd.ok(&["rubric", "export"]);
    wd.write("same.json", &json);
    assert_eq!(
        wd.run(&["rubric", "check", "same.json"]).stderr,
        "same.json: rubric `cq-2022` is valid\nits lowest grade, `fail`, fails a biennial assessment: with --confirm-revoke it revokes the station\n"
    );
    wd.write(
        "changed.json",
        json.replace("\"accept_days\": 3", "\"accept_days\": 300"),
    );
    let err = wd.refused(&["rubric", "use", "changed.json"], 3);
    assert_eq!(
        err,
        "error: rubric file changed.json: the id `cq-2022` belongs to the built-in rubric but this rubric differs from it: give it an id of its own\n"
    );
    wd.refused(
        &[
            "--rubric",
            "changed.json",
            "score",
            "--station",
            "CQ-YZ-001",
            "--period",
            "2024",
        ],
        3,
    );
}

#[test]
fn a_missing_rubric_file_is_an_io_failure() {
    let wd = seeded();
    let err = wd.refused(&["rubric", "check", "nowhere.json"], 1);
    assert!(
        err.starts_with("error: cannot read the rubric file nowhere.json: "),
        "{err}"
    );
}

#[test]
fn a_rubric_with_an_absurd_day_count_is_refused() {
    let wd = seeded();
    let json = wd
        .ok(&["rubric", "export"])
        .replace("\"id\": \"cq-2022\"", "\"id\": \"slow\"");
    wd.write(
        "slow.json",
        json.replace("\"quarter_due_days\": 15", "\"quarter_due_days\": 200000000"),
    );
    let err = wd.refused(&["rubric", "use", "slow.json"], 3);
    assert_eq!(
        err,
        "error: rubric file slow.json: item 1.2: quarter_due_days 200000000 is more than 3660 days\n"
    );
    wd.write(
        "limits.json",
        json.replace("\"accept_days\": 3", "\"accept_days\": 4000"),
    );
    let err = wd.refused(&["rubric", "check", "limits.json"], 3);
    assert_eq!(
        err,
        "error: rubric file limits.json: limits: accept_days 4000 is more than 3660 days\n"
    );
}

#[test]
fn chinese_evidence_names_case_kinds_in_chinese() {
    let wd = seeded();
    let out = wd.ok(&[
        "--lang",
        "zh",
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "csv",
    ]);
    assert!(
        out.contains("P1,penalty,5.00,5.00,1 件指导案件超期且无正当理由（C-2）"),
        "{out}"
    );
}

#[test]
fn award_add_and_import_awards_accept_the_bonus_items_of_the_rubric_in_force() {
    let wd = seeded();
    let text = wd.ok(&["rubric", "export"]);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["id"] = "b5".into();
    v["bonus"]["items"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "B5", "name_zh": "其他", "name_en": "Other", "max": 1}));
    wd.write("b5.json", v.to_string());
    wd.ok(&["rubric", "use", "b5.json"]);
    let add = |item: &str, on: &str| {
        wd.run(&[
            "award",
            "add",
            "--station",
            "CQ-YZ-001",
            "--item",
            item,
            "--points",
            "1",
            "--on",
            on,
            "--reason",
            "典型案例",
        ])
    };
    assert_eq!(add("B5", "2024-06-01").code, 0);
    wd.write(
        "ok.csv",
        "station,item,points,date,reason\nCQ-YZ-001,B5,1,2024-06-02,典型案例\n",
    );
    let out = wd.run(&["import", "awards", "ok.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // B9 is in neither: both refuse it, listing the same items, B5 among them.
    let refused = add("B9", "2024-06-03");
    assert_eq!(
        (refused.code, refused.stderr.as_str()),
        (
            3,
            "error: `B9` is not a bonus item of the rubric in force: use B1, B2, B3, B4 or B5 (see `ipguard rubric show`)\n"
        )
    );
    wd.write(
        "bad.csv",
        "station,item,points,date,reason\nCQ-YZ-001,B9,1,2024-06-03,典型案例\n",
    );
    let err = wd.refused(&["import", "awards", "bad.csv"], 3);
    assert!(
        err.contains("bad.csv:2:item: `B9` is not a bonus item of the rubric in force: use one of B1, B2, B3, B4, B5\n"),
        "{err}"
    );
    let listed = wd.ok(&["award", "list", "--format", "csv"]);
    assert_eq!(listed.matches("B5").count(), 2, "{listed}");
    assert!(!listed.contains("B9"), "{listed}");
}
