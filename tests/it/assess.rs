//! `station assess`: a pass accepts the station, a fail revokes it only when confirmed, refusals.

use crate::workdir::Workdir;

fn established() -> Workdir {
    let wd = crate::report_doc::fixture();
    // An easy rubric (pass from 1 point) for the passing case.
    let text = wd.ok(&["rubric", "export"]);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["id"] = "easy".into();
    v["grades"][0]["min"] = 50.into();
    v["grades"][1]["min"] = 1.into();
    wd.write("easy.json", v.to_string());
    wd
}

fn rows(wd: &Workdir) -> String {
    wd.query("SELECT group_concat(station || ' ' || kind || ' ' || period || ' ' || on_date || ' ' || total_cents || ' ' || grade || ' ' || rubric_id, '; ') FROM assessments")
}

#[test]
fn a_passed_acceptance_accepts_the_station() {
    let wd = established();
    let out = wd.ok(&[
        "--rubric",
        "easy.json",
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"], "2024-01-10..2025-01-09");
    assert_eq!(v["grade"], "pass");
    assert_eq!(v["scorecard"]["rubric"], "easy");
    let total = v["total"].to_string();
    assert_eq!(v["scorecard"]["total"].to_string(), total);
    assert_eq!(total, "23.46");
    assert_eq!(
        rows(&wd),
        "S1 acceptance 2024-01-10..2025-01-09 2025-01-10 2346 pass easy"
    );
    // The stored scorecard is the score command's JSON at the same date.
    let score = wd.ok(&[
        "--rubric",
        "easy.json",
        "score",
        "--station",
        "S1",
        "--period",
        "2024-01-10..2025-01-09",
        "--as-of",
        "2025-01-10",
        "--format",
        "json",
    ]);
    let s: serde_json::Value = serde_json::from_str(&score).unwrap();
    assert_eq!(v["scorecard"], s);
    assert_eq!(
        wd.query("SELECT status || ' ' || status_on FROM stations"),
        "accepted 2025-01-10"
    );
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'assessment'"),
        "1"
    );
    let card = wd.query("SELECT scorecard FROM assessments");
    assert!(card.contains(r#""items":[{"id":"1.1""#), "{card}");
    let show = wd.ok(&["station", "show", "S1"]);
    assert!(
        show.contains("│ 2025-01-10 ┆ acceptance ┆ 2024-01-10..2025-01-09 ┆"),
        "{show}"
    );
    let json = wd.ok(&["station", "show", "S1", "--format", "json"]);
    assert!(json.contains(r#""kind": "acceptance""#), "{json}");
    // Assessing the same period again is refused.
    let e = wd.refused(
        &[
            "--rubric",
            "easy.json",
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2025-01-10",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: station S1 is accepted: an acceptance assessment is for a station that is established\n"
    );
}

#[test]
fn a_failed_acceptance_without_confirmation_leaves_the_station() {
    let wd = established();
    let o = wd.run(&[
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-10",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("fail"), "{}", o.stdout);
    assert_eq!(
        o.stderr,
        "station S1 failed; its status is unchanged. To revoke it: ipguard station advance S1 --to revoked --on 2025-01-10 --note 'acceptance assessment 2024-01-10..2025-01-09: 23.46 (fail)'\n"
    );
    assert_eq!(
        rows(&wd),
        "S1 acceptance 2024-01-10..2025-01-09 2025-01-10 2346 fail cq-2022"
    );
    assert_eq!(wd.query("SELECT status FROM stations"), "established");
    // Assessing the same period again is refused: the result stands.
    let e = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2025-01-11",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: the acceptance assessment of station S1 for 2024-01-10..2025-01-09 was already recorded on 2025-01-10 (fail)\n"
    );
    // Confirming the stored fail later revokes the station on the assessment's date.
    let o = wd.run(&[
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-11",
        "--confirm-revoke",
    ]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "station S1 revoked on 2025-01-10 on its stored acceptance result for 2024-01-10..2025-01-09 (23.46, fail): it accepts no new cases\n"
        )
    );
    assert_eq!(
        wd.query("SELECT status || ' ' || status_on FROM stations"),
        "revoked 2025-01-10"
    );
    assert_eq!(wd.query("SELECT count(*) FROM assessments"), "1");
}

#[test]
fn a_failed_acceptance_with_confirmation_revokes_and_stops_new_cases() {
    let wd = established();
    let o = wd.run(&[
        "station",
        "assess",
        "S1",
        "--kind",
        "acceptance",
        "--on",
        "2025-01-10",
        "--confirm-revoke",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "station S1 revoked on 2025-01-10: it accepts no new cases\n"
    );
    assert_eq!(
        wd.query("SELECT status || ' ' || status_on FROM stations"),
        "revoked 2025-01-10"
    );
    assert_eq!(wd.query("SELECT count(*) FROM assessments"), "1");
    wd.refused(
        &[
            "case",
            "add",
            "--station",
            "S1",
            "--enterprise",
            "某公司",
            "--received",
            "2025-02-01",
        ],
        3,
    );
}

#[test]
fn assess_refuses_an_unknown_station() {
    let wd = established();
    let e = wd.refused(
        &[
            "station",
            "assess",
            "NOPE",
            "--kind",
            "acceptance",
            "--on",
            "2025-01-10",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: station `NOPE` does not exist (see `ipguard station list`)\n"
    );
}

#[test]
fn assess_refuses_a_date_in_the_future() {
    let wd = established();
    let e = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2025-03-02",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: the assessment date 2025-03-02 is in the future (today is 2025-03-01): record things once they happened\n"
    );
}

#[test]
fn assess_refuses_a_kind_period_or_date_that_does_not_fit() {
    let wd = established();
    let e = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "biennial",
            "--on",
            "2025-01-10",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: station S1 is established: a biennial assessment is for a station that is accepted\n"
    );
    wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2025-01-10",
            "--period",
            "2024Q9",
        ],
        2,
    );
    let e = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2024-12-01",
            "--period",
            "2025",
        ],
        2,
    );
    assert_eq!(
        e,
        "error: --on 2024-12-01 is before the period 2025 starts (2025-01-01): give a date on or after it\n"
    );
    wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "yearly",
            "--on",
            "2025-01-10",
        ],
        2,
    );
    let e = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2024-01-09",
        ],
        3,
    );
    assert_eq!(e, "error: the assessment date 2024-01-09 is before the station's last step (established on 2024-01-10)\n");
}

#[test]
fn a_biennial_assessment_covers_the_two_calendar_years_before_it() {
    let wd = Workdir::new();
    wd.write(
        "stations.csv",
        "code,name,status,status_on,established_on\nS2,乙站,accepted,2022-01-20,2021-01-10\n",
    );
    wd.ok(&["import", "stations", "stations.csv"]);
    wd.ok(&[
        "station",
        "assess",
        "S2",
        "--kind",
        "biennial",
        "--on",
        "2025-02-01",
    ]);
    assert_eq!(rows(&wd), "S2 biennial 2023-2024 2025-02-01 500 fail cq-2022");
    assert_eq!(wd.query("SELECT status FROM stations"), "accepted");
}

#[test]
fn an_acceptance_waits_for_the_end_of_the_construction_year() {
    let wd = established();
    // Established 2024-01-10: the construction year ends 2025-01-09.
    let err = wd.refused(
        &[
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2024-10-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: station S1's construction year runs until 2025-01-09: its acceptance can be assessed from 2025-01-10\n"
    );
    assert_eq!(rows(&wd), "NULL");
}

#[test]
fn an_assessment_recorded_but_not_printed_is_still_a_success() {
    let wd = established();
    let out = wd
        .std_cmd(&[
            "--rubric",
            "easy.json",
            "station",
            "assess",
            "S1",
            "--kind",
            "acceptance",
            "--on",
            "2025-01-10",
        ])
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "the assessment was recorded, but stdout could not take it (No space left on device (os error 28)): see `ipguard station show S1`\n"
        ),
        "{err}"
    );
    assert_eq!(
        rows(&wd),
        "S1 acceptance 2024-01-10..2025-01-09 2025-01-10 2346 pass easy"
    );
}

#[test]
fn the_lowest_grade_of_the_rubric_revokes_whatever_it_is_called() {
    let wd = Workdir::new();
    wd.write(
        "stations.csv",
        "code,name,status,status_on,established_on\nS2,乙站,accepted,2022-01-20,2021-01-10\n",
    );
    wd.ok(&["import", "stations", "stations.csv"]);
    let text = wd.ok(&["rubric", "export"]);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Two grades, the lower one `pass` (the store holds the ids excellent, pass and fail).
    v["id"] = "renamed".into();
    v["grades"] = serde_json::json!([
        {"id": "excellent", "name_zh": "优秀", "name_en": "excellent", "min": 60},
        {"id": "pass", "name_zh": "合格", "name_en": "pass", "min": 0}
    ]);
    wd.write("renamed.json", v.to_string());
    let check = wd.run(&["rubric", "check", "renamed.json"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (
            0,
            "renamed.json: rubric `renamed` is valid\n\
             its lowest grade, `pass`, fails a biennial assessment: with --confirm-revoke it revokes the station\n"
        )
    );
    wd.ok(&["rubric", "use", "renamed.json"]);
    let o = wd.run(&[
        "station",
        "assess",
        "S2",
        "--kind",
        "biennial",
        "--on",
        "2025-02-01",
        "--confirm-revoke",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "station S2 revoked on 2025-02-01: it accepts no new cases\n"
    );
    assert_eq!(rows(&wd), "S2 biennial 2023-2024 2025-02-01 500 pass renamed");
    assert_eq!(
        wd.query("SELECT status || ' ' || status_on FROM stations"),
        "revoked 2025-02-01"
    );
}
