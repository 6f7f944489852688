//! The decision on each row of an imported file: its key, a key the file repeats, the stored
//! record it updates, its cells and checks, then the batched upsert of the good rows.

use super::errors::Errors;
use super::header::Header;
use super::import::ChangedKeys;
use super::kinds::{Checks, CsvRecord};
use super::lines::Pos;
use super::repeats;
use super::row::Row;
use super::Kind;
use crate::error::Result;
use crate::store::import as db;
use csv::ByteRecord;
use rusqlite::Connection;
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
        let msg = format!(
            "station `{}` does not exist (neither in the database nor in the stations imported)",
            rec.station()
        );
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
    /// before the file (a repeated key is then found when its batch is written), except
    /// stations, which are written at once.
    lookup: bool,
    /// The table's largest rowid before the file.
    max_before: i64,
    /// Rows stored before the file that it has named.
    marks: repeats::Marks,
    /// New records waiting to be inserted, with their positions, and their keys.
    inserts: db::Inserts<T>,
    lines: Vec<Pos>,
    batch_keys: HashMap<String, Pos>,
    /// Changed records stored before, waiting to be written.
    updates: db::Batch<T>,
    /// The keys of refused rows (never written), with their positions.
    refused: HashMap<String, Pos>,
    /// The file name and the key's column as written, for errors found when writing.
    file: String,
    key_col: String,
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
    pub(super) fn new(conn: &Connection, table_empty: bool, file: &str, header: &Header) -> Result<State<T>> {
        let max_before = db::max_rowid::<T>(conn)?;
        let count = if table_empty { 0 } else { db::count::<T>(conn)? };
        let key_col = match header.pos[0] {
            Some(p) => header.names[p].clone(),
            None => T::KIND.columns()[0].en.to_string(),
        };
        Ok(State {
            table_empty,
            lookup: !table_empty || T::KIND == Kind::Stations,
            max_before,
            marks: repeats::Marks::new(if table_empty { 0 } else { max_before }, count),
            inserts: db::Inserts::default(),
            lines: Vec::with_capacity(db::BATCH),
            batch_keys: HashMap::with_capacity(db::BATCH),
            updates: db::Batch::default(),
            refused: HashMap::new(),
            file: file.to_string(),
            key_col,
            added: 0,
            updated: 0,
            unchanged: 0,
            changed: ChangedKeys::default(),
            generated: Vec::new(),
            given: HashMap::new(),
            last_given: HashMap::new(),
        })
    }

    /// Imports one record of the file: refuses a row with more cells than the header has
    /// columns, else decides the row and lists its problems.
    pub(super) fn take(
        &mut self,
        conn: &Connection,
        rec: &ByteRecord,
        header: &Header,
        checks: &mut Checks,
        errors: &mut Errors,
    ) -> Result<()> {
        let pos = Pos::of(rec);
        let mut row = Row::new(T::KIND, rec, header, pos, checks.today);
        if rec.len() > header.names.len() {
            let at = (header.names.len() + 1).to_string();
            let msg = format!(
                "the row has {} cells but the header has {} columns",
                rec.len(),
                header.names.len()
            );
            errors.push(&self.file, pos, &at, &msg);
            return Ok(());
        }
        let outcome = self.row(conn, &mut row, checks, errors)?;
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

    /// Where `key` is already in the file, as far as known without the database: a row of
    /// the current batch or a refused row, with its position.
    fn known_line(&self, key: &str) -> Option<Pos> {
        self.batch_keys
            .get(key)
            .or_else(|| self.refused.get(key))
            .copied()
    }

    /// Whether the stored row `found` (rowid) means the key was already in the file.
    fn repeats_stored(&mut self, rowid: i64) -> bool {
        rowid > self.max_before || self.marks.mark(rowid)
    }

    fn row(
        &mut self,
        conn: &Connection,
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
            return self.new_without_id(conn, probe, row, checks, errors);
        }
        let key = probe.key_text();
        if T::KIND == Kind::Stations {
            checks.stations.insert(key.clone());
        }
        if let Some(first) = self.given.get(&key).copied() {
            errors.push_given(&self.file, row.pos, &row.col_name(0), &key, first);
            return Ok(Outcome::Refused);
        }
        if let Some(first) = self.known_line(&key) {
            errors.push_repeat(&self.file, row.pos, &row.col_name(0), &key, Some(first));
            return Ok(Outcome::Refused);
        }
        let mut existing = None;
        if self.lookup {
            if let Some((rowid, stored)) = T::get(conn, &probe)? {
                if self.repeats_stored(rowid) {
                    errors.push_repeat(&self.file, row.pos, &row.col_name(0), &key, None);
                    return Ok(Outcome::Refused);
                }
                existing = Some(stored);
            }
        }
        let mut rec = fill(existing.clone().unwrap_or(probe), row, checks);
        rec.against_stored(existing.as_ref(), row);
        if existing.as_ref().is_some_and(|e| *e != rec) {
            rec.check_stored(conn, row)?;
        }
        if !row.errors.is_empty() {
            return self.refuse(conn, row, &rec, key, existing.is_none(), errors);
        }
        let outcome = match &existing {
            Some(e) if *e == rec => return Ok(Outcome::Unchanged),
            Some(_) => Outcome::Updated,
            None => Outcome::Added,
        };
        self.changed.push(&key);
        if T::KIND == Kind::Stations {
            // Written at once: the station's history entry and later files refer to it.
            rec.upsert(conn)?;
            rec.after_write(existing.as_ref(), conn, checks.today)?;
        } else if existing.is_some() {
            self.updates.push(conn, rec)?;
        } else {
            self.queue_insert(conn, rec, key, row.pos, errors)?;
        }
        Ok(outcome)
    }

    /// A new record whose key the file leaves to ipguard (a case without id): checked as any
    /// new record, then given the next free id of its station and year (never one stored, in
    /// the batch waiting, or given earlier in the file).
    fn new_without_id(
        &mut self,
        conn: &Connection,
        probe: T,
        row: &mut Row<'_>,
        checks: &mut Checks,
        errors: &mut Errors,
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
            let taken = |id: &str| self.batch_keys.contains_key(id) || self.refused.contains_key(id);
            crate::store::cases::next_id_after(conn, &station, year, after, &taken)?
        };
        let n = id[format!("{station}-{year}-").len()..]
            .parse::<i64>()
            .unwrap_or(after);
        self.last_given.insert(slot, n);
        rec.set_generated_id(id.clone());
        self.changed.push(&id);
        self.generated.push((row.pos, id.clone()));
        self.given.insert(id.clone(), row.pos);
        self.queue_insert(conn, rec, id, row.pos, errors)?;
        Ok(Outcome::Added)
    }

    /// Refuses a row whose cells or checks failed. A key written earlier in the file makes the
    /// repetition the row's error; a new key is remembered as refused.
    fn refuse(
        &mut self,
        conn: &Connection,
        row: &mut Row<'_>,
        rec: &T,
        key: String,
        is_new: bool,
        errors: &mut Errors,
    ) -> Result<Outcome> {
        if !self.lookup && T::get(conn, rec)?.is_some() {
            // Written earlier in the file: the repetition is the row's error.
            row.errors.clear();
            errors.push_repeat(&self.file, row.pos, &row.col_name(0), &key, None);
        } else if is_new {
            self.refused.insert(key, row.pos);
        }
        Ok(Outcome::Refused)
    }

    /// Adds a new record to the batch of inserts, writing the batch when it is full.
    fn queue_insert(
        &mut self,
        conn: &Connection,
        rec: T,
        key: String,
        pos: Pos,
        errors: &mut Errors,
    ) -> Result<()> {
        self.inserts.push(rec);
        self.lines.push(pos);
        self.batch_keys.insert(key, pos);
        if self.inserts.len() >= db::BATCH {
            self.flush_inserts(conn, errors)?;
        }
        Ok(())
    }

    /// Inserts the batch of new records; a key found stored by then is one the file repeats.
    fn flush_inserts(&mut self, conn: &Connection, errors: &mut Errors) -> Result<()> {
        for (at, rec) in self.inserts.flush(conn)? {
            errors.push_repeat(&self.file, self.lines[at], &self.key_col, &rec.key_text(), None);
        }
        self.lines.clear();
        self.batch_keys.clear();
        Ok(())
    }

    /// Writes the records still waiting, at the end of the file.
    pub(super) fn flush(&mut self, conn: &Connection, errors: &mut Errors) -> Result<()> {
        self.flush_inserts(conn, errors)?;
        self.updates.flush(conn)
    }
}
