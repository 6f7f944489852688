//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod audit;
mod case;
mod concurrency;
mod crash;
mod export;
mod files;
mod fuzz;
mod help;
mod import;
mod records;
mod score;
mod station;
