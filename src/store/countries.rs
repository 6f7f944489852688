//! The stored countries: the conversion of old free-text values to codes (schema version 3)
//! and the values no conversion could map, for `check`.

use super::entity::Cells;
use super::sql::Db;
use crate::error::Result;
use crate::model::country::{self, Country};
use rusqlite::{params, Connection};

/// Converts `cases.country` and `experts.countries` to codes, value by value. A value that
/// names no country or region stays as it was (in a list, that item), for `check` to report.
pub fn migrate(conn: &Connection) -> Result<()> {
    let values: Vec<String> = conn
        .prepare("SELECT DISTINCT country FROM cases WHERE country <> ''")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in values {
        if let Ok(c) = Country::parse(&v) {
            if c.code() != v {
                conn.execute(
                    "UPDATE cases SET country = ?1 WHERE country = ?2",
                    params![c.code(), v],
                )?;
            }
        }
    }
    let lists: Vec<(i64, String)> = conn
        .prepare("SELECT id, countries FROM experts WHERE countries <> ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, v) in lists {
        let items: Vec<String> = split(&v)
            .map(|p| Country::parse(p).map_or_else(|_| p.to_string(), |c| c.code().to_string()))
            .fold(Vec::new(), |mut acc, p| {
                if !acc.contains(&p) {
                    acc.push(p);
                }
                acc
            });
        let joined = items.join(";");
        if joined != v {
            conn.execute(
                "UPDATE experts SET countries = ?1 WHERE id = ?2",
                params![joined, id],
            )?;
        }
    }
    Ok(())
}

fn split(v: &str) -> impl Iterator<Item = &str> {
    v.split(['、', ',', '，', ';', '；', '/', '／'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Whether a stored value is a code of the vocabulary.
fn is_code(v: &str) -> bool {
    Country::parse(v).is_ok_and(|c| c.code() == v)
}

/// The stored values that are no country or region of the vocabulary, as `check` lines:
/// `case ID: country `V``, `expert STATION/NAME: countries item `V``.
pub fn unmapped(db: Db<'_>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let rows = db.rows(
        "SELECT id, country FROM cases WHERE country <> '' ORDER BY id",
        &[],
        |r| Ok((r.text()?, r.text()?)),
    )?;
    for (id, v) in rows {
        if !is_code(&v) {
            out.push(format!(
                "case {id}: country `{v}` is no country or region ipguard knows ({})",
                hint(&v)
            ));
        }
    }
    let rows = db.rows(
        "SELECT station, name, countries FROM experts WHERE countries <> '' ORDER BY station, name, id",
        &[],
        |r| Ok((r.text()?, r.text()?, r.text()?)),
    )?;
    for (station, name, v) in rows {
        for p in split(&v).filter(|p| !is_code(p)) {
            out.push(format!(
                "expert {station}/{name}: country `{p}` is no country or region ipguard knows ({})",
                hint(p)
            ));
        }
    }
    Ok(out)
}

/// What to do about an unmapped value: the nearest matches of the vocabulary.
fn hint(v: &str) -> String {
    match country::Country::parse(v) {
        Ok(c) => format!("write it as {}", c.code()),
        Err(e) => e
            .split_once("(nearest: ")
            .map(|(_, near)| {
                format!(
                    "correct it with `case set` or a re-import; nearest: {}",
                    near.trim_end_matches(')')
                )
            })
            .unwrap_or(e),
    }
}
