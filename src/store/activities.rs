//! Activities: trainings, publicity, publications, aid guidance, referrals.

use super::{date_text, req_date, req_enum, Writer};
use crate::error::Result;
use crate::model::records::Activity;
use crate::model::Period;
use rusqlite::{params, Connection, Row};

/// Whether an activity with this key (station, kind, date, title) is recorded.
pub fn exists(w: &Writer<'_>, a: &Activity) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM activities WHERE station = ?1 AND kind = ?2 AND on_date = ?3 AND title = ?4",
        params![a.station, a.kind.as_str(), date_text(a.date), a.title],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn insert(w: &mut Writer<'_>, a: &Activity) -> Result<()> {
    w.tx().execute(
        "INSERT INTO activities (station, kind, on_date, title, participants) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            a.station,
            a.kind.as_str(),
            date_text(a.date),
            a.title,
            a.participants
        ],
    )?;
    let key = format!("{}|{}|{}|{}", a.station, a.kind, date_text(a.date), a.title);
    w.audit(
        "activity",
        &key,
        Some(&a.station),
        None,
        Some(&serde_json::to_value(a)?),
    )
}

/// Activities of one station (or all), optionally within a period, by station and date.
pub fn list(conn: &Connection, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Activity>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT station, kind, on_date, title, participants FROM activities
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR on_date >= ?2)
           AND (?3 IS NULL OR on_date <= ?3)
         ORDER BY station, on_date, kind, title",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A activity from a row of its columns in table order (station first).
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        station: r.get(0)?,
        kind: req_enum(r, 1)?,
        date: req_date(r, 2)?,
        title: r.get(3)?,
        participants: r.get(4)?,
    })
}
