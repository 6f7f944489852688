//! [`Db`]: one connection inside a transaction, of either engine, and the few ways the store's
//! modules use it — rows of a query, one row, a statement — with parameters as [`Value`]s and
//! rows read as [`Cells`]. The store's SQL is written once, in the dialect both engines share
//! (the server's schema keeps the file's types: docs/architecture.md); `?N` parameters are
//! SQLite's and become PostgreSQL's `$N` here. Where the two differ (a pattern match, an
//! upsert's spelling) a module asks [`Db::is_server`] and writes each.

use super::entity::{Cells, Value};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use postgres::types::{IsNull, ToSql as PgToSql, Type};
use std::cell::RefCell;
use std::collections::HashMap;
use std::str::FromStr;

/// A connection to a server with the statements it has prepared.
pub struct Pg {
    client: RefCell<postgres::Client>,
    prepared: RefCell<HashMap<String, postgres::Statement>>,
    /// The temporary tables made in the transaction in progress (for COPY).
    staging: RefCell<std::collections::HashSet<String>>,
}

impl Pg {
    pub(in crate::store) fn new(client: postgres::Client) -> Pg {
        Pg {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
            staging: RefCell::new(Default::default()),
        }
    }

    /// The client, for what only a server does (COPY, its own statements).
    pub(in crate::store) fn client(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        self.client.try_borrow_mut().map_err(|_| {
            Error::Other(anyhow::anyhow!(
                crate::i18n::Lang::current().msg("store.statement_while_reading", &[])
            ))
        })
    }

    fn statement(&self, client: &mut postgres::Client, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let stmt = client.prepare(&dollar_params(sql))?;
        self.prepared.borrow_mut().insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    /// Runs statements without parameters (BEGIN, COMMIT, …). A transaction's end drops its
    /// temporary tables.
    pub(in crate::store) fn batch(&self, sql: &str) -> Result<()> {
        if sql == "COMMIT" || sql == "ROLLBACK" {
            self.staging.borrow_mut().clear();
        }
        Ok(self.client()?.batch_execute(sql)?)
    }

    /// Whether the temporary table `name` was made in this transaction (and notes that it is).
    pub(in crate::store) fn staged(&self, name: &str) -> bool {
        !self.staging.borrow_mut().insert(name.to_string())
    }
}

/// A connection in a transaction, of one engine or the other.
#[derive(Clone, Copy)]
pub enum Db<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a Pg),
}

impl<'a> Db<'a> {
    /// Whether this is a server (for the few statements whose spelling differs).
    pub fn is_server(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// The SQLite connection (for what only a file has: migrations, backups, bulk import).
    pub fn sqlite(&self) -> Option<&'a rusqlite::Connection> {
        match self {
            Db::Sqlite(c) => Some(c),
            Db::Postgres(_) => None,
        }
    }

    /// The server connection.
    pub fn server(&self) -> Option<&'a Pg> {
        match self {
            Db::Postgres(p) => Some(p),
            Db::Sqlite(_) => None,
        }
    }

    /// Calls `f` with every row of `sql`, in order, streaming.
    pub fn each(
        &self,
        sql: &str,
        params: &[Value<'_>],
        mut f: impl FnMut(&mut Row<'_>) -> Result<()>,
    ) -> Result<()> {
        match self {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                while let Some(r) = rows.next()? {
                    f(&mut Row {
                        inner: RowInner::Sqlite(r),
                        at: 0,
                    })?;
                }
                Ok(())
            }
            Db::Postgres(pg) => {
                let mut client = pg.client()?;
                let stmt = pg.statement(&mut client, sql)?;
                let mut rows = client.query_raw(&stmt, params.iter())?;
                use postgres::fallible_iterator::FallibleIterator;
                while let Some(r) = rows.next()? {
                    f(&mut Row {
                        inner: RowInner::Pg(&r),
                        at: 0,
                    })?;
                }
                Ok(())
            }
        }
    }

    /// Every row of `sql`, each made by `f`.
    pub fn rows<T>(
        &self,
        sql: &str,
        params: &[Value<'_>],
        mut f: impl FnMut(&mut Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of `sql`, if any, made by `f`.
    pub fn row<T>(
        &self,
        sql: &str,
        params: &[Value<'_>],
        f: impl FnOnce(&mut Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut f = Some(f);
        let mut out = None;
        self.each(sql, params, |r| {
            if let Some(f) = f.take() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// One integer: the first column of the first row (`count(*)`, `max(…)`; null is `None`).
    pub fn int(&self, sql: &str, params: &[Value<'_>]) -> Result<Option<i64>> {
        Ok(self.row(sql, params, |r| r.opt_int())?.flatten())
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[Value<'_>]) -> Result<u64> {
        match self {
            Db::Sqlite(conn) => Ok(conn
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(params))? as u64),
            Db::Postgres(pg) => {
                let mut client = pg.client()?;
                let stmt = pg.statement(&mut client, sql)?;
                let refs: Vec<&(dyn PgToSql + Sync)> =
                    params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
                Ok(client.execute(&stmt, &refs)?)
            }
        }
    }

    /// Runs an INSERT and returns the generated id of the row (`RETURNING id` on a server).
    pub fn insert_returning_id(&self, sql: &str, params: &[Value<'_>]) -> Result<i64> {
        match self {
            Db::Sqlite(conn) => {
                conn.prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(params))?;
                Ok(conn.last_insert_rowid())
            }
            Db::Postgres(_) => self.int(&format!("{sql} RETURNING id"), params)?.ok_or_else(|| {
                Error::Other(anyhow::anyhow!(
                    crate::i18n::Lang::current().msg("server.no_new_id", &[])
                ))
            }),
        }
    }
}

/// `?N` → `$N`, and a bare `?` → the next `$N`, outside quoted text.
pub(in crate::store) fn dollar_params(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0usize;
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&next.to_string());
                } else {
                    out.push_str(&digits);
                }
                // `?1 IS NULL` says nothing of the parameter's type, which PostgreSQL must
                // know: the store's optional parameters are text (a station, a date, a kind).
                if chars.clone().take(8).collect::<String>() == " IS NULL" {
                    out.push_str("::text");
                }
            }
            _ => out.push(c),
        }
    }
    out
}

impl PgToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let int = |i: i64, out: &mut postgres::types::private::BytesMut| match *ty {
            Type::INT8 => i.to_sql(ty, out),
            Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
            Type::BOOL => (i != 0).to_sql(ty, out),
            _ => i.to_string().as_str().to_sql(ty, out),
        };
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => int(*i, out),
            Value::Bool(b) => int(i64::from(*b), out),
            Value::Text(s) => match *ty {
                Type::INT8 | Type::INT4 | Type::INT2 => int(s.parse::<i64>()?, out),
                _ => s.as_ref().to_sql(ty, out),
            },
            Value::Date(d) => super::date_text(*d).as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::text(s)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::text(s)
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(s: Option<&'a str>) -> Self {
        Value::opt_text(s)
    }
}

impl<'a> From<&'a Option<String>> for Value<'a> {
    fn from(s: &'a Option<String>) -> Self {
        Value::opt_text(s.as_deref())
    }
}

impl From<i64> for Value<'_> {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}

impl From<Option<NaiveDate>> for Value<'_> {
    fn from(d: Option<NaiveDate>) -> Self {
        Value::opt_date(d)
    }
}

/// `vals![a, b]`: the parameters of a statement, each made a [`Value`].
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::store::entity::Value::from($v)),*] };
}
pub(in crate::store) use vals;

/// A row of a query, read column by column from the first.
pub struct Row<'r> {
    inner: RowInner<'r>,
    at: usize,
}

#[derive(Clone, Copy)]
enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

fn damaged(what: String) -> Error {
    Error::Damage(crate::i18n::Lang::current().msg("store.foreign_data", &[("what", &what)]))
}

/// The damage of a column `col` that is empty (null) where ipguard always writes a value.
fn null_column(col: usize) -> Error {
    damaged(crate::i18n::Lang::current().msg("store.what_null", &[("col", &col.to_string())]))
}

impl Row<'_> {
    fn next(&mut self) -> usize {
        self.at += 1;
        self.at - 1
    }

    /// Skips a column.
    pub fn skip(&mut self) {
        self.next();
    }

    fn pg_text(r: &postgres::Row, i: usize) -> Result<Option<String>> {
        r.try_get::<_, Option<String>>(i).map_err(|e| {
            damaged(crate::i18n::Lang::current().msg(
                "store.what_column",
                &[("col", &i.to_string()), ("error", &e.to_string())],
            ))
        })
    }

    fn pg_int(r: &postgres::Row, i: usize) -> Result<Option<i64>> {
        let ty = r.columns().get(i).map(|c| c.type_().clone());
        let got = match ty {
            Some(Type::INT8) => r.try_get::<_, Option<i64>>(i),
            Some(Type::INT4) => r.try_get::<_, Option<i32>>(i).map(|v| v.map(i64::from)),
            Some(Type::INT2) => r.try_get::<_, Option<i16>>(i).map(|v| v.map(i64::from)),
            Some(Type::BOOL) => r.try_get::<_, Option<bool>>(i).map(|v| v.map(i64::from)),
            _ => r.try_get::<_, Option<i64>>(i),
        };
        got.map_err(|e| {
            damaged(crate::i18n::Lang::current().msg(
                "store.what_column",
                &[("col", &i.to_string()), ("error", &e.to_string())],
            ))
        })
    }

    /// A cell as stored, whatever its type: null, an integer or text (what a copy moves).
    pub fn raw(&mut self) -> Result<Value<'static>> {
        let i = self.next();
        match self.inner {
            RowInner::Sqlite(r) => Ok(match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => Value::Null,
                rusqlite::types::ValueRef::Integer(n) => Value::Int(n),
                rusqlite::types::ValueRef::Text(b) => Value::Text(
                    String::from_utf8(b.to_vec())
                        .map_err(|_| damaged(crate::i18n::Lang::current().msg("store.what_not_utf8", &[])))?
                        .into(),
                ),
                other => {
                    return Err(damaged(crate::i18n::Lang::current().msg(
                        "store.what_column_holds",
                        &[
                            ("col", &i.to_string()),
                            ("ty", &format!("{:?}", other.data_type())),
                        ],
                    )))
                }
            }),
            RowInner::Pg(r) => match r.columns().get(i).map(|c| c.type_().clone()) {
                Some(Type::INT8 | Type::INT4 | Type::INT2) => {
                    Ok(Self::pg_int(r, i)?.map_or(Value::Null, Value::Int))
                }
                _ => Ok(Self::pg_text(r, i)?.map_or(Value::Null, |s| Value::Text(s.into()))),
            },
        }
    }

    /// A nullable integer column.
    pub fn opt_int(&mut self) -> Result<Option<i64>> {
        let i = self.next();
        match self.inner {
            RowInner::Sqlite(r) => Ok(r.get(i)?),
            RowInner::Pg(r) => Self::pg_int(r, i),
        }
    }

    fn opt_date_text(&mut self) -> Result<Option<NaiveDate>> {
        let i = self.next();
        match self.inner {
            RowInner::Sqlite(r) => Ok(super::opt_date(r, i)?),
            RowInner::Pg(r) => match Self::pg_text(r, i)? {
                None => Ok(None),
                Some(s) => parse_date(s.as_bytes()).map(Some).ok_or_else(|| {
                    damaged(crate::i18n::Lang::current().msg("store.what_bad_date", &[("value", &s)]))
                }),
            },
        }
    }
}

/// A stored `YYYY-MM-DD`.
pub(in crate::store) fn parse_date(b: &[u8]) -> Option<NaiveDate> {
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| match (num(&b[..4]), num(&b[5..7]), num(&b[8..])) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        })
        .flatten()
}

impl Cells for Row<'_> {
    type Error = Error;

    fn text(&mut self) -> Result<String> {
        self.opt_text()?.ok_or_else(|| null_column(self.at - 1))
    }

    fn opt_text(&mut self) -> Result<Option<String>> {
        let i = self.next();
        match self.inner {
            RowInner::Sqlite(r) => Ok(r.get(i)?),
            RowInner::Pg(r) => Self::pg_text(r, i),
        }
    }

    fn int(&mut self) -> Result<i64> {
        self.opt_int()?.ok_or_else(|| null_column(self.at - 1))
    }

    fn opt_u32(&mut self) -> Result<Option<u32>> {
        match self.inner {
            RowInner::Sqlite(r) => {
                let i = self.next();
                Ok(r.get(i)?)
            }
            RowInner::Pg(_) => self
                .opt_int()?
                .map(|v| {
                    u32::try_from(v).map_err(|_| {
                        damaged(
                            crate::i18n::Lang::current()
                                .msg("store.what_out_of_range", &[("value", &v.to_string())]),
                        )
                    })
                })
                .transpose(),
        }
    }

    fn bool(&mut self) -> Result<bool> {
        self.opt_bool()?.ok_or_else(|| null_column(self.at - 1))
    }

    fn opt_bool(&mut self) -> Result<Option<bool>> {
        match self.inner {
            RowInner::Sqlite(r) => {
                let i = self.next();
                Ok(r.get(i)?)
            }
            RowInner::Pg(_) => Ok(self.opt_int()?.map(|v| v != 0)),
        }
    }

    fn date(&mut self) -> Result<NaiveDate> {
        match self.inner {
            RowInner::Sqlite(r) => {
                let i = self.next();
                Ok(super::req_date(r, i)?)
            }
            RowInner::Pg(_) => self.opt_date_text()?.ok_or_else(|| {
                damaged(
                    crate::i18n::Lang::current()
                        .msg("store.what_null_date", &[("col", &(self.at - 1).to_string())]),
                )
            }),
        }
    }

    fn opt_date(&mut self) -> Result<Option<NaiveDate>> {
        self.opt_date_text()
    }

    fn enumv<T: FromStr<Err = String>>(&mut self) -> Result<T> {
        match self.inner {
            RowInner::Sqlite(r) => {
                let i = self.next();
                Ok(super::req_enum(r, i)?)
            }
            RowInner::Pg(_) => {
                let s = self.text()?;
                s.parse().map_err(damaged)
            }
        }
    }

    fn opt_enum<T: FromStr<Err = String>>(&mut self) -> Result<Option<T>> {
        match self.inner {
            RowInner::Sqlite(r) => {
                let i = self.next();
                Ok(super::opt_enum(r, i)?)
            }
            RowInner::Pg(_) => self.opt_text()?.map(|s| s.parse().map_err(damaged)).transpose(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dollar_params;

    #[test]
    fn parameters_become_dollars_outside_quotes() {
        assert_eq!(
            dollar_params("SELECT '?' , \"a?\" FROM t WHERE a = ?1 AND c = ?12"),
            "SELECT '?' , \"a?\" FROM t WHERE a = $1 AND c = $12"
        );
        assert_eq!(
            dollar_params("WHERE (?1 IS NULL OR s = ?1) AND (?2 IS NOT NULL)"),
            "WHERE ($1::text IS NULL OR s = $1) AND ($2 IS NOT NULL)"
        );
        assert_eq!(
            dollar_params("INSERT INTO t VALUES (?, ?), (?, ?)"),
            "INSERT INTO t VALUES ($1, $2), ($3, $4)"
        );
    }
}
