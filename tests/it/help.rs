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
        !wd.db().exists(),
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
