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
use std::collections::HashMap;
use std::time::Instant;

/// How many errors are listed before the rest are only counted.
pub const SHOWN_ERRORS: usize = 20;

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
    /// The keys of the records added or updated, in file order.
    pub changed: Vec<String>,
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
            "keys": self.changed,
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
    // Each key read so far: the line it is on, and whether its record changed.
    let mut seen: HashMap<Box<str>, (u64, bool)> = HashMap::new();
    let (mut added, mut updated, mut unchanged) = (0u64, 0u64, 0u64);
    let mut rows = 0u64;
    while rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        rows += 1;
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
        let outcome = upsert_row::<T>(conn, &mut row, checks, table_empty, &mut seen)?;
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
    let mut changed: Vec<(u64, Box<str>)> = seen
        .into_iter()
        .filter(|(_, (_, c))| *c)
        .map(|(k, (line, _))| (line, k))
        .collect();
    changed.sort_unstable();
    Ok(Some(Summary {
        file,
        kind: T::KIND,
        sha256: tally.sha256(),
        added,
        updated,
        unchanged,
        changed: changed.into_iter().map(|(_, k)| k.into_string()).collect(),
    }))
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
    seen: &mut HashMap<Box<str>, (u64, bool)>,
) -> Result<Outcome> {
    let Some(probe) = T::key(row, checks) else {
        return Ok(Outcome::Refused);
    };
    let key = probe.key_text();
    if T::KIND == Kind::Stations {
        checks.stations.insert(key.clone());
    }
    if let Some((first, _)) = seen.get(key.as_str()) {
        let msg = format!(
            "the key `{key}` is repeated: it is also on line {first} (a file holds each record once)"
        );
        row.err(0, msg);
        return Ok(Outcome::Refused);
    }
    let line = row.line;
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
        rec.upsert(conn)?;
        rec.after_write(existing.as_ref(), conn, checks.today)?;
    }
    seen.insert(key.into_boxed_str(), (line, changed));
    Ok(outcome)
}
