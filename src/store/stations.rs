//! Stations and their dated status history.

use super::{opt_date, Writer};
use crate::error::Result;
use crate::model::records::{Station, StatusChange};
use crate::model::StationStatus;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "code, name, host_org, district, level, status, status_on, established_on, \
                       cond1, cond2, cond3, cond4, cond5";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Station> {
    Ok(Station {
        code: r.get(0)?,
        name: r.get(1)?,
        host_org: r.get(2)?,
        district: r.get(3)?,
        level: super::opt_enum(r, 4)?,
        status: super::req_enum(r, 5)?,
        status_on: opt_date(r, 6)?,
        established_on: opt_date(r, 7)?,
        conditions: [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
    })
}

/// The station with this code, if any.
pub fn get(conn: &Connection, code: &str) -> Result<Option<Station>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM stations WHERE code = ?1"),
            [code],
            from_row,
        )
        .optional()?)
}

/// Every station, by code.
pub fn list(conn: &Connection) -> Result<Vec<Station>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM stations ORDER BY code"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The station's status history, oldest first.
pub fn history(conn: &Connection, code: &str) -> Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare(
        "SELECT station, status, on_date, note FROM station_history WHERE station = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([code], |r| {
            Ok(StatusChange {
                station: r.get(0)?,
                status: super::req_enum(r, 1)?,
                on: super::req_date(r, 2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Inserts a new station and its first history entry (its status on `status_on`).
pub fn insert(w: &mut Writer<'_>, s: &Station, note: &str) -> Result<()> {
    w.tx().execute(
        &format!("INSERT INTO stations ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            s.code,
            s.name,
            s.host_org,
            s.district,
            s.level.map(|l| l.as_str()),
            s.status.as_str(),
            s.status_on.map(super::date_text),
            s.established_on.map(super::date_text),
            s.conditions[0],
            s.conditions[1],
            s.conditions[2],
            s.conditions[3],
            s.conditions[4],
        ],
    )?;
    if let Some(on) = s.status_on {
        add_history(w, &s.code, s.status, on, note)?;
    }
    w.audit(
        "station",
        &s.code,
        Some(&s.code),
        None,
        Some(&serde_json::to_value(s)?),
    )
}

/// Replaces every field of an existing station (same code), auditing before and after.
pub fn update(w: &mut Writer<'_>, before: &Station, after: &Station) -> Result<()> {
    w.tx().execute(
        "UPDATE stations SET name = ?2, host_org = ?3, district = ?4, level = ?5, status = ?6,
         status_on = ?7, established_on = ?8, cond1 = ?9, cond2 = ?10, cond3 = ?11, cond4 = ?12,
         cond5 = ?13 WHERE code = ?1",
        params![
            after.code,
            after.name,
            after.host_org,
            after.district,
            after.level.map(|l| l.as_str()),
            after.status.as_str(),
            after.status_on.map(super::date_text),
            after.established_on.map(super::date_text),
            after.conditions[0],
            after.conditions[1],
            after.conditions[2],
            after.conditions[3],
            after.conditions[4],
        ],
    )?;
    w.audit(
        "station",
        &after.code,
        Some(&after.code),
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(after)?),
    )
}

/// Appends a dated step to the station's history.
pub fn add_history(
    w: &mut Writer<'_>,
    code: &str,
    status: StationStatus,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    super::import::add_history(w.tx(), code, status.as_str(), on, note)
}
