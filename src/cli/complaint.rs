//! `ipguard complaint …`

use super::resources::ListFilter;
use super::{code_arg, date_arg};
use crate::model::YesNo;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ComplaintArgs {
    #[command(subcommand)]
    pub command: ComplaintCommand,
}

#[derive(Debug, Subcommand)]
pub enum ComplaintCommand {
    /// Record a complaint against a station
    #[command(
        after_help = "Example:\n  ipguard complaint add --station CQ-YZ-001 --on 2024-08-02 --verified yes --note 未按时回复企业"
    )]
    Add(ComplaintAdd),
    /// List complaints
    #[command(after_help = "Example:\n  ipguard complaint list --station CQ-YZ-001")]
    List(ListFilter),
}

#[derive(Debug, Args)]
pub struct ComplaintAdd {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The date of the complaint [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// Whether it was verified (查证属实)
    #[arg(long)]
    pub verified: YesNo,
    /// What it was about
    #[arg(long, default_value = "", hide_default_value = true)]
    pub note: String,
}
