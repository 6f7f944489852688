//! `ipguard report …`

use super::{code_arg, date_arg};
use crate::model::ReportKind;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Record that a report was submitted to the city office
    #[command(
        after_help = "Example:\n  ipguard report submit --station CQ-YZ-001 --kind quarterly_cases --period 2024Q3 --on 2024-10-08"
    )]
    Submit(ReportSubmit),
    /// List submitted reports
    #[command(after_help = "Example:\n  ipguard report list --station CQ-YZ-001 --kind annual_summary")]
    List(ReportList),
    /// Write the quarterly case report, the annual work summary (Markdown or JSON), or the
    /// city's statistics (Markdown, JSON or HTML)
    #[command(
        after_help = "Examples:\n  ipguard report generate quarterly --station CQ-YZ-001 --period 2024Q3 > 2024Q3.md\n  ipguard report generate annual --station CQ-YZ-001 --period 2024 --lang en\n  ipguard report generate quarterly --station CQ-YZ-001 --period 2024Q3 --format json\n  ipguard report generate city --period 2024 --format html -o 2024-city.html"
    )]
    Generate(ReportGenerate),
    /// List the reports, case limits, plans and assessments due or late (exit 4 when late)
    #[command(
        after_help = "Examples:\n  ipguard report due\n  ipguard report due --station CQ-YZ-001 --as-of 2025-01-10 --within 15 --format json"
    )]
    Due(ReportDue),
}

/// Which document `report generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocKind {
    /// The quarterly case report (季度报告): period a quarter such as 2024Q3
    Quarterly,
    /// The annual work summary (年度总结) with the score preview: period a year such as 2024
    Annual,
    /// The network's statistics for the city office (全市统计), every station: any period
    City,
}

#[derive(Debug, Args)]
pub struct ReportGenerate {
    /// quarterly, annual or city
    #[arg(value_enum)]
    pub kind: DocKind,
    /// The station's code, e.g. CQ-YZ-001 (quarterly and annual; the city report covers all)
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// 2024Q3 for a quarterly report, 2024 for an annual summary, any period for the city
    #[arg(long)]
    pub period: String,
    /// The date the figures are taken at [default: the period's last day, or today if earlier]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o: replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReportDue {
    /// Only this station
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// The date to judge at [default: today]; a later date shows what will be due then
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Also list what falls due within this many days after the as-of date (at most 3660)
    #[arg(long, default_value_t = 30, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3660))]
    pub within: u32,
    /// List missed reports and case limits due from this date on [default: the day after the
    /// station's latest assessment, and never before 1 January two years back]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub since: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ReportSubmit {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The kind of report
    #[arg(long)]
    pub kind: ReportKind,
    /// The period covered: a year (2024) or, for quarterly_cases, a quarter (2024Q3)
    #[arg(long)]
    pub period: String,
    /// The day of submission [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ReportList {
    /// Only this station
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only this kind of report
    #[arg(long)]
    pub kind: Option<ReportKind>,
}
