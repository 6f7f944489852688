//! `ipguard score …`

use super::{code_arg, date_arg, period_arg};
use crate::model::Period;
use chrono::NaiveDate;
use clap::{ArgGroup, Args};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["station", "all"])))]
pub struct ScoreArgs {
    /// The station to score
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Rank the stations in operation during the period (established by its end, not
    /// revoked before it began)
    #[arg(long)]
    pub all: bool,
    /// With --all: rank every station in the database, whatever its status
    #[arg(long, conflicts_with = "station")]
    pub include_all: bool,
    /// The period: 2024, 2023-2024, 2024Q3 or 2024-06-01..2025-05-31
    #[arg(long, value_parser = period_arg)]
    pub period: Period,
    /// Score as the records stood on this date [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// List every row behind every item
    #[arg(long, conflicts_with = "all")]
    pub explain: bool,
    /// What can still be done before the period ends (or where points were lost)
    #[arg(long, conflicts_with = "all")]
    pub gaps: bool,
    /// Write to FILE instead of stdout (for --format html, a page to open, mail or print)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o: replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}
