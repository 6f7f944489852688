//! The city's shared server (issue 13): `server init`, users, and who may do what, enforced
//! by PostgreSQL itself, shown with plain clients connected as each role.

use crate::pg::{refused, Db, PASSWORD};

#[test]
fn init_creates_the_schema_and_says_so_and_running_it_again_is_harmless() {
    let db = Db::new();
    let (code, out, err) = db.ipguard(&db.owner, &["server", "init"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    let shown = format!(
        "{}@{}:{}/{}",
        db.owner,
        crate::pg::cluster().dir.display(),
        crate::pg::cluster().port,
        db.name
    );
    let last = err.lines().last().unwrap();
    let version = ipguard::store::server::schema::PG_MIGRATIONS.len();
    assert_eq!(
        last,
        format!("created ipguard's schema version {version} on {shown}")
    );
    assert!(
        err.contains(&format!(
            "{} (the database's owner) is now a member of ipguard_office",
            db.owner
        )),
        "{err}"
    );
    let mut su = db.superuser();
    let v: i64 = su
        .query_one("SELECT max(version) FROM ipguard_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, version as i64);
    let (code, out, err) = db.ipguard(&db.owner, &["server", "init"], "");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        err,
        format!("{shown} already has ipguard's schema version {version}: nothing to do\n")
    );
    let rows: i64 = su
        .query_one("SELECT count(*) FROM ipguard_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, version as i64);
    let _ = PASSWORD;
    let _ = refused::<()>;
}

/// A database after `server init`, with stations A and B, a case, an activity and an award of
/// each (written by the owner), and users: office, auditor, a station user of each.
pub struct Network {
    pub db: Db,
    pub office: String,
    pub auditor: String,
    pub yz: String,
    pub jb: String,
}

pub fn network() -> Network {
    let db = Db::new();
    db.init();
    let mut owner = db.client(&db.owner);
    owner
        .batch_execute(
            "INSERT INTO stations (code, name, status) VALUES ('CQ-YZ-001', '渝中', 'established'),
                 ('CQ-JB-001', '江北', 'established');
             INSERT INTO cases (id, station, enterprise, received_on) VALUES
                 ('C-1', 'CQ-YZ-001', '甲公司', '2024-03-01'), ('C-2', 'CQ-JB-001', '乙公司', '2024-03-02');
             INSERT INTO case_events (case_id, kind, on_date) VALUES ('C-1', 'note', '2024-03-03'),
                 ('C-2', 'note', '2024-03-04');
             INSERT INTO activities (station, kind, on_date, title) VALUES
                 ('CQ-YZ-001', 'training', '2024-04-01', 'A'), ('CQ-JB-001', 'training', '2024-04-01', 'B');
             INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES
                 ('CQ-YZ-001', 'B1', 200, '2024-05-01', 'r'), ('CQ-JB-001', 'B1', 200, '2024-05-01', 'r');
             INSERT INTO settings (key, value) VALUES ('rubric', '{}');",
        )
        .unwrap();
    let n = Network {
        office: db.role("office"),
        auditor: db.role("auditor"),
        yz: db.role("yz"),
        jb: db.role("jb"),
        db,
    };
    for (name, flag) in [
        (&n.office, vec!["--office"]),
        (&n.auditor, vec!["--auditor"]),
        (&n.yz, vec!["--station", "CQ-YZ-001"]),
        (&n.jb, vec!["--station", "CQ-JB-001"]),
    ] {
        let mut args = vec!["user", "add", name.as_str()];
        args.extend(flag);
        args.push("--password-stdin");
        let (code, out, err) = n.db.ipguard(&n.db.owner, &args, &format!("{PASSWORD}\n"));
        assert_eq!((code, out.as_str()), (0, ""), "{err}");
    }
    n
}

fn count(c: &mut postgres::Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn users_are_added_listed_and_removed_with_their_group_and_station() {
    let n = network();
    let db = &n.db;
    let (code, out, err) = db.ipguard(&db.owner, &["user", "list", "--style", "ascii"], "");
    assert_eq!(code, 0, "{err}");
    let mut rows = vec![
        (n.auditor.clone(), "auditor", ""),
        (n.jb.clone(), "station", "CQ-JB-001"),
        (n.office.clone(), "office", ""),
        (db.owner.clone(), "office", ""),
        (n.yz.clone(), "station", "CQ-YZ-001"),
    ];
    rows.sort();
    for (name, role, station) in &rows {
        let line = out
            .lines()
            .find(|l| l.contains(name.as_str()))
            .unwrap_or_else(|| panic!("{name} in {out}"));
        let cells: Vec<&str> = line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        let want: Vec<&str> = [name.as_str(), *role, *station]
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(cells, want, "{out}");
    }
    let (code, json, _) = db.ipguard(&db.owner, &["--format", "json", "user", "list"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let yz = v
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == n.yz.as_str())
        .unwrap();
    assert_eq!(
        yz,
        &serde_json::json!({"name": n.yz, "role": "station", "station": "CQ-YZ-001"})
    );
    // The binding is in station_users, the group in PostgreSQL's own catalog.
    let mut su = db.superuser();
    let station: String = su
        .query_one("SELECT station FROM station_users WHERE role_name = $1", &[&n.yz])
        .unwrap()
        .get(0);
    assert_eq!(station, "CQ-YZ-001");
    let member: bool = su
        .query_one("SELECT pg_has_role($1, 'ipguard_station', 'MEMBER')", &[&n.yz])
        .unwrap()
        .get(0);
    assert!(member);

    let (code, _, err) = db.ipguard(&db.owner, &["user", "remove", &n.jb], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, format!("removed user {} (station)\n", n.jb));
    assert_eq!(
        count(
            &mut su,
            &format!("SELECT count(*) FROM pg_roles WHERE rolname = '{}'", n.jb)
        ),
        0
    );
    assert_eq!(
        count(
            &mut su,
            "SELECT count(*) FROM station_users WHERE station = 'CQ-JB-001'"
        ),
        0
    );
    // Every change is in the audit log, by the owner, never with the password.
    let rows = su
        .query("SELECT actor, command, entity, entity_key, coalesce(station, ''), coalesce(before_json, ''), coalesce(after_json, '') FROM audit_log ORDER BY seq", &[])
        .unwrap();
    assert_eq!(rows.len(), 5);
    let last: Vec<String> = (0..7).map(|i| rows[4].get(i)).collect();
    assert_eq!(
        last,
        [
            db.owner.clone(),
            "user remove".into(),
            "user".into(),
            n.jb.clone(),
            "CQ-JB-001".into(),
            format!(
                "{{\"name\":\"{}\",\"role\":\"station\",\"station\":\"CQ-JB-001\"}}",
                n.jb
            ),
            String::new()
        ]
    );
    let all: String = su
        .query_one(
            "SELECT string_agg(concat_ws('|', actor, command, before_json, after_json), '\n') FROM audit_log",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!all.contains(PASSWORD), "{all}");
    let (state, _) = ipguard::store::server::audit::verify(&mut su, None).unwrap();
    assert!(
        matches!(
            state,
            ipguard::store::audit::ChainState::Intact { entries: 5, .. }
        ),
        "{state:?}"
    );
    let extra = db.role("extra");
    let (code, _, err) = db.ipguard(
        &db.owner,
        &[
            "user",
            "add",
            &extra,
            "--station",
            "CQ-YZ-001",
            "--password-stdin",
        ],
        "pw\n",
    );
    assert_eq!(
        (code, err),
        (0, format!("added user {extra} (station CQ-YZ-001)\n"))
    );
    // The office's and the auditors' users may list them too.
    for who in [&n.office, &n.auditor] {
        let (code, out, err) = db.ipguard(who, &["--format", "csv", "user", "list"], "");
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("name,role,station\n"), "{out}");
        assert!(out.contains(&format!("{extra},station,CQ-YZ-001\n")), "{out}");
    }
}

#[test]
fn a_user_logs_in_with_the_password_given_on_stdin_and_passwd_changes_it() {
    let n = network();
    let db = &n.db;
    let c = crate::pg::cluster();
    let url = format!("{}?sslmode=require", db.tcp_url(&n.yz, "127.0.0.1", ""));
    let login = |pw: &str| crate::pg::out(db.cmd(&url, &["user", "list"]).env("PGPASSWORD", pw));
    // A station's user may log in; it may not read the list of users.
    let (code, _, err) = login(PASSWORD);
    assert_eq!(code, 3, "{err}");
    assert_eq!(
        err,
        "error: `user list` is for the office, the auditors and the database's owner: the server refused: permission denied for table station_users\n"
    );
    let (code, _, err) = login("wrong");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("error: the server {}@127.0.0.1:{}/{} refused the password of {}: check PGPASSWORD or ~/.pgpass\n", n.yz, c.port, db.name, n.yz)
    );
    assert!(!err.contains("wrong"));
    let (code, _, err) = db.ipguard(
        &db.owner,
        &["user", "passwd", &n.yz, "--password-stdin"],
        "New-pass-2\r\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, format!("changed the password of {}\n", n.yz));
    assert_eq!(login(PASSWORD).0, 1);
    assert_eq!(login("New-pass-2").0, 3);
    // Users change their own password (an entry of their own station's in the log) ...
    let (code, _, err) = crate::pg::out(
        db.cmd(&url, &["user", "passwd", &n.yz, "--password-stdin"])
            .env("PGPASSWORD", "New-pass-2")
            .write_stdin("Third-pass-3\n"),
    );
    assert_eq!((code, err), (0, format!("changed the password of {}\n", n.yz)));
    assert_eq!(login("Third-pass-3").0, 3);
    let mut su = db.superuser();
    let row = su
        .query_one(
            "SELECT actor, command, station FROM audit_log ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .unwrap();
    let last: (String, String, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(last, (n.yz.clone(), "user passwd".into(), "CQ-YZ-001".into()));
    // ... but not another's, and an auditor, who writes nothing, not even its own.
    let (code, _, err) = db.ipguard(&n.yz, &["user", "passwd", &n.jb, "--password-stdin"], "x\n");
    assert_eq!(code, 3);
    assert_eq!(
        err,
        format!(
            "error: {} may change only its own password: the database's owner sets {}'s\n",
            n.yz, n.jb
        )
    );
    let (code, _, err) = db.ipguard(&n.office, &["user", "passwd", &n.jb, "--password-stdin"], "x\n");
    assert_eq!(code, 3);
    assert_eq!(
        err,
        "error: `user passwd` is the database owner's (a role with CREATEROLE): the server refused: permission denied\n"
    );
    let (code, _, err) = db.ipguard(
        &n.auditor,
        &["user", "passwd", &n.auditor, "--password-stdin"],
        "x\n",
    );
    assert_eq!(code, 3);
    assert_eq!(
        err,
        format!("error: {} is an auditor's login, which writes nothing (not even the audit log): the database's owner sets its password\n", n.auditor)
    );
    // server init prints no other format.
    let (code, _, err) = db.ipguard(&db.owner, &["--format", "json", "server", "init"], "");
    assert_eq!(
        (code, err.as_str()),
        (2, "error: this command does not print --format json: use table\n")
    );
}

#[test]
fn user_commands_refuse_bad_input_before_changing_anything() {
    let n = network();
    let db = &n.db;
    let mut su = db.superuser();
    let before = count(&mut su, "SELECT count(*) FROM audit_log");
    let cases: Vec<(Vec<String>, &str, i32, String)> = vec![
        (
            vec!["user".into(), "add".into(), db.role("x"), "--station".into(), "CQ-NO-001".into(), "--password-stdin".into()],
            "pw\n",
            3,
            "error: no station CQ-NO-001 on the server: the office registers the station before its users".into(),
        ),
        (
            vec!["user".into(), "add".into(), n.yz.clone(), "--office".into(), "--password-stdin".into()],
            "pw\n",
            3,
            format!("error: the role {} already exists on the server: choose another name (`user list` shows ipguard's users)", n.yz),
        ),
        (
            vec!["user".into(), "add".into(), "Bad-Name".into(), "--office".into(), "--password-stdin".into()],
            "pw\n",
            2,
            "error: the user name `Bad-Name` is not allowed: use lowercase letters a-z, digits and _, starting with a letter, at most 63".into(),
        ),
        (
            vec!["user".into(), "add".into(), "ipguard_office".into(), "--office".into(), "--password-stdin".into()],
            "pw\n",
            2,
            "error: the user name `ipguard_office` is reserved (pg_…, ipguard_… and public are not users): choose another".into(),
        ),
        (
            vec!["user".into(), "add".into(), db.role("y"), "--auditor".into(), "--password-stdin".into()],
            "",
            2,
            "error: no password on standard input: give it as one line (e.g. from a password manager)".into(),
        ),
        (
            vec!["user".into(), "remove".into(), "postgres".into()],
            "",
            3,
            "error: postgres is not a user of ipguard on this server (`user list` shows them)".into(),
        ),
        (
            vec!["user".into(), "remove".into(), db.owner.clone()],
            "",
            3,
            format!("error: {} is the role logged in: another role with CREATEROLE removes it", db.owner),
        ),
    ];
    for (args, stdin, code, want) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (got, out, err) = db.ipguard(&db.owner, &args, stdin);
        assert_eq!(
            (got, out.as_str(), err.trim_end()),
            (code, "", want.as_str()),
            "{args:?}"
        );
    }
    // Two roles or none: clap refuses.
    let (code, _, err) = db.ipguard(
        &db.owner,
        &["user", "add", "zz", "--office", "--auditor", "--password-stdin"],
        "pw\n",
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = db.ipguard(&db.owner, &["user", "add", "zz", "--password-stdin"], "pw\n");
    assert_eq!(code, 2);
    // The office's user is no owner: it may not create roles.
    let (code, _, err) = db.ipguard(
        &n.office,
        &["user", "add", &db.role("z"), "--auditor", "--password-stdin"],
        "pw\n",
    );
    assert_eq!(code, 3);
    assert_eq!(
        err,
        "error: `user add` is the database owner's (a role with CREATEROLE): the server refused: permission denied to create role\n"
    );
    assert_eq!(count(&mut su, "SELECT count(*) FROM audit_log"), before);
    assert_eq!(
        count(
            &mut su,
            &format!(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%{}' AND rolname ~ '^(x|y|z)_'",
                db.tag
            )
        ),
        0
    );
}

#[test]
fn a_station_role_sees_only_its_own_station_and_the_rubric() {
    let n = network();
    let mut yz = n.db.client(&n.yz);
    for (table, want) in [
        ("stations", 1),
        ("cases", 1),
        ("case_events", 1),
        ("activities", 1),
        ("awards", 1),
        ("settings", 1),
    ] {
        assert_eq!(
            count(&mut yz, &format!("SELECT count(*) FROM {table}")),
            want,
            "{table}"
        );
    }
    for (sql, what) in [
        (
            "SELECT count(*) FROM stations WHERE code = 'CQ-JB-001'",
            "station",
        ),
        ("SELECT count(*) FROM cases WHERE station = 'CQ-JB-001'", "cases"),
        ("SELECT count(*) FROM case_events WHERE case_id = 'C-2'", "notes"),
        (
            "SELECT count(*) FROM activities WHERE station = 'CQ-JB-001'",
            "activities",
        ),
        (
            "SELECT count(*) FROM awards WHERE station = 'CQ-JB-001'",
            "awards",
        ),
        (
            "SELECT count(*) FROM audit_log WHERE station = 'CQ-JB-001'",
            "audit entries",
        ),
    ] {
        assert_eq!(count(&mut yz, sql), 0, "{what} of another station");
    }
    // Updating another station's case finds nothing to update.
    let changed = yz
        .execute("UPDATE cases SET summary = 'x' WHERE id = 'C-2'", &[])
        .unwrap();
    assert_eq!(changed, 0);
    // The office and the auditor see everything.
    for who in [&n.office, &n.auditor] {
        let mut c = n.db.client(who);
        assert_eq!(count(&mut c, "SELECT count(*) FROM cases"), 2, "{who}");
        assert_eq!(count(&mut c, "SELECT count(*) FROM awards"), 2, "{who}");
    }
}

#[test]
fn a_station_role_writes_its_own_work_and_nothing_of_the_office() {
    let n = network();
    let mut yz = n.db.client(&n.yz);
    // Its own: cases it received, notes, the overdue reason's text, activities, staff, funding.
    yz.batch_execute(
        "INSERT INTO cases (id, station, enterprise, received_on) VALUES ('C-3', 'CQ-YZ-001', '丙', '2024-06-01');
         UPDATE cases SET accepted_on = '2024-06-02', overdue_reason = '企业补材料' WHERE id = 'C-1';
         INSERT INTO case_events (case_id, kind, on_date, note) VALUES ('C-1', 'followup', '2024-06-03', '');
         INSERT INTO activities (station, kind, on_date, title) VALUES ('CQ-YZ-001', 'publicity', '2024-06-04', 'P');
         INSERT INTO staff (station, name, full_time, from_on) VALUES ('CQ-YZ-001', '张三', 1, '2024-01-01');
         INSERT INTO experts (station, name, kind, joined_on) VALUES ('CQ-YZ-001', '李四', 'lawyer', '2024-01-01');
         INSERT INTO funding (station, on_date, amount_fen) VALUES ('CQ-YZ-001', '2024-01-01', 100000);",
    )
    .unwrap();
    let today: String = yz.query_one("SELECT ipguard_server_today()", &[]).unwrap().get(0);
    yz.execute(
        "INSERT INTO reports (station, kind, period, submitted_on) VALUES ('CQ-YZ-001', 'work_plan', '2025', $1)",
        &[&today],
    )
    .unwrap();
    // The server's date is China's, whatever TimeZone a session sets: no day gained by it.
    yz.batch_execute("SET TimeZone = 'Pacific/Kiritimati'").unwrap();
    let (code, msg) = refused(yz.batch_execute(
        "INSERT INTO reports (station, kind, period, submitted_on) VALUES ('CQ-YZ-001', 'quarterly_cases', '2025Q1',
             to_char((now() AT TIME ZONE 'Asia/Shanghai')::date + 1, 'YYYY-MM-DD'))",
    ));
    assert_eq!(
        (code.as_str(), msg.as_str()),
        (
            "42501",
            "new row violates row-level security policy \"station_today\" for table \"reports\""
        )
    );
    let later: String = yz.query_one("SELECT ipguard_server_today()", &[]).unwrap().get(0);
    assert_eq!(later, today);
    // Refused by the database, each with its reason.
    let denied = |c: &mut postgres::Client, sql: &str| refused(c.batch_execute(sql));
    for (sql, code, msg) in [
        (
            "INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES ('CQ-YZ-001', 'B1', 500, '2024-06-01', 'self')",
            "42501",
            "permission denied for table awards",
        ),
        ("UPDATE stations SET status = 'accepted' WHERE code = 'CQ-YZ-001'", "42501", "permission denied for table stations"),
        (
            "INSERT INTO stations (code, name) VALUES ('CQ-NEW-001', 'n')",
            "42501",
            "permission denied for table stations",
        ),
        (
            "UPDATE cases SET reason_accepted = 1 WHERE id = 'C-1'",
            "42501",
            "only the city office (role ipguard_office) decides an overdue reason",
        ),
        (
            "INSERT INTO cases (id, station, enterprise, received_on, source) VALUES ('C-9', 'CQ-YZ-001', 'x', '2024-06-01', 'city_transfer')",
            "42501",
            "only the city office (role ipguard_office) records a transferred case",
        ),
        (
            "UPDATE cases SET station = 'CQ-JB-001' WHERE id = 'C-1'",
            "42501",
            "only the city office (role ipguard_office) transfers a case",
        ),
        (
            "INSERT INTO cases (id, station, enterprise, received_on) VALUES ('C-8', 'CQ-JB-001', 'x', '2024-06-01')",
            "42501",
            "new row violates row-level security policy for table \"cases\"",
        ),
        (
            "INSERT INTO activities (station, kind, on_date, title) VALUES ('CQ-JB-001', 'training', '2024-06-01', 'T')",
            "42501",
            "new row violates row-level security policy for table \"activities\"",
        ),
        (
            "INSERT INTO reports (station, kind, period, submitted_on) VALUES ('CQ-YZ-001', 'annual_summary', '2024', '2025-01-10')",
            "42501",
            "new row violates row-level security policy \"station_today\" for table \"reports\"",
        ),
        (
            "INSERT INTO complaints (station, on_date, verified) VALUES ('CQ-JB-001', '2024-06-01', 1)",
            "42501",
            "permission denied for table complaints",
        ),
        (
            "INSERT INTO assessments (station, kind, period, on_date, total_cents, grade, rubric_id, scorecard) VALUES ('CQ-YZ-001', 'biennial', '2023-2024', '2025-01-01', 9000, 'excellent', 'r', '{}')",
            "42501",
            "permission denied for table assessments",
        ),
        ("UPDATE settings SET value = '{\"x\":1}' WHERE key = 'rubric'", "42501", "permission denied for table settings"),
        ("DELETE FROM reports", "42501", "permission denied for table reports"),
    ] {
        let (got_code, got_msg) = denied(&mut yz, sql);
        assert_eq!((got_code.as_str(), got_msg.as_str()), (code, msg), "{sql}");
    }
    // The office does what the station may not.
    let mut office = n.db.client(&n.office);
    office
        .batch_execute(
            "UPDATE cases SET reason_accepted = 1, reason_decided_on = '2025-01-02' WHERE id = 'C-1';
             UPDATE stations SET status = 'accepted' WHERE code = 'CQ-YZ-001';
             INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES ('CQ-YZ-001', 'B2', 100, '2024-06-01', 'o');
             INSERT INTO cases (id, station, enterprise, received_on, source) VALUES ('C-10', 'CQ-JB-001', 'x', '2024-06-01', 'city_transfer');
             INSERT INTO reports (station, kind, period, submitted_on) VALUES ('CQ-YZ-001', 'annual_summary', '2024', '2025-01-10');",
        )
        .unwrap();
    // The station still works on a case the office transferred to it and decided.
    yz.batch_execute("UPDATE cases SET summary = '已办' WHERE id = 'C-1'")
        .unwrap();
}

#[test]
fn an_auditor_reads_everything_and_writes_nothing() {
    let n = network();
    let mut au = n.db.client(&n.auditor);
    assert_eq!(count(&mut au, "SELECT count(*) FROM stations"), 2);
    for (sql, table) in [
        ("INSERT INTO cases (id, station, enterprise, received_on) VALUES ('C-7', 'CQ-YZ-001', 'x', '2024-06-01')", "cases"),
        ("UPDATE stations SET status = 'revoked'", "stations"),
        ("DELETE FROM awards", "awards"),
        ("INSERT INTO settings (key, value) VALUES ('x', 'y')", "settings"),
        ("INSERT INTO audit_log (seq, at, command, entity, entity_key, prev_hash, hash) VALUES (99, 'a', 'c', 'e', 'k', 'p', 'h')", "audit_log"),
    ] {
        let (code, msg) = refused(au.batch_execute(sql));
        assert_eq!((code.as_str(), msg), ("42501", format!("permission denied for table {table}")), "{sql}");
    }
}

#[test]
fn no_role_changes_or_removes_audit_entries_and_appends_keep_one_chain() {
    let n = network();
    let db = &n.db;
    // Appends from many connections at once, as writers on many machines: one unbroken chain.
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let name = db.name.clone();
            let user = if i % 2 == 0 {
                n.yz.clone()
            } else {
                n.office.clone()
            };
            let dir = crate::pg::cluster().dir.clone();
            let port = crate::pg::cluster().port;
            std::thread::spawn(move || {
                let mut c = postgres::Config::new()
                    .host_path(&dir)
                    .port(port)
                    .user(&user)
                    .dbname(&name)
                    .connect(postgres::NoTls)
                    .unwrap();
                for k in 0..10 {
                    let mut tx = c.transaction().unwrap();
                    let key = format!("C-{i}-{k}");
                    ipguard::store::server::audit::append(
                        &mut tx,
                        "case add",
                        "case",
                        &key,
                        Some("CQ-YZ-001"),
                        None,
                        Some(&serde_json::json!({"id": key})),
                    )
                    .unwrap();
                    tx.commit().unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let mut su = db.superuser();
    let (state, _) = ipguard::store::server::audit::verify(&mut su, None).unwrap();
    assert!(
        matches!(
            state,
            ipguard::store::audit::ChainState::Intact { entries: 64, .. }
        ),
        "{state:?}"
    );
    // The actor is whoever logged in.
    let actors: i64 = count(
        &mut su,
        &format!("SELECT count(*) FROM audit_log WHERE actor = '{}'", n.yz),
    );
    assert_eq!(actors, 30);
    // Nobody updates, deletes or truncates the log: not the roles, not the owner, not even a
    // superuser (the trigger).
    for who in [
        n.office.clone(),
        n.yz.clone(),
        n.auditor.clone(),
        db.owner.clone(),
    ] {
        let mut c = db.client(&who);
        for sql in [
            "UPDATE audit_log SET actor = 'x'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
        ] {
            let (code, msg) = refused(c.batch_execute(sql));
            assert_eq!(code, "42501", "{who}: {sql}: {msg}");
        }
    }
    for sql in [
        "UPDATE audit_log SET actor = 'x' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "TRUNCATE audit_log",
    ] {
        let (code, msg) = refused(su.batch_execute(sql));
        assert_eq!(
            (code.as_str(), msg.as_str()),
            (
                "42501",
                "the audit log is append-only: entries are never changed or removed"
            ),
            "{sql}"
        );
    }
    // An entry that does not follow the head, or names another actor, is refused.
    let mut office = db.client(&n.office);
    let (code, msg) = refused(office.batch_execute(
        "INSERT INTO audit_log (seq, at, command, entity, entity_key, prev_hash, hash) VALUES (1, 'a', 'c', 'e', 'k', 'p', 'h')",
    ));
    assert_eq!(
        (code.as_str(), msg.as_str()),
        (
            "23000",
            "an audit entry must follow the head of the chain (entry 64)"
        )
    );
    let head: (i64, String) = {
        let r = su
            .query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &[])
            .unwrap();
        (r.get(0), r.get(1))
    };
    let (code, msg) = refused(office.execute(
        "INSERT INTO audit_log (seq, at, actor, command, entity, entity_key, prev_hash, hash) VALUES ($1, 'a', 'someone', 'c', 'e', 'k', $2, 'h')",
        &[&(head.0 + 1), &head.1],
    ));
    assert_eq!(
        (code.as_str(), msg),
        (
            "42501",
            format!("an audit entry's actor is the role logged in ({})", n.office)
        )
    );
    // A station appends only about itself.
    let mut yz = db.client(&n.yz);
    let mut tx = yz.transaction().unwrap();
    let e = ipguard::store::server::audit::append(
        &mut tx,
        "case add",
        "case",
        "C-x",
        Some("CQ-JB-001"),
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the server refused: new row violates row-level security policy for table \"audit_log\""
    );
}

#[test]
fn tls_require_verify_ca_and_verify_full_against_the_test_servers_certificate() {
    let db = Db::new();
    db.init();
    let c = crate::pg::cluster();
    let ca = c.ca.display().to_string();
    let other = c.other_ca.display().to_string();
    let run = |host: &str, query: &str| {
        let url = db.tcp_url(&db.owner, host, query);
        crate::pg::out(db.cmd(&url, &["server", "init"]).env("PGPASSWORD", PASSWORD))
    };
    let ok = |host: &str, query: String| {
        let (code, _, err) = run(host, &query);
        assert_eq!(code, 0, "{host}{query}: {err}");
        assert!(err.ends_with("nothing to do\n"), "{err}");
    };
    ok("127.0.0.1", "?sslmode=require".into());
    ok("127.0.0.1", String::new()); // prefer: TLS when the server offers it
    ok("localhost", format!("?sslmode=verify-full&sslrootcert={ca}"));
    // verify-ca checks the chain, not the name (the certificate is for localhost).
    ok("127.0.0.1", format!("?sslmode=verify-ca&sslrootcert={ca}"));
    let fails = |host: &str, query: String, want: &str| {
        let (code, _, err) = run(host, &query);
        assert_eq!(code, 1, "{host}{query}: {err}");
        assert!(err.starts_with("error: cannot connect to the server"), "{err}");
        assert!(err.contains(want), "{host}{query}: want {want} in {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains(PASSWORD));
    };
    fails(
        "127.0.0.1",
        format!("?sslmode=verify-full&sslrootcert={ca}"),
        "certificate not valid for name \"127.0.0.1\"",
    );
    fails(
        "localhost",
        format!("?sslmode=verify-full&sslrootcert={other}"),
        "UnknownIssuer",
    );
    // As libpq: require with a CA file verifies the chain.
    fails(
        "127.0.0.1",
        format!("?sslmode=require&sslrootcert={other}"),
        "UnknownIssuer",
    );
    // The server refuses TCP without TLS.
    let (code, _, err) = run("127.0.0.1", "?sslmode=disable");
    assert_eq!(code, 1);
    assert!(
        err.contains("refused the connection") && err.contains("no encryption"),
        "{err}"
    );
    // verify-full needs a CA file.
    let (code, _, err) = run("localhost", "?sslmode=verify-full");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: sslmode=verify-full needs the certificate of the server's CA: give sslrootcert=FILE in the URL, PGSSLROOTCERT, or ~/.postgresql/root.crt\n"
    );
    // PGSSLMODE and PGSSLROOTCERT where the URL leaves them out.
    let url = db.tcp_url(&db.owner, "localhost", "");
    let (code, _, err) = crate::pg::out(
        db.cmd(&url, &["server", "init"])
            .env("PGPASSWORD", PASSWORD)
            .env("PGSSLMODE", "verify-full")
            .env("PGSSLROOTCERT", &other),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("UnknownIssuer"), "{err}");
}

#[test]
fn the_password_comes_from_pgpassword_or_a_private_pgpass_never_the_command_line() {
    let db = Db::new();
    db.init();
    let c = crate::pg::cluster();
    let url = db.tcp_url(&db.owner, "127.0.0.1", "?sslmode=require");
    // None given: the server asks and ipguard says where a password goes.
    let (code, _, err) = crate::pg::out(&mut db.cmd(&url, &["user", "list"]));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "error: the server {}@127.0.0.1:{}/{} asks a password for {}: set PGPASSWORD or put it in ~/.pgpass (never on the command line)\n",
            db.owner, c.port, db.name, db.owner
        )
    );
    // ~/.pgpass, read only when private.
    let pgpass = db.home.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!("127.0.0.1:{}:{}:{}:{PASSWORD}\n", c.port, db.name, db.owner),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, _, err) = crate::pg::out(&mut db.cmd(&url, &["user", "list"]));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "warning: the password file {} is ignored: others may read it (chmod 0600 it)\n",
            pgpass.display()
        )),
        "{err}"
    );
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, out, err) = crate::pg::out(&mut db.cmd(&url, &["user", "list"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&db.owner), "{out}");
    // PGUSER, PGDATABASE, PGHOST, PGPORT fill a URL that leaves them out.
    let (code, out, err) = crate::pg::out(
        db.cmd("postgres://?sslmode=require", &["user", "list"])
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", c.port.to_string())
            .env("PGUSER", &db.owner)
            .env("PGDATABASE", &db.name),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&db.owner), "{out}");
    // A password in the URL is refused before any connection, and not repeated.
    let secret = format!(
        "postgres://{}:Hunter2x@127.0.0.1:{}/{}",
        db.owner, c.port, db.name
    );
    let (code, _, err) = crate::pg::out(&mut db.cmd(&secret, &["user", "list"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: the --db URL carries a password: give it in PGPASSWORD or ~/.pgpass instead, never on the command line\n"
    );
}

#[test]
fn the_server_commands_and_the_file_commands_stay_apart_and_the_records_commands_work_on_both() {
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    // The records' commands work on a server as on a file: an empty list says what fills it.
    let (code, out, err) = crate::pg::out(&mut db.cmd(&url, &["case", "list"]));
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "┌────┬─────────┬────────────┬──────────┬──────┬─────────┬──────────┬────────┬───────────┐\n\
             │ ID ┆ Station ┆ Enterprise ┆ Received ┆ Kind ┆ Warning ┆ Accepted ┆ Closed ┆ Follow-up │\n\
             ╞════╪═════════╪════════════╪══════════╪══════╪═════════╪══════════╪════════╪═══════════╡\n\
             └────┴─────────┴────────────┴──────────┴──────┴─────────┴──────────┴────────┴───────────┘\n"
        )
    );
    assert_eq!(
        err,
        "no cases to list: record one with `ipguard case add --station CODE --enterprise NAME`, or widen the filters\n"
    );
    // A backup of a server is pg_dump's: `backup FILE` is refused and writes no file.
    let copy = db.home.path().join("copy.db");
    let (code, out, err) = crate::pg::out(&mut db.cmd(&url, &["backup", copy.to_str().unwrap()]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: a server is backed up with pg_dump, not `ipguard backup` (docs/server.md)\n"
    );
    assert!(!copy.exists());
    let (code, _, err) = crate::pg::out(db.cmd(&url, &["user", "list"]).env("IPGUARD_ACTOR", "someone"));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: --actor (IPGUARD_ACTOR) is refused on a server: the audit log records the role logged in\n"
    );
    let file = db.home.path().join("x.db");
    let (code, _, err) = crate::pg::out(db.cmd(&url, &["server", "init"]).env("IPGUARD_DB", &file));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: this command works on a server: give --db postgres://USER@HOST[:PORT]/DB (or IPGUARD_DB)\n"
    );
    assert!(!file.exists());
}

#[test]
fn init_is_the_owners_and_refuses_a_newer_schema_or_a_database_not_ipguards() {
    let db = Db::new();
    let mut su = db.superuser();
    let other = db.role("other");
    su.batch_execute(&format!("CREATE ROLE {other} LOGIN")).unwrap();
    let (code, _, err) = db.ipguard(&other, &["server", "init"], "");
    assert_eq!(code, 3);
    assert_eq!(
        err,
        format!(
            "error: `server init` is run by the database's owner ({}), not by {other}\n",
            db.owner
        )
    );
    // A user command before init.
    let (code, _, err) = db.ipguard(&db.owner, &["user", "list"], "");
    assert_eq!(code, 1);
    assert!(
        err.ends_with("holds no ipguard schema: its owner runs `ipguard server init` first\n"),
        "{err}"
    );
    // Someone else's tables.
    let mut owner = db.client(&db.owner);
    owner.batch_execute("CREATE TABLE theirs (x int)").unwrap();
    let (code, _, err) = db.ipguard(&db.owner, &["server", "init"], "");
    assert_eq!(code, 3);
    assert!(
        err.ends_with("already holds tables that are not ipguard's: give ipguard a database of its own\n"),
        "{err}"
    );
    owner.batch_execute("DROP TABLE theirs").unwrap();
    db.init();
    // A newer ipguard's schema.
    let next = ipguard::store::server::schema::PG_MIGRATIONS.len() + 1;
    owner
        .batch_execute(&format!("INSERT INTO ipguard_schema VALUES ({next}, 'later')"))
        .unwrap();
    for args in [vec!["server", "init"], vec!["user", "list"]] {
        let (code, _, err) = db.ipguard(&db.owner, &args, "");
        assert_eq!(code, 1, "{args:?}");
        assert!(
            err.ends_with(&format!(
                "was set up by a newer ipguard (schema version {next}; this ipguard knows up to {}): upgrade ipguard to use it\n",
                next - 1
            )),
            "{err}"
        );
    }
}

/// The server's tables have the file's columns, with the same NOT NULLs, and refuse what the
/// file's CHECK constraints refuse.
#[test]
fn the_server_schema_mirrors_the_files() {
    let db = Db::new();
    db.init();
    let sqlite = rusqlite::Connection::open_in_memory().unwrap();
    for m in ipguard::store::MIGRATIONS {
        sqlite.execute_batch(m).unwrap();
    }
    let mut su = db.superuser();
    let tables: Vec<String> = sqlite
        // The tables of records: not the text indexes (FTS5 virtual and shadow tables).
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 13, "{tables:?}");
    // Columns the server has that the file does not have (none: the file's version 2 added
    // the reason decisions).
    let server_only: [&str; 0] = [];
    for t in &tables {
        let file: Vec<(String, bool)> = sqlite
            .prepare(&format!(
                "SELECT name, \"notnull\" OR pk FROM pragma_table_info('{t}') ORDER BY cid"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let server: Vec<(String, bool)> = su
            .query(
                "SELECT column_name::text, is_nullable = 'NO' FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                &[t],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .filter(|(c, _): &(String, bool)| !server_only.contains(&c.as_str()))
            .collect();
        assert_eq!(server, file, "table {t}");
    }
    // Every CHECK the file has, the server has (same count per table) and a few probes.
    for t in &tables {
        let sql: String = sqlite
            .query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [t], |r| r.get(0))
            .unwrap();
        let file_checks = sql.matches("CHECK").count() as i64;
        let server_checks: i64 = su
            .query_one(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = ('public.' || $1)::regclass",
                &[t],
            )
            .unwrap()
            .get(0);
        assert_eq!(server_checks, file_checks, "CHECKs of {t}");
    }
    su.batch_execute("INSERT INTO stations (code, name) VALUES ('S', 's')")
        .unwrap();
    for bad in [
        "INSERT INTO stations (code, name, level) VALUES ('T', 't', 'province')",
        "INSERT INTO funding (station, on_date, amount_fen) VALUES ('S', '2024-01-01', -1)",
        "INSERT INTO cases (id, station, enterprise, received_on, accepted_on) VALUES ('C', 'S', 'e', '2024-02-01', '2024-01-01')",
        "INSERT INTO cases (id, station, enterprise, received_on, reason_accepted) VALUES ('C', 'S', 'e', '2024-02-01', 2)",
        "INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES ('NONE', 'B1', 1, 'd', 'r')",
    ] {
        let (code, _) = refused(su.batch_execute(bad));
        assert!(code.starts_with("23"), "{bad}: {code}");
    }
}

#[test]
fn without_postgresql_the_server_tests_fail_naming_the_package() {
    let empty = tempfile::tempdir().unwrap();
    let err = crate::pg::binaries(Some(empty.path().as_os_str()), empty.path()).unwrap_err();
    assert_eq!(
        err,
        "the server tests need PostgreSQL (initdb and pg_ctl): install the Debian package `postgresql` (apt-get install postgresql)"
    );
    // Debian's layout, off PATH, is found.
    let bin = empty.path().join("15/bin");
    std::fs::create_dir_all(&bin).unwrap();
    for name in ["initdb", "pg_ctl"] {
        std::fs::write(bin.join(name), "").unwrap();
    }
    let (initdb, pg_ctl) = crate::pg::binaries(None, empty.path()).unwrap();
    assert_eq!((initdb, pg_ctl), (bin.join("initdb"), bin.join("pg_ctl")));
}

/// The harness of tests/on_server (tests/it/workdir.rs): a Workdir on a server is a database of
/// its own, cloned from the template `server init` set up, owned by `tester`; its dump is
/// `Store::dump`'s text of the same records on a file, its queries read as on a file, and the
/// database is dropped with it.
#[test]
fn a_workdir_on_a_server_is_a_database_of_its_own_read_as_a_file_is() {
    use crate::workdir::Workdir;
    let wd = Workdir::on(true);
    let file = Workdir::on(false);
    file.create_db();
    assert!(wd.untouched());
    let url = wd.target().into_string().unwrap();
    assert!(url.starts_with("postgres://tester@/wd_"), "{url}");
    assert!(!url.contains(PASSWORD), "{url}");
    assert_eq!(
        wd.query("SELECT max(version) FROM ipguard_schema"),
        ipguard::store::server::schema::PG_MIGRATIONS.len().to_string()
    );
    let name = wd.query("SELECT current_database()");
    assert_eq!(
        wd.shown(),
        format!(
            "tester@{}:{}/{name}",
            crate::pg::cluster().dir.display(),
            crate::pg::cluster().port
        )
    );
    // The owner is `tester`, with the office's rights: `user list` shows it.
    // (Roles are the cluster's: the list holds the other tests' roles too.)
    let out = wd.ok(&["--format", "csv", "user", "list"]);
    assert!(
        out.starts_with("name,role,station\n") && out.contains("\ntester,office,\n"),
        "{out}"
    );
    // The same rows written past the front door dump and query alike on both engines.
    let rows = "PRAGMA foreign_keys = OFF;
        INSERT INTO stations (code, name, cond2) VALUES ('S-2', '乙站 \"q\"', 1), ('S-1', 'x|y', 0);
        INSERT INTO cases (id, station, enterprise, received_on, effective) VALUES
            ('C-2', 'S-1', 'e', '2024-01-02', NULL), ('C-1', 'S-9', 'f', '2024-01-01', 1);
        INSERT INTO funding (station, on_date, amount_fen) VALUES ('S-1', '2024-01-01', 5), ('S-2', '2024-01-01', 7);";
    wd.sql(rows);
    file.sql(rows);
    assert!(!wd.untouched());
    let common = |dump: String| -> String {
        let mut keep = true;
        dump.lines()
            .filter(|l| {
                if let Some(t) = l.strip_prefix("## ") {
                    keep = !["ipguard_schema", "station_users"].contains(&t);
                }
                keep
            })
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let (on_server, on_file) = (common(wd.dump()), common(file.dump()));
    assert!(
        on_server.contains("## stations\nText(\"S-1\")|Text(\"x|y\")|"),
        "{on_server}"
    );
    assert_eq!(on_server, on_file);
    // And the store's own dump of the server (Store::connect) is the same text.
    assert_eq!(wd.store_dump().to_string(), wd.dump());
    for sql in [
        "SELECT group_concat(code || ':' || cond2, ' ') FROM (SELECT * FROM stations ORDER BY code)",
        "SELECT group_concat(amount_fen) FROM funding",
        "SELECT effective FROM cases WHERE id = 'C-2'",
        "SELECT sum(amount_fen) FROM funding",
        "PRAGMA integrity_check",
    ] {
        assert_eq!(wd.query(sql), file.query(sql), "{sql}");
    }
    drop(wd);
    let mut su = crate::pg::connect("postgres", "postgres");
    let left: i64 = su
        .query_one("SELECT count(*) FROM pg_database WHERE datname = $1", &[&name])
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the Workdir's database is dropped with it");
}
