//! Importing one file: header, then row by row (key, repeated key, stored record, cells, checks)
//! and the upsert of each good row, inside the caller's transaction. Errors are collected over
//! the whole import; the caller rolls back when there is any.

use super::decode::{self, Encoding, Source};
pub use super::errors::{Errors, SHOWN_ERRORS};
use super::header::Header;
use super::kinds::{Checks, CsvRecord};
use super::lines::{self, Pos};
use super::repeats;
use super::row::Row;
use super::Kind;
use crate::error::{Error, Result};
use crate::model::records::{Activity, Award, Case, Complaint, Expert, Funding, Report, Staff, Station};
use crate::store::import as db;
use csv::ByteRecord;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::Instant;

/// How many changed keys the audit entry lists; beyond that it gives their count and digest.
pub const AUDIT_KEYS: usize = 1000;

/// After this many rows an import decides whether to rebuild the table's secondary indexes
/// once at the end instead of inserting into them row by row.
const BULK_ROWS: u64 = 10_000;

/// How files are read.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub ignore_unknown: bool,
    pub encoding: Option<Encoding>,
    /// Show a progress bar (stderr is a terminal).
    pub progress: bool,
}

/// What importing one file did (or would do).
#[derive(Debug)]
pub struct Summary {
    pub file: String,
    pub kind: Kind,
    pub sha256: String,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// The keys of the records added or updated.
    pub changed: ChangedKeys,
}

/// The keys of the records added or updated, in file order: the first [`AUDIT_KEYS`] of them,
/// how many there are, and the SHA-256 of all of them (each followed by a line feed), so the
/// audit entry stays small however large the file is.
pub struct ChangedKeys {
    pub first: Vec<String>,
    pub count: u64,
    digest: Sha256,
}

impl Default for ChangedKeys {
    fn default() -> Self {
        ChangedKeys {
            first: Vec::new(),
            count: 0,
            digest: Sha256::new(),
        }
    }
}

impl std::fmt::Debug for ChangedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChangedKeys({} keys)", self.count)
    }
}

impl ChangedKeys {
    fn push(&mut self, key: &str) {
        self.count += 1;
        self.digest.update(key.as_bytes());
        self.digest.update(b"\n");
        if self.first.len() < AUDIT_KEYS {
            self.first.push(key.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The SHA-256 of every key, each followed by `\n`, in file order (lowercase hex).
    pub fn sha256(&self) -> String {
        let h = self.digest.clone().finalize();
        h.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl Summary {
    /// `N added, M updated, K unchanged`.
    pub fn counts(&self) -> String {
        format!(
            "{} added, {} updated, {} unchanged",
            self.added, self.updated, self.unchanged
        )
    }

    /// The audit entry's content.
    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "kind": self.kind.name(),
            "sha256": self.sha256,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "keys": self.changed.first,
            "keys_count": self.changed.count,
            "keys_sha256": self.changed.sha256(),
        })
    }
}

/// Imports `source` as `kind` through `conn` (inside a transaction). Returns `None` when the
/// header is unusable (its errors are in `errors`).
pub fn import_file(
    conn: &Connection,
    kind: Kind,
    source: &Source,
    opts: &Options,
    checks: &mut Checks,
    errors: &mut Errors,
) -> Result<Option<Summary>> {
    match kind {
        Kind::Stations => run::<Station>(conn, source, opts, checks, errors),
        Kind::Staff => run::<Staff>(conn, source, opts, checks, errors),
        Kind::Experts => run::<Expert>(conn, source, opts, checks, errors),
        Kind::Funding => run::<Funding>(conn, source, opts, checks, errors),
        Kind::Cases => run::<Case>(conn, source, opts, checks, errors),
        Kind::Activities => run::<Activity>(conn, source, opts, checks, errors),
        Kind::Reports => run::<Report>(conn, source, opts, checks, errors),
        Kind::Awards => run::<Award>(conn, source, opts, checks, errors),
        Kind::Complaints => run::<Complaint>(conn, source, opts, checks, errors),
    }
}

fn read_error(file: &str, e: csv::Error) -> Error {
    Error::Other(anyhow::anyhow!("cannot read {file}: {e}"))
}

fn run<T: CsvRecord>(
    conn: &Connection,
    source: &Source,
    opts: &Options,
    checks: &mut Checks,
    errors: &mut Errors,
) -> Result<Option<Summary>> {
    let file = source.name();
    errors.start_file();
    let opened = decode::open(source, opts.encoding)?;
    if opened.guessed {
        crate::render::note(&format!(
            "{file}: not valid UTF-8, read as GB18030 (give --encoding utf-8 to refuse this)"
        ));
    }
    let tally = opened.progress.clone();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(opened.reader);
    let mut rec = ByteRecord::new();
    let at = match rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        true => Pos::of(&rec),
        false => Pos::START,
    };
    let header = match Header::map(T::KIND, &rec, opts.ignore_unknown) {
        Ok(h) => h,
        Err(list) => {
            for (col, msg) in list {
                errors.push(&file, at, &col, &msg);
            }
            correct_lines::<T>(source, opened.encoding, opts, checks, errors)?;
            return Ok(None);
        }
    };
    let bar = opts.progress.then(|| super::progress::bar(opened.len));
    let started = Instant::now();
    let table_empty = db::is_empty::<T>(conn)?;
    let mut st = State::<T>::new(conn, table_empty, &file, &header)?;
    let mut deferred: Vec<(String, String)> = Vec::new();
    let mut bulk = false;
    let mut rows = 0u64;
    while rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        rows += 1;
        if rows == BULK_ROWS && is_bulk::<T>(conn, table_empty, rows, tally.bytes.get(), opened.len)? {
            deferred = db::defer_indexes::<T>(conn)?;
            db::defer_checks(conn)?;
            bulk = true;
        }
        if let Some(bar) = bar.as_ref().filter(|_| rows.is_multiple_of(4096)) {
            super::progress::tick(bar, tally.bytes.get(), rows, started);
        }
        let pos = Pos::of(&rec);
        let mut row = Row::new(T::KIND, &rec, &header, pos, checks.today);
        if rec.len() > header.names.len() {
            let at = (header.names.len() + 1).to_string();
            let msg = format!(
                "the row has {} cells but the header has {} columns",
                rec.len(),
                header.names.len()
            );
            errors.push(&file, pos, &at, &msg);
            continue;
        }
        let outcome = st.row(conn, &mut row, checks, errors)?;
        for (col, msg) in row.sorted_errors() {
            errors.push(&file, pos, &col, &msg);
        }
        match outcome {
            Outcome::Added => st.added += 1,
            Outcome::Updated => st.updated += 1,
            Outcome::Unchanged => st.unchanged += 1,
            Outcome::Refused => {}
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    st.flush(conn, errors)?;
    if bulk {
        db::verify_checks::<T>(conn)?;
    }
    db::restore_indexes(conn, &deferred)?;
    correct_lines::<T>(source, opened.encoding, opts, checks, errors)?;
    Ok(Some(Summary {
        file,
        kind: T::KIND,
        sha256: tally.sha256(),
        added: st.added,
        updated: st.updated,
        unchanged: st.unchanged,
        changed: st.changed,
    }))
}

/// Completes the current file's errors: finds where each repeated key is first, then
/// corrects every line they show (reading the file again only when there are such errors).
fn correct_lines<T: CsvRecord>(
    source: &Source,
    encoding: decode::Encoding,
    opts: &Options,
    checks: &Checks,
    errors: &mut Errors,
) -> Result<()> {
    let wanted = errors.unresolved();
    if !wanted.is_empty() {
        let first = repeats::first_lines::<T>(source, encoding, opts.ignore_unknown, checks, wanted)?;
        errors.resolve(&first);
    }
    let offsets = errors.offsets();
    if !offsets.is_empty() {
        errors.correct(&lines::skipped(source, encoding, &offsets)?);
    }
    Ok(())
}

/// Whether the file is large next to the table: its estimated rows (from the bytes read for
/// the first `rows`) at least as many as the table already holds.
fn is_bulk<T: CsvRecord>(
    conn: &Connection,
    table_empty: bool,
    rows: u64,
    read: u64,
    len: Option<u64>,
) -> Result<bool> {
    if table_empty {
        return Ok(true);
    }
    let Some(len) = len else { return Ok(false) };
    let estimated = len.saturating_mul(rows) / read.max(1);
    Ok(estimated >= db::count::<T>(conn)?.saturating_sub(rows))
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
struct State<T: CsvRecord> {
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
    added: u64,
    updated: u64,
    unchanged: u64,
    changed: ChangedKeys,
}

impl<T: CsvRecord> State<T> {
    fn new(conn: &Connection, table_empty: bool, file: &str, header: &Header) -> Result<State<T>> {
        let max_before = db::max_rowid::<T>(conn)?;
        let count = if table_empty { 0 } else { db::count::<T>(conn)? };
        let key_col = match header.pos[0] {
            Some(p) => header.names[p].clone(),
            None => T::KIND.columns()[0].en.to_string(),
        };
        Ok(State {
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
        })
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
            let mut rec = probe;
            rec.apply(row, checks);
            station_exists(&rec, row, checks);
            rec.check(row, checks);
            return Ok(Outcome::Refused);
        }
        let key = probe.key_text();
        if T::KIND == Kind::Stations {
            checks.stations.insert(key.clone());
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
        let mut rec = existing.clone().unwrap_or(probe);
        rec.apply(row, checks);
        station_exists(&rec, row, checks);
        rec.check(row, checks);
        if !row.errors.is_empty() {
            if !self.lookup && T::get(conn, &rec)?.is_some() {
                // Written earlier in the file: the repetition is the row's error.
                row.errors.clear();
                errors.push_repeat(&self.file, row.pos, &row.col_name(0), &key, None);
            } else if existing.is_none() {
                self.refused.insert(key, row.pos);
            }
            return Ok(Outcome::Refused);
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
            self.inserts.push(rec);
            self.lines.push(row.pos);
            self.batch_keys.insert(key, row.pos);
            if self.inserts.len() >= db::BATCH {
                self.flush_inserts(conn, errors)?;
            }
        }
        Ok(outcome)
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

    fn flush(&mut self, conn: &Connection, errors: &mut Errors) -> Result<()> {
        self.flush_inserts(conn, errors)?;
        self.updates.flush(conn)
    }
}
