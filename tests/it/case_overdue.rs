//! `case list --overdue` at the boundaries of each limit, its agreement with the score's
//! evidence, and `case list --format csv` against `export cases`.

use crate::workdir::Workdir;
use serde_json::Value;

/// One station; cases on the edges of each limit (acceptance 3, handling 30, follow-up 30).
const CASES: &str = "\
id,station,enterprise,received_on,accepted_on,closed_on,effective,followup_on,overdue_reason,source,kind
A-3,CQ-YZ-001,甲,2024-03-01,2024-03-04,,,,,enterprise,guidance
A-4,CQ-YZ-001,乙,2024-03-01,2024-03-05,,,,展会延期,enterprise,guidance
H-30,CQ-YZ-001,丙,2024-04-01,2024-04-01,2024-05-01,yes,2024-05-31,,enterprise,guidance
H-31,CQ-YZ-001,丁,2024-04-01,2024-04-01,2024-05-02,yes,2024-06-02,,enterprise,guidance
O-1,CQ-YZ-001,戊,2024-06-01,,,,,,enterprise,guidance
";

fn seeded() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区工作站",
        "--on",
        "2024-01-05",
    ]);
    wd.import("cases", CASES);
    wd
}

/// `(id, limit, days, over_by, done, reason)` of each row of the JSON.
fn rows(wd: &Workdir, as_of: &str) -> Vec<(String, String, i64, i64, bool, String)> {
    let out = wd.ok(&["case", "list", "--overdue", "--as-of", as_of, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["limit"].as_str().unwrap().to_string(),
                r["days"].as_i64().unwrap(),
                r["over_by"].as_i64().unwrap(),
                r["done"].as_bool().unwrap(),
                // No reason is `null`, never "".
                match &r["overdue_reason"] {
                    Value::Null => String::new(),
                    reason => reason.as_str().filter(|s| !s.is_empty()).unwrap().to_string(),
                },
            )
        })
        .collect()
}

fn row(
    id: &str,
    limit: &str,
    days: i64,
    over: i64,
    done: bool,
    reason: &str,
) -> (String, String, i64, i64, bool, String) {
    (id.into(), limit.into(), days, over, done, reason.into())
}

#[test]
fn overdue_at_each_boundary() {
    let wd = seeded();
    // 2024-06-04: O-1 received 3 days ago is still pending; A-3's handling (start 03-04) and
    // A-4's (start 03-05) are open past 30 days.
    assert_eq!(
        rows(&wd, "2024-06-04"),
        vec![
            row("A-3", "handling", 92, 62, false, ""),
            row("A-4", "acceptance", 4, 1, true, "展会延期"),
            row("A-4", "handling", 91, 61, false, "展会延期"),
            row("H-31", "handling", 31, 1, true, ""),
            row("H-31", "followup", 31, 1, true, ""),
        ]
    );
    // One day later O-1 has waited 4 days for acceptance.
    let later = rows(&wd, "2024-06-05");
    assert_eq!(later.last(), Some(&row("O-1", "acceptance", 4, 1, false, "")));
    assert!(!later.iter().any(|r| r.0 == "A-3" && r.1 == "acceptance"));
    assert!(!later.iter().any(|r| r.0 == "H-30"));
}

#[test]
fn overdue_ignores_what_happened_after_the_as_of_date() {
    let wd = seeded();
    // On 2024-03-04 A-4 (accepted 03-05) is not accepted yet and has waited 3 days: pending.
    assert_eq!(rows(&wd, "2024-03-04"), vec![]);
    assert_eq!(
        rows(&wd, "2024-03-05"),
        vec![row("A-4", "acceptance", 4, 1, true, "展会延期")]
    );
}

#[test]
fn overdue_table_names_limit_days_and_reason() {
    let wd = seeded();
    let out = wd.ok(&[
        "--style",
        "ascii",
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2024-03-05",
    ]);
    let line = out.lines().find(|l| l.contains("A-4")).unwrap();
    let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
    assert_eq!(
        cells,
        [
            "A-4",
            "CQ-YZ-001",
            "乙",
            "2024-03-01",
            "acceptance (3)",
            "4",
            "1",
            "done late",
            "展会延期"
        ]
    );
    let open = wd.ok(&[
        "--style",
        "ascii",
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2024-06-05",
    ]);
    let line = open.lines().find(|l| l.contains("O-1")).unwrap();
    assert!(
        line.contains("| acceptance (3) | 4    | 1       | not done  |"),
        "{line}"
    );
    let zh = wd.ok(&[
        "--lang",
        "zh",
        "--style",
        "ascii",
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2024-03-05",
    ]);
    assert!(zh.contains("| 受理 (3) "), "{zh}");
    let err = wd.fails(&["case", "list", "--overdue", "--as-of", "2024-03-04"], 0);
    assert_eq!(err.trim_end(), "no case is past a time limit on 2024-03-04");
}

#[test]
fn overdue_refusals() {
    let wd = seeded();
    let err = wd.refused(&["case", "list", "--as-of", "2024-03-04"], 2);
    assert!(err.contains("--overdue"), "{err}");
    let err = wd.refused(&["case", "list", "--overdue", "--format", "csv"], 2);
    assert_eq!(
        err.trim_end(),
        "error: this command does not print --format csv: use table or json"
    );
    let err = wd.refused(
        &[
            "case",
            "list",
            "--overdue",
            "--period",
            "2025",
            "--as-of",
            "2024-12-31",
        ],
        2,
    );
    assert_eq!(
        err.trim_end(),
        "error: --as-of 2024-12-31 is before the period 2025 starts (2025-01-01): give a date on or after it"
    );
}

/// The case ids the score's `--explain` calls late under `item` (`2.1`, `2.2`).
fn explained_late(wd: &Workdir, station: &str, item: &str) -> Vec<String> {
    let out = wd.ok(&[
        "score",
        "--station",
        station,
        "--period",
        "2024",
        "--as-of",
        "2025-03-01",
        "--explain",
    ]);
    let start = out.find(&format!("\n{item} ")).unwrap();
    let block = &out[start + 1..];
    let end = block.find("\n\n").unwrap_or(block.len());
    let mut ids: Vec<String> = block[..end]
        .lines()
        .skip(1)
        .filter(|l| l.contains(": late"))
        .map(|l| l.trim().split([':', ' ']).next().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn overdue_names_the_late_cases_of_the_score() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    for station in ["CQ-YZ-001", "CQ-LJ-002", "CQ-YC-003"] {
        let out = wd.ok(&[
            "case",
            "list",
            "--overdue",
            "--station",
            station,
            "--period",
            "2024",
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
        ]);
        let v: Value = serde_json::from_str(&out).unwrap();
        for (item, limit) in [("2.1", "acceptance"), ("2.2", "handling")] {
            let mut listed: Vec<String> = v
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["limit"] == limit)
                .map(|r| r["id"].as_str().unwrap().to_string())
                .collect();
            listed.sort();
            assert_eq!(listed, explained_late(&wd, station, item), "{station} {item}");
        }
    }
    // The demo's two-speed station does have late cases under both items.
    assert_eq!(explained_late(&wd, "CQ-LJ-002", "2.1").len(), 5);
    assert_eq!(explained_late(&wd, "CQ-LJ-002", "2.2").len(), 5);
}

#[test]
fn case_list_csv_is_the_export() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    for args in [
        vec!["--station", "CQ-LJ-002"],
        vec!["--station", "CQ-YC-003", "--period", "2024Q3"],
    ] {
        let mut list = vec!["case", "list", "--format", "csv"];
        list.extend(&args);
        let mut export = vec!["export", "cases"];
        export.extend(&args);
        let mut a: Vec<String> = wd.ok(&list).lines().map(String::from).collect();
        let mut b: Vec<String> = wd.ok(&export).lines().map(String::from).collect();
        assert_eq!(a[0], b[0]);
        assert!(a[0].starts_with("id,station,enterprise,credit_code,received_on,"));
        assert!(a.len() > 2);
        // Same rows; the list is by received date, the export by id.
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
