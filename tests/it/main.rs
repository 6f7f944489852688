//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod audit;
mod case;
mod concurrency;
mod export;
mod files;
mod import;
mod import_bulk;
mod records;
mod score;
mod station;
