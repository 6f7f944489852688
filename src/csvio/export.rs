//! Writing records as CSV: the kind's columns with the English header, English enum values,
//! `YYYY-MM-DD` dates and two-decimal amounts, UTF-8. `export` and `list --format csv` share it.

use super::kinds::{with_kind, CsvRecord, KindVisitor};
use super::Kind;
use crate::error::{Error, Result};
use crate::model::Period;
use crate::store::Reader;
use std::io::Write;

/// The UTF-8 byte order mark Excel looks for.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer for one kind: the header is written on creation.
pub struct CsvOut<W: Write> {
    inner: csv::Writer<W>,
}

fn write_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("export.cannot_write", &[("error", &format!("{other:?}"))])
        )),
    }
}

impl<W: Write> CsvOut<W> {
    /// Starts the output of `kind` (with a BOM first when `bom`).
    pub fn new(kind: Kind, mut out: W, bom: bool) -> Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut inner = csv::WriterBuilder::new().from_writer(out);
        inner
            .write_record(kind.columns().iter().map(|c| c.en))
            .map_err(write_error)?;
        Ok(CsvOut { inner })
    }

    /// Writes one record, each cell made safe for a spreadsheet ([`neutralise`]).
    pub fn record<R: CsvRecord>(&mut self, r: &R) -> Result<()> {
        let cells = r.cells();
        self.inner
            .write_record(cells.iter().map(|c| neutralise(c).into_owned().into_bytes()))
            .map_err(write_error)
    }

    /// Flushes everything written.
    pub fn finish(mut self) -> Result<()> {
        self.inner.flush()?;
        Ok(())
    }
}

/// Whether a spreadsheet would read a cell starting with `c` as a formula (OWASP's list).
fn formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether `text` needs the `'` prefix: it starts with a formula character, or with `'`s
/// followed by one (so that the prefix can always be told apart and stripped exactly).
fn needs_prefix(text: &str) -> bool {
    text.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(formula_start)
}

/// A cell as exported: `'` before a cell a spreadsheet would run as a formula (CSV injection,
/// OWASP): `=HYPERLINK(…)` is written `'=HYPERLINK(…)`. [`restore`] undoes it on import.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_prefix(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// An imported cell with the export's `'` prefix removed: exactly one `'`, and only where
/// [`neutralise`] would have put it, so that export → import → export gives the same bytes.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

/// Writes `records` of kind `R::KIND` with its header to `out`: what `list --format csv` uses.
pub fn write_records<'a, R: CsvRecord + 'a>(
    records: impl IntoIterator<Item = &'a R>,
    out: impl Write,
    bom: bool,
) -> Result<()> {
    let mut w = CsvOut::new(R::KIND, out, bom)?;
    for r in records {
        w.record(r)?;
    }
    w.finish()
}

/// Which records an export keeps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub station: Option<String>,
    /// Records dated in the period (cases by received_on, staff and experts whose time
    /// overlaps it); stations are not filtered.
    pub period: Option<Period>,
}

/// The stored records of `kind` that break a rule ipguard keeps when it writes them (a key
/// that is not a code, text too long or holding control characters): at most `max` lines,
/// and how many in all. Such a record was written outside ipguard.
pub fn invalid_records(r: &Reader<'_>, kind: Kind, max: usize) -> Result<(Vec<String>, usize)> {
    struct Invalid<'a, 'r>(&'a Reader<'r>, usize);
    impl KindVisitor for Invalid<'_, '_> {
        type Out = Result<(Vec<String>, usize)>;
        fn visit<R: CsvRecord>(self) -> Self::Out {
            invalid::<R>(self.0, self.1)
        }
    }
    with_kind(kind, Invalid(r, max))
}

fn invalid<R: CsvRecord>(reader: &Reader<'_>, max: usize) -> Result<(Vec<String>, usize)> {
    use crate::model::text::{check_text, shorten};
    let cols = R::KIND.columns();
    let mut found = Vec::new();
    let mut total = 0;
    reader.each_record::<R>(None, None, |r| {
        let cells = r.cells();
        let key = shorten(cells.first().map_or("", String::as_str), 60).into_owned();
        for (col, cell) in cols.iter().zip(&cells) {
            if col.en == "scorecard" {
                // JSON, longer than a text field; stored from a parsed value.
                continue;
            }
            let coded = col.en == "station" || (col.en == cols[0].en && matches!(col.en, "code" | "id"));
            let problem = if coded {
                crate::model::check_code(col.en, cell).err()
            } else {
                check_text(cell).err()
            };
            if let Some(p) = problem {
                total += 1;
                if found.len() < max {
                    found.push(format!(
                        "{} `{key}`, {}: {}",
                        R::KIND.name(),
                        col.en,
                        shorten(&p, 120)
                    ));
                }
            }
        }
        Ok(())
    })?;
    Ok((found, total))
}

/// Writes every stored record of `kind` that `filter` keeps, in list order.
pub fn export(r: &Reader<'_>, kind: Kind, filter: &Filter, out: impl Write, bom: bool) -> Result<()> {
    struct Export<'a, 'r, W>(&'a Reader<'r>, &'a Filter, W, bool);
    impl<W: Write> KindVisitor for Export<'_, '_, W> {
        type Out = Result<()>;
        fn visit<R: CsvRecord>(self) -> Self::Out {
            let Export(store, filter, out, bom) = self;
            let mut w = CsvOut::new(R::KIND, out, bom)?;
            store.each_record::<R>(filter.station.as_deref(), filter.period.as_ref(), |r| {
                if r.exported() {
                    w.record(&r)
                } else {
                    Ok(())
                }
            })?;
            w.finish()
        }
    }
    with_kind(kind, Export(r, filter, out, bom))
}
