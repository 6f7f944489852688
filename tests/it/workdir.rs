//! `Workdir`: a temporary directory with a database, and the ipguard binary run against it
//! with "today" pinned.
//!
//! The database is on the engine the test binary runs on (`crate::engine::SERVER`): in
//! tests/it a file `ipguard.db` in the directory, created by the first command that writes; in
//! tests/on_server a database of its own on the test cluster (tests/it/pg.rs), cloned from a
//! template that `ipguard server init` set up once, owned by the login role `tester` (so the
//! audit log's actor is `tester` on both), and dropped with the Workdir.
#![allow(dead_code)] // each test module uses the part it needs

use assert_cmd::Command;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The date every test runs on unless it says otherwise.
pub const TODAY: &str = "2025-03-01";

/// The actor the audit log records for every command a Workdir runs: `IPGUARD_ACTOR` on a
/// file, the login role (the database's owner, with the office's rights) on a server.
pub const ACTOR: &str = "tester";

/// The database every server Workdir's is cloned from: `server init` already applied.
const TEMPLATE: &str = "ipguard_template";

pub struct Workdir {
    dir: tempfile::TempDir,
    today: String,
    /// On the server target: this Workdir's database on the cluster.
    server: Option<String>,
}

/// What a run printed and how it ended.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir::on(crate::engine::SERVER)
    }

    /// A Workdir on a server (`true`) or a file, whichever engine this binary runs on.
    pub fn on(server: bool) -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
            today: TODAY.to_string(),
            server: server.then(new_server_db),
        }
    }

    /// Whether this Workdir's database is on a server.
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    /// Pins "today" for later runs.
    pub fn set_today(&mut self, today: &str) {
        self.today = today.to_string();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database file (on a file's engine; on a server, a path where none is).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ipguard.db")
    }

    /// Whether nothing has written to the database: on a file, that there is no file; on a
    /// server, that every table but `ipguard_schema` (which `server init` filled) is empty.
    pub fn untouched(&self) -> bool {
        if !self.on_server() {
            return !self.db().exists();
        }
        let mut table = String::new();
        self.dump().lines().all(|l| match l.strip_prefix("## ") {
            Some(name) => {
                table = name.to_string();
                true
            }
            None => table == "ipguard_schema",
        })
    }

    /// The database as messages name it: the file's path, or on a server
    /// `tester@SOCKET-DIR:PORT/DB`.
    pub fn shown(&self) -> String {
        match &self.server {
            None => self.db().display().to_string(),
            Some(name) => {
                let c = crate::pg::cluster();
                format!("{ACTOR}@{}:{}/{name}", c.dir.display(), c.port)
            }
        }
    }

    /// The environment that points ipguard at this database as this Workdir's user: the
    /// database, and the actor on a file or the password on a server.
    pub fn engine_env(&self) -> Vec<(&'static str, OsString)> {
        let mut env = vec![("IPGUARD_DB", self.target())];
        if self.on_server() {
            env.push(("PGPASSWORD", crate::pg::PASSWORD.into()));
        } else {
            env.push(("IPGUARD_ACTOR", ACTOR.into()));
        }
        env
    }

    /// The database as `--db` (and `IPGUARD_DB`) names it: the file's path, or on a server the
    /// `postgres://tester@/DB?host=…&port=…` URL (over the cluster's Unix socket; the password
    /// is in `PGPASSWORD`, never in the URL).
    pub fn target(&self) -> OsString {
        match &self.server {
            None => self.db().into_os_string(),
            Some(name) => server_url(name).into(),
        }
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
        c.current_dir(self.dir.path()).env("IPGUARD_TODAY", &self.today);
        if self.on_server() {
            // libpq's environment is the test's own; the actor is the login role.
            for var in [
                "PGHOST",
                "PGPORT",
                "PGUSER",
                "PGDATABASE",
                "PGPASSFILE",
                "PGSSLMODE",
                "PGSSLROOTCERT",
                "IPGUARD_ACTOR",
            ] {
                c.env_remove(var);
            }
        }
        c.envs(self.engine_env())
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
    ///
    /// On a server the dump is read here, with a plain client, in the same text as
    /// `Store::dump`'s (every table of the schema `public`, rows in key order).
    pub fn dump(&self) -> String {
        if let Some(name) = &self.server {
            return server_dump(name);
        }
        if !self.db().exists() {
            return String::new();
        }
        ipguard::store::Store::open_copy(&self.db())
            .expect("open db")
            .dump()
            .expect("dump db")
            .to_string()
    }

    /// The store's own dump (`Store::dump`) as a value, read-only: of the file (`open_copy`),
    /// or of the server (`Store::connect`, as the owner).
    pub fn store_dump(&self) -> ipguard::store::dump::Dump {
        let store = match &self.server {
            None => ipguard::store::Store::open_copy(&self.db()),
            Some(name) => ipguard::store::Store::connect(&server_url(name)),
        };
        store.expect("open db").dump().expect("dump db")
    }

    /// One value from the database: NULL, an integer or text, as text. On a server the same
    /// SQL runs (SQLite's `group_concat` read as `string_agg`).
    pub fn query(&self, sql: &str) -> String {
        if let Some(name) = &self.server {
            return server_query(name, sql);
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        let v: rusqlite::types::Value = conn.query_row(sql, [], |r| r.get(0)).expect("query");
        match v {
            rusqlite::types::Value::Null => "NULL".into(),
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(s) => s,
            other => format!("{other:?}"),
        }
    }

    /// Writes past the front door, on purpose: for the tests that store what no command would
    /// (a tampered audit entry, a value another client stored). On a server as the cluster's
    /// superuser with triggers off (`session_replication_role = replica`: the audit log's
    /// append-only triggers and the foreign keys), as the file's statements have no triggers
    /// to pass (a leading `PRAGMA foreign_keys = OFF;` is the file's way of saying the same).
    pub fn sql(&self, statements: &str) {
        match &self.server {
            None => rusqlite::Connection::open(self.db())
                .expect("open db")
                .execute_batch(statements)
                .expect("write past the front door"),
            Some(name) => {
                let off = "PRAGMA foreign_keys = OFF;";
                let rest = statements.strip_prefix(off).unwrap_or(statements);
                let sql = format!("SET session_replication_role = replica; {rest}");
                crate::pg::connect(name, "postgres")
                    .batch_execute(&sql)
                    .expect("write past the front door")
            }
        }
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        if let Some(name) = &self.server {
            let _ = crate::pg::connect("postgres", "postgres")
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

static NEXT_DB: AtomicUsize = AtomicUsize::new(0);
static TEMPLATE_READY: OnceLock<()> = OnceLock::new();

/// A fresh database for one Workdir, cloned from the template (made on first use).
fn new_server_db() -> String {
    TEMPLATE_READY.get_or_init(make_template);
    let name = format!(
        "wd_{}_{}",
        std::process::id(),
        NEXT_DB.fetch_add(1, Ordering::SeqCst)
    );
    crate::pg::connect("postgres", "postgres")
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER {ACTOR}"
        ))
        .unwrap_or_else(|e| panic!("create the Workdir's database {name}: {e}"));
    name
}

/// The role `tester` (the owner of every Workdir's database, with CREATEROLE as docs/server.md
/// asks of an owner) and the template database, on which it runs `ipguard server init`.
fn make_template() {
    let mut su = crate::pg::connect("postgres", "postgres");
    su.batch_execute(&format!(
        "CREATE ROLE {ACTOR} LOGIN CREATEROLE PASSWORD '{}'",
        crate::pg::PASSWORD
    ))
    .expect("create the owner role");
    su.batch_execute(&format!("CREATE DATABASE {TEMPLATE} OWNER {ACTOR}"))
        .expect("create the template database");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("ipguard"))
        .args(["server", "init"])
        .env("IPGUARD_DB", server_url(TEMPLATE))
        .env("PGPASSWORD", crate::pg::PASSWORD)
        .env_remove("IPGUARD_ACTOR")
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run ipguard server init");
    assert!(
        out.status.success(),
        "server init on the template: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    su.batch_execute(&format!("ALTER DATABASE {TEMPLATE} IS_TEMPLATE true"))
        .expect("mark the template");
}

fn server_url(name: &str) -> String {
    let c = crate::pg::cluster();
    format!(
        "postgres://{ACTOR}@/{name}?host={}&port={}",
        c.dir.display(),
        c.port
    )
}

/// `Store::dump`'s text of a server database: `## table`, then one line per row, each cell as
/// `Null`, `Integer(n)`, `Real(x)`, `Text("…")` or `Blob([…])` joined with `|`.
fn server_dump(name: &str) -> String {
    let mut client = crate::pg::connect(name, "postgres");
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .expect("begin the dump");
    let tables: Vec<String> = tx
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\"",
            &[],
        )
        .expect("list the tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut out = String::new();
    for t in tables {
        let columns: Vec<(String, String)> = tx
            .query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                &[&t],
            )
            .expect("the table's columns")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let key: Vec<String> = tx
            .query(
                "SELECT a.attname::text FROM pg_index i
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = ('public.' || quote_ident($1))::regclass AND i.indisprimary
                 ORDER BY array_position(i.indkey::int2[], a.attnum)",
                &[&t],
            )
            .expect("the table's key")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let order = if key.is_empty() {
            columns.iter().map(|(c, _)| quote(c)).collect::<Vec<_>>()
        } else {
            key.iter().map(|c| quote(c)).collect()
        }
        .join(", ");
        out.push_str(&format!("## {t}\n"));
        let sql = format!("SELECT * FROM {} ORDER BY {order}", quote(&t));
        for m in tx.simple_query(&sql).expect("read the table") {
            if let postgres::SimpleQueryMessage::Row(row) = m {
                let cells: Vec<String> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, (_, ty))| cell(row.get(i), ty))
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
    }
    tx.commit().expect("end the dump");
    out
}

/// One value in the text of a dump (the `Debug` form of `ipguard::store::dump::Cell`).
fn cell(v: Option<&str>, ty: &str) -> String {
    let Some(v) = v else {
        return "Null".into();
    };
    match ty {
        "bigint" | "integer" | "smallint" => format!("Integer({v})"),
        "double precision" | "real" | "numeric" => {
            format!("Real({:?})", v.parse::<f64>().expect("a number"))
        }
        "boolean" => format!("Integer({})", i64::from(v == "t")),
        _ => format!("Text({v:?})"),
    }
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// One value from a server database, as [`Workdir::query`] gives it from a file.
fn server_query(name: &str, sql: &str) -> String {
    let sql = portable(sql);
    assert!(
        !sql.trim_start().to_uppercase().starts_with("PRAGMA"),
        "a PRAGMA is the file's: this test is file-only ({sql})"
    );
    let mut client = crate::pg::connect(name, "postgres");
    let rows = client
        .simple_query(&sql)
        .unwrap_or_else(|e| match e.as_db_error() {
            Some(db) => panic!("query {sql}: {}", db.message()),
            None => panic!("query {sql}: {e}"),
        });
    for m in rows {
        if let postgres::SimpleQueryMessage::Row(row) = m {
            return row.get(0).unwrap_or("NULL").to_string();
        }
    }
    panic!("query {sql}: no row")
}

/// The file's own checks that a test asks of its database, and what they are on a server:
/// PostgreSQL keeps its files and foreign keys whole itself, and keeps index definitions in
/// `pg_indexes`.
const FILE_CHECKS: [(&str, &str); 3] = [
    ("PRAGMA integrity_check", "SELECT 'ok'"),
    (
        "SELECT count(*) FROM pragma_foreign_key_check",
        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated",
    ),
    (
        "SELECT sql FROM sqlite_master WHERE name = ",
        "SELECT indexdef FROM pg_indexes WHERE indexname = ",
    ),
];

/// SQLite's SQL of the tests as PostgreSQL reads it: `group_concat(x)` is
/// `string_agg(x, ',')` and `group_concat(x, sep)` is `string_agg(x, sep)`, with `x` as text;
/// `json_extract(x, '$.a.b')` is `x::json #>> '{a,b}'` (text: a string unquoted, an array or
/// object as stored); a subquery in FROM gets the alias PostgreSQL 15 requires; the file's
/// checks are [`FILE_CHECKS`].
pub fn portable(sql: &str) -> String {
    for (file, server) in FILE_CHECKS {
        if let Some(rest) = sql.strip_prefix(file) {
            return format!("{server}{rest}");
        }
    }
    aliased(&json_extract(&string_agg(sql)))
}

fn json_extract(sql: &str) -> String {
    let mut out = String::new();
    let mut rest = sql;
    while let Some(at) = rest.find("json_extract(") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "json_extract(".len()..];
        let end = closing(rest);
        let args = &rest[..end];
        let (value, path) = args.rsplit_once(',').expect("json_extract(value, path)");
        let path = path.trim().trim_matches('\'');
        let keys: Vec<&str> = path
            .trim_start_matches('$')
            .split('.')
            .filter(|k| !k.is_empty())
            .collect();
        out.push_str(&format!("(CAST(({value}) AS JSON) #>> '{{{}}}'", keys.join(",")));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The end of the parenthesis opened just before `s` (its index in `s`), skipping quoted text.
fn closing(s: &str) -> usize {
    let (mut depth, mut quoted) = (0, false);
    for (i, ch) in s.char_indices() {
        match ch {
            '\'' => quoted = !quoted,
            _ if quoted => {}
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// `FROM (SELECT …)` without an alias gets ` AS sub`.
fn aliased(sql: &str) -> String {
    let mut out = String::new();
    let mut rest = sql;
    while let Some(at) = rest.find("FROM (SELECT") {
        let open = at + "FROM (".len();
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let end = closing(rest);
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix(')') {
            out.push(')');
            rest = after;
            let next = after.split_whitespace().next().unwrap_or("");
            let keyword = ["", "WHERE", "GROUP", "ORDER", "LIMIT", ")", ";"]
                .contains(&next.to_uppercase().as_str())
                || next.starts_with(')');
            if keyword {
                out.push_str(" AS sub");
            }
        }
    }
    out.push_str(rest);
    out
}

fn string_agg(sql: &str) -> String {
    let mut out = String::new();
    let mut rest = sql;
    while let Some(at) = rest.find("group_concat(") {
        out.push_str(&rest[..at]);
        out.push_str("string_agg(");
        rest = &rest[at + "group_concat(".len()..];
        // The arguments up to the matching parenthesis; a comma at depth 0 separates them.
        let (mut depth, mut quoted, mut comma, mut end) = (0, false, None, rest.len());
        for (i, ch) in rest.char_indices() {
            match ch {
                '\'' => quoted = !quoted,
                _ if quoted => {}
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = i;
                    break;
                }
                ')' => depth -= 1,
                ',' if depth == 0 && comma.is_none() => comma = Some(i),
                _ => {}
            }
        }
        // string_agg takes text only; group_concat takes any value.
        let (value, sep) = match comma {
            Some(c) => (&rest[..c], &rest[c + 1..end]),
            None => (&rest[..end], " ','"),
        };
        out.push_str(&format!("CAST(({value}) AS TEXT),{sep}"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_tests_sql_is_read_by_postgresql_as_sqlite_reads_it() {
    assert_eq!(
        portable("SELECT group_concat(a || ' ' || b, '; ') FROM t"),
        "SELECT string_agg(CAST((a || ' ' || b) AS TEXT), '; ') FROM t"
    );
    assert_eq!(
        portable("SELECT group_concat(coalesce(x, '-')) FROM (SELECT * FROM t ORDER BY id)"),
        "SELECT string_agg(CAST((coalesce(x, '-')) AS TEXT), ',') FROM (SELECT * FROM t ORDER BY id) AS sub"
    );
    assert_eq!(
        portable("SELECT group_concat(id || ':,(' , ' ') FROM a WHERE x IN (SELECT group_concat(y) FROM b)"),
        "SELECT string_agg(CAST((id || ':,(' ) AS TEXT), ' ') FROM a WHERE x IN (SELECT string_agg(CAST((y) AS TEXT), ',') FROM b)"
    );
    assert_eq!(portable("PRAGMA integrity_check"), "SELECT 'ok'");
    assert_eq!(
        portable("SELECT json_extract(after_json, '$.keys') FROM a WHERE json_extract(b, '$.x.y') = 1"),
        "SELECT (CAST((after_json) AS JSON) #>> '{keys}') FROM a WHERE (CAST((b) AS JSON) #>> '{x,y}') = 1"
    );
    assert_eq!(
        portable("SELECT group_concat(k, ';') FROM (SELECT * FROM e ORDER BY id)"),
        "SELECT string_agg(CAST((k) AS TEXT), ';') FROM (SELECT * FROM e ORDER BY id) AS sub"
    );
    assert_eq!(
        portable("SELECT x FROM (SELECT (1) AS x) q WHERE x IN (SELECT y FROM (SELECT 2 AS y))"),
        "SELECT x FROM (SELECT (1) AS x) q WHERE x IN (SELECT y FROM (SELECT 2 AS y) AS sub)"
    );
    assert_eq!(
        portable("SELECT count(*) FROM cases"),
        "SELECT count(*) FROM cases"
    );
}
