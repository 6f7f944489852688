//! Markdown escaping of the text users typed (names, titles, summaries, case ids), so that
//! it reads as itself in the document: no heading, emphasis, link or broken table.

/// Running text: line breaks and runs of blanks folded into one space; backslash, `*`, `_`,
/// backticks, `[`, `]`, `<`, `>`, `~` and `|` escaped; a leading `#`, `+`, `-` or `=` escaped.
pub fn inline(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for (i, ch) in folded.chars().enumerate() {
        let special = matches!(ch, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '|')
            || (i == 0 && matches!(ch, '#' | '+' | '-' | '='));
        if special {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A table cell: running text (its `|` escaped, its line breaks folded into spaces).
pub fn cell(s: &str) -> String {
    inline(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(cell("A|B\nC"), r"A\|B C");
        assert_eq!(inline("摘要\n\n## 伪标题"), "摘要 ## 伪标题");
        assert_eq!(inline("# x"), r"\# x");
        assert_eq!(inline("*甲*_乙_`丙`[链接](u)"), r"\*甲\*\_乙\_\`丙\`\[链接\](u)");
        assert_eq!(inline(r"a\b"), r"a\\b");
        assert_eq!(inline("普通文字"), "普通文字");
    }
}
