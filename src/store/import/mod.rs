//! Storage for CSV import and export: for each kind, reading a record by its key, writing it
//! (insert or update in one statement), and listing records in export order. Statements are
//! prepared once per connection and cached. Audit entries are the caller's (one per file).

mod cases;
mod checks;
mod people;

pub use checks::{defer_checks, verify_checks};
mod records;

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use std::collections::HashSet;

/// A record kind as stored: its statements and its row mapping.
pub trait Stored: Sized {
    /// `SELECT <columns in from_row order> FROM <table>`.
    const SELECT: &'static str;
    /// `SELECT` by key (parameters ?1…).
    const GET: &'static str;
    /// `INSERT … ON CONFLICT (key) DO UPDATE …` with every field.
    const UPSERT: &'static str;
    /// The export order: the key.
    const ORDER: &'static str;
    /// The column naming the station.
    const STATION: &'static str;
    /// The condition keeping records dated in a period from ?2 to ?3.
    const IN_PERIOD: &'static str;

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self>;
    /// Reads the stored record with the same key as `probe`, with its rowid.
    fn get(conn: &Connection, probe: &Self) -> rusqlite::Result<Option<(i64, Self)>>;
    /// Calls `f` with the record's parameters of `UPSERT`, in order.
    fn with_params(&self, f: ParamsFn<'_>) -> rusqlite::Result<()>;

    /// Inserts the record or replaces the stored one with the same key.
    fn upsert(&self, conn: &Connection) -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(Self::UPSERT)?;
        self.with_params(&mut |p| stmt.execute(p).map(|_| ()))
    }
}

/// A date as a statement parameter, `YYYY-MM-DD` formatted without an allocation.
pub struct Day(Option<[u8; 10]>, NaiveDate);

impl Day {
    pub fn of(d: NaiveDate) -> Day {
        use chrono::Datelike;
        let (y, m, dd) = (d.year(), d.month(), d.day());
        if !(0..=9999).contains(&y) {
            return Day(None, d);
        }
        let digit = |v: u32| b'0' + (v % 10) as u8;
        let y = y as u32;
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(dd / 10),
            digit(dd),
        ];
        Day(Some(text), d)
    }
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match &self.0 {
            Some(text) => ToSqlOutput::Borrowed(ValueRef::Text(text)),
            None => ToSqlOutput::Owned(Value::Text(super::date_text(self.1))),
        })
    }
}

/// What [`Stored::with_params`] hands the parameters to.
pub type ParamsFn<'a> = &'a mut dyn FnMut(&[&dyn ToSql]) -> rusqlite::Result<()>;

/// How many records one multi-row `INSERT` writes. One statement for many rows saves the
/// per-statement work (notably the lookup tables SQLite builds for each `CHECK (x IN (…))`
/// and the statement journal), which costs more than inserting the row itself.
pub const BATCH: usize = 256;

/// Records waiting to be written together by one multi-row `UPSERT`.
pub struct Batch<T: Stored> {
    pending: Vec<T>,
}

impl<T: Stored> Default for Batch<T> {
    fn default() -> Self {
        Batch {
            pending: Vec::with_capacity(BATCH),
        }
    }
}

impl<T: Stored> Batch<T> {
    /// Queues `rec`, writing the batch when it is full.
    pub fn push(&mut self, conn: &Connection, rec: T) -> Result<()> {
        self.pending.push(rec);
        if self.pending.len() >= BATCH {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes every queued record.
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut stmt = conn.prepare_cached(&multi_row::<T>(self.pending.len()))?;
        let mut at = 0;
        for rec in &self.pending {
            rec.with_params(&mut |p| {
                for v in p {
                    at += 1;
                    stmt.raw_bind_parameter(at, v)?;
                }
                Ok(())
            })?;
        }
        stmt.raw_execute()?;
        self.pending.clear();
        Ok(())
    }
}

/// `UPSERT` with `n` rows of values (its `VALUES (?1, …)` repeated with positional `?`).
fn multi_row<T: Stored>(n: usize) -> String {
    let sql = T::UPSERT;
    let start = sql.find("VALUES").expect("UPSERT has VALUES");
    let open = start + sql[start..].find('(').expect("VALUES (");
    let close = open + sql[open..].find(')').expect("VALUES (…)");
    let params = sql[open..close].matches('?').count();
    let one = format!("({})", vec!["?"; params].join(", "));
    format!(
        "{}VALUES {}{}",
        &sql[..start],
        vec![one; n].join(", "),
        &sql[close + 1..]
    )
}

/// `INSERT OR FAIL` of `n` rows of values: `UPSERT` without its `ON CONFLICT` clause. With
/// `OR FAIL` a failing row stops the statement without undoing the rows before it, so SQLite
/// needs no statement journal (the whole import is rolled back on any error anyway).
fn multi_insert<T: Stored>(n: usize) -> String {
    let sql = multi_row::<T>(n);
    let end = sql.find(" ON CONFLICT").unwrap_or(sql.len());
    sql[..end].replacen("INSERT INTO", "INSERT OR FAIL INTO", 1)
}

/// Records known to be new, written together by one multi-row `INSERT OR FAIL`.
pub struct Inserts<T: Stored> {
    pending: Vec<T>,
    /// The statement for a full batch.
    full: String,
}

impl<T: Stored> Default for Inserts<T> {
    fn default() -> Self {
        Inserts {
            pending: Vec::with_capacity(BATCH),
            full: multi_insert::<T>(BATCH),
        }
    }
}

impl<T: Stored> Inserts<T> {
    pub fn push(&mut self, rec: T) {
        self.pending.push(rec);
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Writes every queued record. When one's key is already stored (a key the file repeats,
    /// found here because an import into an empty table does not look keys up), the records
    /// before it are written, it is skipped, the rest are written, and the skipped ones are
    /// returned with their positions in the queue.
    pub fn flush(&mut self, conn: &Connection) -> Result<Vec<(usize, T)>> {
        let mut repeated = Vec::new();
        let mut from = 0;
        while from < self.pending.len() {
            let before = max_rowid::<T>(conn)?;
            let rows = &self.pending[from..];
            let sql = if rows.len() == BATCH {
                std::borrow::Cow::Borrowed(self.full.as_str())
            } else {
                std::borrow::Cow::Owned(multi_insert::<T>(rows.len()))
            };
            match insert_rows(conn, &sql, rows) {
                Ok(()) => break,
                Err(e) if is_key_conflict(&e) => {
                    // Rows written by this statement have rowids after `before`; the first
                    // row whose key is stored at or before it stopped the statement.
                    let mut failed = None;
                    for (i, rec) in rows.iter().enumerate() {
                        match T::get(conn, rec)? {
                            Some((rowid, _)) if rowid > before => {}
                            Some(_) => {
                                failed = Some(i);
                                break;
                            }
                            None => break,
                        }
                    }
                    let Some(i) = failed else { return Err(e.into()) };
                    repeated.push(from + i);
                    from += i + 1;
                }
                Err(e) => return Err(e.into()),
            }
        }
        if repeated.is_empty() {
            self.pending.clear();
            return Ok(Vec::new());
        }
        let mut skipped = Vec::new();
        for (at, rec) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            if repeated.contains(&at) {
                skipped.push((at, rec));
            }
        }
        self.pending.reserve(BATCH);
        Ok(skipped)
    }
}

fn insert_rows<T: Stored>(conn: &Connection, sql: &str, rows: &[T]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut at = 0;
    for rec in rows {
        rec.with_params(&mut |p| {
            for v in p {
                at += 1;
                stmt.raw_bind_parameter(at, v)?;
            }
            Ok(())
        })?;
    }
    stmt.raw_execute().map(|_| ())
}

fn is_key_conflict(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error().map(|f| f.extended_code),
        Some(rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY | rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
    )
}

/// The largest rowid of the kind's table (0 when empty): rows inserted later have larger ones.
pub fn max_rowid<T: Stored>(conn: &Connection) -> Result<i64> {
    let sql = format!("SELECT coalesce(max(rowid), 0) FROM {}", table::<T>());
    Ok(conn.prepare_cached(&sql)?.query_row([], |r| r.get(0))?)
}

/// The stored record with the key given by `params`, with its rowid (the last column).
fn by_key<T: Stored>(conn: &Connection, params: impl rusqlite::Params) -> rusqlite::Result<Option<(i64, T)>> {
    let sql = T::GET.replacen(" FROM ", ", rowid FROM ", 1);
    let mut stmt = conn.prepare_cached(&sql)?;
    let last = stmt.column_count() - 1;
    stmt.query_row(params, |r| Ok((r.get(last)?, T::from_row(r)?)))
        .optional()
}

/// Whether the kind's table holds no record yet (the import then needs no lookups).
pub fn is_empty<T: Stored>(conn: &Connection) -> Result<bool> {
    let sql = format!("SELECT NOT EXISTS ({})", T::SELECT);
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// The codes of every station.
pub fn station_codes(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare("SELECT code FROM stations")?;
    let codes = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<HashSet<String>>>()?;
    Ok(codes)
}

/// Appends a step to a station's history (an imported status).
pub fn add_history(conn: &Connection, code: &str, status: &str, on: NaiveDate, note: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO station_history (station, status, on_date, note) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![code, status, super::date_text(on), note])?;
    Ok(())
}

/// Calls `f` with every record of the kind in export order, optionally only those of one
/// station and those dated in `period`.
pub fn each<T: Stored>(
    conn: &Connection,
    station: Option<&str>,
    period: Option<&crate::model::Period>,
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "{} WHERE (?1 IS NULL OR {} = ?1) AND (?2 IS NULL OR ({})) ORDER BY {}",
        T::SELECT,
        T::STATION,
        T::IN_PERIOD,
        T::ORDER
    );
    let mut stmt = conn.prepare(&sql)?;
    let (from, to) = super::bounds(period);
    let mut rows = stmt.query(rusqlite::params![station, from, to])?;
    while let Some(r) = rows.next()? {
        f(T::from_row(r)?)?;
    }
    Ok(())
}

/// The table a kind is stored in (the last word of its `SELECT`).
fn table<T: Stored>() -> &'static str {
    T::SELECT.rsplit(" FROM ").next().unwrap_or_default().trim()
}

/// How many records the kind's table holds.
pub fn count<T: Stored>(conn: &Connection) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM {}", table::<T>());
    Ok(conn.query_row(&sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// Drops the kind's secondary indexes (those created with `CREATE INDEX`, never a unique one,
/// so no constraint is lifted) inside the caller's transaction and returns their exact
/// definitions for [`restore_indexes`]. A bulk import then inserts into the table and its key
/// only, and each index is rebuilt once by sorting, which is several times faster than
/// inserting a million entries one by one at scattered places. A rollback restores them too.
pub fn defer_indexes<T: Stored>(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, m.sql FROM sqlite_master AS m \
         JOIN pragma_index_list(?1) AS l ON l.name = m.name \
         WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.\"unique\" = 0 AND l.origin = 'c'",
    )?;
    let found = stmt
        .query_map([table::<T>()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    for (name, _) in &found {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found)
}

/// Creates again the indexes [`defer_indexes`] dropped, from their stored definitions.
pub fn restore_indexes(conn: &Connection, indexes: &[(String, String)]) -> Result<()> {
    if indexes.is_empty() {
        return Ok(());
    }
    // The sorter may hold as much as the page cache in memory besides it: a small one while
    // sorting keeps the peak of memory where the inserts left it (the rest goes to temporary
    // files, merged in one pass).
    conn.pragma_update(None, "cache_size", SORT_CACHE)?;
    for (_, sql) in indexes {
        conn.execute_batch(sql)?;
    }
    conn.pragma_update(None, "cache_size", BULK_CACHE)?;
    Ok(())
}

/// The page cache of an import (in KiB, negative as `PRAGMA cache_size` wants).
const BULK_CACHE: i64 = -16384;
/// The page cache, and so the sorter's memory, while an import rebuilds indexes.
const SORT_CACHE: i64 = -2048;

/// Sets up the connection for an import, before its transaction: 16 MiB of page cache (which
/// also bounds the memory of an index rebuild's sorter), temporary files on disk rather than
/// in memory (the sorter's spill, so memory does not grow with the file), and foreign keys
/// not enforced by SQLite: every row's station is checked against the stations read inside
/// the import's transaction ([`station_codes`]), so they hold all the same. Undone by
/// [`end_bulk`].
pub fn begin_bulk(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", BULK_CACHE)?;
    conn.pragma_update(None, "temp_store", "FILE")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    Ok(())
}

/// Enforces foreign keys (and `CHECK` constraints, see [`defer_checks`]) again after an
/// import's transaction.
pub fn end_bulk(conn: &Connection) -> Result<()> {
    checks::enforce_checks(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// The last audit entry of an import of a file with these bytes (`sha256`, lowercase hex):
/// its sequence number and time (`YYYY-MM-DDTHH:MM:SSZ`, UTC).
pub fn imported_before(conn: &Connection, sha256: &str) -> Result<Option<(i64, String)>> {
    // The digest is hex, so it cannot hold a `LIKE` wildcard; the match is then confirmed on
    // the parsed entry.
    let pattern = format!("%\"sha256\":\"{sha256}\"%");
    let mut stmt = conn.prepare(
        "SELECT seq, at, after_json FROM audit_log
         WHERE entity = 'import' AND after_json LIKE ?1 ORDER BY seq DESC",
    )?;
    let mut rows = stmt.query([pattern])?;
    while let Some(r) = rows.next()? {
        let after: Option<String> = r.get(2)?;
        let same = after
            .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
            .is_some_and(|v| v["sha256"].as_str() == Some(sha256));
        if same {
            return Ok(Some((r.get(0)?, r.get(1)?)));
        }
    }
    Ok(None)
}
