//! Many writers on one file at once: nothing lost, no lock error shown, readers see a
//! consistent state throughout.

use crate::workdir::Workdir;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const WRITERS: usize = 8;
const CASES_EACH: usize = 500;

#[test]
fn eight_processes_adding_500_cases_each() {
    let wd = Arc::new(Workdir::new());
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中站",
        "--on",
        "2024-01-02",
    ]);
    let done = Arc::new(AtomicBool::new(false));

    // A reader lists the cases while the writers run: every read succeeds and the count
    // never goes down (each read sees a whole number of committed cases).
    let reader = {
        let (wd, done) = (Arc::clone(&wd), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut last = 0;
            let mut reads = 0;
            while !done.load(Ordering::SeqCst) {
                let o = wd.run(&["case", "list", "--station", "CQ-YZ-001", "--format", "json"]);
                assert_eq!(
                    (o.code, o.stderr.as_str()),
                    (0, ""),
                    "a read during the writes failed"
                );
                let n = o.stdout.matches("\"id\":").count();
                assert!(n >= last, "a later read saw fewer cases ({n} < {last})");
                last = n;
                // The score reads every table in one snapshot: its count of late cases (none
                // is accepted) is a whole committed state, never less than the last list.
                let o = wd.run(&[
                    "score",
                    "--station",
                    "CQ-YZ-001",
                    "--period",
                    "2024",
                    "--format",
                    "json",
                ]);
                assert_eq!(
                    (o.code, o.stderr.as_str()),
                    (0, ""),
                    "a score during the writes failed"
                );
                let late = late_in_2_1(&o.stdout);
                assert!(
                    late >= last,
                    "the score saw fewer cases ({late}) than an earlier list ({last})"
                );
                last = late;
                reads += 1;
            }
            reads
        })
    };

    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let wd = Arc::clone(&wd);
            std::thread::spawn(move || {
                let enterprise = format!("重庆第{w}科技有限公司");
                for i in 0..CASES_EACH {
                    let o = wd.run(&[
                        "case",
                        "add",
                        "--station",
                        "CQ-YZ-001",
                        "--enterprise",
                        &enterprise,
                        "--received",
                        "2024-06-01",
                    ]);
                    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "writer {w}, case {i}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    done.store(true, Ordering::SeqCst);
    let reads = reader.join().expect("reader");
    assert!(reads > 0);

    let total = WRITERS * CASES_EACH;
    assert_eq!(
        wd.query("SELECT count(DISTINCT id) FROM cases"),
        total.to_string()
    );
    assert_eq!(
        wd.query("SELECT max(id) FROM cases"),
        format!("CQ-YZ-001-2024-{total:04}")
    );
    for w in 0..WRITERS {
        assert_eq!(
            wd.query(&format!(
                "SELECT count(*) FROM cases WHERE enterprise = '重庆第{w}科技有限公司'"
            )),
            CASES_EACH.to_string()
        );
    }
    assert_eq!(
        wd.query("SELECT count(*) FROM audit_log"),
        (total + 1).to_string()
    );
    wd.ok(&["audit", "verify"]);
}

/// The number of late cases in item 2.1's evidence ("0 on time, 12 late (…)").
fn late_in_2_1(score_json: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(score_json).expect("score JSON");
    let item = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2.1")
        .unwrap();
    let evidence = item["evidence"].as_str().unwrap();
    let late = evidence
        .split(", ")
        .find(|p| p.contains(" late"))
        .unwrap_or("0 late");
    late.split(' ').next().unwrap().parse().unwrap()
}
