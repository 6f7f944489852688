//! How the store's engine's errors become the project's [`Error`]: SQLite's here (the mapping
//! and every message as `error.rs` had them). A second engine maps its own errors beside it.

use crate::error::Error;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::Error as E;
        // A stored value of the wrong type or form: the file was altered outside ipguard.
        let unreadable = match &e {
            E::FromSqlConversionFailure(col, ty, inner) => Some(format!(
                "a stored value in column {col} ({ty}) cannot be read: {inner}"
            )),
            E::InvalidColumnType(col, name, ty) => Some(format!(
                "the stored column {col} ({name}) holds {ty}, which ipguard never writes there"
            )),
            E::IntegralValueOutOfRange(col, v) => {
                Some(format!("the stored number {v} in column {col} is out of range"))
            }
            E::Utf8Error(..) => Some("a stored text is not valid UTF-8".to_string()),
            _ => None,
        };
        if let Some(what) = unreadable {
            return Error::Damage(format!(
                "the database holds data ipguard did not write ({what}): run `ipguard check`, and restore the file from a backup"
            ));
        }
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OutOfMemory) {
            return Error::Damage(format!(
                "SQLite ran out of memory reading the database ({e}); a damaged file can cause this: run `ipguard check`, and restore the file from a backup"
            ));
        }
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
            // Damage found while working is damage found: exit 5, as `check` reports it.
            return Error::Damage(format!(
                "the database file is damaged ({e}): restore it from a backup (`ipguard backup` makes them)"
            ));
        }
        Error::Other(super::open::describe_sqlite_error(e))
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        super::server::db_error(e)
    }
}
