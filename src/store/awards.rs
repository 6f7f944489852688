//! Bonus awards (bonus items of the rubric in force).

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::Db;
use super::{date_text, entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::Award;
use crate::model::{Hundredths, Period};

/// Whether an award with this key (station, item, date, reason) is recorded.
pub fn exists(w: &Writer<'_>, a: &Award) -> Result<bool> {
    sql::exists(w.db(), a)
}

pub fn insert(w: &mut Writer<'_>, a: &Award) -> Result<()> {
    w.may(Act::Office("act.awards"), Some(&a.station))?;
    sql::insert(w.db(), a)?;
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
pub fn list(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Award>> {
    sql::list(db, station, period)
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
        authority: Authority::Office("act.awards"),
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
