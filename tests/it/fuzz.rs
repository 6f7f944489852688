//! Bad input, systematically: generated CSV files and rubric files. Whatever they hold,
//! ipguard never panics; a file it refuses gets exit 3 with `FILE:LINE:COLUMN: message` lines
//! and nothing written; a file it takes gets its one-line summary.

use crate::workdir::Workdir;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// A runner for `cases` generated inputs: the same inputs on every run, so CI is reproducible;
/// `IPGUARD_FUZZ_RANDOM=1` draws new ones to explore.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("IPGUARD_FUZZ_RANDOM").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    }
}

const COLUMNS: &[&str] = &[
    "id",
    "station",
    "enterprise",
    "credit_code",
    "received_on",
    "source",
    "kind",
    "ip_type",
    "country",
    "dispute_type",
    "warning_level",
    "accepted_on",
    "closed_on",
    "outcome",
    "effective",
    "followup_on",
    "overdue_reason",
    "summary",
    "typical",
    "收到日期",
    "unknown",
];

/// Cells that are valid somewhere, invalid elsewhere, or plainly hostile.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("CQ-YZ-001".to_string()),
        Just("NOPE".to_string()),
        Just("2024-03-05".to_string()),
        Just("2024/3/5".to_string()),
        Just("2024-02-30".to_string()),
        Just("2099-01-01".to_string()),
        Just("guidance".to_string()),
        Just("市局移交".to_string()),
        Just("yes".to_string()),
        Just("91350100M000100Y43".to_string()),
        Just("91350100M000100Y44".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\"unterminated".to_string()),
        "[A-Za-z0-9_-]{1,12}",
        "\\PC{0,12}",
    ]
}

fn csv_file() -> impl Strategy<Value = String> {
    (proptest::sample::subsequence(COLUMNS.to_vec(), 1..8), 0usize..5).prop_flat_map(|(cols, nrows)| {
        let width = cols.len();
        proptest::collection::vec(
            proptest::collection::vec(cell(), width.saturating_sub(1)..=width + 1),
            nrows,
        )
        .prop_map(move |rows| {
            let mut s = cols.join(",");
            s.push('\n');
            for r in rows {
                s.push_str(&r.join(","));
                s.push('\n');
            }
            s
        })
    })
}

fn is_row_error(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (file, lineno, column, msg) = (parts.next(), parts.next(), parts.next(), parts.next());
    file == Some("cases.csv")
        && lineno.is_some_and(|l| l.parse::<u32>().is_ok())
        && column.is_some_and(|c| !c.is_empty())
        && msg.is_some_and(|m| m.len() > 2)
}

#[test]
fn generated_case_files_never_panic_and_refusals_write_nothing() {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中站",
        "--on",
        "2024-01-01",
    ]);
    let mut runner = runner(64);
    runner
        .run(&csv_file(), |text| {
            wd.write("cases.csv", &text);
            let before = wd.dump();
            let o = wd.run(&["import", "cases", "cases.csv"]);
            prop_assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
            match o.code {
                0 => prop_assert!(
                    o.stderr.trim_end().ends_with(" unchanged"),
                    "summary missing: {}",
                    o.stderr
                ),
                3 => {
                    prop_assert_eq!(&before, &wd.dump(), "a refused file changed the database");
                    for line in o.stderr.lines() {
                        prop_assert!(
                            is_row_error(line)
                                || line.starts_with("… and ")
                                || line.starts_with("cases.csv: "),
                            "not a FILE:LINE:COLUMN line: {line}\n{text}"
                        );
                    }
                }
                other => prop_assert!(false, "exit {other}: {}\n{text}", o.stderr),
            }
            Ok(())
        })
        .unwrap();
}

/// Walks a JSON value and replaces the `n`-th number or string with `with`.
fn replace_nth(v: &mut serde_json::Value, n: &mut usize, with: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(_) | serde_json::Value::String(_) => {
            if *n == 0 {
                *v = with.clone();
                return true;
            }
            *n -= 1;
            false
        }
        serde_json::Value::Array(a) => a.iter_mut().any(|x| replace_nth(x, n, with)),
        serde_json::Value::Object(o) => o.values_mut().any(|x| replace_nth(x, n, with)),
        _ => false,
    }
}

#[test]
fn mutated_rubrics_are_loaded_or_refused_in_one_line() {
    let default = ipguard::rubric::Rubric::default_rubric().to_json();
    let base: serde_json::Value = serde_json::from_str(&default).unwrap();
    let replacement = prop_oneof![
        Just(serde_json::json!(0)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(0.125)),
        Just(serde_json::json!(1e12)),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!("x")),
        Just(serde_json::json!(null)),
        Just(serde_json::json!([])),
    ];
    let mut runner = runner(2000);
    runner
        .run(
            &(0usize..400, replacement, 0usize..default.len() + 1),
            |(n, with, cut)| {
                let mut v = base.clone();
                let mut k = n;
                replace_nth(&mut v, &mut k, &with);
                let text = v.to_string();
                for candidate in [text.as_str(), &default[..default.floor_char_boundary(cut)]] {
                    match ipguard::rubric::Rubric::from_json(candidate) {
                        Ok(r) => {
                            let card = ipguard::rubric::engine::score(
                                &r,
                                &Default::default(),
                                "2024".parse().unwrap(),
                                chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                            );
                            prop_assert!(card.total.0 >= 0);
                        }
                        Err(e) => prop_assert!(!e.is_empty() && !e.contains('\n'), "{e}"),
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn a_broken_rubric_file_is_refused_by_the_binary() {
    let wd = Workdir::new();
    wd.write("r.json", "{\"id\": \"x\", ");
    let o = wd.run(&["rubric", "check", "r.json"]);
    assert_eq!(o.code, 3, "{}", o.stderr);
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
}

/// Cells built from the classes of hostile input: broken quoting, bytes of other encodings,
/// control characters and separators, huge cells, every kind of line end.
fn hostile_cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"C-1".to_vec()),
        Just(b"CQ-YZ-001".to_vec()),
        Just(b"2024-03-05".to_vec()),
        Just("重庆某某科技有限公司".as_bytes().to_vec()),
        // Quotes.
        Just(b"\"a, \"\"b\"\"\"".to_vec()),
        Just(b"\"ab\"cd".to_vec()),
        Just(b"ab\"cd".to_vec()),
        Just(b"\"never closed".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\"multi\r\nline\rcell\n\"".to_vec()),
        // Encodings.
        Just(b"Caf\xe9".to_vec()),
        Just(b"\xd6\xd8\xc7\xec".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\x80".to_vec()),
        Just(b"\xef\xbb\xbfbom".to_vec()),
        // Controls and separators.
        Just(b"\x1b]0;pwned\x07\x1b[2J2024".to_vec()),
        Just(b"nul\x00byte".to_vec()),
        Just(b"vt\x0bff\x0c".to_vec()),
        Just("nel\u{85}ls\u{2028}bidi\u{202e}".as_bytes().to_vec()),
        Just(b"=HYPERLINK(\"http://x\")".to_vec()),
        Just(b"'=quoted".to_vec()),
        // Huge cells.
        Just(vec![b'9'; 5000]),
        Just(vec![b'x'; 400_000]),
        "\\PC{0,8}".prop_map(String::into_bytes),
    ]
}

fn hostile_file() -> impl Strategy<Value = Vec<u8>> {
    let line_end = prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\r"[..])];
    (
        proptest::sample::subsequence(COLUMNS[4..19].to_vec(), 0..4),
        proptest::collection::vec(proptest::collection::vec(hostile_cell(), 3..9), 0..5),
        line_end,
    )
        .prop_map(|(more, rows, end)| {
            // The required columns always, so that rows are read, not only the header.
            let mut cols = vec!["id", "station", "enterprise"];
            cols.extend(more.iter().filter(|c| **c != "received_on"));
            cols.push("received_on");
            let mut s = cols.join(",").into_bytes();
            s.extend_from_slice(end);
            for r in rows {
                s.extend_from_slice(&r.join(&b","[..]));
                s.extend_from_slice(end);
            }
            s
        })
}

/// The lines of `bytes` as the file has them (CRLF, LF or a lone CR end one).
fn count_lines(bytes: &[u8]) -> usize {
    let mut n = 1;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\r' || (*b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')) {
            n += 1;
        }
    }
    n
}

#[test]
fn hostile_cells_never_panic_reach_the_terminal_or_the_store() {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中站",
        "--on",
        "2024-01-01",
    ]);
    let mut runner = runner(64);
    runner
        .run(&hostile_file(), |bytes| {
            wd.write("cases.csv", &bytes);
            let before = wd.dump();
            let o = wd.run(&["import", "cases", "cases.csv"]);
            let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
            prop_assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
            prop_assert!(
                !o.stderr
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || c == '\u{2028}' || c == '\u{202e}'),
                "a control character reached stderr: {:?}",
                o.stderr
            );
            prop_assert!(
                o.stderr.lines().all(|l| l.len() < 1200),
                "a huge line: {}",
                o.stderr.len()
            );
            match o.code {
                0 => {
                    let stored = wd.dump();
                    prop_assert!(!stored.contains('\u{fffd}'), "U+FFFD stored from {shown:?}");
                    prop_assert!(!stored.contains('\u{1b}') && !stored.contains('\r'), "{stored}");
                }
                3 => {
                    prop_assert_eq!(&before, &wd.dump(), "a refused file changed the database");
                    for line in o
                        .stderr
                        .lines()
                        .filter(|l| !l.starts_with("… and ") && !l.starts_with("cases.csv: "))
                    {
                        prop_assert!(
                            is_row_error(line),
                            "not a FILE:LINE:COLUMN line: {line}\n{shown:?}"
                        );
                        let n: usize = line.split(':').nth(1).unwrap().parse().unwrap();
                        prop_assert!(
                            n <= count_lines(&bytes),
                            "line {n} beyond the file: {line}\n{shown:?}"
                        );
                    }
                }
                other => prop_assert!(false, "exit {other}: {}\n{shown:?}", o.stderr),
            }
            Ok(())
        })
        .unwrap();
}
