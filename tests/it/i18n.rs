//! Messages for people in both languages: confirmations, refusals and `check`'s report come
//! from the catalog (`locales/messages.json`), Chinese under `--lang zh`, English otherwise.

use crate::workdir::Workdir;

pub(crate) fn station(wd: &Workdir) {
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中站",
        "--on",
        "2024-01-05",
    ]);
}

#[test]
fn a_confirmation_in_chinese_and_in_english() {
    let wd = Workdir::new();
    let zh = wd.run(&[
        "--lang",
        "zh",
        "station",
        "add",
        "CQ-A",
        "--name",
        "甲站",
        "--on",
        "2024-01-05",
    ]);
    assert_eq!((zh.code, zh.stdout.as_str()), (0, ""));
    assert_eq!(zh.stderr, "工作站 CQ-A 已添加（申请日期 2024-01-05）\n");
    let en = wd.run(&[
        "--lang",
        "en",
        "station",
        "add",
        "CQ-B",
        "--name",
        "乙站",
        "--on",
        "2024-01-05",
    ]);
    assert_eq!(en.stderr, "station CQ-B added (applied on 2024-01-05)\n");
    // The environment chooses when --lang does not: IPGUARD_LANG, a zh_* locale; C is English.
    let by_env = wd
        .cmd(&["station", "conditions", "CQ-A", "--met", "1,2"])
        .env("IPGUARD_LANG", "zh")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(by_env.stderr).unwrap(),
        "工作站 CQ-A：5 项条件已满足 2 项\n"
    );
    let by_locale = wd
        .cmd(&["station", "conditions", "CQ-B", "--met", "1"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(by_locale.stderr).unwrap(),
        "工作站 CQ-B：5 项条件已满足 1 项\n"
    );
    let c = wd
        .cmd(&["station", "conditions", "CQ-B", "--met", "1,3"])
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(c.stderr).unwrap(),
        "station CQ-B: 2 of 5 conditions met\n"
    );
}

#[test]
fn enum_values_in_a_chinese_confirmation_are_their_chinese_labels() {
    let wd = Workdir::new();
    station(&wd);
    let o = wd.run(&[
        "--lang",
        "zh",
        "station",
        "advance",
        "CQ-YZ-001",
        "--to",
        "rejected",
        "--on",
        "2024-02-01",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stderr, "工作站 CQ-YZ-001：申请 → 未通过（2024-02-01）\n");
    // A refused step lists the values to type, with their Chinese names.
    let zh = wd.refused(
        &[
            "--lang",
            "zh",
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "accepted",
        ],
        3,
    );
    assert_eq!(
        zh,
        "错误：工作站 CQ-YZ-001 不能从 rejected 变为 accepted：rejected 是最终状态：不能再进行下一步\n"
    );
    let wd2 = Workdir::new();
    wd2.ok(&["station", "add", "CQ-X", "--name", "站", "--on", "2024-01-05"]);
    let zh = wd2.refused(
        &["--lang", "zh", "station", "advance", "CQ-X", "--to", "accepted"],
        3,
    );
    assert_eq!(
        zh,
        "错误：工作站 CQ-X 不能从 applied 变为 accepted：从 applied 可以进行的下一步：recommended（推荐）、rejected（未通过）\n"
    );
    // The stored value is the machine's, whatever the language.
    assert_eq!(
        wd.query("SELECT status FROM stations WHERE code = 'CQ-YZ-001'"),
        "rejected"
    );
}

#[test]
fn a_refusal_in_chinese_and_in_english_with_the_same_exit_code() {
    let wd = Workdir::new();
    station(&wd);
    let zh = wd.refused(
        &["--lang", "zh", "case", "accept", "NOPE", "--on", "2024-02-01"],
        3,
    );
    assert_eq!(zh, "错误：案件 `NOPE` 不存在（见 `ipguard case list`）\n");
    let en = wd.refused(
        &["--lang", "en", "case", "accept", "NOPE", "--on", "2024-02-01"],
        3,
    );
    assert_eq!(
        en,
        "error: case `NOPE` does not exist (see `ipguard case list`)\n"
    );
    // A date's name is translated inside the sentence.
    let zh = wd.refused(
        &[
            "--lang",
            "zh",
            "station",
            "add",
            "CQ-C",
            "--name",
            "丙站",
            "--on",
            "2026-01-01",
        ],
        3,
    );
    assert_eq!(
        zh,
        "错误：申请日期 2026-01-01 晚于今天（2025-03-01）：请在事情发生后再记录\n"
    );
    let en = wd.refused(
        &["station", "add", "CQ-C", "--name", "丙站", "--on", "2026-01-01"],
        3,
    );
    assert_eq!(
        en,
        "error: the application date 2026-01-01 is in the future (today is 2025-03-01): record things once they happened\n"
    );
    // A usage refusal keeps exit 2 in both languages.
    let zh = wd.refused(&["--lang", "zh", "--format", "csv", "audit", "head"], 2);
    assert_eq!(zh, "错误：此命令不支持 --format csv：请用 table 或 json\n");
    let en = wd.refused(&["--lang", "en", "--format", "csv", "audit", "head"], 2);
    assert_eq!(
        en,
        "error: this command does not print --format csv: use table or json\n"
    );
}

#[test]
fn check_reports_in_chinese_and_in_english() {
    let wd = Workdir::new();
    station(&wd);
    let head = wd.ok(&["audit", "head"]);
    let head = head.trim();
    assert_eq!(
        wd.ok(&["--lang", "zh", "check"]),
        format!(
            "完整性检查：正常\n外键检查：正常\n记录：正常\n\
             审计校验：审计日志完好：共 1 条，头哈希 {head}\n\
             考核细则：正常（内置细则）\n国家/地区：正常\n"
        )
    );
    assert_eq!(
        wd.ok(&["--lang", "en", "check"]),
        format!(
            "integrity_check: ok\nforeign_key_check: ok\nrecords: ok\n\
             audit verify: audit log intact: 1 entries, head {head}\n\
             rubric: ok (the built-in rubric)\ncountries: ok\n"
        )
    );
    assert_eq!(
        wd.ok(&["--lang", "zh", "audit", "verify"]),
        format!("审计日志完好：共 1 条，头哈希 {head}\n")
    );
}

/// The catalog keys the code asks for (the first argument of every `.msg(` call).
fn keys_in_code(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            keys_in_code(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            // `Ctx::not_future` takes the key of the date's name.
            let calls = text.split(".msg(").skip(1).chain(text.split(".label(").skip(1));
            // A write's rights name what it does by key (`Act::Own("act.cases")`).
            let acts = [
                "Act::Own(",
                "Act::Office(",
                "Authority::Station(",
                "Authority::Office(",
            ]
            .into_iter()
            .flat_map(|p| text.split(p).skip(1));
            for rest in calls.chain(text.split(".not_future(").skip(1)).chain(acts) {
                let rest = rest.trim_start();
                if let Some(lit) = rest.strip_prefix('"') {
                    let key = lit.split('"').next().unwrap().to_string();
                    out.push((path.display().to_string(), key));
                }
            }
        }
    }
}

#[test]
fn every_message_the_code_asks_for_is_in_the_catalog_and_every_message_is_used() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = Vec::new();
    keys_in_code(&root.join("src"), &mut used);
    assert!(used.len() > 50, "too few messages found: {}", used.len());
    // The empty-list hints are looked up by the kind's name: every kind has one.
    for kind in ipguard::csvio::Kind::ALL {
        used.push(("src/commands/mod.rs".into(), format!("empty.{}", kind.name())));
    }
    let missing: Vec<String> = used
        .iter()
        .filter(|(_, key)| ipguard::i18n::Lang::En.text(key, &[]).is_none())
        .map(|(file, key)| format!("{file}: {key}"))
        .collect();
    assert!(missing.is_empty(), "messages not in the catalog: {missing:#?}");
    let catalog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("locales/messages.json")).unwrap()).unwrap();
    let unused: Vec<&String> = catalog
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != "_version" && !used.iter().any(|(_, u)| u == *k))
        .collect();
    assert!(unused.is_empty(), "catalog messages no code uses: {unused:#?}");
}

/// Runs `args` with `LANG=zh_CN.UTF-8` (no `--lang`) and returns (exit code, stderr).
fn zh_locale(wd: &Workdir, args: &[&str]) -> (i32, String) {
    let o = wd.cmd(args).env("LANG", "zh_CN.UTF-8").output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn a_value_that_does_not_parse_is_refused_in_chinese() {
    let wd = Workdir::new();
    // A date, through clap's value parser: the reason is the catalog's, the sentence around it too.
    let zh = wd.fails(
        &[
            "--lang",
            "zh",
            "station",
            "add",
            "CQ-A",
            "--name",
            "甲",
            "--on",
            "2024-13-01",
        ],
        2,
    );
    assert_eq!(
        zh,
        "错误：'--on <DATE>' 的值 '2024-13-01' 无效：`2024-13-01` 不是真实存在的日期（请用 YYYY-MM-DD）（见 --help）\n"
    );
    let en = wd.fails(
        &[
            "--lang",
            "en",
            "station",
            "add",
            "CQ-A",
            "--name",
            "甲",
            "--on",
            "2024-13-01",
        ],
        2,
    );
    assert_eq!(
        en,
        "error: invalid value '2024-13-01' for '--on <DATE>': `2024-13-01` is not a real calendar date (use YYYY-MM-DD) (see --help)\n"
    );
    // A period and an enum value, under a zh_* locale.
    assert_eq!(
        zh_locale(&wd, &["case", "list", "--period", "2024q5"]),
        (
            2,
            "错误：'--period <PERIOD>' 的值 '2024q5' 无效：`2024q5` 不是期间（请用 2024、2023-2024、2024Q3 或 2024-06-01..2025-05-31）（见 --help）\n"
                .to_string()
        )
    );
    assert_eq!(
        zh_locale(
            &wd,
            &["station", "add", "CQ-A", "--name", "甲", "--level", "foo"]
        ),
        (
            2,
            "错误：'--level <city|district|park>' 的值 'foo' 无效：`foo` 不是有效的工作站级别，可选值：city（市级）、district（区县级）、park（园区）（见 --help）\n"
                .to_string()
        )
    );
}

#[test]
fn clap_s_own_parse_errors_in_chinese() {
    let wd = Workdir::new();
    let cases: [(&[&str], &str); 5] = [
        (
            &["station", "add", "CQ-A", "--name", "甲", "--bogus"],
            "错误：无法识别的参数 '--bogus'（见 --help）\n",
        ),
        (
            &["station", "add", "CQ-A", "--name"],
            "错误：'--name <NAME>' 需要一个值，但没有给出（见 --help）\n",
        ),
        (
            &["station", "add"],
            "错误：缺少必需的参数：--name <NAME>、<CODE>（见 --help）\n",
        ),
        (&["stationx"], "错误：无法识别的子命令 'stationx'（见 --help）\n"),
        (
            &["--format", "xml", "case", "list"],
            "错误：'--format <FORMAT>' 的值 'xml' 无效（可选值：table、json、csv、markdown、html）（见 --help）\n",
        ),
    ];
    for (args, want) in cases {
        let mut zh = vec!["--lang", "zh"];
        zh.extend_from_slice(args);
        assert_eq!(wd.fails(&zh, 2), want, "{args:?}");
    }
    assert_eq!(
        zh_locale(&wd, &["stationx"]),
        (2, "错误：无法识别的子命令 'stationx'（见 --help）\n".to_string())
    );
    // English keeps clap's own sentence.
    assert_eq!(
        wd.fails(&["station", "add", "CQ-A", "--name", "甲", "--bogus"], 2),
        "error: unexpected argument '--bogus' found (see --help)\n"
    );
}

#[test]
fn refusals_of_assess_award_score_and_case_reason_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let zh = wd.refused(
        &[
            "--lang",
            "zh",
            "station",
            "assess",
            "CQ-YZ-001",
            "--kind",
            "acceptance",
            "--on",
            "2024-06-01",
            "--period",
            "2024",
        ],
        3,
    );
    assert_eq!(
        zh,
        "错误：工作站 CQ-YZ-001 的状态是申请：验收考核只适用于状态为设立的工作站\n"
    );
    let en = wd.refused(
        &[
            "station",
            "assess",
            "CQ-YZ-001",
            "--kind",
            "acceptance",
            "--on",
            "2024-06-01",
            "--period",
            "2024",
        ],
        3,
    );
    assert_eq!(
        en,
        "error: station CQ-YZ-001 is applied: an acceptance assessment is for a station that is established\n"
    );
    let (code, zh) = zh_locale(
        &wd,
        &[
            "award",
            "add",
            "--station",
            "CQ-YZ-001",
            "--item",
            "B9",
            "--points",
            "1",
            "--reason",
            "r",
        ],
    );
    assert_eq!(
        (code, zh.as_str()),
        (
            3,
            "错误：`B9` 不是现行考核细则的加分项：请用 B1、B2、B3 或 B4（见 `ipguard rubric show`）\n"
        )
    );
    let zh = wd.refused(
        &[
            "--lang",
            "zh",
            "score",
            "--station",
            "CQ-YZ-001",
            "--period",
            "2024",
            "--as-of",
            "2023-01-01",
        ],
        2,
    );
    assert_eq!(
        zh,
        "错误：--as-of 2023-01-01 早于期间 2024 的开始（2024-01-01）：请给出当天或之后的日期\n"
    );
    let zh = wd.refused(&["--lang", "zh", "case", "set", "NOPE"], 2);
    assert_eq!(
        zh,
        "错误：请至少给出一项要修改的内容：--typical、--summary、--enterprise、--credit-code、--kind、--ip-type、--country、--dispute-type 或 --warning\n"
    );
}

#[test]
fn import_summaries_and_refusals_in_chinese() {
    let wd = Workdir::new();
    let good = wd.write("s.csv", "code,name,status_on\nCQ-B,乙,2024-01-06\n");
    let good = good.to_str().unwrap();
    let o = wd.run(&["--lang", "zh", "import", "stations", good, "--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!("{good}：新增 1 条，更新 0 条，未变 0 条（试运行：未写入任何内容）\n")
    );
    let (code, err) = zh_locale(&wd, &["import", "stations", good]);
    assert_eq!(
        (code, err),
        (0, format!("{good}：新增 1 条，更新 0 条，未变 0 条\n"))
    );
    let again = wd.fails(&["--lang", "zh", "import", "stations", good], 3);
    assert!(again.starts_with(&format!("{good}：此文件已于 ")), "{again}");
    assert!(again.ends_with("：如需再次导入，请加 --again\n"), "{again}");
    let en = wd.fails(&["import", "stations", good], 3);
    assert!(en.ends_with(": give --again to import it again\n"), "{en}");
    let bad = wd.write("t.csv", "code,name\nCQ-C,\n");
    let bad = bad.to_str().unwrap();
    assert_eq!(
        wd.fails(&["--lang", "zh", "import", "stations", bad], 3),
        format!("{bad}:2:name: name 为必填项，但单元格为空\n")
    );
    assert_eq!(
        wd.fails(&["import", "stations", bad], 3),
        format!("{bad}:2:name: name is required but the cell is empty\n")
    );
}

#[test]
fn an_empty_list_says_in_chinese_what_would_fill_it() {
    let wd = Workdir::new();
    wd.create_db();
    let o = wd.run(&["--lang", "zh", "case", "list"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "暂无案件：可用 `ipguard case add --station CODE --enterprise NAME` 登记，或放宽筛选条件\n"
    );
    let (code, err) = zh_locale(&wd, &["station", "list"]);
    assert_eq!(
        (code, err.as_str()),
        (
            0,
            "暂无工作站：可用 `ipguard station add CODE --name NAME` 登记，或放宽筛选条件\n"
        )
    );
}

#[test]
fn import_file_errors_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let wrong = wd.write("w.csv", "code,name\nCQ-B,x\n");
    let wrong = wrong.to_str().unwrap();
    assert_eq!(
        wd.fails(&["--lang", "zh", "import", "cases", wrong], 3),
        format!("{wrong}: 这个表头看起来是 stations 文件（code、name），不是 cases：请用 ipguard import stations {wrong}\n")
    );
    let repeated = wd.write("r.csv", "code,name\nCQ-B,x\nCQ-B,y\n");
    let repeated = repeated.to_str().unwrap();
    let (code, err) = zh_locale(&wd, &["import", "stations", repeated]);
    assert_eq!(
        (code, err),
        (
            3,
            format!("{repeated}:3:code: 键 `CQ-B` 重复了：第 2 行也有（一个文件中每条记录只出现一次）\n")
        )
    );
    assert_eq!(
        wd.fails(&["import", "stations", repeated], 3),
        format!("{repeated}:3:code: the key `CQ-B` is repeated: it is also on line 2 (a file holds each record once)\n")
    );
}

#[test]
fn a_bad_head_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let (code, err) = zh_locale(&wd, &["audit", "verify", "--head", "abc"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "错误：--head `abc` 不是头哈希：请给出 `ipguard audit head` 输出的 64 位十六进制数\n"
        )
    );
}
