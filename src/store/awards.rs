//! Bonus awards (bonus items of the rubric in force).

use super::entity::{Cells, Dated, Entity, Table, Value};
use super::{date_text, entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::Award;
use crate::model::{Hundredths, Period};
use rusqlite::Connection;

/// Whether an award with this key (station, item, date, reason) is recorded.
pub fn exists(w: &Writer<'_>, a: &Award) -> Result<bool> {
    Ok(sql::exists(w.tx(), a)?)
}

pub fn insert(w: &mut Writer<'_>, a: &Award) -> Result<()> {
    sql::insert(w.tx(), a)?;
    let key = format!("{}|{}|{}|{}", a.station, a.item, date_text(a.date), a.reason);
    w.audit(
        "award",
        &key,
        Some(&a.station),
        None,
        Some(&serde_json::to_value(a)?),
    )
}

/// Awards of one station (or all), optionally within a period, by station, date and item.
pub fn list(conn: &Connection, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Award>> {
    Ok(sql::list(conn, station, period)?)
}

impl Entity for Award {
    const TABLE: &'static Table = &Table {
        name: "awards",
        columns: &["station", "item", "points_cents", "on_date", "reason"],
        written: 5,
        key: &["station", "item", "on_date", "reason"],
        order: &["station", "on_date", "item", "reason"],
        station: "station",
        period: Dated::On("on_date"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(&self.item),
            Value::Int(self.points.0),
            Value::Date(self.date),
            Value::text(&self.reason),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Award {
            station: c.text()?,
            item: c.text()?,
            points: Hundredths(c.int()?),
            date: c.date()?,
            reason: c.text()?,
        })
    }
}
