//! The audit log's file-only tests: `backup FILE` (a private copy that verifies, removed when
//! it does not), a damaged file, and the actor taken from the OS user (on a server the actor is
//! the role logged in: tests/it/server.rs).

use crate::audit::three_writes;
use crate::workdir::Workdir;

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
    wd.sql("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
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

/// A row whose reference points nowhere: a file's foreign keys are off to any other SQLite
/// client (PRAGMA foreign_keys), a server's are enforced on every statement.
#[test]
fn check_reports_a_broken_reference_and_exits_5() {
    let wd = Workdir::new();
    three_writes(&wd);
    wd.sql("PRAGMA foreign_keys = OFF; INSERT INTO station_history (station, status, on_date) VALUES ('GONE', 'applied', '2024-01-01');");
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
        format!("error: check found 1 problem(s) in {}\n", wd.shown())
    );
}
