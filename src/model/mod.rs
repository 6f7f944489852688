//! Domain types and their validation. No SQL and no command-line parsing here.

pub mod case_row;
pub mod country;
pub mod credit_code;
pub mod date;
pub mod decimal;
pub mod enums;
pub mod lifecycle;
pub mod period;
pub mod recorded;
pub mod text;

pub use credit_code::CreditCode;
pub use decimal::Hundredths;
pub use enums::*;
pub use period::Period;

/// Checks a code or id given by a person: 1-40 letters, digits, `-` or `_`.
/// Parses a head-count (participants): a whole number, 0 or more, in digits only (no sign).
/// The command line and CSV import read it with this one function.
pub fn head_count(s: &str) -> Result<u32, String> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map_err(|_| {
            crate::i18n::Lang::current()
                .msg("value.too_large", &[("value", t), ("max", &u32::MAX.to_string())])
        });
    }
    Err(crate::i18n::Lang::current().msg("value.not_head_count", &[("value", t)]))
}

pub fn check_code(what: &str, s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty()
        || t.len() > 40
        || !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        let lang = crate::i18n::Lang::current();
        let what = match (lang, what) {
            (crate::i18n::Lang::Zh, "case id") => "案件编号",
            (crate::i18n::Lang::Zh, "station code") => "工作站代码",
            (crate::i18n::Lang::Zh, "code") => "代码",
            (crate::i18n::Lang::Zh, "id") => "编号",
            _ => what,
        };
        return Err(lang.msg("value.bad_code", &[("what", what), ("value", t)]));
    }
    Ok(t.to_string())
}
