//! Stations, staff, experts and funding.

use super::{by_key, Stored};
use crate::model::records::{Expert, Funding, Staff, Station};
use crate::store::date_text;
use rusqlite::{params, Connection, Row};

impl Stored for Station {
    const SELECT: &'static str = "SELECT code, name, host_org, district, level, status, status_on, \
        established_on, cond1, cond2, cond3, cond4, cond5 FROM stations";
    const GET: &'static str = "SELECT code, name, host_org, district, level, status, status_on, \
        established_on, cond1, cond2, cond3, cond4, cond5 FROM stations WHERE code = ?1";
    const UPSERT: &'static str = "INSERT INTO stations (code, name, host_org, district, level, \
        status, status_on, established_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, host_org = excluded.host_org, \
        district = excluded.district, level = excluded.level, status = excluded.status, \
        status_on = excluded.status_on, established_on = excluded.established_on";
    const ORDER: &'static str = "code";
    const STATION: &'static str = "code";
    const IN_PERIOD: &'static str = "?3 IS NULL OR 1";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::stations::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, [&p.code])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.code,
            self.name,
            self.host_org,
            self.district,
            self.level.map(|l| l.as_str()),
            self.status.as_str(),
            self.status_on.map(date_text),
            self.established_on.map(date_text),
        ])
    }
}

impl Stored for Staff {
    const SELECT: &'static str = "SELECT station, name, full_time, from_on, to_on FROM staff";
    const GET: &'static str = "SELECT station, name, full_time, from_on, to_on FROM staff \
        WHERE station = ?1 AND name = ?2 AND from_on = ?3";
    const UPSERT: &'static str = "INSERT INTO staff (station, name, full_time, from_on, to_on) \
        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (station, name, from_on) DO UPDATE SET \
        full_time = excluded.full_time, to_on = excluded.to_on";
    const ORDER: &'static str = "station, name, from_on";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "from_on <= ?3 AND (to_on IS NULL OR to_on >= ?2)";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::resources::staff_from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, p.name, date_text(p.from)])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            self.name,
            self.full_time,
            date_text(self.from),
            self.to.map(date_text)
        ])
    }
}

impl Stored for Expert {
    const SELECT: &'static str =
        "SELECT station, name, kind, field, countries, joined_on, left_on FROM experts";
    const GET: &'static str =
        "SELECT station, name, kind, field, countries, joined_on, left_on FROM experts \
        WHERE station = ?1 AND name = ?2 AND joined_on = ?3";
    const UPSERT: &'static str = "INSERT INTO experts (station, name, kind, field, countries, \
        joined_on, left_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
        ON CONFLICT (station, name, joined_on) DO UPDATE SET kind = excluded.kind, \
        field = excluded.field, countries = excluded.countries, left_on = excluded.left_on";
    const ORDER: &'static str = "station, name, joined_on";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "joined_on <= ?3 AND (left_on IS NULL OR left_on > ?2)";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::resources::expert_from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, p.name, date_text(p.joined_on)])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            self.name,
            self.kind.as_str(),
            self.field,
            self.countries,
            date_text(self.joined_on),
            self.left_on.map(date_text)
        ])
    }
}

impl Stored for Funding {
    const SELECT: &'static str = "SELECT station, on_date, amount_fen, source FROM funding";
    const GET: &'static str = "SELECT station, on_date, amount_fen, source FROM funding \
        WHERE station = ?1 AND on_date = ?2 AND source = ?3";
    const UPSERT: &'static str = "INSERT INTO funding (station, on_date, amount_fen, source) \
        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (station, on_date, source) DO UPDATE SET \
        amount_fen = excluded.amount_fen";
    const ORDER: &'static str = "station, on_date, source";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "on_date BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::resources::funding_from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, date_text(p.date), p.source])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            date_text(self.date),
            self.amount.0,
            self.source
        ])
    }
}
