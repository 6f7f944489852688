//! `ipguard activity …`

use super::resources::ListFilter;
use super::{code_arg, date_arg};
use crate::model::ActivityKind;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ActivityArgs {
    #[command(subcommand)]
    pub command: ActivityCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Record a training, publicity event, publication, aid guidance or referral
    #[command(
        after_help = "Example:\n  ipguard activity add --station CQ-YZ-001 --kind training --on 2024-05-20 \\\n    --title 海外展会知识产权风险防控培训 --participants 85"
    )]
    Add(ActivityAdd),
    /// List activities
    #[command(after_help = "Example:\n  ipguard activity list --station CQ-YZ-001 --period 2024")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct ActivityAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The kind of activity
    #[arg(long)]
    pub kind: ActivityKind,
    /// The date it took place [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// The title
    #[arg(long)]
    pub title: String,
    /// How many took part
    #[arg(long, value_parser = participants_arg, allow_negative_numbers = true)]
    pub participants: Option<u32>,
}

/// Parses a head-count: a whole number, 0 or more (the reader CSV import uses too).
pub fn participants_arg(s: &str) -> Result<u32, String> {
    crate::model::head_count(s)
}
