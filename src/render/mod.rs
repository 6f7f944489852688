//! Output for people and scripts: tables (comfy-table, Chinese aligned), JSON, CSV. Commands
//! build one value and hand it here; nothing else writes to stdout.

pub mod file;

use crate::error::Result;
use clap::ValueEnum;
use comfy_table::{presets, ContentArrangement, Table};
use std::io::Write;

/// How data is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON for scripts and dashboards.
    Json,
    /// CSV with the export's columns.
    Csv,
    /// Markdown, for documents such as the generated reports.
    Markdown,
}

/// How table borders are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableStyle {
    /// Box-drawing characters.
    Utf8,
    /// Plain ASCII, for consoles that draw box characters double-width.
    Ascii,
}

/// A table in `style`, wrapped to the terminal's width when stdout is a terminal (never when
/// piped, so scripts and tests see whole cells).
fn new_table(style: TableStyle) -> Table {
    let mut t = Table::new();
    t.load_style(match style {
        TableStyle::Utf8 => presets::UTF8_FULL_CONDENSED,
        TableStyle::Ascii => presets::ASCII_FULL_CONDENSED,
    });
    t.set_content_arrangement(ContentArrangement::Dynamic);
    // A terminal that reports no usable width (some ptys say 0) gets whole cells instead.
    if t.width().is_none_or(|w| w < 60) {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t
}

/// A cell's text as drawn: a tab has no width a table can count, so it is drawn as a space;
/// any other control character (a stored value written outside ipguard) is shown escaped.
fn cell(text: &str) -> String {
    crate::model::text::escape(&text.replace('\t', " "), true).into_owned()
}

/// Renders a table with a header row.
pub fn table(style: TableStyle, header: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = new_table(style);
    t.set_header(header.iter().map(|h| cell(h)));
    for r in rows {
        t.add_row(r.iter().map(|c| cell(c)));
    }
    t.to_string()
}

/// Renders `label: value` pairs as a two-column table (a record's details).
pub fn details(style: TableStyle, pairs: &[(&str, String)]) -> String {
    let mut t = new_table(style);
    for (k, v) in pairs {
        t.add_row(vec![cell(k), cell(v)]);
    }
    t.to_string()
}

/// Writes text to stdout followed by a newline. A closed pipe (`ipguard … | head`) ends the
/// output quietly instead of failing.
pub fn out(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Prints what a write that has already committed returns (a new id): if stdout cannot take
/// it, the write still happened, so stderr says so and the command succeeds (a script that
/// retried on failure would record the same thing twice).
pub fn out_committed(text: &str, what: &str) -> Result<()> {
    if let Err(e) = out(text) {
        note(&format!(
            "{what} was written, but stdout could not take it ({e:#}): it is {text} (see `ipguard audit list`)"
        ));
    }
    Ok(())
}

/// Writes a value as pretty JSON to stdout.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<()> {
    out(&serde_json::to_string_pretty(value)?)
}

/// A message for people on stderr (summaries, notes); never data.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Writes CSV to stdout through `write`; a closed pipe ends the output quietly.
pub fn csv(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|_| out.flush().map_err(Into::into)) {
        Err(crate::error::Error::Other(e))
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}
