//! Whole-database checks and the online backup.

use super::{Reader, Store};
use crate::error::Result;
use std::path::Path;
use std::time::Duration;

impl Reader<'_> {
    /// `PRAGMA integrity_check`: `ok`, or the problems SQLite found (at most 20).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        // A server keeps its own pages whole: there is no file to check.
        let Some(conn) = self.db().sqlite() else {
            return Ok(vec!["ok".to_string()]);
        };
        let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// `PRAGMA foreign_key_check`: one line per row whose reference points nowhere.
    pub fn foreign_key_check(&self) -> Result<Vec<String>> {
        // A server enforces its foreign keys on every statement.
        let Some(conn) = self.db().sqlite() else {
            return Ok(Vec::new());
        };
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
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
}

impl Store {
    /// Copies the database into `dest`, a new empty file (created 0600 by the caller), with
    /// SQLite's online backup API: the copy is consistent even while other processes write.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let Some(conn) = self.conn() else {
            return Err(crate::error::Error::Usage(
                crate::i18n::Lang::current().msg("backup.server", &[]),
            ));
        };
        let mut out = rusqlite::Connection::open(super::open::plain(dest)?)?;
        let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        drop(backup);
        // A standalone copy: no -wal file to carry around.
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}
