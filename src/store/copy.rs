//! Copying a store whole into another, of either engine: every table of records (with the
//! generated ids, the station history and conditions, the case timelines, the overdue
//! decisions, the assessments with their scorecards, the rubric in force) and the audit log
//! entry for entry, so that the copy's chain verifies and its head is the source's. The
//! source is read in one snapshot; the destination written in one transaction, which adds no
//! audit entry of its own (the copy is the source, not a change to it). The server's own
//! tables (its users, its schema version) are not records and stay where they are.

use super::entity::Value;
use super::sql::{vals, Db, Row};
use super::{Store, WriteContext};
use crate::error::{Error, Result};

/// The tables copied, in an order that keeps every reference to a row already copied, each
/// with the column it is read in order of.
pub const TABLES: [(&str, &str); 14] = [
    ("stations", "code"),
    ("station_history", "id"),
    ("staff", "id"),
    ("experts", "id"),
    ("funding", "id"),
    ("cases", "id"),
    ("case_events", "id"),
    ("activities", "id"),
    ("reports", "id"),
    ("awards", "id"),
    ("complaints", "id"),
    ("assessments", "id"),
    ("settings", "key"),
    ("audit_log", "seq"),
];

/// Rows written at once.
const BATCH: usize = 256;

/// How many rows of each table a copy wrote.
pub type Copied = Vec<(&'static str, u64)>;

impl Store {
    /// Whether any table of records holds a row (a copy goes into a store that holds none).
    pub fn holds_records(&self) -> Result<bool> {
        self.read(|r| {
            for (t, _) in TABLES {
                let n = r.db().int(
                    &format!("SELECT count(*) FROM (SELECT 1 FROM {t} LIMIT 1) AS one"),
                    &[],
                )?;
                if n.unwrap_or(0) > 0 {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }

    /// Copies every record of this store into `dst`, which holds none, in one transaction.
    /// `progress` is told each table's rows as they are written.
    pub fn copy_into(&self, dst: &mut Store, progress: &mut dyn FnMut(&str, u64)) -> Result<Copied> {
        let ctx = WriteContext {
            actor: String::new(),
            command: "copy".into(),
        };
        self.read(|src| {
            dst.write(&ctx, |w| {
                let to = w.db();
                let direct = w.role().is_some_and(|r| r.bypasses_rls);
                let mut copied = Vec::new();
                for (table, order) in TABLES {
                    let ours = columns(src.db(), table)?;
                    let wanted: Vec<&str> = ours.iter().map(String::as_str).collect();
                    let mut theirs = columns(to, table)?;
                    let mut ours = ours.clone();
                    theirs.sort();
                    ours.sort();
                    if theirs != ours {
                        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
                            "copy.schema_mismatch",
                            &[
                                ("table", table),
                                ("theirs", &theirs.join(", ")),
                                ("ours", &ours.join(", ")),
                            ],
                        )));
                    }
                    let select = format!("SELECT {} FROM {table} ORDER BY {order}", wanted.join(", "));
                    let mut batch: Vec<Vec<Value<'static>>> = Vec::with_capacity(BATCH);
                    let mut n = 0u64;
                    src.db().each(&select, &[], |r| {
                        batch.push(raw_row(r, wanted.len())?);
                        if batch.len() == BATCH {
                            write_rows(to, table, &wanted, &batch, direct)?;
                            n += batch.len() as u64;
                            progress(table, n);
                            batch.clear();
                        }
                        Ok(())
                    })?;
                    write_rows(to, table, &wanted, &batch, direct)?;
                    n += batch.len() as u64;
                    progress(table, n);
                    copied.push((table, n));
                }
                if let Db::Postgres(_) = to {
                    // Ids given explicitly leave the identity sequences behind: move them on.
                    for (table, order) in TABLES {
                        // Every id column is an identity but the cases' (their ids are text).
                        if order == "id" && table != "cases" {
                            to.execute(
                                &format!(
                                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                                     GREATEST((SELECT max(id) FROM {table}), 0) + 1, false)"
                                ),
                                &[],
                            )?;
                        }
                    }
                }
                Ok(copied)
            })
        })
    }
}

/// The columns of `table` as the engine has them, in order.
pub(super) fn columns(db: Db<'_>, table: &str) -> Result<Vec<String>> {
    use super::entity::Cells;
    let sql = if db.is_server() {
        "SELECT column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ?1 ORDER BY ordinal_position"
    } else {
        "SELECT name FROM pragma_table_info(?1) ORDER BY cid"
    };
    let cols = db.rows(sql, vals![table], |r| r.text())?;
    if cols.is_empty() {
        return Err(Error::Damage(
            crate::i18n::Lang::current().msg("copy.no_table", &[("table", table)]),
        ));
    }
    Ok(cols)
}

/// A row's cells as stored (null, an integer or text).
pub(super) fn raw_row(r: &mut Row<'_>, n: usize) -> Result<Vec<Value<'static>>> {
    (0..n).map(|_| r.raw()).collect()
}

/// Writes `rows` of `columns` into `table`: multi-row INSERTs on a file, COPY on a server.
fn write_rows(
    db: Db<'_>,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value<'static>>],
    direct: bool,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match db {
        Db::Sqlite(_) => {
            let one = format!("({})", vec!["?"; columns.len()].join(", "));
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES {}",
                columns.join(", "),
                vec![one; rows.len()].join(", ")
            );
            let values: Vec<Value<'_>> = rows.iter().flatten().cloned().collect();
            db.execute(&sql, &values)?;
        }
        Db::Postgres(pg) => {
            super::import::copy_values(pg, table, columns, rows.iter().map(|r| r.as_slice()), direct)?
        }
    }
    Ok(())
}
