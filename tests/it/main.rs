//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod assess;
mod audit;
mod case;
mod case_overdue;
mod concurrency;
mod crash;
mod demo;
mod due;
mod edges;
mod export;
mod files;
mod fuzz;
mod help;
mod import;
mod import_bulk;
mod import_lines;
mod import_repeats;
mod records;
pub mod report_doc;
mod score;
mod station;
