//! The database file: creation, old and new schemas, files that are not ipguard databases.

use crate::workdir::Workdir;
use std::os::unix::fs::PermissionsExt;

#[test]
fn opens_a_database_written_by_the_first_schema() {
    let wd = Workdir::new();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schema/v1.db"),
        wd.db(),
    )
    .unwrap();
    let out = wd.ok(&["station", "list", "--format", "json"]);
    assert!(out.contains("\"code\": \"CQ-YZ-001\""), "{out}");
    assert!(out.contains("\"status\": \"applied\""), "{out}");
    assert_eq!(
        wd.query("PRAGMA user_version"),
        ipguard::store::MIGRATIONS.len().to_string(),
        "migrated forward to the current schema"
    );
    // Its five old art. 4 flags were all set: old 3 and 4 carry over as new 2 and 5, the rest
    // are cleared, so the gate asks for the measure's conditions 1, 3 and 4.
    let advance = [
        "station",
        "advance",
        "CQ-YZ-001",
        "--to",
        "recommended",
        "--on",
        "2024-02-01",
    ];
    assert_eq!(
        wd.refused(&advance, 3),
        "error: station CQ-YZ-001 cannot be recommended: art. 4 condition(s) 1, 3, 4 not met (mark them with `ipguard station conditions CQ-YZ-001 --met …`)\n"
    );
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--met", "1,3,4"]);
    wd.ok(&advance);
    wd.ok(&["audit", "verify"]);
}

#[test]
fn a_newer_database_is_refused() {
    let wd = Workdir::new();
    wd.create_db();
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // Written past the front door on purpose: a schema version from a newer ipguard.
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = wd.refused(&["station", "list"], 1);
    assert_eq!(
        err,
        format!(
            "error: the database {} was written by a newer ipguard (schema version 99; this ipguard knows up to {}): upgrade ipguard to open it\n",
            wd.db().display(),
            ipguard::store::MIGRATIONS.len()
        )
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let wd = Workdir::new();
    wd.write("ipguard.db", "name,code\nnot,a database\n");
    let err = wd.fails(&["station", "list"], 1);
    assert_eq!(
        err,
        format!(
            "error: {} is not an ipguard database (it is not a SQLite file)\n",
            wd.db().display()
        )
    );
}

#[test]
fn another_sqlite_database_is_refused() {
    let wd = Workdir::new();
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // Written past the front door on purpose: a SQLite file that is not ipguard's.
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = wd.refused(&["station", "list"], 1);
    assert_eq!(
        err,
        format!(
            "error: {} is a SQLite database but not an ipguard one: choose another file with --db\n",
            wd.db().display()
        )
    );
}

#[test]
fn a_missing_directory_is_named() {
    let wd = Workdir::new();
    let db = wd.path().join("no/such/dir/x.db");
    let o = wd
        .cmd(&["station", "add", "CQ-A", "--name", "甲站", "--on", "2024-01-05"])
        .env("IPGUARD_DB", &db)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: cannot open the database {}: the directory {} does not exist\n",
            db.display(),
            db.parent().unwrap().display()
        )
    );
    assert!(!db.exists());
}

#[test]
fn a_read_only_database_refuses_writes_in_one_sentence() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "A-1", "--name", "甲", "--on", "2024-01-05"]);
    std::fs::set_permissions(wd.db(), std::fs::Permissions::from_mode(0o400)).unwrap();
    assert!(wd.ok(&["station", "list"]).contains("A-1"), "reads still work");
    let err = wd.refused(
        &["station", "add", "A-2", "--name", "乙", "--on", "2024-01-05"],
        1,
    );
    assert_eq!(err, "error: the database is read-only: nothing was written\n");
}

#[test]
fn processes_creating_one_new_file_at_once_do_not_race() {
    let wd = Workdir::new();
    // Eight at once, twenty times over: creating the file and switching it to WAL race.
    for round in 0..20 {
        let _ = std::fs::remove_file(wd.db());
        let _ = std::fs::remove_file(wd.path().join("ipguard.db-wal"));
        let _ = std::fs::remove_file(wd.path().join("ipguard.db-shm"));
        race_once(&wd, round);
    }
}

fn race_once(wd: &Workdir, round: usize) {
    let children: Vec<_> = (0..8)
        .map(|i| {
            wd.std_cmd(&[
                "station",
                "add",
                &format!("S-{i}"),
                "--name",
                "站",
                "--on",
                "2024-01-05",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outs {
        assert!(
            o.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stderr.ends_with(b"(applied on 2024-01-05)\n"),
            "round {round}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert_eq!(wd.query("SELECT count(*) FROM stations"), "8");
    wd.ok(&["audit", "verify"]);
}
