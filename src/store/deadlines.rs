//! Reads `report due` needs beyond the records: which cases have a plan on their timeline.

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashSet;

/// Ids of the cases (of one station, or all) with a `plan` event dated on or before `as_of`.
pub fn planned_cases(conn: &Connection, station: Option<&str>, as_of: NaiveDate) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT e.case_id FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'plan' AND e.on_date <= ?1 AND (?2 IS NULL OR c.station = ?2)",
    )?;
    let rows = stmt
        .query_map(params![super::date_text(as_of), station], |r| r.get(0))?
        .collect::<rusqlite::Result<HashSet<String>>>()?;
    Ok(rows)
}
