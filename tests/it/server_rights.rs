//! ipguard on a server, run as each role: what a role may not do is refused up front, in one
//! sentence naming the role that may (exit 3), and nothing is written; what it may do works,
//! with the role logged in as the audit log's actor. (server.rs shows the database refusing
//! the same to a plain client.)

use crate::pg::Db;
use crate::server::{network, Network};

/// Every row the office sees (the owner's view): what must not change when a role is refused.
fn snapshot(db: &Db) -> String {
    let mut c = db.client(&db.owner);
    let mut out = String::new();
    for t in [
        "stations",
        "station_history",
        "cases",
        "case_events",
        "activities",
        "reports",
        "awards",
        "staff",
        "audit_log",
    ] {
        let rows = c
            .query(&format!("SELECT to_jsonb(t)::text FROM {t} t ORDER BY 1"), &[])
            .unwrap();
        for r in rows {
            out.push_str(t);
            out.push(' ');
            out.push_str(&r.get::<_, String>(0));
            out.push('\n');
        }
    }
    out
}

/// Runs ipguard as `user` and asserts it is refused with exit 3, this one line, and no change.
fn refused(n: &Network, user: &str, args: &[&str], today: &str, want: &str) {
    let before = snapshot(&n.db);
    let (code, out, err) = crate::pg::out(n.db.cmd(&n.db.url(user), args).env("IPGUARD_TODAY", today));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (3, "", format!("error: {want}\n").as_str()),
        "{args:?}"
    );
    assert_eq!(
        before,
        snapshot(&n.db),
        "{args:?} changed the records although refused"
    );
}

fn ok(n: &Network, user: &str, args: &[&str], today: &str) -> (String, String) {
    let (code, out, err) = crate::pg::out(n.db.cmd(&n.db.url(user), args).env("IPGUARD_TODAY", today));
    assert_eq!(code, 0, "{args:?}: {err}");
    (out, err)
}

/// The network of server.rs with the embedded rubric in force (its stored `{}` removed), and
/// today by the server's clock.
fn setup() -> (Network, String) {
    let n = network();
    let mut c = n.db.client(&n.db.owner);
    c.batch_execute("DELETE FROM settings").unwrap();
    let today = c.query_one("SELECT ipguard_server_today()", &[]).unwrap().get(0);
    (n, today)
}

#[test]
fn a_station_is_refused_up_front_what_is_the_offices() {
    let (n, today) = setup();
    let yz = n.yz.as_str();
    let office_only = |what: &str| {
        format!("only the city office (a role of ipguard_office) may {what}: the role {yz} is station CQ-YZ-001's")
    };
    refused(
        &n,
        yz,
        &[
            "award",
            "add",
            "--station",
            "CQ-YZ-001",
            "--item",
            "B1",
            "--points",
            "2",
            "--reason",
            "self",
            "--on",
            "2024-05-02",
        ],
        &today,
        &office_only("record awards"),
    );
    refused(
        &n,
        yz,
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "revoked",
            "--on",
            "2024-06-01",
        ],
        &today,
        &office_only("register stations and move their lifecycle"),
    );
    refused(
        &n,
        yz,
        &[
            "case",
            "transfer",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            "丁",
            "--received",
            "2024-06-01",
        ],
        &today,
        &office_only("transfer cases"),
    );
    // The overdue reason's text is the station's; the decision on it is the office's.
    n.db.client(&n.db.owner)
        .batch_execute(
            "UPDATE cases SET accepted_on = '2024-03-01', overdue_reason = '企业补材料' WHERE id = 'C-1'",
        )
        .unwrap();
    refused(
        &n,
        yz,
        &["case", "reason", "C-1", "--accept"],
        &today,
        &office_only("decide overdue reasons"),
    );
    // Another station's records: not even seen.
    refused(
        &n,
        yz,
        &[
            "case",
            "add",
            "--station",
            "CQ-JB-001",
            "--enterprise",
            "丁",
            "--received",
            "2024-06-01",
        ],
        &today,
        &format!("the role {yz} sees station CQ-YZ-001's records only, not CQ-JB-001's"),
    );
    // A back-dated report submission is the office's to record.
    refused(
        &n,
        yz,
        &["report", "submit", "--station", "CQ-YZ-001", "--kind", "work_plan", "--period", "2025", "--on", "2024-12-30"],
        &today,
        &format!(
            "the role {yz} submits reports dated today by the server's clock ({today}), not 2024-12-30: a back-dated submission is recorded by the city office (a role of ipguard_office)"
        ),
    );
    // An import of the office's kind is refused whole.
    let file = n.db.home.path().join("awards.csv");
    std::fs::write(
        &file,
        "station,item,points,date,reason\nCQ-YZ-001,B1,1,2024-05-01,x\n",
    )
    .unwrap();
    refused(
        &n,
        yz,
        &["import", "awards", file.to_str().unwrap()],
        &today,
        &office_only("record awards"),
    );
    // The whole log is the office's or an auditor's to verify.
    refused(
        &n,
        yz,
        &["audit", "verify"],
        &today,
        &format!("the role {yz} reads only station CQ-YZ-001's audit entries: the whole log is verified by the city office or an auditor (a role of ipguard_office or ipguard_auditor)"),
    );
}

#[test]
fn a_station_records_its_own_work_and_the_log_names_the_role() {
    let (n, today) = setup();
    let yz = n.yz.as_str();
    let (out, _) = ok(
        &n,
        yz,
        &[
            "case",
            "add",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            "丙公司",
            "--received",
            &today,
        ],
        &today,
    );
    let id = out.trim().to_string();
    assert_eq!(id, format!("CQ-YZ-001-{}-0001", &today[..4]));
    ok(
        &n,
        yz,
        &[
            "case",
            "note",
            &id,
            "--kind",
            "note",
            "--text",
            "电话沟通",
            "--on",
            &today,
        ],
        &today,
    );
    ok(
        &n,
        yz,
        &[
            "report",
            "submit",
            "--station",
            "CQ-YZ-001",
            "--kind",
            "work_plan",
            "--period",
            "2027",
        ],
        &today,
    );
    // The station lists its own cases only.
    let (out, _) = ok(&n, yz, &["--format", "csv", "case", "list"], &today);
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["C-1", id.as_str()]);
    // The audit log's actor is the role logged in, and the chain holds (the office verifies).
    let mut c = n.db.client(&n.db.owner);
    let actors: Vec<String> = c
        .query(
            "SELECT DISTINCT actor FROM audit_log WHERE command <> 'user add' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(actors, [yz]);
    let (out, _) = ok(&n, &n.office, &["audit", "verify"], &today);
    assert!(out.starts_with("audit log intact: "), "{out}");
    // A self-declared actor is refused on a server.
    let (code, _, err) = crate::pg::out(
        n.db.cmd(&n.db.url(yz), &["case", "list"])
            .env("IPGUARD_ACTOR", "someone"),
    );
    assert_eq!(
        (code, err.as_str()),
        (2, "error: --actor (IPGUARD_ACTOR) is refused on a server: the audit log records the role logged in\n")
    );
}

#[test]
fn an_auditor_reads_everything_and_is_refused_every_write() {
    let (n, today) = setup();
    let au = n.auditor.as_str();
    let (out, _) = ok(&n, au, &["--format", "csv", "case", "list"], &today);
    assert_eq!(out.lines().count(), 3, "{out}");
    ok(&n, au, &["audit", "verify"], &today);
    refused(
        &n,
        au,
        &["case", "add", "--station", "CQ-YZ-001", "--enterprise", "丁", "--received", "2024-06-01"],
        &today,
        &format!("the role {au} is an auditor's (ipguard_office records, an auditor only reads): it may not record cases"),
    );
    refused(
        &n,
        au,
        &["award", "add", "--station", "CQ-YZ-001", "--item", "B1", "--points", "2", "--reason", "r", "--on", "2024-05-02"],
        &today,
        &format!("the role {au} is an auditor's (ipguard_office records, an auditor only reads): it may not record awards"),
    );
}

#[test]
fn the_refusals_speak_chinese_too() {
    let (n, today) = setup();
    let yz = n.yz.as_str();
    let (code, _, err) = crate::pg::out(
        n.db.cmd(
            &n.db.url(yz),
            &[
                "--lang",
                "zh",
                "award",
                "add",
                "--station",
                "CQ-YZ-001",
                "--item",
                "B1",
                "--points",
                "2",
                "--reason",
                "r",
                "--on",
                "2024-05-02",
            ],
        )
        .env("IPGUARD_TODAY", &today),
    );
    assert_eq!(code, 3);
    assert_eq!(
        err,
        format!("错误：只有市局（ipguard_office 的角色）可以记录奖励：角色 {yz} 属于工作站 CQ-YZ-001\n")
    );
}

#[test]
fn a_station_imports_its_own_cases_through_row_level_security_and_not_another_stations() {
    // PostgreSQL refuses COPY into a table under row-level security for all but its owner:
    // a station's import goes through a staging table, where the policies check every row.
    let (n, today) = setup();
    let yz = n.yz.as_str();
    let file = n.db.home.path().join("cases.csv");
    let mut csv = String::from("station,enterprise,received_on\n");
    for i in 0..300 {
        csv.push_str(&format!("CQ-YZ-001,企业{i},2024-06-01\n"));
    }
    std::fs::write(&file, &csv).unwrap();
    let (_, err) = ok(&n, yz, &["import", "cases", file.to_str().unwrap()], &today);
    assert!(
        err.starts_with(&format!(
            "{}: 300 added, 0 updated, 0 unchanged\n",
            file.display()
        )),
        "{err}"
    );
    let mut c = n.db.client(&n.db.owner);
    let count = |c: &mut postgres::Client, sql: &str| -> i64 { c.query_one(sql, &[]).unwrap().get(0) };
    assert_eq!(
        count(
            &mut c,
            "SELECT count(*) FROM cases WHERE station = 'CQ-YZ-001' AND enterprise LIKE '企业%'"
        ),
        300
    );
    // The import's audit entry is about the station that wrote it.
    assert_eq!(
        count(
            &mut c,
            "SELECT count(*) FROM audit_log WHERE entity = 'import' AND station = 'CQ-YZ-001'"
        ),
        1
    );
    // A row of another station refuses the whole file, and nothing is written.
    std::fs::write(&file, format!("{csv}CQ-JB-001,他站企业,2024-06-01\n")).unwrap();
    let before = snapshot(&n.db);
    let (code, _, _) = crate::pg::out(
        n.db.cmd(
            &n.db.url(yz),
            &["import", "cases", file.to_str().unwrap(), "--again"],
        )
        .env("IPGUARD_TODAY", &today),
    );
    assert_eq!(code, 3);
    assert_eq!(before, snapshot(&n.db));
}
