//! The progress bar of a long import (only when stderr is a terminal): rows, rows per second
//! and the time left, estimated from the bytes read; its words in the command's language.

use crate::i18n::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Instant;

/// A bar over `len` bytes (a spinner when the size is unknown).
pub fn bar(len: Option<u64>) -> ProgressBar {
    let bar = match len {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template(&template(Lang::current()))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// The bar's indicatif template (its `{…}` are indicatif's, not the catalog's `%{…}`).
fn template(lang: Lang) -> String {
    lang.msg("import.progress_bar", &[])
}

/// Updates the bar: `bytes` read, `rows` done since `started`.
pub fn tick(bar: &ProgressBar, bytes: u64, rows: u64, started: Instant) {
    let millis = started.elapsed().as_millis().max(1);
    bar.set_position(bytes);
    bar.set_message(message(Lang::current(), rows, millis));
}

/// `12288 rows, 4096 rows/s` after `millis` milliseconds (whole rows per second).
fn message(lang: Lang, rows: u64, millis: u128) -> String {
    let rate = u128::from(rows) * 1000 / millis.max(1);
    lang.msg(
        "import.progress",
        &[("rows", &rows.to_string()), ("rate", &rate.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_s_words_in_both_languages() {
        assert_eq!(message(Lang::En, 12288, 3000), "12288 rows, 4096 rows/s");
        assert_eq!(message(Lang::Zh, 12288, 3000), "12288 行，每秒 4096 行");
        assert_eq!(template(Lang::En), "{wide_bar} {percent:>3}% {msg} ETA {eta}");
        assert_eq!(template(Lang::Zh), "{wide_bar} {percent:>3}% {msg} 剩余 {eta}");
        assert!(ProgressStyle::with_template(&template(Lang::Zh)).is_ok());
    }
}
