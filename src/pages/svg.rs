//! The one chart the pages draw: horizontal bars, one row per label, each row one or two bars
//! (this period and the previous one), optionally against an outline (the row's maximum), with
//! vertical marks (grade thresholds). Inline SVG through `maud`, so labels are escaped.
//!
//! Geometry is integer arithmetic on the exact values (hundredths, counts): a bar's width in
//! pixels is `value × chart width / scale` rounded down, nothing else; no floating point.

use maud::{html, Markup};

/// The chart's width in SVG units (the page scales it to its column).
const WIDTH: i64 = 700;
/// The label column, the value column after the bars, and the row height.
const LABEL: i64 = 190;
const VALUE: i64 = 78;
const ROW: i64 = 26;
const BAR: i64 = 16;
/// The width of a label before it is cut with "…" (the full text is in the table beside), in
/// half-widths: a Chinese character counts 2, a Latin letter 1.
const LABEL_WIDTH: usize = 28;

/// One bar: its value in the chart's unit, its colour and the text printed after it.
pub struct Seg {
    pub value: i64,
    pub colour: &'static str,
    pub text: String,
}

/// One row: a label, one or two bars, and the outline the bars fill (a maximum), if any.
pub struct Row {
    pub label: String,
    pub bars: Vec<Seg>,
    pub outline: Option<i64>,
}

/// A vertical mark across the rows at `value` (a grade threshold), with its label on top.
pub struct Mark {
    pub value: i64,
    pub label: String,
    pub colour: &'static str,
}

fn chart_width() -> i64 {
    WIDTH - LABEL - VALUE
}

/// `value` as pixels of the chart's width when `scale` fills it; clamped to the chart.
pub fn px(value: i64, scale: i64) -> i64 {
    if scale <= 0 {
        return 0;
    }
    let v = i128::from(value.clamp(0, scale)) * i128::from(chart_width()) / i128::from(scale);
    i64::try_from(v).unwrap_or(0)
}

/// A character's width in half-widths: 2 for CJK and full-width forms, else 1.
fn width(c: char) -> usize {
    if ('\u{2E80}'..='\u{FFEF}').contains(&c) {
        2
    } else {
        1
    }
}

fn cut(label: &str) -> String {
    if label.chars().map(width).sum::<usize>() <= LABEL_WIDTH {
        return label.to_string();
    }
    let mut used = 0;
    let mut head = String::new();
    for c in label.chars() {
        if used + width(c) > LABEL_WIDTH - 1 {
            break;
        }
        used += width(c);
        head.push(c);
    }
    format!("{head}…")
}

/// The chart: `title` names it for screen readers; `scale` is the value that fills the width
/// (at least the largest value, outline and mark).
pub fn bars(title: &str, rows: &[Row], marks: &[Mark]) -> Markup {
    let scale = rows
        .iter()
        .flat_map(|r| r.bars.iter().map(|b| b.value).chain(r.outline))
        .chain(marks.iter().map(|m| m.value))
        .max()
        .unwrap_or(0)
        .max(1);
    let top: i64 = if marks.is_empty() { 4 } else { 22 };
    let row_h = |r: &Row| if r.bars.len() > 1 { ROW + 12 } else { ROW };
    let body: i64 = rows.iter().map(row_h).sum();
    let height = top + body + 6;
    let ys: Vec<i64> = rows
        .iter()
        .scan(top, |y, r| {
            let at = *y;
            *y += row_h(r);
            Some(at)
        })
        .collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            width=(WIDTH) height=(height) role="img" aria-label=(title) {
            title { (title) }
            @for (r, y) in rows.iter().zip(ys.iter().copied()) {
                @let h = row_h(r);
                @let sub = if r.bars.len() > 1 { (h - 6) / 2 } else { BAR };
                text x=(LABEL - 8) y=(y + h / 2 + 4) text-anchor="end" font-size="12" fill="#1f2933" {
                    (cut(&r.label))
                }
                @if let Some(max) = r.outline {
                    rect.outline x=(LABEL) y=(y + (h - BAR) / 2) width=(px(max, scale)) height=(BAR)
                        fill="#edf2f7" stroke="#cbd2d9" {}
                }
                @for (i, b) in r.bars.iter().enumerate() {
                    @let by = if r.bars.len() > 1 { y + 3 + i as i64 * sub } else { y + (h - BAR) / 2 };
                    rect.bar x=(LABEL) y=(by) width=(px(b.value, scale)) height=(sub)
                        fill=(b.colour) {}
                    text x=(LABEL + px(b.value.max(r.outline.unwrap_or(0)), scale) + 6) y=(by + sub / 2 + 4)
                        font-size="11" fill="#1f2933" { (b.text) }
                }
            }
            line x1=(LABEL) y1=(top - 2) x2=(LABEL) y2=(top + body) stroke="#52606d" {}
            @for m in marks {
                @let x = LABEL + px(m.value, scale);
                line.mark x1=(x) y1=(top - 4) x2=(x) y2=(top + body) stroke=(m.colour)
                    stroke-dasharray="4 3" stroke-width="1.5" {}
                text x=(x) y=(12) text-anchor="middle" font-size="11" fill=(m.colour) { (m.label) }
            }
        }
    }
}

/// The legend of a chart: a swatch and a label for each colour.
pub fn legend(items: &[(&'static str, String)]) -> Markup {
    html! {
        p.legend {
            @for (colour, label) in items {
                span { i style=(format!("background:{colour}")) {} (label) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_exact_integer_shares_of_the_chart() {
        assert_eq!(chart_width(), 432);
        assert_eq!(px(5000, 10000), 216);
        assert_eq!(px(10000, 10000), 432);
        assert_eq!(px(1, 3), 144);
        assert_eq!(px(-5, 100), 0);
        assert_eq!(px(200, 100), 432);
        assert_eq!(px(7, 0), 0);
    }

    #[test]
    fn labels_are_cut_and_escaped() {
        assert_eq!(
            cut("渝中区海外知识产权纠纷应对指导工作站"),
            "渝中区海外知识产权纠纷应对…"
        );
        assert_eq!(
            cut("1 Information collection and reporting"),
            "1 Information collection an…"
        );
        assert_eq!(cut("CQ-YZ-001"), "CQ-YZ-001");
        let svg = bars(
            "t",
            &[Row {
                label: "<b>&".into(),
                bars: vec![Seg {
                    value: 1,
                    colour: "#000",
                    text: "1".into(),
                }],
                outline: None,
            }],
            &[],
        )
        .into_string();
        assert!(svg.contains("&lt;b&gt;&amp;"), "{svg}");
        assert!(!svg.contains("<b>"));
    }
}
