//! The error type of every command, and the exit code each kind maps to (formats.md).

use thiserror::Error;

/// What went wrong, classified by the exit code a script sees.
#[derive(Debug, Error)]
pub enum Error {
    /// Exit 2: an argument that cannot be parsed or contradicts another.
    #[error("{0}")]
    Usage(String),
    /// Exit 3: a well-formed value that the records refuse; nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// Exit 3: several problems found in an imported file (already formatted, one per line).
    #[error("{}", .0.join("\n"))]
    InvalidRows(Vec<String>),
    /// Exit 4: `report due` found something late (the report itself is on stdout).
    #[error("{0}")]
    Late(String),
    /// Exit 5: `check` or `audit verify` found damage or tampering.
    #[error("{0}")]
    Damage(String),
    /// Exit 1: I/O, database and everything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Other(_) => 1,
            Error::Usage(_) => 2,
            Error::Invalid(_) | Error::InvalidRows(_) => 3,
            Error::Late(_) => 4,
            Error::Damage(_) => 5,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Other(e.into())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Other(e.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shorthand for `Err(Error::Invalid(..))`.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => { return Err($crate::error::Error::Invalid(format!($($arg)*))) };
}

/// Shorthand for `Err(Error::Usage(..))`.
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => { return Err($crate::error::Error::Usage(format!($($arg)*))) };
}
