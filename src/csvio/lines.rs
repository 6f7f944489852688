//! The line a record starts on. The csv reader gives each record the line and the byte offset
//! (in the decoded stream) where it started reading it, which is before the line ends it skips
//! first: the `\n` of a CRLF, and blank lines. The record's own line is that line plus the
//! `\n` bytes in the run of `\r` and `\n` bytes at that offset. Only the lines that errors
//! show are needed, so they are corrected by reading the decoded file once more at the end of
//! a file that has errors ([`skipped`]); the import itself stays one pass in flat memory.

use super::decode::{self, Encoding, Source};
use crate::error::{Error, Result};
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

/// For each of `offsets`, the number of `\n` bytes in the run of `\r` and `\n` bytes that
/// starts there in `source` (decoded as `encoding`): what to add to the line of a record read
/// from that offset. A run that reaches the end of the file adds nothing (an empty file's
/// header is on line 1).
pub fn skipped(source: &Source, encoding: Encoding, offsets: &BTreeSet<u64>) -> Result<HashMap<u64, u64>> {
    let mut found = HashMap::new();
    if offsets.is_empty() {
        return Ok(found);
    }
    let name = source.name();
    let err = |e: std::io::Error| Error::Other(anyhow::anyhow!("cannot read {name}: {e}"));
    let opened = decode::open(source, Some(encoding))?;
    let mut rdr = BufReader::with_capacity(1 << 16, opened.reader);
    let mut at = 0u64;
    for &offset in offsets {
        // Move to the offset, then count the run's line feeds.
        while at < offset {
            let buf = rdr.fill_buf().map_err(err)?;
            if buf.is_empty() {
                return Ok(found);
            }
            let n = (buf.len() as u64).min(offset - at) as usize;
            rdr.consume(n);
            at += n as u64;
        }
        let mut feeds = 0;
        let ended = loop {
            let buf = rdr.fill_buf().map_err(err)?;
            if buf.is_empty() {
                break true;
            }
            let run = buf.iter().take_while(|b| **b == b'\r' || **b == b'\n').count();
            feeds += buf[..run].iter().filter(|b| **b == b'\n').count() as u64;
            let more = run == buf.len();
            rdr.consume(run);
            at += run as u64;
            if !more {
                break false;
            }
        };
        if !ended {
            found.insert(offset, feeds);
        }
    }
    Ok(found)
}
