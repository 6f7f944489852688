//! How the store's engine's errors become the project's [`Error`]: SQLite's here (the mapping
//! and every message as `error.rs` had them). A second engine maps its own errors beside it.

use crate::error::Error;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::Error as E;
        let l = crate::i18n::Lang::current();
        // A stored value of the wrong type or form: the file was altered outside ipguard.
        let unreadable = match &e {
            E::FromSqlConversionFailure(col, ty, inner) => Some(l.msg(
                "store.what_unreadable",
                &[
                    ("col", &col.to_string()),
                    ("ty", &ty.to_string()),
                    ("error", &inner.to_string()),
                ],
            )),
            E::InvalidColumnType(col, name, ty) => Some(l.msg(
                "store.what_column_type",
                &[("col", &col.to_string()), ("name", name), ("ty", &ty.to_string())],
            )),
            E::IntegralValueOutOfRange(col, v) => Some(l.msg(
                "store.what_column_out_of_range",
                &[("col", &col.to_string()), ("value", &v.to_string())],
            )),
            E::Utf8Error(..) => Some(l.msg("store.what_not_utf8", &[])),
            _ => None,
        };
        if let Some(what) = unreadable {
            return Error::Damage(l.msg("store.foreign_data_file", &[("what", &what)]));
        }
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OutOfMemory) {
            return Error::Damage(l.msg("store.out_of_memory", &[("error", &e.to_string())]));
        }
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
            // Damage found while working is damage found: exit 5, as `check` reports it.
            return Error::Damage(l.msg("store.damaged_while_working", &[("error", &e.to_string())]));
        }
        Error::Other(super::open::describe_sqlite_error(e))
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        super::server::db_error(e)
    }
}
