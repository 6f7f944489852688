//! Settings of the database, such as the rubric in force (key `rubric`).

use super::Writer;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The key under which the rubric in force is stored (its JSON).
pub const RUBRIC: &str = "rubric";

/// The value of a setting, if set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Sets a setting, auditing the change.
pub fn set(w: &mut Writer<'_>, key: &str, value: &str) -> Result<()> {
    let before = get(w.tx(), key)?;
    w.tx().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    let as_json = |v: &str| serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.into()));
    w.audit(
        "setting",
        key,
        None,
        before.as_deref().map(as_json).as_ref(),
        Some(&as_json(value)),
    )
}

/// The rubric in force as stored, if any.
pub fn rubric_json(conn: &Connection) -> Result<Option<String>> {
    get(conn, RUBRIC)
}
