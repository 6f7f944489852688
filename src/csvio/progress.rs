//! The progress bar of a long import (only when stderr is a terminal): rows, rows per second
//! and the time left, estimated from the bytes read.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Instant;

/// A bar over `len` bytes (a spinner when the size is unknown).
pub fn bar(len: Option<u64>) -> ProgressBar {
    let bar = match len {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template("{wide_bar} {percent:>3}% {msg} ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Updates the bar: `bytes` read, `rows` done since `started`.
pub fn tick(bar: &ProgressBar, bytes: u64, rows: u64, started: Instant) {
    let secs = started.elapsed().as_secs_f64().max(0.001);
    bar.set_position(bytes);
    bar.set_message(format!("{rows} rows, {} rows/s", (rows as f64 / secs) as u64));
}
