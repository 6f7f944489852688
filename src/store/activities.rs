//! Activities: trainings, publicity, publications, aid guidance, referrals.

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::Db;
use super::{date_text, entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::Activity;
use crate::model::Period;

/// Whether an activity with this key (station, kind, date, title) is recorded.
pub fn exists(w: &Writer<'_>, a: &Activity) -> Result<bool> {
    sql::exists(w.db(), a)
}

pub fn insert(w: &mut Writer<'_>, a: &Activity) -> Result<()> {
    w.may(Act::Own("act.activities"), Some(&a.station))?;
    sql::insert(w.db(), a)?;
    let key = format!("{}|{}|{}|{}", a.station, a.kind, date_text(a.date), a.title);
    w.audit(
        "activity",
        &key,
        Some(&a.station),
        None,
        Some(&serde_json::to_value(a)?),
    )
}

/// Activities of one station (or all), optionally within a period, by station and date.
pub fn list(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Activity>> {
    sql::list(db, station, period)
}

impl Entity for Activity {
    const TABLE: &'static Table = &Table {
        name: "activities",
        columns: &["station", "kind", "on_date", "title", "participants"],
        written: 5,
        key: &["station", "kind", "on_date", "title"],
        order: &["station", "on_date", "kind", "title"],
        station: "station",
        period: Dated::On("on_date"),
        authority: Authority::Station("act.activities"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(self.kind.as_str()),
            Value::Date(self.date),
            Value::text(&self.title),
            self.participants
                .map_or(Value::Null, |p| Value::Int(i64::from(p))),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Activity {
            station: c.text()?,
            kind: c.enumv()?,
            date: c.date()?,
            title: c.text()?,
            participants: c.opt_u32()?,
        })
    }
}
