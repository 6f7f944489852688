//! The documents a station sends to the city office (art. 8) and the list of what is due:
//! pure builders from loaded records to serializable values, and their Markdown rendering.
//! No I/O here; `commands::report_doc` and `commands::report_due` load and print.

pub mod city;
pub mod city_markdown;
pub mod content;
pub mod due;
pub mod escape;
pub mod gap_list;
pub mod gap_text;
pub mod markdown;
pub mod words;
