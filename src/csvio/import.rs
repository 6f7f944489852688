//! Importing one file: header, then row by row (key, repeated key, stored record, cells, checks)
//! and the upsert of each good row (`upsert.rs`), inside the caller's transaction. Errors are
//! collected over the whole import; the caller rolls back when there is any.

use super::decode::{self, Encoding, Source, Tally};
pub use super::errors::{Errors, SHOWN_ERRORS};
use super::header::Header;
use super::kinds::{Checks, CsvRecord};
use super::lines::{self, Pos};
use super::repeats;
use super::scan::{Problem, Watch, Watched};
use super::upsert::State;
use super::Kind;
use crate::error::{Error, Result};
use crate::model::records::{Activity, Award, Case, Complaint, Expert, Funding, Report, Staff, Station};
use crate::store::import as db;
use csv::ByteRecord;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::rc::Rc;
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
    /// The ids generated for rows without one: (line, id), in file order.
    pub generated: Vec<(u64, String)>,
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
    pub(super) fn push(&mut self, key: &str) {
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
        crate::i18n::Lang::current().msg(
            "import.counts",
            &[
                ("added", &self.added.to_string()),
                ("updated", &self.updated.to_string()),
                ("unchanged", &self.unchanged.to_string()),
            ],
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
    errors.start_file();
    let mut input = match Input::open(source, opts, T::KIND)? {
        Ok(input) => input,
        Err((line, col, msg)) => {
            errors.push(&source.name(), Pos { byte: 0, line }, &col.to_string(), &msg);
            return Ok(None);
        }
    };
    let Some(header) = input.header(T::KIND, opts.ignore_unknown, errors)? else {
        correct_lines::<T>(source, input.encoding, opts, checks, errors)?;
        input.report_problem(None, errors);
        return Ok(None);
    };
    input.watch.borrow_mut().limit = record_limit(T::KIND.columns().len().max(header.names.len()));
    let table_empty = db::is_empty::<T>(conn)?;
    let mut st = State::<T>::new(conn, table_empty, &input.file, &header)?;
    let bulk = read_rows(conn, &mut input, &mut st, &header, opts, checks, errors)?;
    st.flush(conn, errors)?;
    bulk.finish::<T>(conn)?;
    correct_lines::<T>(source, input.encoding, opts, checks, errors)?;
    input.report_problem(Some(&header), errors);
    let generated = generated_lines(source, input.encoding, std::mem::take(&mut st.generated))?;
    Ok(Some(Summary {
        file: input.file,
        kind: T::KIND,
        sha256: input.tally.sha256(),
        added: st.added,
        updated: st.updated,
        unchanged: st.unchanged,
        changed: st.changed,
        generated,
    }))
}

/// The line each generated id's row starts on (reading the file once more, only when ids
/// were generated: the reader's own line is before the line ends it skips).
fn generated_lines(
    source: &Source,
    encoding: Encoding,
    ids: Vec<(Pos, String)>,
) -> Result<Vec<(u64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let offsets = ids.iter().map(|(p, _)| p.byte).collect();
    let lines = lines::lines_at(source, encoding, &offsets)?;
    Ok(ids
        .into_iter()
        .map(|(p, id)| (lines.get(&p.byte).copied().unwrap_or(p.line), id))
        .collect())
}

/// The longest record a file of `cells` columns may hold, in bytes: every cell at the most
/// characters a text may have, each of four bytes and quoted with its quotes doubled.
pub fn record_limit(cells: usize) -> u64 {
    cells.max(1) as u64 * (crate::model::text::MAX_CHARS as u64 * 8 + 3)
}

/// The file being read: its CSV records, decoded, and how much of it was read.
struct Input {
    file: String,
    encoding: Encoding,
    len: Option<u64>,
    tally: Rc<Tally>,
    rdr: csv::Reader<Box<dyn Read>>,
    rec: ByteRecord,
    /// The quoting and length watch on the stream.
    watch: Rc<std::cell::RefCell<Watch>>,
    /// The problem that ended the reading, once the record it cut short was met.
    stopped: Option<Problem>,
}

impl Input {
    /// Opens the file, or gives (line, column, message) of the first byte that is not valid in
    /// its encoding.
    #[allow(clippy::type_complexity)]
    fn open(source: &Source, opts: &Options, kind: Kind) -> Result<Result<Input, (u64, u64, String)>> {
        let file = source.name();
        let (encoding, guessed) = match decode::choose(source, opts.encoding)? {
            decode::Choice::Read { encoding, guessed } => (encoding, guessed),
            decode::Choice::Bad { line, col, message } => return Ok(Err((line, col, message))),
        };
        let opened = decode::open(source, Some(encoding))?;
        if guessed {
            crate::render::note(&format!(
                "{file}: not valid UTF-8, read as GB18030 (give --encoding utf-8 to refuse this)"
            ));
        }
        let watch = Watch::new(record_limit(kind.columns().len()));
        let reader: Box<dyn Read> = Box::new(Watched::new(opened.reader, watch.clone()));
        let rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(reader);
        Ok(Ok(Input {
            file,
            encoding,
            len: opened.len,
            tally: opened.progress,
            rdr,
            rec: ByteRecord::new(),
            watch,
            stopped: None,
        }))
    }

    /// Reads the next record into `rec`; false at the end of the file, or at the record a
    /// quoting or length problem cut short (that record is not taken).
    fn next(&mut self) -> Result<bool> {
        if self.stopped.is_some() {
            return Ok(false);
        }
        let more = self
            .rdr
            .read_byte_record(&mut self.rec)
            .map_err(|e| read_error(&self.file, e))?;
        let problem = self.watch.borrow().problem.clone();
        if let Some(p) = problem {
            let end = self.rdr.position().byte();
            if !more || end >= p.offset {
                self.stopped = Some(p);
                return Ok(false);
            }
        }
        Ok(more)
    }

    /// Adds the problem that stopped the reading to `errors`, naming its column as the header
    /// has it (or by its 1-based position).
    fn report_problem(&mut self, header: Option<&Header>, errors: &mut Errors) {
        let Some(p) = self
            .stopped
            .take()
            .or_else(|| self.watch.borrow().problem.clone())
        else {
            return;
        };
        let col = header
            .and_then(|h| h.names.get(p.field))
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| (p.field + 1).to_string());
        let at = Pos {
            byte: p.offset,
            line: p.line,
        };
        errors.push(&self.file, at, &col, &p.message());
    }

    /// Reads the header and maps its columns; `None` when it is unusable (its problems are
    /// in `errors`).
    fn header(&mut self, kind: Kind, ignore_unknown: bool, errors: &mut Errors) -> Result<Option<Header>> {
        let at = if self.next()? {
            Pos::of(&self.rec)
        } else {
            Pos::START
        };
        if self.stopped.is_some() {
            return Ok(None);
        }
        match Header::map(kind, &self.rec, ignore_unknown) {
            Ok(h) => Ok(Some(h)),
            Err(list) => {
                if let Some(other) = super::header::looks_like(kind, &self.rec) {
                    let msg = super::header::wrong_kind_message(kind, other, &self.file, self.rec.len());
                    errors.push(&self.file, at, "", &msg);
                    return Ok(None);
                }
                for (col, msg) in list {
                    errors.push(&self.file, at, &col, &msg);
                }
                Ok(None)
            }
        }
    }
}

/// Imports every row after the header, showing progress if asked, and turns to bulk mode
/// once the file proves large next to the table.
fn read_rows<T: CsvRecord>(
    conn: &Connection,
    input: &mut Input,
    st: &mut State<T>,
    header: &Header,
    opts: &Options,
    checks: &mut Checks,
    errors: &mut Errors,
) -> Result<Bulk> {
    let bar = opts.progress.then(|| super::progress::bar(input.len));
    let started = Instant::now();
    let mut bulk = Bulk::default();
    let mut rows = 0u64;
    while input.next()? {
        rows += 1;
        let read = input.tally.bytes.get();
        if rows == BULK_ROWS && is_bulk::<T>(conn, st.table_empty, rows, read, input.len)? {
            bulk = Bulk::start::<T>(conn)?;
        }
        if let Some(bar) = bar.as_ref().filter(|_| rows.is_multiple_of(4096)) {
            super::progress::tick(bar, read, rows, started);
        }
        st.take(conn, &input.rec, header, checks, errors)?;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(bulk)
}

/// Bulk mode: the table's secondary indexes dropped and its `CHECK` constraints deferred, to be
/// rebuilt and verified once at the end of the file.
#[derive(Default)]
struct Bulk {
    on: bool,
    deferred: Vec<(String, String)>,
}

impl Bulk {
    fn start<T: CsvRecord>(conn: &Connection) -> Result<Bulk> {
        let deferred = db::defer_indexes::<T>(conn)?;
        db::defer_checks(conn)?;
        Ok(Bulk { on: true, deferred })
    }

    fn finish<T: CsvRecord>(self, conn: &Connection) -> Result<()> {
        if self.on {
            db::verify_checks::<T>(conn)?;
        }
        db::restore_indexes(conn, &self.deferred)
    }
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
        errors.correct(&lines::lines_at(source, encoding, &offsets)?);
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
