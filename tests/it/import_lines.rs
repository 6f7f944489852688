//! Import errors name the line a record starts on (formats.md): with CRLF line ends, blank
//! lines, quoted cells over several lines and GB18030 files; every problem of a row is listed
//! even when its key is bad; a dry run writes nothing, not even a new database file.

use crate::workdir::Workdir;

/// A database with station S1.
fn with_s1() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "x", "--on", "2024-01-01"]);
    wd
}

/// Runs an import that must be refused with exit 3 and leave the database as it was;
/// returns stderr.
fn refused_rows(wd: &Workdir, args: &[&str]) -> String {
    let before = wd.dump();
    let err = wd.fails(args, 3);
    assert_eq!(
        before,
        wd.dump(),
        "ipguard {args:?} changed the database although refused"
    );
    err
}

fn bad_date(file: &str, line: u32, date: &str) -> String {
    format!("{file}:{line}:received_on: `{date}` is not a real calendar date (use YYYY-MM-DD)\n")
}

#[test]
fn crlf_rows_are_on_their_own_lines() {
    let wd = with_s1();
    wd.write(
        "crlf.csv",
        "id,station,enterprise,received_on\r\nA,S1,e,2024-02-30\r\nB,S1,e,2024-02-31\r\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "crlf.csv"]);
    assert_eq!(
        err,
        bad_date("crlf.csv", 2, "2024-02-30") + &bad_date("crlf.csv", 3, "2024-02-31")
    );
}

#[test]
fn blank_lines_count_as_lines() {
    let wd = with_s1();
    wd.write(
        "bl.csv",
        "id,station,enterprise,received_on\n\nA,S1,e,2024-02-30\n\nB,S1,e,2024-02-31\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "bl.csv"]);
    assert_eq!(
        err,
        bad_date("bl.csv", 3, "2024-02-30") + &bad_date("bl.csv", 5, "2024-02-31")
    );
    // The same with CRLF, blank lines of CRLF and of a lone LF, and a quoted cell of three lines.
    wd.write(
        "mixed.csv",
        "id,station,enterprise,received_on\r\n\r\n\nA,S1,\"e\r\nf\ng\",2024-02-30\r\n\r\nB,S1,e,2024-02-31\r\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "mixed.csv"]);
    assert_eq!(
        err,
        bad_date("mixed.csv", 4, "2024-02-30") + &bad_date("mixed.csv", 8, "2024-02-31")
    );
}

#[test]
fn a_repeated_key_names_both_true_lines() {
    // New keys (found in the batch), with CRLF and a quoted cell of two lines in between.
    let wd = with_s1();
    wd.write(
        "rep.csv",
        "id,station,enterprise,received_on\r\n\r\nA,S1,\"e\r\nx\",2024-02-01\r\n\r\n\r\nA,S1,e,2024-02-01\r\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "rep.csv"]);
    assert_eq!(
        err,
        "rep.csv:7:id: the key `A` is repeated: it is also on line 3 (a file holds each record once)\n"
    );
    // A stored key named twice (its first line found by reading the file again).
    wd.write(
        "one.csv",
        "id,station,enterprise,received_on\nA,S1,e,2024-02-01\n",
    );
    wd.ok(&["import", "cases", "one.csv"]);
    wd.write(
        "twice.csv",
        "id,station,enterprise,received_on\r\n\r\nA,S1,f,2024-02-01\r\nB,S1,e,2024-02-30\r\n\r\nA,S1,g,2024-02-01\r\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "twice.csv"]);
    assert_eq!(
        err,
        bad_date("twice.csv", 4, "2024-02-30")
            + "twice.csv:6:id: the key `A` is repeated: it is also on line 3 (a file holds each record once)\n"
    );
}

#[test]
fn gb18030_crlf_file_with_blank_lines() {
    let wd = with_s1();
    let text = "案件编号,工作站,企业名称,收到日期\r\n\r\nC-1,S1,重庆某某科技有限公司,2024-2-30\r\n\r\nC-2,S1,\"重庆\r\n某某\",2024-2-1\r\nC-1,S1,重庆,2024-2-1\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    wd.write("gbk.csv", &bytes[..]);
    let err = refused_rows(&wd, &["import", "cases", "gbk.csv"]);
    assert_eq!(
        err,
        "gbk.csv: not valid UTF-8, read as GB18030 (give --encoding utf-8 to refuse this)\n\
         gbk.csv:3:收到日期: `2024-2-30` is not a real calendar date (use YYYY-MM-DD)\n\
         gbk.csv:7:案件编号: the key `C-1` is repeated: it is also on line 3 (a file holds each record once)\n"
    );
    let text = text.replace("2024-2-30", "2024-2-3");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    wd.write("gbk.csv", &bytes[..]);
    let err = refused_rows(&wd, &["import", "cases", "gbk.csv"]);
    assert_eq!(
        err,
        "gbk.csv: not valid UTF-8, read as GB18030 (give --encoding utf-8 to refuse this)\n\
         gbk.csv:7:案件编号: the key `C-1` is repeated: it is also on line 3 (a file holds each record once)\n"
    );
}

#[test]
fn header_errors_and_directories_with_crlf() {
    let wd = with_s1();
    // A header after blank lines is on its own line.
    wd.write(
        "hd.csv",
        "\r\n\r\nid,station,enterprise,received_on,bogus\r\nA,S1,e,2024-02-01\r\n",
    );
    let err = wd.fails(&["import", "cases", "hd.csv"], 3);
    assert!(
        err.starts_with("hd.csv:3:bogus: unknown column `bogus` for cases"),
        "{err}"
    );
    // A CRLF header at the top is line 1.
    wd.write("h1.csv", "id,station,received_on\r\nA,S1,2024-02-01\r\n");
    let err = refused_rows(&wd, &["import", "cases", "h1.csv"]);
    assert_eq!(
        err,
        "h1.csv:1:enterprise: the required column `enterprise` (企业名称) is missing from the header\n"
    );
    // `--dir`: each file's lines, files in import order.
    std::fs::create_dir(wd.path().join("office")).unwrap();
    wd.write("office/stations.csv", "code,name\r\n\r\nS2,y\r\nS 3,z\r\n");
    wd.write(
        "office/cases.csv",
        "id,station,enterprise,received_on\r\nA,S2,e,2024-02-01\r\n\r\nB,S3,e,2024-02-31\r\n",
    );
    let err = refused_rows(&wd, &["import", "--dir", "office"]);
    assert_eq!(
        err,
        "office/stations.csv:4:code: station code `S 3` is not valid: use 1-40 letters, digits, `-` or `_`\n\
         office/cases.csv:4:station: station `S3` does not exist (neither in the database nor in the stations imported)\n\
         office/cases.csv:4:received_on: `2024-02-31` is not a real calendar date (use YYYY-MM-DD)\n"
    );
}

#[test]
fn a_row_with_a_bad_key_has_its_other_cells_checked() {
    let wd = with_s1();
    wd.write("st.csv", "name,station,full_time,from\n王,S1,,\n");
    let err = refused_rows(&wd, &["import", "staff", "st.csv"]);
    assert_eq!(
        err,
        "st.csv:2:full_time: full_time is required but the cell is empty\n\
         st.csv:2:from: from is required but the cell is empty\n"
    );
    // In the order of the header's columns; a missing station is still named.
    wd.write(
        "st.csv",
        "to,from,full_time,station,name\n2024-01-01,2024-13-01,maybe,S9,\n",
    );
    let err = refused_rows(&wd, &["import", "staff", "st.csv"]);
    assert_eq!(
        err,
        "st.csv:2:from: `2024-13-01` is not a real calendar date (use YYYY-MM-DD)\n\
         st.csv:2:full_time: `maybe` is not a yes/no value: use one of yes (是), no (否)\n\
         st.csv:2:station: station `S9` does not exist (neither in the database nor in the stations imported)\n\
         st.csv:2:name: name is required but the cell is empty\n"
    );
    // A bad case id: the cells and the checks across them.
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,accepted_on\nA B,S1,,2024-02-10,2024-02-01\n",
    );
    let err = refused_rows(&wd, &["import", "cases", "c.csv"]);
    assert_eq!(
        err,
        "c.csv:2:id: case id `A B` is not valid: use 1-40 letters, digits, `-` or `_`\n\
         c.csv:2:enterprise: enterprise is required but the cell is empty\n\
         c.csv:2:accepted_on: accepted_on 2024-02-01 is before received_on 2024-02-10\n"
    );
    // A bad award date: the points are still checked against the item's maximum.
    wd.write(
        "a.csv",
        "station,item,points,date,reason\nS1,b1,99,2024-02-30,r\n",
    );
    let err = refused_rows(&wd, &["import", "awards", "a.csv"]);
    assert!(
        err.starts_with("a.csv:2:points: points 99.00 exceed the maximum of bonus item B1"),
        "{err}"
    );
    assert!(
        err.ends_with("a.csv:2:date: `2024-02-30` is not a real calendar date (use YYYY-MM-DD)\n"),
        "{err}"
    );
}

#[test]
fn a_dry_run_against_a_missing_database_creates_nothing() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("office")).unwrap();
    wd.write("office/stations.csv", "code,name\nS2,y\n");
    wd.write(
        "office/cases.csv",
        "id,station,enterprise,received_on\nA,S2,e,2024-02-01\n",
    );
    let o = wd.run(&["import", "--dir", "office", "--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "office/stations.csv: 1 added, 0 updated, 0 unchanged (dry run: nothing written)\n\
         office/cases.csv: 1 added, 0 updated, 0 unchanged (dry run: nothing written)\n"
    );
    let no_files = |wd: &Workdir| {
        let mut names: Vec<String> = std::fs::read_dir(wd.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["office"], "a dry run left files behind");
    };
    no_files(&wd);
    // One file: its stations must come from the same import, as in an empty database.
    let err = wd.fails(&["import", "cases", "office/cases.csv", "--dry-run"], 3);
    assert_eq!(
        err,
        "office/cases.csv:2:station: station `S2` does not exist (neither in the database nor in the stations imported)\n"
    );
    no_files(&wd);
    // Without --dry-run the same import creates the database.
    wd.ok(&["import", "--dir", "office"]);
    assert_eq!(wd.query("SELECT id || ' ' || station FROM cases"), "A S2");
}

#[test]
fn a_value_with_line_breaks_is_quoted_on_one_line() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on\n\"bad\nid\",S1,e,2024-06-01\n",
    );
    let err = wd.fails(&["import", "cases", "c.csv"], 3);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("c.csv:2:id: "), "{err}");
    assert!(err.contains("bad\\nid"), "{err}");
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "0");
}

#[test]
fn a_bad_date_does_not_also_fail_the_date_order() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "S1", "--name", "甲", "--on", "2024-01-01"]);
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,accepted_on\nC-1,S1,e,2024-02-30,2024-01-08\n",
    );
    let err = wd.fails(&["import", "cases", "c.csv"], 3);
    assert_eq!(
        err,
        "c.csv:2:received_on: `2024-02-30` is not a real calendar date (use YYYY-MM-DD)\n"
    );
}
