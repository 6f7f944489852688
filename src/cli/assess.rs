//! `ipguard station assess …`

use super::{code_arg, date_arg};
use chrono::NaiveDate;
use clap::Args;

/// Which official assessment (art. 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssessKind {
    /// The acceptance at the end of the one-year construction period (验收)
    Acceptance,
    /// The assessment every two years of an accepted station (两年考核)
    Biennial,
}

impl AssessKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessKind::Acceptance => "acceptance",
            AssessKind::Biennial => "biennial",
        }
    }
}

#[derive(Debug, Args)]
pub struct StationAssess {
    /// The station's code
    #[arg(value_parser = code_arg)]
    pub code: String,
    /// acceptance or biennial
    #[arg(long, value_enum)]
    pub kind: AssessKind,
    /// The period scored [default: the construction year for an acceptance, the two calendar
    /// years before --on for a biennial assessment]
    #[arg(long)]
    pub period: Option<String>,
    /// The date of the assessment; the score is computed as of this date
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: NaiveDate,
    /// Revoke the station if the result is a fail (without it the result is only stored)
    #[arg(long)]
    pub confirm_revoke: bool,
}
