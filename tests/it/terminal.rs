//! What a person at a terminal sees: pipes that close early, tables at the terminal's width,
//! help that says what to type.

use crate::workdir::Workdir;
use std::process::Stdio;

/// Runs ipguard with its stdout a pipe whose reader is gone before anything is written, as
/// `ipguard … | head -0` would leave it; returns the exit code and stderr.
fn into_closed_pipe(wd: &Workdir, args: &[&str]) -> (i32, String) {
    let mut child = wd
        .std_cmd(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ipguard");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for ipguard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completions_end_quietly_when_the_reader_goes_away() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish"] {
        assert_eq!(
            into_closed_pipe(&wd, &["completions", shell]),
            (0, String::new()),
            "{shell}"
        );
    }
}

#[test]
fn the_man_page_ends_quietly_when_the_reader_goes_away() {
    let wd = Workdir::new();
    for _ in 0..5 {
        assert_eq!(into_closed_pipe(&wd, &["man"]), (0, String::new()));
    }
}

#[test]
fn lists_and_documents_end_quietly_when_the_reader_goes_away() {
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
    for args in [
        &["station", "list"][..],
        &["rubric", "show"],
        &["rubric", "export"],
        &["export", "stations"],
        &["station", "list", "--format", "json"],
        &["--help"],
        &["case", "add", "--help"],
        &["--version"],
    ] {
        assert_eq!(into_closed_pipe(&wd, args), (0, String::new()), "{args:?}");
    }
}
