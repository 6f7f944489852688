//! The README runs as pasted: its shell blocks, in order, against a fresh directory, with the
//! binary under test first on PATH. Blocks that run cargo (install, test) are left out: they
//! build ipguard rather than use it.

use std::path::Path;

/// The shell blocks of the README that use ipguard, in order.
fn blocks(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(block), "```") => {
                let runs_cargo = block.lines().any(|l| l.trim_start().starts_with("cargo "));
                if !runs_cargo {
                    out.push(block.clone());
                }
                current = None;
            }
            (Some(block), l) => {
                block.push_str(l);
                block.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_shell_block_of_the_readme_runs_as_written() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks = blocks(&readme);
    assert!(blocks.len() >= 5, "only {} shell blocks found", blocks.len());
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("ipguard");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    {
        // The blocks run one after the other in one shell, as a reader pastes them.
        let script = format!("set -euo pipefail\n{}", blocks.join("\n"));
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("run bash");
        assert!(
            out.status.success(),
            "the README's shell blocks failed (exit {:?}):\nstderr:\n{}\nstdout (end):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        // What the README says the quickstart shows.
        assert!(stdout.contains("CQ-YZ-001-2024-0001\n"), "{stdout}");
        assert!(
            stdout.contains(
                "base + bonus - penalty = total: 49.50 + 0.00 - 0.00 = 49.50 (as of 2025-03-01)\ngrade: fail"
            ),
            "{stdout}"
        );
        assert!(
            stdout.contains("│ 2       ┆ Dispute response guidance                       ┆ 30.00/30 ┆"),
            "{stdout}"
        );
    }
    for file in [
        "office.db",
        "network.db",
        "2024Q3.md",
        "ranking.html",
        "案件-2024.csv",
        "office-backup.db",
    ] {
        assert!(dir.path().join(file).exists(), "{file} was not written");
    }
}
