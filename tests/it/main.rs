//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod case;
mod records;
mod station;
