//! `ipguard audit …`, `ipguard backup`, `ipguard check`

use super::{code_arg, date_arg};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// List the audit log: who wrote what, when, before and after
    #[command(
        after_help = "Examples:\n  ipguard audit list --station CQ-YZ-001 --since 2025-01-01\n  ipguard audit list --format json"
    )]
    List {
        /// Only the entries about this station
        #[arg(long, value_parser = code_arg)]
        station: Option<String>,
        /// Only the entries written on or after this date (UTC)
        #[arg(long, value_parser = date_arg, value_name = "DATE")]
        since: Option<NaiveDate>,
    },
    /// Check the hash chain; exit 5 and name the first bad entry if anything was altered
    #[command(
        after_help = "Examples:\n  ipguard audit verify\n  ipguard audit verify --head 3f5a…   # a head received earlier must still be in the log"
    )]
    Verify {
        /// A head hash printed earlier by `audit head` (or carried by a quarterly report)
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
    },
    /// Print the chain's current head hash, to keep as an anchor
    #[command(after_help = "Example:\n  ipguard audit head >> heads-received.txt")]
    Head,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  ipguard backup backups/ipguard-2025-03-01.db")]
pub struct BackupArgs {
    /// The new file to write (never overwritten)
    pub file: PathBuf,
}
