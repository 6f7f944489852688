//! Storage for CSV import and export: for each kind, reading a record by its key, writing it
//! (insert or update in one statement), and listing records in export order. Statements are
//! prepared once per connection and cached. Audit entries are the caller's (one per file).

mod cases;
mod people;
mod records;

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
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
    /// Reads the stored record with the same key as `probe`.
    fn get(conn: &Connection, probe: &Self) -> rusqlite::Result<Option<Self>>;
    /// Inserts the record or replaces the stored one with the same key.
    fn upsert(&self, conn: &Connection) -> rusqlite::Result<()>;
}

fn by_key<T: Stored>(conn: &Connection, params: impl rusqlite::Params) -> rusqlite::Result<Option<T>> {
    conn.prepare_cached(T::GET)?
        .query_row(params, T::from_row)
        .optional()
}

fn upsert_with<T: Stored>(conn: &Connection, params: impl rusqlite::Params) -> rusqlite::Result<()> {
    conn.prepare_cached(T::UPSERT)?.execute(params)?;
    Ok(())
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
/// station and those dated in `from..=to`.
pub fn each<T: Stored>(
    conn: &Connection,
    station: Option<&str>,
    period: Option<(NaiveDate, NaiveDate)>,
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
    let (from, to) = match period {
        Some((a, b)) => (Some(super::date_text(a)), Some(super::date_text(b))),
        None => (None, None),
    };
    let mut rows = stmt.query(rusqlite::params![station, from, to])?;
    while let Some(r) = rows.next()? {
        f(T::from_row(r)?)?;
    }
    Ok(())
}

/// Lets a large import keep its pages in memory (64 MiB of page cache for this connection)
/// instead of spilling them to the write-ahead log before the commit.
pub fn prepare_bulk(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}
