//! `Workdir`: a temporary directory with a database, and the ipguard binary run against it
//! with "today" pinned.
#![allow(dead_code)] // each test module uses the part it needs

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The date every test runs on unless it says otherwise.
pub const TODAY: &str = "2025-03-01";

pub struct Workdir {
    dir: tempfile::TempDir,
    today: String,
}

/// What a run printed and how it ended.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
            today: TODAY.to_string(),
        }
    }

    /// Pins "today" for later runs.
    pub fn set_today(&mut self, today: &str) {
        self.today = today.to_string();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ipguard.db")
    }

    /// Creates the empty database (with the schema) through the front door: the import of a
    /// file of stations that holds only its header writes no record and no audit entry.
    pub fn create_db(&self) {
        self.cmd(&["import", "stations", "-"])
            .write_stdin("code,name\n")
            .assert()
            .success()
            .stdout("")
            .stderr("stdin: 0 added, 0 updated, 0 unchanged\n");
    }

    /// Writes a file in the work directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// Seeds records through the front door: writes `csv` as `seed-<kind>.csv` and imports it
    /// with `ipguard import <kind>`, asserting success.
    pub fn import(&self, kind: &str, csv: &str) {
        let name = format!("seed-{kind}.csv");
        self.write(&name, csv);
        self.ok(&["import", kind, &name]);
    }

    /// The command, ready to run, with the database, "today", English and the actor set.
    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.std_cmd(args))
    }

    /// The same as a plain `std::process::Command`, for spawning several at once.
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("ipguard"));
        c.current_dir(self.dir.path())
            .env("IPGUARD_DB", self.db())
            .env("IPGUARD_TODAY", &self.today)
            .env("IPGUARD_ACTOR", "tester")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("IPGUARD_LANG")
            .env_remove("LC_MESSAGES")
            .args(args);
        c
    }

    /// Runs and returns what happened, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd(args).output().expect("run ipguard");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.code, 0,
            "ipguard {args:?} failed:\nstdout: {}\nstderr: {}",
            o.stdout, o.stderr
        );
        o.stdout
    }

    /// Runs and asserts it fails with `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let o = self.run(args);
        assert_eq!(
            o.code, code,
            "ipguard {args:?}: want exit {code}\nstdout: {}\nstderr: {}",
            o.stdout, o.stderr
        );
        o.stderr
    }

    /// Asserts that a refused command left the database exactly as it was: runs it, expects
    /// `code`, and compares a dump of every table before and after. Returns stderr.
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let before = self.dump();
        let err = self.fails(args, code);
        assert_eq!(
            before,
            self.dump(),
            "ipguard {args:?} changed the database although refused"
        );
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "want one line on stderr, got: {err}"
        );
        err
    }

    /// Every row of every table, in key order, as text: for comparing database states. The
    /// store gives it (`Store::dump`), read-only and without migrating, so that looking does
    /// not change what is looked at, and a second engine can give the same.
    pub fn dump(&self) -> String {
        if !self.db().exists() {
            return String::new();
        }
        ipguard::store::Store::open_copy(&self.db())
            .expect("open db")
            .dump()
            .expect("dump db")
            .to_string()
    }

    /// One value from the database.
    pub fn query(&self, sql: &str) -> String {
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        let v: rusqlite::types::Value = conn.query_row(sql, [], |r| r.get(0)).expect("query");
        match v {
            rusqlite::types::Value::Null => "NULL".into(),
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(s) => s,
            other => format!("{other:?}"),
        }
    }
}
