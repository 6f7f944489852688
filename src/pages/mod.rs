//! The HTML pages (`--format html`): the scorecard, the ranking and the city statistics, each
//! one self-contained document (inline stylesheet and SVG, no script, no external resource)
//! built with the `maud` template engine, which escapes every spliced value, so a station name
//! cannot inject markup. Charts are SVG drawn here with integer geometry (see `svg`); every
//! chart has its numbers in a table beside it. Elements carrying a figure that `--format json`
//! also prints name its JSON pointer in `data-k`, so tests can compare the two.

pub mod city;
pub mod score;
pub mod svg;

use crate::i18n::Lang;
use crate::model::Hundredths;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The fonts Chinese offices have, then the generic family.
pub const FONT_STACK: &str =
    r#""Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif"#;

/// The stylesheet of every page: screen, and print on A4.
fn css() -> String {
    format!(
        r#"
:root {{ --ink: #1f2933; --muted: #52606d; --rule: #d9e2ec; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_STACK}; color: var(--ink); margin: 0; background: #fff;
  font-size: 14px; line-height: 1.45; }}
main {{ max-width: 760px; margin: 0 auto; padding: 24px 20px; }}
h1 {{ font-size: 22px; margin: 0 0 4px; }}
h2 {{ font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid var(--rule); padding-bottom: 3px; }}
h3 {{ font-size: 15px; margin: 14px 0 6px; }}
.meta {{ color: var(--muted); margin: 0 0 10px; }}
.headline {{ display: flex; gap: 18px; align-items: baseline; flex-wrap: wrap; margin: 8px 0; }}
.headline .big {{ font-size: 34px; font-weight: 700; }}
.grade {{ display: inline-block; white-space: nowrap; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: 700; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 10px; }}
th, td {{ border: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }}
th {{ background: #f0f4f8; font-weight: 600; }}
td.code {{ white-space: nowrap; }}
td.n, th.n {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
tr.part td {{ background: #f7f9fb; font-weight: 600; }}
table.items td:first-child {{ white-space: nowrap; }}
table.items td:nth-child(2) {{ min-width: 10em; }}
figure {{ margin: 8px 0 14px; break-inside: avoid; }}
figure svg {{ display: block; width: 100%; height: auto; }}
figcaption {{ color: var(--muted); font-size: 12px; }}
details {{ margin: 2px 0 0; }}
summary {{ cursor: pointer; color: var(--muted); font-size: 12px; }}
details ul {{ margin: 2px 0 4px 18px; padding: 0; font-size: 12px; }}
.legend span {{ display: inline-block; margin-right: 12px; font-size: 12px; }}
.legend i {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }}
.grid td.n {{ color: #102a43; }}
.foot {{ color: var(--muted); font-size: 11px; margin-top: 18px; }}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  body {{ font-size: 11px; }}
  main {{ max-width: none; padding: 0; }}
  h2 {{ break-after: avoid; }}
  figure, section.keep {{ break-inside: avoid; }}
  tr {{ break-inside: avoid; }}
  .pagebreak {{ break-before: page; }}
  summary {{ display: none; }}
  th {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"#
    )
}

/// A whole page: `title` in the head and `body` inside `main`.
pub fn page(lang: Lang, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.label("label.en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("ipguard ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(css())) }
            }
            body {
                main { (body) }
            }
        }
    }
    .into_string()
}

/// Points as printed on a page: always two decimals (`85.50`), like the terminal tables.
pub fn pts(h: Hundredths) -> String {
    h.to_string()
}

/// The colour of the grade at `index` among `count` grades (best first): green for the top,
/// red for the lowest, amber between.
pub fn grade_colour(index: usize, count: usize) -> &'static str {
    if index == 0 {
        "#2f855a"
    } else if index + 1 >= count {
        "#c53030"
    } else {
        "#b7791f"
    }
}

/// The footer every page ends with.
pub fn footer(lang: Lang, generated_on: &str, rubric: &str) -> Markup {
    html! {
        p.foot {
            (lang.label("label.generated_by_ipguard_on")) (generated_on)
            (lang.label("label.rubric_2")) (rubric)
        }
    }
}
