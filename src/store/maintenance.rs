//! Whole-database checks and the online backup.

use super::Store;
use crate::error::{Error, Result};
use std::path::Path;
use std::time::Duration;

impl Store {
    /// `PRAGMA integrity_check`: `ok`, or the problems SQLite found (at most 20).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(20)")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// `PRAGMA foreign_key_check`: one line per row whose reference points nowhere.
    pub fn foreign_key_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt
            .query_map([], |r| {
                let table: String = r.get(0)?;
                let rowid: Option<i64> = r.get(1)?;
                let parent: String = r.get(2)?;
                Ok(format!(
                    "{table} (row id {}) refers to a row of {parent} that does not exist",
                    rowid.unwrap_or(0)
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Copies the database to `dest` with SQLite's online backup API: the copy is consistent
    /// even while other processes write. `dest` must not exist; it is created 0600.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Invalid(format!(
                "{} already exists: choose a new file name (a backup never overwrites)",
                dest.display()
            )));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(Error::Other(anyhow::anyhow!(
                    "cannot write the backup {}: the directory {} does not exist",
                    dest.display(),
                    dir.display()
                )));
            }
        }
        super::open::create_private(dest)?;
        let result = (|| -> Result<()> {
            let mut out = rusqlite::Connection::open(dest)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
            drop(backup);
            // A standalone copy: no -wal file to carry around.
            out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        result
    }
}
