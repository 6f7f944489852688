//! The file system's edges that only a file has: `--db` paths that look like URIs, outputs onto
//! the database and its companion files, a killed backup, a missing or impossible file, the
//! default database path.

use crate::edges::loaded;
use crate::import::STATIONS;
use crate::workdir::Workdir;

#[test]
fn a_path_beginning_file_colon_is_a_file_name_not_a_uri() {
    let wd = loaded();
    wd.write("other-office.db", "precious");
    let out = wd.run(&["backup", "file:other-office.db"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(wd.path().join("other-office.db")).unwrap(),
        b"precious"
    );
    let copy = wd.path().join("file:other-office.db");
    assert!(copy.is_file());
    // `?mode=memory` is part of the name, and the copy holds the cases.
    wd.ok(&["backup", "file:bk.db?mode=memory"]);
    assert!(wd.path().join("file:bk.db?mode=memory").is_file());
    let listed = wd.ok(&[
        "--db",
        "file:bk.db?mode=memory",
        "case",
        "list",
        "--format",
        "csv",
    ]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    // A database named like a URI keeps what is written to it.
    wd.ok(&[
        "--db",
        "file:x.db?mode=memory",
        "station",
        "add",
        "CQ-A",
        "--name",
        "甲站",
        "--on",
        "2024-01-05",
    ]);
    let again = wd.ok(&[
        "--db",
        "file:x.db?mode=memory",
        "station",
        "list",
        "--format",
        "csv",
    ]);
    assert!(again.contains("CQ-A,甲站"), "{again}");
    assert!(wd.path().join("file:x.db?mode=memory").is_file());
}

#[test]
fn export_refuses_the_database_and_its_companion_files() {
    let wd = loaded();
    let before = std::fs::read(wd.db()).unwrap();
    let db = wd.db();
    let dir = wd.path().file_name().unwrap().to_str().unwrap().to_string();
    let spellings = [
        db.display().to_string(),
        "ipguard.db".to_string(),
        "./ipguard.db".to_string(),
        format!("../{dir}/ipguard.db"),
        "ipguard.db-wal".to_string(),
        "ipguard.db-journal".to_string(),
    ];
    for o in spellings {
        let err = wd.refused(&["export", "cases", "-o", &o, "--force"], 3);
        assert!(
            err.starts_with(&format!("error: {o} is the database")),
            "{o}: {err}"
        );
    }
    // A hard link to the database is the database.
    std::fs::hard_link(wd.db(), wd.path().join("alias.db")).unwrap();
    let err = wd.refused(&["export", "cases", "-o", "alias.db", "--force"], 3);
    assert_eq!(
        err,
        "error: alias.db is the database: write the output to another file\n"
    );
    assert_eq!(std::fs::read(wd.db()).unwrap(), before);
    assert!(!wd.path().join("ipguard.db-journal").exists());
}

#[test]
fn a_killed_backup_leaves_nothing_at_its_name() {
    let wd = Workdir::new();
    wd.write("stations.csv", STATIONS);
    wd.ok(&["import", "stations", "stations.csv"]);
    let mut big = String::from("id,station,enterprise,received_on,summary\n");
    for i in 0..60_000 {
        big.push_str(&format!(
            "C-{i},CQ-YZ-001,某公司{i},2024-03-05,{}\n",
            "摘要".repeat(40)
        ));
    }
    wd.write("cases.csv", big);
    wd.ok(&["import", "cases", "cases.csv"]);
    for (i, delay) in [5u64, 15, 30, 60, 100, 150].iter().enumerate() {
        let name = format!("pk{i}.db");
        let mut child = wd
            .std_cmd(&["backup", &name])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(*delay));
        let _ = child.kill();
        let _ = child.wait();
        let path = wd.path().join(&name);
        if path.exists() {
            // Present only once complete and verified.
            let out = wd.ok(&["--db", &name, "check"]);
            assert!(out.contains("audit log intact: 2 entries"), "{name}: {out}");
            assert!(!wd.path().join(format!("{name}-journal")).exists());
        } else {
            // And the next backup to the same name works.
            wd.ok(&["backup", &name]);
        }
    }
}

#[test]
fn read_only_commands_refuse_a_missing_database() {
    let wd = Workdir::new();
    let want = format!(
        "error: no database at {} (create one with `ipguard station add` or `ipguard import`, or check --db and IPGUARD_DB)\n",
        wd.path().join("typo.db").display()
    );
    let typo = wd.path().join("typo.db");
    let typo = typo.to_str().unwrap();
    for args in [
        vec!["check"],
        vec!["report", "due"],
        vec!["audit", "verify"],
        vec!["audit", "list"],
        vec!["score", "--all", "--period", "2024"],
        vec!["case", "list"],
        vec!["station", "show", "CQ-YZ-001"],
        vec!["export", "cases"],
        vec!["backup", "copy.db"],
    ] {
        let mut full = vec!["--db", typo];
        full.extend(&args);
        let out = wd.run(&full);
        assert_eq!((out.code, out.stderr.as_str()), (1, want.as_str()), "{args:?}");
        assert!(!wd.path().join("typo.db").exists(), "{args:?} created the file");
    }
    assert!(!wd.path().join("copy.db").exists());
    // A command that writes creates it.
    wd.ok(&[
        "--db",
        typo,
        "station",
        "add",
        "CQ-A",
        "--name",
        "甲站",
        "--on",
        "2024-01-05",
    ]);
    wd.ok(&["--db", typo, "check"]);
}

#[test]
fn devices_and_impossible_versions_are_named_not_passed_through() {
    let wd = Workdir::new();
    let err = wd.fails(&["--db", "/dev/null", "station", "list"], 1);
    assert_eq!(
        err,
        "error: cannot open the database /dev/null: it is not a regular file (a device or a pipe): give a database file with --db\n"
    );
    wd.ok(&["station", "add", "CQ-A", "--name", "甲站", "--on", "2024-01-05"]);
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // Written past the front door on purpose (damage): a schema version no ipguard writes.
        .pragma_update(None, "user_version", -1)
        .unwrap();
    let err = wd.refused(&["station", "list"], 5);
    assert_eq!(
        err,
        format!(
            "error: the database {} has an impossible schema version (-1): the file is damaged or was altered; restore it from a backup\n",
            wd.db().display()
        )
    );
}

#[test]
fn a_read_only_command_creates_neither_the_default_database_nor_its_directory() {
    let wd = Workdir::new();
    let home = wd.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let run = |args: &[&str]| {
        wd.cmd(args)
            .env_remove("IPGUARD_DB")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", &home)
            .output()
            .unwrap()
    };
    let data = home.join(".local/share/ipguard");
    let out = run(&["report", "due"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: no database at {} (create one with `ipguard station add` or `ipguard import`, or check --db and IPGUARD_DB)\n",
            data.join("ipguard.db").display()
        )
    );
    assert!(!home.join(".local").exists());
    let out = run(&["station", "add", "CQ-A", "--name", "甲站", "--on", "2024-01-05"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(data.join("ipguard.db").is_file());
}

#[test]
fn a_backup_never_follows_a_symbolic_link() {
    let wd = loaded();
    // A dangling link: the backup does not create its target.
    std::os::unix::fs::symlink(wd.path().join("elsewhere.db"), wd.path().join("link.db")).unwrap();
    let err = wd.refused(&["backup", "link.db"], 3);
    assert!(err.starts_with("error: link.db is a symbolic link"), "{err}");
    assert!(!wd.path().join("elsewhere.db").exists());
}

/// Values of a type no column of the server's schema holds (a blob for a name, a NULL date):
/// PostgreSQL refuses to store them at all.
#[test]
fn stored_values_of_the_wrong_type_are_damage_never_a_panic() {
    let wd = crate::edges::stations();
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
    // A stored value of the wrong type: exit 5, not a raw conversion error.
    // Written past the front door on purpose (damage): values no command stores.
    let conn = rusqlite::Connection::open(wd.db()).unwrap();
    conn.execute("UPDATE cases SET id = 'C-1', received_on = NULL", [])
        .ok();
    conn.execute("UPDATE stations SET name = x'ff00'", []).unwrap();
    drop(conn);
    let list = wd.run(&["station", "list"]);
    assert_eq!(list.code, 5, "{}", list.stderr);
    assert!(
        list.stderr
            .starts_with("error: the database holds data ipguard did not write ("),
        "{}",
        list.stderr
    );
    let check = wd.run(&["check"]);
    assert_eq!(check.code, 5);
    assert!(
        check
            .stdout
            .contains("records: stations: the database holds data ipguard did not write"),
        "{}",
        check.stdout
    );
}
