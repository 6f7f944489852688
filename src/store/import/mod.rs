//! Storage for CSV import and export, as typed operations on a write transaction ([`Writer`]):
//! reading a record by its key, writing records (one at once, or batched), and listing records
//! in export order, all generated from each kind's description ([`Entity`]). The SQLite
//! speed-ups of a bulk import (multi-row `VALUES`, indexes dropped and rebuilt, `CHECK`s
//! deferred, foreign keys off) stay in here as optional capabilities: a caller only says where
//! a bulk import starts and ends. Audit entries are the caller's (one per file).

mod checks;

pub use checks::{defer_checks, verify_checks};

use super::entity::{Cells, Entity, Value};
use super::entity_sql as sql;
use super::sql::{vals, Db};
use super::{Reader, Store, Writer};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};
use std::collections::HashSet;
use std::io::Write;

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

/// How many records one multi-row `INSERT` writes. One statement for many rows saves the
/// per-statement work (notably the lookup tables SQLite builds for each `CHECK (x IN (…))`
/// and the statement journal), which costs more than inserting the row itself.
pub const BATCH: usize = 256;

/// Rows a bulk import sends a server at once.
pub const SERVER_BATCH: usize = 8192;

/// Records waiting to be written together by one multi-row `UPSERT`.
pub struct Batch<T: Entity> {
    pending: Vec<T>,
}

impl<T: Entity> Default for Batch<T> {
    fn default() -> Self {
        Batch {
            pending: Vec::with_capacity(BATCH),
        }
    }
}

impl<T: Entity> Batch<T> {
    /// Queues `rec`, writing the batch when it is full.
    pub fn push(&mut self, w: &Writer<'_>, rec: T) -> Result<()> {
        self.pending.push(rec);
        if self.pending.len() >= BATCH {
            self.flush(w)?;
        }
        Ok(())
    }

    /// Writes every queued record.
    pub fn flush(&mut self, w: &Writer<'_>) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        for rec in &self.pending {
            w.may_write(rec)?;
        }
        if T::COLUMNS_OF_ANOTHER {
            // Some columns of rows another kind inserts: an `UPDATE` of them keeps the
            // others (an upsert's `INSERT` would lack that kind's required columns).
            for rec in self.pending.drain(..) {
                sql::update_written(w.db(), &rec)?;
            }
            return Ok(());
        }
        match w.db() {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(&sql::upsert_sql(T::TABLE, self.pending.len()))?;
                sql::bind_rows(&mut stmt, &self.pending)?;
            }
            db => {
                let values: Vec<Value<'_>> = self
                    .pending
                    .iter()
                    .flat_map(|r| r.to_values().into_iter().take(T::TABLE.written))
                    .collect();
                db.execute(&sql::upsert_sql(T::TABLE, self.pending.len()), &values)?;
            }
        }
        self.pending.clear();
        Ok(())
    }
}

/// Records known to be new (their keys neither stored nor repeated: the caller finds repeated
/// keys from the keys themselves), written together by one multi-row `INSERT OR FAIL`.
pub struct Inserts<T: Entity> {
    pending: Vec<T>,
    /// The statement for a full batch.
    full: String,
}

impl<T: Entity> Default for Inserts<T> {
    fn default() -> Self {
        Inserts {
            pending: Vec::with_capacity(BATCH),
            full: sql::insert_or_fail_sql(T::TABLE, BATCH),
        }
    }
}

impl<T: Entity> Inserts<T> {
    pub fn push(&mut self, rec: T) {
        self.pending.push(rec);
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Writes every queued record.
    pub fn flush(&mut self, w: &Writer<'_>) -> Result<()> {
        // A server takes larger batches: each is one COPY and, under row-level security, one
        // INSERT … SELECT, a round trip each.
        if w.db().is_server() && self.pending.len() < SERVER_BATCH {
            return Ok(());
        }
        self.flush_all(w)
    }

    /// Writes every record waiting (at the end of a file).
    pub fn flush_all(&mut self, w: &Writer<'_>) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        for rec in &self.pending {
            w.may_write(rec)?;
        }
        match w.db() {
            Db::Sqlite(conn) => {
                let sql = if self.pending.len() == BATCH {
                    std::borrow::Cow::Borrowed(self.full.as_str())
                } else {
                    std::borrow::Cow::Owned(sql::insert_or_fail_sql(T::TABLE, self.pending.len()))
                };
                let mut stmt = conn.prepare_cached(&sql)?;
                sql::bind_rows(&mut stmt, &self.pending)?;
            }
            Db::Postgres(pg) => copy_in(pg, &self.pending, w.role().is_some_and(|r| r.bypasses_rls))?,
        }
        self.pending.clear();
        Ok(())
    }
}

/// A bulk import of one kind in progress: what the SQLite implementation set aside for it
/// (the secondary indexes it dropped, the `CHECK`s it deferred), restored by
/// [`Writer::end_bulk`].
#[derive(Default)]
pub struct Bulk {
    on: bool,
    deferred: Vec<(String, String)>,
}

/// The typed writes of an import, on its write transaction.
impl Writer<'_> {
    /// Inserts the record or replaces the written columns of the stored one with its key.
    pub fn upsert<T: Entity>(&self, rec: &T) -> Result<()> {
        self.may_write(rec)?;
        match self.db() {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(&sql::upsert_sql(T::TABLE, 1))?;
                sql::bind_rows(&mut stmt, [rec])?;
            }
            db => {
                let values: Vec<Value<'_>> = rec.to_values().into_iter().take(T::TABLE.written).collect();
                db.execute(&sql::upsert_sql(T::TABLE, 1), &values)?;
            }
        }
        Ok(())
    }

    /// Appends a step to a station's history (an imported status).
    pub fn add_history_entry(&self, code: &str, status: &str, on: NaiveDate, note: &str) -> Result<()> {
        add_history(self.db(), code, status, on, note)
    }

    /// The next free generated id of a case of `station` in `year` (see
    /// [`super::cases::next_id_after`]).
    pub fn next_case_id(
        &self,
        station: &str,
        year: i32,
        after: i64,
        taken: &dyn Fn(&str) -> bool,
    ) -> Result<String> {
        super::cases::next_id_after(self.db(), station, year, after, taken)
    }

    /// Starts a bulk import of the kind, for the rest of the file: SQLite drops the table's
    /// secondary indexes and defers its `CHECK` constraints, to rebuild and verify them once.
    pub fn start_bulk<T: Entity>(&self) -> Result<Bulk> {
        // A server takes the rows through COPY with its indexes and constraints as they are.
        let Some(conn) = self.db().sqlite() else {
            return Ok(Bulk::default());
        };
        let deferred = defer_indexes::<T>(conn)?;
        defer_checks(conn)?;
        Ok(Bulk { on: true, deferred })
    }

    /// Ends a bulk import started by [`Writer::start_bulk`] (nothing when none was).
    pub fn finish_bulk<T: Entity>(&self, bulk: Bulk) -> Result<()> {
        let Some(conn) = self.db().sqlite() else {
            return Ok(());
        };
        if bulk.on {
            verify_checks::<T>(conn)?;
        }
        restore_indexes(conn, &bulk.deferred)
    }
}

impl Store {
    /// Sets up the database for an import, before its transaction ([`begin_bulk`]).
    pub fn begin_import(&self) -> Result<()> {
        self.conn().map_or(Ok(()), begin_bulk)
    }

    /// Undoes [`Store::begin_import`] after the import's transaction.
    pub fn end_import(&self) -> Result<()> {
        self.conn().map_or(Ok(()), end_bulk)
    }
}

/// The reads of an import (on its write transaction through `Writer::read`) and of an export.
impl Reader<'_> {
    /// The stored record with the same key as `probe`.
    pub fn stored<T: Entity>(&self, probe: &T) -> Result<Option<T>> {
        sql::get(self.db(), probe)
    }

    /// Whether the kind's table holds no record yet (the import then needs no lookups).
    pub fn none_stored<T: Entity>(&self) -> Result<bool> {
        is_empty::<T>(self.db())
    }

    /// How many records of the kind are stored.
    pub fn count_stored<T: Entity>(&self) -> Result<u64> {
        count::<T>(self.db())
    }

    /// The codes of every station.
    pub fn station_codes(&self) -> Result<HashSet<String>> {
        station_codes(self.db())
    }

    /// The last audit entry of an import of a file with these bytes (see [`imported_before`]).
    pub fn imported_before(&self, sha256: &str) -> Result<Option<(i64, String)>> {
        imported_before(self.db(), sha256)
    }

    /// Calls `f` with every record of the kind in list order, optionally only those of one
    /// station and those dated in `period`.
    pub fn each_record<T: Entity>(
        &self,
        station: Option<&str>,
        period: Option<&crate::model::Period>,
        f: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        sql::each::<T>(self.db(), station, period, f)
    }
}

/// The codes of every station.
pub fn station_codes(db: Db<'_>) -> Result<HashSet<String>> {
    let mut codes = HashSet::new();
    db.each("SELECT code FROM stations", &[], |r| {
        codes.insert(r.text()?);
        Ok(())
    })?;
    Ok(codes)
}

/// Appends a step to a station's history (an imported status).
pub fn add_history(db: Db<'_>, code: &str, status: &str, on: NaiveDate, note: &str) -> Result<()> {
    db.execute(
        "INSERT INTO station_history (station, status, on_date, note) VALUES (?1, ?2, ?3, ?4)",
        vals![code, status, on, note],
    )?;
    Ok(())
}

/// Whether the kind's table holds no record yet.
pub fn is_empty<T: Entity>(db: Db<'_>) -> Result<bool> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) AS one",
        T::TABLE.name
    );
    Ok(db.int(&sql, &[])?.unwrap_or(0) == 0)
}

/// How many records the kind's table holds.
pub fn count<T: Entity>(db: Db<'_>) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM {}", T::TABLE.name);
    Ok(db.int(&sql, &[])?.unwrap_or(0).max(0) as u64)
}

/// Drops the kind's secondary indexes (those created with `CREATE INDEX`, never a unique one,
/// so no constraint is lifted) inside the caller's transaction and returns their exact
/// definitions for [`restore_indexes`]. A bulk import then inserts into the table and its key
/// only, and each index is rebuilt once by sorting, which is several times faster than
/// inserting a million entries one by one at scattered places. A rollback restores them too.
fn defer_indexes<T: Entity>(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, m.sql FROM sqlite_master AS m \
         JOIN pragma_index_list(?1) AS l ON l.name = m.name \
         WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.\"unique\" = 0 AND l.origin = 'c'",
    )?;
    let found = stmt
        .query_map([T::TABLE.name], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    for (name, _) in &found {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found)
}

/// Creates again the indexes [`defer_indexes`] dropped, from their stored definitions.
fn restore_indexes(conn: &Connection, indexes: &[(String, String)]) -> Result<()> {
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
pub fn imported_before(db: Db<'_>, sha256: &str) -> Result<Option<(i64, String)>> {
    // The digest is hex, so it cannot hold a `LIKE` wildcard; the match is then confirmed on
    // the parsed entry.
    let pattern = format!("%\"sha256\":\"{sha256}\"%");
    let rows = db.rows(
        "SELECT seq, at, after_json FROM audit_log
         WHERE entity = 'import' AND after_json LIKE ?1 ORDER BY seq DESC",
        vals![pattern.as_str()],
        |r| Ok((r.int()?, r.text()?, r.opt_text()?)),
    )?;
    Ok(rows.into_iter().find_map(|(seq, at, after)| {
        let same = after
            .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
            .is_some_and(|v| v["sha256"].as_str() == Some(sha256));
        same.then_some((seq, at))
    }))
}

/// Writes `rows` on a server through `COPY … FROM STDIN` (text format), inside the import's
/// transaction: the server's constraints check every row as it arrives.
fn copy_in<T: Entity>(pg: &super::sql::Pg, rows: &[T], direct: bool) -> Result<()> {
    let t = T::TABLE;
    let values: Vec<Vec<Value<'_>>> = rows
        .iter()
        .map(|r| r.to_values().into_iter().take(t.written).collect())
        .collect();
    copy_values(
        pg,
        t.name,
        &t.columns[..t.written],
        values.iter().map(Vec::as_slice),
        direct,
    )
}

/// Writes rows of `columns` into `table` on a server through `COPY … FROM STDIN`.
pub(in crate::store) fn copy_values<'v>(
    pg: &super::sql::Pg,
    table: &str,
    columns: &[&str],
    rows: impl Iterator<Item = &'v [Value<'v>]>,
    direct: bool,
) -> Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    for row in rows {
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                buf.push(b'\t');
            }
            match v {
                Value::Null => buf.extend_from_slice(b"\\N"),
                Value::Int(n) => buf.extend_from_slice(n.to_string().as_bytes()),
                Value::Bool(b) => buf.push(if *b { b'1' } else { b'0' }),
                Value::Date(d) => buf.extend_from_slice(super::date_text(*d).as_bytes()),
                Value::Text(s) => {
                    for &c in s.as_bytes() {
                        match c {
                            b'\\' => buf.extend_from_slice(b"\\\\"),
                            b'\t' => buf.extend_from_slice(b"\\t"),
                            b'\n' => buf.extend_from_slice(b"\\n"),
                            b'\r' => buf.extend_from_slice(b"\\r"),
                            c => buf.push(c),
                        }
                    }
                }
            }
        }
        buf.push(b'\n');
    }
    // COPY is refused into a table with row-level security for every role but its owner: the
    // rows go into a temporary table of the same columns (no policies), then into the table
    // in one INSERT … SELECT, where the policies check every row.
    let columns = columns.join(", ");
    let mut client = pg.client()?;
    if direct {
        // A role row-level security does not apply to (the owner) copies into the table.
        let mut w = client.copy_in(&format!("COPY {table} ({columns}) FROM STDIN"))?;
        w.write_all(&buf).map_err(|e| {
            crate::error::Error::Other(anyhow::anyhow!(
                crate::i18n::Lang::current().msg("server.no_more_rows", &[("error", &e.to_string())])
            ))
        })?;
        w.finish()?;
        return Ok(());
    }
    let staging = format!("ipguard_copy_{table}");
    if !pg.staged(&staging) {
        client.batch_execute(&format!(
            "CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
        ))?;
    }
    let mut w = client.copy_in(&format!("COPY {staging} ({columns}) FROM STDIN"))?;
    w.write_all(&buf).map_err(|e| {
        crate::error::Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("server.no_more_rows", &[("error", &e.to_string())])
        ))
    })?;
    w.finish()?;
    client.batch_execute(&format!(
        "INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging}; TRUNCATE {staging}"
    ))?;
    Ok(())
}
