//! Read-only loading of what the scorer needs: one station's records for a period, or every
//! station's in a few whole-table queries grouped here.

use super::entity::Value;
use super::entity::{Dated, Entity};
use super::entity_sql as sql;
use super::sql::{vals, Db};
use super::{opt_date, req_date, req_enum};
use crate::error::Result;
use crate::model::case_row::CaseRow;
use crate::model::recorded::*;
use crate::model::Period;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;

#[cfg(test)]
mod tests {
    #[test]
    fn the_scored_case_columns_are_described() {
        let t = <crate::model::recorded::Case as super::Entity>::TABLE;
        for c in super::SCORE_CASE_COLUMNS {
            assert!(t.position(c).is_some(), "{c}");
        }
    }
}

mod all;
pub use all::{load_all, AllRecords};

/// The case columns the scorer reads, for ranking many stations, in the order
/// [`score_case_row`] reads them: picked by name from the description of cases.
const SCORE_CASE_COLUMNS: [&str; 11] = [
    "id",
    "station",
    "received_on",
    "source",
    "kind",
    "accepted_on",
    "closed_on",
    "effective",
    "followup_on",
    "overdue_reason",
    "reason_accepted",
];

/// `SELECT` of [`SCORE_CASE_COLUMNS`] from the table of cases (a column the description does
/// not have is an error of the program, found by the tests).
fn score_case_select() -> String {
    let t = Case::TABLE;
    let cols: Vec<&str> = SCORE_CASE_COLUMNS
        .iter()
        .filter_map(|c| t.position(c).map(|i| t.columns[i]))
        .collect();
    format!("SELECT {} FROM {}", cols.join(", "), t.name)
}

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

/// Runs `sql` with `params` and hands each row's record to `put`.
fn each<T: Entity>(db: Db<'_>, sql: &str, params: &[Value<'_>], mut put: impl FnMut(T)) -> Result<()> {
    db.each(sql, params, |r| {
        put(T::from_cells(r)?);
        Ok(())
    })
}

/// `SELECT <the kind's columns> FROM <table>`, kept to one station (`WHERE <station> = ?1`)
/// when `station`, to a period (`<its date> BETWEEN ?n AND ?n+1`) when `in_period` (for a kind
/// dated by one column), in `order`.
fn query<T: Entity>(station: bool, in_period: bool, order: &str) -> String {
    let t = T::TABLE;
    let mut conds = Vec::new();
    if station {
        conds.push(format!("{} = ?1", t.station));
    }
    if let (true, Dated::On(c)) = (in_period, t.period) {
        let f = conds.len() + 1;
        conds.push(format!("{c} BETWEEN ?{f} AND ?{}", f + 1));
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    format!("{}{filter} ORDER BY {order}", sql::select(t))
}

/// One station's records for a period: cases received in P and on or before `as_of`;
/// activities, funding, awards and complaints dated in P; all its reports, staff and experts.
pub fn load_station(db: Db<'_>, code: &str, period: Period, as_of: NaiveDate) -> Result<StationRecords> {
    let (from, to) = (period.from(), period.to());
    let upto = period.to().min(as_of);
    let mut r = StationRecords::default();
    let p = vals![code, from, to];
    let q = vals![code, from, upto];
    each::<Case>(db, &query::<Case>(true, true, "received_on, id"), q, |c| {
        r.cases.push(c)
    })?;
    let by_date = "on_date, id";
    each(db, &query::<Activity>(true, true, by_date), p, |x| {
        r.activities.push(x)
    })?;
    each(db, &query::<Funding>(true, true, by_date), p, |x| {
        r.funding.push(x)
    })?;
    each(db, &query::<Award>(true, true, by_date), p, |x| r.awards.push(x))?;
    each(db, &query::<Complaint>(true, true, by_date), p, |x| {
        r.complaints.push(x)
    })?;
    let (all, c) = ("id", vals![code]);
    each(db, &query::<Report>(true, false, all), c, |x| r.reports.push(x))?;
    each(db, &query::<Staff>(true, false, all), c, |x| r.staff.push(x))?;
    each(db, &query::<Expert>(true, false, all), c, |x| r.experts.push(x))?;
    Ok(r)
}
