//! Fitting a table to the terminal: ids, dates, codes and numbers never wrap; free text is cut
//! with `…` to fit (`--wide` wraps it instead); a list that cannot fit even so is printed one
//! record per block of `label: value` lines. Piped output is never laid out: it keeps whole
//! cells, so scripts and tests see the same text at any width.

use unicode_width::UnicodeWidthStr;

/// What a column holds, judged from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Ids, dates, codes, numbers, short labels: drawn whole, never wrapped or cut.
    Fixed,
    /// Names, titles, summaries, evidence: may be cut or wrapped.
    Text,
}

/// Display columns a text occupies (its widest line), as a terminal draws it.
pub fn width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A label this short is never cut, whatever its characters (`已指导`, `专家`).
const SHORT: usize = 8;

/// The narrowest a free-text column is drawn; below it a list becomes blocks.
pub const MIN_TEXT: usize = 8;

/// Whether a cell is one token that must stay whole: printable ASCII without spaces (an id,
/// a date, a code, a number, an English value), or a short label.
fn is_token(cell: &str) -> bool {
    width(cell) <= SHORT || cell.chars().all(|c| c.is_ascii_graphic())
}

/// The kind of each column of `header` and `rows`.
pub fn kinds(header: &[&str], rows: &[Vec<String>]) -> Vec<ColumnKind> {
    (0..header.len())
        .map(|i| {
            if rows.iter().all(|r| r.get(i).is_none_or(|c| is_token(c))) {
                ColumnKind::Fixed
            } else {
                ColumnKind::Text
            }
        })
        .collect()
}

/// Each column's natural width: its widest cell or its header.
pub fn natural(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .chain([width(header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The width a table with these column widths takes: one border at each side and between
/// columns, one space of padding on each side of every cell.
pub fn table_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 3).sum::<usize>() + 1
}

/// The widths to draw the columns at within `total`, or `None` when the fixed columns and the
/// narrowest text columns do not fit. Text columns share the room left: each gets what it
/// needs when it needs less than an equal share, the others split the rest.
pub fn fit(kinds: &[ColumnKind], natural: &[usize], total: usize) -> Option<Vec<usize>> {
    if table_width(natural) <= total {
        return Some(natural.to_vec());
    }
    let fixed: usize = kinds
        .iter()
        .zip(natural)
        .filter(|(k, _)| **k == ColumnKind::Fixed)
        .map(|(_, w)| w)
        .sum();
    let overhead = table_width(&vec![0; natural.len()]);
    let mut room = total.checked_sub(overhead + fixed)?;
    let mut open: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] == ColumnKind::Text)
        .collect();
    if open.is_empty() || room < open.len() * MIN_TEXT {
        return None;
    }
    let mut widths = natural.to_vec();
    // Water-filling: settle the columns narrower than an equal share, then split the rest.
    loop {
        let share = room / open.len();
        let (small, big): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&i| natural[i] <= share);
        if small.is_empty() {
            let extra = room % open.len();
            for (n, &i) in big.iter().enumerate() {
                widths[i] = share + usize::from(n < extra);
            }
            return Some(widths);
        }
        for &i in &small {
            room -= natural[i];
        }
        open = big;
        if open.is_empty() {
            return Some(widths);
        }
    }
}

/// `text` cut to at most `max` display columns, ending in `…` when cut; line by line.
pub fn cut(text: &str, max: usize) -> String {
    text.split('\n')
        .map(|line| cut_line(line, max))
        .collect::<Vec<_>>()
        .join("\n")
}

fn cut_line(line: &str, max: usize) -> String {
    if UnicodeWidthStr::width(line) <= max {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Records as blocks of `label: value` lines, labels aligned, a blank line between records;
/// values wrap at `total` columns between words (a word is never broken) with the
/// continuation lines indented under the value.
pub fn blocks(header: &[&str], rows: &[Vec<String>], total: usize) -> String {
    let label_w = header.iter().map(|h| width(h)).max().unwrap_or(0);
    let value_w = total.saturating_sub(label_w + 2).max(MIN_TEXT);
    let mut out = Vec::new();
    for row in rows {
        let mut lines = Vec::new();
        for (h, v) in header.iter().zip(row) {
            let pad = " ".repeat(label_w - width(h));
            let wrapped = wrap(v, value_w);
            let indent = " ".repeat(label_w + 2);
            let mut first = true;
            for part in wrapped {
                if first {
                    lines.push(format!("{h}:{pad} {part}").trim_end().to_string());
                    first = false;
                } else {
                    lines.push(format!("{indent}{part}"));
                }
            }
            if first {
                lines.push(format!("{h}:"));
            }
        }
        out.push(lines.join("\n"));
    }
    out.join("\n\n")
}

/// `text` broken into lines of at most `max` columns: between words, or between two CJK
/// characters; a word wider than `max` keeps its own line whole.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for token in tokens(para) {
            let w = UnicodeWidthStr::width(token);
            let blank = token.trim().is_empty();
            if used + w > max && used > 0 {
                lines.push(line.trim_end().to_string());
                line = String::new();
                used = 0;
                if blank {
                    continue;
                }
            }
            line.push_str(token);
            used += w;
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Words, runs of spaces, and single wide characters, in order.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<u8> = None; // 0 word, 1 space, 2 wide
    for (i, c) in text.char_indices() {
        let class = if c == ' ' {
            1
        } else if unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1 {
            2
        } else {
            0
        };
        if prev.is_some() && (prev != Some(class) || class == 2) {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(class);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnKind::{Fixed, Text};

    #[test]
    fn ids_dates_and_numbers_are_fixed_names_are_text() {
        let rows = vec![vec![
            "CQ-YZ-001-2024-0001".to_string(),
            "2024-05-06".to_string(),
            "重庆某某科技有限公司".to_string(),
            "已指导".to_string(),
            "Timely handling".to_string(),
        ]];
        assert_eq!(
            kinds(&["id", "on", "name", "outcome", "item"], &rows),
            vec![Fixed, Fixed, Text, Fixed, Text]
        );
    }

    #[test]
    fn text_columns_share_the_room_left() {
        // Fixed 10 + texts wanting 30 and 4: overhead 3*3+1 = 10; room at 40 = 40-10-10 = 20.
        let w = fit(&[Fixed, Text, Text], &[10, 30, 4], 40).unwrap();
        assert_eq!(w, vec![10, 16, 4]);
        assert_eq!(table_width(&w), 40);
        assert_eq!(fit(&[Fixed, Text], &[60, 30], 70), None);
        assert_eq!(fit(&[Fixed, Fixed], &[40, 40], 70), None);
        assert_eq!(fit(&[Fixed, Fixed], &[10, 10], 70), Some(vec![10, 10]));
    }

    #[test]
    fn cutting_counts_display_columns() {
        assert_eq!(cut("重庆某某科技有限公司", 9), "重庆某某…");
        assert_eq!(cut("Timely handling", 8), "Timely …");
        assert_eq!(cut("short", 8), "short");
        assert!(width(&cut("重庆某某科技有限公司", 8)) <= 8);
    }

    #[test]
    fn wrapping_never_breaks_a_word() {
        assert_eq!(
            wrap("19 late (CQ-YZ-001-2024-0001, CQ-YZ-001-2024-0002)", 24),
            vec!["19 late", "(CQ-YZ-001-2024-0001,", "CQ-YZ-001-2024-0002)"]
        );
        assert_eq!(wrap("德国展会专利侵权", 6), vec!["德国展", "会专利", "侵权"]);
    }

    #[test]
    fn blocks_align_their_labels() {
        let rows = vec![vec!["A-1".to_string(), "x y".to_string()]];
        assert_eq!(blocks(&["ID", "Name"], &rows, 80), "ID:   A-1\nName: x y");
    }
}
