//! `ipguard copy`: one store's records, whole, into another (a file or a server).

use clap::Args;

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The store to copy from: a file, or a postgres:// URL
    #[arg(long, value_name = "SRC")]
    pub from: String,
    /// The store to copy into: a new or empty file, or an empty server database (after `server init`)
    #[arg(long, value_name = "DST")]
    pub to: String,
}
