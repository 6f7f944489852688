//! The help as people read it: the command built by clap's derive, then polished once before
//! parsing (and for the man page and completions):
//!
//! - every flag that takes a value of a vocabulary shows its values (`<resolved|guided|…>`) and
//!   their Chinese aliases in `-h`;
//! - examples longer than 80 columns are broken with ` \` between arguments, never inside one;
//! - a subcommand's help does not repeat the global options (only `ipguard -h` has them; a line
//!   says where they are);
//! - `[env: IPGUARD_DB=]` is shown only when the variable is set;
//! - a command that needs a subcommand prints its help when given none.

use crate::i18n::Lang;
use crate::model::enums::Vocabulary;
use clap::builder::{PossibleValue, StyledStr, TypedValueParser, ValueParserFactory};
use clap::Command;
use std::marker::PhantomData;

/// The widest an example line may be.
const EXAMPLE_WIDTH: usize = 80;

/// Parses a vocabulary value exactly as its `FromStr` does (same messages), and tells clap its
/// values so that help and completions list them.
#[derive(Clone)]
pub struct VocabParser<T>(PhantomData<T>);

impl<T: Vocabulary + Clone> TypedValueParser for VocabParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        clap::builder::StringValueParser::new()
            .try_map(|s| s.parse::<T>())
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            T::all()
                .iter()
                .map(|v| PossibleValue::new(v.value()).help(v.alias())),
        ))
    }
}

macro_rules! vocab_parsers {
    ($($t:ident),+ $(,)?) => {
        $(impl ValueParserFactory for crate::model::enums::$t {
            type Parser = VocabParser<crate::model::enums::$t>;
            fn value_parser() -> Self::Parser {
                VocabParser(PhantomData)
            }
        })+
    };
}

vocab_parsers!(
    StationLevel,
    StationStatus,
    YesNo,
    ExpertKind,
    CaseSource,
    CaseKind,
    IpType,
    DisputeType,
    WarningLevel,
    Outcome,
    ActivityKind,
    ReportKind,
    CaseEventKind,
    AssessmentKind,
    Satisfaction,
);

/// The command line as people see it, in the language asked for on it (`--lang`) or by the
/// environment.
pub fn command() -> Command {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    command_in(Lang::from_args(&args))
}

/// The command line with its help in `lang`, every text from the catalog.
pub fn command_in(lang: Lang) -> Command {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command().arg_required_else_help(true);
    cmd.build();
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    polish(
        cmd,
        &Place {
            lang,
            globals: &globals,
            key: "help".into(),
            root: true,
        },
    )
}

/// Where in the command tree polishing is.
struct Place<'a> {
    lang: Lang,
    globals: &'a [String],
    /// The catalog key of this command (`help.case.add`).
    key: String,
    root: bool,
}

/// The catalog's text for `key`, or `fallback` when the catalog has none (a test keeps the
/// catalog complete).
fn said(lang: Lang, key: &str, fallback: &str) -> String {
    lang.text(key, &[]).unwrap_or_else(|| fallback.to_string())
}

fn polish(mut cmd: Command, at: &Place) -> Command {
    let lang = at.lang;
    if let Some(about) = cmd.get_about().map(|a| a.to_string()) {
        let text = said(lang, &at.key, &about);
        cmd = cmd.about(text.clone()).long_about(text);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let global = at.globals.contains(&id);
        let key = if global {
            format!("help.global.{id}")
        } else {
            format!("{}.{id}", at.key)
        };
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = match id.as_str() {
                "help" => a.help(said(lang, "help.ui.help", "Print help")),
                "version" => a.help(said(lang, "help.ui.version", "Print version")),
                _ => match a.get_help().map(|h| h.to_string()) {
                    Some(h) => {
                        let text = said(lang, &key, &h);
                        a.help(text.clone()).long_help(text)
                    }
                    None => a,
                },
            };
            let a = list_values(a, lang);
            let a = specs(a, lang);
            let a = match a.get_env() {
                Some(var) if std::env::var_os(var).is_none() => a.hide_env(true),
                _ => a,
            };
            if !at.root && global {
                a.hide(true)
            } else {
                a
            }
        });
    }
    let footer = said(
        lang,
        "help.ui.see_global",
        "See `ipguard -h` for the global options.",
    );
    // An after-help with prose of its own (not only examples) has its text in the catalog.
    let after = cmd.get_after_help().map(|h| {
        let text = lang
            .text(&format!("{}.after", at.key), &[])
            .unwrap_or_else(|| h.to_string());
        fold_examples(&examples_in(lang, &text))
    });
    cmd = match (after, at.root) {
        (Some(text), true) => cmd.after_help(text),
        (Some(text), false) => cmd.after_help(format!("{text}\n\n{footer}")),
        (None, true) => cmd,
        (None, false) => cmd.after_help(footer),
    };
    if lang != Lang::En && cmd.get_subcommands().any(|c| c.get_name() == "help") {
        cmd = cmd.mut_subcommand("help", |h| {
            h.about(said(
                lang,
                "help.ui.help_command",
                "Print this message or the help of the given subcommand(s)",
            ))
        });
    }
    if cmd.has_subcommands() {
        cmd = cmd.arg_required_else_help(true);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let place = Place {
            lang,
            globals: at.globals,
            key: format!("{}.{name}", at.key),
            root: false,
        };
        cmd = cmd.mut_subcommand(name.as_str(), |sub| polish(sub, &place));
    }
    cmd
}

/// The help clap rendered, with clap's own headings in `lang` (`Usage:` → `用法：`, …).
pub fn localize_rendered(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let heading = |key: &str, en: &str| format!("{}：", said(lang, key, en));
    text.lines()
        .map(|line| match line {
            "Arguments:" => heading("help.ui.arguments", "Arguments"),
            "Options:" => heading("help.ui.options", "Options"),
            "Commands:" => heading("help.ui.commands", "Commands"),
            "Global options:" => heading("help.ui.global", "Global options"),
            _ => match line.strip_prefix("Usage: ") {
                Some(rest) => format!("{}{rest}", said(lang, "help.ui.usage", "Usage:")),
                None => line.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// The comments of the examples that the catalog translates.
const COMMENTS: &[&str] = &[
    "help.comment.head_in_log",
    "help.comment.dir_all",
    "help.comment.export_dir",
    "help.comment.bom",
    "help.comment.demo_db",
    "help.comment.demo_export",
];

/// An `Examples:` block in `lang`: its heading and the comments after `# `; the commands are
/// what people type and stay as they are.
fn examples_in(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let heading = said(lang, "help.ui.examples", "Examples:");
    text.lines()
        .map(|line| {
            if line == "Examples:" || line == "Example:" {
                return heading.clone();
            }
            match line.split_once("# ") {
                Some((command, comment)) => {
                    let zh = COMMENTS.iter().find_map(|k| {
                        (Lang::En.text(k, &[]).as_deref() == Some(comment.trim()))
                            .then(|| said(lang, k, comment))
                    });
                    format!("{command}# {}", zh.unwrap_or_else(|| comment.to_string()))
                }
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// clap's own `[default: …]`, `[possible values: …]` in `lang` (English keeps clap's).
fn specs(a: clap::Arg, lang: Lang) -> clap::Arg {
    if lang == Lang::En {
        return a;
    }
    let mut help = a.get_help().map(StyledStr::to_string).unwrap_or_default();
    let mut a = a;
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() && a.get_action().takes_values() {
        help.push_str(&format!(
            " [{}]",
            said_with(lang, "help.ui.default", "value", &defaults.join("、"))
        ));
        a = a.hide_default_value(true);
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        help.push_str(&format!(
            " [{}]",
            said_with(lang, "help.ui.values", "values", &values.join("、"))
        ));
        a = a.hide_possible_values(true);
    }
    a.help(help.clone()).long_help(help)
}

fn said_with(lang: Lang, key: &str, name: &str, value: &str) -> String {
    lang.text(key, &[(name, value)])
        .unwrap_or_else(|| value.to_string())
}

/// A vocabulary flag shows its values as its value name and their aliases in its help.
fn list_values(a: clap::Arg, lang: Lang) -> clap::Arg {
    let values = a.get_possible_values();
    let aliased = !values.is_empty()
        && values.iter().all(|v| {
            v.get_help()
                .is_some_and(|h| !h.to_string().chars().any(|c| c.is_ascii_alphabetic()))
        });
    if !aliased || a.is_hide_possible_values_set() {
        return a;
    }
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let pairs: Vec<String> = values
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.get_name(),
                v.get_help().map(StyledStr::to_string).unwrap_or_default()
            )
        })
        .collect();
    let help = a.get_help().map(StyledStr::to_string).unwrap_or_default();
    let (text, default) = match help.find(" [default: ").or_else(|| help.find(" [默认")) {
        Some(i) => (&help[..i], &help[i..]),
        None => (help.as_str(), ""),
    };
    let help = match lang {
        Lang::En => format!("{text}: {}{default}", pairs.join(", ")),
        Lang::Zh => format!("{text}：{}{default}", pairs.join("，")),
    };
    let name = names.join("|");
    a.value_name(name)
        .help(help.clone())
        .long_help(help)
        .hide_possible_values(true)
}

/// Example lines longer than [`EXAMPLE_WIDTH`] broken with ` \` before an option, never
/// inside an argument (quotes are respected); the continuation lines are indented.
pub fn fold_examples(text: &str) -> String {
    // Lines already continued with ` \` are joined first, then folded as one command.
    let mut joined: Vec<String> = Vec::new();
    let mut continued = false;
    for line in text.lines() {
        match joined.last_mut() {
            Some(last) if continued => {
                last.push(' ');
                last.push_str(line.trim_start());
            }
            _ => joined.push(line.to_string()),
        }
        continued = line.ends_with(" \\");
        if continued {
            if let Some(last) = joined.last_mut() {
                last.truncate(last.len() - 2);
            }
        }
    }
    joined.iter().map(|l| fold_line(l)).collect::<Vec<_>>().join("\n")
}

fn fold_line(line: &str) -> String {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let indent = line.len() - line.trim_start().len();
    if width(line) <= EXAMPLE_WIDTH || !line.trim_start().starts_with("ipguard ") {
        return line.to_string();
    }
    if let Some((command, comment)) = line.split_once(" # ") {
        // The comment goes on a line of its own, above the command.
        let pad = " ".repeat(indent);
        return format!("{pad}# {}\n{}", comment.trim(), fold_line(command.trim_end()));
    }
    let words = shell_words(line.trim_start());
    let cont = " ".repeat(indent + 4);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = " ".repeat(indent);
    let mut cur_has_word = false;
    let mut i = 0;
    while i < words.len() {
        // An option and its value stay together.
        let mut group = words[i].clone();
        if words[i].starts_with("--") && i + 1 < words.len() && !words[i + 1].starts_with("--") {
            group = format!("{} {}", words[i], words[i + 1]);
            i += 1;
        }
        i += 1;
        let add = if cur_has_word { 1 } else { 0 } + width(&group);
        if cur_has_word && width(&cur) + add + 2 > EXAMPLE_WIDTH {
            lines.push(format!("{cur} \\"));
            cur = format!("{cont}{group}");
        } else {
            if cur_has_word {
                cur.push(' ');
            }
            cur.push_str(&group);
        }
        cur_has_word = true;
    }
    lines.push(cur);
    lines.join("\n")
}

/// The words of a command line, a quoted word kept whole with its quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, ' ') => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Every text of the help that the catalog holds, as (key, English text): each command's
/// about line and each argument's help. Keys: `help.<command path>` for a command (`help` for
/// ipguard itself), `help.<command path>.<argument id>` for an argument, `help.global.<id>`
/// for a global option.
pub fn catalog_entries() -> Vec<(String, String)> {
    let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    walk_entries(&cmd, "help", true, &mut out);
    out
}

/// The after-help texts with prose of their own (lines that are neither a heading, a command
/// nor its continuation), as (key, text): the catalog must hold each under `<key>.after`.
pub fn prose_after_help() -> Vec<(String, String)> {
    fn walk(cmd: &Command, key: &str, out: &mut Vec<(String, String)>) {
        if let Some(h) = cmd.get_after_help().map(|h| h.to_string()) {
            let prose = h.lines().map(str::trim).any(|l| {
                !(l.is_empty()
                    || l == "Example:"
                    || l == "Examples:"
                    || l.contains("ipguard ")
                    || l.starts_with("export ")
                    || l.starts_with("--"))
            });
            if prose {
                out.push((format!("{key}.after"), h));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{key}.{}", sub.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(
        &<crate::cli::Cli as clap::CommandFactory>::command(),
        "help",
        &mut out,
    );
    out
}

fn walk_entries(cmd: &Command, key: &str, root: bool, out: &mut Vec<(String, String)>) {
    if let Some(about) = cmd.get_about() {
        out.push((key.to_string(), about.to_string()));
    }
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        if let Some(h) = a.get_help() {
            let k = if a.is_global_set() {
                format!("help.global.{id}")
            } else {
                format!("{key}.{id}")
            };
            if !a.is_global_set() || root {
                out.push((k, h.to_string()));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        walk_entries(sub, &format!("{key}.{}", sub.get_name()), false, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_examples_break_between_arguments() {
        let line = "  ipguard case add --station CQ-YZ-001 --enterprise 重庆某某科技有限公司 --received 2024-03-05 --note 'a b c'";
        let folded = fold_examples(line);
        for l in folded.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(l) <= EXAMPLE_WIDTH,
                "{folded}"
            );
        }
        assert_eq!(
            folded,
            "  ipguard case add --station CQ-YZ-001 --enterprise 重庆某某科技有限公司 \\\n      --received 2024-03-05 --note 'a b c'"
        );
        assert_eq!(fold_examples("  ipguard check"), "  ipguard check");
        assert_eq!(fold_examples("  ipguard a \\\n    --b c"), "  ipguard a --b c");
    }
}
