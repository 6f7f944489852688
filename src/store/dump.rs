//! A dump of every table's rows, in key order: what the tests compare before and after a
//! refused command to show that it left the records exactly as they were.
//!
//! The output type names no engine: a table is its name, its columns and its rows, and a cell
//! is one of the values both SQLite and PostgreSQL store (null, an integer, a real, text,
//! bytes). A second engine gives the same [`Dump`] for the same records, so the same tests can
//! run against it.

use super::Store;
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::fmt;

/// Every table of the store, sorted by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    pub tables: Vec<Table>,
}

/// One table: its columns in schema order and its rows in key order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One stored value. Its `Debug` form (`Null`, `Integer(1)`, `Text("x")`, …) is what the text
/// of a dump shows: text is quoted and escaped, so a dump is one line per row whatever a value
/// holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<Value> for Cell {
    fn from(v: Value) -> Cell {
        match v {
            Value::Null => Cell::Null,
            Value::Integer(i) => Cell::Integer(i),
            Value::Real(r) => Cell::Real(r),
            Value::Text(s) => Cell::Text(s),
            Value::Blob(b) => Cell::Blob(b),
        }
    }
}

/// The text of a dump: for each table `## name`, then one line per row, its cells' `Debug`
/// forms joined with `|`.
impl fmt::Display for Dump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for t in &self.tables {
            writeln!(f, "## {}", t.name)?;
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| format!("{c:?}")).collect();
                writeln!(f, "{}", cells.join("|"))?;
            }
        }
        Ok(())
    }
}

impl Store {
    /// Every table's rows, in key order, read in one transaction. The engine's own bookkeeping
    /// tables (SQLite's `sqlite_*`) are not records and are left out, and so are the text
    /// indexes (the FTS5 virtual tables and their shadow tables, migrations/0004).
    pub fn dump(&self) -> Result<Dump> {
        let Some(conn) = self.conn() else {
            return self.read(|r| dump_anywhere(r.db()));
        };
        let tx = conn.unchecked_transaction()?;
        let names: Vec<String> = tx
            .prepare(
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut tables = Vec::with_capacity(names.len());
        for name in names {
            tables.push(table(&tx, name)?);
        }
        tx.finish()?;
        Ok(Dump { tables })
    }
}

/// One table's columns and rows, ordered by its primary key (the rowid where it has none).
fn table(conn: &Connection, name: String) -> Result<Table> {
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    // (position in the key, column name) for each column; position 0 is not in the key.
    let info: Vec<(i64, String)> = conn
        .prepare(&format!(
            "SELECT pk, name FROM pragma_table_info('{}') ORDER BY cid",
            name.replace('\'', "''")
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let columns: Vec<String> = info.iter().map(|(_, c)| c.clone()).collect();
    let mut key: Vec<&(i64, String)> = info.iter().filter(|(pk, _)| *pk > 0).collect();
    key.sort_by_key(|(pk, _)| *pk);
    let order = if key.is_empty() {
        "rowid".to_string()
    } else {
        key.iter()
            .map(|(_, c)| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut stmt = conn.prepare(&format!("SELECT * FROM {quoted} ORDER BY {order}"))?;
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Value>(i).map(Cell::from))
                .collect::<rusqlite::Result<Vec<Cell>>>()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Table { name, columns, rows })
}

/// The dump through the engine-neutral rows (a server's): every table of the schema, its
/// columns in order, its rows by primary key; integers as integers, everything else as text.
fn dump_anywhere(db: super::sql::Db<'_>) -> Result<Dump> {
    use super::entity::Cells;
    use super::sql::vals;
    let names = db.rows(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        &[],
        |r| r.text(),
    )?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let info = db.rows(
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = ?1 ORDER BY ordinal_position",
            vals![&name],
            |r| Ok((r.text()?, r.text()?)),
        )?;
        let key = db.rows(
            "SELECT a.attname::text FROM pg_index i
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
             WHERE i.indrelid = ('public.' || quote_ident(?1))::regclass AND i.indisprimary
             ORDER BY array_position(i.indkey::int2[], a.attnum)",
            vals![&name],
            |r| r.text(),
        )?;
        let quote = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
        let order = if key.is_empty() {
            "ctid".to_string()
        } else {
            key.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
        };
        let select: Vec<String> = info
            .iter()
            .map(|(c, ty)| match ty.as_str() {
                "bigint" | "integer" | "smallint" => format!("CAST({} AS BIGINT)", quote(c)),
                _ => format!("CAST({} AS TEXT)", quote(c)),
            })
            .collect();
        let ints: Vec<bool> = info
            .iter()
            .map(|(_, ty)| matches!(ty.as_str(), "bigint" | "integer" | "smallint"))
            .collect();
        let rows = db.rows(
            &format!(
                "SELECT {} FROM {} ORDER BY {order}",
                select.join(", "),
                quote(&name)
            ),
            &[],
            |r| {
                ints.iter()
                    .map(|int| {
                        Ok(if *int {
                            r.opt_int()?.map_or(Cell::Null, Cell::Integer)
                        } else {
                            r.opt_text()?.map_or(Cell::Null, Cell::Text)
                        })
                    })
                    .collect::<Result<Vec<Cell>>>()
            },
        )?;
        tables.push(Table {
            name,
            columns: info.into_iter().map(|(c, _)| c).collect(),
            rows,
        });
    }
    Ok(Dump { tables })
}
