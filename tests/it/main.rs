//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod audit;
mod case;
mod concurrency;
mod files;
mod records;
mod station;
