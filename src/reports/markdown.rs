//! The Markdown text of a generated document, in Chinese or English.

use super::content::{Count, Document, UNSPECIFIED};
use crate::i18n::Lang;
use crate::model::{ActivityKind, CaseSource, DisputeType, IpType, WarningLevel};
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
    let l = lang;
    let mut o = String::new();
    let title = match doc.kind {
        "quarterly" => l.t("Quarterly case report", "季度海外知识产权纠纷信息报告"),
        _ => l.t("Annual work summary", "年度工作总结"),
    };
    let _ = writeln!(o, "# {} {} · {}\n", doc.name, doc.period, title);
    let _ = writeln!(o, "- {}: {}", l.t("Station", "工作站编号"), doc.station);
    let _ = writeln!(o, "- {}: {} .. {}", l.t("Period", "报告期间"), doc.from, doc.to);
    let _ = writeln!(o, "- {}: {}", l.t("Figures as of", "数据截至"), doc.as_of);
    let _ = writeln!(o, "- {}: {}", l.t("Rubric", "考核标准"), doc.rubric);

    let c = &doc.cases;
    let _ = writeln!(o, "\n## {}\n", l.t("1. Cases received", "一、受理案件情况"));
    let _ = writeln!(o, "- {}: {}", l.t("Received", "收到案件"), c.received);
    let _ = writeln!(o, "- {}: {}", l.t("Accepted", "已受理"), c.accepted);
    let _ = writeln!(o, "- {}: {}", l.t("Closed", "已办结"), c.closed);
    let ids: Vec<String> = c
        .overdue_cases
        .iter()
        .map(|x| format!("{} ({})", x.id, x.limits.join(", ")))
        .collect();
    let _ = writeln!(
        o,
        "- {}: {}{}",
        l.t("Overdue", "超期"),
        c.overdue,
        if ids.is_empty() {
            String::new()
        } else {
            format!(" — {}", ids.join("; "))
        }
    );
    counts(
        &mut o,
        l,
        l.t("By IP type", "按知识产权类型"),
        &c.by_ip_type,
        &|k| label(l, k, IpType::label),
    );
    counts(
        &mut o,
        l,
        l.t("By country or region", "按国家或地区"),
        &c.by_country,
        &|k| {
            if k == UNSPECIFIED {
                l.t("unspecified", "未填写").to_string()
            } else {
                k.to_string()
            }
        },
    );
    counts(
        &mut o,
        l,
        l.t("By dispute type", "按纠纷类型"),
        &c.by_dispute_type,
        &|k| label(l, k, DisputeType::label),
    );
    counts(
        &mut o,
        l,
        l.t("By warning level", "按预警等级"),
        &c.by_warning_level,
        &|k| label(l, k, WarningLevel::label),
    );
    counts(
        &mut o,
        l,
        l.t("By source", "按案件来源"),
        &c.by_source,
        &|k| label(l, k, CaseSource::label),
    );

    let _ = writeln!(o, "\n## {}\n", l.t("2. Typical cases", "二、典型案例"));
    if doc.typical_cases.is_empty() {
        let _ = writeln!(o, "{}", l.t("None.", "无。"));
    }
    for t in &doc.typical_cases {
        let _ = writeln!(
            o,
            "- **{}** {}（{}，{}，{}，{}）：{}",
            t.id,
            t.enterprise,
            t.received_on,
            label(l, &t.ip_type, IpType::label),
            if t.country.is_empty() {
                l.t("unspecified", "未填写")
            } else {
                &t.country
            },
            label(l, &t.dispute_type, DisputeType::label),
            if t.summary.is_empty() {
                l.t("(no summary)", "（无摘要）")
            } else {
                &t.summary
            }
        );
    }

    let r = &doc.resources;
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

    let _ = writeln!(o, "\n## {}\n", l.t("4. Activities", "四、培训宣传等活动"));
    if doc.activities.is_empty() {
        let _ = writeln!(o, "{}", l.t("None.", "无。"));
    } else {
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
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                a.date,
                label(l, &a.kind, ActivityKind::label),
                a.title,
                p
            );
        }
    }

    let mut n = 5;
    if let Some(score) = &doc.score {
        let num = |k: &str| score.get(k).map(|v| v.to_string()).unwrap_or_default();
        let grade = score.get("grade").and_then(|g| g.as_str()).unwrap_or_default();
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
            match grade {
                "excellent" => l.t("excellent", "优秀"),
                "pass" => l.t("pass", "合格"),
                "fail" => l.t("fail", "不合格"),
                other => other,
            }
        );
        if let Some(gaps) = &doc.gaps {
            let _ = writeln!(o, "\n```text");
            for g in gaps {
                let _ = writeln!(o, "{g}");
            }
            let _ = writeln!(o, "```");
        }
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
        n = 7;
    }
    let _ = writeln!(
        o,
        "\n## {}\n\n{} {} (seq {})\n\n{} `ipguard audit verify --head {}`",
        match n {
            5 => l.t("5. Audit chain", "五、审计链"),
            _ => l.t("7. Audit chain", "七、审计链"),
        },
        l.t("Audit head:", "审计链头哈希："),
        doc.audit_head.hash,
        doc.audit_head.seq,
        l.t("Verify with", "核验命令："),
        doc.audit_head.hash
    );
    o
}
