//! The store: the one boundary between ipguard and its database engine. Opening a file
//! (pragmas, migrations), [`Store::read`] (one read transaction, one snapshot, through a
//! [`Reader`]), [`Store::write`] (one write transaction with its audit entries, through a
//! [`Writer`]), and one module of queries per entity. All SQL of ipguard lives under here;
//! docs/architecture.md describes the boundary and how a second engine joins it.

pub mod audit;
pub mod dump;
mod engine_error;
mod maintenance;
mod open;
mod reader;

pub use audit::{AuditEntry, GENESIS_HASH};
pub use open::{default_path, MIGRATIONS};
pub use reader::Reader;

use crate::error::Result;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Who is writing and with which command: recorded with every audit entry.
#[derive(Debug, Clone)]
pub struct WriteContext {
    pub actor: String,
    pub command: String,
}

/// An open ipguard database.
pub struct Store {
    engine: Engine,
    path: PathBuf,
}

/// The database engine behind a [`Store`]: private, so that nothing above the store names
/// it. A second engine is a second variant (docs/architecture.md).
enum Engine {
    Sqlite(Connection),
}

impl Store {
    /// Opens (creating with mode 0600 and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = open::open(path)?;
        Ok(Store {
            engine: Engine::Sqlite(conn),
            path: path.to_path_buf(),
        })
    }

    /// Opens the database at `path` only if the file exists: what every command that only
    /// reads uses, so that a mistyped path is an error rather than a new, empty database.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(crate::error::Error::Other(anyhow::anyhow!(
                crate::i18n::Lang::current()
                    .msg("store.no_database", &[("path", &path.display().to_string())])
            )));
        }
        Store::open(path)
    }

    /// Opens a backup copy read-only, exactly as written, to verify it.
    pub fn open_copy(path: &Path) -> Result<Store> {
        let conn = open::open_read_only(path)?;
        Ok(Store {
            engine: Engine::Sqlite(conn),
            path: path.to_path_buf(),
        })
    }

    /// An empty database in memory with the schema, standing for `path` while that file does
    /// not exist: what a dry run checks against without creating the file.
    pub fn empty_in_memory(path: &Path) -> Result<Store> {
        let conn = open::in_memory(path)?;
        Ok(Store {
            engine: Engine::Sqlite(conn),
            path: path.to_path_buf(),
        })
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLite connection, for the store's own modules.
    pub(in crate::store) fn conn(&self) -> &Connection {
        match &self.engine {
            Engine::Sqlite(conn) => conn,
        }
    }

    /// Runs `f` in ONE read transaction: every read it makes sees the same commit, whatever
    /// other processes write meanwhile (SQLite: a deferred transaction, whose snapshot under
    /// WAL is taken by its first read and held to its end). What one result is computed from
    /// is read through one call of this.
    pub fn read<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(conn) => {
                conn.execute_batch("BEGIN DEFERRED")?;
                let out = f(&Reader::sqlite(conn));
                // SQLite ends a transaction by itself on some errors (I/O, memory, busy);
                // only one still open is ended here. It wrote nothing: a rollback ends it
                // like a commit would, and can only fail when it had ended already.
                if !conn.is_autocommit() {
                    let end = conn.execute_batch("ROLLBACK");
                    if out.is_ok() {
                        end?;
                    }
                }
                out
            }
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it writes, and the audit entries it
    /// records, commit together or not at all.
    pub fn write<T>(
        &mut self,
        ctx: &WriteContext,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(ctx, f, true)
    }

    /// Runs `f` like [`Store::write`] but always rolls back: a rehearsal (`--dry-run`).
    pub fn rehearse<T>(
        &mut self,
        ctx: &WriteContext,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(ctx, f, false)
    }

    fn transact<T>(
        &mut self,
        ctx: &WriteContext,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        let Engine::Sqlite(conn) = &mut self.engine;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Writer {
            tx,
            ctx: ctx.clone(),
            last: None,
        };
        let out = f(&mut w)?;
        if commit {
            w.tx.commit()?;
        } else {
            w.tx.rollback()?;
        }
        Ok(out)
    }
}

/// A write transaction in progress.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    ctx: WriteContext,
    /// The chain's head (seq, hash) once read in this transaction.
    last: Option<(i64, String)>,
}

impl Writer<'_> {
    /// The transaction, for the entity modules' statements.
    pub(in crate::store) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// The records as this transaction sees them (what it wrote so far included): the same
    /// reads as [`Store::read`] gives, inside the write.
    pub fn read(&self) -> Reader<'_> {
        Reader::sqlite(&self.tx)
    }

    /// Appends an audit entry for a change of `entity` `key` (before and after as JSON; `None`
    /// for a record that did not or no longer exists).
    pub fn audit(
        &mut self,
        entity: &str,
        key: &str,
        station: Option<&str>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        audit::append(self, entity, key, station, before, after)
    }
}

// The entity modules: their reads are reached through `Reader`, their writes take a `Writer`;
// none but import/ (csvio's bulk path) and the entity descriptions are visible outside the
// crate.
pub(crate) mod activities;
pub(crate) mod assessments;
pub(crate) mod awards;
pub(crate) mod cases;
pub(crate) mod complaints;
pub(crate) mod countries;
pub(crate) mod deadlines;
pub mod entity;
pub(crate) mod entity_sql;
pub mod import;
pub(crate) mod reports;
pub(crate) mod resources;
pub(crate) mod scoring;
pub mod server;
pub(crate) mod settings;
pub(crate) mod stations;

pub use assessments::Assessment;
pub use cases::Filter as CaseFilter;
pub use scoring::AllRecords;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;
use std::str::FromStr;

/// Bounds of an optional period as stored text, for `(?n IS NULL OR …)` filters.
pub fn bounds(period: Option<&crate::model::Period>) -> (Option<String>, Option<String>) {
    match period {
        Some(p) => (Some(date_text(p.from())), Some(date_text(p.to()))),
        None => (None, None),
    }
}

/// A date as stored: `YYYY-MM-DD`.
pub fn date_text(d: NaiveDate) -> String {
    crate::model::date::fmt(d)
}

fn conversion_error(idx: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, msg.into())
}

/// Reads a stored date column.
pub fn req_date(r: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    opt_date(r, idx)?
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(idx, "date".into(), rusqlite::types::Type::Null))
}

/// Reads a nullable stored date column, parsed straight from its `YYYY-MM-DD` bytes (the
/// scorer reads millions of them).
pub fn opt_date(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let b = match r.get_ref(idx)? {
        ValueRef::Null => return Ok(None),
        ValueRef::Text(b) => b,
        _ => return Err(conversion_error(idx, "a stored date is not text".into())),
    };
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| match (num(&b[..4]), num(&b[5..7]), num(&b[8..])) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        })
        .flatten();
    date.map(Some)
        .ok_or_else(|| conversion_error(idx, format!("bad stored date `{}`", String::from_utf8_lossy(b))))
}

/// Reads a stored enum column by its English value.
pub fn req_enum<T: FromStr<Err = String>>(r: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s: String = r.get(idx)?;
    s.parse().map_err(|e| conversion_error(idx, e))
}

/// Reads a nullable stored enum column.
pub fn opt_enum<T: FromStr<Err = String>>(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(idx)?;
    s.map(|s| s.parse().map_err(|e| conversion_error(idx, e)))
        .transpose()
}
