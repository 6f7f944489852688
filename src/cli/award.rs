//! `ipguard award …`

use super::resources::{amount_arg, ListFilter};
use super::{code_arg, date_arg};
use crate::model::Hundredths;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct AwardArgs {
    #[command(subcommand)]
    pub command: AwardCommand,
}

#[derive(Debug, Subcommand)]
pub enum AwardCommand {
    /// Record a bonus award (a bonus item of the rubric in force)
    #[command(
        after_help = "Example:\n  ipguard award add --station CQ-YZ-001 --item B1 --points 2 --on 2024-11-15 --reason 市领导批示肯定"
    )]
    Add(AwardAdd),
    /// List bonus awards
    #[command(after_help = "Example:\n  ipguard award list --station CQ-YZ-001 --period 2024")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct AwardAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The bonus item's id in the rubric in force (`ipguard rubric show` lists them)
    #[arg(long)]
    pub item: String,
    /// The points, at most two decimals and at most the item's maximum
    #[arg(long, value_parser = amount_arg, allow_negative_numbers = true)]
    pub points: Hundredths,
    /// The date of the award [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// What earned it
    #[arg(long)]
    pub reason: String,
}
