//! `export --dir` and `import --dir` carry every record (issue 14, "CSV without loss"): the
//! station history and conditions, case events, assessments with their scorecards and reason
//! decisions, as the kinds of docs/csv.md "Every record"; and each new kind's refusals.

use crate::workdir::Workdir;
use ipguard::store::dump::{Cell, Dump};

/// The demo store, with one record of each kind the demo does not write: a station taken
/// through its conditions and a lifecycle step, an assessment, a second follow-up and a note,
/// a decided overdue reason with its date and note.
fn demo_with_everything() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    for args in [
        &[
            "station",
            "add",
            "CQ-NEW-009",
            "--name",
            "新站",
            "--on",
            "2024-01-05",
        ][..],
        &["station", "conditions", "CQ-NEW-009", "--met", "1,2,3,4,5"],
        &[
            "station",
            "advance",
            "CQ-NEW-009",
            "--to",
            "recommended",
            "--on",
            "2024-02-01",
            "--note",
            "区局推荐",
        ],
        &[
            "station",
            "assess",
            "CQ-YZ-001",
            "--kind",
            "biennial",
            "--on",
            "2025-02-01",
        ],
        &[
            "case",
            "follow-up",
            "CQ-LJ-002-2024-0025",
            "--on",
            "2024-04-01",
            "--note",
            "二次回访",
        ],
        &[
            "case",
            "note",
            "CQ-LJ-002-2024-0025",
            "--kind",
            "note",
            "--on",
            "2024-04-02",
            "--text",
            "备注, 含逗号",
        ],
        &["case", "reason", "CQ-LJ-002-2024-0025", "--text", "企业材料迟交"],
        &[
            "case",
            "reason",
            "CQ-LJ-002-2024-0025",
            "--accept",
            "--on",
            "2025-01-10",
            "--note",
            "情况属实",
        ],
    ] {
        wd.ok(args);
    }
    wd
}

/// Every file of `dir`, by name, with its bytes.
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read file"),
            )
        })
        .collect();
    out.sort();
    out
}

/// The store's records: every table but the audit log (an import writes its own entries),
/// without the row numbers no CSV carries (an integer `id`; a case's id is text and stays),
/// rows sorted.
fn records(wd: &Workdir) -> Dump {
    let mut dump = wd.store_dump();
    dump.tables.retain(|t| t.name != "audit_log");
    for t in &mut dump.tables {
        if let Some(i) = t.columns.iter().position(|c| c == "id") {
            if t.rows.iter().all(|r| matches!(r[i], Cell::Integer(_))) {
                t.columns.remove(i);
                for r in &mut t.rows {
                    r.remove(i);
                }
            }
        }
        t.rows.sort_by_key(|r| format!("{r:?}"));
    }
    dump
}

#[test]
fn the_demo_store_travels_whole_through_export_dir_and_import_dir() {
    let a = demo_with_everything();
    a.ok(&["export", "--dir", "out"]);
    let first = files(&a.path().join("out"));
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "activities.csv",
            "assessments.csv",
            "awards.csv",
            "case_events.csv",
            "cases.csv",
            "complaints.csv",
            "experts.csv",
            "funding.csv",
            "reason_decisions.csv",
            "reports.csv",
            "staff.csv",
            "station_conditions.csv",
            "station_history.csv",
            "stations.csv",
        ]
    );
    let text =
        |name: &str| String::from_utf8(first.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap();
    assert_eq!(
        text("station_history.csv"),
        "station,status,date,note\n\
CQ-LJ-002,accepted,2023-12-20,imported\n\
CQ-NEW-009,applied,2024-01-05,\n\
CQ-NEW-009,recommended,2024-02-01,区局推荐\n\
CQ-YC-003,accepted,2023-12-20,imported\n\
CQ-YZ-001,accepted,2023-12-20,imported\n"
    );
    assert_eq!(
        text("station_conditions.csv"),
        "station,cond1,cond2,cond3,cond4,cond5\n\
CQ-LJ-002,no,no,no,no,no\n\
CQ-NEW-009,yes,yes,yes,yes,yes\n\
CQ-YC-003,no,no,no,no,no\n\
CQ-YZ-001,no,no,no,no,no\n"
    );
    let events = text("case_events.csv");
    assert!(
        events.starts_with("case,kind,date,title,note\n")
            && events.contains(
                "CQ-LJ-002-2024-0025,followup,2024-04-01,,二次回访\n\
CQ-LJ-002-2024-0025,note,2024-04-02,,\"备注, 含逗号\"\n"
            )
            && events.lines().count() == 12,
        "{events}"
    );
    let decisions = text("reason_decisions.csv");
    assert!(
        decisions.starts_with("case,accepted,decided_on,note\nCQ-LJ-002-2024-0025,yes,2025-01-10,情况属实\n"),
        "{decisions}"
    );
    let assessments = text("assessments.csv");
    assert!(
        assessments.starts_with(
            "station,kind,period,date,total,grade,rubric,scorecard\n\
CQ-YZ-001,biennial,2023-2024,2025-02-01,79.88,pass,cq-2022,\"{\"\"schema_version\"\":1,"
        ),
        "{assessments}"
    );

    // Into an empty store, then out again: the same bytes, the same records.
    let b = Workdir::new();
    std::fs::rename(a.path().join("out"), b.path().join("in")).unwrap();
    let summary = b.run(&["import", "--dir", "in"]).stderr;
    assert_eq!(
        summary,
        "in/stations.csv: 4 added, 0 updated, 0 unchanged\n\
in/staff.csv: 8 added, 0 updated, 0 unchanged\n\
in/experts.csv: 14 added, 0 updated, 0 unchanged\n\
in/funding.csv: 2 added, 0 updated, 0 unchanged\n\
in/cases.csv: 63 added, 0 updated, 0 unchanged\n\
in/activities.csv: 27 added, 0 updated, 0 unchanged\n\
in/reports.csv: 15 added, 0 updated, 0 unchanged\n\
in/awards.csv: 3 added, 0 updated, 0 unchanged\n\
in/complaints.csv: 2 added, 0 updated, 0 unchanged\n\
in/station_history.csv: 5 added, 0 updated, 0 unchanged\n\
in/station_conditions.csv: 0 added, 1 updated, 3 unchanged\n\
in/case_events.csv: 11 added, 0 updated, 0 unchanged\n\
in/assessments.csv: 1 added, 0 updated, 0 unchanged\n\
in/reason_decisions.csv: 0 added, 1 updated, 7 unchanged\n"
    );
    b.ok(&["export", "--dir", "out"]);
    assert!(
        first == files(&b.path().join("out")),
        "export → import → export differs"
    );
    assert_eq!(records(&a), records(&b));
    // The stored scorecard is the same text, byte for byte.
    let card = "SELECT scorecard FROM assessments";
    assert_eq!(a.query(card), b.query(card));
    // Each file that changed something has its import audit entry, as every import does.
    assert_eq!(
        b.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
        "14"
    );
    assert_eq!(
        b.query("SELECT entity_key FROM audit_log WHERE entity = 'import' ORDER BY seq DESC LIMIT 1"),
        "in/reason_decisions.csv"
    );
    b.ok(&["audit", "verify"]);

    // The same export again adds nothing.
    let before = b.dump();
    let again = b.run(&["import", "--dir", "in", "--again"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.lines().all(|l| l.contains(": 0 added, 0 updated, ")),
        "{}",
        again.stderr
    );
    assert_eq!(
        before,
        b.dump(),
        "importing the same export twice changed the store"
    );
}

#[test]
fn export_dir_refuses_to_replace_files_without_force() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    std::fs::create_dir(wd.path().join("out")).unwrap();
    wd.write("out/cases.csv", "keep me");
    let err = wd.fails(&["export", "--dir", "out"], 3);
    assert!(err.contains("out/cases.csv") && err.contains("--force"), "{err}");
    assert_eq!(
        files(&wd.path().join("out")).len(),
        1,
        "a refused export wrote files"
    );
    assert_eq!(
        std::fs::read_to_string(wd.path().join("out/cases.csv")).unwrap(),
        "keep me"
    );
    wd.ok(&["export", "--dir", "out", "--force"]);
    assert_eq!(files(&wd.path().join("out")).len(), 14);
    assert!(wd
        .fails(&["export", "cases", "--dir", "out"], 2)
        .contains("--dir"));
    wd.write("a-file", "");
    assert_eq!(
        wd.fails(&["export", "--dir", "a-file"], 1),
        "error: cannot write into a-file: it is not a directory\n"
    );
}

/// Runs a refused command (exit 3) whose stderr lists several rows, and asserts that it left
/// the store exactly as it was; returns stderr.
fn refused(wd: &Workdir, args: &[&str]) -> String {
    let before = wd.dump();
    let err = wd.fails(args, 3);
    assert_eq!(
        before,
        wd.dump(),
        "ipguard {args:?} changed the store although refused"
    );
    err
}

/// A store with the demo data and an assessment: what the refusals are checked against.
fn loaded() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    wd.ok(&[
        "station",
        "assess",
        "CQ-YZ-001",
        "--kind",
        "biennial",
        "--on",
        "2025-02-01",
    ]);
    wd
}

#[test]
fn station_history_refuses_a_bad_date_and_an_unknown_station() {
    let wd = loaded();
    wd.write(
        "h.csv",
        "station,status,date,note\nCQ-YZ-001,accepted,2024-02-30,\nCQ-XX-404,accepted,2024-02-01,\n",
    );
    let err = refused(&wd, &["import", "station_history", "h.csv"]);
    assert_eq!(
        err,
        "h.csv:2:date: `2024-02-30` is not a real calendar date (use YYYY-MM-DD)\n\
h.csv:3:station: station `CQ-XX-404` does not exist (neither in the database nor in the stations imported)\n"
    );
}

#[test]
fn station_conditions_refuse_an_unknown_station_and_a_bad_value() {
    let wd = loaded();
    wd.write(
        "c.csv",
        "station,cond1,cond2,cond3,cond4,cond5\nCQ-XX-404,yes,yes,yes,yes,yes\nCQ-YZ-001,yes,maybe,yes,yes,yes\n",
    );
    let err = refused(&wd, &["import", "station_conditions", "c.csv"]);
    assert_eq!(
        err,
        "c.csv:2:station: station `CQ-XX-404` does not exist (neither in the database nor in the stations imported)\n\
c.csv:3:cond2: `maybe` is not a yes/no value: use one of yes (是), no (否)\n"
    );
    // A good file sets the conditions of the station named, and only those.
    wd.write(
        "ok.csv",
        "station,cond1,cond2,cond3,cond4,cond5\nCQ-YZ-001,yes,是,no,yes,yes\n",
    );
    wd.ok(&["import", "station_conditions", "ok.csv"]);
    assert_eq!(
        wd.query(
            "SELECT code || '|' || cond1 || cond2 || cond3 || cond4 || cond5 || '|' || name FROM stations WHERE code = 'CQ-YZ-001'"
        ),
        "CQ-YZ-001|11011|渝中区海外知识产权纠纷应对指导工作站"
    );
}

#[test]
fn case_events_refuse_an_unknown_case_a_bad_date_and_a_contradicted_timeline() {
    let wd = loaded();
    wd.write(
        "e.csv",
        "case,kind,date,title,note\n\
CQ-XX-2024-0001,note,2024-05-01,,备注\n\
CQ-LJ-002-2024-0025,note,2024-13-01,,备注\n\
CQ-LJ-002-2024-0025,followup,2023-12-01,,早\n",
    );
    let err = refused(&wd, &["import", "case_events", "e.csv"]);
    assert_eq!(
        err,
        "e.csv:2:case: case `CQ-XX-2024-0001` does not exist (neither in the database nor in the cases imported)\n\
e.csv:3:date: `2024-13-01` is not a real calendar date (use YYYY-MM-DD)\n\
e.csv:4:date: closed_on 2024-01-17 is after the follow-up recorded on 2023-12-01: a case is followed up after it is closed\n\
e.csv:4:date: followup_on 2024-02-25 is after the follow-up recorded on 2023-12-01: it is the date of the first follow-up\n\
e.csv:4:date: received_on 2024-01-01 is after the followup recorded on 2023-12-01: a case's timeline starts when it is received\n"
    );
    wd.write(
        "one.csv",
        "case,kind,date,title,note\nCQ-XX-2024-0001,note,2024-05-01,,备注\n",
    );
    let zh = wd.refused(&["--lang", "zh", "import", "case_events", "one.csv"], 3);
    assert_eq!(
        zh,
        "one.csv:2:case: 案件 `CQ-XX-2024-0001` 不存在（数据库和本次导入的案件中都没有）\n"
    );
    // An entry as `case note` would refuse it.
    wd.write(
        "kinds.csv",
        "case,kind,date,title,note\n\
CQ-YZ-001-2024-0005,risk_notice,2024-03-23,,提示\n\
CQ-YZ-001-2024-0004,plan,2024-02-19,标题,方案\n\
CQ-YZ-001-2024-0004,plan,2024-02-20,,\n",
    );
    assert_eq!(
        refused(&wd, &["import", "case_events", "kinds.csv"]),
        "kinds.csv:2:title: a risk_notice is a published notice: give its title\n\
kinds.csv:3:title: title is for a risk_notice; a plan has a note only\n\
kinds.csv:4:note: a plan needs its note\n"
    );
    // A good entry is added once; the same file again (with --again) adds nothing.
    wd.write(
        "good.csv",
        "案件编号,类型,日期,标题,说明\nCQ-LJ-002-2024-0025,备注,2024-04-02,,补充\n",
    );
    assert_eq!(
        wd.run(&["import", "case_events", "good.csv"]).stderr,
        "good.csv: 1 added, 0 updated, 0 unchanged\n"
    );
    assert_eq!(
        wd.run(&["import", "case_events", "good.csv", "--again"]).stderr,
        "good.csv: 0 added, 0 updated, 1 unchanged\n"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM case_events WHERE note = '补充'"),
        "1"
    );
}

#[test]
fn assessments_refuse_a_bad_date_a_bad_grade_and_a_changed_result() {
    let wd = loaded();
    let stored = wd.ok(&["export", "assessments"]);
    let row = stored.lines().nth(1).unwrap();
    let changed = row.replacen(",79.88,", ",80.00,", 1);
    let bad_date = row.replacen(
        "CQ-YZ-001,biennial,2023-2024,2025-02-01",
        "CQ-LJ-002,biennial,2023-2024,2025-02-30",
        1,
    );
    wd.write(
        "a.csv",
        format!(
            "station,kind,period,date,total,grade,rubric,scorecard\n{changed}\n{bad_date}\n\
CQ-YC-003,acceptance,2023,2024-01-01,80,great,cq-2022,[1]\n\
CQ-XX-404,acceptance,2023,2024-01-01,80,pass,cq-2022,{{}}\n"
        ),
    );
    let err = refused(&wd, &["import", "assessments", "a.csv"]);
    assert_eq!(
        err,
        "a.csv:2:station: station CQ-YZ-001 has a biennial assessment of 2023-2024 stored with other results (2025-02-01, 79.88, pass): an import never changes an official result\n\
a.csv:3:date: `2025-02-30` is not a real calendar date (use YYYY-MM-DD)\n\
a.csv:4:grade: `great` is not a grade: use one of excellent, pass, fail\n\
a.csv:4:scorecard: the scorecard is not the JSON of a scorecard: it is not a JSON object\n\
a.csv:5:station: station `CQ-XX-404` does not exist (neither in the database nor in the stations imported)\n"
    );
    // The stored one itself is unchanged.
    wd.write("same.csv", &stored);
    assert_eq!(
        wd.run(&["import", "assessments", "same.csv"]).stderr,
        "same.csv: 0 added, 0 updated, 1 unchanged\n"
    );
}

#[test]
fn reason_decisions_refuse_an_unknown_case_and_a_case_without_a_reason() {
    let wd = loaded();
    wd.write(
        "r.csv",
        "case,accepted,decided_on,note\n\
CQ-XX-2024-0001,yes,2025-01-01,\n\
CQ-LJ-002-2024-0026,yes,2025-01-01,\n\
CQ-YC-003-2024-0049,yes,2025-04-01,\n",
    );
    let err = refused(&wd, &["import", "reason_decisions", "r.csv"]);
    assert_eq!(
        err,
        "r.csv:2:case: case `CQ-XX-2024-0001` does not exist (neither in the database nor in the cases imported)\n\
r.csv:3:accepted: case CQ-LJ-002-2024-0026 has no overdue reason: a decision is on the reason the station gave (`ipguard case reason CQ-LJ-002-2024-0026 --text REASON` first)\n\
r.csv:4:decided_on: decided_on 2025-04-01 is in the future (today is 2025-03-01): record things once they happened\n"
    );
    wd.write(
        "ok.csv",
        "case,accepted,decided_on,note\nCQ-YC-003-2024-0049,是,2025-01-01,已核实\n",
    );
    wd.ok(&["import", "reason_decisions", "ok.csv"]);
    assert_eq!(
        wd.query("SELECT reason_accepted || '|' || reason_decided_on || '|' || reason_note || '|' || overdue_reason FROM cases WHERE id = 'CQ-YC-003-2024-0049'"),
        "1|2025-01-01|已核实|境外诉讼程序周期较长"
    );
}

#[test]
fn the_new_kinds_keep_to_a_station_and_a_period() {
    let wd = demo_with_everything();
    assert_eq!(
        wd.ok(&["export", "case_events", "--station", "CQ-YC-003"]),
        "case,kind,date,title,note\n\
CQ-YC-003-2024-0049,special_plan,2024-01-05,,专项处理方案：组建专班，对接境外律师\n\
CQ-YC-003-2024-0050,risk_notice,2024-02-15,海外知识产权纠纷风险提示,提示同类企业提前布局\n\
CQ-YC-003-2024-0054,plan,2024-06-12,,一案一策应对方案\n"
    );
    assert_eq!(
        wd.ok(&[
            "export",
            "case_events",
            "--station",
            "CQ-LJ-002",
            "--period",
            "2024Q2"
        ]),
        "case,kind,date,title,note\n\
CQ-LJ-002-2024-0025,followup,2024-04-01,,二次回访\n\
CQ-LJ-002-2024-0025,note,2024-04-02,,\"备注, 含逗号\"\n"
    );
    assert_eq!(
        wd.ok(&["export", "station_history", "--station", "CQ-NEW-009"]),
        "station,status,date,note\nCQ-NEW-009,applied,2024-01-05,\nCQ-NEW-009,recommended,2024-02-01,区局推荐\n"
    );
    assert_eq!(
        wd.ok(&["export", "assessments", "--period", "2024"]),
        "station,kind,period,date,total,grade,rubric,scorecard\n"
    );
    assert_eq!(
        wd.ok(&[
            "export",
            "reason_decisions",
            "--station",
            "CQ-LJ-002",
            "--period",
            "2024Q1"
        ]),
        "case,accepted,decided_on,note\nCQ-LJ-002-2024-0025,yes,2025-01-10,情况属实\n"
    );
    // --dir with --station: that station's records of every kind.
    wd.ok(&["export", "--dir", "one", "--station", "CQ-NEW-009"]);
    let one = files(&wd.path().join("one"));
    let rows: usize = one
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).lines().count() - 1)
        .sum();
    // Its station row, its conditions and its two history steps.
    assert_eq!(rows, 4, "{one:?}");
}
