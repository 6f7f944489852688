//! The Markdown text of a generated document, in Chinese or English. Every text a user typed
//! goes through `escape` (running text or table cell); stored enum values are shown in words.

use super::content::{CaseCounts, Count, Document, DocumentKind, Information, Resources, UNSPECIFIED};
use super::escape::{cell, inline};
use super::gap_list::{Gap, Gaps};
use super::words;
use crate::i18n::Lang;
use crate::model::{ActivityKind, CaseSource, DisputeType, Hundredths, IpType, WarningLevel};
use serde_json::Value;
use std::fmt::Write;

/// A stored value in words: the enum's Chinese alias, readable English, or the text itself
/// (escaped: countries are free text).
fn label<T: std::str::FromStr + Copy>(lang: Lang, key: &str, zh: fn(T) -> &'static str) -> String {
    if key == UNSPECIFIED {
        return lang.label("label.unspecified").to_string();
    }
    let known = match lang {
        Lang::Zh => key.parse::<T>().ok().map(zh),
        Lang::En => words::english(key),
    };
    known.map(str::to_string).unwrap_or_else(|| cell(key))
}

/// A country key: its name in the document's language (an old value no migration could map:
/// itself), or "unspecified".
fn free(lang: Lang, key: &str) -> String {
    match key {
        UNSPECIFIED => lang.label("label.unspecified").to_string(),
        _ => cell(&crate::model::country::display(key, lang == Lang::Zh)),
    }
}

/// One breakdown: its heading, then a table whose first column is the dimension.
fn counts(
    out: &mut String,
    l: Lang,
    title: &str,
    column: &str,
    rows: &[Count],
    name: &dyn Fn(&str) -> String,
) {
    let _ = writeln!(out, "\n### {title}\n");
    if rows.is_empty() {
        let _ = writeln!(out, "{}", l.label("label.none"));
        return;
    }
    let _ = writeln!(out, "| {column} | {} |\n|---|---:|", l.label("label.cases"));
    for c in rows {
        let _ = writeln!(out, "| {} | {} |", name(&c.key), c.count);
    }
}

/// The document as Markdown.
pub fn render(doc: &Document, lang: Lang) -> String {
    let mut o = String::new();
    heading(&mut o, doc, lang);
    cases(&mut o, &doc.cases, lang);
    information(&mut o, &doc.information, lang);
    typical_cases(&mut o, doc, lang);
    if !doc.satisfaction.is_empty() {
        let _ = writeln!(
            o,
            "\n{}{}{}",
            lang.label("label.satisfaction_at_follow_ups"),
            lang.label("label.colon"),
            doc.satisfaction.line(lang)
        );
    }
    resources(&mut o, &doc.resources, lang);
    activities(&mut o, doc, lang);
    let audit_section = match &doc.score {
        Some(score) => {
            score_preview(&mut o, doc, score, lang);
            work_plan(&mut o, doc, lang);
            7
        }
        None => 5,
    };
    audit_chain(&mut o, doc, audit_section, lang);
    o
}

/// The title and the list of what the document covers.
fn heading(o: &mut String, doc: &Document, l: Lang) {
    let name = inline(&doc.name);
    let period = words::period(&doc.period, l);
    let _ = match (l, doc.kind) {
        (Lang::Zh, DocumentKind::Quarterly) => writeln!(o, "# {name}{period}海外知识产权纠纷信息报告\n"),
        (Lang::Zh, DocumentKind::Annual) => writeln!(o, "# {name}{period}工作总结\n"),
        (Lang::En, DocumentKind::Quarterly) => writeln!(o, "# {name}: Quarterly case report, {period}\n"),
        (Lang::En, DocumentKind::Annual) => writeln!(o, "# {name}: Annual work summary, {period}\n"),
    };
    let sep = l.label("label.colon");
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.station"), inline(&doc.station));
    let _ = writeln!(
        o,
        "- {}{sep}{} {} {}",
        l.label("label.period_2"),
        doc.from,
        l.label("label.to"),
        doc.to
    );
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.figures_as_of"), doc.as_of);
    let _ = writeln!(o, "- {}{sep}{}", l.label("label.rubric"), inline(&doc.rubric));
    if !doc.generated_on.is_empty() {
        let _ = writeln!(o, "- {}{sep}{}", l.label("label.issued_on"), doc.generated_on);
    }
}

/// Section 1: the case figures and their breakdowns.
fn cases(o: &mut String, c: &CaseCounts, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.label("label.1_cases_received_2"));
    let n = |k: usize| match l {
        Lang::Zh => format!("{k} 件"),
        Lang::En => k.to_string(),
    };
    let _ = match l {
        Lang::Zh => writeln!(
            o,
            "- 收到案件：{}\n- 已受理：{}\n- 已办结：{}",
            n(c.received),
            n(c.accepted),
            n(c.closed)
        ),
        Lang::En => writeln!(
            o,
            "- Received: {}\n- Accepted: {}\n- Closed: {}",
            c.received, c.accepted, c.closed
        ),
    };
    let ids: Vec<String> = c
        .overdue_cases
        .iter()
        .map(|x| {
            let limits: Vec<String> = x.limits.iter().map(|k| words::limit(k, l)).collect();
            format!(
                "{}{}{}",
                inline(&x.id),
                l.label("label.colon"),
                limits.join(l.label("label.list_comma"))
            )
        })
        .collect();
    let listed = match (ids.is_empty(), l) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("（{}）", ids.join("；")),
        (false, Lang::En) => format!(" ({})", ids.join("; ")),
    };
    let _ = writeln!(
        o,
        "- {}{}{}{}",
        l.label("label.overdue"),
        l.label("label.colon"),
        n(c.overdue),
        listed
    );
    counts(
        o,
        l,
        l.label("label.by_ip_type"),
        l.label("label.ip_type"),
        &c.by_ip_type,
        &|k| label(l, k, IpType::zh),
    );
    counts(
        o,
        l,
        l.label("label.by_country_or_region"),
        l.label("label.country_or_region"),
        &c.by_country,
        &|k| free(l, k),
    );
    counts(
        o,
        l,
        l.label("label.by_dispute_type"),
        l.label("label.dispute_type"),
        &c.by_dispute_type,
        &|k| label(l, k, DisputeType::zh),
    );
    counts(
        o,
        l,
        l.label("label.by_warning_level"),
        l.label("label.warning_level"),
        &c.by_warning_level,
        &|k| label(l, k, WarningLevel::zh),
    );
    counts(
        o,
        l,
        l.label("label.by_source"),
        l.label("label.source_2"),
        &c.by_source,
        &|k| label(l, k, CaseSource::zh),
    );
}

/// The end of section 1: the dispute information collected (art. 6(1)), which is no case.
fn information(o: &mut String, i: &Information, l: Lang) {
    let _ = writeln!(o, "\n### {}\n", l.label("label.dispute_information_collected"));
    let _ = match l {
        Lang::Zh => writeln!(o, "- 收集纠纷信息：{} 条", i.collected),
        Lang::En => writeln!(o, "- Disputes collected: {}", i.collected),
    };
    if i.collected == 0 {
        return;
    }
    let _ = writeln!(
        o,
        "\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
        l.label("label.id_3"),
        l.label("label.received_2"),
        l.label("label.enterprise_2"),
        l.label("label.country_or_region"),
        l.label("label.ip_type"),
        l.label("label.dispute_type"),
    );
    for r in &i.records {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&r.id),
            r.received_on,
            cell(&r.enterprise),
            free(
                l,
                if r.country.is_empty() {
                    UNSPECIFIED
                } else {
                    &r.country
                }
            ),
            label(l, &r.ip_type, IpType::zh),
            label(l, &r.dispute_type, DisputeType::zh),
        );
    }
    counts(
        o,
        l,
        l.label("label.collected_by_country_or_region"),
        l.label("label.country_or_region"),
        &i.by_country,
        &|k| free(l, k),
    );
    counts(
        o,
        l,
        l.label("label.collected_by_ip_type"),
        l.label("label.ip_type"),
        &i.by_ip_type,
        &|k| label(l, k, IpType::zh),
    );
    counts(
        o,
        l,
        l.label("label.collected_by_dispute_type"),
        l.label("label.dispute_type"),
        &i.by_dispute_type,
        &|k| label(l, k, DisputeType::zh),
    );
}

/// Section 2: one line per typical case; fields left empty are left out.
fn typical_cases(o: &mut String, doc: &Document, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.label("label.2_typical_cases"));
    if doc.typical_cases.is_empty() {
        let _ = writeln!(o, "{}", l.label("label.none"));
    }
    for t in &doc.typical_cases {
        let mut facts = vec![t.received_on.clone()];
        if t.ip_type != UNSPECIFIED {
            facts.push(label(l, &t.ip_type, IpType::zh));
        }
        if !t.country.trim().is_empty() {
            facts.push(inline(&crate::model::country::display(&t.country, l == Lang::Zh)));
        }
        if t.dispute_type != UNSPECIFIED {
            facts.push(label(l, &t.dispute_type, DisputeType::zh));
        }
        let summary = inline(&t.summary);
        let (id, ent) = (inline(&t.id), inline(&t.enterprise));
        let _ = match l {
            Lang::Zh => write!(o, "- **{id}** {ent}（{}）", facts.join("，")),
            Lang::En => write!(o, "- **{id}** {ent} ({})", facts.join(", ")),
        };
        let _ = match summary.is_empty() {
            true => writeln!(o),
            false => writeln!(o, "{}{summary}", l.label("label.colon")),
        };
    }
}

/// Section 3: staff, expert pool and funding.
fn resources(o: &mut String, r: &Resources, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.label("label.3_resources"));
    let _ = match l {
        Lang::Zh => writeln!(
            o,
            "- 工作人员：{} 名（专职 {} 名）\n- 专家库：专家 {} 名，律师 {} 名\n- 经费：{} 元（{} 笔）",
            r.staff, r.full_time_staff, r.experts, r.lawyers, r.funding_yuan, r.funding_payments
        ),
        Lang::En => writeln!(
            o,
            "- Staff: {} ({} full-time)\n- Pool: {}, {}\n- Funding: {} yuan ({})",
            r.staff,
            r.full_time_staff,
            words::plural(r.experts, "expert", "experts"),
            words::plural(r.lawyers, "lawyer", "lawyers"),
            r.funding_yuan,
            words::plural(r.funding_payments, "payment", "payments")
        ),
    };
}

/// Section 4: the count of each kind of activity, then a table of them.
fn activities(o: &mut String, doc: &Document, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.label("label.4_activities"));
    if doc.activities.is_empty() {
        let _ = writeln!(o, "{}", l.label("label.none"));
        return;
    }
    let sum: Vec<String> = doc
        .activity_counts
        .iter()
        .map(|c| match l {
            Lang::Zh => format!("{} {} 次", label(l, &c.key, ActivityKind::zh), c.count),
            Lang::En => words::activities_en(&c.key, c.count),
        })
        .collect();
    let _ = writeln!(
        o,
        "{}{}\n",
        sum.join(l.label("label.comma")),
        l.label("label.full_stop")
    );
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---:|",
        l.label("label.date"),
        l.label("label.kind"),
        l.label("label.title"),
        l.label("label.participants_2")
    );
    for a in &doc.activities {
        let p = a.participants.map(|n| n.to_string()).unwrap_or_default();
        let kind = label(l, &a.kind, ActivityKind::zh);
        let _ = writeln!(o, "| {} | {} | {} | {} |", a.date, kind, cell(&a.title), p);
    }
}

/// Section 5 of an annual summary: the score preview and, when given, its gaps.
fn score_preview(o: &mut String, doc: &Document, score: &Value, l: Lang) {
    let num = |k: &str| {
        let raw = score.get(k).map(|v| v.to_string()).unwrap_or_default();
        raw.parse::<Hundredths>().map(|h| h.to_string()).unwrap_or(raw)
    };
    let grade = score.get("grade").and_then(|g| g.as_str()).unwrap_or_default();
    let grade = match grade {
        "excellent" => l.label("label.excellent"),
        "pass" => l.label("label.pass"),
        "fail" => l.label("label.fail"),
        other => other,
    };
    let _ = writeln!(o, "\n## {}\n", l.label("label.5_score_preview"));
    let _ = match l {
        Lang::Zh => writeln!(
            o,
            "截至 {}，总分 {}（基础分 {} + 加分 {} − 减分 {}），等级：{}。",
            doc.as_of,
            num("total"),
            num("base"),
            num("bonus"),
            num("penalty"),
            inline(grade)
        ),
        Lang::En => writeln!(
            o,
            "Total as of {}: {} (base {} + bonus {} − penalty {}), grade: {}.",
            doc.as_of,
            num("total"),
            num("base"),
            num("bonus"),
            num("penalty"),
            inline(grade)
        ),
    };
    if let Some(gaps) = &doc.gaps {
        gap_section(o, gaps, l);
    }
}

/// The gaps as a list of actions (or of items that lost points), then the reachable total.
fn gap_section(o: &mut String, g: &Gaps, l: Lang) {
    let _ = writeln!(o, "\n### {}\n", l.label("label.gaps"));
    for n in &g.notes {
        let n = match l {
            Lang::Zh => n.replace(" (", "（").replace(')', "）").replace("： ", "："),
            Lang::En => n.clone(),
        };
        let _ = writeln!(o, "{}\n", inline(&n));
    }
    let sep = l.label("label.colon");
    for item in &g.items {
        let _ = match item {
            Gap::Action { action, points, .. } => writeln!(o, "- {}{sep}+{points}", inline(action)),
            Gap::Lost {
                item,
                points,
                evidence,
            } => writeln!(o, "- {}{sep}{points} — {}", inline(item), inline(evidence)),
        };
    }
    if let Some((total, grade)) = &g.reach {
        let _ = match l {
            Lang::Zh => writeln!(o, "\n完成以上事项后预计总分 {total}，等级：{}。", inline(grade)),
            Lang::En => writeln!(
                o,
                "\nWith all of the above: total {total}, grade: {}.",
                inline(grade)
            ),
        };
    }
}

/// Section 6 of an annual summary: the heading of next year's plan, to be filled in.
fn work_plan(o: &mut String, doc: &Document, l: Lang) {
    let next = doc.to.get(..4).and_then(|y| y.parse::<i32>().ok()).map(|y| y + 1);
    let next = next.map(|y| y.to_string()).unwrap_or_default();
    let _ = match l {
        Lang::Zh => writeln!(o, "\n## 六、{next}年工作计划\n"),
        Lang::En => writeln!(o, "\n## 6. Work plan for {next}\n"),
    };
    let _ = writeln!(o, "{}", l.label("label.to_be_filled_in_goals_trainings_publicit"));
}

/// The last section (numbered `n`): the audit chain's head and how to verify it.
fn audit_chain(o: &mut String, doc: &Document, n: u32, l: Lang) {
    let title = match n {
        5 => l.label("label.5_audit_chain"),
        _ => l.label("label.7_audit_chain"),
    };
    let (hash, seq) = (&doc.audit_head.hash, doc.audit_head.seq);
    let _ = writeln!(o, "\n## {title}\n");
    let _ = match l {
        Lang::Zh => writeln!(
            o,
            "审计链头哈希：{hash}（序号 {seq}）\n\n核验命令：`ipguard audit verify --head {hash}`"
        ),
        Lang::En => writeln!(
            o,
            "Audit head: {hash} (sequence {seq})\n\nVerify with `ipguard audit verify --head {hash}`"
        ),
    };
}
