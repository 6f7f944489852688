//! A case reduced to what the scorer reads, for ranking many stations at once: its dates,
//! source, kind, effect and whether an accepted overdue reason excuses it. The ids of one station's cases
//! share one text, so a row owns no allocation of its own.

use super::{CaseKind, CaseSource};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// One case as the scorer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseRow {
    pub received_on: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub followup_on: Option<NaiveDate>,
    pub source: CaseSource,
    pub kind: CaseKind,
    pub effective: Option<bool>,
    /// Whether an overdue reason is given and the city office accepted it (P1).
    pub excused: bool,
    /// The id's first 8 bytes, big-endian (zero-padded): orders most ids without reading them.
    id_head: u64,
    id_len: u16,
    id_at: u32,
}

impl CaseRow {
    /// A row received on `received_on` with every later field empty (set the others after).
    pub fn received(received_on: NaiveDate) -> CaseRow {
        CaseRow {
            received_on,
            accepted_on: None,
            closed_on: None,
            followup_on: None,
            source: CaseSource::Enterprise,
            kind: CaseKind::Guidance,
            effective: None,
            excused: false,
            id_head: 0,
            id_len: 0,
            id_at: 0,
        }
    }
}

/// One station's case rows with their ids.
#[derive(Debug, Clone, Default)]
pub struct CaseRows {
    rows: Vec<CaseRow>,
    ids: String,
}

impl CaseRows {
    /// Adds `row` with its case id.
    pub fn push(&mut self, id: &str, mut row: CaseRow) {
        row.id_at = u32::try_from(self.ids.len()).expect("case ids of one station fit in 4 GiB");
        row.id_len = u16::try_from(id.len()).expect("a case id is at most 40 characters");
        let mut head = [0u8; 8];
        let n = id.len().min(8);
        head[..n].copy_from_slice(&id.as_bytes()[..n]);
        row.id_head = u64::from_be_bytes(head);
        self.ids.push_str(id);
        self.rows.push(row);
    }

    pub fn rows(&self) -> &[CaseRow] {
        &self.rows
    }

    pub fn id(&self, r: &CaseRow) -> &str {
        &self.ids[r.id_at as usize..r.id_at as usize + usize::from(r.id_len)]
    }

    /// Puts the rows in (received_on, id) order, the order of a station's case list.
    pub fn sort(&mut self) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.sort_unstable_by(|a, b| self.cmp_rows(a, b));
        self.rows = rows;
    }

    fn cmp_rows(&self, a: &CaseRow, b: &CaseRow) -> Ordering {
        a.received_on
            .cmp(&b.received_on)
            .then(a.id_head.cmp(&b.id_head))
            .then_with(|| self.id(a).cmp(self.id(b)))
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
