//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod assess;
mod audit;
mod case;
mod concurrency;
mod due;
mod export;
mod files;
mod import;
mod records;
pub mod report_doc;
mod score;
mod station;
