//! Integration tests: the real binary on temporary databases. One module per noun.

mod workdir;

mod score;
mod station;
