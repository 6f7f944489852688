//! The integration suite of tests/it run a second time, on a server: the same modules (through
//! `#[path]`), every `Workdir` a database of its own on the test cluster (tests/it/pg.rs,
//! tests/it/workdir.rs), so that every command is shown to print on PostgreSQL byte for byte
//! what it prints on a file. The file-only tests (tests/it/file_only/, files, crash, readme),
//! the server's own (server, server_rights) and those that put a file and a server side by
//! side themselves (copy, merge) are not included here; crash_server (SIGKILL of an import on
//! a server) is here only. docs/testing.md lists which run where and why.

#[path = "../it/workdir.rs"]
mod workdir;

/// The engine this binary's Workdirs run on: a server.
mod engine {
    pub const SERVER: bool = true;
}

#[path = "../it/pg.rs"]
mod pg;

#[path = "../it/assess.rs"]
mod assess;
#[path = "../it/audit.rs"]
mod audit;
#[path = "../it/browser.rs"]
mod browser;
#[path = "../it/case.rs"]
mod case;
#[path = "../it/case_overdue.rs"]
mod case_overdue;
#[path = "../it/concurrency.rs"]
mod concurrency;
/// The server's counterpart of crash.rs (a file-only module), on this target only.
#[path = "../it/crash_server.rs"]
mod crash_server;
#[path = "../it/demo.rs"]
mod demo;
#[path = "../it/documents.rs"]
mod documents;
#[path = "../it/due.rs"]
mod due;
#[path = "../it/edges.rs"]
mod edges;
#[path = "../it/export.rs"]
mod export;
#[path = "../it/export_whole.rs"]
mod export_whole;
#[path = "../it/fuzz.rs"]
mod fuzz;
#[path = "../it/help.rs"]
mod help;
#[path = "../it/i18n.rs"]
mod i18n;
#[path = "../it/i18n_more.rs"]
mod i18n_more;
#[path = "../it/import.rs"]
mod import;
#[path = "../it/import_bulk.rs"]
mod import_bulk;
#[path = "../it/import_ids.rs"]
mod import_ids;
#[path = "../it/import_lines.rs"]
mod import_lines;
#[path = "../it/import_repeats.rs"]
mod import_repeats;
#[path = "../it/mistakes.rs"]
mod mistakes;
#[path = "../it/pages.rs"]
mod pages;
#[path = "../it/records.rs"]
mod records;
#[path = "../it/report_doc.rs"]
pub mod report_doc;
#[path = "../it/score.rs"]
mod score;
#[path = "../it/station.rs"]
mod station;
#[path = "../it/terminal.rs"]
mod terminal;
