//! A spreadsheet of new cases: rows without id get generated ids, listed in the summary and
//! written by `--ids-out`; the same file's bytes imported twice is refused without `--again`.

use crate::workdir::Workdir;

const STATIONS: &str = "code,name\nCQ-YZ-001,渝中区工作站\nCQ-JB-001,江北区工作站\n";

/// Two stations, and a CRLF file of new cases without an id column (a blank line in it).
fn setup() -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.write(
        "new.csv",
        "station,enterprise,received_on\r\n\
         CQ-YZ-001,重庆甲公司,2024-03-05\r\n\
         \r\n\
         CQ-JB-001,重庆乙公司,2024-04-05\r\n\
         CQ-YZ-001,重庆丙公司,2024-06-01\r\n\
         CQ-YZ-001,重庆丁公司,2025-01-02\r\n",
    );
    wd
}

fn ids(wd: &Workdir) -> String {
    wd.query("SELECT group_concat(id || '=' || enterprise, ' ') FROM (SELECT id, enterprise FROM cases ORDER BY id)")
}

#[test]
fn rows_without_id_get_the_next_ids_of_their_station_and_year_in_file_order() {
    let wd = setup();
    let o = wd.run(&["import", "cases", "new.csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "new.csv: 4 added, 0 updated, 0 unchanged\n\
         new.csv:2: got the id CQ-YZ-001-2024-0001\n\
         new.csv:4: got the id CQ-JB-001-2024-0001\n\
         new.csv:5: got the id CQ-YZ-001-2024-0002\n\
         new.csv:6: got the id CQ-YZ-001-2025-0001\n"
    );
    assert_eq!(o.stdout, "");
    assert_eq!(
        ids(&wd),
        "CQ-JB-001-2024-0001=重庆乙公司 CQ-YZ-001-2024-0001=重庆甲公司 CQ-YZ-001-2024-0002=重庆丙公司 CQ-YZ-001-2025-0001=重庆丁公司"
    );
    // The audit entry lists the generated ids as the keys added.
    let keys = wd.query("SELECT json_extract(after_json, '$.keys') FROM audit_log WHERE entity = 'import' AND entity_key = 'new.csv'");
    assert_eq!(
        keys,
        r#"["CQ-YZ-001-2024-0001","CQ-JB-001-2024-0001","CQ-YZ-001-2024-0002","CQ-YZ-001-2025-0001"]"#
    );
    // `case add` goes on from there.
    wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-YZ-001",
        "--enterprise",
        "戊",
        "--received",
        "2024-07-01",
    ]);
    assert_eq!(
        wd.query("SELECT max(id) FROM cases WHERE id LIKE 'CQ-YZ-001-2024-%'"),
        "CQ-YZ-001-2024-0003"
    );
}

#[test]
fn mixed_rows_keep_their_ids_and_the_others_skip_every_id_taken() {
    let wd = setup();
    wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-YZ-001",
        "--enterprise",
        "甲",
        "--received",
        "2024-01-02",
    ]);
    // An empty id cell is the same as no id column; a stored id is updated; an id named
    // earlier in the file (still waiting in its batch) is not given again.
    wd.write(
        "mixed.csv",
        "id,station,enterprise,received_on\n\
         CQ-YZ-001-2024-0001,CQ-YZ-001,甲（改名）,2024-01-02\n\
         CQ-YZ-001-2024-0003,CQ-YZ-001,手编号,2024-02-01\n\
         ,CQ-YZ-001,新一,2024-02-02\n\
         ,CQ-YZ-001,新二,2024-02-03\n",
    );
    let o = wd.run(&["import", "cases", "mixed.csv"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "mixed.csv: 3 added, 1 updated, 0 unchanged\n\
             mixed.csv:4: got the id CQ-YZ-001-2024-0002\n\
             mixed.csv:5: got the id CQ-YZ-001-2024-0004\n"
        )
    );
    assert_eq!(
        ids(&wd),
        "CQ-YZ-001-2024-0001=甲（改名） CQ-YZ-001-2024-0002=新一 CQ-YZ-001-2024-0003=手编号 CQ-YZ-001-2024-0004=新二"
    );
}

#[test]
fn an_id_named_after_a_row_that_was_given_it_is_refused_naming_that_row() {
    let wd = setup();
    wd.write(
        "late.csv",
        "id,station,enterprise,received_on\r\n\
         ,CQ-YZ-001,新一,2024-02-02\r\n\
         CQ-YZ-001-2024-0001,CQ-YZ-001,手编号,2024-02-01\r\n",
    );
    let err = wd.refused(&["import", "cases", "late.csv"], 3);
    assert_eq!(
        err,
        "late.csv:3:id: the id `CQ-YZ-001-2024-0001` was given to the row without id on line 2 (ids are given in file order, never one named earlier): give this row another id, or put it before that row\n"
    );
}

#[test]
fn a_row_without_id_that_is_wrong_is_refused_like_any_row() {
    let wd = setup();
    wd.write(
        "bad.csv",
        "station,enterprise,received_on\n,重庆甲公司,2024-03-05\nCQ-YZ-009,乙,2024-03-05\n",
    );
    let err = wd.fails(&["import", "cases", "bad.csv"], 3);
    assert_eq!(
        err,
        "bad.csv:2:station: station is required but the cell is empty\n\
         bad.csv:3:station: station `CQ-YZ-009` does not exist (neither in the database nor in the stations imported)\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "0");
}

#[test]
fn a_dry_run_shows_the_ids_it_would_give_and_writes_nothing() {
    let wd = setup();
    let before = wd.dump();
    let o = wd.run(&["import", "cases", "new.csv", "--dry-run"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "new.csv: 4 added, 0 updated, 0 unchanged (dry run: nothing written)\n\
             new.csv:2: would get the id CQ-YZ-001-2024-0001\n\
             new.csv:4: would get the id CQ-JB-001-2024-0001\n\
             new.csv:5: would get the id CQ-YZ-001-2024-0002\n\
             new.csv:6: would get the id CQ-YZ-001-2025-0001\n"
        )
    );
    assert_eq!(before, wd.dump());
    // Then the real import gives those ids, and is not refused as imported before.
    let o = wd.run(&["import", "cases", "new.csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("new.csv:6: got the id CQ-YZ-001-2025-0001\n"),
        "{}",
        o.stderr
    );
    // --ids-out does not go with a dry run, which writes nothing.
    let err = wd.fails(
        &["import", "cases", "new.csv", "--dry-run", "--ids-out", "ids.csv"],
        2,
    );
    assert!(err.contains("--ids-out"), "{err}");
    assert!(!wd.path().join("ids.csv").exists());
}

#[test]
fn ids_out_writes_line_and_id_to_a_new_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let wd = setup();
    wd.ok(&["import", "cases", "new.csv", "--ids-out", "ids.csv"]);
    let path = wd.path().join("ids.csv");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "line,id\n2,CQ-YZ-001-2024-0001\n4,CQ-JB-001-2024-0001\n5,CQ-YZ-001-2024-0002\n6,CQ-YZ-001-2025-0001\n"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // An existing file is replaced only with --force; refused before anything is imported.
    wd.write(
        "more.csv",
        "station,enterprise,received_on\nCQ-JB-001,重庆戊公司,2024-08-01\n",
    );
    let err = wd.refused(&["import", "cases", "more.csv", "--ids-out", "ids.csv"], 3);
    assert!(err.contains("ids.csv") && err.contains("--force"), "{err}");
    wd.ok(&["import", "cases", "more.csv", "--ids-out", "ids.csv", "--force"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "line,id\n2,CQ-JB-001-2024-0002\n"
    );
    // A file with every id given writes just the header.
    wd.ok(&["export", "cases", "-o", "all.csv"]);
    wd.ok(&["import", "cases", "all.csv", "--ids-out", "none.csv"]);
    assert_eq!(
        std::fs::read_to_string(wd.path().join("none.csv")).unwrap(),
        "line,id\n"
    );
}

#[test]
fn the_summary_lists_twenty_ids_and_counts_the_rest() {
    let wd = setup();
    let mut csv = String::from("station,enterprise,received_on\n");
    for i in 1..=23 {
        csv.push_str(&format!("CQ-YZ-001,企业{i},2024-03-05\n"));
    }
    wd.write("many.csv", csv);
    let o = wd.run(&["import", "cases", "many.csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 22, "{}", o.stderr);
    assert_eq!(lines[1], "many.csv:2: got the id CQ-YZ-001-2024-0001");
    assert_eq!(lines[20], "many.csv:21: got the id CQ-YZ-001-2024-0020");
    assert_eq!(
        lines[21],
        "many.csv: … and 3 more new ids (--ids-out FILE writes them all)"
    );
}

#[test]
fn the_same_bytes_imported_again_are_refused_unless_again() {
    let wd = setup();
    wd.ok(&["import", "cases", "new.csv"]);
    let seq = wd.query("SELECT max(seq) FROM audit_log WHERE entity = 'import'");
    let day = wd
        .query("SELECT substr(at, 1, 10) FROM audit_log WHERE entity = 'import' AND entity_key = 'new.csv'");
    let want = format!(
        "new.csv: this file was imported on {day} (audit entry {seq}): give --again to import it again\n"
    );
    assert_eq!(wd.refused(&["import", "cases", "new.csv"], 3), want);
    assert_eq!(wd.refused(&["import", "cases", "new.csv", "--dry-run"], 3), want);
    // The same bytes under another name, or through stdin, are the same file.
    std::fs::copy(wd.path().join("new.csv"), wd.path().join("copy.csv")).unwrap();
    let err = wd.refused(&["import", "cases", "copy.csv"], 3);
    assert!(err.starts_with("copy.csv: this file was imported on "), "{err}");
    let bytes = std::fs::read(wd.path().join("new.csv")).unwrap();
    let o = wd
        .cmd(&["import", "cases", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        want.replacen("new.csv", "stdin", 1)
    );
    // --again imports it anyway: rows without id are new cases again.
    let o = wd.run(&["import", "cases", "new.csv", "--again"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.starts_with(
            "new.csv: 4 added, 0 updated, 0 unchanged\nnew.csv:2: got the id CQ-YZ-001-2024-0003\n"
        ),
        "{}",
        o.stderr
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "8");
    // A changed byte is another file.
    let mut changed = std::fs::read_to_string(wd.path().join("new.csv")).unwrap();
    changed.push_str("CQ-JB-001,重庆己公司,2024-09-01\r\n");
    wd.write("new.csv", changed);
    let o = wd.run(&["import", "cases", "new.csv"]);
    assert!(o.stderr.starts_with("new.csv: 5 added"), "{}", o.stderr);
}

#[test]
fn import_dir_refuses_each_file_imported_before_and_writes_nothing() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("office")).unwrap();
    wd.write("office/stations.csv", STATIONS);
    wd.write(
        "office/cases.csv",
        "station,enterprise,received_on\nCQ-YZ-001,甲,2024-03-05\n",
    );
    wd.ok(&["import", "--dir", "office"]);
    // A new staff file with the two files already imported: each is named, nothing written.
    wd.write(
        "office/staff.csv",
        "station,name,full_time,from\nCQ-YZ-001,张三,yes,2024-01-05\n",
    );
    let before = wd.dump();
    let err = wd.fails(&["import", "--dir", "office"], 3);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("office/stations.csv: this file was imported on "),
        "{err}"
    );
    assert!(
        lines[1].starts_with("office/cases.csv: this file was imported on "),
        "{err}"
    );
    assert!(lines[1].ends_with(": give --again to import it again"), "{err}");
    assert_eq!(before, wd.dump());
    let o = wd.run(&["import", "--dir", "office", "--again"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "office/stations.csv: 0 added, 0 updated, 2 unchanged\n\
             office/staff.csv: 1 added, 0 updated, 0 unchanged\n\
             office/cases.csv: 1 added, 0 updated, 0 unchanged\n\
             office/cases.csv:2: got the id CQ-YZ-001-2024-0002\n"
        )
    );
}
