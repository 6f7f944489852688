//! `ipguard case …`

use super::{code_arg, date_arg, period_arg};

/// Parses a case id: 1-40 letters, digits, `-` or `_`.
pub fn id_arg(s: &str) -> Result<String, String> {
    crate::model::check_code("case id", s)
}
use crate::model::{
    CaseEventKind, CaseKind, CaseSource, DisputeType, IpType, Outcome, Period, Satisfaction, WarningLevel,
    YesNo,
};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct CaseArgs {
    #[command(subcommand)]
    pub command: CaseCommand,
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Record a case a station received; prints its id
    #[command(
        after_help = "Example:\n  ipguard case add --station CQ-YZ-001 --enterprise 重庆某某科技有限公司 \\\n    --credit-code 91500103MA5U7XKX25 --received 2024-03-05 --dispute-type exhibition --warning yellow"
    )]
    Add(CaseAdd),
    /// Record that the station accepted (受理) a case
    #[command(after_help = "Example:\n  ipguard case accept CQ-YZ-001-2024-0001 --on 2024-03-06")]
    Accept(CaseAccept),
    /// Record that a case was closed (办结), with its outcome
    #[command(
        after_help = "Example:\n  ipguard case close CQ-YZ-001-2024-0001 --on 2024-04-10 --outcome guided --effective yes"
    )]
    Close(CaseClose),
    /// Record a follow-up (回访) of a closed case; may be repeated
    #[command(
        after_help = "Example:\n  ipguard case follow-up CQ-YZ-001-2024-0001 --on 2024-05-10 --note 企业已完成应诉"
    )]
    FollowUp(CaseFollowUp),
    /// Record a request the city office handed to a station (source city_transfer); prints its id
    #[command(
        after_help = "Example:\n  ipguard case transfer --station CQ-YZ-001 --enterprise 重庆某某贸易有限公司 --received 2024-06-03"
    )]
    Transfer(CaseNew),
    /// Add a dated plan, risk notice or note to a case's timeline
    #[command(
        after_help = "Examples:\n  ipguard case note CQ-YZ-001-2024-0001 --kind plan --on 2024-03-07 --text 一案一策应对方案\n  ipguard case note CQ-YZ-001-2024-0002 --kind special_plan --on 2024-03-07 --text 专项处理方案\n  ipguard case note CQ-YZ-001-2024-0003 --kind risk_notice --on 2024-03-08 --title 美国337调查风险提示"
    )]
    Note(CaseNote),
    /// List the risk notices (风险提示) published for blue cases
    #[command(after_help = "Example:\n  ipguard case notices --station CQ-YZ-001 --period 2024")]
    Notices(CaseNotices),
    /// Record why a case went past its time limit (the station), or accept or reject the
    /// reason (the city office: only an accepted reason excuses the case in P1)
    #[command(
        after_help = "Examples:\n  ipguard case reason CQ-YZ-001-2024-0001 --text 企业补充材料延迟\n  ipguard case reason CQ-YZ-001-2024-0001 --accept --on 2025-01-15 --note 经核实属实\n  ipguard case reason CQ-YZ-001-2024-0001 --reject --on 2025-01-15"
    )]
    Reason(CaseReason),
    /// Correct or complete a case's facts: typical flag, summary, IP type, country, …
    #[command(
        after_help = "Examples:\n  ipguard case set CQ-YZ-001-2024-0001 --typical yes --summary 德国展会专利侵权指控，经指导达成和解\n  ipguard case set CQ-YZ-001-2024-0001 --ip-type patent --country 德国 --dispute-type exhibition"
    )]
    Set(CaseSet),
    /// List cases
    #[command(
        after_help = "Examples:\n  ipguard case list --station CQ-YZ-001 --period 2024 --open\n  ipguard case list --country 德国 --ip-type patent --text 展会\n  ipguard case list --overdue --as-of 2025-03-01\n  ipguard case list --station CQ-YZ-001 --format csv > cases.csv"
    )]
    List(CaseList),
    /// The typical cases (典型案例库), grouped by IP type and country or region, with their
    /// summaries
    #[command(
        after_help = "Examples:\n  ipguard case library\n  ipguard case library --ip-type patent --country 德国 --format json"
    )]
    Library(CaseLibrary),
    /// Show a case with its timeline
    #[command(after_help = "Example:\n  ipguard case show CQ-YZ-001-2024-0001 --lang zh")]
    Show {
        /// The case's id
        #[arg(value_parser = id_arg)]
        id: String,
    },
}

/// What a new case records, whether the enterprise asked or the city office transferred it.
#[derive(Debug, Args)]
pub struct CaseNew {
    /// The station that received the case
    #[arg(long, value_parser = code_arg)]
    pub station: String,
    /// The enterprise's name
    #[arg(long)]
    pub enterprise: String,
    /// The enterprise's unified social credit code (18 characters, GB 32100-2015)
    #[arg(long)]
    pub credit_code: Option<String>,
    /// The day the station received the case [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub received: Option<NaiveDate>,
    /// The case's id [default: STATION-YEAR-NNNN, the next number of that year]
    #[arg(long, value_parser = id_arg)]
    pub id: Option<String>,
    /// The kind of case; information: dispute information collected, no case to handle
    /// [default: guidance]
    #[arg(long)]
    pub kind: Option<CaseKind>,
    /// The IP right in dispute
    #[arg(long)]
    pub ip_type: Option<IpType>,
    /// The country or region of the dispute
    #[arg(long, default_value = "", hide_default_value = true)]
    pub country: String,
    /// The kind of dispute
    #[arg(long)]
    pub dispute_type: Option<DisputeType>,
    /// The warning level
    #[arg(long)]
    pub warning: Option<WarningLevel>,
    /// A short summary
    #[arg(long, default_value = "", hide_default_value = true)]
    pub summary: String,
    /// Whether the case is typical (典型案例), for the quarterly report [default: no]
    #[arg(long)]
    pub typical: Option<YesNo>,
}

#[derive(Debug, Args)]
pub struct CaseAdd {
    #[command(flatten)]
    pub new: CaseNew,
    /// Where the case came from [default: enterprise]
    #[arg(long)]
    pub source: Option<CaseSource>,
}

#[derive(Debug, Args)]
pub struct CaseAccept {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// The day of acceptance [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct CaseClose {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// The day the case was closed [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// How the case ended
    #[arg(long)]
    pub outcome: Outcome,
    /// Whether the guidance was effective
    #[arg(long)]
    pub effective: YesNo,
    /// Why the case went past its time limit, if it did
    #[arg(long)]
    pub overdue_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseFollowUp {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// The day of the follow-up [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// What the enterprise said
    #[arg(long, default_value = "", hide_default_value = true)]
    pub note: String,
    /// The enterprise's satisfaction with the service
    #[arg(long)]
    pub satisfaction: Option<Satisfaction>,
    /// The enterprise's comment on the service (with --satisfaction)
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        requires = "satisfaction"
    )]
    pub comment: String,
}

#[derive(Debug, Args)]
pub struct CaseNote {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// special_plan (a red case's special-handling plan, 专项处理方案), plan (a yellow case's
    /// one-case plan, 一案一策), risk_notice (a blue case's published risk notice, 风险提示) or note
    #[arg(long)]
    pub kind: CaseEventKind,
    /// The date of the entry (a risk notice's publication date) [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// The title of a risk notice (required for --kind risk_notice, refused for the others)
    #[arg(long)]
    pub title: Option<String>,
    /// The text (optional for a risk notice, which has its title)
    #[arg(long)]
    pub text: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseNotices {
    /// Only this station's notices
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only notices published in this period: 2024, 2024Q3, 2023-2024, 2024-06-01..2025-05-31
    #[arg(long, value_parser = period_arg)]
    pub period: Option<Period>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["text", "accept", "reject"])))]
pub struct CaseReason {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// The reason the case went past its time limit (the station's; a changed reason goes
    /// back to undecided)
    #[arg(long, conflicts_with_all = ["accept", "reject", "on", "note"])]
    pub text: Option<String>,
    /// The city office accepts the reason as legitimate (正当理由): the case is excused in P1
    #[arg(long, conflicts_with = "reject")]
    pub accept: bool,
    /// The city office rejects the reason: the case counts in P1
    #[arg(long)]
    pub reject: bool,
    /// The day of the decision [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// The office's note on its decision
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseSet {
    /// The case id, e.g. CQ-YZ-001-2024-0001
    #[arg(value_parser = id_arg)]
    pub id: String,
    /// Flag the case as typical (典型案例) for the quarterly report, or not
    #[arg(long)]
    pub typical: Option<YesNo>,
    /// A short summary (replaces the one recorded)
    #[arg(long)]
    pub summary: Option<String>,
    /// The enterprise's name
    #[arg(long)]
    pub enterprise: Option<String>,
    /// The enterprise's unified social credit code (18 characters, GB 32100-2015)
    #[arg(long)]
    pub credit_code: Option<String>,
    /// The kind of case
    #[arg(long)]
    pub kind: Option<CaseKind>,
    /// The IP right in dispute
    #[arg(long)]
    pub ip_type: Option<IpType>,
    /// The country or region of the dispute
    #[arg(long)]
    pub country: Option<String>,
    /// The kind of dispute
    #[arg(long)]
    pub dispute_type: Option<DisputeType>,
    /// The warning level
    #[arg(long)]
    pub warning: Option<WarningLevel>,
}

#[derive(Debug, Args)]
pub struct CaseList {
    /// Only this station's cases
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only cases received in this period: 2024, 2024Q3, 2023-2024, 2024-06-01..2025-05-31
    #[arg(long, value_parser = period_arg)]
    pub period: Option<Period>,
    /// Only cases not closed yet
    #[arg(long)]
    pub open: bool,
    /// Only cases of this warning level (red, yellow, blue), with whether the plan or notice
    /// the level asks for is in (red: special_plan, yellow: plan, blue: risk_notice)
    #[arg(long)]
    pub warning: Option<WarningLevel>,
    /// Only cases past a time limit (acceptance, handling, follow-up) at the as-of date: which
    /// limit, by how many days, and the overdue reason
    #[arg(long)]
    pub overdue: bool,
    /// With --overdue: judge the limits as the records stood on this date [default: today]
    #[arg(long, value_parser = date_arg, value_name = "DATE", requires = "overdue")]
    pub as_of: Option<NaiveDate>,
    /// Only cases of this country or region: a code (DE, US, EU, EP) or a name (德国, Germany)
    #[arg(long, value_parser = country_arg, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// Only cases of this IP type
    #[arg(long)]
    pub ip_type: Option<IpType>,
    /// Only cases of this kind of dispute
    #[arg(long)]
    pub dispute_type: Option<DisputeType>,
    /// Only cases of this kind
    #[arg(long)]
    pub kind: Option<CaseKind>,
    /// Only typical cases (yes) or only the others (no)
    #[arg(long)]
    pub typical: Option<YesNo>,
    /// Only cases closed with this outcome
    #[arg(long)]
    pub outcome: Option<Outcome>,
    /// Only cases of this enterprise: its credit code, or its name (spacing and full- or
    /// half-width forms aside)
    #[arg(long, value_name = "NAME|CODE")]
    pub enterprise: Option<String>,
    /// Only cases whose summary or a timeline entry (plan, notice, note, follow-up) holds this
    /// text, exactly as given (Chinese included; upper and lower case differ)
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseLibrary {
    /// Only this station's typical cases
    #[arg(long, value_parser = code_arg)]
    pub station: Option<String>,
    /// Only typical cases received in this period: 2024, 2024Q3, 2023-2024, …
    #[arg(long, value_parser = period_arg)]
    pub period: Option<Period>,
    /// Only this IP type
    #[arg(long)]
    pub ip_type: Option<IpType>,
    /// Only this country or region: a code (DE, US, EU) or a name (德国, Germany)
    #[arg(long, value_parser = country_arg, value_name = "COUNTRY")]
    pub country: Option<String>,
}

/// Parses a country or region of the vocabulary (a code or a name) into its code.
pub fn country_arg(s: &str) -> Result<String, String> {
    crate::model::country::Country::parse(s).map(|c| c.code().to_string())
}
