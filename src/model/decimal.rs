//! Exact two-decimal amounts: money in fen, points in hundredths. Never floating point.

use std::fmt;
use std::str::FromStr;

/// A non-negative quantity with two decimals, held as an integer count of hundredths
/// (fen for yuan, hundredths for points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hundredths(pub i64);

impl FromStr for Hundredths {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let lang = crate::i18n::Lang::current();
        let bad = || lang.msg("value.not_amount", &[("value", t)]);
        if t.starts_with('-') {
            return Err(lang.msg("value.amount_negative", &[("value", t)]));
        }
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (t.contains('.') && frac.is_empty()) {
            return Err(bad());
        }
        if frac.len() > 2 {
            return Err(lang.msg("value.amount_decimals", &[("value", t)]));
        }
        let int: i64 = int.parse().ok().filter(|v| *v <= MAX_WHOLE).ok_or_else(|| {
            lang.msg(
                "value.too_large",
                &[("value", t), ("max", &MAX_WHOLE.to_string())],
            )
        })?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        Ok(Hundredths(int * 100 + frac))
    }
}

impl fmt::Display for Hundredths {
    /// Always two decimals: `1200.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

impl Hundredths {
    /// As a JSON number with at most two decimals (exact: built from the decimal text).
    pub fn to_json(self) -> serde_json::Value {
        let text = self.to_string();
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        serde_json::from_str(trimmed).unwrap_or(serde_json::Value::Null)
    }
}

/// The largest whole part an amount may have (ten billion yuan): sums of millions of amounts
/// then stay far inside `i64`.
pub const MAX_WHOLE: i64 = 10_000_000_000;

impl std::iter::Sum for Hundredths {
    /// Adds exactly, saturating instead of wrapping should a total ever leave `i64`.
    fn sum<I: Iterator<Item = Hundredths>>(iter: I) -> Hundredths {
        Hundredths(iter.fold(0i64, |acc, h| acc.saturating_add(h.0)))
    }
}

impl serde::Serialize for Hundredths {
    /// A JSON number with at most two decimals, written from the exact decimal text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        assert_eq!("1200.5".parse::<Hundredths>().unwrap(), Hundredths(120050));
        assert_eq!("0.07".parse::<Hundredths>().unwrap().to_string(), "0.07");
        assert_eq!(" 3 ".parse::<Hundredths>().unwrap().to_string(), "3.00");
        for bad in ["-1", "1.234", "abc", "", ".5", "5.", "1e3", "１"] {
            assert!(bad.parse::<Hundredths>().is_err(), "{bad}");
        }
        assert_eq!(Hundredths(750).to_json().to_string(), "7.5");
        assert_eq!(Hundredths(300).to_json().to_string(), "3");
        assert!("10000000000.99".parse::<Hundredths>().is_ok());
        assert!("10000000001".parse::<Hundredths>().is_err());
    }

    #[test]
    fn sums_saturate_instead_of_wrapping() {
        let total: Hundredths = [Hundredths(i64::MAX - 1), Hundredths(5)].into_iter().sum();
        assert_eq!(total, Hundredths(i64::MAX));
        let total: Hundredths = [Hundredths(150), Hundredths(7)].into_iter().sum();
        assert_eq!(total, Hundredths(157));
    }
}
