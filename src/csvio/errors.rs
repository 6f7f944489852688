//! The errors of an import: the first [`SHOWN_ERRORS`] in file order then line order as
//! `FILE:LINE:COLUMN: message`, and how many there are in all. Errors are kept sorted as they
//! come, by where the csv reader started reading their record ([`Pos`]); the lines they show
//! are corrected at the end of each file ([`Errors::correct`], see `lines.rs`). A repeated
//! key may be found after later rows (when its batch is written) and before the line it
//! repeats is known (that line is found by reading the file again at its end): its message is
//! completed by [`Errors::resolve`].

use super::lines::Pos;
use crate::error::Error;
use crate::model::text::{escape, shorten};

/// How many characters of a cell a message quotes (then `…`).
pub const CELL_SHOWN: usize = 60;
use std::collections::{BTreeSet, HashMap};

/// How many errors are listed before the rest are only counted.
pub const SHOWN_ERRORS: usize = 20;

enum Message {
    Text(String),
    /// A repeated key, with where it first is (when known yet).
    Repeat {
        key: String,
        first: Option<Pos>,
    },
    /// An id the file names that was given earlier to a row without id, at `first`.
    Given {
        key: String,
        first: Pos,
    },
}

struct Shown {
    file: u64,
    name: String,
    pos: Pos,
    col: String,
    msg: Message,
}

impl Shown {
    fn text(&self) -> String {
        let msg = match &self.msg {
            Message::Text(t) => t.clone(),
            Message::Repeat { key, first: Some(p) } => repeat_message(key, p.line),
            Message::Repeat { key, first: None } => {
                crate::i18n::Lang::current().msg("import.key_repeated", &[("key", key)])
            }
            Message::Given { key, first } => crate::i18n::Lang::current().msg(
                "import.id_given",
                &[("key", key), ("line", &first.line.to_string())],
            ),
        };
        // One error, one line: a cell may hold line breaks and control characters, shown
        // escaped, and a huge header name is cut.
        let col = shorten(&self.col, CELL_SHOWN);
        // No column: the message is about the whole file.
        let line = if col.is_empty() {
            format!("{}: {msg}", self.name)
        } else {
            format!("{}:{}:{col}: {msg}", self.name, self.pos.line)
        };
        escape(&line, false).into_owned()
    }
}

#[derive(Default)]
pub struct Errors {
    shown: Vec<Shown>,
    total: usize,
    /// The number of the file being read (errors of earlier files come first).
    file: u64,
}

impl std::fmt::Debug for Errors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Errors({} in all)", self.total)
    }
}

/// The message of a key met again on a later line.
pub fn repeat_message(key: &str, first: u64) -> String {
    crate::i18n::Lang::current().msg(
        "import.key_repeated_on",
        &[("key", key), ("first", &first.to_string())],
    )
}

impl Errors {
    /// Starts the errors of the next file.
    pub fn start_file(&mut self) {
        self.file += 1;
    }

    fn insert(&mut self, name: &str, pos: Pos, col: &str, msg: Message) {
        self.total += 1;
        let file = self.file;
        let at = self
            .shown
            .partition_point(|s| (s.file, s.pos.byte) <= (file, pos.byte));
        if at < SHOWN_ERRORS {
            self.shown.insert(
                at,
                Shown {
                    file,
                    name: name.to_string(),
                    pos,
                    col: col.to_string(),
                    msg,
                },
            );
            self.shown.truncate(SHOWN_ERRORS);
        }
    }

    pub fn push(&mut self, file: &str, pos: Pos, col: &str, msg: &str) {
        self.insert(file, pos, col, Message::Text(msg.to_string()));
    }

    /// An id named by the record at `pos` that was generated for the row at `first`.
    pub fn push_given(&mut self, file: &str, pos: Pos, col: &str, key: &str, first: Pos) {
        let msg = Message::Given {
            key: key.to_string(),
            first,
        };
        self.insert(file, pos, col, msg);
    }

    /// A key repeated in the record at `pos`, first met at `first`.
    pub fn push_repeat(&mut self, file: &str, pos: Pos, col: &str, key: &str, first: Option<Pos>) {
        let msg = Message::Repeat {
            key: key.to_string(),
            first,
        };
        self.insert(file, pos, col, msg);
    }

    fn current(&mut self) -> impl Iterator<Item = &mut Shown> {
        let file = self.file;
        self.shown.iter_mut().filter(move |s| s.file == file)
    }

    /// The offsets of the records whose lines the current file's errors show.
    pub fn offsets(&mut self) -> BTreeSet<u64> {
        let mut set = BTreeSet::new();
        for s in self.current() {
            set.insert(s.pos.byte);
            if let Message::Repeat { first: Some(p), .. } | Message::Given { first: p, .. } = &s.msg {
                set.insert(p.byte);
            }
        }
        set
    }

    /// Sets each line of the current file's errors to the line its record starts on (by
    /// offset, from `lines::lines_at`).
    pub fn correct(&mut self, lines: &HashMap<u64, u64>) {
        let fix = |p: &mut Pos| {
            if let Some(l) = lines.get(&p.byte) {
                p.line = *l;
            }
        };
        for s in self.current() {
            fix(&mut s.pos);
            if let Message::Repeat { first: Some(p), .. } | Message::Given { first: p, .. } = &mut s.msg {
                fix(p);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The error to return: the lines, and a count of those not shown.
    pub fn into_error(self) -> Error {
        let mut lines: Vec<String> = self.shown.iter().map(Shown::text).collect();
        if self.total > lines.len() {
            lines.push(crate::i18n::Lang::current().msg(
                "import.more_errors",
                &[
                    ("more", &(self.total - lines.len()).to_string()),
                    ("total", &self.total.to_string()),
                ],
            ));
        }
        Error::InvalidRows(lines)
    }
}
