//! Opening a database file: creation with owner-only permissions, pragmas, and the versioned
//! migrations applied under an exclusive lock.

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema migrations, in order; the database's `PRAGMA user_version` counts those applied.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_documents.sql"),
    COUNTRIES,
    include_str!("../../migrations/0004_case_text.sql"),
    include_str!("../../migrations/0005_satisfaction.sql"),
];

/// The migration after which stored countries are converted to codes, in Rust
/// (`store::countries::migrate`): found by its text, so that renumbering keeps it.
const COUNTRIES: &str = include_str!("../../migrations/0003_countries.sql");

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The default database when neither `--db` nor `IPGUARD_DB` is given: `ipguard.db` in the
/// user's data directory (`~/.local/share/ipguard` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "ipguard").map(|d| d.data_dir().join("ipguard.db"))
}

pub(super) fn open(path: &Path) -> Result<Connection> {
    let shown = path.display();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
                "store.open_no_directory",
                &[("path", &shown.to_string()), ("dir", &dir.display().to_string())],
            ))));
        }
    }
    if path.is_dir() {
        return Err(Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("store.open_directory", &[("path", &shown.to_string())])
        )));
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("store.open_not_file", &[("path", &shown.to_string())])
        )));
    }
    create_private(path)?;
    // A file whose permissions forbid writing is opened read-only, even for root, so that
    // writes are refused with one clear sentence.
    let writable = std::fs::metadata(path)
        .map(|m| !m.permissions().readonly())
        .unwrap_or(false);
    let mode = if writable {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    let conn = Connection::open_with_flags(plain(path)?, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(path, e))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| open_error(path, e))?;
    let version: i64 = retry_busy(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .map_err(|e| open_error(path, e))?;
    if version < 0 || version as usize > MIGRATIONS.len() {
        return Err(newer(path, version));
    }
    if conn.is_readonly("main").unwrap_or(false) {
        if (version as usize) < MIGRATIONS.len() {
            return Err(Error::Other(anyhow::anyhow!(
                crate::i18n::Lang::current().msg("store.read_only_upgrade", &[("path", &shown.to_string())])
            )));
        }
        return Ok(conn);
    }
    retry_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)))
        .map_err(|e| open_error(path, e))?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(|e| open_error(path, e))?;
    if (version as usize) < MIGRATIONS.len() {
        migrate(path, &conn)?;
    }
    Ok(conn)
}

/// Opens an existing database file read-only, as it is (no pragmas that write, no
/// migration): for verifying a backup copy.
pub(super) fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        plain(path)?,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(path, e))?;
    Ok(conn)
}

/// An empty database in memory with the schema, standing for `path` (named in messages).
pub(super) fn in_memory(path: &Path) -> Result<Connection> {
    let conn = Connection::open_in_memory().map_err(|e| open_error(path, e))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| open_error(path, e))?;
    migrate(path, &conn)?;
    Ok(conn)
}

/// Retries `f` while SQLite answers "busy" without waiting on its busy handler, as it can while
/// another process is creating the file or switching it to WAL; gives up after `BUSY_TIMEOUT`.
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(2);
    loop {
        match f() {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Creates the file with mode 0600 if it does not exist, so that the database is never readable
/// by others, not even for a moment. SQLite gives its -wal and -shm files the same mode.
pub(super) fn create_private(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
            "store.cannot_create",
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        )))),
    }
}

/// Applies the missing migrations inside one EXCLUSIVE transaction: a second process opening
/// the same new file waits for the first and then finds the schema in place.
///
/// Foreign keys are off while they run, so that a migration can rebuild a table whose
/// constraints change (SQLite's documented procedure); they are checked before the commit.
fn migrate(path: &Path, conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "OFF")
        .map_err(|e| open_error(path, e))?;
    let done = migrate_locked(path, conn);
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| open_error(path, e))?;
    done
}

fn migrate_locked(path: &Path, conn: &Connection) -> Result<()> {
    conn.execute_batch("BEGIN EXCLUSIVE")
        .map_err(|e| open_error(path, e))?;
    let result = (|| -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < 0 || version as usize > MIGRATIONS.len() {
            return Err(newer(path, version));
        }
        if version == 0 {
            let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current()
                    .msg("store.not_ipguard", &[("path", &path.display().to_string())]))));
            }
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            conn.execute_batch(sql)?;
            // The country vocabulary's migration converts the stored values, in Rust.
            if *sql == COUNTRIES {
                super::countries::migrate(conn)?;
            }
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(Error::Damage(crate::i18n::Lang::current().msg(
                "store.broken_references",
                &[
                    ("path", &path.display().to_string()),
                    ("count", &broken.to_string()),
                ],
            )));
        }
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT").map_err(|e| open_error(path, e)),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The path SQLite is given: absolute, so that a name beginning `file:` is a file name and
/// never a URI (the bundled SQLite is built with URI file names on).
pub(super) fn plain(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| {
        Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
            "store.cannot_open",
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        )))
    })
}

fn newer(path: &Path, version: i64) -> Error {
    if version < 0 {
        return Error::Damage(crate::i18n::Lang::current().msg(
            "store.impossible_version",
            &[
                ("path", &path.display().to_string()),
                ("version", &version.to_string()),
            ],
        ));
    }
    Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
        "store.newer",
        &[
            ("path", &path.display().to_string()),
            ("version", &version.to_string()),
            ("known", &MIGRATIONS.len().to_string()),
        ],
    )))
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    let shown = path.display().to_string();
    let lang = crate::i18n::Lang::current();
    let args = [("path", shown.as_str())];
    let msg = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => lang.msg("store.open_not_database", &args),
        Some(ErrorCode::ReadOnly) => lang.msg("store.open_read_only", &args),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            lang.msg("store.open_denied", &args)
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            lang.msg("store.open_locked", &args)
        }
        Some(ErrorCode::SystemIoFailure) => lang.msg("store.open_io", &args),
        _ => return Error::from(e),
    };
    Error::Other(anyhow::anyhow!(msg))
}

/// Turns a SQLite error into one sentence a person can act on.
pub fn describe_sqlite_error(e: rusqlite::Error) -> anyhow::Error {
    let lang = crate::i18n::Lang::current();
    anyhow::anyhow!(match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => lang.msg("store.read_only", &[]),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            lang.msg("store.locked", &[])
        }
        Some(ErrorCode::NotADatabase) => lang.msg("store.not_database", &[]),
        Some(ErrorCode::DiskFull) => lang.msg("store.disk_full", &[]),
        Some(ErrorCode::SystemIoFailure) => lang.msg("store.io", &[]),
        Some(ErrorCode::DatabaseCorrupt) => lang.msg("store.damaged", &[]),
        _ => lang.msg("store.other", &[("error", &e.to_string())]),
    })
}
