//! Cases: a whole staff day from a new station to a case followed up twice, every refusal,
//! and concurrent writers.

use crate::workdir::Workdir;

const ST: &str = "CQ-YZ-001";
const CASE: &str = "CQ-YZ-001-2024-0001";
const CREDIT: &str = "91500103MA5U7XKX25";

/// A station registered, its conditions met and advanced to established on 2024-04-01.
pub fn established(wd: &Workdir, code: &str) {
    wd.ok(&[
        "station",
        "add",
        code,
        "--name",
        "渝中区海外知识产权纠纷应对指导工作站",
        "--on",
        "2024-01-05",
    ]);
    wd.ok(&["station", "conditions", code, "--met", "1,2,3,4,5"]);
    for (to, on) in [
        ("recommended", "2024-02-01"),
        ("reviewed", "2024-03-01"),
        ("publicized", "2024-03-10"),
        ("established", "2024-04-01"),
    ] {
        wd.ok(&["station", "advance", code, "--to", to, "--on", on]);
    }
}

fn add_case(wd: &Workdir, received: &str) -> String {
    wd.ok(&[
        "case",
        "add",
        "--station",
        ST,
        "--enterprise",
        "重庆某某科技有限公司",
        "--received",
        received,
    ])
}

/// A staff day by commands: a new station established, a case added, accepted, planned, closed and followed up twice (out of order).
fn followed_up() -> Workdir {
    let wd = Workdir::new();
    established(&wd, ST);
    let id = wd.ok(&[
        "case",
        "add",
        "--station",
        ST,
        "--enterprise",
        "重庆某某科技有限公司",
        "--credit-code",
        &CREDIT.to_lowercase(),
        "--received",
        "2024/5/6",
        "--ip-type",
        "商标",
        "--country",
        "德国",
        "--dispute-type",
        "exhibition",
        "--warning",
        "yellow",
        "--summary",
        "展会侵权投诉",
        "--typical",
        "yes",
    ]);
    assert_eq!(id, format!("{CASE}\n"));
    let err = wd.fails(&["case", "accept", CASE, "--on", "2024-05-07"], 0);
    assert_eq!(err, format!("case {CASE} accepted on 2024-05-07\n"));
    wd.ok(&[
        "case",
        "note",
        CASE,
        "--kind",
        "plan",
        "--on",
        "2024-05-08",
        "--text",
        "一案一策",
    ]);
    wd.ok(&[
        "case",
        "close",
        CASE,
        "--on",
        "2024-06-07",
        "--outcome",
        "guided",
        "--effective",
        "yes",
    ]);
    wd.ok(&["case", "follow-up", CASE, "--on", "2024-08-07"]);
    // Recorded out of order: the earlier one becomes the first follow-up.
    wd.ok(&[
        "case",
        "follow-up",
        CASE,
        "--on",
        "2024-07-07",
        "--note",
        "企业满意",
    ]);
    wd
}

#[test]
fn a_followed_up_case_is_stored_with_its_events() {
    let wd = followed_up();
    assert_eq!(
        wd.query("SELECT id || '|' || credit_code || '|' || received_on || '|' || accepted_on || '|' || closed_on || '|' || outcome || '|' || effective || '|' || followup_on || '|' || ip_type || '|' || typical FROM cases"),
        format!("{CASE}|{CREDIT}|2024-05-06|2024-05-07|2024-06-07|guided|1|2024-07-07|trademark|1")
    );
    assert_eq!(
        wd.query("SELECT group_concat(kind || ' ' || on_date || ' ' || note, ';') FROM (SELECT * FROM case_events ORDER BY id)"),
        "plan 2024-05-08 一案一策;followup 2024-08-07 ;followup 2024-07-07 企业满意"
    );
}

#[test]
fn a_staff_day_writes_one_audit_entry_per_change() {
    let wd = followed_up();
    // One audit entry per change: station add, conditions, 4 advances (6); case add, accept,
    // note, close (10); each follow-up: its event and the first follow-up date (14).
    assert_eq!(wd.query("SELECT count(*) FROM audit_log"), "14");
}

#[test]
fn a_followed_up_case_is_listed() {
    let wd = followed_up();
    assert_eq!(
        wd.ok(&["case", "list", "--station", ST, "--period", "2024"]),
        "\
┌─────────────────────┬───────────┬──────────────────────┬────────────┬──────────┬─────────┬────────────┬────────────┬────────────┐
│ ID                  ┆ Station   ┆ Enterprise           ┆ Received   ┆ Kind     ┆ Warning ┆ Accepted   ┆ Closed     ┆ Follow-up  │
╞═════════════════════╪═══════════╪══════════════════════╪════════════╪══════════╪═════════╪════════════╪════════════╪════════════╡
│ CQ-YZ-001-2024-0001 ┆ CQ-YZ-001 ┆ 重庆某某科技有限公司 ┆ 2024-05-06 ┆ guidance ┆ yellow  ┆ 2024-05-07 ┆ 2024-06-07 ┆ 2024-07-07 │
└─────────────────────┴───────────┴──────────────────────┴────────────┴──────────┴─────────┴────────────┴────────────┴────────────┘
"
    );
    let zh = wd.ok(&["--lang", "zh", "case", "list"]);
    assert!(
        zh.contains(
            "│ 案件编号            ┆ 工作站    ┆ 企业名称             ┆ 收到日期   ┆ 类型 ┆ 预警等级 ┆"
        ),
        "{zh}"
    );
    assert!(zh.contains("┆ 指导 ┆ 黄       ┆"), "{zh}");
}

#[test]
fn a_followed_up_case_is_shown_with_its_timeline() {
    let wd = followed_up();
    let show = wd.ok(&["case", "show", CASE, "--style", "ascii"]);
    let timeline = show.split("Timeline\n").nth(1).expect("timeline");
    assert_eq!(
        timeline,
        "\
+------------+----------+------------------------+
| Date       | Event    | Note                   |
+============+==========+========================+
| 2024-05-06 | received | enterprise             |
| 2024-05-07 | accepted |                        |
| 2024-05-08 | plan     | 一案一策               |
| 2024-06-07 | closed   | guided; effective: yes |
| 2024-07-07 | followup | 企业满意               |
| 2024-08-07 | followup |                        |
+------------+----------+------------------------+
"
    );
}

#[test]
fn a_followed_up_case_is_shown_in_chinese() {
    let wd = followed_up();
    let zh = wd.ok(&["--lang", "zh", "case", "show", CASE]);
    for want in [
        "│ 统一社会信用代码 ┆ 91500103MA5U7XKX25",
        "│ 知识产权类型     ┆ 商标",
        "│ 典型案例         ┆ 是",
        "┆ 回访     ┆ 企业满意",
    ] {
        assert!(zh.contains(want), "{want} in {zh}");
    }
}

#[test]
fn a_followed_up_case_is_shown_as_json() {
    let wd = followed_up();
    let json: serde_json::Value =
        serde_json::from_str(&wd.ok(&["case", "show", CASE, "--format", "json"])).unwrap();
    assert_eq!(json["case"]["followup_on"], "2024-07-07");
    assert_eq!(json["case"]["effective"], true);
    let events: Vec<&str> = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["received", "accepted", "plan", "closed", "followup", "followup"]
    );
}

#[test]
fn a_followed_up_case_is_not_open() {
    let wd = followed_up();
    let list: serde_json::Value =
        serde_json::from_str(&wd.ok(&["case", "list", "--format", "json", "--open"])).unwrap();
    assert_eq!(list, serde_json::json!([]));
}

#[test]
fn generated_ids_count_per_station_and_year_of_receipt() {
    let wd = Workdir::new();
    established(&wd, ST);
    assert_eq!(add_case(&wd, "2024-12-31"), "CQ-YZ-001-2024-0001\n");
    wd.ok(&[
        "case",
        "add",
        "--station",
        ST,
        "--enterprise",
        "甲",
        "--received",
        "2024-12-01",
        "--id",
        "CQ-YZ-001-2024-0041",
    ]);
    wd.ok(&[
        "case",
        "add",
        "--station",
        ST,
        "--enterprise",
        "乙",
        "--received",
        "2024-12-01",
        "--id",
        "CQ-YZ-001-2024-9x",
    ]);
    assert_eq!(add_case(&wd, "2024-06-01"), "CQ-YZ-001-2024-0042\n");
    assert_eq!(add_case(&wd, "2025-01-02"), "CQ-YZ-001-2025-0001\n");
    let t = wd.ok(&[
        "case",
        "transfer",
        "--station",
        ST,
        "--enterprise",
        "丙",
        "--received",
        "2025-02-03",
    ]);
    assert_eq!(t, "CQ-YZ-001-2025-0002\n");
    assert_eq!(
        wd.query("SELECT source FROM cases WHERE id = 'CQ-YZ-001-2025-0002'"),
        "city_transfer"
    );
    let open = wd.ok(&["case", "list", "--open", "--period", "2025", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&open).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["CQ-YZ-001-2025-0001", "CQ-YZ-001-2025-0002"]);
}

#[test]
fn refusals_leave_the_database_unchanged() {
    let wd = Workdir::new();
    established(&wd, ST);
    add_case(&wd, "2024-05-06");
    let base = ["case", "add", "--station", ST, "--enterprise", "某公司"];
    let with =
        |extra: &[&'static str]| -> Vec<&str> { base.iter().copied().chain(extra.iter().copied()).collect() };
    let cases: Vec<(Vec<&str>, i32, String)> = vec![
        (with(&["--received", "2024-02-30"]), 2, "error: invalid value '2024-02-30' for '--received <DATE>': `2024-02-30` is not a real calendar date (use YYYY-MM-DD) (see --help)".into()),
        (with(&["--received", "2025-03-02"]), 3, "error: the received date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened".into()),
        (vec!["case", "add", "--station", "CQ-XX-999", "--enterprise", "某公司"], 3, "error: station `CQ-XX-999` does not exist (see `ipguard station list`)".into()),
        (with(&["--credit-code", "91500103MA5U7XKX26"]), 3, "error: credit code `91500103MA5U7XKX26` fails its GB 32100-2015 check: the 18th character should be `5`".into()),
        (with(&["--warning", "purple"]), 2, "error: invalid value 'purple' for '--warning <red|yellow|blue>': `purple` is not a warning level: use one of red (红), yellow (黄), blue (蓝) (see --help)".into()),
        (with(&["--id", CASE]), 3, format!("error: case `{CASE}` already exists")),
        (with(&["--id", "bad id"]), 2, "error: invalid value 'bad id' for '--id <ID>': case id `bad id` is not valid: use 1-40 letters, digits, `-` or `_` (see --help)".into()),
        (vec!["case", "accept", CASE, "--on", "2024-05-05"], 3, format!("error: case {CASE}: accepted_on 2024-05-05 is before received_on 2024-05-06")),
        (vec!["case", "accept", CASE, "--on", "2025-03-02"], 3, "error: the acceptance date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened".into()),
        (vec!["case", "accept", "NOPE-1", "--on", "2024-05-07"], 3, "error: case `NOPE-1` does not exist (see `ipguard case list`)".into()),
        (vec!["case", "close", CASE, "--on", "2024-05-07", "--outcome", "guided", "--effective", "yes"], 3, format!("error: case {CASE} has not been accepted: record `ipguard case accept {CASE} --on DATE` before closing it")),
        (vec!["case", "follow-up", CASE, "--on", "2024-05-07"], 3, format!("error: case {CASE} is not closed: a case is followed up after it is closed (`ipguard case close {CASE} …`)")),
        (vec!["case", "note", CASE, "--kind", "risk_notice", "--on", "2024-05-07", "--title", "x"], 3, format!("error: case {CASE} has warning level none: a special_plan is for red cases, a plan for yellow ones, a risk_notice for blue ones (seed 003 §9)")),
        (vec!["case", "note", CASE, "--kind", "followup", "--on", "2024-05-07", "--text", "x"], 2, "error: record follow-ups with `ipguard case follow-up ID --on DATE`; --kind takes special_plan, plan, risk_notice or note".into()),
        (vec!["case", "note", CASE, "--kind", "note", "--on", "2024-05-01", "--text", "x"], 3, format!("error: case {CASE}: the note dated 2024-05-01 is before received_on 2024-05-06")),
        (vec!["case", "reason", CASE, "--text", " "], 2, "error: --text must not be empty".into()),
        (vec!["case", "list", "--format", "markdown"], 2, "error: this command does not print --format markdown: use table, json or csv".into()),
    ];
    for (args, code, want) in cases {
        let err = wd.refused(&args, code);
        assert_eq!(err.trim_end(), want, "{args:?}");
    }
    wd.ok(&["case", "accept", CASE, "--on", "2024-05-07"]);
    let err = wd.refused(&["case", "accept", CASE, "--on", "2024-05-08"], 3);
    assert_eq!(
        err,
        format!("error: case {CASE} was already accepted on 2024-05-07\n")
    );
    let err = wd.refused(
        &[
            "case",
            "close",
            CASE,
            "--on",
            "2024-05-06",
            "--outcome",
            "guided",
            "--effective",
            "no",
        ],
        3,
    );
    assert_eq!(
        err,
        format!("error: case {CASE}: closed_on 2024-05-06 is before accepted_on 2024-05-07\n")
    );
    wd.ok(&[
        "case",
        "close",
        CASE,
        "--on",
        "2024-06-01",
        "--outcome",
        "resolved",
        "--effective",
        "no",
    ]);
    let err = wd.refused(&["case", "follow-up", CASE, "--on", "2024-05-31"], 3);
    assert_eq!(
        err,
        format!("error: case {CASE}: followup_on 2024-05-31 is before closed_on 2024-06-01\n")
    );
    wd.ok(&["case", "follow-up", CASE, "--on", "2024-07-01"]);
    let err = wd.refused(&["case", "follow-up", CASE, "--on", "2024-07-01"], 3);
    assert_eq!(
        err,
        format!("error: this follow-up of case {CASE} on 2024-07-01 is already recorded\n")
    );
    wd.ok(&["case", "reason", CASE, "--text", "企业补充材料延迟"]);
    assert_eq!(wd.query("SELECT overdue_reason FROM cases"), "企业补充材料延迟");
}

#[test]
fn revoked_station_takes_no_cases() {
    let wd = Workdir::new();
    established(&wd, ST);
    wd.ok(&["station", "advance", ST, "--to", "revoked", "--on", "2025-01-10"]);
    let err = wd.refused(&["case", "add", "--station", ST, "--enterprise", "某公司"], 3);
    assert_eq!(
        err,
        "error: station CQ-YZ-001 is revoked (since 2025-01-10) and takes no new cases\n"
    );
    let err = wd.refused(
        &["case", "transfer", "--station", ST, "--enterprise", "某公司"],
        3,
    );
    assert_eq!(
        err,
        "error: station CQ-YZ-001 is revoked (since 2025-01-10) and takes no new cases\n"
    );
}

#[test]
fn two_processes_adding_cases_to_one_new_database() {
    use std::sync::{Arc, Barrier};
    let wd = Arc::new(Workdir::new());
    let barrier = Arc::new(Barrier::new(2));
    let threads: Vec<_> = ["S-A", "S-B"]
        .into_iter()
        .map(|own| {
            let (wd, barrier) = (Arc::clone(&wd), Arc::clone(&barrier));
            std::thread::spawn(move || {
                // Both open the new file at once (creating its schema), then both write cases
                // to both stations, so generated ids race too.
                let o = wd.run(&["station", "add", own, "--name", own, "--on", "2024-01-02"]);
                assert_eq!(o.code, 0, "{}", o.stderr);
                barrier.wait();
                for i in 0..200 {
                    let st = if i % 2 == 0 { "S-A" } else { "S-B" };
                    let o = wd.run(&[
                        "case",
                        "add",
                        "--station",
                        st,
                        "--enterprise",
                        own,
                        "--received",
                        "2024-06-01",
                    ]);
                    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "case {i} from {own}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer thread");
    }
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "400");
    assert_eq!(wd.query("SELECT count(DISTINCT id) FROM cases"), "400");
    assert_eq!(
        wd.query("SELECT max(id) FROM cases WHERE station = 'S-A'"),
        "S-A-2024-0200"
    );
    assert_eq!(
        wd.query("SELECT max(id) FROM cases WHERE station = 'S-B'"),
        "S-B-2024-0200"
    );
    assert_eq!(wd.query("SELECT count(*) FROM audit_log"), "402");
}

#[test]
fn a_case_can_be_made_typical_and_completed_later() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    let id = wd.ok(&[
        "case",
        "add",
        "--station",
        "S1",
        "--enterprise",
        "重庆甲公司",
        "--received",
        "2024-06-01",
    ]);
    let id = id.trim();
    let before = wd.dump();
    let err = wd.refused(&["case", "set", id], 2);
    assert_eq!(
        err,
        "error: give at least one fact to set: --typical, --summary, --enterprise, --credit-code, --kind, --ip-type, --country, --dispute-type or --warning\n"
    );
    let err = wd.refused(&["case", "set", id, "--credit-code", "91350100M000100Y44"], 3);
    assert_eq!(
        err,
        "error: credit code `91350100M000100Y44` fails its GB 32100-2015 check: the 18th character should be `3`\n"
    );
    let err = wd.refused(&["case", "set", "NOPE", "--typical", "yes"], 3);
    assert!(err.starts_with("error: case `NOPE` does not exist"), "{err}");
    assert_eq!(before, wd.dump());
    wd.ok(&[
        "case",
        "set",
        id,
        "--typical",
        "是",
        "--summary",
        "德国展会专利侵权指控",
        "--ip-type",
        "patent",
        "--warning",
        "yellow",
    ]);
    assert_eq!(
        wd.query(&format!("SELECT typical || '|' || summary || '|' || ip_type || '|' || warning_level || '|' || kind FROM cases WHERE id = '{id}'")),
        "1|德国展会专利侵权指控|patent|yellow|guidance"
    );
    wd.ok(&[
        "case",
        "set",
        id,
        "--enterprise",
        "重庆乙公司",
        "--credit-code",
        "91350100m000100y43",
        "--country",
        "德国",
        "--dispute-type",
        "exhibition",
        "--kind",
        "consultation",
    ]);
    assert_eq!(
        wd.query(&format!("SELECT enterprise || '|' || credit_code || '|' || country || '|' || dispute_type || '|' || kind || '|' || typical FROM cases WHERE id = '{id}'")),
        "重庆乙公司|91350100M000100Y43|DE|exhibition|consultation|1"
    );
    assert_eq!(
        wd.query("SELECT command || ' ' || entity FROM audit_log ORDER BY seq DESC LIMIT 1"),
        "case set case"
    );
}
