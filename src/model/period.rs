//! Assessment periods: `2024`, `2023-2024`, `2024Q3`, `2024-06-01..2025-05-31` (rubric.md, Terms).

use super::date::{fmt, parse_date};
use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A period of assessment, always a closed range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Whole calendar years `first..=last`.
    Years(i32, i32),
    /// A quarter (1-4) of a year.
    Quarter(i32, u32),
    /// An inclusive range of dates.
    Range(NaiveDate, NaiveDate),
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok().filter(|y| *y >= 1900)
    } else {
        None
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let lang = crate::i18n::Lang::current();
        let bad = || lang.msg("value.not_period", &[("value", t)]);
        if let Some((a, b)) = t.split_once("..") {
            let in_period = |e: String| lang.msg("value.period_date", &[("value", t), ("error", &e)]);
            let from = parse_date(a).map_err(in_period)?;
            let to = parse_date(b).map_err(in_period)?;
            if from > to {
                return Err(lang.msg("value.period_backwards", &[("value", t)]));
            }
            return Ok(Period::Range(from, to));
        }
        if let Some(y) = parse_year(t) {
            return Ok(Period::Years(y, y));
        }
        if t.len() == 6 && matches!(t.as_bytes()[4], b'Q' | b'q') {
            let y = parse_year(&t[..4]).ok_or_else(bad)?;
            let q = match &t[5..] {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return Err(bad()),
            };
            return Ok(Period::Quarter(y, q));
        }
        if let Some((a, b)) = t.split_once('-') {
            if let (Some(a), Some(b)) = (parse_year(a), parse_year(b)) {
                if a > b {
                    return Err(lang.msg("value.period_years_descend", &[("value", t)]));
                }
                return Ok(Period::Years(a, b));
            }
        }
        Err(bad())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Years(a, b) if a == b => write!(f, "{a}"),
            Period::Years(a, b) => write!(f, "{a}-{b}"),
            Period::Quarter(y, q) => write!(f, "{y}Q{q}"),
            Period::Range(a, b) => write!(f, "{}..{}", fmt(a), fmt(b)),
        }
    }
}

impl Period {
    /// The first day of the period.
    pub fn from(&self) -> NaiveDate {
        match *self {
            Period::Years(a, _) => ymd(a, 1, 1),
            Period::Quarter(y, q) => ymd(y, 3 * (q - 1) + 1, 1),
            Period::Range(a, _) => a,
        }
    }

    /// The last day of the period.
    pub fn to(&self) -> NaiveDate {
        match *self {
            Period::Years(_, b) => ymd(b, 12, 31),
            Period::Quarter(y, q) => quarter_end(y, q),
            Period::Range(_, b) => b,
        }
    }

    /// Whether `d` lies in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from() <= d && d <= self.to()
    }

    /// The length in years `Y(P)` as an exact fraction `(numerator, denominator)`.
    pub fn years(&self) -> (i64, i64) {
        match *self {
            Period::Years(a, b) => (i64::from(b - a + 1), 1),
            Period::Quarter(..) => (1, 4),
            Period::Range(a, b) => ((b - a).num_days() + 1, 365),
        }
    }

    /// Every quarter `(year, q)` whose last day lies in the period, in order.
    pub fn quarters_ending_within(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        for y in self.from().year()..=self.to().year() {
            for q in 1..=4 {
                if self.contains(quarter_end(y, q)) {
                    out.push((y, q));
                }
            }
        }
        out
    }

    /// Every year whose 31 December lies in the period, in order.
    pub fn years_ending_within(&self) -> Vec<i32> {
        (self.from().year()..=self.to().year())
            .filter(|y| self.contains(ymd(*y, 12, 31)))
            .collect()
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

/// The last day of quarter `q` of year `y`.
pub fn quarter_end(y: i32, q: u32) -> NaiveDate {
    match q {
        1 => ymd(y, 3, 31),
        2 => ymd(y, 6, 30),
        3 => ymd(y, 9, 30),
        _ => ymd(y, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        for (s, want) in [
            ("2024", "2024"),
            ("2024-2024", "2024"),
            ("2023-2024", "2023-2024"),
            ("2024q3", "2024Q3"),
            ("2024-06-01..2025-05-31", "2024-06-01..2025-05-31"),
        ] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), want);
        }
    }

    #[test]
    fn refusals() {
        for s in [
            "2024Q5",
            "2025-2024",
            "24",
            "2024-13-01..2024-12-31",
            "2025-01-01..2024-01-01",
            "x",
            "",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s}");
        }
    }

    #[test]
    fn quarters_of_a_construction_year() {
        let p: Period = "2024-06-01..2025-05-31".parse().unwrap();
        assert_eq!(
            p.quarters_ending_within(),
            vec![(2024, 2), (2024, 3), (2024, 4), (2025, 1)]
        );
        assert_eq!(p.years(), (365, 365));
        assert_eq!(p.years_ending_within(), vec![2024]);
    }
}
