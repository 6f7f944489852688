//! `ipguard station …`

use super::{code_arg, date_arg};
use crate::model::{StationLevel, StationStatus};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct StationArgs {
    #[command(subcommand)]
    pub command: StationCommand,
}

#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// Register a station that has applied (status `applied`)
    #[command(
        after_help = "Example:\n  ipguard station add CQ-YZ-001 --name 渝中区海外知识产权纠纷应对指导工作站 \\\n    --host-org 重庆市渝中区商会 --district 渝中区 --level district --on 2024-01-05"
    )]
    Add(StationAdd),
    /// Mark the five application conditions of art. 4 as met (or not)
    #[command(
        after_help = "The conditions (art. 4; `station show --explain` quotes them in full):\n  1 an entity in Chongqing, fixed office, running well, no serious dishonesty\n  2 a professional team for overseas IP dispute guidance\n  3 IP literature, databases and analysis tools\n  4 experience and typical cases in overseas IP disputes\n  5 a sound management mechanism, rules, workflows and service standards\n\nExample:\n  ipguard station conditions CQ-YZ-001 --met 1,2,3,4,5"
    )]
    Conditions(StationConditions),
    /// Move a station one step along its lifecycle
    #[command(
        after_help = "Example:\n  ipguard station advance CQ-YZ-001 --to recommended --on 2024-02-01 --note 区局推荐"
    )]
    Advance(StationAdvance),
    /// List every station
    #[command(after_help = "Example:\n  ipguard station list --format json")]
    List,
    /// Show a station with its conditions and history
    #[command(after_help = "Example:\n  ipguard station show CQ-YZ-001")]
    Show {
        /// The station's code
        #[arg(value_parser = code_arg)]
        code: String,
        /// Print each art. 4 condition in the measure's own words
        #[arg(long)]
        explain: bool,
    },
    /// Record the official acceptance or biennial assessment, scored as of its date
    #[command(
        after_help = "Examples:\n  ipguard station assess CQ-YZ-001 --kind acceptance --on 2025-01-10\n  ipguard station assess CQ-YZ-001 --kind biennial --on 2027-03-01 --confirm-revoke"
    )]
    Assess(super::assess::StationAssess),
    /// Record and list a station's staff members
    Staff(super::resources::StaffArgs),
    /// Record and list a station's experts and pro-bono lawyers
    Expert(super::resources::ExpertArgs),
    /// Record and list a station's dedicated funding
    Funding(super::resources::FundingArgs),
}

#[derive(Debug, Args)]
pub struct StationAdd {
    /// The station's code, e.g. CQ-YZ-001 (letters, digits, `-`, `_`)
    #[arg(value_parser = code_arg)]
    pub code: String,
    /// The station's name
    #[arg(long)]
    pub name: String,
    /// The host organisation (依托单位)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub host_org: String,
    /// The district (区县)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub district: String,
    /// The station's level in the network
    #[arg(long)]
    pub level: Option<StationLevel>,
    /// The date of the application [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// A note for the history
    #[arg(long, default_value = "", hide_default_value = true)]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct StationConditions {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(value_parser = code_arg)]
    pub code: String,
    /// Conditions now met, by number 1-5 (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=5))]
    pub met: Vec<u8>,
    /// Conditions no longer met, by number 1-5 (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=5))]
    pub unmet: Vec<u8>,
}

#[derive(Debug, Args)]
pub struct StationAdvance {
    /// The station's code, e.g. CQ-YZ-001
    #[arg(value_parser = code_arg)]
    pub code: String,
    /// The next status
    #[arg(long)]
    pub to: StationStatus,
    /// The date of the step [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// A note for the history
    #[arg(long, default_value = "", hide_default_value = true)]
    pub note: String,
}
