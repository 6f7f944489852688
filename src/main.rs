//! The ipguard binary: parse the command line, run it, map the outcome to an exit code.

use clap::error::ErrorKind;
use clap::FromArgMatches;
use ipguard::cli::Cli;
use ipguard::error::Error;

fn main() {
    // The language of the command line (`--lang`, else the environment's), as `run` picks it;
    // current before clap parses, so a value's parse error is in it too.
    let lang = ipguard::i18n::Lang::from_args(&std::env::args_os().collect::<Vec<_>>());
    lang.make_current();
    // Every argument is text a person typed: refuse control characters and absurd lengths
    // before anything else, so no record or table ever carries them.
    for arg in std::env::args_os().skip(1) {
        let text = arg.to_string_lossy();
        if let Err(e) = ipguard::model::text::check_text(&text) {
            let clean = |c: &char| !c.is_control() && !ipguard::model::text::forbidden(*c);
            let mut shown: String = text.chars().filter(clean).take(40).collect();
            if text.chars().filter(clean).count() > 40 {
                shown.push('…');
            }
            let text = lang.msg("arg.bad_text", &[("arg", &shown), ("error", &e)]);
            ipguard::render::note(&lang.msg("error", &[("text", &text)]));
            std::process::exit(2);
        }
    }
    let parsed = ipguard::cli::help::command().try_get_matches().and_then(|m| {
        let path = subcommand_path(&m);
        Cli::from_arg_matches(&m).map(|cli| (cli, path))
    });
    let (cli, command) = match parsed {
        Ok(ok) => ok,
        Err(e) => match e.kind() {
            ErrorKind::DisplayVersion => e.exit(),
            // `-h`, `--help`; `ipguard` or `ipguard case` alone: the help is what was asked for.
            ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                print_help(&e.render().to_string())
            }
            // A noun without its verb (or `ipguard` alone while IPGUARD_DB is set): its help.
            ErrorKind::MissingSubcommand => {
                let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
                args.push("--help".into());
                match ipguard::cli::help::command().try_get_matches_from(args) {
                    Err(help) => print_help(&help.render().to_string()),
                    Ok(_) => std::process::exit(0),
                }
            }
            _ => {
                let text = match lang {
                    ipguard::i18n::Lang::Zh => parse_error_zh(&e),
                    ipguard::i18n::Lang::En => None,
                };
                let text = text
                    .unwrap_or_else(|| format!("{} (see --help)", first_paragraph(&e.render().to_string())));
                ipguard::render::note(&text);
                std::process::exit(2);
            }
        },
    };
    if let Err(e) = ipguard::run(cli, command) {
        // One line per error: whatever a message quotes (a cell, a stored value, a path) is
        // shown with its control characters escaped, so it cannot drive the terminal.
        let one = |t: String| ipguard::model::text::escape(&t, false).into_owned();
        let error = |t: &dyn std::fmt::Display| lang.msg("error", &[("text", &t.to_string())]);
        let text = match &e {
            Error::Other(inner) => one(error(&format_args!("{inner:#}"))),
            Error::InvalidRows(lines) => lines
                .iter()
                .map(|l| one(l.clone()))
                .collect::<Vec<_>>()
                .join("\n"),
            // A finding, not a failure: the list is on stdout, this is its summary.
            Error::Late(summary) => one(summary.clone()),
            other => one(error(other)),
        };
        ipguard::render::note(&text);
        std::process::exit(e.exit_code());
    }
}

/// Prints the help clap rendered, its headings in the language of the help, and exits 0.
fn print_help(text: &str) -> ! {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = ipguard::i18n::Lang::from_args(&args);
    let _ = ipguard::render::out_bytes(ipguard::cli::help::localize_rendered(lang, text).as_bytes());
    std::process::exit(0);
}

/// Clap's parse error as one Chinese line, written from its kind and context (clap's own words
/// are English); `None` for a kind without a Chinese sentence, which shows clap's English.
fn parse_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let lang = ipguard::i18n::Lang::Zh;
    let get = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let text = match (e.kind(), arg, value) {
        (ErrorKind::UnknownArgument, Some(arg), _) => lang.msg("clap.unknown_argument", &[("arg", &arg)]),
        (ErrorKind::InvalidSubcommand, _, _) => {
            let value = get(ContextKind::InvalidSubcommand)?;
            lang.msg("clap.unknown_subcommand", &[("value", &value)])
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) if value.is_empty() => {
            lang.msg("clap.value_required", &[("arg", &arg)])
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) => {
            let valid = get(ContextKind::ValidValue).unwrap_or_default();
            lang.msg(
                "clap.invalid_value",
                &[("arg", &arg), ("value", &value), ("valid", &valid)],
            )
        }
        (ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            let reason = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            lang.msg(
                "clap.value_refused",
                &[("arg", &arg), ("value", &value), ("reason", &reason)],
            )
        }
        (ErrorKind::MissingRequiredArgument, Some(arg), _) => {
            lang.msg("clap.missing_required", &[("arg", &arg)])
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => {
            let other = get(ContextKind::PriorArg).unwrap_or_default();
            lang.msg("clap.conflict", &[("arg", &arg), ("other", &other)])
        }
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => {
            lang.msg("clap.too_many_values", &[("arg", &arg), ("value", &value)])
        }
        _ => return None,
    };
    Some(lang.msg(
        "error",
        &[("text", &lang.msg("clap.see_help", &[("text", &text)]))],
    ))
}

/// Clap's error as one line: its first paragraph with the lines joined.
fn first_paragraph(text: &str) -> String {
    text.lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The subcommands as typed (`station staff add`), for the audit log.
fn subcommand_path(m: &clap::ArgMatches) -> String {
    let mut words = Vec::new();
    let mut cur = m;
    while let Some((name, sub)) = cur.subcommand() {
        words.push(name.to_string());
        cur = sub;
    }
    words.join(" ")
}
