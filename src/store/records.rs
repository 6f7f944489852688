//! Read-only loading of what the scorer needs: one station's records for a period, or every
//! station's in a few whole-table queries grouped here.

use super::{opt_date, req_date, req_enum};
use crate::error::Result;
use crate::model::case_row::CaseRow;
use crate::model::records::*;
use crate::model::{Hundredths, Period};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

mod all;
pub use all::{load_all, AllRecords};

/// Parses a stored `YYYY-MM-DD` without going through a format string.
fn fast_date(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let b = match r.get_ref(idx)? {
        ValueRef::Null => return Ok(None),
        ValueRef::Text(b) => b,
        _ => return opt_date(r, idx),
    };
    let d = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(dd)) = (d(&b[..4]), d(&b[5..7]), d(&b[8..])) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, dd) {
                return Ok(Some(date));
            }
        }
    }
    opt_date(r, idx)
}

fn req_fast(r: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    match fast_date(r, idx)? {
        Some(d) => Ok(d),
        None => req_date(r, idx),
    }
}

const CASE_COLUMNS: &str = "id, station, enterprise, credit_code, received_on, source, kind, ip_type, \
    country, dispute_type, warning_level, accepted_on, closed_on, outcome, effective, followup_on, \
    overdue_reason, summary, typical";

fn case_row(r: &Row<'_>) -> rusqlite::Result<Case> {
    Ok(Case {
        id: r.get(0)?,
        station: r.get(1)?,
        enterprise: r.get(2)?,
        credit_code: r.get(3)?,
        received_on: req_fast(r, 4)?,
        source: req_enum(r, 5)?,
        kind: req_enum(r, 6)?,
        ip_type: super::opt_enum(r, 7)?,
        country: r.get(8)?,
        dispute_type: super::opt_enum(r, 9)?,
        warning_level: super::opt_enum(r, 10)?,
        accepted_on: fast_date(r, 11)?,
        closed_on: fast_date(r, 12)?,
        outcome: super::opt_enum(r, 13)?,
        effective: r.get(14)?,
        followup_on: fast_date(r, 15)?,
        overdue_reason: r.get(16)?,
        summary: r.get(17)?,
        typical: r.get(18)?,
    })
}

/// The columns the scorer reads, for ranking many stations.
const SCORE_CASE_COLUMNS: &str = "id, station, received_on, source, kind, accepted_on, closed_on, \
    effective, followup_on, overdue_reason";

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
    c.accepted_on = fast_date(r, 5)?;
    c.closed_on = fast_date(r, 6)?;
    c.effective = match r.get_ref(7)? {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i != 0),
        _ => r.get(7)?,
    };
    c.followup_on = fast_date(r, 8)?;
    c.has_reason = match r.get_ref(9)? {
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

fn activity_row(r: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        station: r.get(0)?,
        kind: req_enum(r, 1)?,
        date: req_fast(r, 2)?,
        title: r.get(3)?,
        participants: r.get(4)?,
    })
}
fn report_row(r: &Row<'_>) -> rusqlite::Result<Report> {
    Ok(Report {
        station: r.get(0)?,
        kind: req_enum(r, 1)?,
        period: r.get(2)?,
        submitted_on: req_fast(r, 3)?,
    })
}
fn staff_row(r: &Row<'_>) -> rusqlite::Result<Staff> {
    Ok(Staff {
        station: r.get(0)?,
        name: r.get(1)?,
        full_time: r.get(2)?,
        from: req_fast(r, 3)?,
        to: fast_date(r, 4)?,
    })
}
fn expert_row(r: &Row<'_>) -> rusqlite::Result<Expert> {
    Ok(Expert {
        station: r.get(0)?,
        name: r.get(1)?,
        kind: req_enum(r, 2)?,
        field: r.get(3)?,
        countries: r.get(4)?,
        joined_on: req_fast(r, 5)?,
        left_on: fast_date(r, 6)?,
    })
}
fn funding_row(r: &Row<'_>) -> rusqlite::Result<Funding> {
    Ok(Funding {
        station: r.get(0)?,
        date: req_fast(r, 1)?,
        amount: Hundredths(r.get(2)?),
        source: r.get(3)?,
    })
}
fn award_row(r: &Row<'_>) -> rusqlite::Result<Award> {
    Ok(Award {
        station: r.get(0)?,
        item: r.get(1)?,
        points: Hundredths(r.get(2)?),
        date: req_fast(r, 3)?,
        reason: r.get(4)?,
    })
}
fn complaint_row(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        station: r.get(0)?,
        date: req_fast(r, 1)?,
        verified: r.get(2)?,
        note: r.get(3)?,
    })
}

const ACTIVITIES: &str = "SELECT station, kind, on_date, title, participants FROM activities";
const REPORTS: &str = "SELECT station, kind, period, submitted_on FROM reports";
const STAFF: &str = "SELECT station, name, full_time, from_on, to_on FROM staff";
const EXPERTS: &str = "SELECT station, name, kind, field, countries, joined_on, left_on FROM experts";
const FUNDING: &str = "SELECT station, on_date, amount_fen, source FROM funding";
const AWARDS: &str = "SELECT station, item, points_cents, on_date, reason FROM awards";
const COMPLAINTS: &str = "SELECT station, on_date, verified, note FROM complaints";

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
    each(conn, &format!("SELECT {CASE_COLUMNS} FROM cases WHERE station = ?1 AND received_on BETWEEN ?2 AND ?3 ORDER BY received_on, id"),
        &[&code, &from, &upto], case_row, |c| r.cases.push(c))?;
    each(conn, &format!("{ACTIVITIES}{dated}"), &p, activity_row, |x| {
        r.activities.push(x)
    })?;
    each(conn, &format!("{FUNDING}{dated}"), &p, funding_row, |x| {
        r.funding.push(x)
    })?;
    each(conn, &format!("{AWARDS}{dated}"), &p, award_row, |x| {
        r.awards.push(x)
    })?;
    each(conn, &format!("{COMPLAINTS}{dated}"), &p, complaint_row, |x| {
        r.complaints.push(x)
    })?;
    let all = " WHERE station = ?1 ORDER BY id";
    each(conn, &format!("{REPORTS}{all}"), &[&code], report_row, |x| {
        r.reports.push(x)
    })?;
    each(conn, &format!("{STAFF}{all}"), &[&code], staff_row, |x| {
        r.staff.push(x)
    })?;
    each(conn, &format!("{EXPERTS}{all}"), &[&code], expert_row, |x| {
        r.experts.push(x)
    })?;
    Ok(r)
}
