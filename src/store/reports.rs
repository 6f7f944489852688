//! Report submissions: annual summaries, work plans, quarterly case reports.

use super::{date_text, req_date, req_enum, Writer};
use crate::error::Result;
use crate::model::records::Report;
use crate::model::ReportKind;
use rusqlite::{params, Connection, OptionalExtension};

/// The submission with this key (station, kind, period), if any.
pub fn get(conn: &Connection, station: &str, kind: ReportKind, period: &str) -> Result<Option<Report>> {
    Ok(conn
        .query_row(
            "SELECT station, kind, period, submitted_on FROM reports
             WHERE station = ?1 AND kind = ?2 AND period = ?3",
            params![station, kind.as_str(), period],
            from_row,
        )
        .optional()?)
}

pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Report> {
    Ok(Report {
        station: r.get(0)?,
        kind: req_enum(r, 1)?,
        period: r.get(2)?,
        submitted_on: req_date(r, 3)?,
    })
}

pub fn insert(w: &mut Writer<'_>, rep: &Report) -> Result<()> {
    w.tx().execute(
        "INSERT INTO reports (station, kind, period, submitted_on) VALUES (?1, ?2, ?3, ?4)",
        params![
            rep.station,
            rep.kind.as_str(),
            rep.period,
            date_text(rep.submitted_on)
        ],
    )?;
    let key = format!("{}|{}|{}", rep.station, rep.kind, rep.period);
    w.audit(
        "report",
        &key,
        Some(&rep.station),
        None,
        Some(&serde_json::to_value(rep)?),
    )
}

/// Submissions of one station (or all), optionally of one kind, by station, kind and period.
pub fn list(conn: &Connection, station: Option<&str>, kind: Option<ReportKind>) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare(
        "SELECT station, kind, period, submitted_on FROM reports
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR kind = ?2)
         ORDER BY station, kind, period",
    )?;
    let rows = stmt
        .query_map(params![station, kind.map(|k| k.as_str())], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
