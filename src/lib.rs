//! ipguard: records the work of overseas IP dispute guidance workstations and computes their
//! official assessment from those records.

// The message catalog (locales/*.json): every text for people, in English and Chinese.
rust_i18n::i18n!("locales", fallback = "en");

pub mod cli;
pub mod commands;
pub mod csvio;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod render;
pub mod reports;
pub mod rubric;
pub mod store;

pub use commands::run;
