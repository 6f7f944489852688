//! CSV import: encodings, headers, row errors, upserts, `--dir`, stdin, `--dry-run`.

use crate::workdir::Workdir;

pub const STATIONS: &str = "\
code,name,host_org,district,level,status,status_on,established_on
CQ-JB-002,江北区工作站,江北商会,江北区,district,established,2024-04-01,2024-04-01
CQ-YZ-001,渝中区海外知识产权纠纷应对指导工作站,渝中商会,渝中区,district,applied,2024-01-05,
";

pub fn with_stations() -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd
}

#[test]
fn stations_import_with_their_status_and_one_history_entry() {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    let o = wd.run(&["import", "stations", "stations.csv"]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stderr, "stations.csv: 2 added, 0 updated, 0 unchanged\n");
    assert_eq!(
        wd.query("SELECT group_concat(station || ' ' || status || ' ' || on_date || ' ' || note, '; ') FROM station_history"),
        "CQ-JB-002 established 2024-04-01 imported; CQ-YZ-001 applied 2024-01-05 imported"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
        "1"
    );
    assert_eq!(wd.query("SELECT count(*) FROM audit_log"), "1");
    let after = wd.query("SELECT after_json FROM audit_log");
    assert!(after.contains(r#""file":"stations.csv""#), "{after}");
    assert!(after.contains(r#""added":2"#), "{after}");
    assert!(after.contains(r#""keys":["CQ-JB-002","CQ-YZ-001"]"#), "{after}");
    assert!(after.contains(r#""sha256":""#), "{after}");
}

#[test]
fn bom_and_chinese_headers_in_utf8() {
    let wd = with_stations();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "案件编号,工作站,企业名称,收到日期,来源,知识产权类型\nC-1,CQ-YZ-001,重庆某某科技有限公司,2024/3/5,市局移交,专利\n".as_bytes(),
    );
    wd.write("案件.csv", bytes);
    let o = wd.run(&["import", "cases", "案件.csv"]);
    assert_eq!(o.stderr, "案件.csv: 1 added, 0 updated, 0 unchanged\n");
    assert_eq!(
        wd.query("SELECT enterprise || ' ' || received_on || ' ' || source || ' ' || ip_type FROM cases"),
        "重庆某某科技有限公司 2024-03-05 city_transfer patent"
    );
}

#[test]
fn gb18030_file_is_detected_and_said() {
    let wd = with_stations();
    let text =
        "案件编号,工作站,企业名称,收到日期,类型\r\nC-1,CQ-YZ-001,重庆某某科技有限公司,2024-3-5,咨询\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    wd.write("gbk.csv", &bytes[..]);
    let o = wd.run(&["import", "cases", "gbk.csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "gbk.csv: not valid UTF-8, read as GB18030 (give --encoding utf-8 to refuse this)\n\
         gbk.csv: 1 added, 0 updated, 0 unchanged\n"
    );
    assert_eq!(
        wd.query("SELECT enterprise || ' ' || kind FROM cases"),
        "重庆某某科技有限公司 consultation"
    );
    // Forcing UTF-8 refuses the file at its first bad byte, in the header or in a row.
    let wd2 = with_stations();
    wd2.write("gbk.csv", &bytes[..]);
    let err = wd2.fails(&["import", "cases", "gbk.csv", "--encoding", "utf-8"], 3);
    assert_eq!(
        err,
        "gbk.csv:1:1: byte 0xB0 is not valid UTF-8: give --encoding gb18030 for a GB18030 file, or save the file as UTF-8; nothing was read\n"
    );
    let (row, _, _) = encoding_rs::GB18030.encode("C-1,CQ-YZ-001,重庆某某科技有限公司,2024-3-5\n");
    let mut mixed = b"id,station,enterprise,received_on\n".to_vec();
    mixed.extend_from_slice(&row);
    wd2.write("mixed.csv", mixed);
    let before = wd2.dump();
    let err = wd2.fails(&["import", "cases", "mixed.csv", "--encoding", "utf-8"], 3);
    assert_eq!(
        err,
        "mixed.csv:2:15: byte 0xD6 is not valid UTF-8: give --encoding gb18030 for a GB18030 file, or save the file as UTF-8; nothing was read\n"
    );
    assert_eq!(wd2.dump(), before);
    wd2.ok(&["import", "cases", "mixed.csv", "--encoding", "gb18030"]);
    assert_eq!(wd2.query("SELECT enterprise FROM cases"), "重庆某某科技有限公司");
}

#[test]
fn crlf_and_lf_give_the_same_records() {
    let crlf = with_stations();
    crlf.write(
        "s.csv",
        "station,name,full_time,from\r\nCQ-YZ-001,张三,是,2024-01-05\r\nCQ-YZ-001,李四,no,2024-2-1\r\n",
    );
    crlf.ok(&["import", "staff", "s.csv"]);
    let lf = with_stations();
    lf.write(
        "s.csv",
        "station,name,full_time,from\nCQ-YZ-001,张三,yes,2024-01-05\nCQ-YZ-001,李四,NO,2024-02-01\n",
    );
    lf.ok(&["import", "staff", "s.csv"]);
    let q = "SELECT group_concat(name || full_time || from_on, ';') FROM staff";
    assert_eq!(crlf.query(q), "张三12024-01-05;李四02024-02-01");
    assert_eq!(lf.query(q), crlf.query(q));
}

#[test]
fn three_bad_rows_are_listed_and_nothing_is_written() {
    let wd = with_stations();
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,accepted_on,credit_code\n\
         C-1,CQ-YZ-001,甲公司,2024-03-05,2024-03-06,\n\
         C-2,CQ-YZ-001,乙公司,2024-02-30,,\n\
         C-3,CQ-XX-404,丙公司,2024-03-05,,\n\
         C-4,CQ-YZ-001,丁公司,2024-03-05,,91350100M000100Y44\n\
         C-5,CQ-YZ-001,戊公司,2024-03-05,2024-03-07,91350100m000100y43\n",
    );
    let before = wd.dump();
    let err = wd.fails(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:3:received_on: `2024-02-30` is not a real calendar date (use YYYY-MM-DD)\n\
         cases.csv:4:station: station `CQ-XX-404` does not exist (neither in the database nor in the stations imported)\n\
         cases.csv:5:credit_code: credit code `91350100M000100Y44` fails its GB 32100-2015 check: the 18th character should be `3`\n"
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn the_same_file_twice_changes_nothing_the_second_time() {
    let wd = with_stations();
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,credit_code\n\
         C-1,CQ-YZ-001,甲公司,2024/3/5,91350100m000100y43\n\
         C-2,CQ-YZ-001,乙公司,2024-03-05,\n",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(
        wd.query("SELECT credit_code FROM cases WHERE id = 'C-1'"),
        "91350100M000100Y43"
    );
    let before = wd.dump();
    // The same bytes are refused without --again (import_ids.rs); with it, nothing changes.
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert!(err.ends_with(": give --again to import it again\n"), "{err}");
    let o = wd.run(&["import", "cases", "cases.csv", "--again"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (0, "cases.csv: 0 added, 0 updated, 2 unchanged\n")
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn a_bad_last_row_leaves_the_database_as_it_was() {
    let wd = with_stations();
    let mut text = String::from("station,date,amount,source\n");
    for d in 1..=9 {
        text.push_str(&format!("CQ-YZ-001,2024-01-0{d},1000.5,区财政\n"));
    }
    text.push_str("CQ-YZ-001,2024-02-01,-5,区财政\n");
    wd.write("funding.csv", text);
    let before = wd.dump();
    let err = wd.fails(&["import", "funding", "funding.csv"], 3);
    assert_eq!(
        err,
        "funding.csv:11:amount: `-5` is negative: amounts are never negative\n"
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn a_whole_office_directory_in_one_transaction() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("office")).unwrap();
    wd.write("office/stations.csv", STATIONS);
    wd.write(
        "office/staff.csv",
        "station,name,full_time,from,to\nCQ-YZ-001,张三,yes,2024-01-05,2026-12-31\n",
    );
    wd.write(
        "office/cases.csv",
        "id,station,enterprise,received_on\nC-1,CQ-JB-002,甲公司,2024-05-01\n",
    );
    wd.write(
        "office/awards.csv",
        "station,item,points,date,reason\nCQ-JB-002,b1,3,2024-06-01,典型案例入选\n",
    );
    wd.write("office/notes.txt", "ignored");
    let o = wd.run(&["import", "--dir", "office"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "office/stations.csv: 2 added, 0 updated, 0 unchanged\n\
         office/staff.csv: 1 added, 0 updated, 0 unchanged\n\
         office/cases.csv: 1 added, 0 updated, 0 unchanged\n\
         office/awards.csv: 1 added, 0 updated, 0 unchanged\n"
    );
    assert_eq!(
        wd.query("SELECT item || ' ' || points_cents FROM awards"),
        "B1 300"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
        "4"
    );
}

#[test]
fn a_directory_with_errors_in_two_files_reports_both_and_writes_nothing() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("office")).unwrap();
    wd.write("office/stations.csv", STATIONS);
    wd.write(
        "office/cases.csv",
        "id,station,enterprise,received_on\nC-1,CQ-JB-002,甲公司,2099-05-01\n",
    );
    wd.write(
        "office/awards.csv",
        "station,item,points,date,reason\nCQ-JB-002,B2,2.5,2024-06-01,x\nCQ-JB-002,B9,1,2024-06-01,y\n",
    );
    let err = wd.fails(&["import", "--dir", "office"], 3);
    assert_eq!(
        err,
        "office/cases.csv:2:received_on: received_on 2099-05-01 is in the future (today is 2025-03-01): record things once they happened\n\
         office/awards.csv:2:points: points 2.50 exceed the maximum of bonus item B2 (2.00)\n\
         office/awards.csv:3:item: `B9` is not a bonus item of the rubric in force: use one of B1, B2, B3, B4\n"
    );
    for table in ["stations", "station_history", "cases", "awards", "audit_log"] {
        assert_eq!(wd.query(&format!("SELECT count(*) FROM {table}")), "0", "{table}");
    }
}

#[test]
fn header_errors_are_reported_at_line_one() {
    let wd = with_stations();
    wd.write(
        "h.csv",
        "id,station,Enterprise,企业名称,,colour\nC-1,CQ-YZ-001,a,b,,\n",
    );
    let before = wd.dump();
    let err = wd.fails(&["import", "cases", "h.csv"], 3);
    assert_eq!(
        err,
        "h.csv:1:企业名称: column `enterprise` is named twice in the header (columns 3 and 4)\n\
         h.csv:1:5: column 5 of the header has no name\n\
         h.csv:1:colour: unknown column `colour` for cases: the columns are id, station, enterprise, credit_code, received_on, source, kind, ip_type, country, dispute_type, warning_level, accepted_on, closed_on, outcome, effective, followup_on, overdue_reason, reason_accepted, summary, typical (or their Chinese names; --ignore-unknown skips others)\n\
         h.csv:1:received_on: the required column `received_on` (收到日期) is missing from the header\n"
    );
    wd.write("empty.csv", "");
    let err = wd.fails(&["import", "reports", "empty.csv"], 3);
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(
        err.starts_with("empty.csv:1:station: the required column `station` (工作站) is missing"),
        "{err}"
    );
    assert_eq!(wd.dump(), before);
}

#[test]
fn too_many_cells_and_repeated_keys() {
    let wd = with_stations();
    wd.write(
        "r.csv",
        "station,kind,period,submitted_on\n\
         CQ-YZ-001,annual_summary,2024,2025-01-10\n\
         CQ-YZ-001,年度总结,2024,2025-01-12\n\
         CQ-YZ-001,quarterly_cases,2024Q4,2025-01-05,\n\
         CQ-YZ-001,quarterly_cases,2024,2025-01-05\n",
    );
    let err = wd.fails(&["import", "reports", "r.csv"], 3);
    assert_eq!(
        err,
        "r.csv:3:station: the key `CQ-YZ-001|annual_summary|2024` is repeated: it is also on line 2 (a file holds each record once)\n\
         r.csv:4:5: the row has 5 cells but the header has 4 columns\n\
         r.csv:5:period: a quarterly_cases report covers a quarter such as 2024Q3, not `2024`\n"
    );
}

#[test]
fn more_than_twenty_errors_are_counted() {
    let wd = with_stations();
    let mut text = String::from("station,date,verified\n");
    for _ in 0..25 {
        text.push_str("CQ-YZ-001,2024-01-01,maybe\n");
    }
    wd.write("c.csv", text);
    let err = wd.fails(&["import", "complaints", "c.csv"], 3);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 21);
    assert_eq!(
        lines[0],
        "c.csv:2:verified: `maybe` is not a yes/no value: use one of yes (是), no (否)"
    );
    assert_eq!(lines[20], "… and 5 more errors (25 in all); nothing was written");
}

#[test]
fn stdin_is_named_stdin() {
    let wd = with_stations();
    let o = wd
        .cmd(&["import", "experts", "-"])
        .write_stdin("station,name,kind,joined_on,left_on\nCQ-YZ-001,王五,律师,2024-01-01,2023-12-31\n")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "stdin:2:left_on: left_on 2023-12-31 is before joined_on 2024-01-01\n"
    );
    let o = wd
        .cmd(&["import", "experts", "-"])
        .write_stdin("station,name,kind,joined_on,left_on\nCQ-YZ-001,王五,律师,2024-01-01,2026-12-31\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "stdin: 1 added, 0 updated, 0 unchanged\n"
    );
    assert_eq!(
        wd.query("SELECT kind || ' ' || left_on FROM experts"),
        "lawyer 2026-12-31"
    );
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let wd = with_stations();
    wd.write(
        "a.csv",
        "station,kind,date,title,participants\nCQ-YZ-001,培训,2024-05-01,海外维权培训,35\n",
    );
    let before = wd.dump();
    let o = wd.run(&["import", "activities", "a.csv", "--dry-run"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "a.csv: 1 added, 0 updated, 0 unchanged (dry run: nothing written)\n"
        )
    );
    assert_eq!(wd.dump(), before);
    wd.write(
        "b.csv",
        "station,kind,date,title,participants\nCQ-YZ-001,培训,2024-05-01,海外维权培训,many\n",
    );
    let err = wd.fails(&["import", "activities", "b.csv", "--dry-run"], 3);
    assert_eq!(
        err,
        "b.csv:2:participants: `many` is not a head-count: use a whole number, 0 or more\n"
    );
}

#[test]
fn ignore_unknown_skips_other_columns() {
    let wd = with_stations();
    wd.write(
        "f.csv",
        "station,date,amount,备注\nCQ-YZ-001,2024-01-01,50000,首笔\n",
    );
    wd.fails(&["import", "funding", "f.csv"], 3);
    wd.ok(&["import", "funding", "f.csv", "--ignore-unknown"]);
    assert_eq!(
        wd.query("SELECT amount_fen || '|' || source FROM funding"),
        "5000000|"
    );
}

#[test]
fn upsert_replaces_clears_keeps_absent_and_restores_defaults() {
    let wd = with_stations();
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,source,kind,country,summary,typical,accepted_on\n\
         C-1,CQ-YZ-001,甲公司,2024-03-05,city_transfer,consultation,美国,专利诉讼,yes,2024-03-06\n",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    // country cleared, source/kind/typical emptied (back to defaults), summary absent (kept).
    wd.write(
        "update.csv",
        "id,station,enterprise,received_on,source,kind,country,typical\n\
         C-1,CQ-YZ-001,甲公司,2024-03-05,,,,\n",
    );
    let o = wd.run(&["import", "cases", "update.csv"]);
    assert_eq!(o.stderr, "update.csv: 0 added, 1 updated, 0 unchanged\n");
    assert_eq!(
        wd.query("SELECT source || '|' || kind || '|' || country || '|' || summary || '|' || typical || '|' || accepted_on FROM cases"),
        "enterprise|guidance||专利诉讼|0|2024-03-06"
    );
    let keys = wd.query("SELECT after_json FROM audit_log ORDER BY seq DESC LIMIT 1");
    assert!(
        keys.contains(r#""updated":1"#) && keys.contains(r#""keys":["C-1"]"#),
        "{keys}"
    );
    // A column absent keeps the stored value even in the date checks: closing needs accepted_on.
    wd.write(
        "close.csv",
        "id,station,enterprise,received_on,closed_on\nC-1,CQ-YZ-001,甲公司,2024-03-05,2024-03-01\n",
    );
    let err = wd.fails(&["import", "cases", "close.csv"], 3);
    assert_eq!(
        err,
        "close.csv:2:closed_on: closed_on 2024-03-01 is before accepted_on 2024-03-06\n"
    );
}

#[test]
fn station_reimport_cannot_move_its_lifecycle() {
    let wd = with_stations();
    // Forward or back, a differing status or status date is a row error and nothing is written.
    wd.write(
        "s.csv",
        "编号,名称,状态,状态日期\nCQ-YZ-001,渝中区海外知识产权纠纷应对指导工作站,验收合格,2025-01-10\n",
    );
    assert_eq!(
        wd.refused(&["import", "stations", "s.csv"], 3),
        "s.csv:2:状态: station CQ-YZ-001 is applied since 2024-01-05 in the database, not accepted: a re-import cannot change a station's lifecycle; use `ipguard station advance CQ-YZ-001` or `station assess`\n"
    );
    wd.write(
        "d.csv",
        "code,name,status,status_on\nCQ-YZ-001,渝中区海外知识产权纠纷应对指导工作站,applied,2023-12-01\n",
    );
    assert_eq!(
        wd.refused(&["import", "stations", "d.csv"], 3),
        "d.csv:2:status_on: station CQ-YZ-001 is applied since 2024-01-05 in the database, not since 2023-12-01: a re-import cannot change a station's lifecycle; use `ipguard station advance CQ-YZ-001` or `station assess`\n"
    );
    wd.write(
        "e.csv",
        "code,name,status,status_on\nCQ-YZ-001,渝中区海外知识产权纠纷应对指导工作站,applied,\n",
    );
    assert_eq!(
        wd.refused(&["import", "stations", "e.csv"], 3),
        "e.csv:2:status_on: station CQ-YZ-001 is applied since 2024-01-05 in the database, not without a date: a re-import cannot change a station's lifecycle; use `ipguard station advance CQ-YZ-001` or `station assess`\n"
    );
    // An accepted station re-imported from an older register (established) stays accepted.
    wd.write(
        "new.csv",
        "code,name,status,status_on,established_on\nS9,新站,accepted,2025-01-10,2024-01-10\n",
    );
    wd.ok(&["import", "stations", "new.csv"]);
    wd.write(
        "old.csv",
        "code,name,status,status_on,established_on\nS9,新站,established,2024-01-10,2024-01-10\n",
    );
    assert_eq!(
        wd.refused(&["import", "stations", "old.csv"], 3),
        "old.csv:2:status: station S9 is accepted since 2025-01-10 in the database, not established: a re-import cannot change a station's lifecycle; use `ipguard station advance S9` or `station assess`\n"
    );
    assert_eq!(
        wd.query(
            "SELECT group_concat(status || ' ' || on_date, '; ') FROM station_history WHERE station = 'S9'"
        ),
        "accepted 2025-01-10"
    );
    // The same status and date with other cells changed is an update without a history entry.
    wd.write(
        "same.csv",
        "code,name,host_org,status,status_on\nS9,新站,新商会,accepted,2025-01-10\n",
    );
    assert_eq!(
        wd.run(&["import", "stations", "same.csv"]).stderr,
        "same.csv: 0 added, 1 updated, 0 unchanged\n"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM station_history WHERE station = 'S9'"),
        "1"
    );
}

#[test]
fn usage_errors() {
    let wd = Workdir::new();
    let err = wd.fails(&["import", "cases"], 2);
    assert_eq!(
        err,
        "error: the following required arguments were not provided: <FILE> (see --help)\n"
    );
    let err = wd.fails(&["import", "--dir", "nowhere"], 1);
    assert_eq!(
        err,
        "error: cannot read the directory nowhere: it does not exist or is not a directory\n"
    );
    let err = wd.fails(&["import", "cases", "missing.csv"], 1);
    assert!(err.starts_with("error: cannot read missing.csv: "), "{err}");
}
