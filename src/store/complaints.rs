//! Complaints against stations (penalty P2 counts the verified ones).

use super::{date_text, req_date, Writer};
use crate::error::Result;
use crate::model::records::Complaint;
use crate::model::Period;
use rusqlite::{params, Connection, Row};

/// Whether a complaint with this key (station, date, note) is recorded.
pub fn exists(w: &Writer<'_>, c: &Complaint) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM complaints WHERE station = ?1 AND on_date = ?2 AND note = ?3",
        params![c.station, date_text(c.date), c.note],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert(w: &mut Writer<'_>, c: &Complaint) -> Result<()> {
    w.tx().execute(
        "INSERT INTO complaints (station, on_date, verified, note) VALUES (?1, ?2, ?3, ?4)",
        params![c.station, date_text(c.date), c.verified, c.note],
    )?;
    let key = format!("{}|{}|{}", c.station, date_text(c.date), c.note);
    w.audit(
        "complaint",
        &key,
        Some(&c.station),
        None,
        Some(&serde_json::to_value(c)?),
    )
}

/// Complaints against one station (or all), optionally within a period, by station and date.
pub fn list(conn: &Connection, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Complaint>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, on_date, verified, note FROM complaints
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR on_date >= ?2)
           AND (?3 IS NULL OR on_date <= ?3)
         ORDER BY station, on_date, note",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A complaint from a row of its columns in table order (station first).
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        station: r.get(0)?,
        date: req_date(r, 1)?,
        verified: r.get(2)?,
        note: r.get(3)?,
    })
}
