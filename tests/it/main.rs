//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod assess;
mod audit;
mod case;
mod concurrency;
mod crash;
mod due;
mod export;
mod files;
mod fuzz;
mod help;
mod import;
mod records;
mod score;
mod station;

pub mod report_doc;
