//! The decision on each row of an imported file: its key, a key the file repeats (found from
//! the keys the file has named), the stored record it updates, its cells and checks, then the
//! batched upsert of the good rows.

use super::errors::Errors;
use super::header::Header;
use super::kinds::{Checks, CsvRecord};
use super::lines::Pos;
use super::row::Row;
use super::summary::ChangedKeys;
use super::Kind;
use crate::error::Result;
use crate::store::import as db;
use crate::store::Writer;
use csv::ByteRecord;
use std::collections::HashMap;

/// Applies the row's cells to `rec` and checks the result, listing the problems in `row`.
fn fill<T: CsvRecord>(mut rec: T, row: &mut Row<'_>, checks: &Checks) -> T {
    rec.apply(row, checks);
    station_exists(&rec, row, checks);
    rec.check(row, checks);
    rec
}

/// Records a problem when the record's station is neither stored nor imported before it.
fn station_exists<T: CsvRecord>(rec: &T, row: &mut Row<'_>, checks: &Checks) {
    if T::KIND != Kind::Stations && !rec.station().is_empty() && !checks.stations.contains(rec.station()) {
        let msg = crate::i18n::Lang::current().msg("import.station_missing", &[("station", rec.station())]);
        row.err_en("station", msg);
    }
}

enum Outcome {
    Added,
    Updated,
    Unchanged,
    Refused,
}

/// What importing one file keeps between rows.
pub(super) struct State<T: CsvRecord> {
    /// Whether the kind's table was empty before the file.
    pub(super) table_empty: bool,
    /// Whether each key is looked up as it is read: not for a kind whose table was empty
    /// before the file (no key can be stored), except stations, which are written at once.
    lookup: bool,
    /// Every key the file has named so far (rows with a good key cell), with where each is
    /// first: a key met again is repeated, whatever became of its first row.
    seen: super::seen::Seen,
    /// New records waiting to be inserted.
    inserts: db::Inserts<T>,
    /// Changed records stored before, waiting to be written.
    updates: db::Batch<T>,
    /// The file name, for errors.
    file: String,
    pub(super) added: u64,
    pub(super) updated: u64,
    pub(super) unchanged: u64,
    pub(super) changed: ChangedKeys,
    /// The ids generated for rows without one, in file order, with where each row is, and
    /// by id; the last number given for each station and year.
    pub(super) generated: Vec<(Pos, String)>,
    given: HashMap<String, Pos>,
    last_given: HashMap<(String, i32), i64>,
}

impl<T: CsvRecord> State<T> {
    pub(super) fn new(table_empty: bool, file: &str) -> State<T> {
        State {
            table_empty,
            lookup: !table_empty || T::KIND == Kind::Stations,
            seen: Default::default(),
            inserts: db::Inserts::default(),
            updates: db::Batch::default(),
            file: file.to_string(),
            added: 0,
            updated: 0,
            unchanged: 0,
            changed: ChangedKeys::default(),
            generated: Vec::new(),
            given: HashMap::new(),
            last_given: HashMap::new(),
        }
    }

    /// Imports one record of the file: refuses a row with more cells than the header has
    /// columns, else decides the row and lists its problems.
    pub(super) fn take(
        &mut self,
        w: &Writer<'_>,
        rec: &ByteRecord,
        header: &Header,
        checks: &mut Checks,
        errors: &mut Errors,
    ) -> Result<()> {
        let pos = Pos::of(rec);
        let mut row = Row::new(T::KIND, rec, header, pos, checks.today);
        if rec.len() > header.names.len() {
            let at = (header.names.len() + 1).to_string();
            let msg = crate::i18n::Lang::current().msg(
                "import.row_too_many_cells",
                &[
                    ("cells", &rec.len().to_string()),
                    ("columns", &header.names.len().to_string()),
                ],
            );
            errors.push(&self.file, pos, &at, &msg);
            return Ok(());
        }
        let outcome = self.row(w, &mut row, checks, errors)?;
        for (col, msg) in row.sorted_errors() {
            errors.push(&self.file, pos, &col, &msg);
        }
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Refused => {}
        }
        Ok(())
    }

    fn row(
        &mut self,
        w: &Writer<'_>,
        row: &mut Row<'_>,
        checks: &mut Checks,
        errors: &mut Errors,
    ) -> Result<Outcome> {
        let probe = T::key(row, checks);
        if !row.errors.is_empty() {
            // A bad key cell: the other cells are checked all the same, so that every
            // problem of the row is listed.
            fill(probe, row, checks);
            return Ok(Outcome::Refused);
        }
        if probe.id_to_generate().is_some() {
            return self.new_without_id(w, probe, row, checks);
        }
        let key = probe.key_text();
        if T::KIND == Kind::Stations {
            checks.stations.insert(key.clone());
        }
        if let Some(first) = self.given.get(&key).copied() {
            errors.push_given(&self.file, row.pos, &row.col_name(0), &key, first);
            return Ok(Outcome::Refused);
        }
        if let Some(first) = self.seen.get(&key) {
            errors.push_repeat(&self.file, row.pos, &row.col_name(0), &key, Some(first));
            return Ok(Outcome::Refused);
        }
        let outcome = self.decide(w, probe, &key, row, checks);
        self.seen.insert(&key, row.pos);
        outcome
    }

    /// The row of a key met for the first time in the file.
    fn decide(
        &mut self,
        w: &Writer<'_>,
        probe: T,
        key: &str,
        row: &mut Row<'_>,
        checks: &Checks,
    ) -> Result<Outcome> {
        let existing = if self.lookup {
            w.read().stored(&probe)?
        } else {
            None
        };
        let mut rec = fill(existing.clone().unwrap_or(probe), row, checks);
        rec.against_stored(existing.as_ref(), row);
        if existing.as_ref().is_some_and(|e| *e != rec) {
            rec.check_stored(w, row)?;
        }
        if existing.is_none() && row.errors.is_empty() {
            rec.check_new(w, row)?;
        }
        if !row.errors.is_empty() {
            return Ok(Outcome::Refused);
        }
        let outcome = match &existing {
            Some(e) if *e == rec => return Ok(Outcome::Unchanged),
            Some(_) => Outcome::Updated,
            None => Outcome::Added,
        };
        self.changed.push(key);
        if T::KIND == Kind::Stations {
            // Written at once: the station's history entry and later files refer to it.
            w.upsert(&rec)?;
            rec.after_write(existing.as_ref(), w, checks)?;
        } else if existing.is_some() {
            self.updates.push(w, rec)?;
        } else {
            self.queue_insert(w, rec)?;
        }
        Ok(outcome)
    }

    /// A new record whose key the file leaves to ipguard (a case without id): checked as any
    /// new record, then given the next free id of its station and year (never one stored, in
    /// the batch waiting, or given earlier in the file).
    fn new_without_id(
        &mut self,
        w: &Writer<'_>,
        probe: T,
        row: &mut Row<'_>,
        checks: &mut Checks,
    ) -> Result<Outcome> {
        let mut rec = fill(probe, row, checks);
        rec.against_stored(None, row);
        if !row.errors.is_empty() {
            return Ok(Outcome::Refused);
        }
        let Some((station, year)) = rec.id_to_generate() else {
            unreachable!("a record without key has its station and year");
        };
        let station = station.to_string();
        let slot = (station.clone(), year);
        let after = self.last_given.get(&slot).copied().unwrap_or(0);
        let id = {
            let taken = |id: &str| self.seen.contains(id) || self.given.contains_key(id);
            w.next_case_id(&station, year, after, &taken)?
        };
        let n = id[format!("{station}-{year}-").len()..]
            .parse::<i64>()
            .unwrap_or(after);
        self.last_given.insert(slot, n);
        rec.set_generated_id(id.clone());
        self.changed.push(&id);
        self.generated.push((row.pos, id.clone()));
        self.given.insert(id, row.pos);
        self.queue_insert(w, rec)?;
        Ok(Outcome::Added)
    }

    /// Adds a new record to the batch of inserts, writing the batch when it is full.
    fn queue_insert(&mut self, w: &Writer<'_>, rec: T) -> Result<()> {
        self.inserts.push(rec);
        if self.inserts.len() >= db::BATCH {
            self.inserts.flush(w)?;
        }
        Ok(())
    }

    /// Writes the records still waiting, at the end of the file.
    pub(super) fn flush(&mut self, w: &Writer<'_>) -> Result<()> {
        self.inserts.flush_all(w)?;
        self.updates.flush(w)
    }
}
