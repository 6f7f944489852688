//! Stations and their dated status history.

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::{vals, Db};
use super::{entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::{Station, StationConditions, StatusChange};
use crate::model::StationStatus;
use chrono::NaiveDate;

impl Entity for Station {
    const TABLE: &'static Table = &Table {
        name: "stations",
        columns: &[
            "code",
            "name",
            "host_org",
            "district",
            "level",
            "status",
            "status_on",
            "established_on",
            "cond1",
            "cond2",
            "cond3",
            "cond4",
            "cond5",
        ],
        // An import leaves the conditions as they are.
        written: 8,
        key: &["code"],
        order: &["code"],
        station: "code",
        period: Dated::Never,
        authority: Authority::Office("act.stations"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        let mut v = vec![
            Value::text(&self.code),
            Value::text(&self.name),
            Value::text(&self.host_org),
            Value::text(&self.district),
            Value::opt_text(self.level.map(|l| l.as_str())),
            Value::text(self.status.as_str()),
            Value::opt_date(self.status_on),
            Value::opt_date(self.established_on),
        ];
        v.extend(self.conditions.iter().map(|c| Value::Bool(*c)));
        v
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Station {
            code: c.text()?,
            name: c.text()?,
            host_org: c.text()?,
            district: c.text()?,
            level: c.opt_enum()?,
            status: c.enumv()?,
            status_on: c.opt_date()?,
            established_on: c.opt_date()?,
            conditions: [c.bool()?, c.bool()?, c.bool()?, c.bool()?, c.bool()?],
        })
    }
}

/// A step of a station's history (the `station_history` CSV kind). The whole step is its key
/// (two identical steps of one station are one); `id` orders the steps as recorded and is
/// not written (an import appends).
impl Entity for StatusChange {
    const TABLE: &'static Table = &Table {
        name: "station_history",
        columns: &["station", "status", "on_date", "note", "id"],
        written: 4,
        key: &["station", "status", "on_date", "note"],
        order: &["station", "id"],
        station: "station",
        period: Dated::On("on_date"),
        authority: Authority::Office("act.stations"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(self.status.as_str()),
            Value::Date(self.on),
            Value::text(&self.note),
            Value::Null,
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(StatusChange {
            station: c.text()?,
            status: c.enumv()?,
            on: c.date()?,
            note: c.text()?,
        })
    }
}

/// A station's art. 4 conditions (the `station_conditions` CSV kind): the condition columns
/// of the station's row, which the `stations` kind does not write. An import updates them by
/// code and never inserts a station.
impl Entity for StationConditions {
    const TABLE: &'static Table = &Table {
        name: "stations",
        columns: &["code", "cond1", "cond2", "cond3", "cond4", "cond5"],
        written: 6,
        key: &["code"],
        order: &["code"],
        station: "code",
        period: Dated::Never,
        authority: Authority::Office("act.stations"),
    };
    const COLUMNS_OF_ANOTHER: bool = true;

    fn to_values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::text(&self.station)];
        v.extend(self.met.iter().map(|c| Value::Bool(*c)));
        v
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(StationConditions {
            station: c.text()?,
            met: [c.bool()?, c.bool()?, c.bool()?, c.bool()?, c.bool()?],
        })
    }
}

/// The station with this code, if any.
pub fn get(db: Db<'_>, code: &str) -> Result<Option<Station>> {
    sql::get_by(db, &[Value::text(code)])
}

/// Every station, by code.
pub fn list(db: Db<'_>) -> Result<Vec<Station>> {
    sql::list(db, None, None)
}

/// The station's status history, oldest first.
pub fn history(db: Db<'_>, code: &str) -> Result<Vec<StatusChange>> {
    db.rows(
        "SELECT station, status, on_date, note FROM station_history WHERE station = ?1 ORDER BY id",
        vals![code],
        |r| {
            Ok(StatusChange {
                station: r.text()?,
                status: r.enumv()?,
                on: r.date()?,
                note: r.text()?,
            })
        },
    )
}

/// Inserts a new station and its first history entry (its status on `status_on`).
pub fn insert(w: &mut Writer<'_>, s: &Station, note: &str) -> Result<()> {
    w.may(Act::Office("act.stations"), Some(&s.code))?;
    sql::insert(w.db(), s)?;
    if let Some(on) = s.status_on {
        add_history(w, &s.code, s.status, on, note)?;
    }
    w.audit(
        "station",
        &s.code,
        Some(&s.code),
        None,
        Some(&serde_json::to_value(s)?),
    )
}

/// Replaces every field of an existing station (same code), auditing before and after.
pub fn update(w: &mut Writer<'_>, before: &Station, after: &Station) -> Result<()> {
    w.may(Act::Office("act.stations"), Some(&after.code))?;
    sql::update(w.db(), after)?;
    w.audit(
        "station",
        &after.code,
        Some(&after.code),
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(after)?),
    )
}

/// Appends a dated step to the station's history.
pub fn add_history(
    w: &mut Writer<'_>,
    code: &str,
    status: StationStatus,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    w.may(Act::Office("act.stations"), Some(code))?;
    super::import::add_history(w.db(), code, status.as_str(), on, note)
}
