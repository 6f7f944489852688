//! Every subcommand explains itself with an example; version and completions work.

use crate::workdir::Workdir;
use clap::CommandFactory;

fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let here = format!("{path} {}", sub.get_name());
        let has_example = sub
            .get_after_help()
            .map(|h| h.to_string().contains("ipguard "))
            .unwrap_or(false);
        if sub.get_subcommands().next().is_none() && !has_example {
            missing.push(here.clone());
        }
        walk(sub, &here, missing);
    }
}

#[test]
fn every_subcommand_has_an_example() {
    let mut missing = Vec::new();
    walk(&ipguard::cli::Cli::command(), "ipguard", &mut missing);
    assert!(
        missing.is_empty(),
        "subcommands without an example in --help: {missing:?}"
    );
}

fn undocumented_args(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id != "help" && id != "version" && arg.get_help().is_none() && arg.get_long_help().is_none() {
            out.push(format!("{path} <{id}>"));
        }
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        undocumented_args(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_argument_says_what_it_is() {
    let mut missing = Vec::new();
    undocumented_args(&ipguard::cli::Cli::command(), "ipguard", &mut missing);
    assert!(missing.is_empty(), "arguments without help text: {missing:#?}");
}

#[test]
fn help_and_version() {
    let wd = Workdir::new();
    let help = wd.ok(&["case", "add", "--help"]);
    assert!(help.contains("Example"), "{help}");
    let v = wd.ok(&["--version"]);
    assert_eq!(v, format!("ipguard {}\n", env!("CARGO_PKG_VERSION")));
    let bash = wd.ok(&["completions", "bash"]);
    assert!(bash.contains("_ipguard()"), "{}", &bash[..200.min(bash.len())]);
    let man = wd.ok(&["man"]);
    assert!(man.starts_with(".ie"), "{}", &man[..100.min(man.len())]);
    assert!(
        wd.untouched(),
        "help, version, completions and man do not create a database"
    );
}

#[test]
fn a_closed_stderr_does_not_crash_the_exit_code() {
    let wd = Workdir::new();
    let mut child = wd
        .std_cmd(&[
            "station",
            "advance",
            "NOPE",
            "--to",
            "rejected",
            "--on",
            "2024-01-01",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // the reader went away, as with `2>&1 | head -0`
    assert_eq!(child.wait().unwrap().code(), Some(3));
}

fn all_examples(cmd: &clap::Command, out: &mut Vec<String>) {
    if let Some(h) = cmd.get_after_help() {
        out.extend(h.to_string().lines().map(str::to_string));
    }
    for sub in cmd.get_subcommands() {
        all_examples(sub, out);
    }
}

#[test]
fn every_example_line_fits_80_columns() {
    let mut lines = Vec::new();
    all_examples(&ipguard::cli::help::command(), &mut lines);
    let wide: Vec<&String> = lines
        .iter()
        .filter(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) > 80)
        .collect();
    assert!(wide.is_empty(), "example lines over 80 columns: {wide:#?}");
    assert!(lines.iter().any(|l| l.ends_with(" \\")), "no example was folded");
}

#[test]
fn a_vocabulary_flag_lists_its_values_and_their_chinese_aliases() {
    let wd = Workdir::new();
    let help = wd.ok(&["case", "close", "-h"]);
    assert!(
        help.contains("--outcome <resolved|guided|withdrawn|referred>"),
        "{help}"
    );
    assert!(
        help.contains("How the case ended: resolved 已解决, guided 已指导, withdrawn 撤回, referred 转介"),
        "{help}"
    );
    assert!(help.contains("--effective <yes|no>"), "{help}");
    // Values are still parsed, and refused, as before.
    let err = wd.fails(
        &["case", "close", "X-1", "--outcome", "done", "--effective", "yes"],
        2,
    );
    assert!(
        err.contains("`done` is not an outcome: use one of resolved (已解决)"),
        "{err}"
    );
}

#[test]
fn only_the_top_help_shows_the_global_options() {
    let wd = Workdir::new();
    let top = wd.ok(&["-h"]);
    assert!(
        top.contains("Global options:") && top.contains("--db <PATH>"),
        "{top}"
    );
    for args in [
        &["case", "add", "-h"][..],
        &["case", "add", "--help"],
        &["score", "-h"],
    ] {
        let sub = wd.ok(args);
        assert!(!sub.contains("--db <PATH>"), "{args:?}: {sub}");
        assert!(!sub.contains("Global options"), "{args:?}: {sub}");
        assert!(
            sub.contains("See `ipguard -h` for the global options"),
            "{args:?}: {sub}"
        );
    }
    // A global option still works after a subcommand.
    wd.create_db();
    wd.ok(&["station", "list", "--format", "json"]);
}

#[test]
fn an_unset_variable_is_not_shown_in_the_help() {
    let wd = Workdir::new();
    let unset = wd
        .cmd(&["--help"])
        .env_remove("IPGUARD_DB")
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    let unset = String::from_utf8(unset.stdout).unwrap();
    assert!(!unset.contains("[env: IPGUARD_DB"), "{unset}");
    assert!(!unset.contains("[env: IPGUARD_ACTOR"), "{unset}");
    let set = wd.ok(&["--help"]);
    assert!(set.contains("[env: IPGUARD_DB="), "{set}");
}

#[test]
fn bare_ipguard_and_a_bare_noun_print_their_help() {
    let wd = Workdir::new();
    let o = wd.run(&[]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "{}", o.stdout);
    assert!(o.stdout.starts_with("Records and scores"), "{}", o.stdout);
    assert!(
        o.stdout.contains("Usage: ipguard [OPTIONS] <COMMAND>"),
        "{}",
        o.stdout
    );
    let o = wd.run(&["case"]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""), "{}", o.stdout);
    assert!(o.stdout.contains("Usage: ipguard case <COMMAND>"), "{}", o.stdout);
    assert!(wd.untouched());
}

#[test]
fn yes_no_flags_take_a_value_everywhere() {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区工作站",
        "--on",
        "2024-01-05",
    ]);
    let err = wd.refused(
        &[
            "case",
            "add",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            "X",
            "--received",
            "2024-03-05",
            "--typical",
        ],
        2,
    );
    assert!(err.contains("--typical <yes|no>"), "{err}");
    wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-YZ-001",
        "--enterprise",
        "X",
        "--received",
        "2024-03-05",
        "--typical",
        "是",
    ]);
    assert_eq!(wd.query("SELECT typical FROM cases"), "1");
}

/// The `%{name}` placeholders of a catalog text, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn the_catalog_has_every_key_in_both_languages_with_the_same_placeholders() {
    let mut problems = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        files.push(path.file_name().unwrap().to_string_lossy().into_owned());
        let catalog: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (key, texts) in catalog.as_object().unwrap() {
            if key == "_version" {
                continue;
            }
            let (en, zh) = (texts["en"].as_str(), texts["zh"].as_str());
            match (en, zh) {
                (Some(en), Some(zh)) if !en.trim().is_empty() && !zh.trim().is_empty() => {
                    if placeholders(en) != placeholders(zh) {
                        problems.push(format!("{key}: placeholders differ: {en:?} / {zh:?}"));
                    }
                }
                _ => problems.push(format!("{}: {key} lacks a language", path.display())),
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    files.sort();
    assert_eq!(files, ["help.json", "messages.json"], "the catalog files checked");
}

#[test]
fn every_help_text_comes_from_the_catalog() {
    let missing: Vec<String> = ipguard::cli::help::catalog_entries()
        .into_iter()
        .filter(|(key, _)| ipguard::i18n::Lang::Zh.text(key, &[]).is_none())
        .map(|(key, en)| format!("{key}: {en}"))
        .collect();
    assert!(
        missing.is_empty(),
        "help texts without a catalog entry: {missing:#?}"
    );
    // The English catalog says what the code's doc comments say, so they never drift apart.
    let drifted: Vec<String> = ipguard::cli::help::catalog_entries()
        .into_iter()
        .filter(|(key, en)| ipguard::i18n::Lang::En.text(key, &[]).as_deref() != Some(en.as_str()))
        .map(|(key, en)| format!("{key}: {en}"))
        .collect();
    assert!(
        drifted.is_empty(),
        "doc comments that differ from the English catalog: {drifted:#?}"
    );
    // After-help texts with prose are in the catalog too, the English one as in the code.
    let prose: Vec<String> = ipguard::cli::help::prose_after_help()
        .into_iter()
        .filter(|(key, en)| {
            ipguard::i18n::Lang::Zh.text(key, &[]).is_none()
                || ipguard::i18n::Lang::En.text(key, &[]).as_deref() != Some(en.as_str())
        })
        .map(|(key, _)| key)
        .collect();
    assert!(
        prose.is_empty(),
        "after-help prose missing from the catalog or drifted: {prose:#?}"
    );
    // Every comment of an example has its translation.
    let mut lines = Vec::new();
    all_examples(
        &ipguard::cli::help::command_in(ipguard::i18n::Lang::Zh),
        &mut lines,
    );
    let untranslated: Vec<&String> = lines
        .iter()
        .filter(|l| l.split_once("# ").is_some_and(|(_, c)| c.is_ascii()))
        .collect();
    assert!(
        untranslated.is_empty(),
        "example comments not in the catalog: {untranslated:#?}"
    );
}

#[test]
fn the_help_is_chinese_under_a_chinese_locale_or_lang() {
    let wd = Workdir::new();
    let by_lang = wd.ok(&["--lang", "zh", "case", "close", "-h"]);
    let by_locale = wd
        .cmd(&["case", "close", "-h"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let by_var = wd
        .cmd(&["case", "close", "-h"])
        .env("IPGUARD_LANG", "zh")
        .output()
        .unwrap();
    assert_eq!(by_lang, String::from_utf8(by_locale.stdout).unwrap());
    assert_eq!(by_lang, String::from_utf8(by_var.stdout).unwrap());
    for line in [
        "记录一件案件已办结，及其处理结果",
        "用法：ipguard case close [OPTIONS]",
        "参数：",
        "选项：",
        "          处理结果：resolved 已解决，guided 已指导，withdrawn 撤回，referred 转介",
        "          办结日期 [默认：今天]",
        "示例：",
        "全局选项（--db、--lang、--format 等）见 `ipguard -h`。",
    ] {
        assert!(by_lang.contains(line), "missing {line:?} in:\n{by_lang}");
    }
    for english in ["Usage:", "Options:", "Print help", "Example", "[default"] {
        assert!(!by_lang.contains(english), "{english:?} in:\n{by_lang}");
    }
    // C and POSIX locales are English.
    for locale in ["C", "C.UTF-8", "POSIX"] {
        let o = wd
            .cmd(&["case", "close", "-h"])
            .env("LANG", locale)
            .output()
            .unwrap();
        assert!(
            String::from_utf8(o.stdout)
                .unwrap()
                .starts_with("Record that a case was closed"),
            "{locale}"
        );
    }
    let top = wd.ok(&["--lang", "zh", "-h"]);
    assert!(
        top.contains("全局选项：") && top.contains("命令：") && top.contains("显示本帮助"),
        "{top}"
    );
}
