//! Every station's records for a period at once, for ranking: the cases as slim rows read in
//! one scan of the table, the other records in one query per table.

use super::*;
use crate::model::case_row::CaseRows;
use std::collections::{BTreeMap, HashMap};

/// Every station's records for a period, keyed by station code (stations without records are
/// absent): the cases as slim rows in `cases`, the other records in `recs` (whose `cases` stay
/// empty).
#[derive(Debug, Default)]
pub struct AllRecords {
    pub recs: BTreeMap<String, StationRecords>,
    pub cases: BTreeMap<String, CaseRows>,
}

pub fn load_all(db: Db<'_>, period: Period, as_of: NaiveDate) -> Result<AllRecords> {
    let (from, to) = (period.from(), period.to());
    let span = (period.from(), period.to().min(as_of));
    let cases = match db.sqlite() {
        Some(conn) => scan_cases(conn, span)?,
        None => scan_cases_anywhere(db, span)?,
    }
    .into_iter()
    .map(|(code, mut rows)| {
        rows.sort();
        (code, rows)
    })
    .collect();
    let recs = load_others(db, from, to)?;
    Ok(AllRecords { recs, cases })
}

/// The cases received in `dates`, grouped by station (in no order: the caller sorts). One scan
/// of the table, no ORDER BY (a sort or an index walk costs more than grouping here) and the
/// receipt date compared here on the parsed date (cheaper than SQLite comparing texts); the
/// station is looked up from the row's bytes and a row keeps its id in its station's shared
/// text, so a case costs no allocation of its own.
fn scan_cases(
    conn: &rusqlite::Connection,
    (from, upto): (NaiveDate, NaiveDate),
) -> Result<Vec<(String, CaseRows)>> {
    let mut slot: HashMap<Box<[u8]>, usize> = HashMap::new();
    let mut by_station: Vec<(String, CaseRows)> = Vec::new();
    let mut stmt = conn.prepare(&score_case_select())?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let received = req_date(r, 2)?;
        if received < from || received > upto {
            continue;
        }
        let (id, case) = score_case_row(r, received)?;
        let code = r.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
        let i = match slot.get(code) {
            Some(i) => *i,
            None => {
                let name = String::from_utf8_lossy(code).into_owned();
                slot.insert(code.into(), by_station.len());
                by_station.push((name, CaseRows::default()));
                by_station.len() - 1
            }
        };
        check_id(id)?;
        by_station[i].1.push(id, case);
    }
    Ok(by_station)
}

/// A stored id ipguard could never have written (altered outside it) is damage.
fn check_id(id: &str) -> Result<()> {
    crate::model::check_code("case id", id).map(drop).map_err(|e| {
        crate::error::Error::Damage(crate::i18n::Lang::current().msg(
            "store.damaged_value",
            &[("what", &crate::model::text::shorten(&e, 120))],
        ))
    })
}

/// [`scan_cases`] through the engine-neutral rows (a server's): the same slim rows, read
/// with one allocation more per case.
fn scan_cases_anywhere(db: Db<'_>, (from, upto): (NaiveDate, NaiveDate)) -> Result<Vec<(String, CaseRows)>> {
    use crate::store::entity::Cells;
    let mut slot: HashMap<String, usize> = HashMap::new();
    let mut by_station: Vec<(String, CaseRows)> = Vec::new();
    let sql = format!("{} WHERE received_on BETWEEN ?1 AND ?2", score_case_select());
    db.each(&sql, vals![from, upto], |r| {
        let id = r.text()?;
        let station = r.text()?;
        let received = r.date()?;
        let mut c = CaseRow::received(received);
        c.source = r.enumv()?;
        c.kind = r.enumv()?;
        c.accepted_on = r.opt_date()?;
        c.closed_on = r.opt_date()?;
        c.effective = r.opt_bool()?;
        c.followup_on = r.opt_date()?;
        let reason = r.text()?;
        c.excused = r.opt_bool()? == Some(true) && !reason.trim().is_empty();
        let i = match slot.get(&station) {
            Some(i) => *i,
            None => {
                slot.insert(station.clone(), by_station.len());
                by_station.push((station, CaseRows::default()));
                by_station.len() - 1
            }
        };
        check_id(&id)?;
        by_station[i].1.push(&id, c);
        Ok(())
    })?;
    Ok(by_station)
}

/// Every record but the cases, grouped by station.
fn load_others(db: Db<'_>, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<String, StationRecords>> {
    let mut m: BTreeMap<String, StationRecords> = BTreeMap::new();
    let p = vals![from, to];
    macro_rules! group {
        ($t:ty, $p:expr, $order:expr, $field:ident) => {
            let p: &[Value<'_>] = $p;
            each::<$t>(db, &query::<$t>(false, !p.is_empty(), $order), p, |x| {
                m.entry(x.station.clone()).or_default().$field.push(x)
            })?;
        };
    }
    let by_date = "station, on_date, id";
    group!(Activity, p, by_date, activities);
    group!(Funding, p, by_date, funding);
    group!(Award, p, by_date, awards);
    group!(Complaint, p, by_date, complaints);
    let all = "station, id";
    group!(Report, &[], all, reports);
    group!(Staff, &[], all, staff);
    group!(Expert, &[], all, experts);
    Ok(m)
}
