//! One description per record kind, engine-neutral: its table, its columns in one order, its
//! key, its list and export order, the station and period it is filtered by, and the mapping
//! to and from its model type. The SQLite statements are generated from it (`entity_sql.rs`);
//! a second engine generates its own from the same description.

use chrono::NaiveDate;
use std::borrow::Cow;

/// How a kind's records are kept to a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    /// Dated by this column, kept when it is in the period.
    On(&'static str),
    /// A time from `start` to `end` (null: open), kept when it overlaps the period; `end` is
    /// the last day in it (kept when `end >= from`) or the first day after it (`end > from`).
    Span {
        start: &'static str,
        end: &'static str,
        end_inclusive: bool,
    },
    /// Not kept to a period (every record is kept).
    Never,
}

/// A record kind's table.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// Every column, in the order of [`Entity::to_values`] and [`Entity::from_cells`].
    pub columns: &'static [&'static str],
    /// How many of the columns (the first ones) an import writes; the others keep what they
    /// hold (a station's conditions).
    pub written: usize,
    /// The key columns, in the order of [`Entity::key_values`].
    pub key: &'static [&'static str],
    /// The order records are listed and exported in.
    pub order: &'static [&'static str],
    /// The column naming the station.
    pub station: &'static str,
    pub period: Dated,
    /// Who may write the kind's records on a server.
    pub authority: Authority,
}

/// Who may write a kind's records on a server (the database's policies say the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// The station's own records (and the office's); the catalog key naming them.
    Station(&'static str),
    /// The office's alone; the catalog key naming them.
    Office(&'static str),
    /// Report submissions: a station's when dated today by the server's clock.
    Submission,
}

impl Table {
    /// The position of `column` among the columns.
    pub fn position(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }
}

/// A cell as written: borrowed from the record, so no allocation per cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Bool(bool),
    Text(Cow<'a, str>),
    Date(NaiveDate),
}

impl<'a> Value<'a> {
    pub fn text(s: &'a str) -> Value<'a> {
        Value::Text(Cow::Borrowed(s))
    }

    pub fn opt_text(s: Option<&'a str>) -> Value<'a> {
        s.map_or(Value::Null, Value::text)
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Value<'a> {
        d.map_or(Value::Null, Value::Date)
    }

    pub fn opt_bool(b: Option<bool>) -> Value<'a> {
        b.map_or(Value::Null, Value::Bool)
    }
}

/// A stored row read column by column, in the table's column order: what an engine hands
/// [`Entity::from_cells`]. Each engine keeps its own errors.
pub trait Cells {
    type Error;
    fn text(&mut self) -> Result<String, Self::Error>;
    fn opt_text(&mut self) -> Result<Option<String>, Self::Error>;
    fn int(&mut self) -> Result<i64, Self::Error>;
    fn opt_u32(&mut self) -> Result<Option<u32>, Self::Error>;
    fn bool(&mut self) -> Result<bool, Self::Error>;
    fn opt_bool(&mut self) -> Result<Option<bool>, Self::Error>;
    fn date(&mut self) -> Result<NaiveDate, Self::Error>;
    fn opt_date(&mut self) -> Result<Option<NaiveDate>, Self::Error>;
    fn enumv<T: std::str::FromStr<Err = String>>(&mut self) -> Result<T, Self::Error>;
    fn opt_enum<T: std::str::FromStr<Err = String>>(&mut self) -> Result<Option<T>, Self::Error>;
}

/// A record kind as stored.
pub trait Entity: Sized {
    const TABLE: &'static Table;

    /// Every column's value, in the table's column order.
    fn to_values(&self) -> Vec<Value<'_>>;

    /// The record from a row of every column, in the table's column order.
    fn from_cells<C: Cells>(c: &mut C) -> Result<Self, C::Error>;

    /// Whether the kind is some columns of rows another kind inserts (a station's conditions,
    /// a case's reason decision): an import updates them by key (`entity_sql::update_written`)
    /// and never inserts a row.
    const COLUMNS_OF_ANOTHER: bool = false;

    /// The key columns' values, in the key's order.
    fn key_values(&self) -> Vec<Value<'_>> {
        let mut all: Vec<Option<Value<'_>>> = self.to_values().into_iter().map(Some).collect();
        Self::TABLE
            .key
            .iter()
            .map(|k| {
                Self::TABLE
                    .position(k)
                    .and_then(|i| all.get_mut(i).and_then(Option::take))
                    .unwrap_or(Value::Null)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recorded::*;

    fn described<T: Entity>() {
        let t = T::TABLE;
        assert!(t.written <= t.columns.len(), "{}", t.name);
        for c in t.key.iter().chain(t.order).chain([&t.station]) {
            assert!(t.position(c).is_some(), "{}: {c}", t.name);
        }
        match t.period {
            Dated::On(c) => assert!(t.position(c).is_some()),
            Dated::Span { start, end, .. } => {
                assert!(t.position(start).is_some() && t.position(end).is_some())
            }
            Dated::Never => {}
        }
    }

    #[test]
    fn every_description_names_its_own_columns() {
        described::<Station>();
        described::<Staff>();
        described::<Expert>();
        described::<Funding>();
        described::<Case>();
        described::<Activity>();
        described::<Report>();
        described::<Award>();
        described::<Complaint>();
        described::<StatusChange>();
        described::<StationConditions>();
        described::<CaseEvent>();
        described::<ReasonDecision>();
        described::<crate::store::assessments::Assessment>();
    }
}
