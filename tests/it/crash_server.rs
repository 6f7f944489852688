//! The server's counterpart of crash.rs: an import killed with SIGKILL at any moment leaves
//! the server's database holding all of the file or none of it (the transaction the killed
//! client had open is rolled back by PostgreSQL when its connection drops), and a chain that
//! verifies. Only tests/on_server includes this module: its Workdirs are on a server.

use crate::workdir::Workdir;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ROWS: usize = 50_000;
const KILLS: usize = 8;

fn cases_csv() -> String {
    let mut s = String::with_capacity(ROWS * 90);
    s.push_str("id,station,enterprise,received_on,accepted_on,summary\n");
    for i in 0..ROWS {
        let (m, d) = (1 + i % 12, 1 + i % 28);
        let _ = writeln!(
            s,
            "C-{i:06},CQ-YZ-001,重庆第{}科技有限公司,2024-{m:02}-{d:02},2024-{m:02}-{d:02},摘要{i}",
            i % 977
        );
    }
    s
}

/// A fresh database with the station, and the file of its cases: a new one for each kill, as
/// cheap as a file's copy (a clone of the template).
fn fresh(csv: &str) -> Workdir {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中站",
        "--on",
        "2024-01-01",
    ]);
    wd.write("cases.csv", csv);
    wd
}

fn spawn(wd: &Workdir) -> std::process::Child {
    wd.std_cmd(&["import", "cases", "cases.csv"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn signal(child: &std::process::Child, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {}", child.id());
}

/// The server sessions of the killed client still open on this Workdir's database (none once
/// PostgreSQL has seen its connection drop and rolled back what it had open).
fn sessions_left(wd: &Workdir) -> String {
    wd.query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
}

/// Whether the import's session has a transaction that has written (an xid is assigned).
fn writing(wd: &Workdir) -> bool {
    wd.query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
    ) != "0"
}

/// Waits for the killed client's session to end, then checks what it left: all of the file or
/// none of it, the audit log saying the same, and a chain that verifies. Returns whether it
/// held all.
fn all_or_nothing(wd: &Workdir, what: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while sessions_left(wd) != "0" {
        assert!(
            Instant::now() < deadline,
            "{what}: the killed client's session stays"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let n: usize = wd.query("SELECT count(*) FROM cases").parse().unwrap();
    let imports = wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'");
    let all = match n {
        0 => {
            assert_eq!(imports, "0", "{what}");
            false
        }
        ROWS => {
            assert_eq!(imports, "1", "{what}");
            true
        }
        other => panic!("{what} left {other} of {ROWS} cases"),
    };
    wd.ok(&["audit", "verify"]);
    all
}

#[test]
fn sigkill_during_an_import_on_a_server_leaves_all_or_nothing() {
    let csv = cases_csv();
    // One import run to the end gives the time span to aim the kills at.
    let wd = fresh(&csv);
    let started = Instant::now();
    let status = spawn(&wd).wait().unwrap();
    let span = started.elapsed();
    assert!(status.success());
    assert_eq!(wd.query("SELECT count(*) FROM cases"), ROWS.to_string());
    drop(wd);

    // Kills at moments spread over the run: before, during and after the transaction.
    for kill in 0..KILLS {
        let wd = fresh(&csv);
        let at = span.mul_f64(0.02 + 0.83 * (kill as f64 + 0.5) / KILLS as f64);
        let mut child = spawn(&wd);
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        all_or_nothing(&wd, &format!("kill {kill} at {at:?}"));
    }

    // Kills the test aims inside the transaction: once the import's session has written
    // (PostgreSQL gave its transaction an id), the client is stopped (SIGSTOP), the test sees
    // nothing committed, and only then kills it. None of the file may be left.
    let mut none = 0;
    for round in 0..3 {
        let wd = fresh(&csv);
        let mut child = spawn(&wd);
        while !writing(&wd) && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(500));
        }
        let what = format!("kill {round} inside the transaction");
        if child.try_wait().unwrap().is_some() {
            assert!(all_or_nothing(&wd, &what), "{what}");
            continue;
        }
        signal(&child, "-STOP");
        let committed = wd.query("SELECT count(*) FROM cases") != "0";
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let all = all_or_nothing(&wd, &what);
        assert_eq!(all, committed, "{what}: the kill changed what was committed");
        if !all {
            none += 1;
        }
    }
    assert!(none > 0, "no kill landed inside the import's transaction");
}
