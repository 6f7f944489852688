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
    let file = wd.write("cases.csv", cases_csv());
    let file = file.to_str().unwrap();

    // One import run to the end gives the time span to aim the kills at.
    let started = Instant::now();
    let full = wd.std_cmd(&["import", "cases", file]).output().unwrap();
    let span = started.elapsed();
    assert!(full.status.success(), "{}", String::from_utf8_lossy(&full.stderr));
    assert_eq!(wd.query("SELECT count(*) FROM cases"), ROWS.to_string());

    let mut rng = Lcg(20241121);
    let (mut none, mut all) = (0, 0);
    for kill in 0..KILLS {
        // Start from the database without the file's cases.
        let conn = rusqlite::Connection::open(wd.db()).unwrap();
        conn.execute_batch("DELETE FROM cases; DELETE FROM audit_log WHERE entity = 'import';")
            .unwrap();
        drop(conn);
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

        assert_eq!(integrity(&wd), "ok", "kill {kill} at {at:?}");
        let n: usize = wd.query("SELECT count(*) FROM cases").parse().unwrap();
        match n {
            0 => {
                none += 1;
                assert_eq!(
                    wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
                    "0"
                );
            }
            ROWS => {
                all += 1;
                assert_eq!(
                    wd.query("SELECT count(*) FROM audit_log WHERE entity = 'import'"),
                    "1"
                );
            }
            other => panic!("kill {kill} at {at:?} left {other} of {ROWS} cases"),
        }
        wd.ok(&["audit", "verify"]);
    }
    eprintln!("{KILLS} kills over {span:?}: {none} left none of the file, {all} all of it");
    assert!(none > 0, "no kill landed during the import");
}
