//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod audit;
mod case;
mod case_overdue;
mod concurrency;
mod demo;
mod export;
mod files;
mod import;
mod records;
mod score;
mod station;
