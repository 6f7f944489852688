//! Read-only loading of what the scorer needs: one station's records for a period, or every
//! station's in a few whole-table queries grouped here.

use super::{opt_date, req_date, req_enum};
use crate::error::Result;
use crate::model::case_row::CaseRow;
use crate::model::records::*;
use crate::model::Period;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

mod all;
pub use all::{load_all, AllRecords};

/// The columns the scorer reads, for ranking many stations.
const SCORE_CASE_COLUMNS: &str = "id, station, received_on, source, kind, accepted_on, closed_on, \
    effective, followup_on, overdue_reason, reason_accepted";

/// A case as the scorer reads it, borrowing its id from the row (its station is grouped by
/// `load_all`, its receipt date read by it).
fn score_case_row<'r>(r: &'r Row<'_>, received_on: NaiveDate) -> rusqlite::Result<(&'r str, CaseRow)> {
    let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
    let mut c = CaseRow::received(received_on);
    if r.get_ref(3)?.as_bytes().ok() != Some(b"enterprise") {
        c.source = req_enum(r, 3)?;
    }
    if r.get_ref(4)?.as_bytes().ok() != Some(b"guidance") {
        c.kind = req_enum(r, 4)?;
    }
    c.accepted_on = opt_date(r, 5)?;
    c.closed_on = opt_date(r, 6)?;
    c.effective = match r.get_ref(7)? {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i != 0),
        _ => r.get(7)?,
    };
    c.followup_on = opt_date(r, 8)?;
    let accepted = matches!(r.get_ref(10)?, ValueRef::Integer(1));
    c.excused = accepted
        && match r.get_ref(9)? {
            ValueRef::Text(b) => !std::str::from_utf8(b)
                .map_err(|e| rusqlite::Error::Utf8Error(9, e))?
                .trim()
                .is_empty(),
            _ => !r.get::<_, String>(9)?.trim().is_empty(),
        };
    Ok((id, c))
}

/// Runs `sql` with `params` and pushes each row into the records of its station (column 1 of
/// the mapped value's station field).
fn each<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
    map: fn(&Row<'_>) -> rusqlite::Result<T>,
    mut put: impl FnMut(T),
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        put(map(r)?);
    }
    Ok(())
}

// Each table's columns in the order its entity module's row function reads them.
const ACTIVITIES: &str = "SELECT station, kind, on_date, title, participants FROM activities";
const REPORTS: &str = "SELECT station, kind, period, submitted_on FROM reports";
const STAFF: &str = "SELECT station, name, full_time, from_on, to_on FROM staff";
const EXPERTS: &str = "SELECT station, name, kind, field, countries, joined_on, left_on FROM experts";
const FUNDING: &str = "SELECT station, on_date, amount_fen, source FROM funding";
const AWARDS: &str = "SELECT station, item, points_cents, on_date, reason FROM awards";
const COMPLAINTS: &str = "SELECT station, on_date, verified, note FROM complaints";
use super::{activities, awards, cases, complaints, reports, resources};

/// One station's records for a period: cases received in P and on or before `as_of`;
/// activities, funding, awards and complaints dated in P; all its reports, staff and experts.
pub fn load_station(
    conn: &Connection,
    code: &str,
    period: Period,
    as_of: NaiveDate,
) -> Result<StationRecords> {
    let (from, to) = (super::date_text(period.from()), super::date_text(period.to()));
    let upto = super::date_text(period.to().min(as_of));
    let mut r = StationRecords::default();
    let dated = " WHERE station = ?1 AND on_date BETWEEN ?2 AND ?3 ORDER BY on_date, id";
    let p: [&dyn rusqlite::ToSql; 3] = [&code, &from, &to];
    each(conn, &format!("SELECT {} FROM cases WHERE station = ?1 AND received_on BETWEEN ?2 AND ?3 ORDER BY received_on, id", cases::COLUMNS),
        &[&code, &from, &upto], cases::from_row, |c| r.cases.push(c))?;
    each(
        conn,
        &format!("{ACTIVITIES}{dated}"),
        &p,
        activities::from_row,
        |x| r.activities.push(x),
    )?;
    each(
        conn,
        &format!("{FUNDING}{dated}"),
        &p,
        resources::funding_from_row,
        |x| r.funding.push(x),
    )?;
    each(conn, &format!("{AWARDS}{dated}"), &p, awards::from_row, |x| {
        r.awards.push(x)
    })?;
    each(
        conn,
        &format!("{COMPLAINTS}{dated}"),
        &p,
        complaints::from_row,
        |x| r.complaints.push(x),
    )?;
    let all = " WHERE station = ?1 ORDER BY id";
    each(
        conn,
        &format!("{REPORTS}{all}"),
        &[&code],
        reports::from_row,
        |x| r.reports.push(x),
    )?;
    each(
        conn,
        &format!("{STAFF}{all}"),
        &[&code],
        resources::staff_from_row,
        |x| r.staff.push(x),
    )?;
    each(
        conn,
        &format!("{EXPERTS}{all}"),
        &[&code],
        resources::expert_from_row,
        |x| r.experts.push(x),
    )?;
    Ok(r)
}
