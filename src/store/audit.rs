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
