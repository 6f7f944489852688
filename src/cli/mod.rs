//! The command line: global flags and one subcommand per noun. Each noun's arguments live in
//! its own module; `crate::commands` turns them into domain calls.

use crate::i18n::Lang;
use crate::render::{Format, TableStyle};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub mod activity;
pub mod assess;
pub mod audit;
pub mod award;
pub mod case;
pub mod complaint;
pub mod copy;
pub mod csv;
pub mod demo;
pub mod help;
pub mod report;
pub mod resources;
pub mod rubric;
pub mod score;
pub mod server;
pub mod station;

const EXAMPLES: &str = "\
Examples:
  ipguard station add CQ-YZ-001 --name 渝中区海外知识产权纠纷应对指导工作站 --on 2024-01-05
  ipguard case add --station CQ-YZ-001 --enterprise 重庆某某科技有限公司 --received 2024-03-05
  ipguard score --station CQ-YZ-001 --period 2024
  ipguard --db office.db case list --open";

/// ipguard records the cases and activities of overseas IP dispute guidance workstations
/// (海外知识产权纠纷应对指导工作站) and computes their official assessment from those records.
#[derive(Debug, Parser)]
#[command(name = "ipguard", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand accepts.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The database file (created by the first command that writes), or a server
    /// postgres://USER@HOST[:PORT]/DB [default: ipguard.db in the user's data directory]
    #[arg(long, global = true, env = "IPGUARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of labels for people [default: zh when the locale is zh_*, else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Output format [default: table; markdown for generated reports]
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Table borders: utf8, or ascii for consoles that draw box characters double-width
    #[arg(long, global = true, value_enum, default_value = "utf8")]
    pub style: TableStyle,
    /// Show free text in tables whole, wrapped, instead of cut with … to the terminal's width
    #[arg(long, global = true)]
    pub wide: bool,
    /// Who is writing, for the audit log [default: the OS user]
    #[arg(long, global = true, env = "IPGUARD_ACTOR", value_name = "NAME")]
    pub actor: Option<String>,
    /// A rubric JSON file to use for this command instead of the one in force
    #[arg(long, global = true, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register stations, advance their lifecycle, record staff, experts and funding
    Station(station::StationArgs),
    /// Record cases: add, accept, close, follow up, transfer, list, show
    Case(case::CaseArgs),
    /// Compute a station's score, or rank every station
    #[command(
        after_help = "Examples:\n  ipguard score --station CQ-YZ-001 --period 2024 --as-of 2025-03-01 --explain\n  ipguard score --all --period 2024 --format json"
    )]
    Score(score::ScoreArgs),
    /// Show, export, check or choose the rubric in force
    Rubric(rubric::RubricArgs),
    /// Record and list trainings, publicity, publications, aid guidance and referrals
    Activity(activity::ActivityArgs),
    /// Reports: record submissions, generate the quarterly and annual documents, see what is due
    Report(report::ReportArgs),
    /// Record and list bonus awards
    Award(award::AwardArgs),
    /// Record and list complaints against stations
    Complaint(complaint::ComplaintArgs),
    /// The tamper-evident audit log: list, verify, head
    Audit(audit::AuditArgs),
    /// Copy the database with SQLite's online backup (consistent while others write)
    Backup(audit::BackupArgs),
    /// Copy every record and the audit log into a new or empty store: file or server, either way
    #[command(
        after_help = "Examples:\n  ipguard copy --from office.db --to postgres://office@db.example/ipguard\n  ipguard copy --from postgres://office@db.example/ipguard --to copy.db"
    )]
    Copy(copy::CopyArgs),
    /// Check the database: integrity, references and the audit chain (exit 5 on damage)
    #[command(after_help = "Example:\n  ipguard check || echo 'damage found'")]
    Check,
    /// Import records from a CSV file (or every <KIND>.csv of a directory)
    #[command(after_help = csv::IMPORT_HELP)]
    Import(csv::ImportArgs),
    /// Export records as CSV (the columns import reads)
    #[command(after_help = csv::EXPORT_HELP)]
    Export(csv::ExportArgs),
    /// Load the built-in demo dataset into a fresh database and print its ranking and a scorecard
    #[command(after_help = demo::DEMO_HELP)]
    Demo(demo::DemoArgs),
    /// The city's shared PostgreSQL server: create or upgrade ipguard's schema and roles
    Server(server::ServerArgs),
    /// Users of the server: login roles of the office, auditors and stations
    User(server::UserArgs),
    /// Print a shell completion script
    #[command(after_help = "Example:\n  ipguard completions bash > /etc/bash_completion.d/ipguard")]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(after_help = "Example:\n  ipguard man > ipguard.1 && man ./ipguard.1")]
    Man,
}

/// Parses a date argument (same forms as CSV cells).
pub fn date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::model::date::parse_date(s)
}

/// Parses a period argument.
pub fn period_arg(s: &str) -> Result<crate::model::Period, String> {
    s.parse()
}

/// Parses a code or id argument.
pub fn code_arg(s: &str) -> Result<String, String> {
    crate::model::check_code("code", s)
}
