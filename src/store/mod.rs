//! The store: the one boundary between ipguard and its database engine. Opening a file
//! (pragmas, migrations), [`Store::read`] (one read transaction, one snapshot, through a
//! [`Reader`]), [`Store::write`] (one write transaction with its audit entries, through a
//! [`Writer`]), and one module of queries per entity. All SQL of ipguard lives under here;
//! docs/architecture.md describes the boundary and how a second engine joins it.

pub mod audit;
pub mod copy;
pub mod dump;
mod engine_error;
mod maintenance;
pub mod merge;
mod open;
mod reader;
pub(crate) mod sql;

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
/// it (docs/architecture.md).
enum Engine {
    Sqlite(Connection),
    Postgres(Box<server::Session>),
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

    /// Connects to ipguard's database on the server that `url` names (`--db postgres://…`),
    /// whose schema `ipguard server init` made: refused when it has none or a newer one.
    pub fn connect(url: &str) -> Result<Store> {
        let session = server::Session::open(url)?;
        Ok(Store {
            engine: Engine::Postgres(Box::new(session)),
            path: PathBuf::from(url),
        })
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

    /// The file this store reads and writes (a server's URL as given).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store is a server's.
    pub fn is_server(&self) -> bool {
        matches!(self.engine, Engine::Postgres(_))
    }

    /// Who is logged in on a server, and with which rights; `None` for a file.
    pub fn role(&self) -> Option<&server::Role> {
        match &self.engine {
            Engine::Postgres(s) => Some(s.role()),
            Engine::Sqlite(_) => None,
        }
    }

    /// The SQLite connection, for the store's own modules that only a file has.
    pub(in crate::store) fn conn(&self) -> Option<&Connection> {
        match &self.engine {
            Engine::Sqlite(conn) => Some(conn),
            Engine::Postgres(_) => None,
        }
    }

    /// Runs `f` in ONE read transaction: every read it makes sees the same commit, whatever
    /// other processes write meanwhile (SQLite: a deferred transaction, whose snapshot under
    /// WAL is taken by its first read and held to its end; a server: a repeatable-read,
    /// read-only transaction). What one result is computed from is read through one call of
    /// this.
    pub fn read<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(conn) => {
                conn.execute_batch("BEGIN DEFERRED")?;
                let out = f(&Reader::new(sql::Db::Sqlite(conn), None));
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
            Engine::Postgres(s) => {
                let pg = s.pg();
                pg.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
                let out = f(&Reader::new(sql::Db::Postgres(pg), Some(s.role())));
                let end = pg.batch("ROLLBACK");
                if out.is_ok() {
                    end?;
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
        match &mut self.engine {
            Engine::Sqlite(conn) => {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let mut w = Writer {
                    tx: WriteTx::Sqlite(tx),
                    ctx: ctx.clone(),
                    last: None,
                    at: None,
                    role: None,
                };
                let out = f(&mut w)?;
                let WriteTx::Sqlite(tx) = w.tx else {
                    unreachable!("a file's writer holds a file's transaction")
                };
                if commit {
                    tx.commit()?;
                } else {
                    tx.rollback()?;
                }
                Ok(out)
            }
            Engine::Postgres(s) => {
                let s: &server::Session = s;
                let pg = s.pg();
                // Writers take the audit chain's lock first, so that they run one after
                // another as a file's IMMEDIATE transactions do (docs/server.md).
                pg.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
                let mut w = Writer {
                    tx: WriteTx::Postgres(pg),
                    ctx: WriteContext {
                        actor: s.role().name.clone(),
                        command: ctx.command.clone(),
                    },
                    last: None,
                    at: None,
                    role: Some(s.role()),
                };
                // A role that may write nothing takes no lock (it could not): its first write
                // is refused up front by `Writer::may`.
                let writes = matches!(
                    s.role().rights,
                    server::Rights::Office | server::Rights::Station(_)
                );
                let locked = if writes { audit::lock(&mut w) } else { Ok(()) };
                let out = locked.and_then(|()| f(&mut w));
                let end = match (&out, commit) {
                    (Ok(_), true) => pg.batch("COMMIT"),
                    _ => pg.batch("ROLLBACK"),
                };
                let out = out?;
                end?;
                Ok(out)
            }
        }
    }
}

/// A write transaction in progress.
pub struct Writer<'a> {
    tx: WriteTx<'a>,
    ctx: WriteContext,
    /// The chain's head (seq, hash) once read in this transaction.
    last: Option<(i64, String)>,
    /// The time every entry of this transaction is stamped with, on a server (its clock).
    at: Option<String>,
    /// Who writes, on a server.
    role: Option<&'a server::Role>,
}

enum WriteTx<'a> {
    Sqlite(Transaction<'a>),
    Postgres(&'a sql::Pg),
}

impl Writer<'_> {
    /// The transaction, for the entity modules' statements.
    pub(in crate::store) fn db(&self) -> sql::Db<'_> {
        match &self.tx {
            WriteTx::Sqlite(tx) => sql::Db::Sqlite(tx),
            WriteTx::Postgres(pg) => sql::Db::Postgres(pg),
        }
    }

    /// The records as this transaction sees them (what it wrote so far included): the same
    /// reads as [`Store::read`] gives, inside the write.
    pub fn read(&self) -> Reader<'_> {
        Reader::new(self.db(), self.role)
    }

    /// Who writes on a server (`None` on a file, where everyone may write everything).
    pub fn role(&self) -> Option<&server::Role> {
        self.role
    }

    /// Refuses, before anything is written, what the role logged in on a server may not do
    /// (the database refuses it as well): `act` of `station`'s records.
    pub fn may(&self, act: server::Act, station: Option<&str>) -> Result<()> {
        match self.role {
            Some(role) => role.may(act, station),
            None => Ok(()),
        }
    }

    /// Refuses, before it is written, a record of a kind the role may not write (on a server;
    /// the kind's description says whose its records are).
    pub fn may_write<T: entity::Entity>(&self, rec: &T) -> Result<()> {
        let Some(role) = self.role else {
            return Ok(());
        };
        let t = T::TABLE;
        let values = rec.to_values();
        let at = |c: &str| t.position(c).and_then(|i| values.get(i));
        let station = match at(t.station) {
            Some(entity::Value::Text(s)) => Some(s.as_ref()),
            _ => None,
        };
        let act = match t.authority {
            entity::Authority::Station(what) => server::Act::Own(what),
            entity::Authority::Office(what) => server::Act::Office(what),
            entity::Authority::Submission => match t.period {
                entity::Dated::On(c) => match at(c) {
                    Some(entity::Value::Date(d)) => server::Act::Submit(*d),
                    _ => server::Act::Office("act.reports"),
                },
                _ => server::Act::Office("act.reports"),
            },
        };
        role.may(act, station)
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
        _ => {
            return Err(conversion_error(
                idx,
                crate::i18n::Lang::current().msg("store.what_date_not_text", &[]),
            ))
        }
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
    date.map(Some).ok_or_else(|| {
        conversion_error(
            idx,
            crate::i18n::Lang::current()
                .msg("store.what_bad_date", &[("value", &String::from_utf8_lossy(b))]),
        )
    })
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
