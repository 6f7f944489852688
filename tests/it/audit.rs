//! The audit log (every write, hash-chained), its verification and anchoring; backup and check.

use crate::workdir::Workdir;

fn three_writes(wd: &Workdir) {
    wd.ok(&["station", "add", "A-1", "--name", "甲站", "--on", "2024-01-05"]);
    wd.ok(&["station", "add", "A-2", "--name", "乙站", "--on", "2024-01-05"]);
    wd.ok(&["station", "conditions", "A-1", "--met", "1,2"]);
}

/// Writes past the front door on purpose: the tests that tamper with the file (the audit log,
/// a reference) to show that verify and check find it.
fn sql(wd: &Workdir, statement: &str) {
    rusqlite::Connection::open(wd.db())
        .unwrap()
        .execute_batch(statement)
        .unwrap();
}

#[test]
fn every_write_is_logged_with_actor_command_and_before_after() {
    let wd = Workdir::new();
    three_writes(&wd);
    assert_eq!(wd.query("SELECT count(*) FROM audit_log"), "3");
    assert_eq!(
        wd.query("SELECT actor || '|' || command || '|' || entity || '|' || entity_key FROM audit_log WHERE seq = 3"),
        "tester|station conditions|station|A-1"
    );
    let before = wd.query("SELECT before_json FROM audit_log WHERE seq = 3");
    let after = wd.query("SELECT after_json FROM audit_log WHERE seq = 3");
    assert!(
        before.contains("\"conditions\":[false,false,false,false,false]"),
        "{before}"
    );
    assert!(
        after.contains("\"conditions\":[true,true,false,false,false]"),
        "{after}"
    );
    let list = wd.ok(&["audit", "list", "--station", "A-2", "--format", "json"]);
    assert_eq!(list.matches("\"seq\"").count(), 1, "{list}");
}

#[test]
fn a_refused_write_leaves_no_entry() {
    let wd = Workdir::new();
    three_writes(&wd);
    wd.refused(
        &[
            "station",
            "advance",
            "A-1",
            "--to",
            "recommended",
            "--on",
            "2024-02-01",
        ],
        3,
    );
    assert_eq!(wd.query("SELECT count(*) FROM audit_log"), "3");
}

#[test]
fn verify_passes_on_an_intact_chain() {
    let wd = Workdir::new();
    three_writes(&wd);
    let head = wd.ok(&["audit", "head"]);
    let out = wd.ok(&["audit", "verify"]);
    assert_eq!(out, format!("audit log intact: 3 entries, head {head}"));
}

#[test]
fn verify_names_an_edited_entry() {
    let wd = Workdir::new();
    three_writes(&wd);
    sql(&wd, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
    let err = wd.fails(&["audit", "verify"], 5);
    assert_eq!(
        err,
        "error: audit log damaged at entry 2: entry 2 was edited: its content no longer matches its hash\n"
    );
}

#[test]
fn verify_names_a_deleted_entry() {
    let wd = Workdir::new();
    three_writes(&wd);
    sql(&wd, "DELETE FROM audit_log WHERE seq = 2");
    let err = wd.fails(&["audit", "verify"], 5);
    assert_eq!(
        err,
        "error: audit log damaged at entry 3: entry 3 follows entry 1: entry 2 is missing\n"
    );
}

#[test]
fn verify_names_reordered_entries() {
    let wd = Workdir::new();
    three_writes(&wd);
    // Swap the content of entries 2 and 3, renumbering them so the sequence looks whole.
    sql(
        &wd,
        "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = -2;",
    );
    let err = wd.fails(&["audit", "verify"], 5);
    assert_eq!(
        err,
        "error: audit log damaged at entry 2: entry 2 does not link to the entry before it (deleted, inserted or re-ordered)\n"
    );
}

#[test]
fn an_anchor_detects_a_rewritten_history() {
    let wd = Workdir::new();
    three_writes(&wd);
    let head = wd.ok(&["audit", "head"]).trim().to_string();
    wd.ok(&["station", "add", "A-3", "--name", "丙站", "--on", "2024-01-06"]);
    let out = wd.ok(&["audit", "verify", "--head", &head]);
    assert!(out.ends_with("the given head is entry 3\n"), "{out}");
    // Rewrite the whole chain from scratch: the chain verifies, the old head is gone.
    sql(&wd, "DELETE FROM audit_log");
    wd.ok(&["station", "conditions", "A-2", "--met", "1"]);
    wd.ok(&["audit", "verify"]);
    let err = wd.fails(&["audit", "verify", "--head", &head], 5);
    assert_eq!(
        err,
        format!("error: the audit log no longer contains the head {head}: its history was rewritten since that head was taken (or the hash is not from this database)\n")
    );
}

#[test]
fn backup_is_private_and_verifies() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    three_writes(&wd);
    let copy = wd.path().join("copy.db");
    let o = wd.run(&["backup", copy.to_str().unwrap()]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            format!("backup written to {} and verified\n", copy.display()).as_str()
        )
    );
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let listed = wd
        .cmd(&["station", "list", "--format", "json"])
        .env("IPGUARD_DB", &copy)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("A-2"));
    let err = wd.refused(&["backup", copy.to_str().unwrap()], 3);
    assert_eq!(
        err,
        format!(
            "error: {} already exists: choose a new file name (a backup never overwrites)\n",
            copy.display()
        )
    );
}

#[test]
fn check_reports_each_part_and_exits_5_on_damage() {
    let wd = Workdir::new();
    three_writes(&wd);
    let out = wd.ok(&["check"]);
    assert!(
        out.starts_with(
            "integrity_check: ok\nforeign_key_check: ok\nrecords: ok\naudit verify: audit log intact: 3 entries"
        ),
        "{out}"
    );
    sql(&wd, "PRAGMA foreign_keys = OFF; INSERT INTO station_history (station, status, on_date) VALUES ('GONE', 'applied', '2024-01-01');");
    let o = wd.run(&["check"]);
    assert_eq!(o.code, 5);
    assert!(
        o.stdout.contains(
            "foreign_key_check: station_history (row id 3) refers to a row of stations that does not exist"
        ),
        "{}",
        o.stdout
    );
    assert_eq!(
        o.stderr,
        format!("error: check found 1 problem(s) in {}\n", wd.db().display())
    );
}

#[test]
fn check_reports_a_damaged_file_with_exit_5() {
    let wd = Workdir::new();
    for i in 0..40 {
        wd.ok(&[
            "station",
            "add",
            &format!("S-{i}"),
            "--name",
            &format!("工作站{i}"),
            "--on",
            "2024-01-05",
        ]);
    }
    let len = std::fs::metadata(wd.db()).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(wd.db()).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let o = wd.run(&["check"]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("integrity_check: the database file is damaged ("),
        "{}",
        o.stdout
    );
    assert_eq!(
        o.stderr,
        format!("error: check found 1 problem(s) in {}\n", wd.db().display())
    );
    assert_eq!(
        wd.run(&["station", "list"]).code,
        5,
        "any command meeting the damage exits 5"
    );
}

#[test]
fn a_head_is_read_in_any_case_and_checked_for_shape() {
    let wd = Workdir::new();
    wd.create_db();
    let genesis = wd.ok(&["audit", "head"]).trim().to_string();
    assert_eq!(genesis, "0".repeat(64));
    three_writes(&wd);
    assert!(wd
        .ok(&["audit", "verify", "--head", &genesis])
        .ends_with("the given head is entry 0\n"));
    let head = wd.ok(&["audit", "head"]).trim().to_string();
    let out = wd.ok(&["audit", "verify", "--head", &head.to_uppercase()]);
    assert!(out.ends_with("the given head is entry 3\n"), "{out}");
    let err = wd.fails(&["audit", "verify", "--head", "abc"], 2);
    assert_eq!(
        err,
        "error: --head `abc` is not a head hash: give the 64 hexadecimal digits `ipguard audit head` printed\n"
    );
}

#[test]
fn the_actor_is_the_os_user_when_nothing_names_one() {
    let wd = Workdir::new();
    let o = wd
        .cmd(&["station", "add", "A-1", "--name", "甲站", "--on", "2024-01-05"])
        .env_remove("IPGUARD_ACTOR")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    assert!(o.status.success());
    let actor = wd.query("SELECT actor FROM audit_log");
    assert!(!actor.is_empty() && actor != "unknown", "{actor}");
}

#[test]
fn a_backup_of_a_tampered_database_is_removed() {
    let wd = Workdir::new();
    three_writes(&wd);
    sql(&wd, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
    let copy = wd.path().join("copy.db");
    let err = wd.fails(&["backup", copy.to_str().unwrap()], 5);
    assert_eq!(
        err,
        format!(
            "error: the backup {} does not verify, so it was not written: audit verify: audit log damaged at entry 2: entry 2 was edited: its content no longer matches its hash (run `ipguard check` on the database)\n",
            copy.display()
        )
    );
    assert!(!copy.exists());
}

#[test]
fn audit_list_filters_by_date_and_names_entities() {
    let wd = Workdir::new();
    three_writes(&wd);
    let table = wd.ok(&[
        "--lang",
        "zh",
        "audit",
        "list",
        "--station",
        "A-1",
        "--style",
        "ascii",
    ]);
    assert!(
        table.contains("| station add        | 工作站 | A-1 | 新增 |"),
        "{table}"
    );
    assert!(
        table.contains("| station conditions | 工作站 | A-1 | 修改 |"),
        "{table}"
    );
    assert_eq!(
        wd.ok(&["audit", "list", "--since", "2099-01-01", "--format", "json"]),
        "[]\n"
    );
    let err = wd.refused(&["audit", "list", "--station", "NOPE"], 3);
    assert_eq!(
        err,
        "error: station `NOPE` does not exist (see `ipguard station list`)\n"
    );
}
