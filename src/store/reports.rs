//! Report submissions: annual summaries, work plans, quarterly case reports.

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::{vals, Db};
use super::{entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::Report;
use crate::model::ReportKind;

/// The submission with this key (station, kind, period), if any.
pub fn get(db: Db<'_>, station: &str, kind: ReportKind, period: &str) -> Result<Option<Report>> {
    sql::get_by(
        db,
        &[
            Value::text(station),
            Value::text(kind.as_str()),
            Value::text(period),
        ],
    )
}

impl Entity for Report {
    const TABLE: &'static Table = &Table {
        name: "reports",
        columns: &["station", "kind", "period", "submitted_on"],
        written: 4,
        key: &["station", "kind", "period"],
        order: &["station", "kind", "period"],
        station: "station",
        period: Dated::On("submitted_on"),
        authority: Authority::Submission,
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(self.kind.as_str()),
            Value::text(&self.period),
            Value::Date(self.submitted_on),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Report {
            station: c.text()?,
            kind: c.enumv()?,
            period: c.text()?,
            submitted_on: c.date()?,
        })
    }
}

pub fn insert(w: &mut Writer<'_>, rep: &Report) -> Result<()> {
    w.may(Act::Submit(rep.submitted_on), Some(&rep.station))?;
    sql::insert(w.db(), rep)?;
    let key = format!("{}|{}|{}", rep.station, rep.kind, rep.period);
    w.audit(
        "report",
        &key,
        Some(&rep.station),
        None,
        Some(&serde_json::to_value(rep)?),
    )
}

/// Submissions of one station (or all), optionally of one kind, by station, kind and period.
pub fn list(db: Db<'_>, station: Option<&str>, kind: Option<ReportKind>) -> Result<Vec<Report>> {
    let t = Report::TABLE;
    let sql = format!(
        "{} WHERE (?1 IS NULL OR {} = ?1) AND (?2 IS NULL OR kind = ?2) ORDER BY {}",
        sql::select(t),
        t.station,
        sql::order(t)
    );
    db.rows(&sql, vals![station, kind.map(|k| k.as_str())], |r| {
        Report::from_cells(r)
    })
}
