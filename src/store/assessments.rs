//! Official results of acceptance and biennial assessments (art. 9): the `assessments` table.

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::{vals, Db, Row};
use super::Writer;
use crate::error::Result;
use crate::model::{AssessmentKind, Hundredths};
use chrono::NaiveDate;
use serde::Serialize;

/// One stored assessment result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub station: String,
    pub kind: AssessmentKind,
    /// The period scored, canonical (`2024-2025`, `2024-01-05..2025-01-04`).
    pub period: String,
    /// The as-of date of the score.
    pub on: NaiveDate,
    pub total: Hundredths,
    pub grade: String,
    pub rubric: String,
    /// The full scorecard (Score JSON).
    pub scorecard: serde_json::Value,
}

/// A stored result (the `assessments` CSV kind), keyed by station, kind and period as its
/// audit entry is; `id` orders one station's results of one day as recorded and is not
/// written. The scorecard is stored as the compact text of its JSON, as [`insert`] writes it.
impl Entity for Assessment {
    const TABLE: &'static Table = &Table {
        name: "assessments",
        columns: &[
            "station",
            "kind",
            "period",
            "on_date",
            "total_cents",
            "grade",
            "rubric_id",
            "scorecard",
            "id",
        ],
        written: 8,
        key: &["station", "kind", "period"],
        order: &["station", "on_date", "id"],
        station: "station",
        period: Dated::On("on_date"),
        authority: Authority::Office("act.assessments"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.station),
            Value::text(self.kind.as_str()),
            Value::text(&self.period),
            Value::Date(self.on),
            Value::Int(self.total.0),
            Value::text(&self.grade),
            Value::text(&self.rubric),
            Value::Text(std::borrow::Cow::Owned(self.scorecard.to_string())),
            Value::Null,
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Assessment {
            station: c.text()?,
            kind: c.enumv()?,
            period: c.text()?,
            on: c.date()?,
            total: Hundredths(c.int()?),
            grade: c.text()?,
            rubric: c.text()?,
            scorecard: serde_json::from_str(&c.text()?).unwrap_or(serde_json::Value::Null),
        })
    }
}

fn from_row(r: &mut Row<'_>) -> Result<Assessment> {
    let (station, kind, period, on, total, grade, rubric) = (
        r.text()?,
        r.enumv()?,
        r.text()?,
        r.date()?,
        r.int()?,
        r.text()?,
        r.text()?,
    );
    let card = r.text()?;
    Ok(Assessment {
        station,
        kind,
        period,
        on,
        total: Hundredths(total),
        grade,
        rubric,
        scorecard: serde_json::from_str(&card).unwrap_or(serde_json::Value::Null),
    })
}

const COLUMNS: &str = "station, kind, period, on_date, total_cents, grade, rubric_id, scorecard";

/// Stores a result, auditing it.
pub fn insert(w: &mut Writer<'_>, a: &Assessment) -> Result<()> {
    w.may(Act::Office("act.assessments"), Some(&a.station))?;
    let card = a.scorecard.to_string();
    w.db().execute(
        &format!("INSERT INTO assessments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        vals![
            &a.station,
            a.kind.as_str(),
            &a.period,
            a.on,
            a.total.0,
            &a.grade,
            &a.rubric,
            &card
        ],
    )?;
    let key = format!("{}|{}|{}", a.station, a.kind, a.period);
    w.audit(
        "assessment",
        &key,
        Some(&a.station),
        None,
        Some(&serde_json::to_value(a)?),
    )
}

/// The stored result of this station, kind and period, if any.
pub fn get(db: Db<'_>, station: &str, kind: AssessmentKind, period: &str) -> Result<Option<Assessment>> {
    db.row(
        &format!("SELECT {COLUMNS} FROM assessments WHERE station = ?1 AND kind = ?2 AND period = ?3"),
        vals![station, kind.as_str(), period],
        from_row,
    )
}

/// The results of one station (or all), by station then date.
pub fn list(db: Db<'_>, station: Option<&str>) -> Result<Vec<Assessment>> {
    db.rows(
        &format!(
            "SELECT {COLUMNS} FROM assessments WHERE (?1 IS NULL OR station = ?1) ORDER BY station, on_date, id"
        ),
        vals![station],
        from_row,
    )
}
