//! A station's resources: staff members, the expert pool and dedicated funding.

use super::{date_text, opt_date, req_date, req_enum, Writer};
use crate::error::Result;
use crate::model::records::{Expert, Funding, Staff};
use crate::model::{Hundredths, Period};
use rusqlite::{params, Connection, Row};

/// Whether a staff member with this key (station, name, from) is recorded.
pub fn staff_exists(w: &Writer<'_>, s: &Staff) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM staff WHERE station = ?1 AND name = ?2 AND from_on = ?3",
        params![s.station, s.name, date_text(s.from)],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert_staff(w: &mut Writer<'_>, s: &Staff) -> Result<()> {
    w.tx().execute(
        "INSERT INTO staff (station, name, full_time, from_on, to_on) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            s.station,
            s.name,
            s.full_time,
            date_text(s.from),
            s.to.map(date_text)
        ],
    )?;
    let key = format!("{}|{}|{}", s.station, s.name, date_text(s.from));
    w.audit(
        "staff",
        &key,
        Some(&s.station),
        None,
        Some(&serde_json::to_value(s)?),
    )
}

/// Staff of one station (or all), by station, start date and name. With a period, those
/// whose time overlaps it.
pub fn list_staff(conn: &Connection, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Staff>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, name, full_time, from_on, to_on FROM staff
         WHERE (?1 IS NULL OR station = ?1) AND (?3 IS NULL OR from_on <= ?3)
           AND (?2 IS NULL OR to_on IS NULL OR to_on >= ?2)
         ORDER BY station, from_on, name",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], staff_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether an expert with this key (station, name, joined_on) is recorded.
pub fn expert_exists(w: &Writer<'_>, e: &Expert) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM experts WHERE station = ?1 AND name = ?2 AND joined_on = ?3",
        params![e.station, e.name, date_text(e.joined_on)],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert_expert(w: &mut Writer<'_>, e: &Expert) -> Result<()> {
    w.tx().execute(
        "INSERT INTO experts (station, name, kind, field, countries, joined_on, left_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.station,
            e.name,
            e.kind.as_str(),
            e.field,
            e.countries,
            date_text(e.joined_on),
            e.left_on.map(date_text)
        ],
    )?;
    let key = format!("{}|{}|{}", e.station, e.name, date_text(e.joined_on));
    w.audit(
        "expert",
        &key,
        Some(&e.station),
        None,
        Some(&serde_json::to_value(e)?),
    )
}

/// The expert pool of one station (or all); with a period, members whose time overlaps it.
pub fn list_experts(
    conn: &Connection,
    station: Option<&str>,
    period: Option<&Period>,
) -> Result<Vec<Expert>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, name, kind, field, countries, joined_on, left_on FROM experts
         WHERE (?1 IS NULL OR station = ?1) AND (?3 IS NULL OR joined_on <= ?3)
           AND (?2 IS NULL OR left_on IS NULL OR left_on >= ?2)
         ORDER BY station, joined_on, name",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], expert_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether a payment with this key (station, date, source) is recorded.
pub fn funding_exists(w: &Writer<'_>, f: &Funding) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM funding WHERE station = ?1 AND on_date = ?2 AND source = ?3",
        params![f.station, date_text(f.date), f.source],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert_funding(w: &mut Writer<'_>, f: &Funding) -> Result<()> {
    w.tx().execute(
        "INSERT INTO funding (station, on_date, amount_fen, source) VALUES (?1, ?2, ?3, ?4)",
        params![f.station, date_text(f.date), f.amount.0, f.source],
    )?;
    let key = format!("{}|{}|{}", f.station, date_text(f.date), f.source);
    w.audit(
        "funding",
        &key,
        Some(&f.station),
        None,
        Some(&serde_json::to_value(f)?),
    )
}

/// Payments to one station (or all), optionally within a period, by station and date.
pub fn list_funding(
    conn: &Connection,
    station: Option<&str>,
    period: Option<&Period>,
) -> Result<Vec<Funding>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, on_date, amount_fen, source FROM funding
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR on_date >= ?2)
           AND (?3 IS NULL OR on_date <= ?3)
         ORDER BY station, on_date, source",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], funding_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A staff from a row of its columns in table order (station first).
pub(crate) fn staff_from_row(r: &Row<'_>) -> rusqlite::Result<Staff> {
    Ok(Staff {
        station: r.get(0)?,
        name: r.get(1)?,
        full_time: r.get(2)?,
        from: req_date(r, 3)?,
        to: opt_date(r, 4)?,
    })
}

/// A expert from a row of its columns in table order (station first).
pub(crate) fn expert_from_row(r: &Row<'_>) -> rusqlite::Result<Expert> {
    Ok(Expert {
        station: r.get(0)?,
        name: r.get(1)?,
        kind: req_enum(r, 2)?,
        field: r.get(3)?,
        countries: r.get(4)?,
        joined_on: req_date(r, 5)?,
        left_on: opt_date(r, 6)?,
    })
}

/// A funding from a row of its columns in table order (station first).
pub(crate) fn funding_from_row(r: &Row<'_>) -> rusqlite::Result<Funding> {
    Ok(Funding {
        station: r.get(0)?,
        date: req_date(r, 1)?,
        amount: Hundredths(r.get(2)?),
        source: r.get(3)?,
    })
}
