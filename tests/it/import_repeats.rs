//! Repeated keys found without a set of every key (through the rowids of the rows written, a
//! bitmap of the stored rows named, and a second reading of the file for the first line), and
//! stations checked inside the import's transaction.

use crate::import::with_stations;

const HEADER: &str = "id,station,enterprise,received_on\n";

/// `n` good case rows C-000000…, on lines 2…n+1.
fn cases(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("C-{i:06},CQ-YZ-001,企业{i},2024-05-{:02}\n", i % 28 + 1))
        .collect()
}

fn file(rows: &[String]) -> String {
    format!("{HEADER}{}", rows.concat())
}

#[test]
fn a_key_repeated_after_its_batch_was_written_names_both_lines_in_line_order() {
    let wd = with_stations();
    let mut rows = cases(150);
    rows[68] = "C-000003,CQ-YZ-001,企业,2024-05-01\n".into(); // line 70, first on line 5
    rows[98] = "C-000098,CQ-YZ-001,企业,2099-01-01\n".into(); // line 100
    wd.write("cases.csv", file(&rows));
    let before = wd.dump();
    let err = wd.fails(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:70:id: the key `C-000003` is repeated: it is also on line 5 (a file holds each record once)\n\
         cases.csv:100:received_on: received_on 2099-01-01 is in the future (today is 2025-03-01): record things once they happened\n"
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn a_repeated_key_on_a_bad_row_is_reported_as_repeated() {
    let wd = with_stations();
    let mut rows = cases(3);
    rows.push("C-000001,CQ-YZ-001,企业,2099-01-01\n".into()); // line 5
    wd.write("cases.csv", file(&rows));
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:5:id: the key `C-000001` is repeated: it is also on line 3 (a file holds each record once)\n"
    );
}

#[test]
fn a_stored_record_named_twice_names_both_lines() {
    let wd = with_stations();
    wd.write("old.csv", file(&cases(3)));
    wd.ok(&["import", "cases", "old.csv"]);
    wd.write(
        "cases.csv",
        format!(
            "{HEADER}C-000002,CQ-YZ-001,新企业,2024-05-03\n\
             C-000009,CQ-YZ-001,企业,2024-05-03\n\
             C-000000,CQ-YZ-001,企业0,2024-05-01\n\
             C-000002,CQ-YZ-001,企业2,2024-05-03\n"
        ),
    );
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:5:id: the key `C-000002` is repeated: it is also on line 2 (a file holds each record once)\n"
    );
}

#[test]
fn a_new_key_repeated_in_a_table_already_holding_records() {
    let wd = with_stations();
    wd.write("old.csv", format!("{HEADER}A-1,CQ-JB-002,企业,2024-01-01\n"));
    wd.ok(&["import", "cases", "old.csv"]);
    let mut rows = cases(100);
    rows[90] = "C-000010,CQ-YZ-001,企业,2024-05-01\n".into(); // line 92, first on line 12
    wd.write("cases.csv", file(&rows));
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:92:id: the key `C-000010` is repeated: it is also on line 12 (a file holds each record once)\n"
    );
    rows[90] = "C-000090,CQ-YZ-001,企业,2024-05-01\n".into();
    rows[5] = "A-1,CQ-JB-002,企业,2024-01-02\n".into();
    wd.write("cases.csv", file(&rows));
    let o = wd.run(&["import", "cases", "cases.csv"]);
    assert_eq!(o.stderr, "cases.csv: 99 added, 1 updated, 0 unchanged\n");
    assert_eq!(wd.query("SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

#[test]
fn a_key_repeated_on_stdin_names_both_lines() {
    let wd = with_stations();
    let mut rows = cases(80);
    rows[70] = "C-000000,CQ-YZ-001,企业,2024-05-01\n".into(); // line 72, first on line 2
    let before = wd.dump();
    let o = wd
        .cmd(&["import", "cases", "-"])
        .write_stdin(file(&rows))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "stdin:72:id: the key `C-000000` is repeated: it is also on line 2 (a file holds each record once)\n"
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn a_station_gone_from_the_database_is_refused() {
    let wd = with_stations();
    // Written past the front door on purpose: no command removes a station, so the file is
    // damaged by hand to hold a station's cases' key without the station.
    wd.sql(
        "PRAGMA foreign_keys = OFF; DELETE FROM station_history WHERE station = 'CQ-JB-002'; \
         DELETE FROM stations WHERE code = 'CQ-JB-002';",
    );
    wd.write("cases.csv", format!("{HEADER}C-1,CQ-JB-002,企业,2024-01-01\n"));
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:2:station: station `CQ-JB-002` does not exist (neither in the database nor in the stations imported)\n"
    );
}

#[test]
fn a_large_reimport_updates_every_record_and_finds_a_stored_key_named_twice() {
    let wd = with_stations();
    let rows = cases(11_000);
    wd.write("cases.csv", file(&rows));
    wd.ok(&["import", "cases", "cases.csv"]);
    let mut changed: Vec<String> = rows.iter().map(|r| r.replace("企业", "新企业")).collect();
    changed.push("C-000003,CQ-JB-002,企业,2024-05-01\n".into()); // line 11002
    wd.write("again.csv", file(&changed));
    let err = wd.refused(&["import", "cases", "again.csv"], 3);
    assert_eq!(
        err,
        "again.csv:11002:id: the key `C-000003` is repeated: it is also on line 5 (a file holds each record once)\n"
    );
    changed.pop();
    wd.write("again.csv", file(&changed));
    let o = wd.run(&["import", "cases", "again.csv"]);
    assert_eq!(o.stderr, "again.csv: 0 added, 11000 updated, 0 unchanged\n");
    assert_eq!(
        wd.query("SELECT count(*) FROM cases WHERE enterprise LIKE '新企业%'"),
        "11000"
    );
    assert_eq!(wd.query("PRAGMA integrity_check"), "ok");
    assert_eq!(wd.query("SELECT count(*) FROM pragma_foreign_key_check"), "0");
}
