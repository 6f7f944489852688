//! One module per noun: each turns parsed arguments into domain and store calls and hands the
//! result to `render`. Nothing below this layer parses arguments: the few value types the
//! command line names directly (`Lang`, `Format`, `TableStyle`, CSV `Kind` and `Encoding`)
//! only derive `clap::ValueEnum` so that `--help` can list their values.

mod activity;
mod assess;
mod audit;
mod award;
mod case;
mod case_overdue;
mod case_view;
mod complaint;
mod copy;
mod csv;
mod demo;
mod importing;
mod lookup;
mod report;
mod report_doc;
mod report_due;
mod resources;
mod rubric;
mod score;
mod server;
mod station;

use crate::cli::case::CaseCommand;
use crate::cli::report::ReportCommand;
use crate::cli::station::StationCommand;
use crate::cli::{Cli, Command, GlobalArgs};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::CaseSource;
use crate::render::{Format, Look};
use crate::store::{Reader, Store, WriteContext};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What every command needs besides its own arguments.
pub struct Ctx {
    pub db: PathBuf,
    pub lang: Lang,
    /// Whether `--lang` was given (machine output stays English unless it was).
    pub lang_given: bool,
    pub format: Option<Format>,
    /// How tables are drawn (`--style`, `--wide`).
    pub style: Look,
    pub actor: String,
    pub rubric_file: Option<PathBuf>,
    /// "Today", pinned by `IPGUARD_TODAY` when set.
    pub today: NaiveDate,
    /// The command as typed, for the audit log (`case add`).
    pub command: String,
}

impl Ctx {
    fn new(global: GlobalArgs, command: String) -> Result<Ctx> {
        let db = match global.db {
            Some(p) => p,
            None => {
                let p = crate::store::default_path()
                    .ok_or_else(|| Error::Usage(crate::i18n::Lang::current().msg("server.no_home", &[])))?;
                // Only a command that writes creates the database, and so its directory.
                if let Some(dir) = p.parent().filter(|_| !reads_only(&command)) {
                    std::fs::create_dir_all(dir)?;
                }
                p
            }
        };
        let actor = global
            .actor
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("LOGNAME").ok())
            .or_else(|| whoami::fallible::username().ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "unknown".into());
        let lang = global.lang.unwrap_or_else(Lang::detect);
        // Helpers that refuse without a `Ctx` at hand (an unknown station or case) read it.
        lang.make_current();
        Ok(Ctx {
            db,
            lang_given: global.lang.is_some(),
            lang,
            format: global.format,
            style: Look {
                border: global.style,
                wide: global.wide,
            },
            actor,
            rubric_file: global.rubric,
            today: crate::model::date::today().map_err(Error::Usage)?,
            command,
        })
    }

    /// Opens the database: creating it on first use for a command that writes; a command that
    /// only reads refuses a file that does not exist (a mistyped path is not an empty office).
    pub fn store(&self) -> Result<Store> {
        if let Some(url) = self.db.to_str().filter(|s| crate::store::server::is_url(s)) {
            return Store::connect(url);
        }
        if self.reads_only() {
            Store::open_existing(&self.db)
        } else {
            Store::open(&self.db)
        }
    }

    /// The database as messages name it: the path, or a server's `USER@HOST:PORT/DB` (never
    /// the URL as typed, which could carry what should not be repeated).
    pub fn db_shown(&self) -> String {
        shown(&self.db.to_string_lossy())
    }

    /// Whether the command only reads the database (check, audit, backup, export, score,
    /// report due / generate, every list and show, rubric show / export / check).
    pub fn reads_only(&self) -> bool {
        reads_only(&self.command)
    }

    /// Who writes, with which command: for the audit log.
    pub fn writer(&self) -> WriteContext {
        WriteContext {
            actor: self.actor.clone(),
            command: self.command.clone(),
        }
    }

    /// The output format, `table` unless chosen; refuses formats the command does not offer.
    pub fn format(&self, offered: &[Format]) -> Result<Format> {
        let f = self.format.unwrap_or(offered[0]);
        if !offered.contains(&f) {
            let names: Vec<String> = offered.iter().map(|f| format!("{f:?}").to_lowercase()).collect();
            let l = self.lang;
            let allowed = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => l.msg(
                    "format.alternatives",
                    &[("some", &rest.join(", ")), ("last", last)],
                ),
                _ => names.join(""),
            };
            return Err(Error::Usage(l.msg(
                "format.refused",
                &[
                    ("format", &format!("{f:?}").to_lowercase()),
                    ("allowed", &allowed),
                ],
            )));
        }
        Ok(f)
    }

    /// The rubric in force: `--rubric FILE`, else the one recorded in the database, else the
    /// embedded default.
    pub fn rubric(&self, r: &Reader<'_>) -> Result<crate::rubric::Rubric> {
        rubric::in_force(self, r)
    }

    /// The language given with `--lang`, else `default`: machine output is English and
    /// documents for the city office Chinese, whatever the locale.
    pub fn lang_or(&self, default: Lang) -> Lang {
        if self.lang_given {
            self.lang
        } else {
            default
        }
    }

    /// The format of a `list` command: a table, JSON, or CSV with the export's columns.
    pub fn list_format(&self) -> Result<Format> {
        self.format(&[Format::Table, Format::Json, Format::Csv])
    }

    /// Refuses a date after today (for things that happened); `what` is the catalog key of
    /// the date's name (`when.closed`: "the closing date").
    pub fn not_future(&self, what: &str, d: NaiveDate) -> Result<()> {
        if d > self.today {
            let l = self.lang;
            return Err(Error::Invalid(l.msg(
                "when.future",
                &[
                    ("what", &l.msg(what, &[])),
                    ("date", &crate::model::date::fmt(d)),
                    ("today", &crate::model::date::fmt(self.today)),
                ],
            )));
        }
        Ok(())
    }
}

/// A store (a path or a `postgres://` URL) as messages name it.
pub fn shown(db: &str) -> String {
    if crate::store::server::is_url(db) {
        crate::store::server::resolve(db, &crate::store::server::process_env)
            .map(|t| t.shown())
            .unwrap_or_else(|_| "postgres://…".to_string())
    } else {
        db.to_string()
    }
}

/// Whether the command (as typed: `case list`) only reads the database.
fn reads_only(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    matches!(first, "check" | "audit" | "score" | "export" | "backup")
        || matches!(last, "list" | "show" | "due" | "generate")
        || (first == "rubric" && matches!(last, "export" | "check"))
}

/// Runs the parsed command line.
pub fn run(cli: Cli, name: String) -> Result<()> {
    if let Command::Completions { shell } = cli.command {
        let mut cmd = crate::cli::help::command();
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, "ipguard", &mut script);
        return crate::render::out_bytes(&script);
    }
    if let Command::Man = cli.command {
        let cmd = crate::cli::help::command();
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        return crate::render::out_bytes(&page);
    }
    let mut global = cli.global;
    if matches!(cli.command, Command::Demo(_)) && global.db.is_none() {
        global.db = Some(demo::DEFAULT_DB.into());
    }
    // A server (`--db postgres://…`): every command but `backup` works there as on a file.
    let server_url = global
        .db
        .as_ref()
        .and_then(|p| p.to_str())
        .filter(|s| crate::store::server::is_url(s))
        .map(str::to_string);
    let on_server = matches!(cli.command, Command::Server(_) | Command::User(_));
    match &server_url {
        None if on_server => {
            return Err(Error::Usage(
                crate::i18n::Lang::current().msg("server.needed", &[]),
            ))
        }
        Some(_) if global.actor.is_some() => {
            return Err(Error::Usage(
                crate::i18n::Lang::current().msg("server.actor", &[]),
            ))
        }
        _ => {}
    }
    let ctx = Ctx::new(global, name)?;
    dispatch(&ctx, cli.command, server_url.as_deref())
}

/// Runs one command with its context (`server_url` for the commands that work on a server).
/// `demo` runs `score` through here too.
fn dispatch(ctx: &Ctx, command: Command, server_url: Option<&str>) -> Result<()> {
    match command {
        Command::Server(a) => server::server(ctx, server_url.unwrap_or_default(), a),
        Command::User(a) => server::user(ctx, server_url.unwrap_or_default(), a),
        Command::Station(a) => run_station(ctx, a.command),
        Command::Case(a) => run_case(ctx, a.command),
        Command::Activity(a) => activity::run(ctx, a),
        Command::Report(a) => run_report(ctx, a.command),
        Command::Award(a) => award::run(ctx, a),
        Command::Complaint(a) => complaint::run(ctx, a),
        Command::Audit(a) => audit::run(ctx, a),
        Command::Backup(a) => audit::backup(ctx, a),
        Command::Check => audit::check(ctx),
        Command::Copy(a) => copy::run(ctx, a),
        Command::Import(a) => csv::import(ctx, a),
        Command::Export(a) => csv::export(ctx, a),
        Command::Score(a) => score::run(ctx, a),
        Command::Rubric(a) => rubric::run(ctx, a),
        Command::Demo(a) => demo::run(ctx, a),
        Command::Completions { .. } | Command::Man => Ok(()),
    }
}

/// `ipguard station …`: the station's own steps, its assessment and its resources.
fn run_station(ctx: &Ctx, command: StationCommand) -> Result<()> {
    match command {
        StationCommand::Add(a) => station::add(ctx, a),
        StationCommand::Conditions(a) => station::conditions(ctx, a),
        StationCommand::Advance(a) => station::advance(ctx, a),
        StationCommand::List => station::list(ctx),
        StationCommand::Show { code, explain } => station::show(ctx, &code, explain),
        StationCommand::Assess(a) => assess::assess(ctx, a),
        StationCommand::Staff(a) => resources::staff(ctx, a),
        StationCommand::Expert(a) => resources::expert(ctx, a),
        StationCommand::Funding(a) => resources::funding(ctx, a),
    }
}

/// `ipguard case …`: the steps of a case (`case`), its lists and views (`case_view`).
fn run_case(ctx: &Ctx, command: CaseCommand) -> Result<()> {
    match command {
        CaseCommand::Add(a) => case::create(ctx, a.new, a.source.unwrap_or(CaseSource::Enterprise)),
        CaseCommand::Transfer(n) => case::create(ctx, n, CaseSource::CityTransfer),
        CaseCommand::Accept(a) => case::accept(ctx, a),
        CaseCommand::Close(a) => case::close(ctx, a),
        CaseCommand::FollowUp(a) => case::follow_up(ctx, a),
        CaseCommand::Note(a) => case::note(ctx, a),
        CaseCommand::Notices(a) => case_view::notices(ctx, a),
        CaseCommand::Reason(a) => case::reason(ctx, a),
        CaseCommand::Set(a) => case::set(ctx, a),
        CaseCommand::List(a) if a.overdue => case_overdue::list(ctx, a),
        CaseCommand::List(a) => case_view::list(ctx, a),
        CaseCommand::Show { id } => case_view::show(ctx, &id),
    }
}

/// `ipguard report …`: submissions (`report`), the annual document and what is due.
fn run_report(ctx: &Ctx, command: ReportCommand) -> Result<()> {
    match command {
        ReportCommand::Submit(a) => report::submit(ctx, a),
        ReportCommand::List(a) => report::list(ctx, a),
        ReportCommand::Generate(a) => report_doc::generate(ctx, a),
        ReportCommand::Due(a) => report_due::due(ctx, a),
    }
}

/// Records a checked step: the station's new status and its history entry.
pub fn record_step(
    w: &mut crate::store::Writer<'_>,
    before: &crate::model::recorded::Station,
    after: &crate::model::recorded::Station,
    note: &str,
) -> Result<()> {
    crate::store::stations::update(w, before, after)?;
    let on = after.status_on.unwrap_or_default();
    crate::store::stations::add_history(w, &after.code, after.status, on, note)
}

/// Prints the records of a `list` command: a table for people (`header`, and `cells` of each
/// record), JSON, or CSV with exactly the columns of `ipguard export` through its writer.
pub fn print_records<R: crate::csvio::kinds::CsvRecord + serde::Serialize>(
    ctx: &Ctx,
    format: Format,
    rows: &[R],
    header: &[&str],
    cells: impl Fn(&R) -> Vec<String>,
) -> Result<()> {
    match format {
        Format::Json => crate::render::json(rows),
        Format::Csv => crate::render::csv(|out| crate::csvio::export::write_records(rows, out, false)),
        _ => {
            if rows.is_empty() {
                crate::render::note(&nothing_to_list(R::KIND, ctx.lang));
            }
            let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
            crate::render::out(&crate::render::table(ctx.style, header, &body))
        }
    }
}

/// The line on stderr under an empty table: what would fill it (the catalog's
/// `empty.<kind>`, which `tests/it/i18n.rs` checks every kind has).
pub fn nothing_to_list(kind: crate::csvio::Kind, lang: Lang) -> String {
    lang.msg(&format!("empty.{}", kind.name()), &[])
}
