//! Crash safety: an import killed with SIGKILL at any moment leaves an intact database that
//! holds all of the file or none of it.

use crate::workdir::Workdir;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ROWS: usize = 200_000;
const KILLS: usize = 20;

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

/// A small deterministic generator, so that a failing kill moment can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn integrity(wd: &Workdir) -> String {
    wd.query("PRAGMA integrity_check")
}

/// Puts the database back as it was before the file's cases: the backup taken then, copied
/// over the file, with the killed run's journal files removed.
fn restore(wd: &Workdir, pristine: &std::path::Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", wd.db().display()));
    }
    std::fs::copy(pristine, wd.db()).unwrap();
}

/// The size of the database's write-ahead log: it grows only while a write transaction writes.
fn wal_len(wd: &Workdir) -> u64 {
    std::fs::metadata(format!("{}-wal", wd.db().display())).map_or(0, |m| m.len())
}

fn signal(child: &std::process::Child, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {}", child.id());
}

/// Checks what a killed run left: an intact database with all of the file or none of it, the
/// audit log saying the same, and a chain that verifies. Returns whether it held all.
fn all_or_nothing(wd: &Workdir, what: &str) -> bool {
    assert_eq!(integrity(wd), "ok", "{what}");
    let n: usize = wd.query("SELECT count(*) FROM cases").parse().unwrap();
    let all = match n {
        0 => {
            assert_eq!(
                wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
                "0"
            );
            false
        }
        ROWS => {
            assert_eq!(
                wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
                "1"
            );
            true
        }
        other => panic!("{what} left {other} of {ROWS} cases"),
    };
    wd.ok(&["audit", "verify"]);
    all
}

#[test]
fn sigkill_during_a_200000_row_import_leaves_all_or_nothing() {
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
    let pristine = wd.path().join("pristine.db");
    wd.ok(&["backup", pristine.to_str().unwrap()]);
    let file = wd.write("cases.csv", cases_csv());
    let file = file.to_str().unwrap();

    // One import run to the end gives the time span to aim the kills at, and the most its
    // transaction wrote to the log while still running.
    let started = Instant::now();
    let mut child = wd
        .std_cmd(&["import", "cases", file])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut wal_most = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        wal_most = wal_most.max(wal_len(&wd));
        std::thread::sleep(Duration::from_millis(1));
    };
    let span = started.elapsed();
    assert!(status.success());
    assert_eq!(wd.query("SELECT count(*) FROM cases"), ROWS.to_string());

    // Kills at moments spread over the run: before, during and after the transaction.
    let mut rng = Lcg(20241121);
    for kill in 0..KILLS {
        restore(&wd, &pristine);
        let at = span.mul_f64(0.02 + 0.83 * rng.next_fraction());
        let mut child = wd
            .std_cmd(&["import", "cases", file])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        std::thread::sleep(Duration::from_millis(10));
        all_or_nothing(&wd, &format!("kill {kill} at {at:?}"));
    }

    // Kills at points the test controls: once the transaction has written a given share of
    // what it writes to the log, the import is stopped (SIGSTOP), the test sees that nothing
    // is committed yet, and only then kills it. So these kills land inside the transaction
    // whatever the machine's speed, and must leave none of the file.
    assert!(wal_most > 0, "the import wrote nothing to the log while it ran");
    let mut none = 0;
    for step in 1..=4u64 {
        restore(&wd, &pristine);
        let threshold = wal_most * step / 5;
        let mut child = wd
            .std_cmd(&["import", "cases", file])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while wal_len(&wd) <= threshold && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
        let what = format!("kill inside the transaction at {threshold} bytes of log");
        if child.try_wait().unwrap().is_some() {
            // The run ended before the test could stop it: it must have imported it all.
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
    eprintln!(
        "{KILLS} kills over {span:?} and 4 inside the transaction: {none} of those left none of the file"
    );
    assert!(none > 0, "no kill landed during the import");
}
