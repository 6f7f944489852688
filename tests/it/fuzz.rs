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
