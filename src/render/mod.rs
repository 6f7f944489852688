//! Output for people and scripts: tables (comfy-table, Chinese aligned), JSON, CSV. Commands
//! build one value and hand it here; nothing else writes to stdout.

pub mod file;

use crate::error::Result;
use clap::ValueEnum;
use comfy_table::{presets, ContentArrangement, Table};
use std::io::Write;

pub mod layout;

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
    /// One self-contained HTML page with charts (score, report generate): to open, mail or print.
    Html,
}

/// How table borders are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableStyle {
    /// Box-drawing characters.
    Utf8,
    /// Plain ASCII, for consoles that draw box characters double-width.
    Ascii,
}

/// How tables are drawn: the border style, and whether free text is shown whole (`--wide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub border: TableStyle,
    pub wide: bool,
}

/// ASCII borders whose header rule has its joints (`+====+====+`).
const ASCII: comfy_table::TableStyle = comfy_table::TableStyle::new()
    .top_border(comfy_table::LineStyle::new('+', '-', '+', '+'))
    .header_lines(comfy_table::ContentLineStyle::new('|', '|', '|'))
    .header_separator(comfy_table::LineStyle::new('+', '=', '+', '+'))
    .content_lines(comfy_table::ContentLineStyle::new('|', '|', '|'))
    .bottom_border(comfy_table::LineStyle::new('+', '-', '+', '+'));

/// A table in `style` that draws whole cells, never wrapping.
fn new_table(style: TableStyle) -> Table {
    let mut t = Table::new();
    match style {
        TableStyle::Utf8 => t.load_style(presets::UTF8_FULL_CONDENSED),
        TableStyle::Ascii => t.load_style(ASCII),
    };
    t.set_content_arrangement(ContentArrangement::Disabled);
    t
}

/// The terminal's width when stdout is a terminal that reports a usable one; `None` when
/// piped (scripts and tests then see whole cells at any width).
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Table::new().width().map(usize::from).filter(|w| *w >= 20)
}

/// A cell's text as drawn: a tab has no width a table can count, so it is drawn as a space;
/// any other control character (a stored value written outside ipguard) is shown escaped.
fn cell(text: &str) -> String {
    crate::model::text::escape(&text.replace('\t', " "), true).into_owned()
}

/// Renders a table with a header row, fitted to the terminal (see `layout`).
pub fn table(look: Look, header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect();
    let mut t = new_table(look.border);
    t.set_header(header.iter().map(|h| cell(h)));
    let Some(total) = terminal_width() else {
        for r in &rows {
            t.add_row(r.clone());
        }
        return t.to_string();
    };
    let kinds = layout::kinds(header, &rows);
    let natural = layout::natural(header, &rows);
    let Some(widths) = layout::fit(&kinds, &natural, total) else {
        return layout::blocks(header, &rows, total);
    };
    if look.wide && widths != natural {
        // Whole text, wrapped within its column; the fixed columns keep their content width.
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(u16::try_from(total).unwrap_or(u16::MAX));
        for r in &rows {
            t.add_row(r.clone());
        }
        for (i, k) in kinds.iter().enumerate() {
            if *k == layout::ColumnKind::Fixed {
                if let Some(c) = t.column_mut(i) {
                    c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
                }
            }
        }
        return t.to_string();
    }
    for r in &rows {
        t.add_row(r.iter().zip(&widths).map(|(c, w)| layout::cut(c, *w)));
    }
    t.to_string()
}

/// Renders `label: value` pairs as a two-column table (a record's details). On a terminal the
/// values wrap to its width (a record shown is shown whole); piped, cells are whole lines.
pub fn details(look: Look, pairs: &[(&str, String)]) -> String {
    let mut t = new_table(look.border);
    for (k, v) in pairs {
        t.add_row(vec![cell(k), cell(v)]);
    }
    if let Some(total) = terminal_width() {
        let labels = pairs.iter().map(|(k, _)| layout::width(k)).max().unwrap_or(0);
        let values = pairs.iter().map(|(_, v)| layout::width(v)).max().unwrap_or(0);
        if layout::table_width(&[labels, values]) > total {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(total).unwrap_or(u16::MAX));
            if let Some(c) = t.column_mut(0) {
                c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
        }
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

/// Writes bytes to stdout as they are (a completion script, a man page). A closed pipe ends the
/// output quietly instead of failing.
pub fn out_bytes(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// A document (a page, a report, a CSV) to `path` when given — a new 0600 file written whole
/// beside it and renamed into place, an existing one replaced only with `force` — else to
/// stdout.
pub fn document(path: Option<&std::path::Path>, force: bool, text: &str) -> Result<()> {
    match path {
        Some(p) => file::write_file(p, force, |out| {
            writeln!(out, "{text}")?;
            Ok(())
        }),
        None => out(text),
    }
}

/// Prints what a write that has already committed returns (a new id): if stdout cannot take
/// it, the write still happened, so stderr says so and the command succeeds (a script that
/// retried on failure would record the same thing twice).
pub fn out_committed(text: &str, what: &str) -> Result<()> {
    if let Err(e) = out(text) {
        note(&crate::i18n::Lang::current().msg(
            "file.written_not_printed",
            &[("what", what), ("error", &format!("{e:#}")), ("text", text)],
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
