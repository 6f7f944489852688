//! Importing one file: header, then row by row (key, repeated key, stored record, cells, checks)
//! and the upsert of each good row (`upsert.rs`), inside the caller's write transaction. Errors are
//! collected over the whole import; the caller rolls back when there is any.

use super::decode::{self, Encoding, Source, Tally};
pub use super::errors::{Errors, SHOWN_ERRORS};
use super::header::Header;
use super::kinds::{with_kind, Checks, CsvRecord, KindVisitor};
use super::lines::{self, Pos};
use super::scan::{Problem, Watch, Watched};
pub use super::summary::{ChangedKeys, Summary, AUDIT_KEYS};
use super::upsert::State;
use super::Kind;
use crate::error::{Error, Result};
use crate::store::import as db;
use crate::store::Writer;
use csv::ByteRecord;
use std::io::Read;
use std::rc::Rc;
use std::time::Instant;

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

/// Imports `source` as `kind` in the write transaction `w`. Returns `None` when the header is
/// unusable (its errors are in `errors`).
pub fn import_file(
    w: &Writer<'_>,
    kind: Kind,
    source: &Source,
    opts: &Options,
    checks: &mut Checks,
    errors: &mut Errors,
) -> Result<Option<Summary>> {
    struct Run<'a, 'w, 'c> {
        w: &'a Writer<'w>,
        source: &'a Source,
        opts: &'a Options,
        checks: &'c mut Checks,
        errors: &'c mut Errors,
    }
    impl KindVisitor for Run<'_, '_, '_> {
        type Out = Result<Option<Summary>>;
        fn visit<R: CsvRecord>(self) -> Self::Out {
            run::<R>(self.w, self.source, self.opts, self.checks, self.errors)
        }
    }
    with_kind(
        kind,
        Run {
            w,
            source,
            opts,
            checks,
            errors,
        },
    )
}

fn read_error(file: &str, e: csv::Error) -> Error {
    decode::cannot_read(file, &e)
}

fn run<T: CsvRecord>(
    w: &Writer<'_>,
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
        correct_lines(source, input.encoding, errors)?;
        input.report_problem(None, errors);
        return Ok(None);
    };
    input.watch.borrow_mut().limit = record_limit(T::KIND.columns().len().max(header.names.len()));
    let table_empty = w.read().none_stored::<T>()?;
    let mut st = State::<T>::new(table_empty, &input.file);
    let bulk = read_rows(w, &mut input, &mut st, &header, opts, checks, errors)?;
    st.flush(w)?;
    w.finish_bulk::<T>(bulk)?;
    correct_lines(source, input.encoding, errors)?;
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
            crate::render::note(
                &crate::i18n::Lang::current().msg("import.read_as_gb18030", &[("file", &file)]),
            );
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
    w: &Writer<'_>,
    input: &mut Input,
    st: &mut State<T>,
    header: &Header,
    opts: &Options,
    checks: &mut Checks,
    errors: &mut Errors,
) -> Result<db::Bulk> {
    let bar = opts.progress.then(|| super::progress::bar(input.len));
    let started = Instant::now();
    let mut bulk = db::Bulk::default();
    let mut rows = 0u64;
    while input.next()? {
        rows += 1;
        let read = input.tally.bytes.get();
        if rows == BULK_ROWS && is_bulk::<T>(w, st.table_empty, rows, read, input.len)? {
            bulk = w.start_bulk::<T>()?;
        }
        if let Some(bar) = bar.as_ref().filter(|_| rows.is_multiple_of(4096)) {
            super::progress::tick(bar, read, rows, started);
        }
        st.take(w, &input.rec, header, checks, errors)?;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(bulk)
}

/// Completes the current file's errors: corrects every line they show (reading the file
/// again only when there are such errors).
fn correct_lines(source: &Source, encoding: decode::Encoding, errors: &mut Errors) -> Result<()> {
    let offsets = errors.offsets();
    if !offsets.is_empty() {
        errors.correct(&lines::lines_at(source, encoding, &offsets)?);
    }
    Ok(())
}

/// Whether the file is large next to the table: its estimated rows (from the bytes read for
/// the first `rows`) at least as many as the table already holds.
fn is_bulk<T: CsvRecord>(
    w: &Writer<'_>,
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
    Ok(estimated >= w.read().count_stored::<T>()?.saturating_sub(rows))
}
