//! `ipguard station assess …`

use super::{code_arg, date_arg};
use crate::model::AssessmentKind;
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
pub struct StationAssess {
    /// The station's code
    #[arg(value_parser = code_arg)]
    pub code: String,
    /// The kind of assessment
    #[arg(long)]
    pub kind: AssessmentKind,
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
