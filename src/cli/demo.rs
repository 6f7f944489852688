//! `ipguard demo`

use super::{code_arg, date_arg};
use chrono::NaiveDate;
use clap::Args;

pub const DEMO_HELP: &str = "\
Examples:
  ipguard demo                          # into ./ipguard-demo.db (must hold no stations)
  ipguard --db /tmp/try.db demo --station CQ-YC-003
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
}
