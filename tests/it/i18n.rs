//! Messages for people in both languages: confirmations, refusals and `check`'s report come
//! from the catalog (`locales/messages.json`), Chinese under `--lang zh`, English otherwise.

use crate::workdir::Workdir;

fn station(wd: &Workdir) {
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
            let calls = text.split(".msg(").skip(1);
            for rest in calls.chain(text.split(".not_future(").skip(1)) {
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
