//! Finding keys a file repeats without holding every key in memory. The database is the set
//! of keys seen: a row this file inserted has a rowid after the table's largest rowid before
//! the file, so finding such a row by a key means the key is repeated; a row that was stored
//! before the file is marked in a bitmap by rowid (one bit per stored row) when the file first
//! names it. Keys waiting in the current batch and keys of refused rows (never written) are
//! kept in memory: at most one batch, and only rows in error. The line a repeated key is first
//! on is found at the end by reading the file again (only when there is such an error).

use super::decode::{self, Encoding, Source};
use super::header::Header;
use super::kinds::{Checks, CsvRecord};
use super::lines::Pos;
use super::row::Row;
use crate::error::{Error, Result};
use csv::ByteRecord;
use std::collections::{HashMap, HashSet};

/// The rows stored before the file that it has named, by rowid.
pub struct Marks {
    /// Bit `r` for rowid `r` in `1..=max`.
    bits: Vec<u64>,
    /// Rowids outside the bitmap (sparse or huge rowids).
    other: HashSet<i64>,
}

impl Marks {
    /// Marks for a table whose rowids are at most `max`, holding `count` rows. The bitmap is
    /// used while it is not much larger than one bit per row.
    pub fn new(max: i64, count: u64) -> Marks {
        let fits = max > 0 && (max as u64) <= count.saturating_mul(64).saturating_add(1 << 20);
        let words = if fits { max as usize / 64 + 1 } else { 0 };
        Marks {
            bits: vec![0; words],
            other: HashSet::new(),
        }
    }

    /// Marks `rowid`; true when it already was.
    pub fn mark(&mut self, rowid: i64) -> bool {
        let (w, b) = ((rowid as u64 / 64) as usize, rowid as u64 % 64);
        match self.bits.get_mut(w) {
            Some(word) if rowid > 0 => {
                let was = *word & (1 << b) != 0;
                *word |= 1 << b;
                was
            }
            _ => !self.other.insert(rowid),
        }
    }
}

fn read_error(file: &str, e: csv::Error) -> Error {
    Error::Other(anyhow::anyhow!("cannot read {file}: {e}"))
}

/// Where each of `keys` is first (the record's [`Pos`]) in `source` (read again with the same `encoding`),
/// counting only rows read as the import read them: not those with too many cells or a bad key.
pub fn first_lines<T: CsvRecord>(
    source: &Source,
    encoding: Encoding,
    ignore_unknown: bool,
    checks: &Checks,
    mut keys: HashSet<String>,
) -> Result<HashMap<String, Pos>> {
    let mut found = HashMap::new();
    if keys.is_empty() {
        return Ok(found);
    }
    let file = source.name();
    let opened = decode::open(source, Some(encoding))?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(opened.reader);
    let mut rec = ByteRecord::new();
    if !rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        return Ok(found);
    }
    let Ok(header) = Header::map(T::KIND, &rec, ignore_unknown) else {
        return Ok(found);
    };
    while !keys.is_empty() && rdr.read_byte_record(&mut rec).map_err(|e| read_error(&file, e))? {
        if rec.len() > header.names.len() {
            continue;
        }
        let pos = Pos::of(&rec);
        let mut row = Row::new(T::KIND, &rec, &header, pos, checks.today);
        let probe = T::key(&mut row, checks);
        if row.errors.is_empty() {
            let key = probe.key_text();
            if keys.remove(&key) {
                found.insert(key, pos);
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::Marks;

    #[test]
    fn marks_each_rowid_once_in_the_bitmap_or_beyond_it() {
        let mut m = Marks::new(200, 150);
        assert!(!m.bits.is_empty());
        for r in [1, 64, 200, 201, -3, 0] {
            assert!(!m.mark(r), "{r} is new");
            assert!(m.mark(r), "{r} is marked");
        }
        assert!(!m.mark(2));
        let mut sparse = Marks::new(i64::MAX, 10);
        assert!(sparse.bits.is_empty());
        assert!(!sparse.mark(i64::MAX));
        assert!(sparse.mark(i64::MAX));
    }
}
