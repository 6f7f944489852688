//! Importing one file: header, then row by row (key, repeated key, stored record, cells, checks)
//! and the upsert of each good row, inside the caller's transaction. Errors are collected over
//! the whole import; the caller rolls back when there is any.

use super::decode::{self, Encoding, Source};
use super::header::Header;
use super::kinds::{Checks, CsvRecord};
use super::row::Row;
use super::Kind;
use crate::error::{Error, Result};
use crate::model::records::{Activity, Award, Case, Complaint, Expert, Funding, Report, Staff, Station};
use crate::store::import as db;
use csv::ByteRecord;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::time::Instant;

/// How many errors are listed before the rest are only counted.
pub const SHOWN_ERRORS: usize = 20;

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

/// The errors of an import: the first [`SHOWN_ERRORS`] as `FILE:LINE:COLUMN: message`, and
/// how many there are in all.
#[derive(Debug, Default)]
pub struct Errors {
    shown: Vec<String>,
    total: usize,
}

impl Errors {
    fn push(&mut self, file: &str, line: u64, col: &str, msg: &str) {
        self.total += 1;
        if self.shown.len() < SHOWN_ERRORS {
            self.shown.push(format!("{file}:{line}:{col}: {msg}"));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The error to return: the lines, and a count of those not shown.
    pub fn into_error(self) -> Error {
        let mut lines = self.shown;
        if self.total > lines.len() {
            lines.push(format!(
                "… and {} more errors ({} in all); nothing was written",
                self.total - lines.len(),
                self.total
            ));
        }
        Error::InvalidRows(lines)
    }
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

/// Passes a key's 128-bit fingerprint through as its hash (it already is one).
#[derive(Default)]
struct Fingerprinted(u64);

impl Hasher for Fingerprinted {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u128(&mut self, v: u128) {
        self.0 = v as u64;
    }
}

/// The keys read so far, each as a 128-bit fingerprint (two independent SipHashes) with the
/// line it is on: 32 bytes a key whatever its length, instead of the key itself. Two different
/// keys sharing a fingerprint is a chance of about 1 in 10^20 for a million keys.
#[derive(Default)]
struct Seen(HashMap<u128, u64, BuildHasherDefault<Fingerprinted>>);

impl Seen {
    fn fingerprint(key: &str) -> u128 {
        let half = |salt: u8| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            salt.hash(&mut h);
            key.hash(&mut h);
            h.finish()
        };
        (u128::from(half(1)) << 64) | u128::from(half(2))
    }

    /// The line `key` was first read on, or `None` after remembering it at `line`.
    fn first_line(&mut self, key: &str, line: u64) -> Option<u64> {
        match self.0.entry(Seen::fingerprint(key)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
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
    if !rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        rec.clear();
    }
    let header = match Header::map(T::KIND, &rec, opts.ignore_unknown) {
        Ok(h) => h,
        Err(list) => {
            for (col, msg) in list {
                errors.push(&file, 1, &col, &msg);
            }
            return Ok(None);
        }
    };
    let bar = opts.progress.then(|| super::progress::bar(opened.len));
    let started = Instant::now();
    let table_empty = db::is_empty::<T>(conn)?;
    let mut seen = Seen::default();
    let mut changed = ChangedKeys::default();
    let mut deferred: Vec<(String, String)> = Vec::new();
    let mut batch = db::Batch::<T>::default();
    let (mut added, mut updated, mut unchanged) = (0u64, 0u64, 0u64);
    let mut rows = 0u64;
    while rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        rows += 1;
        if rows == BULK_ROWS && is_bulk::<T>(conn, table_empty, rows, tally.bytes.get(), opened.len)? {
            deferred = db::defer_indexes::<T>(conn)?;
        }
        if let Some(bar) = bar.as_ref().filter(|_| rows.is_multiple_of(4096)) {
            super::progress::tick(bar, tally.bytes.get(), rows, started);
        }
        let line = rec.position().map_or(0, |p| p.line());
        let mut row = Row::new(T::KIND, &rec, &header, line, checks.today);
        if rec.len() > header.names.len() {
            let at = (header.names.len() + 1).to_string();
            let msg = format!(
                "the row has {} cells but the header has {} columns",
                rec.len(),
                header.names.len()
            );
            errors.push(&file, line, &at, &msg);
            continue;
        }
        let outcome = upsert_row::<T>(
            conn,
            &mut row,
            checks,
            table_empty,
            &mut seen,
            &mut changed,
            &mut batch,
        )?;
        for (col, msg) in &row.errors {
            errors.push(&file, line, col, msg);
        }
        match outcome {
            Outcome::Added => added += 1,
            Outcome::Updated => updated += 1,
            Outcome::Unchanged => unchanged += 1,
            Outcome::Refused => {}
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    batch.flush(conn)?;
    db::restore_indexes(conn, &deferred)?;
    Ok(Some(Summary {
        file,
        kind: T::KIND,
        sha256: tally.sha256(),
        added,
        updated,
        unchanged,
        changed,
    }))
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

enum Outcome {
    Added,
    Updated,
    Unchanged,
    Refused,
}

fn upsert_row<T: CsvRecord>(
    conn: &Connection,
    row: &mut Row<'_>,
    checks: &mut Checks,
    table_empty: bool,
    seen: &mut Seen,
    changed_keys: &mut ChangedKeys,
    batch: &mut db::Batch<T>,
) -> Result<Outcome> {
    let Some(probe) = T::key(row, checks) else {
        return Ok(Outcome::Refused);
    };
    let key = probe.key_text();
    if T::KIND == Kind::Stations {
        checks.stations.insert(key.clone());
    }
    if let Some(first) = seen.first_line(&key, row.line) {
        let msg = format!(
            "the key `{key}` is repeated: it is also on line {first} (a file holds each record once)"
        );
        row.err(0, msg);
        return Ok(Outcome::Refused);
    }
    let existing = if table_empty { None } else { T::get(conn, &probe)? };
    let mut rec = existing.clone().unwrap_or(probe);
    rec.apply(row, checks);
    if T::KIND != Kind::Stations && !rec.station().is_empty() && !checks.stations.contains(rec.station()) {
        let msg = format!(
            "station `{}` does not exist (neither in the database nor in the stations imported)",
            rec.station()
        );
        row.err_en("station", msg);
    }
    rec.check(row, checks);
    let ok = row.errors.is_empty();
    let outcome = match &existing {
        _ if !ok => Outcome::Refused,
        Some(e) if *e == rec => Outcome::Unchanged,
        Some(_) => Outcome::Updated,
        None => Outcome::Added,
    };
    let changed = matches!(outcome, Outcome::Added | Outcome::Updated);
    if changed {
        changed_keys.push(&key);
        if T::KIND == Kind::Stations {
            // Written at once: the station's history entry and later files refer to it.
            rec.upsert(conn)?;
            rec.after_write(existing.as_ref(), conn, checks.today)?;
        } else {
            batch.push(conn, rec)?;
        }
    }
    Ok(outcome)
}
