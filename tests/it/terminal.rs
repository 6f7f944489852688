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

/// Runs ipguard on a pseudo-terminal `cols` wide (util-linux `script`), as a person at a
/// terminal of that size would; returns what the terminal showed, with `\r\n` as `\n`.
fn at_terminal(wd: &Workdir, cols: u16, args: &[&str]) -> String {
    let quoted: Vec<String> = std::iter::once(assert_cmd::cargo::cargo_bin("ipguard").display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let shell = format!("stty cols {cols} rows 50; exec {}", quoted.join(" "));
    let out = std::process::Command::new("script")
        .args(["-qec", &shell, "/dev/null"])
        .current_dir(wd.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(wd.engine_env())
        .env("IPGUARD_TODAY", crate::workdir::TODAY)
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .output()
        .expect("the pseudo-terminal tests need `script` from the Debian package util-linux");
    assert!(out.status.success(), "{args:?} at {cols} columns: {:?}", out);
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .replace("\r\n", "\n")
}

/// A station whose cases have long names and summaries, and whose score card has evidence.
fn long_names() -> Workdir {
    let wd = Workdir::new();
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区海外知识产权纠纷应对指导工作站",
        "--on",
        "2024-01-05",
    ]);
    for (enterprise, received) in [
        ("重庆万州锂电材料科技股份有限公司", "2024-01-14"),
        (
            "Chongqing Mountain City Intelligent Equipment Manufacturing Co., Ltd.",
            "2024-02-17",
        ),
    ] {
        wd.ok(&[
            "case",
            "add",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            enterprise,
            "--received",
            received,
        ]);
    }
    wd
}

/// Asserts that no line is wider than `cols` and that every case id is shown whole.
fn fits(text: &str, cols: usize) {
    for line in text.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= cols, "a line of {w} columns at {cols}:\n{text}");
    }
    for id in ["CQ-YZ-001-2024-0001", "CQ-YZ-001-2024-0002"] {
        assert!(text.contains(id), "{id} not whole in:\n{text}");
    }
}

#[test]
fn a_list_too_wide_for_80_columns_becomes_blocks() {
    let wd = long_names();
    let shown = at_terminal(&wd, 80, &["case", "list"]);
    assert_eq!(
        shown,
        "\
ID:         CQ-YZ-001-2024-0001
Station:    CQ-YZ-001
Enterprise: 重庆万州锂电材料科技股份有限公司
Received:   2024-01-14
Kind:       guidance
Warning:
Accepted:
Closed:
Follow-up:

ID:         CQ-YZ-001-2024-0002
Station:    CQ-YZ-001
Enterprise: Chongqing Mountain City Intelligent Equipment Manufacturing Co.,
            Ltd.
Received:   2024-02-17
Kind:       guidance
Warning:
Accepted:
Closed:
Follow-up:
"
    );
    // Piped, the same list is the whole table, whatever the terminal.
    assert!(wd.ok(&["case", "list"]).starts_with("┌─"));
}

#[test]
fn free_text_is_cut_to_fit_and_wide_shows_it_whole() {
    let wd = long_names();
    let shown = at_terminal(&wd, 120, &["case", "list"]);
    fits(&shown, 120);
    assert!(shown.contains("┆ 重庆万州锂电材…  ┆"), "{shown}");
    assert!(shown.contains("┆ Chongqing Mount… ┆"), "{shown}");
    let wide = at_terminal(&wd, 120, &["--wide", "case", "list"]);
    fits(&wide, 120);
    assert!(!wide.contains('…'), "{wide}");
    assert!(wide.contains("重庆万"), "{wide}");
}

#[test]
fn the_scorecard_fits_80_columns_in_both_languages() {
    let wd = long_names();
    for lang in ["en", "zh"] {
        let shown = at_terminal(
            &wd,
            80,
            &[
                "--lang",
                lang,
                "score",
                "--station",
                "CQ-YZ-001",
                "--period",
                "2024",
            ],
        );
        let table: String = shown.lines().skip(1).collect::<Vec<_>>().join("\n");
        for line in table.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{lang}: {line}"
            );
        }
        assert!(table.contains("│   2.1 "), "{lang}: {table}");
        let wide = at_terminal(
            &wd,
            80,
            &[
                "--lang",
                lang,
                "--wide",
                "score",
                "--station",
                "CQ-YZ-001",
                "--period",
                "2024",
            ],
        );
        // Every `…` left is the evidence's own (`2024Q3, …`), as in the whole card piped.
        let piped = wd.ok(&[
            "--lang",
            lang,
            "score",
            "--station",
            "CQ-YZ-001",
            "--period",
            "2024",
        ]);
        assert_eq!(
            wide.matches('…').count(),
            piped.matches('…').count(),
            "{lang}: {wide}"
        );
        assert!(
            table.matches('…').count() > piped.matches('…').count(),
            "{lang}: {table}"
        );
    }
}

#[test]
fn a_record_shown_wraps_its_values_to_the_terminal() {
    let wd = long_names();
    wd.ok(&[
        "case",
        "set",
        "CQ-YZ-001-2024-0002",
        "--summary",
        &"德国展会专利侵权指控，经指导达成和解。".repeat(6),
    ]);
    let shown = at_terminal(&wd, 80, &["--lang", "zh", "case", "show", "CQ-YZ-001-2024-0002"]);
    for line in shown.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{shown}");
    }
    assert!(shown.contains("CQ-YZ-001-2024-0002"), "{shown}");
    assert!(!shown.contains('…'), "{shown}");
}
