//! Bonus awards (B1-B4 of the rubric in force).

use super::{date_text, req_date, Writer};
use crate::error::Result;
use crate::model::records::Award;
use crate::model::{Hundredths, Period};
use rusqlite::{params, Connection, Row};

/// Whether an award with this key (station, item, date, reason) is recorded.
pub fn exists(w: &Writer<'_>, a: &Award) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM awards WHERE station = ?1 AND item = ?2 AND on_date = ?3 AND reason = ?4",
        params![a.station, a.item, date_text(a.date), a.reason],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert(w: &mut Writer<'_>, a: &Award) -> Result<()> {
    w.tx().execute(
        "INSERT INTO awards (station, item, points_cents, on_date, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.station, a.item, a.points.0, date_text(a.date), a.reason],
    )?;
    let key = format!("{}|{}|{}|{}", a.station, a.item, date_text(a.date), a.reason);
    w.audit(
        "award",
        &key,
        Some(&a.station),
        None,
        Some(&serde_json::to_value(a)?),
    )
}

/// Awards of one station (or all), optionally within a period, by station, date and item.
pub fn list(conn: &Connection, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Award>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, item, points_cents, on_date, reason FROM awards
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR on_date >= ?2)
           AND (?3 IS NULL OR on_date <= ?3)
         ORDER BY station, on_date, item, reason",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A award from a row of its columns in table order (station first).
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Award> {
    Ok(Award {
        station: r.get(0)?,
        item: r.get(1)?,
        points: Hundredths(r.get(2)?),
        date: req_date(r, 3)?,
        reason: r.get(4)?,
    })
}
