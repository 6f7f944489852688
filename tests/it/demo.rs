//! `ipguard demo`: the built-in dataset, its ranking and scorecard, and the refusal to load it
//! into a database that already holds stations.

use crate::workdir::Workdir;

/// The cells of the table rows naming a demo station, up to the first blank line (the ranking).
fn ranking_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with('│') && l.contains("CQ-"))
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn expected() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "1",
            "CQ-YZ-001",
            "渝中区海外知识产权纠纷应对指导工作站",
            "18.75",
            "30.00",
            "20.00",
            "20.00",
            "10.00",
            "5.50",
            "0.00",
            "104.25",
            "excellent",
        ],
        vec![
            "2",
            "CQ-LJ-002",
            "两江新区海外知识产权纠纷应对指导工作站",
            "17.50",
            "24.17",
            "20.00",
            "18.00",
            "10.00",
            "1.50",
            "5.00",
            "86.17",
            "pass",
        ],
        vec![
            "3",
            "CQ-YC-003",
            "永川区海外知识产权纠纷应对指导工作站",
            "6.25",
            "9.59",
            "20.00",
            "14.00",
            "5.00",
            "0.00",
            "10.00",
            "44.84",
            "fail",
        ],
    ]
}

#[test]
fn demo_prints_the_ranking_and_a_scorecard() {
    let wd = Workdir::new();
    let out = wd.ok(&["demo"]);
    assert_eq!(out.lines().next(), Some("Ranking, period 2024, as of 2025-03-01"));
    assert_eq!(ranking_rows(&out), expected());
    assert!(
        out.contains(
            "\nCQ-LJ-002 两江新区海外知识产权纠纷应对指导工作站 · period 2024 (2024-01-01..2024-12-31) · as of 2025-03-01 · rubric cq-2022\n"
        ),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with(
            "base + bonus - penalty = total: 89.67 + 1.50 - 5.00 = 86.17 (as of 2025-03-01)\ngrade: pass"
        ),
        "{out}"
    );
    assert_eq!(wd.query("SELECT count(*) FROM stations"), "3");
    // 60 cases and one collected dispute (kind information) per station, which part 2 and P1
    // leave out: the figures are those of the 60 cases.
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "63");
    assert_eq!(
        wd.query("SELECT count(*) FROM cases WHERE kind = 'information'"),
        "3"
    );
    // The office's decisions on the reasons, and each station's red case with its plan.
    assert_eq!(
        wd.query(
            "SELECT group_concat(coalesce(CAST(reason_accepted AS TEXT), '-'), '') FROM cases WHERE overdue_reason <> ''"
        ),
        "1010101"
    );
    assert_eq!(
        wd.query("SELECT group_concat(e.case_id, ' ') FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'special_plan' AND c.warning_level = 'red'"),
        "CQ-YZ-001-2024-0001 CQ-LJ-002-2024-0029 CQ-YC-003-2024-0049"
    );
    let explain = wd.ok(&[
        "score",
        "--station",
        "CQ-LJ-002",
        "--period",
        "2024",
        "--as-of",
        "2025-03-01",
        "--explain",
    ]);
    assert!(
        explain.contains("\n  CQ-LJ-002-2024-0034 (guidance): late in handling, reason \"境外诉讼程序周期较长\" accepted by the city office: excused\n"),
        "{explain}"
    );
    // The same numbers as score --all on the loaded database.
    let again = wd.ok(&["score", "--all", "--period", "2024", "--as-of", "2025-03-01"]);
    assert_eq!(ranking_rows(&again), expected());
}

#[test]
fn demo_goes_through_import_and_its_audit() {
    let wd = Workdir::new();
    wd.ok(&["demo", "--station", "CQ-YC-003"]);
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
        "9"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'case_event'"),
        "9"
    );
    wd.ok(&["audit", "verify"]);
}

#[test]
fn demo_prints_the_station_asked_for() {
    let wd = Workdir::new();
    let out = wd.ok(&["demo", "--station", "CQ-YC-003"]);
    assert!(
        out.trim_end()
            .ends_with("= 44.84 (as of 2025-03-01)\ngrade: fail"),
        "{out}"
    );
}

#[test]
fn demo_twice_is_refused_and_changes_nothing() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    let err = wd.refused(&["demo"], 3);
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {} already holds 3 station(s): the demo loads into a fresh database (give --db NEW.db)",
            wd.shown()
        )
    );
}

#[test]
fn demo_refuses_a_database_with_any_station() {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-JB-009",
        "--name",
        "江北区工作站",
        "--on",
        "2024-01-05",
    ]);
    let err = wd.refused(&["demo"], 3);
    assert!(err.contains("already holds 1 station(s)"), "{err}");
}

#[test]
fn demo_refuses_a_station_not_in_it() {
    let wd = Workdir::new();
    let err = wd.fails(&["demo", "--station", "CQ-XX-999"], 3);
    assert_eq!(
        err.trim_end(),
        "error: station `CQ-XX-999` is not in the demo dataset: use one of CQ-YZ-001, CQ-LJ-002, CQ-YC-003"
    );
    assert!(wd.untouched());
}

#[test]
fn demo_export_writes_the_csv_files_that_import_loads() {
    let wd = Workdir::new();
    let o = wd.run(&["demo", "--export", "office"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "");
    assert!(
        o.stderr
            .starts_with("office: wrote the demo dataset (stations.csv, "),
        "{}",
        o.stderr
    );
    let mut files: Vec<String> = std::fs::read_dir(wd.path().join("office"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 9, "{files:?}");
    assert!(wd.untouched(), "--export loads nothing");
    wd.ok(&["import", "--dir", "office"]);
    let loaded = Workdir::new();
    loaded.ok(&["demo"]);
    let args = [
        "score",
        "--all",
        "--period",
        "2024",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ];
    let (imported, demo) = (wd.ok(&args), loaded.ok(&args));
    assert!(
        imported == demo && demo.contains("\"total\": 104.25"),
        "the imported CSVs score as the demo does"
    );
    // A directory that exists is not written into.
    let err = wd.fails(&["demo", "--export", "office"], 3);
    assert_eq!(
        err,
        "error: office already exists: give a new directory for the demo's CSV files\n"
    );
}
