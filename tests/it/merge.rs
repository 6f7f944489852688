//! `copy --station CODE`: a station's copy taken away and merged back — its own work added or
//! updated, the office's records never taken, conflicts listed with both values and nothing
//! written, `--prefer` settling them, `--dry-run` writing nothing, one audit entry per merge,
//! and the same merge again changing nothing. On files and on a server.

use crate::pg::Db;
use crate::workdir::Workdir;

fn run(wd: &Workdir, args: &[&str]) -> (i32, String, String) {
    let o = wd.cmd(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn on(wd: &Workdir, db: &str, args: &[&str]) -> String {
    let o = wd.cmd(args).env("IPGUARD_DB", db).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The office's store: the demo. The station CQ-LJ-002 takes a copy away to `station.db`.
fn office_and_copy() -> (Workdir, String, String) {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    let office = wd.db().display().to_string();
    let copy = wd.path().join("station.db").display().to_string();
    let (code, out, err) = run(
        &wd,
        &["copy", "--station", "CQ-LJ-002", "--from", &office, "--to", &copy],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        err,
        format!("copied station CQ-LJ-002 from {office} to {copy}: 1 stations, 1 station_history, 1 awards, 1 complaints, 25 cases, 3 case_events, 9 activities, 3 staff, 5 experts, 1 funding, 6 reports\n")
    );
    (wd, office, copy)
}

#[test]
fn a_station_copy_scores_as_the_office_does_and_its_work_merges_back_once() {
    let (wd, office, copy) = office_and_copy();
    let score = ["score", "--station", "CQ-LJ-002", "--period", "2024", "--explain"];
    assert_eq!(on(&wd, &copy, &score), on(&wd, &office, &score));
    // The station works offline: a new case, a note, a corrected summary.
    let id = on(
        &wd,
        &copy,
        &[
            "case",
            "add",
            "--station",
            "CQ-LJ-002",
            "--enterprise",
            "离线企业",
            "--received",
            "2025-02-20",
        ],
    );
    on(
        &wd,
        &copy,
        &[
            "case",
            "note",
            "CQ-LJ-002-2024-0048",
            "--kind",
            "note",
            "--text",
            "离线备注",
            "--on",
            "2025-02-21",
        ],
    );
    on(
        &wd,
        &copy,
        &["case", "set", "CQ-LJ-002-2024-0047", "--summary", "离线修改"],
    );
    // Meanwhile the office records an award for another station: not a conflict.
    on(
        &wd,
        &office,
        &[
            "award",
            "add",
            "--station",
            "CQ-YZ-001",
            "--item",
            "B1",
            "--points",
            "1",
            "--reason",
            "r",
            "--on",
            "2024-06-01",
        ],
    );
    let before = wd.dump();
    let merge = [
        "copy",
        "--station",
        "CQ-LJ-002",
        "--from",
        copy.as_str(),
        "--to",
        office.as_str(),
    ];
    let mut dry = merge.to_vec();
    dry.push("--dry-run");
    let (code, _, err) = run(&wd, &dry);
    assert_eq!(
        (code, err.as_str()),
        (0, format!("would merge station CQ-LJ-002 from {copy} into {office}: 2 added, 1 updated, 51 unchanged, kept the office's 0 (dry run: nothing written)\n").as_str())
    );
    assert_eq!(before, wd.dump(), "a dry run wrote");
    let (code, _, err) = run(&wd, &merge);
    assert_eq!(
        (code, err.as_str()),
        (0, format!("merged station CQ-LJ-002 from {copy} into {office}: 2 added, 1 updated, 51 unchanged, kept the office's 0\n").as_str())
    );
    let shown = on(&wd, &office, &["case", "show", id.trim()]);
    assert!(shown.contains("离线企业"), "{shown}");
    let shown = on(&wd, &office, &["case", "show", "CQ-LJ-002-2024-0048"]);
    assert!(shown.contains("离线备注"), "{shown}");
    // One audit entry, naming the source, its head and the counts; the chain holds.
    let head = on(&wd, &copy, &["audit", "head"]);
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log WHERE entity = 'merge'"),
        "1"
    );
    let after = wd.query("SELECT after_json FROM audit_log WHERE entity = 'merge'");
    assert!(
        after.contains(&format!("\"source_audit_head\":\"{}\"", head.trim())),
        "{after}"
    );
    assert!(
        after.contains("\"added\":2") && after.contains("\"updated\":1"),
        "{after}"
    );
    assert!(on(&wd, &office, &["audit", "verify"]).starts_with("audit log intact"));
    // The same merge again changes nothing.
    let before = wd.dump();
    let (code, _, err) = run(&wd, &merge);
    assert_eq!(
        (code, err.as_str()),
        (0, format!("merged station CQ-LJ-002 from {copy} into {office}: 0 added, 0 updated, 54 unchanged, kept the office's 0\n").as_str())
    );
    assert_eq!(before, wd.dump());
}

#[test]
fn the_offices_records_are_kept_and_a_record_changed_on_both_sides_is_a_conflict() {
    let (wd, office, copy) = office_and_copy();
    // The station, offline, grants itself an award and excuses a late case: the office's.
    on(
        &wd,
        &copy,
        &[
            "award",
            "add",
            "--station",
            "CQ-LJ-002",
            "--item",
            "B1",
            "--points",
            "3",
            "--reason",
            "自评",
            "--on",
            "2024-06-01",
        ],
    );
    // The same case's summary changed on both sides.
    on(
        &wd,
        &office,
        &["case", "set", "CQ-LJ-002-2024-0046", "--summary", "市局改"],
    );
    on(
        &wd,
        &copy,
        &["case", "set", "CQ-LJ-002-2024-0046", "--summary", "站改"],
    );
    let merge = [
        "copy",
        "--station",
        "CQ-LJ-002",
        "--from",
        copy.as_str(),
        "--to",
        office.as_str(),
    ];
    let before = wd.dump();
    let (code, out, err) = run(&wd, &merge);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            3,
            "",
            "kept the office's: award CQ-LJ-002|B1|2024-06-01|自评\n\
             conflict: case CQ-LJ-002-2024-0046: summary: source 站改, destination 市局改\n\
             error: 1 record(s) changed on both sides since the copy was made: nothing was written; settle them with --prefer source or --prefer destination\n"
        )
    );
    assert_eq!(before, wd.dump(), "a merge with conflicts wrote");
    // Settled on purpose: the destination's kept…
    let mut keep = merge.to_vec();
    keep.extend(["--prefer", "destination"]);
    let (code, _, err) = run(&wd, &keep);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with("0 added, 0 updated, 52 unchanged, kept the office's 1\n"),
        "{err}"
    );
    assert!(on(&wd, &office, &["case", "show", "CQ-LJ-002-2024-0046"]).contains("市局改"));
    // …or the source's taken; the award never is.
    let mut take = merge.to_vec();
    take.extend(["--prefer", "source"]);
    let (code, _, err) = run(&wd, &take);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with("0 added, 1 updated, 51 unchanged, kept the office's 1\n"),
        "{err}"
    );
    assert!(on(&wd, &office, &["case", "show", "CQ-LJ-002-2024-0046"]).contains("站改"));
    assert_eq!(wd.query("SELECT count(*) FROM awards WHERE reason = '自评'"), "0");
}

#[test]
fn merge_refusals_write_nothing() {
    let (wd, office, copy) = office_and_copy();
    // A station the destination does not have.
    let other = Workdir::new();
    other.import("stations", "code,name\nCQ-X-001,x\n");
    let dst = other.db().display().to_string();
    let before = other.dump();
    let (code, _, err) = run(
        &wd,
        &["copy", "--station", "CQ-LJ-002", "--from", &copy, "--to", &dst],
    );
    assert_eq!(
        (code, err.as_str()),
        (3, "error: the destination has no station CQ-LJ-002: the office registers it first (or copy the station into an empty store)\n")
    );
    assert_eq!(before, other.dump());
    // A station the source does not have.
    let (code, _, err) = run(
        &wd,
        &["copy", "--station", "CQ-NO-001", "--from", &copy, "--to", &office],
    );
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: station `CQ-NO-001` does not exist (see `ipguard station list`)\n"
        )
    );
    // --prefer and --dry-run are a merge's, and need --station.
    let fresh = wd.path().join("fresh.db").display().to_string();
    let (code, _, err) = run(
        &wd,
        &[
            "copy",
            "--station",
            "CQ-LJ-002",
            "--from",
            &office,
            "--to",
            &fresh,
            "--dry-run",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(!std::path::Path::new(&fresh).exists());
    let (code, _, _) = run(
        &wd,
        &["copy", "--from", &office, "--to", &fresh, "--prefer", "source"],
    );
    assert_eq!(code, 2);
}

#[test]
fn a_station_copy_from_the_server_merges_back_into_it() {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    let file = wd.db().display().to_string();
    let o = wd
        .cmd(&["copy", "--from", &file, "--to", &url])
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let copy = wd.path().join("station.db").display().to_string();
    let o = wd
        .cmd(&["copy", "--station", "CQ-YZ-001", "--from", &url, "--to", &copy])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    on(
        &wd,
        &copy,
        &[
            "activity",
            "add",
            "--station",
            "CQ-YZ-001",
            "--kind",
            "training",
            "--on",
            "2025-02-10",
            "--title",
            "离线培训",
            "--participants",
            "12",
        ],
    );
    let merge = |wd: &Workdir| {
        let o = wd
            .cmd(&["copy", "--station", "CQ-YZ-001", "--from", &copy, "--to", &url])
            .env_remove("IPGUARD_ACTOR")
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, err) = merge(&wd);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains(": 1 added, 0 updated, "), "{err}");
    let listed = wd
        .cmd(&["activity", "list", "--station", "CQ-YZ-001"])
        .env("IPGUARD_DB", &url)
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("离线培训"));
    let (code, err) = merge(&wd);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains(": 0 added, 0 updated, "), "{err}");
}

#[test]
fn a_merge_killed_midway_leaves_the_destination_as_it_was() {
    let wd = Workdir::new();
    wd.import("stations", "code,name\nCQ-YZ-001,渝中\n");
    let office = wd.db().display().to_string();
    let copy = wd.path().join("station.db").display().to_string();
    let o = wd
        .cmd(&["copy", "--station", "CQ-YZ-001", "--from", &office, "--to", &copy])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Much offline work to merge.
    let mut csv = String::from("id,station,enterprise,received_on,summary\n");
    for i in 0..40_000 {
        csv.push_str(&format!(
            "C-{i:06},CQ-YZ-001,企业{i},2024-03-01,{}\n",
            "摘要".repeat(20)
        ));
    }
    wd.write("cases.csv", &csv);
    on(&wd, &copy, &["import", "cases", "cases.csv"]);
    // Into the office's file: killed once the merge is writing (its WAL grows).
    let before = wd.dump();
    let wal = wd.path().join("ipguard.db-wal");
    crate::copy::kill_midway(&wd, &copy, &office, &["--station", "CQ-YZ-001"], || {
        std::fs::metadata(&wal).is_ok_and(|m| m.len() > 1_000_000)
    });
    assert_eq!(before, wd.dump());
    // Into a server: killed while its transaction is open; nothing is seen after.
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    let o = wd
        .cmd(&["copy", "--from", &office, "--to", &url])
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut watcher = db.client(&db.owner);
    crate::copy::kill_midway(&wd, &copy, &url, &["--station", "CQ-YZ-001"], || {
        watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                 AND xact_start IS NOT NULL AND backend_type = 'client backend' AND query NOT LIKE 'BEGIN%'
                 AND query LIKE 'INSERT%'",
                &[],
            )
            .unwrap()
            .get::<_, i64>(0)
            > 0
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    let n: i64 = db
        .client(&db.owner)
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    let n: i64 = db
        .client(&db.owner)
        .query_one("SELECT count(*) FROM audit_log WHERE entity = 'merge'", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
}
