//! `ipguard demo` without `--db`: its own file `ipguard-demo.db` in the current directory.

use crate::workdir::Workdir;

#[test]
fn demo_defaults_to_ipguard_demo_db_in_the_current_directory() {
    let wd = Workdir::new();
    let out = wd
        .std_cmd(&["demo"])
        .env_remove("IPGUARD_DB")
        .env_remove("IPGUARD_TODAY")
        .output()
        .expect("run ipguard");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(wd.path().join("ipguard-demo.db").is_file());
    assert!(!wd.db().exists());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("ipguard-demo.db: loaded the demo dataset (3 stations, 8 staff"),
        "{stderr}"
    );
    // Run again: the earlier demo database is replaced by a fresh one.
    let again = wd
        .std_cmd(&["demo"])
        .env_remove("IPGUARD_DB")
        .output()
        .expect("run ipguard");
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let demo_db = wd.path().join("ipguard-demo.db");
    let conn = rusqlite::Connection::open(&demo_db).unwrap();
    let imports: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imports, 9, "one fresh load, not two");
    // A file at that path holding other stations is never replaced.
    drop(conn);
    wd.ok(&[
        "--db",
        demo_db.to_str().unwrap(),
        "station",
        "add",
        "CQ-JB-009",
        "--name",
        "江北区工作站",
        "--on",
        "2024-01-05",
    ]);
    let kept = wd
        .std_cmd(&["demo"])
        .env_remove("IPGUARD_DB")
        .output()
        .expect("run ipguard");
    assert_eq!(kept.status.code(), Some(3), "{kept:?}");
    assert!(demo_db.is_file());
}
