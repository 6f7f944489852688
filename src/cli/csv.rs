//! `ipguard import …` and `ipguard export …`

use super::{code_arg, period_arg};
use crate::csvio::decode::Encoding;
use crate::csvio::Kind;
use crate::model::Period;
use clap::Args;
use std::path::PathBuf;

pub const IMPORT_HELP: &str = "\
Examples:
  ipguard import stations stations.csv
  ipguard import cases 案件.csv --dry-run
  ipguard import --dir office-2024/        # every <KIND>.csv in it, stations first, all or nothing
  iconv -f gbk -t utf-8 cases.csv | ipguard import cases -";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The kind of records in FILE
    #[arg(value_enum, required_unless_present = "dir", requires = "file")]
    pub kind: Option<Kind>,
    /// The CSV file (`-` for stdin)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Import every <KIND>.csv of this directory (stations.csv, staff.csv, …) as one transaction
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kind", "file"])]
    pub dir: Option<PathBuf>,
    /// Skip columns ipguard does not know instead of refusing the file
    #[arg(long)]
    pub ignore_unknown: bool,
    /// The file's encoding [default: UTF-8, or GB18030 when the file is not valid UTF-8]
    #[arg(long, value_enum)]
    pub encoding: Option<Encoding>,
    /// Check everything and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import a file whose very bytes were imported before (refused without it)
    #[arg(long)]
    pub again: bool,
    /// Write the ids given to cases without one to FILE, as CSV `line,id` (a new file, readable by you only)
    #[arg(long, value_name = "FILE", conflicts_with = "dry_run")]
    pub ids_out: Option<PathBuf>,
    /// With --ids-out: replace FILE if it exists
    #[arg(long, requires = "ids_out")]
    pub force: bool,
}

pub const EXPORT_HELP: &str = "\
Examples:
  ipguard export cases --station CQ-YZ-001 --period 2024 -o cases.csv
  ipguard export stations --bom -o 工作站.csv       # with a BOM, for Excel
  ipguard export --dir office-2024/               # every kind, one <KIND>.csv each: the whole store";

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").args(["output", "dir"])))]
pub struct ExportArgs {
    /// The kind of records to write
    #[arg(value_enum, required_unless_present = "dir")]
    pub kind: Option<Kind>,
    /// Write every kind, one <KIND>.csv each, into this directory (created if missing): what `import --dir` reads
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kind", "output", "period"])]
    pub dir: Option<PathBuf>,
    /// Only this station's records
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only records dated in this period (2024, 2024Q3, 2023-2024, 2024-06-01..2025-05-31)
    #[arg(long, value_parser = period_arg)]
    pub period: Option<Period>,
    /// Write to FILE instead of stdout (a new file, created readable by you only)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o or --dir: replace the files that exist
    #[arg(long, requires = "target")]
    pub force: bool,
    /// Start with a UTF-8 byte order mark (for Excel)
    #[arg(long)]
    pub bom: bool,
}
