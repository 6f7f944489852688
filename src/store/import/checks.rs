//! Checking a bulk import's rows against the table's `CHECK` constraints once, at the end,
//! instead of row by row. SQLite rebuilds the lookup table of each `CHECK (x IN (…))` for
//! every row it inserts (a constraint's `IN` list is not cached across rows), which cost more
//! than the rest of the insert. Every value is validated before it is written; this keeps the
//! database's own constraints the last word all the same: one query over the table, where
//! each `IN` list is built once, refuses the import if any row breaks any of them.

use crate::error::{Error, Result};
use crate::store::entity::Entity;
use rusqlite::{Connection, OptionalExtension};

/// The expressions of every `CHECK (…)` in a `CREATE TABLE` statement, in order.
pub fn check_constraints(create: &str) -> Vec<String> {
    let b = create.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => i = skip_quoted(b, i),
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                if create[start..i].eq_ignore_ascii_case("CHECK") {
                    let mut j = i;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'(') {
                        let end = closing(b, j);
                        found.push(create[j + 1..end].trim().to_string());
                        i = end + 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// The position after the quoted text starting at `i` (a doubled quote stays inside).
fn skip_quoted(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == q {
            if b.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

/// The position of the parenthesis closing the one at `open`.
fn closing(b: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut j = open;
    while j < b.len() {
        match b[j] {
            b'\'' | b'"' => {
                j = skip_quoted(b, j);
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
        j += 1;
    }
    b.len()
}

/// Stops SQLite checking `CHECK` constraints row by row on this connection, until
/// [`verify_checks`] (or the end of the import).
pub fn defer_checks(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "ignore_check_constraints", "ON")?;
    Ok(())
}

/// Enforces `CHECK` constraints row by row again.
pub fn enforce_checks(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "ignore_check_constraints", "OFF")?;
    Ok(())
}

/// Checks every row of the kind's table against its `CHECK` constraints (as SQLite does: a
/// constraint is broken when it is false, not when it is NULL) and enforces them row by row
/// again. A broken one is an error naming the row, and the caller's transaction is rolled back.
pub fn verify_checks<T: Entity>(conn: &Connection) -> Result<()> {
    enforce_checks(conn)?;
    let name = T::TABLE.name;
    let create: String = conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?;
    let checks = check_constraints(&create);
    if checks.is_empty() {
        return Ok(());
    }
    let kept: Vec<String> = checks.iter().map(|c| format!("coalesce(({c}), 1)")).collect();
    let sql = format!(
        "SELECT rowid FROM \"{name}\" WHERE NOT ({}) LIMIT 1",
        kept.join(" AND ")
    );
    let bad: Option<i64> = conn.query_row(&sql, [], |r| r.get(0)).optional()?;
    match bad {
        None => Ok(()),
        Some(rowid) => Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
            "import.check_constraint",
            &[("row", &rowid.to_string()), ("table", name)],
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_column_and_table_checks_but_not_in_strings_or_comments() {
        let sql = "CREATE TABLE t (\n  a TEXT CHECK (a IN ('x', 'CHECK (y)', 'it''s')),\n  \
                   -- CHECK (not this)\n  b INTEGER check(b IN (0, 1)),\n  \
                   CHECK (a IS NULL OR (b > 0 AND a <> ')'))\n)";
        assert_eq!(
            check_constraints(sql),
            vec![
                "a IN ('x', 'CHECK (y)', 'it''s')".to_string(),
                "b IN (0, 1)".to_string(),
                "a IS NULL OR (b > 0 AND a <> ')')".to_string(),
            ]
        );
    }

    #[test]
    fn a_row_breaking_a_check_written_while_deferred_is_found() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../../migrations/0001_init.sql"))
            .unwrap();
        conn.execute_batch("INSERT INTO stations (code, name) VALUES ('S', 'n');")
            .unwrap();
        defer_checks(&conn).unwrap();
        conn.execute_batch(
            "INSERT INTO cases (id, station, enterprise, received_on, ip_type) \
             VALUES ('C-1', 'S', 'e', '2024-01-01', 'patent'), \
                    ('C-2', 'S', 'e', '2024-01-01', 'recipe');",
        )
        .unwrap();
        let err = verify_checks::<crate::model::recorded::Case>(&conn).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 2 of table cases breaks a CHECK constraint of the table; nothing was written"
        );
        conn.execute_batch("DELETE FROM cases WHERE id = 'C-2'").unwrap();
        verify_checks::<crate::model::recorded::Case>(&conn).unwrap();
        let e = conn.execute_batch(
            "INSERT INTO cases (id, station, enterprise, received_on, ip_type) \
             VALUES ('C-3', 'S', 'e', '2024-01-01', 'recipe')",
        );
        assert!(e.is_err(), "checks are enforced again");
    }
}
