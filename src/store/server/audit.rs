//! The audit log on a server: the file's entries and hash chain (store::audit), appended
//! inside the write transaction after `ipguard_audit_head()` has taken the chain's lock, with
//! the actor the role logged in (`session_user`) and the time the server's clock (UTC).
//!
//! How the storage engine appends (docs/server.md): in its write transaction, first
//! `SELECT seq, hash FROM ipguard_audit_head()` — a transaction-scoped advisory lock, so
//! writers on many machines append one after another — then one INSERT per entry, each
//! linking to the one before. The insert trigger checks the link and the actor; no role may
//! update, delete or truncate the log.

use super::db_error;
use crate::error::Result;
use crate::store::audit::{AuditEntry, ChainState};

/// The columns of an entry, in `AuditEntry`'s order.
const ENTRY_COLUMNS: &str =
    "seq, at, actor, command, entity, entity_key, station, before_json, after_json, prev_hash, hash";

/// Appends one entry in `tx`: takes the chain's lock (held to commit), reads the head, links.
pub fn append(
    tx: &mut postgres::Transaction<'_>,
    command: &str,
    entity: &str,
    key: &str,
    station: Option<&str>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<AuditEntry> {
    let head = tx
        .query_one(
            "SELECT h.seq, h.hash, session_user::text,
                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             FROM ipguard_audit_head() h",
            &[],
        )
        .map_err(db_error)?;
    let mut entry = AuditEntry {
        seq: head.get::<_, i64>(0) + 1,
        at: head.get(3),
        actor: head.get(2),
        command: command.to_string(),
        entity: entity.to_string(),
        entity_key: key.to_string(),
        station: station.map(str::to_string),
        before_json: before.map(|v| v.to_string()),
        after_json: after.map(|v| v.to_string()),
        prev_hash: head.get(1),
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    tx.execute(
        &format!(
            "INSERT INTO audit_log ({ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        ),
        &[
            &entry.seq,
            &entry.at,
            &entry.actor,
            &entry.command,
            &entry.entity,
            &entry.entity_key,
            &entry.station,
            &entry.before_json,
            &entry.after_json,
            &entry.prev_hash,
            &entry.hash,
        ],
    )
    .map_err(db_error)?;
    Ok(entry)
}

fn entry_from_row(r: &postgres::Row) -> AuditEntry {
    AuditEntry {
        seq: r.get(0),
        at: r.get(1),
        actor: r.get(2),
        command: r.get(3),
        entity: r.get(4),
        entity_key: r.get(5),
        station: r.get(6),
        before_json: r.get(7),
        after_json: r.get(8),
        prev_hash: r.get(9),
        hash: r.get(10),
    }
}

/// The entries the connected role may read, oldest first.
pub fn list(client: &mut postgres::Client) -> Result<Vec<AuditEntry>> {
    let rows = client
        .query(
            &format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"),
            &[],
        )
        .map_err(db_error)?;
    Ok(rows.iter().map(entry_from_row).collect())
}

/// Walks the whole chain as `store::audit::verify` does on a file (the role must read it all:
/// the office, the owner or an auditor).
pub fn verify(client: &mut postgres::Client, anchor: Option<&str>) -> Result<(ChainState, Option<i64>)> {
    let entries = list(client)?;
    crate::store::audit::walk(entries.into_iter().map(Ok), anchor)
}
