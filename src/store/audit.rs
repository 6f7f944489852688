//! The append-only audit log, hash-chained with SHA-256: each entry's hash covers the previous
//! entry's hash and the entry's own content, so an edited, deleted or re-ordered entry breaks the
//! chain from that point on.

use super::entity::Cells;
use super::sql::{vals, Db, Row};
use super::Writer;
use crate::error::Result;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the log, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub entity: String,
    pub entity_key: String,
    pub station: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry should carry, given its content and `prev_hash`.
    pub fn compute_hash(&self) -> String {
        let content = serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.command,
            self.entity,
            self.entity_key,
            self.station,
            self.before_json,
            self.after_json,
        ]);
        let mut h = Sha256::new();
        h.update(self.prev_hash.as_bytes());
        h.update(b"\n");
        h.update(content.to_string().as_bytes());
        hex(&h.finalize())
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn append(
    w: &mut Writer<'_>,
    entity: &str,
    key: &str,
    station: Option<&str>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    let (last_seq, last_hash) = match w.last.take() {
        Some(head) => head,
        None => head(w.db())?,
    };
    let at = match &w.at {
        Some(at) => at.clone(),
        None => chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    };
    let mut entry = AuditEntry {
        seq: last_seq + 1,
        at,
        actor: w.ctx.actor.clone(),
        command: w.ctx.command.clone(),
        entity: entity.to_string(),
        entity_key: key.to_string(),
        // What a station's role writes on a server is about its station, whatever the entry
        // names (an import's entry names a file): the log's policy lets it append only those.
        station: station
            .or_else(|| w.role.and_then(|r| r.station()))
            .map(str::to_string),
        before_json: before.map(|v| v.to_string()),
        after_json: after.map(|v| v.to_string()),
        prev_hash: last_hash,
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    w.db().execute(
        "INSERT INTO audit_log (seq, at, actor, command, entity, entity_key, station, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        vals![
            entry.seq,
            &entry.at,
            &entry.actor,
            &entry.command,
            &entry.entity,
            &entry.entity_key,
            &entry.station,
            &entry.before_json,
            &entry.after_json,
            &entry.prev_hash,
            &entry.hash
        ],
    )?;
    w.last = Some((entry.seq, entry.hash));
    Ok(())
}

const ENTRY_COLUMNS: &str =
    "seq, at, actor, command, entity, entity_key, station, before_json, after_json, prev_hash, hash";

fn entry_from_row(r: &mut Row<'_>) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.int()?,
        at: r.text()?,
        actor: r.text()?,
        command: r.text()?,
        entity: r.text()?,
        entity_key: r.text()?,
        station: r.opt_text()?,
        before_json: r.opt_text()?,
        after_json: r.opt_text()?,
        prev_hash: r.text()?,
        hash: r.text()?,
    })
}

/// The entries of the log, oldest first, optionally only those of one station and those
/// written on or after a date (UTC).
pub fn list(db: Db<'_>, station: Option<&str>, since: Option<&str>) -> Result<Vec<AuditEntry>> {
    db.rows(
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY seq"
        ),
        vals![station, since],
        entry_from_row,
    )
}

/// The chain's head: the last entry's sequence number and hash, or `(0, GENESIS_HASH)`.
pub fn head(db: Db<'_>) -> Result<(i64, String)> {
    Ok(db
        .row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            &[],
            |r| Ok((r.int()?, r.text()?)),
        )?
        .unwrap_or((0, GENESIS_HASH.to_string())))
}

/// On a server, at the start of a write: takes the chain's lock (held to commit, so writers
/// on many machines append one after another) and reads its head and the server's time.
pub(super) fn lock(w: &mut Writer<'_>) -> Result<()> {
    let (seq, hash, at) = w
        .db()
        .row(
            "SELECT h.seq, h.hash, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             FROM ipguard_audit_head() h",
            &[],
            |r| Ok((r.int()?, r.text()?, r.text()?)),
        )?
        .ok_or_else(|| {
            crate::error::Error::Other(anyhow::anyhow!(
                crate::i18n::Lang::current().msg("server.no_audit_head", &[])
            ))
        })?;
    w.last = Some((seq, hash));
    w.at = Some(at);
    Ok(())
}

/// What a walk along the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainState {
    /// Every entry links to the one before and carries its own hash; `entries` were checked.
    Intact { entries: i64, head: String },
    /// The first entry that does not fit, and why.
    Broken { seq: i64, reason: String },
}

/// Walks the whole log in order, checking numbering, links and hashes; `anchor` is a head
/// hash received earlier, which must still be in the chain. Streams: memory stays flat.
pub fn verify(db: Db<'_>, anchor: Option<&str>) -> Result<(ChainState, Option<i64>)> {
    let mut walker = Walk::new(anchor);
    db.each(
        &format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"),
        &[],
        |r| {
            walker.step(entry_from_row(r)?);
            Ok(())
        },
    )?;
    Ok(walker.end())
}

/// Walks a chain of entries, oldest first, checking each link and hash; `anchor` is a head
/// hash that must be in the chain.
pub fn walk(
    entries: impl Iterator<Item = Result<AuditEntry>>,
    anchor: Option<&str>,
) -> Result<(ChainState, Option<i64>)> {
    let mut w = Walk::new(anchor);
    for e in entries {
        w.step(e?);
        if w.broken.is_some() {
            break;
        }
    }
    Ok(w.end())
}

/// The check of a chain, one entry at a time: stops checking at the first break.
pub struct Walk<'a> {
    anchor: Option<&'a str>,
    anchor_seq: Option<i64>,
    expected_seq: i64,
    prev: String,
    broken: Option<ChainState>,
}

impl<'a> Walk<'a> {
    pub fn new(anchor: Option<&'a str>) -> Walk<'a> {
        Walk {
            anchor,
            // The empty chain's head is the genesis hash: a log that held nothing then holds
            // it now.
            anchor_seq: (anchor == Some(GENESIS_HASH)).then_some(0),
            expected_seq: 1,
            prev: GENESIS_HASH.to_string(),
            broken: None,
        }
    }

    pub fn step(&mut self, e: AuditEntry) {
        if self.broken.is_some() {
            return;
        }
        let expected_seq = self.expected_seq;
        let reason = if e.seq != expected_seq {
            let missing = if e.seq == expected_seq + 1 {
                format!("entry {expected_seq} is missing")
            } else {
                format!("entries {expected_seq}..{} are missing", e.seq - 1)
            };
            Some(format!(
                "entry {} follows entry {}: {missing}",
                e.seq,
                expected_seq - 1
            ))
        } else if e.prev_hash != self.prev {
            Some(format!(
                "entry {} does not link to the entry before it (deleted, inserted or re-ordered)",
                e.seq
            ))
        } else if e.compute_hash() != e.hash {
            Some(format!(
                "entry {} was edited: its content no longer matches its hash",
                e.seq
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            self.broken = Some(ChainState::Broken { seq: e.seq, reason });
            return;
        }
        if self.anchor == Some(e.hash.as_str()) {
            self.anchor_seq = Some(e.seq);
        }
        self.prev = e.hash;
        self.expected_seq += 1;
    }

    pub fn end(self) -> (ChainState, Option<i64>) {
        let state = self.broken.unwrap_or(ChainState::Intact {
            entries: self.expected_seq - 1,
            head: self.prev,
        });
        (state, self.anchor_seq)
    }
}
