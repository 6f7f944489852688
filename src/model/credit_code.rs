//! Unified social credit codes (统一社会信用代码), GB 32100-2015.

use std::fmt;
use std::str::FromStr;

const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// An 18-character code whose last character is its valid check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCode(String);

impl CreditCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The check character for the first 17 characters, if they are all allowed.
    pub fn check_char(first17: &str) -> Option<char> {
        let mut sum = 0;
        for (i, c) in first17.bytes().enumerate() {
            let v = CHARSET.iter().position(|x| *x == c)? as u32;
            sum += v * WEIGHTS.get(i)?;
        }
        let check = (31 - sum % 31) % 31;
        Some(CHARSET[check as usize] as char)
    }
}

impl FromStr for CreditCode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_uppercase();
        if t.chars().count() != 18 {
            return Err(crate::i18n::Lang::current().msg(
                "value.credit_code_length",
                &[("value", s.trim()), ("count", &t.chars().count().to_string())],
            ));
        }
        if let Some(c) = t
            .chars()
            .find(|c| !c.is_ascii() || !CHARSET.contains(&(*c as u8)))
        {
            return Err(crate::i18n::Lang::current().msg(
                "value.credit_code_character",
                &[("value", &t), ("char", &c.to_string())],
            ));
        }
        let want = Self::check_char(&t[..17]).unwrap_or('?');
        if !t.ends_with(want) {
            return Err(crate::i18n::Lang::current().msg(
                "value.credit_code_check",
                &[("value", &t), ("want", &want.to_string())],
            ));
        }
        Ok(CreditCode(t))
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        // Published codes of real organisations.
        for c in [
            "91350100M000100Y43",
            "91110000802100433B",
            "91440300708461136T",
            "9144030071526726XG",
        ] {
            assert!(c.parse::<CreditCode>().is_ok(), "{c}");
        }
        assert!("91350100m000100y43".parse::<CreditCode>().is_ok());
        assert!("91350100M000100Y44".parse::<CreditCode>().is_err());
        assert!("91350100M000100I43".parse::<CreditCode>().is_err());
        assert!("913501".parse::<CreditCode>().is_err());
    }
}
