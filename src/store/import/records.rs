//! Activities, reports, awards and complaints.

use super::{by_key, Stored};
use crate::model::records::{Activity, Award, Complaint, Report};
use crate::store::date_text;
use rusqlite::{params, Connection, Row};

impl Stored for Activity {
    const SELECT: &'static str = "SELECT station, kind, on_date, title, participants FROM activities";
    const GET: &'static str = "SELECT station, kind, on_date, title, participants FROM activities \
        WHERE station = ?1 AND kind = ?2 AND on_date = ?3 AND title = ?4";
    const UPSERT: &'static str = "INSERT INTO activities (station, kind, on_date, title, \
        participants) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (station, kind, on_date, title) \
        DO UPDATE SET participants = excluded.participants";
    const ORDER: &'static str = "station, kind, on_date, title";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "on_date BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::activities::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(
            conn,
            params![p.station, p.kind.as_str(), date_text(p.date), p.title],
        )
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            self.kind.as_str(),
            date_text(self.date),
            self.title,
            self.participants
        ])
    }
}

impl Stored for Report {
    const SELECT: &'static str = "SELECT station, kind, period, submitted_on FROM reports";
    const GET: &'static str = "SELECT station, kind, period, submitted_on FROM reports \
        WHERE station = ?1 AND kind = ?2 AND period = ?3";
    const UPSERT: &'static str = "INSERT INTO reports (station, kind, period, submitted_on) \
        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (station, kind, period) DO UPDATE SET \
        submitted_on = excluded.submitted_on";
    const ORDER: &'static str = "station, kind, period";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "submitted_on BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::reports::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, p.kind.as_str(), p.period])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            self.kind.as_str(),
            self.period,
            date_text(self.submitted_on)
        ])
    }
}

impl Stored for Award {
    const SELECT: &'static str = "SELECT station, item, points_cents, on_date, reason FROM awards";
    const GET: &'static str = "SELECT station, item, points_cents, on_date, reason FROM awards \
        WHERE station = ?1 AND item = ?2 AND on_date = ?3 AND reason = ?4";
    const UPSERT: &'static str = "INSERT INTO awards (station, item, points_cents, on_date, \
        reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (station, item, on_date, reason) \
        DO UPDATE SET points_cents = excluded.points_cents";
    const ORDER: &'static str = "station, item, on_date, reason";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "on_date BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::awards::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, p.item, date_text(p.date), p.reason])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            self.item,
            self.points.0,
            date_text(self.date),
            self.reason
        ])
    }
}

impl Stored for Complaint {
    const SELECT: &'static str = "SELECT station, on_date, verified, note FROM complaints";
    const GET: &'static str = "SELECT station, on_date, verified, note FROM complaints \
        WHERE station = ?1 AND on_date = ?2 AND note = ?3";
    const UPSERT: &'static str = "INSERT INTO complaints (station, on_date, verified, note) \
        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (station, on_date, note) DO UPDATE SET \
        verified = excluded.verified";
    const ORDER: &'static str = "station, on_date, note";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "on_date BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::complaints::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, params![p.station, date_text(p.date), p.note])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.station,
            date_text(self.date),
            self.verified,
            self.note
        ])
    }
}
