//! The SQLite statements of a record kind, generated from its description ([`Table`]): the
//! `SELECT` of its columns, the read by key, the upsert and multi-row insert, the order and the
//! station and period filters.

use super::entity::{Dated, Entity, Table, Value};
use super::sql::{vals, Db};
use crate::error::Result;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::ToSql;

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            // A statement's one-off parameters; rows written in bulk bind dates through
            // [`bind`], without an allocation.
            Value::Date(d) => ToSqlOutput::Owned(rusqlite::types::Value::Text(super::date_text(*d))),
        })
    }
}

/// Binds `v` as parameter `at` of `stmt` (a date's text formatted on the stack).
pub fn bind(stmt: &mut rusqlite::Statement<'_>, at: usize, v: &Value<'_>) -> rusqlite::Result<()> {
    match v {
        Value::Date(d) => stmt.raw_bind_parameter(at, super::import::Day::of(*d)),
        other => stmt.raw_bind_parameter(at, other),
    }
}

/// `c1, c2, …`: the table's columns.
pub fn columns(t: &Table) -> String {
    t.columns.join(", ")
}

/// `SELECT c1, c2, … FROM table`.
pub fn select(t: &Table) -> String {
    format!("SELECT {} FROM {}", columns(t), t.name)
}

/// `k1 = ?n AND k2 = ?n+1 …`: the key compared with parameters from `?first` on.
fn key_match(t: &Table, first: usize) -> String {
    let parts: Vec<String> = t
        .key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", first + i))
        .collect();
    parts.join(" AND ")
}

/// `ORDER BY`'s columns: the list and export order.
pub fn order(t: &Table) -> String {
    t.order.join(", ")
}

/// The condition keeping records of the station `?s` (when not null) dated in the period
/// from `?f` to `?t` (when not null).
pub fn filter(t: &Table, s: usize, f: usize, to: usize) -> String {
    filter_with(t, s, f, to, None)
}

/// [`filter`] with a span's end taken as inclusive or not whatever the description says.
fn filter_with(t: &Table, s: usize, f: usize, to: usize, end_inclusive: Option<bool>) -> String {
    let period =
        match t.period {
            Dated::On(c) => format!("(?{f} IS NULL OR {c} >= ?{f}) AND (?{to} IS NULL OR {c} <= ?{to})"),
            Dated::Span {
                start,
                end,
                end_inclusive: described,
            } => {
                format!(
            "(?{to} IS NULL OR {start} <= ?{to}) AND (?{f} IS NULL OR {end} IS NULL OR {end} {} ?{f})",
            if end_inclusive.unwrap_or(described) { ">=" } else { ">" }
        )
            }
            // Every parameter is named all the same (a statement takes exactly its parameters).
            Dated::Never => {
                format!("(CAST(?{f} AS TEXT) IS NULL OR 1 = 1) AND (CAST(?{to} AS TEXT) IS NULL OR 1 = 1)")
            }
        };
    format!("(?{s} IS NULL OR {} = ?{s}) AND {period}", t.station)
}

/// The stored record with the same key as `probe`.
pub fn get<T: Entity>(db: Db<'_>, probe: &T) -> Result<Option<T>> {
    get_by(db, &probe.key_values())
}

/// The stored record with the key `key` (its values in the key's order).
pub fn get_by<T: Entity>(db: Db<'_>, key: &[Value<'_>]) -> Result<Option<T>> {
    let t = T::TABLE;
    let sql = format!("{} WHERE {}", select(t), key_match(t, 1));
    db.row(&sql, key, |r| T::from_cells(r))
}

/// Every record kept by the station and period filter (each may be null), in list order.
pub fn list<T: Entity>(
    db: Db<'_>,
    station: Option<&str>,
    period: Option<&crate::model::Period>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    each(db, station, period, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// [`list`] with a span's last day kept in the period (`end >= from`), whatever the
/// description says: the expert list has always kept an expert who left on its first day.
pub fn list_span_inclusive<T: Entity>(
    db: Db<'_>,
    station: Option<&str>,
    period: Option<&crate::model::Period>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    each_with(db, station, period, Some(true), |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// Calls `f` with every record kept by the station and period filter, in list order.
pub fn each<T: Entity>(
    db: Db<'_>,
    station: Option<&str>,
    period: Option<&crate::model::Period>,
    f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    each_with(db, station, period, None, f)
}

fn each_with<T: Entity>(
    db: Db<'_>,
    station: Option<&str>,
    period: Option<&crate::model::Period>,
    end_inclusive: Option<bool>,
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let t = T::TABLE;
    let sql = format!(
        "{} WHERE {} ORDER BY {}",
        select(t),
        filter_with(t, 1, 2, 3, end_inclusive),
        order(t)
    );
    let (from, to) = super::bounds(period);
    db.each(&sql, vals![station, from.as_deref(), to.as_deref()], |r| {
        f(T::from_cells(r)?)
    })
}

/// `INSERT INTO table (written columns) VALUES (…), (…)` of `n` rows, with positional `?`.
fn insert_values(t: &Table, n: usize, verb: &str) -> String {
    let one = format!("({})", vec!["?"; t.written].join(", "));
    format!(
        "{verb} INTO {} ({}) VALUES {}",
        t.name,
        t.columns[..t.written].join(", "),
        vec![one; n].join(", ")
    )
}

/// `INSERT … VALUES` of `n` rows `ON CONFLICT (key) DO UPDATE` every other written column.
pub fn upsert_sql(t: &Table, n: usize) -> String {
    let set: Vec<String> = t.columns[..t.written]
        .iter()
        .filter(|c| !t.key.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "{} ON CONFLICT ({}) DO UPDATE SET {}",
        insert_values(t, n, "INSERT"),
        t.key.join(", "),
        set.join(", ")
    )
}

/// `INSERT OR FAIL` of `n` rows. With `OR FAIL` a failing row stops the statement without
/// undoing the rows before it, so SQLite needs no statement journal (the whole import is
/// rolled back on any error anyway).
pub fn insert_or_fail_sql(t: &Table, n: usize) -> String {
    insert_values(t, n, "INSERT OR FAIL")
}

/// `INSERT` of every column of one row.
pub fn insert_all_sql(t: &Table) -> String {
    let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        t.name,
        columns(t),
        marks.join(", ")
    )
}

/// `UPDATE` of every column but the key, by key, of one row (parameters in column order).
pub fn update_all_sql(t: &Table) -> String {
    update_of(t, t.columns)
}

/// `UPDATE` of `columns` (the table's first ones) but the key, by key, with parameters in
/// column order.
fn update_of(t: &Table, columns: &[&str]) -> String {
    let set: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !t.key.contains(c))
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let key: Vec<String> = t
        .key
        .iter()
        .map(|k| format!("{k} = ?{}", t.position(k).map_or(0, |i| i + 1)))
        .collect();
    format!(
        "UPDATE {} SET {} WHERE {}",
        t.name,
        set.join(", "),
        key.join(" AND ")
    )
}

/// Binds the written columns of each record, in order, from parameter 1 on, and runs `stmt`.
pub fn bind_rows<'a, T: Entity + 'a>(
    stmt: &mut rusqlite::CachedStatement<'_>,
    rows: impl IntoIterator<Item = &'a T>,
) -> rusqlite::Result<usize> {
    let mut at = 0;
    let written = T::TABLE.written;
    for rec in rows {
        for v in rec.to_values().iter().take(written) {
            at += 1;
            bind(stmt, at, v)?;
        }
    }
    stmt.raw_execute()
}

/// Whether a record with the same key as `probe` is stored.
pub fn exists<T: Entity>(db: Db<'_>, probe: &T) -> Result<bool> {
    let t = T::TABLE;
    let sql = format!("SELECT count(*) FROM {} WHERE {}", t.name, key_match(t, 1));
    Ok(db.int(&sql, &probe.key_values())?.unwrap_or(0) > 0)
}

/// Inserts a record (every column).
pub fn insert<T: Entity>(db: Db<'_>, rec: &T) -> Result<()> {
    db.execute(&insert_all_sql(T::TABLE), &rec.to_values())?;
    Ok(())
}

/// Writes every column of the stored record with the same key.
pub fn update<T: Entity>(db: Db<'_>, rec: &T) -> Result<()> {
    db.execute(&update_all_sql(T::TABLE), &rec.to_values())?;
    Ok(())
}

/// `UPDATE` of the written columns but the key, by key, of one row (parameters in column
/// order, the written ones): for a kind that is some columns of a table whose rows another
/// kind inserts (a station's conditions, a case's reason decision), where an upsert's
/// `INSERT` would lack the other kind's required columns.
pub fn update_written_sql(t: &Table) -> String {
    update_of(t, &t.columns[..t.written])
}

/// Writes the written columns of the stored record with the same key (see
/// [`update_written_sql`]; the key is among the written columns).
pub fn update_written<T: Entity>(db: Db<'_>, rec: &T) -> Result<()> {
    let t = T::TABLE;
    let values: Vec<Value<'_>> = rec.to_values().into_iter().take(t.written).collect();
    db.execute(&update_written_sql(t), &values)?;
    Ok(())
}
