//! `ipguard copy`: a store copied whole — file → file, file → server, server → file — answers
//! every list, show, score, report and export byte for byte as its source, with the same audit
//! head; refusals leave the destination as it was, and so does a copy killed midway.

use crate::pg::Db;
use crate::workdir::Workdir;

/// Every read a user makes of the records (each a command line), run on source and copy.
const BATTERY: &[&[&str]] = &[
    &["station", "list"],
    &["station", "show", "CQ-LJ-002"],
    &["station", "show", "CQ-YZ-001"],
    &["station", "staff", "list"],
    &["station", "expert", "list"],
    &["station", "funding", "list"],
    &["case", "list"],
    &["case", "list", "--overdue"],
    &["case", "show", "CQ-LJ-002-2024-0048"],
    &["case", "show", "CQ-YC-003-2024-0049"],
    &["case", "notices"],
    &["activity", "list"],
    &["award", "list"],
    &["complaint", "list"],
    &["report", "list"],
    &["report", "due"],
    &["score", "--all", "--period", "2024"],
    &["score", "--station", "CQ-LJ-002", "--period", "2024", "--explain"],
    &[
        "score",
        "--station",
        "CQ-YZ-001",
        "--period",
        "2024",
        "--format",
        "json",
    ],
    &[
        "report",
        "generate",
        "quarterly",
        "--period",
        "2024Q4",
        "--station",
        "CQ-LJ-002",
    ],
    &[
        "report",
        "generate",
        "annual",
        "--period",
        "2024",
        "--station",
        "CQ-YZ-001",
    ],
    &[
        "report", "generate", "city", "--period", "2024", "--format", "json",
    ],
    &["export", "stations"],
    &["export", "staff"],
    &["export", "experts"],
    &["export", "funding"],
    &["export", "cases"],
    &["export", "activities"],
    &["export", "reports"],
    &["export", "awards"],
    &["export", "complaints"],
    &["export", "station_history"],
    &["export", "station_conditions"],
    &["export", "case_events"],
    &["export", "assessments"],
    &["export", "reason_decisions"],
    &["rubric", "show"],
    &["audit", "list"],
    &["audit", "head"],
    &["audit", "verify"],
    &["check"],
];

/// What every command of the battery prints (stdout, stderr, exit code) on `db`.
fn battery(wd: &Workdir, db: &str) -> Vec<String> {
    BATTERY
        .iter()
        .map(|args| {
            let o = wd
                .cmd(args)
                .env("IPGUARD_DB", db)
                .env_remove("IPGUARD_ACTOR")
                .output()
                .unwrap();
            format!(
                "$ ipguard {}\n{}\n{}\nexit {}",
                args.join(" "),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr),
                o.status.code().unwrap_or(-1)
            )
        })
        .collect()
}

/// The demo's records plus what the demo has none of: an assessment with its scorecard and
/// an overdue reason the office accepted.
fn source() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&["demo"]);
    wd.ok(&[
        "station",
        "assess",
        "CQ-YZ-001",
        "--kind",
        "biennial",
        "--on",
        "2025-02-01",
    ]);
    wd.ok(&["case", "reason", "CQ-YC-003-2024-0049", "--accept"]);
    wd
}

fn copy(wd: &Workdir, from: &str, to: &str) -> (i32, String, String) {
    let o = wd
        .cmd(&["copy", "--from", from, "--to", to])
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_same(a: &[String], b: &[String], what: &str) {
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y, "{what}");
    }
    assert_eq!(a.len(), b.len());
}

#[test]
fn a_copy_answers_every_command_as_its_source_file_to_file_to_server_to_file() {
    let wd = source();
    let src = wd.db().display().to_string();
    let want = battery(&wd, &src);
    // Every command of the battery found something to print.
    assert!(want.iter().all(|b| b.lines().count() > 4), "{want:#?}");

    let file = wd.path().join("copy.db").display().to_string();
    let (code, out, err) = copy(&wd, &src, &file);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let head = wd.ok(&["audit", "head"]);
    assert!(
        err.contains(&format!("audit log 20 entries, head {}", head.trim())),
        "{err}"
    );
    assert!(err.contains("1 assessments"), "{err}");
    assert_same(&want, &battery(&wd, &file), "file → file");

    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    let (code, _, err) = copy(&wd, &file, &url);
    assert_eq!(code, 0, "{err}");
    assert_same(&want, &battery(&wd, &url), "file → server");

    let back = wd.path().join("back.db").display().to_string();
    let (code, _, err) = copy(&wd, &url, &back);
    assert_eq!(code, 0, "{err}");
    assert_same(&want, &battery(&wd, &back), "server → file");

    // The copy is a store like any: new records get the next ids on the server too.
    let o = wd
        .cmd(&[
            "case",
            "note",
            "CQ-LJ-002-2024-0048",
            "--kind",
            "note",
            "--text",
            "x",
            "--on",
            "2025-03-01",
        ])
        .env("IPGUARD_DB", &url)
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_copy_into_the_same_store_or_one_holding_records_is_refused_and_changes_nothing() {
    let wd = source();
    let src = wd.db().display().to_string();
    let before = wd.dump();
    let (code, out, err) = copy(&wd, &src, &src);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            format!("error: --from {src} and --to {src} are the same store: copy into another one\n")
                .as_str()
        )
    );
    // The same file by another name is the same store.
    let other_name = wd.path().join(".").join("ipguard.db").display().to_string();
    let (code, _, _) = copy(&wd, &src, &other_name);
    assert_eq!(code, 2);
    // A destination holding records.
    let other = Workdir::new();
    other.import("stations", "code,name\nCQ-X-001,x\n");
    let dst = other.db().display().to_string();
    let dst_before = other.dump();
    let (code, out, err) = copy(&wd, &src, &dst);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (3, "", format!("error: {dst} already holds records: a copy goes into a new or empty store (a new file, or a server database after `server init`)\n").as_str())
    );
    assert_eq!(dst_before, other.dump());
    // A server database holding records.
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    db.client(&db.owner)
        .batch_execute("INSERT INTO stations (code, name) VALUES ('CQ-X-001', 'x')")
        .unwrap();
    let (code, _, err) = copy(&wd, &src, &url);
    assert_eq!(code, 3, "{err}");
    let n: i64 = db
        .client(&db.owner)
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    // A source that does not exist writes no destination.
    let missing = wd.path().join("none.db").display().to_string();
    let target = wd.path().join("t.db");
    let (code, _, _) = copy(&wd, &missing, target.to_str().unwrap());
    assert_eq!(code, 1);
    assert!(!target.exists());
    assert_eq!(before, wd.dump());
}

/// Starts a copy and kills it (SIGKILL) as soon as the destination has begun to change.
pub(crate) fn kill_midway(
    wd: &Workdir,
    from: &str,
    to: &str,
    more: &[&str],
    mut started: impl FnMut() -> bool,
) {
    let mut args = vec!["copy", "--from", from, "--to", to];
    args.extend(more);
    let mut child = wd
        .std_cmd(&args)
        .env_remove("IPGUARD_ACTOR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    while !started() && t0.elapsed() < std::time::Duration::from_secs(30) {
        if child.try_wait().unwrap().is_some() {
            panic!("the copy ended before it could be killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_copy_killed_midway_leaves_the_destination_as_it_was() {
    // Enough cases that the copy takes a while.
    let wd = Workdir::new();
    wd.import("stations", "code,name\nCQ-YZ-001,渝中\n");
    let mut csv = String::from("id,station,enterprise,received_on,summary\n");
    for i in 0..60_000 {
        csv.push_str(&format!(
            "C-{i:06},CQ-YZ-001,企业{i},2024-03-01,{}\n",
            "摘要".repeat(20)
        ));
    }
    wd.import("cases", &csv);
    let src = wd.db().display().to_string();

    // Into a new file: killed, no file at the name (its temporary file is not it).
    let file = wd.path().join("copy.db");
    let dir = wd.path().to_path_buf();
    kill_midway(&wd, &src, file.to_str().unwrap(), &[], || {
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).any(|e| {
            e.file_name().to_string_lossy().contains("copy.db")
                && e.metadata().is_ok_and(|m| m.len() > 100_000)
        })
    });
    assert!(!file.exists());

    // Into a server: killed, the database holds nothing.
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    let mut watcher = db.client(&db.owner);
    kill_midway(&wd, &src, &url, &[], || {
        // The copy's transaction is open and has written (its rows are not visible yet).
        watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                 AND state = 'idle in transaction' OR (datname = current_database() AND query LIKE 'COPY%')",
                &[],
            )
            .unwrap()
            .get::<_, i64>(0)
            > 0
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    let n: i64 = db
        .client(&db.owner)
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    // And a copy run again, whole, succeeds.
    let (code, _, err) = copy(&wd, &src, &url);
    assert_eq!(code, 0, "{err}");
    let n: i64 = db
        .client(&db.owner)
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 60_000);
}
