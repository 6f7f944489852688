//! Settings of the database, such as the rubric in force (key `rubric`).

use super::entity::Cells;
use super::server::Act;
use super::sql::{vals, Db};
use super::Writer;
use crate::error::Result;

/// The key under which the rubric in force is stored (its JSON).
pub const RUBRIC: &str = "rubric";

/// The value of a setting, if set.
pub fn get(db: Db<'_>, key: &str) -> Result<Option<String>> {
    db.row("SELECT value FROM settings WHERE key = ?1", vals![key], |r| {
        r.text()
    })
}

/// Sets a setting, auditing the change.
pub fn set(w: &mut Writer<'_>, key: &str, value: &str) -> Result<()> {
    w.may(Act::Office("act.rubric"), None)?;
    let before = get(w.db(), key)?;
    w.db().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        vals![key, value],
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
pub fn rubric_json(db: Db<'_>) -> Result<Option<String>> {
    get(db, RUBRIC)
}
