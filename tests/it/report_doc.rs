//! `report generate`: the quarterly report and annual summary against hand-counted figures,
//! `report list --format csv`, and refusals.

use crate::workdir::Workdir;

const FILES: [(&str, &str); 6] = [
    (
        "stations.csv",
        "code,name,status,status_on,established_on\nS1,测试工作站,established,2024-01-10,2024-01-10\n",
    ),
    (
        "cases.csv",
        "id,station,enterprise,received_on,source,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,typical,summary
K0,S1,戊公司,2024-06-30,enterprise,copyright,日本,other,blue,2024-07-01,,no,
K1,S1,甲公司,2024-07-02,enterprise,patent,美国,litigation,red,2024-07-04,2024-08-01,yes,美国专利诉讼应对
K2,S1,乙公司,2024-08-05,city_transfer,trademark,德国,exhibition,yellow,2024-08-20,,no,
K3,S1,丙公司,2024-09-29,enterprise,patent,美国,,,,,no,
K4,S1,丁公司,2024-10-02,enterprise,patent,美国,,,,,yes,第四季度案件
",
    ),
    (
        "activities.csv",
        "station,kind,date,title,participants
S1,training,2024-08-10,出海企业培训,50
S1,publicity,2024-09-01,宣传周,
S1,training,2024-10-10,第四季度培训,30
",
    ),
    (
        "staff.csv",
        "station,name,full_time,from,to\nS1,张三,yes,2024-01-10,\nS1,李四,no,2024-02-01,2024-06-30\n",
    ),
    (
        "experts.csv",
        "station,name,kind,joined_on,left_on\nS1,王五,expert,2024-03-01,\nS1,赵六,lawyer,2024-03-01,2024-09-30\n",
    ),
    (
        "funding.csv",
        "station,date,amount,source\nS1,2024-07-15,10000.50,市局\nS1,2024-09-30,2000,区局\nS1,2024-10-01,500,区局\n",
    ),
];

pub fn fixture() -> Workdir {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("in")).unwrap();
    for (name, text) in FILES {
        wd.write(&format!("in/{name}"), text);
    }
    wd.ok(&["import", "--dir", "in"]);
    wd
}

fn head(wd: &Workdir) -> String {
    wd.query("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
}

fn has_lines(text: &str, lines: &[&str]) {
    for l in lines {
        assert!(text.lines().any(|x| x == *l), "missing line `{l}` in:\n{text}");
    }
}

#[test]
fn quarterly_markdown_is_chinese_with_hand_counted_figures() {
    let wd = fixture();
    let md = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
    ]);
    has_lines(
        &md,
        &[
            "# 测试工作站2024年第三季度海外知识产权纠纷信息报告",
            "- 报告期间：2024-07-01 至 2024-09-30",
            "- 数据截至：2024-09-30",
            "- 生成日期：2025-03-01",
            "- 收到案件：3 件",
            "- 已受理：2 件",
            "- 已办结：1 件",
            "- 超期：2 件（K1：回访；K2：受理、办结）",
            "### 按知识产权类型",
            "| 知识产权类型 | 件数 |",
            "| 国家或地区 | 件数 |",
            "| 专利 | 2 |",
            "| 商标 | 1 |",
            "| 美国 | 2 |",
            "| 德国 | 1 |",
            "| 诉讼 | 1 |",
            "| 展会 | 1 |",
            "| 红 | 1 |",
            "| 黄 | 1 |",
            "| 未填写 | 1 |",
            "| 企业申请 | 2 |",
            "| 市局移交 | 1 |",
            "- **K1** 甲公司（2024-07-02，专利，美国，诉讼）：美国专利诉讼应对",
            "- 工作人员：1 名（专职 1 名）",
            "- 专家库：专家 1 名，律师 0 名",
            "- 经费：12000.50 元（2 笔）",
            "培训 1 次，宣传 1 次。",
            "| 2024-08-10 | 培训 | 出海企业培训 | 50 |",
            "| 2024-09-01 | 宣传 | 宣传周 |  |",
        ],
    );
    assert!(
        !md.contains("K4") && !md.contains("K0") && !md.contains("第四季度"),
        "{md}"
    );
    let h = head(&wd);
    assert!(md.contains(&format!("审计链头哈希：{h}（序号 6）")), "{md}");
    assert!(
        !md.contains(": ") && !md.contains(" (") && !md.contains(".."),
        "{md}"
    );
    wd.ok(&["audit", "verify", "--head", &h]);
}

#[test]
fn quarterly_in_english_and_json() {
    let wd = fixture();
    let md = wd.ok(&[
        "--lang",
        "en",
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
    ]);
    has_lines(
        &md,
        &[
            "# 测试工作站: Quarterly case report, Q3 2024",
            "- Period: 2024-07-01 to 2024-09-30",
            "- Received: 3",
            "- Accepted: 2",
            "- Closed: 1",
            "- Overdue: 2 (K1: follow-up; K2: acceptance, handling)",
            "| IP type | Cases |",
            "| Patent | 2 |",
            "| Litigation | 1 |",
            "| Trade fair | 1 |",
            "| Unspecified | 1 |",
            "| Request by an enterprise | 2 |",
            "| Transferred by the city office | 1 |",
            "- **K1** 甲公司 (2024-07-02, Patent, United States, Litigation): 美国专利诉讼应对",
            "| United States | 2 |",
            "| Germany | 1 |",
            "- Staff: 1 (1 full-time)",
            "- Pool: 1 expert, 0 lawyers",
            "- Funding: 12000.50 yuan (2 payments)",
            "1 training session, 1 publicity event.",
            "| 2024-08-10 | Training | 出海企业培训 | 50 |",
        ],
    );
    for zh in ["：", "，", "（", "）", "。", "未填写"] {
        assert!(!md.contains(zh), "`{zh}` in:\n{md}");
    }
    assert!(!md.contains("patent") && !md.contains("city_transfer"), "{md}");
    let out = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "quarterly");
    assert_eq!(v["as_of"], "2024-09-30");
    assert_eq!(v["cases"]["received"], 3);
    assert_eq!(v["cases"]["accepted"], 2);
    assert_eq!(v["cases"]["closed"], 1);
    assert_eq!(v["cases"]["overdue"], 2);
    assert_eq!(
        v["cases"]["by_source"].to_string(),
        r#"[{"key":"enterprise","count":2},{"key":"city_transfer","count":1}]"#
    );
    assert_eq!(
        v["cases"]["by_warning_level"].to_string(),
        r#"[{"key":"red","count":1},{"key":"yellow","count":1},{"key":"unspecified","count":1}]"#
    );
    assert_eq!(v["typical_cases"][0]["id"], "K1");
    assert_eq!(v["typical_cases"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["resources"].to_string(),
        r#"{"staff":1,"full_time_staff":1,"experts":1,"lawyers":0,"funding_payments":2,"funding_yuan":12000.5}"#
    );
    assert_eq!(v["audit_head"]["hash"], head(&wd).as_str());
    assert!(v.get("score").is_none());
}

#[test]
fn as_of_inside_the_quarter_sees_only_what_happened_by_then() {
    let wd = fixture();
    let out = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
        "--as-of",
        "2024-08-10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // K1 and K2 received; K2 not yet accepted (late: 5 days > 3); K1 closed 08-01.
    assert_eq!(v["cases"]["received"], 2);
    assert_eq!(v["cases"]["accepted"], 1);
    assert_eq!(v["cases"]["closed"], 1);
    assert_eq!(
        v["cases"]["overdue_cases"].to_string(),
        r#"[{"id":"K2","limits":["acceptance"]}]"#
    );
}

#[test]
fn annual_summary_has_the_score_preview_gaps_and_plan() {
    let wd = fixture();
    let md = wd.ok(&[
        "report",
        "generate",
        "annual",
        "--station",
        "S1",
        "--period",
        "2024",
        "--as-of",
        "2024-12-31",
    ]);
    has_lines(
        &md,
        &[
            "# 测试工作站2024年度工作总结",
            "- 收到案件：5 件",
            "## 五、考核得分预估",
            "截至 2024-12-31，总分 23.50（基础分 28.50 + 加分 0.00 − 减分 5.00），等级：不合格。",
            "期间已结束，失分之处：",
            "- 3.3 报告、文章或指引手册：-5.00 — 发布 0 次，目标 1",
            "## 六、2025年工作计划",
            "- **K4** 丁公司（2024-10-02，专利，美国）：第四季度案件",
        ],
    );
    assert!(!md.contains("```") && !md.contains("未填写）"), "{md}");
    let out = wd.ok(&[
        "report",
        "generate",
        "annual",
        "--station",
        "S1",
        "--period",
        "2024",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let score = wd.ok(&["score", "--station", "S1", "--period", "2024", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(&score).unwrap();
    // One question, one total: without --as-of both judge the year as of today.
    assert_eq!(v["score"], s);
    assert_eq!(v["as_of"], crate::workdir::TODAY);
    assert_eq!(s["as_of"], crate::workdir::TODAY);
    let gaps = v["gaps"].as_array().unwrap();
    assert!(!gaps.is_empty());
    assert!(
        gaps.iter().any(|g| *g
            == serde_json::json!({"item": "3.3 Reports, articles and guides", "points": -5, "evidence": "publication: 0 recorded, target 1"})),
        "{gaps:?}"
    );
    let v = wd.ok(&[
        "report",
        "generate",
        "annual",
        "--station",
        "S1",
        "--period",
        "2024",
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["gaps"].as_array().unwrap().len(), 12);
    assert_eq!(
        v["gaps"][7].to_string(),
        r#"{"item":"3.3 Reports, articles and guides","points":-5,"evidence":"publication: 0 recorded, target 1"}"#
    );
}

#[test]
fn report_list_csv_has_the_export_columns() {
    let wd = fixture();
    wd.ok(&[
        "report",
        "submit",
        "--station",
        "S1",
        "--kind",
        "quarterly_cases",
        "--period",
        "2024Q3",
        "--on",
        "2024-10-10",
    ]);
    wd.ok(&[
        "report",
        "submit",
        "--station",
        "S1",
        "--kind",
        "annual_summary",
        "--period",
        "2024",
        "--on",
        "2024-12-30",
    ]);
    let csv = wd.ok(&["report", "list", "--format", "csv"]);
    assert_eq!(csv, wd.ok(&["export", "reports"]));
    assert_eq!(
        csv,
        "station,kind,period,submitted_on\nS1,annual_summary,2024,2024-12-30\nS1,quarterly_cases,2024Q3,2024-10-10\n"
    );
}

#[test]
fn generate_refuses_an_unknown_station() {
    let wd = fixture();
    let e = wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "NOPE",
            "--period",
            "2024Q3",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: station `NOPE` does not exist (see `ipguard station list`)\n"
    );
}

#[test]
fn generate_refuses_a_period_of_the_wrong_shape() {
    let wd = fixture();
    let e = wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2024",
        ],
        2,
    );
    assert_eq!(
        e,
        "error: a quarterly report covers a quarter such as 2024Q3, not `2024`\n"
    );
    let e = wd.refused(
        &[
            "report",
            "generate",
            "annual",
            "--station",
            "S1",
            "--period",
            "2024Q1",
        ],
        2,
    );
    assert_eq!(
        e,
        "error: an annual summary covers one year such as 2024, not `2024Q1`\n"
    );
    wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2024Q5",
        ],
        2,
    );
}

#[test]
fn generate_refuses_a_future_as_of_or_period() {
    let wd = fixture();
    let e = wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2025Q1",
            "--as-of",
            "2025-03-02",
        ],
        3,
    );
    assert!(e.contains("is in the future"), "{e}");
    let e = wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2025Q2",
        ],
        3,
    );
    assert_eq!(
        e,
        "error: the period 2025Q2 has not started yet (today is 2025-03-01): nothing to report\n"
    );
}

#[test]
fn generate_refuses_a_table() {
    let wd = fixture();
    wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2024Q3",
            "--format",
            "table",
        ],
        2,
    );
}

#[test]
fn annual_gaps_of_an_open_year_are_a_list_with_repeats_merged() {
    let wd = fixture();
    let args = [
        "report",
        "generate",
        "annual",
        "--station",
        "S1",
        "--period",
        "2024",
        "--as-of",
        "2024-11-30",
    ];
    let md = wd.ok(&args);
    has_lines(
        &md,
        &[
            "### 差距",
            "- 再开展 1 次发布：+5.00",
            "- 再开展 2 次援助申请指导：+5.00",
            "- 专家库新增 4 名专家或律师：+8.00",
            "- 办结案件 K0：+2.50",
            "完成以上事项后预计总分 77.25，等级：合格。",
        ],
    );
    assert_eq!(md.matches("援助申请指导").count(), 1, "{md}");
    assert!(!md.contains("```") && !md.contains("→"), "{md}");
    let en = wd.ok(&[&["--lang", "en"][..], &args].concat());
    has_lines(
        &en,
        &[
            "- record 2 more aid application guidance sessions: +5.00",
            "- submit the 2024Q4 quarterly case report: +2.50",
            "- add 4 experts or lawyers to the pool: +8.00",
            "With all of the above: total 77.25, grade: pass.",
        ],
    );
    let json = wd.ok(&[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["gaps"][2].to_string(),
        r#"{"action":"record 2 more aid application guidance sessions","count":2,"points":5}"#
    );
    assert_eq!(v["gaps"].as_array().unwrap().len(), 19);
}

#[test]
fn the_annual_summary_does_not_list_itself_as_missing() {
    let wd = fixture();
    // Past its due day and not recorded: `score --gaps` counts the summary missing.
    let gaps = wd.ok(&["score", "--station", "S1", "--period", "2024", "--gaps"]);
    assert!(gaps.contains("2 missing (summary 2024, plan 2025)"), "{gaps}");
    let md = wd.ok(&[
        "--lang",
        "en",
        "report",
        "generate",
        "annual",
        "--station",
        "S1",
        "--period",
        "2024",
    ]);
    // Submitted today it is late (due 2024-12-31), not missing.
    assert!(md.contains("- 1.1 Annual summary and next-year plan: -7.50 — 0 on time, 1 late (summary 2024), 1 missing (plan 2025)\n"), "{md}");
    assert!(
        md.contains(
            "this summary is counted as submitted on 2025-03-01; record it with: ipguard report submit"
        ),
        "{md}"
    );
    // The score preview is still the one `score` gives, with its as-of date.
    let total = wd.ok(&["score", "--station", "S1", "--period", "2024", "--format", "json"]);
    let total: serde_json::Value = serde_json::from_str(&total).unwrap();
    assert_eq!(total["total"].to_string().trim_end_matches('0'), "23.5");
    assert!(md.contains("Total as of 2025-03-01: 23.50 ("), "{md}");
}

#[test]
fn user_text_cannot_break_the_document() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("in")).unwrap();
    wd.write(
        "in/stations.csv",
        "code,name,status,status_on,established_on\nS1,# *站*,established,2024-01-10,2024-01-10\n",
    );
    wd.write(
        "in/cases.csv",
        "id,station,enterprise,received_on,source,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,typical,summary
K1,S1,*甲*_公司_`x`,2024-07-02,enterprise,,,,,2024-07-03,,yes,\"第一段\n\n## 伪标题\n[链接](http://x)\"
",
    );
    wd.write(
        "in/activities.csv",
        "station,kind,date,title,participants\nS1,training,2024-08-10,\"A|B\nC\",5\n",
    );
    wd.ok(&["import", "--dir", "in"]);
    let md = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        "S1",
        "--period",
        "2024Q3",
    ]);
    has_lines(
        &md,
        &[
            r"# \# \*站\*2024年第三季度海外知识产权纠纷信息报告",
            r"- **K1** \*甲\*\_公司\_\`x\`（2024-07-02）：第一段 ## 伪标题 \[链接\](http://x)",
            r"| 2024-08-10 | 培训 | A\|B C | 5 |",
        ],
    );
    assert!(!md.lines().any(|l| l.starts_with("## 伪标题")), "{md}");
}
