//! One data row: its cells read through the header's mapping, parsed into values, and the
//! problems found, each tied to the column as written in the header.

use super::header::Header;
use super::lines::Pos;
use super::Kind;
use crate::model::date::{fmt, parse_date};
use crate::model::{Hundredths, YesNo};
use chrono::NaiveDate;
use csv::ByteRecord;
use std::str::FromStr;

/// A row being parsed. Accessors return `None` for a column absent from the file or for a cell
/// found bad (the problem is recorded in `errors`).
pub struct Row<'a> {
    pub kind: Kind,
    rec: &'a ByteRecord,
    header: &'a Header,
    /// Where the csv reader started reading the row (its line is corrected only on errors).
    pub pos: Pos,
    pub today: NaiveDate,
    /// (column as written, message), in the order found.
    pub errors: Vec<(String, String)>,
}

impl<'a> Row<'a> {
    pub fn new(kind: Kind, rec: &'a ByteRecord, header: &'a Header, pos: Pos, today: NaiveDate) -> Row<'a> {
        Row {
            kind,
            rec,
            header,
            pos,
            today,
            errors: Vec::new(),
        }
    }

    /// The column as written in the header (its English name when absent from the file).
    pub fn col_name(&self, f: usize) -> String {
        match self.header.pos[f] {
            Some(p) => self.header.names[p].clone(),
            None => self.kind.columns()[f].en.to_string(),
        }
    }

    /// Whether the file has the column named `en` (English).
    pub fn has(&self, en: &str) -> bool {
        self.header.pos[self.kind.col(en)].is_some()
    }

    /// Records a problem with field `f`, under the column as the file names it; a field the
    /// file does not have (its value is the stored one) is reported under the key column,
    /// since an error names a column of the file.
    pub fn err(&mut self, f: usize, msg: String) {
        let name = if self.header.pos[f].is_some() {
            self.col_name(f)
        } else {
            self.col_name(0)
        };
        // A message quotes at most the first characters of a huge cell.
        let raw = self.header.pos[f].and_then(|p| self.rec.get(p)).unwrap_or(b"");
        let msg = match std::str::from_utf8(raw).map(str::trim) {
            Ok(cell) if cell.chars().count() > super::errors::CELL_SHOWN => {
                let short = crate::model::text::shorten(cell, super::errors::CELL_SHOWN);
                msg.replace(cell, &short)
            }
            _ => msg,
        };
        self.errors.push((name, msg));
    }

    /// Records a problem with the column named `en` (English).
    pub fn err_en(&mut self, en: &str, msg: String) {
        let f = self.kind.col(en);
        self.err(f, msg);
    }

    /// Whether a problem was already found in one of these columns (English names): checks
    /// across fields skip values that did not parse, rather than judge their placeholders.
    pub fn any_error_in(&self, columns: &[&str]) -> bool {
        columns.iter().any(|en| {
            let name = self.col_name(self.kind.col(en));
            self.errors.iter().any(|(col, _)| *col == name)
        })
    }

    /// The problems found, in the order of the columns in the file (a column absent from the
    /// file last), each column's in the order found.
    pub fn sorted_errors(&mut self) -> Vec<(String, String)> {
        let mut list = std::mem::take(&mut self.errors);
        let names = &self.header.names;
        list.sort_by_key(|(col, _)| names.iter().position(|n| n == col).unwrap_or(usize::MAX));
        list
    }

    fn en(&self, f: usize) -> &'static str {
        self.kind.columns()[f].en
    }

    /// The trimmed cell of column `f`, `None` when the file has no such column. A missing
    /// trailing cell is empty.
    pub fn cell(&mut self, f: usize) -> Option<&'a str> {
        let p = self.header.pos[f]?;
        let raw = self.rec.get(p).unwrap_or(b"");
        match std::str::from_utf8(raw) {
            Ok(s) => Some(super::export::restore(s.trim())),
            Err(_) => {
                let text = crate::i18n::Lang::current().msg("import.cell_not_utf8", &[]);
                self.err(f, text);
                None
            }
        }
    }

    /// The text of column `f` (empty allowed).
    pub fn text(&mut self, f: usize) -> Option<String> {
        let s = self.cell(f)?;
        self.checked_text(f, s)
    }

    /// `s` as stored text: a CRLF inside a cell (Excel's line break) read as a line feed, then
    /// checked (no control characters, bounded length).
    fn checked_text(&mut self, f: usize, s: &str) -> Option<String> {
        let s = if s.contains('\r') {
            s.replace("\r\n", "\n")
        } else {
            s.to_string()
        };
        if let Err(e) = crate::model::text::check_text(&s) {
            self.err(f, e);
            return None;
        }
        Some(s)
    }

    fn empty(&mut self, f: usize) {
        let en = self.en(f);
        let text = crate::i18n::Lang::current().msg("import.cell_empty", &[("column", en)]);
        self.err(f, text);
    }

    /// The text of a required column, which may not be empty.
    pub fn req_text(&mut self, f: usize) -> Option<String> {
        let s = self.cell(f)?;
        if s.is_empty() {
            self.empty(f);
            return None;
        }
        self.checked_text(f, s)
    }

    fn check_date(&mut self, f: usize, s: &str, future_ok: bool) -> Option<NaiveDate> {
        match parse_date(s) {
            Err(e) => {
                self.err(f, e);
                None
            }
            Ok(d) if !future_ok && d > self.today => {
                let en = self.en(f);
                self.err(
                    f,
                    crate::i18n::Lang::current().msg(
                        "import.cell_future",
                        &[("column", en), ("date", &fmt(d)), ("today", &fmt(self.today))],
                    ),
                );
                None
            }
            Ok(d) => Some(d),
        }
    }

    /// An optional date: `Some(None)` for an empty cell.
    pub fn date(&mut self, f: usize, future_ok: bool) -> Option<Option<NaiveDate>> {
        let s = self.cell(f)?;
        if s.is_empty() {
            return Some(None);
        }
        self.check_date(f, s, future_ok).map(Some)
    }

    /// A required date.
    pub fn req_date(&mut self, f: usize) -> Option<NaiveDate> {
        let s = self.cell(f)?;
        if s.is_empty() {
            self.empty(f);
            return None;
        }
        self.check_date(f, s, false)
    }

    fn parse<T: FromStr<Err = String>>(&mut self, f: usize, s: &str) -> Option<T> {
        match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(f, e);
                None
            }
        }
    }

    /// An optional enum value: `Some(None)` for an empty cell.
    pub fn opt_enum<T: FromStr<Err = String>>(&mut self, f: usize) -> Option<Option<T>> {
        let s = self.cell(f)?;
        if s.is_empty() {
            return Some(None);
        }
        self.parse(f, s).map(Some)
    }

    /// An enum value that takes `default` when the cell is empty.
    pub fn enum_or<T: FromStr<Err = String>>(&mut self, f: usize, default: T) -> Option<T> {
        self.opt_enum(f).map(|v| v.unwrap_or(default))
    }

    /// A required enum value.
    pub fn req_enum<T: FromStr<Err = String>>(&mut self, f: usize) -> Option<T> {
        let s = self.cell(f)?;
        if s.is_empty() {
            self.empty(f);
            return None;
        }
        self.parse(f, s)
    }

    /// A required yes/no cell.
    pub fn req_bool(&mut self, f: usize) -> Option<bool> {
        self.req_enum::<YesNo>(f).map(YesNo::is_yes)
    }

    /// A required non-negative amount with at most two decimals.
    pub fn req_amount(&mut self, f: usize) -> Option<Hundredths> {
        let s = self.cell(f)?;
        if s.is_empty() {
            self.empty(f);
            return None;
        }
        self.parse(f, s)
    }
}
