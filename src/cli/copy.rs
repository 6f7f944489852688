//! `ipguard copy`: one store's records, whole or one station's, into another (a file or a
//! server).

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The store to copy from: a file, or a postgres:// URL
    #[arg(long, value_name = "SRC")]
    pub from: String,
    /// The store to copy into: a new or empty file, or an empty server database (after `server init`)
    #[arg(long, value_name = "DST")]
    pub to: String,
    /// Only this station's records: a copy into an empty store, a merge into one holding records
    #[arg(long, value_name = "CODE")]
    pub station: Option<String>,
    /// Settle the records a merge finds changed on both sides with the source's or the destination's
    #[arg(long, value_enum, requires = "station")]
    pub prefer: Option<Side>,
    /// Show what the merge would do, and write nothing
    #[arg(long, requires = "station")]
    pub dry_run: bool,
}

/// Which side a merge's conflicts are settled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    Source,
    Destination,
}
