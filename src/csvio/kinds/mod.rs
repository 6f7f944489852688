//! Per kind: which columns form the key, how a row's cells fill a record, the checks across
//! fields, and the cells an export writes.

mod cases;
mod dated;
mod people;
mod whole;

use super::row::Row;
use super::Kind;
use crate::model::recorded::{
    Activity, Award, Case, CaseEvent, Complaint, Expert, Funding, ReasonDecision, Report, Staff, Station,
    StationConditions, StatusChange,
};
use crate::model::Hundredths;
use crate::store::assessments::Assessment;
use crate::store::entity::Entity;
use crate::store::Writer;
use std::collections::{HashMap, HashSet};

/// What rows are checked against besides their own cells.
pub struct Checks {
    /// Stations in the database and those read so far from this import's stations file.
    pub stations: HashSet<String>,
    /// The maximum points of each bonus item of the rubric in force, by id (`B1`…).
    pub bonus_max: HashMap<String, Hundredths>,
    /// The date things may not be after.
    pub today: chrono::NaiveDate,
    /// Whether this import has a `station_history` file: a new station then gets its history
    /// from it, not the `imported` entry.
    pub history_file: bool,
}

/// A record kind as CSV reads and writes it.
pub trait CsvRecord: Entity + Clone + PartialEq {
    const KIND: Kind;

    /// A record with the key read from the row's key cells and every other field at its
    /// default. A bad key cell records its problem and leaves its field at a placeholder
    /// (empty text, [`PLACEHOLDER_DATE`], the first value of an enum): the key is good when
    /// the row has no problem after this. The placeholders let the other cells be checked
    /// all the same without a check across fields refusing them.
    fn key(row: &mut Row<'_>, checks: &Checks) -> Self;

    /// The key as text, its parts joined with `|`: for repeated keys and the audit log.
    fn key_text(&self) -> String;

    /// Sets the non-key fields whose columns the file has, an empty cell clearing the field
    /// (or setting its default).
    fn apply(&mut self, row: &mut Row<'_>, checks: &Checks);

    /// The checks across fields, on the record as it would be stored.
    fn check(&self, _row: &mut Row<'_>, _checks: &Checks) {}

    /// The checks and adjustments against the record as stored (`None` for a new one), after
    /// the checks across fields.
    fn against_stored(&mut self, _stored: Option<&Self>, _row: &mut Row<'_>) {}
    /// The checks against what is stored with an existing record (a case's timeline), on the
    /// record as it would be stored.
    fn check_stored(&self, _w: &Writer<'_>, _row: &mut Row<'_>) -> crate::error::Result<()> {
        Ok(())
    }

    /// The checks against what is stored besides the kind's own records (a case event's
    /// case), on a new record with no problem so far.
    fn check_new(&self, _w: &Writer<'_>, _row: &mut Row<'_>) -> crate::error::Result<()> {
        Ok(())
    }

    /// What else a written record entails (a station's history entry).
    fn after_write(
        &self,
        _before: Option<&Self>,
        _w: &Writer<'_>,
        _checks: &Checks,
    ) -> crate::error::Result<()> {
        Ok(())
    }

    /// For a record whose key the file left to ipguard (a case without id): the station and
    /// year its generated id is made of. `None` for a record with its key.
    fn id_to_generate(&self) -> Option<(&str, i32)> {
        None
    }

    /// Sets the generated key.
    fn set_generated_id(&mut self, _id: String) {}

    /// The station the record belongs to (a station's own code).
    fn station(&self) -> &str;

    /// The export's cells, in column order.
    fn cells(&self) -> Vec<String>;

    /// Whether `export` writes the record (a case's reason decision only when there is one).
    fn exported(&self) -> bool {
        true
    }
}

/// What is done with the record type of a [`Kind`]: see [`with_kind`].
pub trait KindVisitor {
    type Out;
    fn visit<R: CsvRecord>(self) -> Self::Out;
}

/// Calls `v` with the record type of `kind`: the one place each kind is paired with its type.
pub fn with_kind<V: KindVisitor>(kind: Kind, v: V) -> V::Out {
    match kind {
        Kind::Stations => v.visit::<Station>(),
        Kind::Staff => v.visit::<Staff>(),
        Kind::Experts => v.visit::<Expert>(),
        Kind::Funding => v.visit::<Funding>(),
        Kind::Cases => v.visit::<Case>(),
        Kind::Activities => v.visit::<Activity>(),
        Kind::Reports => v.visit::<Report>(),
        Kind::Awards => v.visit::<Award>(),
        Kind::Complaints => v.visit::<Complaint>(),
        Kind::StationHistory => v.visit::<StatusChange>(),
        Kind::StationConditions => v.visit::<StationConditions>(),
        Kind::CaseEvents => v.visit::<CaseEvent>(),
        Kind::Assessments => v.visit::<Assessment>(),
        Kind::ReasonDecisions => v.visit::<ReasonDecision>(),
    }
}

/// The date of a bad key cell: before every other date, so that no `to`/`left_on` is before it.
pub const PLACEHOLDER_DATE: chrono::NaiveDate = chrono::NaiveDate::MIN;

/// The `yes` / `no` of a cell.
fn yes_no(b: bool) -> String {
    crate::model::YesNo::from_bool(b).as_str().to_string()
}

/// Writes `Self` with its errors collected: evaluates every key cell before giving up.
macro_rules! all {
    ($($e:expr),+ $(,)?) => { ($($e),+) };
}
pub(crate) use all;
