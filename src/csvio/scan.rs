//! A watch on the decoded stream on its way to the csv reader: the quoting the csv crate
//! forgives (a quoted cell never closed, which swallows the rest of the file; a quote inside a
//! cell, which it silently drops or keeps) and records longer than any valid one. At the first
//! such problem the stream ends just before it, so the reader never holds more than one
//! record's worth of text, and the import reports the problem at its line and column.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

/// What was wrong, where: the line (as the file has them: CRLF, LF or a lone CR), the cell's
/// 0-based position in its record, and the offset in the decoded stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub field: usize,
    pub offset: u64,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A quoted cell that is never closed.
    Unclosed,
    /// A quote inside an unquoted cell, or text after a quoted cell's closing quote.
    Stray,
    /// A record longer than `limit` bytes.
    TooLong { limit: u64 },
}

impl Problem {
    pub fn message(&self) -> String {
        let lang = crate::i18n::Lang::current();
        match self.kind {
            ProblemKind::Unclosed => lang.msg("import.quote_unclosed", &[]),
            ProblemKind::Stray => lang.msg("import.quote_stray", &[]),
            ProblemKind::TooLong { limit } => lang.msg(
                "import.record_too_long",
                &[
                    ("limit", &limit.to_string()),
                    ("max", &crate::model::text::MAX_CHARS.to_string()),
                ],
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between records (line ends, blank lines).
    Record,
    Field,
    Unquoted,
    Quoted,
    /// After a quote inside a quoted cell: its end, or the first of a doubled quote.
    AfterQuote,
}

/// The shared state of the watch: the import reads it while the csv reader owns the stream.
#[derive(Debug)]
pub struct Watch {
    state: State,
    line: u64,
    prev_cr: bool,
    offset: u64,
    field: usize,
    quote_line: u64,
    record_bytes: u64,
    /// The longest record allowed, in bytes.
    pub limit: u64,
    pub problem: Option<Problem>,
}

impl Watch {
    pub fn new(limit: u64) -> Rc<RefCell<Watch>> {
        Rc::new(RefCell::new(Watch {
            state: State::Record,
            line: 1,
            prev_cr: false,
            offset: 0,
            field: 0,
            quote_line: 1,
            record_bytes: 0,
            limit,
            problem: None,
        }))
    }

    fn fail(&mut self, kind: ProblemKind, line: u64) {
        self.problem = Some(Problem {
            line,
            field: self.field,
            offset: self.offset,
            kind,
        });
    }

    /// Looks at one byte; false at a problem (the byte is not passed on).
    fn step(&mut self, b: u8) -> bool {
        let line_end = b == b'\n' || b == b'\r';
        if self.state != State::Record {
            self.record_bytes += 1;
            if self.record_bytes > self.limit {
                let line = self.line;
                self.fail(ProblemKind::TooLong { limit: self.limit }, line);
                return false;
            }
        }
        match (self.state, b) {
            (State::Record, _) if line_end => {}
            (State::Record, _) => {
                self.field = 0;
                self.record_bytes = 1;
                self.state = State::Field;
                return self.field_byte(b);
            }
            (State::Field | State::Unquoted | State::AfterQuote, b',') => {
                self.field += 1;
                self.state = State::Field;
            }
            (State::Field | State::Unquoted | State::AfterQuote, _) if line_end => {
                self.state = State::Record;
            }
            (State::Field, _) => return self.field_byte(b),
            (State::Unquoted, b'"') => {
                let line = self.line;
                self.fail(ProblemKind::Stray, line);
                return false;
            }
            (State::Unquoted, _) => {}
            (State::Quoted, b'"') => self.state = State::AfterQuote,
            (State::Quoted, _) => {}
            (State::AfterQuote, b'"') => self.state = State::Quoted,
            (State::AfterQuote, _) => {
                let line = self.line;
                self.fail(ProblemKind::Stray, line);
                return false;
            }
        }
        self.count_line(b);
        true
    }

    /// The first byte of a cell.
    fn field_byte(&mut self, b: u8) -> bool {
        if b == b'"' {
            self.state = State::Quoted;
            self.quote_line = self.line;
        } else {
            self.state = State::Unquoted;
        }
        self.count_line(b);
        true
    }

    fn count_line(&mut self, b: u8) {
        match b {
            b'\n' if self.prev_cr => {}
            b'\n' | b'\r' => self.line += 1,
            _ => {}
        }
        self.prev_cr = b == b'\r';
    }

    /// At the end of the stream: a quoted cell still open is a problem.
    fn end(&mut self) {
        if self.problem.is_none() && self.state == State::Quoted {
            let line = self.quote_line;
            self.fail(ProblemKind::Unclosed, line);
        }
    }
}

/// The stream with its watch.
pub struct Watched<R> {
    inner: R,
    watch: Rc<RefCell<Watch>>,
}

impl<R> Watched<R> {
    pub fn new(inner: R, watch: Rc<RefCell<Watch>>) -> Watched<R> {
        Watched { inner, watch }
    }
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut w = self.watch.borrow_mut();
        if w.problem.is_some() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            w.end();
            return Ok(0);
        }
        let special = |c: &u8| matches!(*c, b',' | b'"' | b'\r' | b'\n');
        let mut i = 0;
        while i < n {
            // The common case, a run of plain bytes inside a cell, in one step.
            if matches!(w.state, State::Unquoted | State::Quoted) && !special(&buf[i]) {
                let run = buf[i..n].iter().position(special).unwrap_or(n - i);
                // Up to the length limit; the byte past it is the problem `step` reports.
                let take = (run as u64).min(w.limit.saturating_sub(w.record_bytes)) as usize;
                if take > 0 {
                    w.record_bytes += take as u64;
                    w.offset += take as u64;
                    w.prev_cr = false;
                    i += take;
                    continue;
                }
            }
            if !w.step(buf[i]) {
                return Ok(i);
            }
            w.offset += 1;
            i += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> (String, Option<Problem>) {
        let watch = Watch::new(1000);
        let mut out = String::new();
        Watched::new(text.as_bytes(), watch.clone())
            .read_to_string(&mut out)
            .unwrap();
        let p = watch.borrow().problem.clone();
        (out, p)
    }

    #[test]
    fn good_quoting_passes_whole() {
        for t in [
            "a,b\r\n\"x,\"\"y\"\"\n\",z\n",
            "a\rb\r",
            "",
            "\"\"",
            "a,\"\"\n\n\nb",
        ] {
            assert_eq!(scan(t), (t.to_string(), None), "{t:?}");
        }
    }

    #[test]
    fn problems_are_found_at_their_line_and_cell() {
        let (out, p) = scan("a,b\n1,\"never closed\n2,x\n");
        assert_eq!(out, "a,b\n1,\"never closed\n2,x\n");
        let p = p.unwrap();
        assert_eq!((p.line, p.field, p.kind), (2, 1, ProblemKind::Unclosed));
        let (out, p) = scan("a,b\r\r1,\"ab\"cd\r");
        assert_eq!(out, "a,b\r\r1,\"ab\"");
        assert_eq!(p.map(|p| (p.line, p.field)), Some((3, 1)));
        let (_, p) = scan("a,b\nx,ab\"cd\n");
        assert_eq!(
            p.map(|p| (p.line, p.field, p.kind)),
            Some((2, 1, ProblemKind::Stray))
        );
        let (out, p) = scan(&format!("a\n{}", "z".repeat(5000)));
        assert_eq!(out.len(), 2 + 1000);
        assert_eq!(p.map(|p| p.kind), Some(ProblemKind::TooLong { limit: 1000 }));
    }
}
