//! `ipguard report …`

use super::{code_arg, date_arg};
use crate::model::ReportKind;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

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
}

#[derive(Debug, Args)]
pub struct ReportSubmit {
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// annual_summary (年度总结), work_plan (工作计划) or quarterly_cases (季度报告)
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
