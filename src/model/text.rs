//! Free text as people enter it: names, titles, summaries, notes. Bounded in length and free of
//! characters that would break or spoof a table or a terminal: the C0 and C1 control
//! characters (line feeds and tabs are allowed; a carriage return is not, imported CRLF inside
//! a cell is read as a line feed), the line and paragraph separators U+2028 / U+2029 and the
//! bidirectional overrides (U+202A..U+202E, U+2066..U+2069). Text that reaches a terminal from
//! elsewhere (a cell echoed in an error, a stored value) is shown through [`escape`].

/// The most characters one text field may hold.
pub const MAX_CHARS: usize = 2000;

/// Checks one text value; the error says what was wrong and what is allowed.
pub fn check_text(s: &str) -> Result<(), String> {
    if let Some(c) = s.chars().find(|c| forbidden(*c)) {
        let code = format!("{:04X}", u32::from(c));
        return Err(crate::i18n::Lang::current().msg("value.control_character", &[("code", &code)]));
    }
    let n = s.chars().count();
    if n > MAX_CHARS {
        return Err(crate::i18n::Lang::current().msg(
            "value.text_too_long",
            &[("count", &n.to_string()), ("max", &MAX_CHARS.to_string())],
        ));
    }
    Ok(())
}

/// Whether `c` may not appear in text.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || unsafe_to_show(c)
}

/// Characters besides the controls that break a line or reorder text on a terminal.
fn unsafe_to_show(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` as it may be shown on a terminal: every control character, line separator and
/// bidirectional override written as an escape (`\n`, `\r`, `\t`, `\x1B`, `\u{2028}`), line
/// feeds too unless `keep_lines` (a table cell may span lines, a message may not).
pub fn escape(s: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !(keep_lines && c == '\n')) || unsafe_to_show(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if bad(c) && u32::from(c) < 0x100 => out.push_str(&format!("\\x{:02X}", u32::from(c))),
            c if bad(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// At most `max` characters of `s` for a message, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..at])),
        None => std::borrow::Cow::Borrowed(s),
    }
}

/// Serializes an optional text field: empty is absent, `null` in JSON (formats.md).
pub fn empty_as_null<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

/// An enterprise's name as compared: without any spacing (ASCII, ideographic or other white
/// space) and with fullwidth forms as their ASCII letters, digits and signs, so that
/// `重庆 某某（科技）有限公司` and `重庆某某(科技)有限公司` are one name. Nothing else is folded.
pub fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_show_every_control_on_one_line() {
        assert_eq!(
            escape("\u{1b}]0;pwned\u{7}\u{1b}[2J2024\r\n\u{85}\u{2028}\0x", false),
            "\\x1B]0;pwned\\x07\\x1B[2J2024\\r\\n\\x85\\u{2028}\\x00x"
        );
        assert_eq!(escape("a\nb\tc", true), "a\nb\\tc");
        assert_eq!(escape("重庆", false), "重庆");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("abc", 3), "abc");
    }

    #[test]
    fn printable_text_passes_and_spoofing_does_not() {
        assert!(check_text("重庆某某科技有限公司 (Chongqing)\n第二行\t表").is_ok());
        assert!(check_text("evil\u{202E}cod.exe").is_err());
        assert!(check_text("bell\u{7}").is_err());
        for bad in [
            "cr\r",
            "nel\u{85}",
            "ls\u{2028}",
            "vt\u{b}",
            "ff\u{c}",
            "esc\u{1b}[2J",
        ] {
            assert!(check_text(bad).is_err(), "{bad:?}");
        }
        assert!(check_text(&"长".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            check_text(&"长".repeat(MAX_CHARS + 1)).unwrap_err(),
            "text of 2001 characters is too long: at most 2000"
        );
    }
}
