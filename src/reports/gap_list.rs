//! The `score --gaps` lines of an annual summary as a list of actions: repeats of one action
//! merged into one entry with its count and points, enum values in readable words. The lines
//! are those `rubric::gaps::render` writes; a line of another shape is kept as a note.

use super::words;
use crate::model::Hundredths;
use serde::Serialize;

/// One entry of the gaps list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Gap {
    /// Something still to do in an open period, `count` times, adding `points`.
    Action {
        action: String,
        count: usize,
        points: Hundredths,
    },
    /// An item of a past period that lost points (`points` negative), with its evidence.
    Lost {
        item: String,
        points: Hundredths,
        evidence: String,
    },
}

/// The gaps of an annual summary. Serialized as the list of its entries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gaps {
    pub items: Vec<Gap>,
    /// Lines that are neither an action nor a lost item (top grade reached, period over…),
    /// except those after the actions: the last action's total replaces them.
    pub notes: Vec<String>,
    /// The total and grade once every action is done.
    pub reach: Option<(Hundredths, String)>,
}

impl Serialize for Gaps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

fn amount(t: &str) -> Option<Hundredths> {
    t.trim().parse().ok()
}

/// `action: +2.50 → 43.50 (grade)`.
fn step(line: &str) -> Option<(&str, Hundredths, Hundredths, String)> {
    let (left, right) = line.rsplit_once(" → ")?;
    let (action, delta) = left.rsplit_once(": +")?;
    let (total, grade) = right.split_once(" (")?;
    let grade = grade.strip_suffix(')')?;
    Some((action, amount(delta)?, amount(total)?, grade.to_string()))
}

/// `3.3 name: -5.00 — evidence`.
fn lost(line: &str) -> Option<Gap> {
    let mut from = 0;
    while let Some(i) = line[from..].find(": -").map(|i| i + from) {
        let rest = &line[i + 3..];
        if let Some((n, evidence)) = rest.split_once(" — ") {
            if let Some(n) = amount(n) {
                return Some(Gap::Lost {
                    item: line[..i].to_string(),
                    points: Hundredths(-n.0),
                    evidence: evidence.to_string(),
                });
            }
        }
        from = i + 3;
    }
    None
}

/// The text of an action done `n` times, in readable words.
fn action_text(raw: &str, n: usize) -> String {
    if let Some(kind) = raw.strip_prefix("record 1 more ") {
        return format!(
            "record {}",
            words::activities_en(kind, n).replacen(' ', " more ", 1)
        );
    }
    if let Some(rest) = raw.strip_prefix("submit the ") {
        if let Some((period, kind)) = rest.strip_suffix(" report").and_then(|r| r.split_once(' ')) {
            if let Some(w) = words::english(kind) {
                return format!("submit the {period} {w}");
            }
        }
    }
    if n == 1 {
        return raw.to_string();
    }
    match raw {
        "add 1 expert or lawyer to the pool" => format!("add {n} experts or lawyers to the pool"),
        "appoint 1 full-time staff member" => format!("appoint {n} full-time staff members"),
        r if !r.is_ascii() && r.contains(" 1 ") => r.replacen(" 1 ", &format!(" {n} "), 1),
        r => format!("{r} (×{n})"),
    }
}

impl FromIterator<String> for Gaps {
    /// From the lines of `score --gaps` (the heading line, not indented, is skipped).
    fn from_iter<I: IntoIterator<Item = String>>(lines: I) -> Gaps {
        let mut g = Gaps::default();
        let mut steps: Vec<(String, usize, Hundredths)> = Vec::new();
        for line in lines {
            let Some(line) = line.strip_prefix("  ") else {
                continue;
            };
            let line = line.trim();
            if let Some((action, delta, total, grade)) = step(line) {
                match steps.iter_mut().find(|s| s.0 == action) {
                    Some(s) => {
                        s.1 += 1;
                        s.2 = Hundredths(s.2 .0 + delta.0);
                    }
                    None => steps.push((action.to_string(), 1, delta)),
                }
                g.reach = Some((total, grade));
            } else if let Some(l) = lost(line) {
                g.items.push(l);
            } else if steps.is_empty() && !line.is_empty() {
                g.notes.push(line.to_string());
            }
        }
        g.items
            .extend(steps.into_iter().map(|(a, count, points)| Gap::Action {
                action: action_text(&a, count),
                count,
                points,
            }));
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps(lines: &[&str]) -> Gaps {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn repeats_merge_with_their_count_and_points() {
        let g = gaps(&[
            "差距",
            "  再开展 1 次援助申请指导: +2.50 → 43.50 (不合格)",
            "  受理案件 K: +1: +0.50 → 44.00 (不合格)",
            "  再开展 1 次援助申请指导: +2.50 → 46.50 (不合格)",
            "  最多可达： 46.50",
        ]);
        let action = |a: &str, count, p| Gap::Action {
            action: a.into(),
            count,
            points: Hundredths(p),
        };
        assert_eq!(
            g.items,
            vec![
                action("再开展 2 次援助申请指导", 2, 500),
                action("受理案件 K: +1", 1, 50)
            ]
        );
        assert_eq!(g.reach, Some((Hundredths(4650), "不合格".into())));
        assert!(g.notes.is_empty());
    }

    #[test]
    fn english_actions_read_as_words() {
        let g = gaps(&[
            "Gaps",
            "  record 1 more aid_guidance: +2.50 → 43.50 (fail)",
            "  record 1 more aid_guidance: +2.50 → 46.00 (fail)",
            "  submit the 2024Q4 quarterly_cases report: +2.50 → 48.50 (fail)",
            "  add 1 expert or lawyer to the pool: +2.00 → 50.50 (fail)",
            "  add 1 expert or lawyer to the pool: +2.00 → 52.50 (fail)",
        ]);
        let texts: Vec<String> = g
            .items
            .iter()
            .map(|i| match i {
                Gap::Action { action, .. } => action.clone(),
                Gap::Lost { item, .. } => item.clone(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "record 2 more aid application guidance sessions",
                "submit the 2024Q4 quarterly case report",
                "add 2 experts or lawyers to the pool"
            ]
        );
    }

    #[test]
    fn lost_items_and_notes() {
        let g = gaps(&[
            "差距",
            "  期间已结束，失分之处：",
            "  3.3 报告、文章或指引手册: -5.00 — 发布 0 次，目标 1",
        ]);
        assert_eq!(g.notes, ["期间已结束，失分之处："]);
        assert_eq!(
            g.items,
            vec![Gap::Lost {
                item: "3.3 报告、文章或指引手册".into(),
                points: Hundredths(-500),
                evidence: "发布 0 次，目标 1".into()
            }]
        );
    }
}
