//! The tests that only make sense for a file: file modes, `backup FILE`, a damaged or foreign
//! file, the file's path in messages, an older file's schema. Declared by tests/it/main.rs
//! only, so tests/on_server (the same suite on a server) does not run them; their server
//! counterparts are in tests/it/server.rs. docs/testing.md lists which runs where.

mod audit;
mod demo;
mod documents;
mod edges;
mod i18n;
mod i18n_more;
mod station;
