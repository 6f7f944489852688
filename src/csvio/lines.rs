//! The line a record starts on. The csv reader gives each record the line and the byte offset
//! (in the decoded stream) where it started reading it, which is before the line ends it skips
//! first: the `\n` of a CRLF, and blank lines. The record's own line is that line plus the
//! `\n` bytes in the run of `\r` and `\n` bytes at that offset. Only the lines that errors
//! show are needed, so they are corrected by reading the decoded file once more at the end of
//! a file that has errors ([`skipped`]); the import itself stays one pass in flat memory.

use super::decode::{self, Encoding, Source};
use crate::error::Result;
use csv::ByteRecord;
use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader};

/// Where the csv reader started reading a record: its byte offset in the decoded stream and
/// the line (1-based) of that byte. Ordered by offset, which is file order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub byte: u64,
    pub line: u64,
}

impl Pos {
    /// The start of the first line.
    pub const START: Pos = Pos { byte: 0, line: 1 };

    /// Where the reader started reading `rec`.
    pub fn of(rec: &ByteRecord) -> Pos {
        rec.position().map_or(Pos::START, |p| Pos {
            byte: p.byte(),
            line: p.line(),
        })
    }
}

/// For each of `offsets`, the line (1-based) of the record read from there in `source`
/// (decoded as `encoding`): the lines before it as the file has them (CRLF, LF or a lone CR
/// each end one), plus those in the run of `\r` and `\n` bytes at the offset, which the csv
/// reader skips before the record. A run that reaches the end of the file is left out (an
/// empty file's header is on line 1).
pub fn lines_at(source: &Source, encoding: Encoding, offsets: &BTreeSet<u64>) -> Result<HashMap<u64, u64>> {
    let mut found = HashMap::new();
    if offsets.is_empty() {
        return Ok(found);
    }
    let name = source.name();
    let err = |e: std::io::Error| decode::cannot_read(&name, &e);
    let opened = decode::open(source, Some(encoding))?;
    let mut rdr = BufReader::with_capacity(1 << 16, opened.reader);
    let mut at = 0u64;
    let mut line = 1u64;
    let mut prev_cr = false;
    let mut count = |bytes: &[u8], line: &mut u64| {
        for &b in bytes {
            match b {
                b'\n' if prev_cr => {}
                b'\n' | b'\r' => *line += 1,
                _ => {}
            }
            prev_cr = b == b'\r';
        }
    };
    for &offset in offsets {
        // Move to the offset counting line ends, then count the run's.
        while at < offset {
            let buf = rdr.fill_buf().map_err(err)?;
            if buf.is_empty() {
                return Ok(found);
            }
            let n = (buf.len() as u64).min(offset - at) as usize;
            count(&buf[..n], &mut line);
            rdr.consume(n);
            at += n as u64;
        }
        let mut run_line = line;
        let ended = loop {
            let buf = rdr.fill_buf().map_err(err)?;
            if buf.is_empty() {
                break true;
            }
            let run = buf.iter().take_while(|b| **b == b'\r' || **b == b'\n').count();
            count(&buf[..run], &mut run_line);
            let more = run == buf.len();
            rdr.consume(run);
            at += run as u64;
            if !more {
                break false;
            }
        };
        line = run_line;
        if !ended {
            found.insert(offset, line);
        }
    }
    Ok(found)
}
