//! Calendar dates as ipguard reads them, and "today", which tests and demos can pin.

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD`, also `2024-3-5`, `2024/3/5` and `2024/03/05` (as Chinese Excel writes).
/// The error says what was wrong and what is allowed.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let sep = if t.contains('/') { '/' } else { '-' };
    let mut split = t.split(sep);
    let mut parts = [""; 3];
    let mut n = 0;
    for p in split.by_ref().take(3) {
        parts[n] = p;
        n += 1;
    }
    let shape_ok = n == 3
        && split.next().is_none()
        && parts[0].len() == 4
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(crate::i18n::Lang::current().msg("value.not_date", &[("value", t)]));
    }
    let (y, m, d) = (
        parts[0].parse::<i32>().unwrap_or(0),
        parts[1].parse::<u32>().unwrap_or(0),
        parts[2].parse::<u32>().unwrap_or(0),
    );
    if y < 1900 {
        return Err(crate::i18n::Lang::current().msg("value.date_before_1900", &[("value", t)]));
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| crate::i18n::Lang::current().msg("value.not_calendar_date", &[("value", t)]))
}

/// Parses an optional date cell: empty means no value.
pub fn parse_opt_date(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(s).map(Some)
    }
}

/// The environment variable that pins "today" (for tests and demos).
pub const TODAY_ENV: &str = "IPGUARD_TODAY";

/// Today's local date, or the date in `IPGUARD_TODAY` when that is set.
pub fn today() -> Result<NaiveDate, String> {
    match std::env::var(TODAY_ENV) {
        Ok(v) if !v.trim().is_empty() => parse_date(&v).map_err(|e| format!("{TODAY_ENV}: {e}")),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// Days from `a` to `b` (`b - a`), calendar days.
pub fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Formats as `YYYY-MM-DD`.
pub fn fmt(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Formats an optional date, empty when absent.
pub fn fmt_opt(d: Option<NaiveDate>) -> String {
    d.map(fmt).unwrap_or_default()
}

/// The last day of a calendar year.
pub fn year_end(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 12, 31).expect("31 December exists")
}

/// The date `n` days after `d` (saturating at chrono's range).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(chrono::Duration::days(n)).unwrap_or(d)
}

/// The same day one year later (29 February becomes 28 February).
pub fn plus_one_year(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1)
        .or_else(|| NaiveDate::from_ymd_opt(d.year() + 1, d.month(), 28))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_excel_forms() {
        let want = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for s in ["2024-03-05", "2024-3-5", "2024/3/5", "2024/03/05", " 2024-03-05 "] {
            assert_eq!(parse_date(s).unwrap(), want, "{s}");
        }
    }

    #[test]
    fn refuses_unreal_and_malformed() {
        for s in [
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "24-03-05",
            "2024-03",
            "2024-03-05x",
            "",
            "2024/03-05",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert!(parse_date("2024-02-29").is_ok());
    }
}
