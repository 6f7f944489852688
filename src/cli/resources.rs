//! `ipguard station staff|expert|funding …`: a station's people and money.

use super::{code_arg, date_arg, period_arg};
use crate::model::{ExpertKind, Hundredths, Period, YesNo};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

/// Parses an amount in yuan or points: exact, at most two decimals, never negative.
pub fn amount_arg(s: &str) -> Result<Hundredths, String> {
    s.parse()
}

/// `--station S` and `--period P` of the list commands.
#[derive(Debug, Args)]
pub struct ListFilter {
    /// Only this station
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only records dated in (or, for people, overlapping) this period: 2024, 2024Q3, …
    #[arg(long, value_parser = period_arg)]
    pub period: Option<Period>,
}

#[derive(Debug, Args)]
pub struct StaffArgs {
    #[command(subcommand)]
    pub command: StaffCommand,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Record a staff member of a station
    #[command(
        after_help = "Example:\n  ipguard station staff add --station CQ-YZ-001 --name 李明 --full-time yes --from 2024-04-01"
    )]
    Add(StaffAdd),
    /// List staff members
    #[command(after_help = "Example:\n  ipguard station staff list --station CQ-YZ-001 --period 2024")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct StaffAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The person's name
    #[arg(long)]
    pub name: String,
    /// Full-time (专职)
    #[arg(long, value_name = "YES|NO")]
    pub full_time: YesNo,
    /// The first day of work (not in the future)
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub from: NaiveDate,
    /// The last day of work (may be in the future)
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ExpertArgs {
    #[command(subcommand)]
    pub command: ExpertCommand,
}

#[derive(Debug, Subcommand)]
pub enum ExpertCommand {
    /// Record an expert or pro-bono lawyer joining a station's pool
    #[command(
        after_help = "Example:\n  ipguard station expert add --station CQ-YZ-001 --name 王芳 --kind lawyer \\\n    --field 商标 --countries 美国,欧盟 --joined 2024-05-01"
    )]
    Add(ExpertAdd),
    /// List the expert pool
    #[command(after_help = "Example:\n  ipguard station expert list --station CQ-YZ-001")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct ExpertAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The person's name
    #[arg(long)]
    pub name: String,
    /// Expert or lawyer
    #[arg(long)]
    pub kind: ExpertKind,
    /// The field of expertise
    #[arg(long, default_value = "", hide_default_value = true)]
    pub field: String,
    /// The countries or regions covered
    #[arg(long, default_value = "", hide_default_value = true)]
    pub countries: String,
    /// The day of joining the pool (not in the future)
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub joined: NaiveDate,
    /// The first day out of the pool (may be in the future)
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub left: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct FundingArgs {
    #[command(subcommand)]
    pub command: FundingCommand,
}

#[derive(Debug, Subcommand)]
pub enum FundingCommand {
    /// Record a payment of dedicated funding
    #[command(
        after_help = "Example:\n  ipguard station funding add --station CQ-YZ-001 --on 2024-06-30 --amount 50000 --source 市局专项"
    )]
    Add(FundingAdd),
    /// List payments
    #[command(after_help = "Example:\n  ipguard station funding list --station CQ-YZ-001 --period 2024")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct FundingAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The date of payment (not in the future)
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: NaiveDate,
    /// The amount in yuan, at most two decimals (e.g. 50000 or 1200.50)
    #[arg(long, value_parser = amount_arg, value_name = "YUAN", allow_negative_numbers = true)]
    pub amount: Hundredths,
    /// The source or purpose
    #[arg(long, default_value = "", hide_default_value = true)]
    pub source: String,
}
