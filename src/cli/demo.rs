//! `ipguard demo`

use super::{code_arg, date_arg};
use chrono::NaiveDate;
use clap::Args;

pub const DEMO_HELP: &str = "\
Examples:
  ipguard demo                          # into ./ipguard-demo.db (must hold no stations)
  ipguard --db /tmp/try.db demo --station CQ-YC-003
  ipguard demo --export office-2024          # the demo's CSV files, to import yourself
  ipguard --db ipguard-demo.db score --station CQ-LJ-002 --period 2024 --as-of 2025-03-01 --gaps";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Score as of this date (the demo data ends before it, so the output is reproducible)
    #[arg(long, value_parser = date_arg, value_name = "DATE", default_value = "2025-03-01")]
    pub as_of: NaiveDate,
    /// The station whose scorecard is printed after the ranking (the one graded pass, which
    /// shows points lost, a bonus and a penalty)
    #[arg(long, value_parser = code_arg, default_value = "CQ-LJ-002")]
    pub station: String,
    /// Write the demo dataset's CSV files (one per kind, as `import --dir` reads them) into
    /// this new directory instead of loading them
    #[arg(long, value_name = "DIR")]
    pub export: Option<std::path::PathBuf>,
}
