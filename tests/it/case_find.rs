//! Finding cases (issue 16): `case list` by country, IP type, dispute type, warning level,
//! kind, typical, outcome, enterprise and text, combined with each other and with the
//! station, period, open and overdue filters; the same answers on a file and on a server.

use crate::case::established;
use crate::pg::Db;
use crate::workdir::Workdir;

const YZ: &str = "CQ-YZ-001";
const JB: &str = "CQ-JB-001";
const CREDIT: &str = "91500103MA5U7XKX25";

fn add(wd: &Workdir, args: &[&str]) -> String {
    let mut all = vec!["case", "add"];
    all.extend_from_slice(args);
    wd.ok(&all).trim().to_string()
}

/// Two stations and five cases: a typical patent case at a German exhibition (closed, guided),
/// an American e-commerce trademark case with notes, the first firm's consultation at the
/// other station under its name spelt with half-width brackets and spaces, a Japanese
/// litigation case closed as resolved, and a case with nothing but its enterprise.
fn library() -> Workdir {
    let wd = Workdir::new();
    established(&wd, YZ);
    established(&wd, JB);
    let a = add(
        &wd,
        &[
            "--station",
            YZ,
            "--enterprise",
            "重庆某某（科技）有限公司",
            "--credit-code",
            CREDIT,
            "--received",
            "2024-05-06",
            "--ip-type",
            "patent",
            "--country",
            "德国",
            "--dispute-type",
            "exhibition",
            "--warning",
            "yellow",
            "--summary",
            "德国展会专利侵权指控，经指导达成和解",
            "--typical",
            "yes",
        ],
    );
    wd.ok(&["case", "accept", &a, "--on", "2024-05-07"]);
    wd.ok(&[
        "case",
        "close",
        &a,
        "--on",
        "2024-06-01",
        "--outcome",
        "guided",
        "--effective",
        "yes",
    ]);
    let b = add(
        &wd,
        &[
            "--station",
            YZ,
            "--enterprise",
            "乙贸易公司",
            "--received",
            "2024-06-03",
            "--ip-type",
            "trademark",
            "--country",
            "US",
            "--dispute-type",
            "ecommerce",
            "--warning",
            "blue",
            "--summary",
            "Amazon 店铺商标投诉",
        ],
    );
    wd.ok(&[
        "case",
        "note",
        &b,
        "--kind",
        "note",
        "--on",
        "2024-06-04",
        "--text",
        "应诉材料已提交",
    ]);
    wd.ok(&[
        "case",
        "note",
        &b,
        "--kind",
        "risk_notice",
        "--on",
        "2024-06-05",
        "--title",
        "美国电商平台商标风险提示",
    ]);
    add(
        &wd,
        &[
            "--station",
            JB,
            "--enterprise",
            "重庆某某 (科技) 有限公司",
            "--received",
            "2024-07-01",
            "--kind",
            "consultation",
            "--country",
            "Japan",
            "--dispute-type",
            "litigation",
            "--summary",
            "日本专利诉讼咨询",
        ],
    );
    let d = add(
        &wd,
        &[
            "--station",
            JB,
            "--enterprise",
            "丙公司",
            "--received",
            "2024-08-01",
            "--ip-type",
            "patent",
            "--country",
            "JP",
            "--dispute-type",
            "litigation",
            "--warning",
            "red",
        ],
    );
    wd.ok(&["case", "accept", &d, "--on", "2024-08-02"]);
    wd.ok(&[
        "case",
        "close",
        &d,
        "--on",
        "2024-08-20",
        "--outcome",
        "resolved",
        "--effective",
        "yes",
    ]);
    wd.ok(&[
        "case",
        "follow-up",
        &d,
        "--on",
        "2024-09-01",
        "--note",
        "企业对展会指导满意",
    ]);
    add(
        &wd,
        &[
            "--station",
            YZ,
            "--enterprise",
            "丁公司",
            "--received",
            "2024-09-01",
        ],
    );
    wd
}

/// The ids `case list` prints with these flags (the first column of its CSV).
fn ids(wd: &Workdir, flags: &[&str]) -> String {
    let mut args = vec!["case", "list", "--format", "csv"];
    args.extend_from_slice(flags);
    let out = wd.ok(&args);
    out.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

const A: &str = "CQ-YZ-001-2024-0001";
const B: &str = "CQ-YZ-001-2024-0002";
const C: &str = "CQ-JB-001-2024-0001";
const D: &str = "CQ-JB-001-2024-0002";
const E: &str = "CQ-YZ-001-2024-0003";

/// Every filter, alone and combined, with what it finds.
fn cases_found() -> Vec<(Vec<&'static str>, String)> {
    let all = [
        (vec!["--country", "DE"], A.to_string()),
        (vec!["--country", "德国"], A.to_string()),
        (vec!["--country", "japan"], format!("{C} {D}")),
        (vec!["--country", "FR"], String::new()),
        (vec!["--ip-type", "patent"], format!("{A} {D}")),
        (vec!["--ip-type", "商标"], B.to_string()),
        (vec!["--dispute-type", "litigation"], format!("{C} {D}")),
        (vec!["--dispute-type", "展会"], A.to_string()),
        (vec!["--warning", "red"], D.to_string()),
        (vec!["--kind", "consultation"], C.to_string()),
        (vec!["--kind", "guidance"], format!("{A} {B} {D} {E}")),
        (vec!["--typical", "yes"], A.to_string()),
        (vec!["--typical", "否"], format!("{B} {C} {D} {E}")),
        (vec!["--outcome", "guided"], A.to_string()),
        (vec!["--outcome", "已解决"], D.to_string()),
        (vec!["--enterprise", CREDIT], A.to_string()),
        (vec!["--enterprise", "91500103ma5u7xkx25"], A.to_string()),
        // One firm, however its name is spaced and bracketed.
        (vec!["--enterprise", "重庆某某(科技)有限公司"], format!("{A} {C}")),
        (
            vec!["--enterprise", "重庆某某 （科技） 有限公司"],
            format!("{A} {C}"),
        ),
        (vec!["--enterprise", "重庆某某"], String::new()),
        // Text: in summaries, notes, a notice's title and a follow-up's note; short and long.
        (vec!["--text", "展会"], format!("{A} {D}")),
        (vec!["--text", "德国展会专利"], A.to_string()),
        (vec!["--text", "专利"], format!("{A} {C}")),
        (vec!["--text", "应诉材料"], B.to_string()),
        (vec!["--text", "商标风险提示"], B.to_string()),
        (vec!["--text", "Amazon"], B.to_string()),
        (vec!["--text", "amazon"], String::new()),
        (vec!["--text", "A"], B.to_string()),
        (vec!["--text", "100%"], String::new()),
        (vec!["--text", "不在任何记录里"], String::new()),
        // Combined with each other and with the filters that were there.
        (vec!["--ip-type", "patent", "--country", "JP"], D.to_string()),
        (vec!["--text", "专利", "--station", JB], C.to_string()),
        (vec!["--text", "展会", "--open"], String::new()),
        (
            vec!["--enterprise", "重庆某某(科技)有限公司", "--open"],
            C.to_string(),
        ),
        (
            vec!["--country", "JP", "--period", "2024Q3", "--kind", "guidance"],
            D.to_string(),
        ),
        (vec!["--warning", "blue", "--text", "店铺"], B.to_string()),
    ];
    all.into_iter().collect()
}

#[test]
fn every_filter_alone_and_combined_finds_its_cases() {
    let wd = library();
    for (flags, want) in cases_found() {
        assert_eq!(ids(&wd, &flags), want, "case list {flags:?}");
    }
}

#[test]
fn the_filters_print_the_table_and_combine_with_overdue() {
    let wd = library();
    let out = wd.ok(&["--lang", "zh", "case", "list", "--text", "展会指导"]);
    assert_eq!(
        out,
        "\
┌─────────────────────┬───────────┬──────────┬────────────┬──────┬──────────┬────────────┬────────────┬────────────┐
│ 案件编号            ┆ 工作站    ┆ 企业名称 ┆ 收到日期   ┆ 类型 ┆ 预警等级 ┆ 受理日期   ┆ 办结日期   ┆ 回访日期   │
╞═════════════════════╪═══════════╪══════════╪════════════╪══════╪══════════╪════════════╪════════════╪════════════╡
│ CQ-JB-001-2024-0002 ┆ CQ-JB-001 ┆ 丙公司   ┆ 2024-08-01 ┆ 指导 ┆ 红       ┆ 2024-08-02 ┆ 2024-08-20 ┆ 2024-09-01 │
└─────────────────────┴───────────┴──────────┴────────────┴──────┴──────────┴────────────┴────────────┴────────────┘
"
    );
    // The e-commerce case was never accepted: overdue at acceptance; filtered by text too.
    let all = wd.ok(&[
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ]);
    let only = wd.ok(&[
        "case",
        "list",
        "--overdue",
        "--as-of",
        "2025-03-01",
        "--text",
        "店铺",
        "--format",
        "json",
    ]);
    assert!(all.contains(B) && all.contains(E), "{all}");
    assert!(
        only.contains(B) && !only.contains(E) && !only.contains(A),
        "{only}"
    );
}

#[test]
fn a_bad_value_is_refused_in_one_line_with_exit_2_and_nothing_written() {
    let wd = library();
    let err = wd.refused(&["case", "list", "--ip-type", "foo"], 2);
    assert_eq!(
        err,
        "error: invalid value 'foo' for '--ip-type <patent|trademark|copyright|trade_secret|gi|unfair_competition|other>': `foo` is not an IP type: use one of patent (专利), trademark (商标), copyright (著作权), trade_secret (商业秘密), gi (地理标志), unfair_competition (不正当竞争), other (其他) (see --help)\n"
    );
    let err = wd.refused(&["case", "list", "--country", "Atlantis"], 2);
    assert_eq!(
        err,
        "error: invalid value 'Atlantis' for '--country <COUNTRY>': `Atlantis` is not a country or region ipguard knows: give its ISO 3166-1 code, Chinese or English name (nearest: AL 阿尔巴尼亚 Albania; MF 法属圣马丁 St. Martin; AM 亚美尼亚 Armenia) (see --help)\n"
    );
    let err = wd.refused(&["--lang", "zh", "case", "list", "--country", "火星"], 2);
    assert_eq!(
        err,
        "错误：'--country <COUNTRY>' 的值 '火星' 无效：`火星` 不是 ipguard 认识的国家或地区：请给出其 ISO 3166-1 代码、中文名或英文名（最接近的：AD 安道尔 Andorra；AE 阿拉伯联合酋长国 United Arab Emirates；AF 阿富汗 Afghanistan）（见 --help）\n"
    );
    for (flag, value) in [
        ("--dispute-type", "trial"),
        ("--warning", "green"),
        ("--kind", "x"),
        ("--typical", "maybe"),
        ("--outcome", "lost"),
    ] {
        let err = wd.refused(&["case", "list", flag, value], 2);
        assert!(
            err.starts_with(&format!("error: invalid value '{value}' for '{flag} <")),
            "{err}"
        );
    }
}

#[test]
fn the_enum_flags_list_their_values_with_chinese_aliases() {
    let wd = Workdir::new();
    let help = wd.ok(&["case", "list", "--help"]);
    for want in [
        "--ip-type <patent|trademark|copyright|trade_secret|gi|unfair_competition|other>",
        "Only cases of this IP type: patent 专利, trademark 商标",
        "section_337 337调查",
        "--kind <guidance|consultation|information>",
        "consultation 咨询",
        "resolved 已解决",
        "--typical <yes|no>",
        "--enterprise <NAME|CODE>",
        "--text <TEXT>",
        "--country <COUNTRY>",
    ] {
        assert!(help.contains(want), "{want} not in:\n{help}");
    }
}

#[test]
fn text_added_changed_and_imported_later_is_found() {
    let wd = library();
    wd.ok(&["case", "set", E, "--summary", "新加坡展会商标抢注"]);
    assert_eq!(ids(&wd, &["--text", "商标抢注"]), E);
    wd.ok(&["case", "set", E, "--summary", "已改写"]);
    assert_eq!(ids(&wd, &["--text", "商标抢注"]), "");
    assert_eq!(ids(&wd, &["--text", "已改写"]), E);
    wd.write(
        "cases.csv",
        format!(
            "id,station,enterprise,received_on,summary\nC-9,{YZ},戊公司,2024-10-01,欧盟海关扣押侵权货物\n{E},{YZ},丁公司,2024-09-01,再次改写\n"
        ),
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    assert_eq!(ids(&wd, &["--text", "海关扣押"]), "C-9");
    assert_eq!(ids(&wd, &["--text", "已改写"]), "");
    assert_eq!(ids(&wd, &["--text", "再次改写"]), E);
    assert_eq!(
        wd.query("INSERT INTO cases_fts (cases_fts) VALUES ('integrity-check') RETURNING 1"),
        "1"
    );
}

/// The same filters on a server (the file copied there) print exactly what they print on the
/// file, tables and CSV, in both languages.
#[test]
fn a_server_finds_exactly_what_the_file_finds() {
    let wd = library();
    let db = Db::new();
    db.init();
    let url = db.url(&db.owner);
    let o = wd
        .cmd(&["copy", "--from", &wd.db().display().to_string(), "--to", &url])
        .env_remove("IPGUARD_ACTOR")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = |db: &str, args: &[&str]| {
        let o = wd
            .cmd(args)
            .env("IPGUARD_DB", db)
            .env_remove("IPGUARD_ACTOR")
            .output()
            .unwrap();
        format!(
            "{}{}exit {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
            o.status.code().unwrap_or(-1)
        )
    };
    let file = wd.db().display().to_string();
    for (flags, want) in cases_found() {
        for (lang, format) in [("en", "csv"), ("zh", "table")] {
            let mut args = vec!["--lang", lang, "case", "list", "--format", format];
            args.extend_from_slice(&flags);
            let on_file = run(&file, &args);
            assert_eq!(on_file, run(&url, &args), "{args:?}");
            assert!(
                want.split(' ').all(|id| on_file.contains(id)),
                "{args:?}: {on_file}"
            );
        }
    }
}

#[test]
fn the_library_groups_the_typical_cases_by_ip_type_and_country() {
    let wd = library();
    wd.ok(&["case", "set", C, "--typical", "yes"]);
    wd.ok(&[
        "case",
        "set",
        D,
        "--typical",
        "yes",
        "--summary",
        "日本专利诉讼，和解结案",
    ]);
    wd.ok(&[
        "case",
        "set",
        E,
        "--typical",
        "yes",
        "--summary",
        "=HYPERLINK(\"x\")",
    ]);
    assert_eq!(
        wd.ok(&["case", "library"]),
        "\
┌────────────────┬───────────────────┬─────────────────────┬───────────┬────────────┬──────────────────────────┬──────────┬──────────────────────────────────────┐
│ IP type        ┆ Country or region ┆ Case                ┆ Station   ┆ Received   ┆ Enterprise               ┆ Outcome  ┆ Summary                              │
╞════════════════╪═══════════════════╪═════════════════════╪═══════════╪════════════╪══════════════════════════╪══════════╪══════════════════════════════════════╡
│ patent         ┆ Germany           ┆ CQ-YZ-001-2024-0001 ┆ CQ-YZ-001 ┆ 2024-05-06 ┆ 重庆某某（科技）有限公司 ┆ guided   ┆ 德国展会专利侵权指控，经指导达成和解 │
│                ┆ Japan             ┆ CQ-JB-001-2024-0002 ┆ CQ-JB-001 ┆ 2024-08-01 ┆ 丙公司                   ┆ resolved ┆ 日本专利诉讼，和解结案               │
│ (not recorded) ┆ Japan             ┆ CQ-JB-001-2024-0001 ┆ CQ-JB-001 ┆ 2024-07-01 ┆ 重庆某某 (科技) 有限公司 ┆          ┆ 日本专利诉讼咨询                     │
│                ┆ (not recorded)    ┆ CQ-YZ-001-2024-0003 ┆ CQ-YZ-001 ┆ 2024-09-01 ┆ 丁公司                   ┆          ┆ =HYPERLINK(\"x\")                      │
└────────────────┴───────────────────┴─────────────────────┴───────────┴────────────┴──────────────────────────┴──────────┴──────────────────────────────────────┘
"
    );
    let zh = wd.ok(&[
        "--lang",
        "zh",
        "case",
        "library",
        "--ip-type",
        "专利",
        "--country",
        "日本",
    ]);
    assert_eq!(
        zh,
        "\
┌──────────────┬────────────┬─────────────────────┬───────────┬────────────┬──────────┬──────────┬────────────────────────┐
│ 知识产权类型 ┆ 国家或地区 ┆ 案件编号            ┆ 工作站    ┆ 收到日期   ┆ 企业名称 ┆ 处理结果 ┆ 摘要                   │
╞══════════════╪════════════╪═════════════════════╪═══════════╪════════════╪══════════╪══════════╪════════════════════════╡
│ 专利         ┆ 日本       ┆ CQ-JB-001-2024-0002 ┆ CQ-JB-001 ┆ 2024-08-01 ┆ 丙公司   ┆ 已解决   ┆ 日本专利诉讼，和解结案 │
└──────────────┴────────────┴─────────────────────┴───────────┴────────────┴──────────┴──────────┴────────────────────────┘
"
    );
    assert_eq!(
        wd.ok(&["case", "library", "--format", "csv", "--station", YZ]),
        "ip_type,country,id,station,received_on,enterprise,outcome,summary\n\
         patent,DE,CQ-YZ-001-2024-0001,CQ-YZ-001,2024-05-06,重庆某某（科技）有限公司,guided,德国展会专利侵权指控，经指导达成和解\n\
         ,,CQ-YZ-001-2024-0003,CQ-YZ-001,2024-09-01,丁公司,,\"'=HYPERLINK(\"\"x\"\")\"\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&wd.ok(&["case", "library", "--format", "json", "--period", "2024Q3"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"ip_type": "patent", "country": "JP", "cases": [
                {"id": D, "station": JB, "received_on": "2024-08-01", "enterprise": "丙公司",
                 "outcome": "resolved", "summary": "日本专利诉讼，和解结案"}]},
            {"ip_type": null, "country": "JP", "cases": [
                {"id": C, "station": JB, "received_on": "2024-07-01",
                 "enterprise": "重庆某某 (科技) 有限公司", "outcome": null, "summary": "日本专利诉讼咨询"}]},
            {"ip_type": null, "country": "", "cases": [
                {"id": E, "station": YZ, "received_on": "2024-09-01", "enterprise": "丁公司",
                 "outcome": null, "summary": "=HYPERLINK(\"x\")"}]},
        ])
    );
    let err = wd.fails(
        &[
            "case",
            "library",
            "--country",
            "DE",
            "--station",
            YZ,
            "--ip-type",
            "copyright",
        ],
        0,
    );
    assert_eq!(
        err,
        "no typical cases recorded: flag one with `ipguard case set ID --typical yes --summary TEXT`\n"
    );
    let err = wd.refused(&["case", "library", "--country", "Atlantis"], 2);
    assert!(
        err.starts_with("error: invalid value 'Atlantis' for '--country <COUNTRY>'"),
        "{err}"
    );
    let err = wd.refused(&["case", "library", "--station", "CQ-NONE-009"], 3);
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_library_of_a_missing_file_is_refused_and_no_file_made() {
    let wd = Workdir::new();
    let err = wd.fails(&["case", "library"], 1);
    assert!(err.starts_with("error: no database at "), "{err}");
    assert!(!wd.db().exists());
}
