//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

/// The engine this binary's Workdirs run on: a file (tests/on_server runs the same modules on
/// a server).
mod engine {
    pub const SERVER: bool = false;
}

mod assess;
mod audit;
mod browser;
mod case;
mod case_find;
mod case_overdue;
mod concurrency;
mod copy;
mod crash;
mod demo;
mod documents;
mod due;
mod edges;
mod export;
mod export_whole;
mod file_only;
mod files;
mod fuzz;
mod help;
mod i18n;
mod i18n_more;
mod i18n_store;
mod import;
mod import_bulk;
mod import_ids;
mod import_lines;
mod import_repeats;
mod merge;
mod mistakes;
mod pages;
mod pg;
mod readme;
mod records;
pub mod report_doc;
mod satisfaction;
mod score;
mod server;
mod server_rights;
mod station;
mod terminal;
