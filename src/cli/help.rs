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
);

/// The command line as people see it.
pub fn command() -> Command {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command().arg_required_else_help(true);
    cmd.build();
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    polish(cmd, &globals, true)
}

fn polish(mut cmd: Command, globals: &[String], root: bool) -> Command {
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = list_values(a);
            let a = match a.get_env() {
                Some(var) if std::env::var_os(var).is_none() => a.hide_env(true),
                _ => a,
            };
            if !root && globals.contains(&id) {
                a.hide(true)
            } else {
                a
            }
        });
    }
    if let Some(after) = cmd.get_after_help().map(|h| h.to_string()) {
        let mut text = fold_examples(&after);
        if !root {
            text.push_str("\n\nSee `ipguard -h` for the global options (--db, --lang, --format, …).");
        }
        cmd = cmd.after_help(text);
    } else if !root {
        cmd = cmd.after_help("See `ipguard -h` for the global options (--db, --lang, --format, …).");
    }
    if cmd.has_subcommands() {
        cmd = cmd.arg_required_else_help(true);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name.as_str(), |sub| polish(sub, globals, false));
    }
    cmd
}

/// A vocabulary flag shows its values as its value name and their aliases in its help.
fn list_values(a: clap::Arg) -> clap::Arg {
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
    let (text, default) = match help.find(" [default: ") {
        Some(i) => (&help[..i], &help[i..]),
        None => (help.as_str(), ""),
    };
    let help = format!("{text}: {}{default}", pairs.join(", "));
    let name = names.join("|");
    a.value_name(name).help(help).hide_possible_values(true)
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
