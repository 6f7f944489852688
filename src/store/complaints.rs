//! Complaints against stations (penalty P2 counts the verified ones).

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::Db;
use super::{date_text, entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::Complaint;
use crate::model::Period;

/// Whether a complaint with this key (station, date, note) is recorded.
pub fn exists(w: &Writer<'_>, c: &Complaint) -> Result<bool> {
    sql::exists(w.db(), c)
}

pub fn insert(w: &mut Writer<'_>, c: &Complaint) -> Result<()> {
    w.may(Act::Office("act.complaints"), Some(&c.station))?;
    sql::insert(w.db(), c)?;
    let key = format!("{}|{}|{}", c.station, date_text(c.date), c.note);
    w.audit(
        "complaint",
        &key,
        Some(&c.station),
        None,
        Some(&serde_json::to_value(c)?),
    )
}

/// Complaints against one station (or all), optionally within a period, by station and date.
pub fn list(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Complaint>> {
    sql::list(db, station, period)
}

impl Entity for Complaint {
    const TABLE: &'static Table = &Table {
        name: "complaints",
        columns: &["station", "on_date", "verified", "note"],
        written: 4,
        key: &["station", "on_date", "note"],
        order: &["station", "on_date", "note"],
        station: "station",
        period: Dated::On("on_date"),
        authority: Authority::Office("act.complaints"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::Date(self.date),
            Value::Bool(self.verified),
            Value::text(&self.note),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Complaint {
            station: c.text()?,
            date: c.date()?,
            verified: c.bool()?,
            note: c.text()?,
        })
    }
}
