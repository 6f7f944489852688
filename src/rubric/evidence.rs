//! Evidence and explanation text in both languages, and the exact rounding of points.

use super::classify::Status;
use crate::i18n::Lang;
use crate::model::Hundredths;

/// A text for people, in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The catalog's text in both languages: `f` is called once with each language, as
    /// a call of `Lang::msg` with the key written as a literal (so the catalog test finds it).
    pub fn of(f: impl Fn(Lang) -> String) -> Text {
        Text {
            en: f(Lang::En),
            zh: f(Lang::Zh),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Rounds `num / den` hundredths half-up to whole hundredths (`num`, `den` ≥ 0, `den` > 0).
/// `n` with the English noun in the right number: `1 payment`, `2 payments`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `1 day`, `2 days`.
fn day_count(days: i64) -> String {
    format!("{days} {}", if days == 1 { "day" } else { "days" })
}

pub fn round(num: i128, den: i128) -> Hundredths {
    let v = (2 * num + den) / (2 * den);
    Hundredths(i64::try_from(v).unwrap_or(i64::MAX))
}

/// A number of points with at most two decimals, as in JSON: `5`, `7.5`, `4.17`.
pub fn num(h: Hundredths) -> String {
    h.to_json().to_string()
}

/// `(C-1, C-2, C-3, …)`: the first three keys of a list, in both languages; empty if none.
pub fn keys<S: AsRef<str>>(list: &[S]) -> Text {
    if list.is_empty() {
        return Text::default();
    }
    let shown: Vec<&str> = list.iter().take(3).map(AsRef::as_ref).collect();
    let more = list.len() > 3;
    Text::of(|l| {
        let more = if more {
            l.msg("evidence.keys_more", &[])
        } else {
            String::new()
        };
        let list = shown.join(&l.msg("evidence.keys_sep", &[]));
        l.msg("evidence.keys", &[("list", &list), ("more", &more)])
    })
}

/// `25 on time, 5 late (C-0012, …), 3 pending` for a ratio's counts.
pub fn ratio<S: AsRef<str>>(on: usize, late: &[S], pending: usize, words: (&str, &str, &str, &str)) -> Text {
    let (good_en, bad_en, good_zh, bad_zh) = words;
    let k = keys(late);
    let (on, n_late, n_pending) = (on.to_string(), late.len().to_string(), pending.to_string());
    Text::of(|l| {
        let args = [
            ("on", on.as_str()),
            ("good", l.t(good_en, good_zh)),
            ("late", &n_late),
            ("bad", l.t(bad_en, bad_zh)),
            ("list", k.get(l)),
            ("pending", &n_pending),
        ];
        if pending > 0 {
            l.msg("evidence.ratio_pending", &args)
        } else {
            l.msg("evidence.ratio", &args)
        }
    })
}

/// Which step a limit times, for explanations.
#[derive(Clone, Copy)]
pub enum Step {
    Accept,
    Close,
    Follow,
}

impl Step {
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Step::Accept => ("accepted", "receipt", "受理"),
            Step::Close => ("closed", "start", "办结"),
            Step::Follow => ("followed up", "closing", "回访"),
        }
    }
}

/// One line explaining a case's status against one limit.
pub fn status_line(id: &str, st: Status, step: Step, limit: u32) -> Text {
    let (verb, from, zh) = step.words();
    match st {
        Status::OnTime { days } => Text::new(
            format!(
                "{id}: on time, {verb} {} after {from} (limit {limit})",
                day_count(days)
            ),
            format!("{id}：按时，{days} 天内{zh}（时限 {limit} 天）"),
        ),
        Status::DoneLate { days } => Text::new(
            format!(
                "{id}: late, {verb} {} after {from} (limit {limit})",
                day_count(days)
            ),
            format!("{id}：超时，{days} 天后才{zh}（时限 {limit} 天）"),
        ),
        Status::OpenLate { days } => Text::new(
            format!(
                "{id}: late, not {verb} {} after {from} at the as-of date (limit {limit})",
                day_count(days)
            ),
            format!("{id}：超时，截至评估日已 {days} 天仍未{zh}（时限 {limit} 天）"),
        ),
        Status::Pending { days } => Text::new(
            format!("{id}: pending, not yet {verb}, {days} of {limit} days used"),
            format!("{id}：未到期，尚未{zh}，已用 {days}/{limit} 天"),
        ),
    }
}
