//! The Markdown text of a generated document, in Chinese or English.

use super::content::{CaseCounts, Count, Document, Resources, UNSPECIFIED};
use crate::i18n::Lang;
use crate::model::{ActivityKind, CaseSource, DisputeType, IpType, WarningLevel};
use serde_json::Value;
use std::fmt::Write;

fn label<T: std::str::FromStr + Copy>(lang: Lang, key: &str, f: fn(T, Lang) -> &'static str) -> String {
    if key == UNSPECIFIED {
        return lang.t("unspecified", "未填写").to_string();
    }
    key.parse::<T>()
        .map(|v| f(v, lang).to_string())
        .unwrap_or_else(|_| key.to_string())
}

fn counts(out: &mut String, lang: Lang, title: &str, rows: &[Count], name: &dyn Fn(&str) -> String) {
    let _ = writeln!(out, "\n### {title}\n");
    if rows.is_empty() {
        let _ = writeln!(out, "{}", lang.t("None.", "无。"));
        return;
    }
    let _ = writeln!(out, "| {} | {} |\n|---|---:|", title, lang.t("Cases", "件数"));
    for c in rows {
        let _ = writeln!(out, "| {} | {} |", name(&c.key), c.count);
    }
}

/// The document as Markdown.
pub fn render(doc: &Document, lang: Lang) -> String {
    let mut o = String::new();
    heading(&mut o, doc, lang);
    cases(&mut o, &doc.cases, lang);
    typical_cases(&mut o, doc, lang);
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
    let title = match doc.kind {
        "quarterly" => l.t("Quarterly case report", "季度海外知识产权纠纷信息报告"),
        _ => l.t("Annual work summary", "年度工作总结"),
    };
    let _ = writeln!(o, "# {} {} · {}\n", doc.name, doc.period, title);
    let _ = writeln!(o, "- {}: {}", l.t("Station", "工作站编号"), doc.station);
    let _ = writeln!(o, "- {}: {} .. {}", l.t("Period", "报告期间"), doc.from, doc.to);
    let _ = writeln!(o, "- {}: {}", l.t("Figures as of", "数据截至"), doc.as_of);
    let _ = writeln!(o, "- {}: {}", l.t("Rubric", "考核标准"), doc.rubric);
}

/// Section 1: the case figures and their breakdowns.
fn cases(o: &mut String, c: &CaseCounts, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.t("1. Cases received", "一、受理案件情况"));
    let _ = writeln!(o, "- {}: {}", l.t("Received", "收到案件"), c.received);
    let _ = writeln!(o, "- {}: {}", l.t("Accepted", "已受理"), c.accepted);
    let _ = writeln!(o, "- {}: {}", l.t("Closed", "已办结"), c.closed);
    let ids: Vec<String> = c
        .overdue_cases
        .iter()
        .map(|x| format!("{} ({})", x.id, x.limits.join(", ")))
        .collect();
    let listed = if ids.is_empty() {
        String::new()
    } else {
        format!(" — {}", ids.join("; "))
    };
    let _ = writeln!(o, "- {}: {}{}", l.t("Overdue", "超期"), c.overdue, listed);
    let by_ip_type = l.t("By IP type", "按知识产权类型");
    counts(o, l, by_ip_type, &c.by_ip_type, &|k| label(l, k, IpType::label));
    let by_country = l.t("By country or region", "按国家或地区");
    counts(o, l, by_country, &c.by_country, &|k| country(l, k));
    let by_dispute = l.t("By dispute type", "按纠纷类型");
    counts(o, l, by_dispute, &c.by_dispute_type, &|k| {
        label(l, k, DisputeType::label)
    });
    let by_warning = l.t("By warning level", "按预警等级");
    counts(o, l, by_warning, &c.by_warning_level, &|k| {
        label(l, k, WarningLevel::label)
    });
    let by_source = l.t("By source", "按案件来源");
    counts(o, l, by_source, &c.by_source, &|k| label(l, k, CaseSource::label));
}

/// A country key as shown: itself, or "unspecified".
fn country(l: Lang, key: &str) -> String {
    if key == UNSPECIFIED {
        l.t("unspecified", "未填写").to_string()
    } else {
        key.to_string()
    }
}

/// Section 2: one line per typical case.
fn typical_cases(o: &mut String, doc: &Document, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.t("2. Typical cases", "二、典型案例"));
    if doc.typical_cases.is_empty() {
        let _ = writeln!(o, "{}", l.t("None.", "无。"));
    }
    for t in &doc.typical_cases {
        let country = match t.country.as_str() {
            "" => l.t("unspecified", "未填写"),
            c => c,
        };
        let summary = match t.summary.as_str() {
            "" => l.t("(no summary)", "（无摘要）"),
            s => s,
        };
        let _ = writeln!(
            o,
            "- **{}** {}（{}，{}，{}，{}）：{}",
            t.id,
            t.enterprise,
            t.received_on,
            label(l, &t.ip_type, IpType::label),
            country,
            label(l, &t.dispute_type, DisputeType::label),
            summary
        );
    }
}

/// Section 3: staff, expert pool and funding.
fn resources(o: &mut String, r: &Resources, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.t("3. Resources", "三、人员、专家与经费"));
    let _ = writeln!(
        o,
        "- {}: {} ({} {})",
        l.t("Staff", "工作人员"),
        r.staff,
        l.t("full-time", "专职"),
        r.full_time_staff
    );
    let _ = writeln!(
        o,
        "- {}: {} {}, {} {}",
        l.t("Pool", "专家库"),
        r.experts,
        l.t("experts", "名专家"),
        r.lawyers,
        l.t("lawyers", "名律师")
    );
    let _ = writeln!(
        o,
        "- {}: {} {} ({} {})",
        l.t("Funding", "经费"),
        r.funding_yuan,
        l.t("yuan", "元"),
        r.funding_payments,
        l.t("payments", "笔")
    );
}

/// Section 4: the count of each kind of activity, then a table of them.
fn activities(o: &mut String, doc: &Document, l: Lang) {
    let _ = writeln!(o, "\n## {}\n", l.t("4. Activities", "四、培训宣传等活动"));
    if doc.activities.is_empty() {
        let _ = writeln!(o, "{}", l.t("None.", "无。"));
        return;
    }
    let sum: Vec<String> = doc
        .activity_counts
        .iter()
        .map(|c| format!("{} {}", label(l, &c.key, ActivityKind::label), c.count))
        .collect();
    let _ = writeln!(o, "{}\n", sum.join(l.t(", ", "，")));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---:|",
        l.t("Date", "日期"),
        l.t("Kind", "类型"),
        l.t("Title", "标题"),
        l.t("Participants", "参加人数")
    );
    for a in &doc.activities {
        let p = a.participants.map(|n| n.to_string()).unwrap_or_default();
        let kind = label(l, &a.kind, ActivityKind::label);
        let _ = writeln!(o, "| {} | {} | {} | {} |", a.date, kind, a.title, p);
    }
}

/// Section 5 of an annual summary: the score preview and, when given, its gaps.
fn score_preview(o: &mut String, doc: &Document, score: &Value, l: Lang) {
    let num = |k: &str| score.get(k).map(|v| v.to_string()).unwrap_or_default();
    let grade = match score.get("grade").and_then(|g| g.as_str()).unwrap_or_default() {
        "excellent" => l.t("excellent", "优秀"),
        "pass" => l.t("pass", "合格"),
        "fail" => l.t("fail", "不合格"),
        other => other,
    };
    let _ = writeln!(o, "\n## {}\n", l.t("5. Score preview", "五、考核得分预估"));
    let _ = writeln!(
        o,
        "{}: {} + {} - {} = {} · {}: {}",
        l.t("base + bonus - penalty = total", "基础分 + 加分 - 减分 = 总分"),
        num("base"),
        num("bonus"),
        num("penalty"),
        num("total"),
        l.t("grade", "等级"),
        grade
    );
    if let Some(gaps) = &doc.gaps {
        let _ = writeln!(o, "\n```text");
        for g in gaps {
            let _ = writeln!(o, "{g}");
        }
        let _ = writeln!(o, "```");
    }
}

/// Section 6 of an annual summary: the heading of next year's plan, to be filled in.
fn work_plan(o: &mut String, doc: &Document, l: Lang) {
    let next = doc.to.get(..4).and_then(|y| y.parse::<i32>().ok()).map(|y| y + 1);
    let _ = writeln!(
        o,
        "\n## {} {}\n\n{}",
        l.t("6. Work plan for", "六、下一年工作计划"),
        next.map(|y| y.to_string()).unwrap_or_default(),
        l.t(
            "(to be filled in: goals, trainings, publicity, pool, staff, funding)",
            "（待填写：工作目标、培训宣传、专家库、人员与经费安排）"
        )
    );
}

/// The last section (numbered `n`): the audit chain's head and how to verify it.
fn audit_chain(o: &mut String, doc: &Document, n: u32, l: Lang) {
    let title = match n {
        5 => l.t("5. Audit chain", "五、审计链"),
        _ => l.t("7. Audit chain", "七、审计链"),
    };
    let _ = writeln!(
        o,
        "\n## {}\n\n{} {} (seq {})\n\n{} `ipguard audit verify --head {}`",
        title,
        l.t("Audit head:", "审计链头哈希："),
        doc.audit_head.hash,
        doc.audit_head.seq,
        l.t("Verify with", "核验命令："),
        doc.audit_head.hash
    );
}
