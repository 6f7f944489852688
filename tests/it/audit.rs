//! The audit log (every write, hash-chained), its verification and anchoring; backup and check.

use crate::workdir::Workdir;

pub(crate) fn three_writes(wd: &Workdir) {
    wd.ok(&["station", "add", "A-1", "--name", "甲站", "--on", "2024-01-05"]);
    wd.ok(&["station", "add", "A-2", "--name", "乙站", "--on", "2024-01-05"]);
    wd.ok(&["station", "conditions", "A-1", "--met", "1,2"]);
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
    wd.sql("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
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
    wd.sql("DELETE FROM audit_log WHERE seq = 2");
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
    wd.sql(
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
    wd.sql("DELETE FROM audit_log");
    wd.ok(&["station", "conditions", "A-2", "--met", "1"]);
    wd.ok(&["audit", "verify"]);
    let err = wd.fails(&["audit", "verify", "--head", &head], 5);
    assert_eq!(
        err,
        format!("error: the audit log no longer contains the head {head}: its history was rewritten since that head was taken (or the hash is not from this database)\n")
    );
}

#[test]
fn check_reports_each_part() {
    let wd = Workdir::new();
    three_writes(&wd);
    let out = wd.ok(&["check"]);
    assert!(
        out.starts_with(
            "integrity_check: ok\nforeign_key_check: ok\nrecords: ok\naudit verify: audit log intact: 3 entries"
        ),
        "{out}"
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
