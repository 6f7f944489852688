//! The pages (`--format html`) and the city report: exact JSON of the city report on a small
//! store counted by hand, its Markdown, hostile text escaped on every page, `-o`, refusals.

use crate::workdir::Workdir;

const FILES: [(&str, &str); 4] = [
    (
        "stations.csv",
        "code,name,district,level,status,status_on,established_on
S1,甲站,渝中区,district,established,2024-01-10,2024-01-10
S2,乙站,,park,established,2024-01-10,2024-01-10
",
    ),
    (
        "cases.csv",
        "id,station,enterprise,received_on,source,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,followup_on,typical,summary
P1,S1,前公司,2024-05-01,enterprise,patent,美国,,,,,,no,
P2,S2,后公司,2024-06-30,enterprise,patent,美国,,,,,,no,
K1,S1,甲公司,2024-07-02,enterprise,patent,美国,litigation,red,2024-07-03,2024-07-20,2024-08-01,no,
K2,S1,乙公司,2024-08-05,enterprise,trademark, 德国 ,exhibition,yellow,2024-08-10,,,no,
K3,S2,丙公司,2024-09-29,enterprise,patent,美国,,,,,,no,
K4,S2,丁公司,2024-07-15,enterprise,copyright,,squatting,blue,2024-07-15,2024-08-30,,no,
K5,S1,戊公司,2024-10-05,enterprise,patent,日本,,,,,,no,
",
    ),
    (
        "activities.csv",
        "station,kind,date,title,participants
S1,training,2024-08-10,出海培训,40
S2,training,2024-09-20,园区培训,
S1,publicity,2024-08-01,宣传周,
S1,training,2024-10-10,十月培训,25
",
    ),
    (
        "reports.csv",
        "station,kind,period,submitted_on
S1,quarterly_cases,2024Q2,2024-07-10
S1,quarterly_cases,2024Q3,2024-10-10
S2,quarterly_cases,2024Q3,2024-10-18
",
    ),
];

fn fixture() -> Workdir {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("in")).unwrap();
    for (name, text) in FILES {
        wd.write(&format!("in/{name}"), text);
    }
    wd.ok(&["import", "--dir", "in"]);
    wd
}

const CITY: [&str; 7] = [
    "report",
    "generate",
    "city",
    "--period",
    "2024Q3",
    "--as-of",
    "2024-10-20",
];

fn args<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

/// The figures counted by hand: K5 is received after the period, P1 and P2 in the previous
/// quarter; at 2024-10-20 K2 was accepted late and is open past the handling limit, K3 is
/// unaccepted past 3 days (handling still pending), K4 was closed late and never followed up.
#[test]
fn city_json_is_exact() {
    let wd = fixture();
    let out = wd.ok(&args(&CITY, &["--format", "json"]));
    let seq = wd.query("SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1");
    let hash = wd.query("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    let mut got: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The overdue list's order is the classifier's; compare it as a set.
    let mut overdue: Vec<String> = got["cases"]["overdue_cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.to_string())
        .collect();
    overdue.sort();
    assert_eq!(
        overdue,
        [
            r#"{"id":"K2","limits":["acceptance","handling"]}"#,
            r#"{"id":"K3","limits":["acceptance"]}"#,
            r#"{"id":"K4","limits":["handling","followup"]}"#,
        ]
    );
    got["cases"]["overdue_cases"] = serde_json::json!([]);
    let want = format!(
        r#"{{
  "schema_version": 1,
  "kind": "city",
  "period": "2024Q3",
  "from": "2024-07-01",
  "to": "2024-09-30",
  "as_of": "2024-10-20",
  "generated_on": "2025-03-01",
  "rubric": "cq-2022",
  "previous": {{"period": "2024Q2", "from": "2024-04-01", "to": "2024-06-30"}},
  "stations": 2,
  "cases": {{
    "received": 4, "accepted": 3, "closed": 2, "overdue": 3, "overdue_cases": [],
    "by_ip_type": [{{"key": "patent", "count": 2}}, {{"key": "trademark", "count": 1}}, {{"key": "copyright", "count": 1}}],
    "by_country": [{{"key": "unspecified", "count": 1}}, {{"key": "US", "count": 2}}, {{"key": "DE", "count": 1}}],
    "by_dispute_type": [{{"key": "litigation", "count": 1}}, {{"key": "exhibition", "count": 1}}, {{"key": "squatting", "count": 1}}, {{"key": "unspecified", "count": 1}}],
    "by_warning_level": [{{"key": "red", "count": 1}}, {{"key": "yellow", "count": 1}}, {{"key": "blue", "count": 1}}, {{"key": "unspecified", "count": 1}}],
    "by_source": [{{"key": "enterprise", "count": 4}}]
  }},
  "previous_received": 2,
  "by_quarter": [{{"quarter": "2024Q3", "count": 4, "previous_quarter": "2024Q2", "previous": 2}}],
  "by_district": [{{"key": "unspecified", "count": 2}}, {{"key": "渝中区", "count": 2}}],
  "by_station_level": [{{"key": "district", "count": 2}}, {{"key": "park", "count": 2}}],
  "on_time": {{
    "acceptance": {{"on_time": 2, "late": 2, "pending": 0, "share_percent": 50}},
    "handling": {{"on_time": 1, "late": 2, "pending": 1, "share_percent": 33.33}},
    "followup": {{"on_time": 1, "late": 1, "pending": 0, "share_percent": 50}}
  }},
  "trainings": {{"sessions": 2, "participants": 40, "sessions_without_count": 1}},
  "reports": [
    {{"kind": "annual_summary", "due": 0, "on_time": 0, "late": 0, "missing": 0, "not_yet_due": 0, "share_percent": null}},
    {{"kind": "work_plan", "due": 0, "on_time": 0, "late": 0, "missing": 0, "not_yet_due": 0, "share_percent": null}},
    {{"kind": "quarterly_cases", "due": 2, "on_time": 1, "late": 1, "missing": 0, "not_yet_due": 0, "share_percent": 50}},
    {{"kind": "all", "due": 2, "on_time": 1, "late": 1, "missing": 0, "not_yet_due": 0, "share_percent": 50}}
  ],
  "audit_head": {{"seq": {seq}, "hash": "{hash}"}}
}}"#
    );
    let want: serde_json::Value = serde_json::from_str(&want).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&got).unwrap(),
        serde_json::to_string_pretty(&want).unwrap()
    );
}

#[test]
fn city_markdown_in_both_languages() {
    let wd = fixture();
    let zh = wd.ok(&args(&CITY, &["--lang", "zh"]));
    for line in [
        "# 海外知识产权纠纷应对指导工作站2024年第三季度统计",
        "- 上期：2024Q2（2024-04-01 至 2024-06-30）",
        "- 收到案件：4（上期：2）",
        "| 2024Q3 | 4 | 2024Q2 | 2 |",
        "| 未填写 | 1 |",
        "| 办结 | 1 | 2 | 1 | 33.33% |",
        "- 参训人数：40",
        "- 未填人数的场次：1",
        "| 年度工作总结 | 0 | 0 | 0 | 0 | 0 | — |",
        "| 合计 | 2 | 1 | 1 | 0 | 0 | 50.00% |",
    ] {
        assert!(zh.lines().any(|l| l == line), "missing `{line}` in:\n{zh}");
    }
    // A document for the city office is Chinese unless asked otherwise, whatever the locale.
    assert_eq!(wd.ok(&CITY), zh);
    let en = wd.ok(&args(&CITY, &["--lang", "en"]));
    for line in [
        "# Guidance workstations: network statistics, Q3 2024",
        "- Received: 4 (previous period: 2)",
        "| Industrial park | 2 |",
        "| follow-up | 1 | 1 | 0 | 50.00% |",
        "| Quarterly case report | 2 | 1 | 1 | 0 | 0 | 50.00% |",
    ] {
        assert!(en.lines().any(|l| l == line), "missing `{line}` in:\n{en}");
    }
}

/// A station and district named as markup appear as text on every page, never as elements.
#[test]
fn hostile_text_is_escaped_on_every_page() {
    let wd = fixture();
    let name = r#"<script>alert("x")</script><img src=x onerror=alert(1)>&amp;"#;
    wd.ok(&[
        "station",
        "add",
        "S9",
        "--name",
        name,
        "--district",
        "<b>区</b>",
        "--level",
        "city",
        "--on",
        "2024-01-10",
    ]);
    wd.write(
        "more.csv",
        "id,station,enterprise,received_on,summary\nH1,S9,<i>公司</i>,2024-08-01,<u>国</u>\n",
    );
    wd.ok(&["import", "cases", "more.csv"]);
    let pages = [
        wd.ok(&["score", "--station", "S9", "--period", "2024", "--format", "html"]),
        // The hostile station has only applied: ranked with --include-all.
        wd.ok(&[
            "score",
            "--all",
            "--include-all",
            "--period",
            "2024",
            "--format",
            "html",
        ]),
        wd.ok(&args(&CITY, &["--format", "html"])),
    ];
    for page in &pages {
        for bad in ["<script", "<img", "<b>", "<i>", "<u>"] {
            assert!(!page.contains(bad), "`{bad}` reached the page:\n{page}");
        }
    }
    assert!(pages[0].contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;</h1>"));
    assert!(pages[1].contains("&lt;script&gt;"));
    assert!(pages[2].contains("&lt;b&gt;区&lt;/b&gt;"));
    // A country is one of the vocabulary's, never free markup: `<u>国</u>` is refused.
    wd.write(
        "hostile-country.csv",
        "id,station,enterprise,received_on,country\nH2,S9,X,2024-08-01,<u>国</u>\n",
    );
    let err = wd.refused(&["import", "cases", "hostile-country.csv"], 3);
    assert!(err.contains("is not a country or region ipguard knows"), "{err}");
    // The Markdown report escapes the same text as table cells.
    let md = wd.ok(&CITY);
    assert!(md.lines().any(|l| l == r"| \<b\>区\</b\> | 1 |"), "{md}");
}

#[test]
fn pages_are_self_contained_documents() {
    let wd = fixture();
    for (args, lang) in [
        (
            vec![
                "score",
                "--station",
                "S1",
                "--period",
                "2024Q3",
                "--format",
                "html",
            ],
            "zh-CN",
        ),
        (
            vec![
                "score", "--all", "--period", "2024Q3", "--format", "html", "--lang", "en",
            ],
            "en",
        ),
        (args(&CITY, &["--format", "html"]), "zh-CN"),
    ] {
        let page = wd.ok(&args);
        assert!(page.starts_with("<!DOCTYPE html><html lang=\""), "{args:?}");
        assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{args:?}");
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains(
            r#"font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;"#
        ));
        assert!(page.contains("@page { size: A4;"));
        assert!(page.contains("@media print"));
        assert!(page.contains("<svg "), "{args:?}: no chart");
        // Nothing is fetched: no script, stylesheet link, image, frame, import or remote URL
        // (the SVG namespace is a name, not a request).
        let fetch = page.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
        for bad in [
            "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "http://", "https://",
        ] {
            assert!(!fetch.contains(bad), "{args:?}: `{bad}` on the page");
        }
        assert!(page.ends_with("</html>\n"));
    }
}

#[test]
fn scorecard_page_shows_items_rows_and_gaps() {
    let wd = fixture();
    let page = wd.ok(&[
        "score",
        "--station",
        "S1",
        "--period",
        "2024Q3",
        "--as-of",
        "2024-10-20",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    let json = wd.ok(&[
        "score",
        "--station",
        "S1",
        "--period",
        "2024Q3",
        "--as-of",
        "2024-10-20",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let total = v["total"].to_string();
    let two = |t: &str| match t.split_once('.') {
        Some((a, b)) => format!("{a}.{b:0<2}"),
        None => format!("{t}.00"),
    };
    assert!(
        page.contains(&format!(
            r#"<span class="big" data-k="/total">{}</span>"#,
            two(&total)
        )),
        "{page}"
    );
    for (j, item) in v["items"].as_array().unwrap().iter().enumerate() {
        let points = two(&item["points"].to_string());
        assert!(
            page.contains(&format!(
                r#"<td class="n" data-k="/items/{j}/points">{points}</td>"#
            )),
            "item {j} ({points}) missing"
        );
    }
    assert!(page.contains("<details><summary>rows behind this item"));
    assert!(page.contains("<h2>Gaps to the next grade</h2>"));
    assert!(page.contains("Next grade: "));
}

#[test]
fn output_file_holds_the_page_and_stdout_stays_empty() {
    let wd = fixture();
    let direct = wd.ok(&["score", "--all", "--period", "2024Q3", "--format", "html"]);
    let out = wd.ok(&[
        "score",
        "--all",
        "--period",
        "2024Q3",
        "--format",
        "html",
        "-o",
        "rank.html",
    ]);
    assert_eq!(out, "");
    assert_eq!(
        std::fs::read_to_string(wd.path().join("rank.html")).unwrap(),
        direct
    );
    let out = wd.ok(&args(&CITY, &["--format", "json", "--output", "city.json"]));
    assert_eq!(out, "");
    assert_eq!(
        std::fs::read_to_string(wd.path().join("city.json")).unwrap(),
        wd.ok(&args(&CITY, &["--format", "json"]))
    );
    let err = wd.refused(
        &[
            "score",
            "--all",
            "--period",
            "2024Q3",
            "--format",
            "html",
            "-o",
            "no/such/dir/x.html",
        ],
        1,
    );
    assert!(
        err.starts_with(
            "error: cannot write the file no/such/dir/x.html: the directory no/such/dir does not exist"
        ),
        "{err}"
    );
}

#[test]
fn refusals() {
    let wd = fixture();
    let err = wd.refused(&args(&CITY, &["--station", "S1"]), 2);
    assert_eq!(
        err,
        "error: the city report covers every station: leave out --station\n"
    );
    let err = wd.refused(&["report", "generate", "quarterly", "--period", "2024Q3"], 2);
    assert_eq!(
        err,
        "error: a quarterly report or an annual summary is one station's: give --station CODE\n"
    );
    let err = wd.refused(
        &[
            "report",
            "generate",
            "quarterly",
            "--station",
            "S1",
            "--period",
            "2024Q3",
            "--format",
            "html",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: this command does not print --format html: use markdown or json\n"
    );
    let err = wd.refused(&args(&CITY, &["--format", "csv"]), 2);
    assert_eq!(
        err,
        "error: this command does not print --format csv: use markdown, json or html\n"
    );
    let err = wd.refused(&["score", "--all", "--period", "2024", "--format", "markdown"], 2);
    assert_eq!(
        err,
        "error: this command does not print --format markdown: use table, json, csv or html\n"
    );
    let err = wd.refused(
        &[
            "report",
            "generate",
            "city",
            "--period",
            "2024Q3",
            "--as-of",
            "2024-06-30",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: --as-of 2024-06-30 is before the period 2024Q3 starts (2024-07-01): give a date on or after it\n"
    );
    let err = wd.refused(&["report", "generate", "city", "--period", "2025Q3"], 3);
    assert_eq!(
        err,
        "error: the period 2025Q3 has not started yet (today is 2025-03-01): nothing to report\n"
    );
}
