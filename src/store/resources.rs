//! A station's resources: staff members, the expert pool and dedicated funding.

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::Db;
use super::{date_text, entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::{Expert, Funding, Staff};
use crate::model::{Hundredths, Period};

/// Whether a staff member with this key (station, name, from) is recorded.
pub fn staff_exists(w: &Writer<'_>, s: &Staff) -> Result<bool> {
    sql::exists(w.db(), s)
}

pub fn insert_staff(w: &mut Writer<'_>, s: &Staff) -> Result<()> {
    w.may(Act::Own("act.staff"), Some(&s.station))?;
    sql::insert(w.db(), s)?;
    let key = format!("{}|{}|{}", s.station, s.name, date_text(s.from));
    w.audit(
        "staff",
        &key,
        Some(&s.station),
        None,
        Some(&serde_json::to_value(s)?),
    )
}

/// Staff of one station (or all), by station, start date and name. With a period, those
/// whose time overlaps it.
pub fn list_staff(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Staff>> {
    sql::list(db, station, period)
}

/// Whether an expert with this key (station, name, joined_on) is recorded.
pub fn expert_exists(w: &Writer<'_>, e: &Expert) -> Result<bool> {
    sql::exists(w.db(), e)
}

pub fn insert_expert(w: &mut Writer<'_>, e: &Expert) -> Result<()> {
    w.may(Act::Own("act.experts"), Some(&e.station))?;
    sql::insert(w.db(), e)?;
    let key = format!("{}|{}|{}", e.station, e.name, date_text(e.joined_on));
    w.audit(
        "expert",
        &key,
        Some(&e.station),
        None,
        Some(&serde_json::to_value(e)?),
    )
}

/// The expert pool of one station (or all); with a period, members whose time overlaps it.
pub fn list_experts(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Expert>> {
    // The list keeps, as it always has, an expert who left on the period's first day.
    sql::list_span_inclusive(db, station, period)
}

/// Whether a payment with this key (station, date, source) is recorded.
pub fn funding_exists(w: &Writer<'_>, f: &Funding) -> Result<bool> {
    sql::exists(w.db(), f)
}

pub fn insert_funding(w: &mut Writer<'_>, f: &Funding) -> Result<()> {
    w.may(Act::Own("act.funding"), Some(&f.station))?;
    sql::insert(w.db(), f)?;
    let key = format!("{}|{}|{}", f.station, date_text(f.date), f.source);
    w.audit(
        "funding",
        &key,
        Some(&f.station),
        None,
        Some(&serde_json::to_value(f)?),
    )
}

/// Payments to one station (or all), optionally within a period, by station and date.
pub fn list_funding(db: Db<'_>, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Funding>> {
    sql::list(db, station, period)
}

impl Entity for Staff {
    const TABLE: &'static Table = &Table {
        name: "staff",
        columns: &["station", "name", "full_time", "from_on", "to_on"],
        written: 5,
        key: &["station", "name", "from_on"],
        order: &["station", "from_on", "name"],
        station: "station",
        period: Dated::Span {
            start: "from_on",
            end: "to_on",
            end_inclusive: true,
        },
        authority: Authority::Station("act.staff"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(&self.name),
            Value::Bool(self.full_time),
            Value::Date(self.from),
            Value::opt_date(self.to),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Staff {
            station: c.text()?,
            name: c.text()?,
            full_time: c.bool()?,
            from: c.date()?,
            to: c.opt_date()?,
        })
    }
}

impl Entity for Expert {
    const TABLE: &'static Table = &Table {
        name: "experts",
        columns: &[
            "station",
            "name",
            "kind",
            "field",
            "countries",
            "joined_on",
            "left_on",
        ],
        written: 7,
        key: &["station", "name", "joined_on"],
        order: &["station", "joined_on", "name"],
        station: "station",
        // `left_on` is the first day out of the pool.
        period: Dated::Span {
            start: "joined_on",
            end: "left_on",
            end_inclusive: false,
        },
        authority: Authority::Station("act.experts"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(&self.name),
            Value::text(self.kind.as_str()),
            Value::text(&self.field),
            Value::text(&self.countries),
            Value::Date(self.joined_on),
            Value::opt_date(self.left_on),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Expert {
            station: c.text()?,
            name: c.text()?,
            kind: c.enumv()?,
            field: c.text()?,
            countries: c.text()?,
            joined_on: c.date()?,
            left_on: c.opt_date()?,
        })
    }
}

impl Entity for Funding {
    const TABLE: &'static Table = &Table {
        name: "funding",
        columns: &["station", "on_date", "amount_fen", "source"],
        written: 4,
        key: &["station", "on_date", "source"],
        order: &["station", "on_date", "source"],
        station: "station",
        period: Dated::On("on_date"),
        authority: Authority::Station("act.funding"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::Date(self.date),
            Value::Int(self.amount.0),
            Value::text(&self.source),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Funding {
            station: c.text()?,
            date: c.date()?,
            amount: Hundredths(c.int()?),
            source: c.text()?,
        })
    }
}
