//! Free text as people enter it: names, titles, summaries, notes. Bounded in length and free of
//! characters that would break or spoof a table: control characters (newlines and tabs are
//! allowed) and the bidirectional overrides (U+202A..U+202E, U+2066..U+2069).

/// The most characters one text field may hold.
pub const MAX_CHARS: usize = 2000;

/// Checks one text value; the error says what was wrong and what is allowed.
pub fn check_text(s: &str) -> Result<(), String> {
    if let Some(c) = s.chars().find(|c| forbidden(*c)) {
        return Err(format!(
            "text contains the control character U+{:04X}: only printable characters, newlines and tabs are allowed",
            u32::from(c)
        ));
    }
    let n = s.chars().count();
    if n > MAX_CHARS {
        return Err(format!("text of {n} characters is too long: at most {MAX_CHARS}"));
    }
    Ok(())
}

/// Whether `c` may not appear in text.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Serializes an optional text field: empty is absent, `null` in JSON (formats.md).
pub fn empty_as_null<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_text_passes_and_spoofing_does_not() {
        assert!(check_text("重庆某某科技有限公司 (Chongqing)\n第二行\t表").is_ok());
        assert!(check_text("evil\u{202E}cod.exe").is_err());
        assert!(check_text("bell\u{7}").is_err());
        assert!(check_text(&"长".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            check_text(&"长".repeat(MAX_CHARS + 1)).unwrap_err(),
            "text of 2001 characters is too long: at most 2000"
        );
    }
}
