//! The append-only audit log, hash-chained with SHA-256: each entry's hash covers the previous
//! entry's hash and the entry's own content, so an edited, deleted or re-ordered entry breaks the
//! chain from that point on.

use super::Writer;
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
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
        None => {
            w.tx.query_row(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .unwrap_or((0, GENESIS_HASH.to_string()))
        }
    };
    let mut entry = AuditEntry {
        seq: last_seq + 1,
        at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        actor: w.ctx.actor.clone(),
        command: w.ctx.command.clone(),
        entity: entity.to_string(),
        entity_key: key.to_string(),
        station: station.map(str::to_string),
        before_json: before.map(|v| v.to_string()),
        after_json: after.map(|v| v.to_string()),
        prev_hash: last_hash,
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    w.tx.execute(
        "INSERT INTO audit_log (seq, at, actor, command, entity, entity_key, station, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            entry.seq,
            entry.at,
            entry.actor,
            entry.command,
            entry.entity,
            entry.entity_key,
            entry.station,
            entry.before_json,
            entry.after_json,
            entry.prev_hash,
            entry.hash
        ],
    )?;
    w.last = Some((entry.seq, entry.hash));
    Ok(())
}

const ENTRY_COLUMNS: &str =
    "seq, at, actor, command, entity, entity_key, station, before_json, after_json, prev_hash, hash";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        command: r.get(3)?,
        entity: r.get(4)?,
        entity_key: r.get(5)?,
        station: r.get(6)?,
        before_json: r.get(7)?,
        after_json: r.get(8)?,
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}

/// The entries of the log, oldest first, optionally only those of one station and those
/// written on or after a date (UTC).
pub fn list(
    conn: &rusqlite::Connection,
    station: Option<&str>,
    since: Option<&str>,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY seq"
    ))?;
    let rows = stmt
        .query_map(params![station, since], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The chain's head: the last entry's sequence number and hash, or `(0, GENESIS_HASH)`.
pub fn head(conn: &rusqlite::Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS_HASH.to_string())))
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
pub fn verify(conn: &rusqlite::Connection, anchor: Option<&str>) -> Result<(ChainState, Option<i64>)> {
    let mut stmt = conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let entries = std::iter::from_fn(|| match rows.next() {
        Ok(Some(row)) => Some(entry_from_row(row).map_err(Into::into)),
        Ok(None) => None,
        Err(e) => Some(Err(e.into())),
    });
    walk(entries, anchor)
}

/// Checks a log's entries, given oldest first, as [`verify`] does: the same walk for a file
/// and for a server.
pub fn walk(
    entries: impl Iterator<Item = Result<AuditEntry>>,
    anchor: Option<&str>,
) -> Result<(ChainState, Option<i64>)> {
    let mut expected_seq = 1;
    let mut prev = GENESIS_HASH.to_string();
    // The empty chain's head is the genesis hash: a log that held nothing then holds it now.
    let mut anchor_seq = (anchor == Some(GENESIS_HASH)).then_some(0);
    for e in entries {
        let e = e?;
        let broken = |reason: String| Ok((ChainState::Broken { seq: e.seq, reason }, anchor_seq));
        if e.seq != expected_seq {
            let missing = if e.seq == expected_seq + 1 {
                format!("entry {expected_seq} is missing")
            } else {
                format!("entries {expected_seq}..{} are missing", e.seq - 1)
            };
            return broken(format!(
                "entry {} follows entry {}: {missing}",
                e.seq,
                expected_seq - 1
            ));
        }
        if e.prev_hash != prev {
            return broken(format!(
                "entry {} does not link to the entry before it (deleted, inserted or re-ordered)",
                e.seq
            ));
        }
        if e.compute_hash() != e.hash {
            return broken(format!(
                "entry {} was edited: its content no longer matches its hash",
                e.seq
            ));
        }
        if anchor == Some(e.hash.as_str()) {
            anchor_seq = Some(e.seq);
        }
        prev = e.hash;
        expected_seq += 1;
    }
    Ok((
        ChainState::Intact {
            entries: expected_seq - 1,
            head: prev,
        },
        anchor_seq,
    ))
}
