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

pub fn load_all(conn: &Connection, period: Period, as_of: NaiveDate) -> Result<AllRecords> {
    let (from, to) = (
        super::super::date_text(period.from()),
        super::super::date_text(period.to()),
    );
    let cases = scan_cases(conn, (period.from(), period.to().min(as_of)))?
        .into_iter()
        .map(|(code, mut rows)| {
            rows.sort();
            (code, rows)
        })
        .collect();
    let recs = load_others(conn, &from, &to)?;
    Ok(AllRecords { recs, cases })
}

/// The cases received in `dates`, grouped by station (in no order: the caller sorts). One scan
/// of the table, no ORDER BY (a sort or an index walk costs more than grouping here) and the
/// receipt date compared here on the parsed date (cheaper than SQLite comparing texts); the
/// station is looked up from the row's bytes and a row keeps its id in its station's shared
/// text, so a case costs no allocation of its own.
fn scan_cases(conn: &Connection, (from, upto): (NaiveDate, NaiveDate)) -> Result<Vec<(String, CaseRows)>> {
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
        // A stored id ipguard could never have written (altered outside it) is damage.
        if let Err(e) = crate::model::check_code("case id", id) {
            return Err(crate::error::Error::Damage(format!(
                "the database is damaged: a stored {} (run `ipguard check`, and restore the file from a backup)",
                crate::model::text::shorten(&e, 120)
            )));
        }
        by_station[i].1.push(id, case);
    }
    Ok(by_station)
}

/// Every record but the cases, grouped by station.
fn load_others(conn: &Connection, from: &str, to: &str) -> Result<BTreeMap<String, StationRecords>> {
    let mut m: BTreeMap<String, StationRecords> = BTreeMap::new();
    let p: [&dyn rusqlite::ToSql; 2] = [&from, &to];
    macro_rules! group {
        ($t:ty, $p:expr, $order:expr, $field:ident) => {
            let p: &[&dyn rusqlite::ToSql] = $p;
            each::<$t>(conn, &query::<$t>(false, !p.is_empty(), $order), p, |x| {
                m.entry(x.station.clone()).or_default().$field.push(x)
            })?;
        };
    }
    let by_date = "station, on_date, id";
    group!(Activity, &p, by_date, activities);
    group!(Funding, &p, by_date, funding);
    group!(Award, &p, by_date, awards);
    group!(Complaint, &p, by_date, complaints);
    let all = "station, id";
    group!(Report, &[], all, reports);
    group!(Staff, &[], all, staff);
    group!(Expert, &[], all, experts);
    Ok(m)
}
