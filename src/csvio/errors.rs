//! The errors of an import: the first [`SHOWN_ERRORS`] in file order then line order as
//! `FILE:LINE:COLUMN: message`, and how many there are in all. A repeated key may be found
//! after later rows (when its batch is written) and before the line it repeats is known (that
//! line is found by reading the file again at its end): errors are kept sorted as they come,
//! and a repeat's message is completed by [`Errors::resolve`].

use crate::error::Error;
use std::collections::{HashMap, HashSet};

/// How many errors are listed before the rest are only counted.
pub const SHOWN_ERRORS: usize = 20;

struct Shown {
    file: u64,
    line: u64,
    text: String,
    /// A repeated key whose first line is still to be found (then `text` lacks the message).
    repeat: Option<String>,
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
    format!("the key `{key}` is repeated: it is also on line {first} (a file holds each record once)")
}

impl Errors {
    /// Starts the errors of the next file.
    pub fn start_file(&mut self) {
        self.file += 1;
    }

    fn insert(&mut self, line: u64, text: String, repeat: Option<String>) {
        self.total += 1;
        let file = self.file;
        let at = self.shown.partition_point(|s| (s.file, s.line) <= (file, line));
        if at < SHOWN_ERRORS {
            self.shown.insert(
                at,
                Shown {
                    file,
                    line,
                    text,
                    repeat,
                },
            );
            self.shown.truncate(SHOWN_ERRORS);
        }
    }

    pub fn push(&mut self, file: &str, line: u64, col: &str, msg: &str) {
        self.insert(line, format!("{file}:{line}:{col}: {msg}"), None);
    }

    /// A key repeated on `line`, the line of its first occurrence not known yet.
    pub fn push_repeat(&mut self, file: &str, line: u64, col: &str, key: &str) {
        self.insert(line, format!("{file}:{line}:{col}: "), Some(key.to_string()));
    }

    /// The repeated keys of the current file whose first line is wanted (those shown).
    pub fn unresolved(&self) -> HashSet<String> {
        self.shown
            .iter()
            .filter(|s| s.file == self.file)
            .filter_map(|s| s.repeat.clone())
            .collect()
    }

    /// Completes the messages of repeated keys with the line each key is first on.
    pub fn resolve(&mut self, first: &HashMap<String, u64>) {
        for s in self.shown.iter_mut().filter(|s| s.repeat.is_some()) {
            let key = s.repeat.take().unwrap_or_default();
            match first.get(&key) {
                Some(line) => s.text.push_str(&repeat_message(&key, *line)),
                None => s.text.push_str(&format!(
                    "the key `{key}` is repeated (a file holds each record once)"
                )),
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The error to return: the lines, and a count of those not shown.
    pub fn into_error(mut self) -> Error {
        self.resolve(&HashMap::new());
        let mut lines: Vec<String> = self.shown.into_iter().map(|s| s.text).collect();
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
