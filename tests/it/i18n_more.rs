//! The rest of the catalog in Chinese (issue 12's "Still English" list): file refusals by
//! role, a write not printed, the server refusals, encoding errors, checks across rows and
//! the model's date order. Each is asserted exactly, with its exit code.

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
fn a_case_written_but_not_printed_is_said_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let out = wd
        .std_cmd(&[
            "--lang",
            "zh",
            "case",
            "add",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            "甲",
            "--received",
            "2024-05-01",
        ])
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "案件已写入，但标准输出无法接收（No space left on device (os error 28)）：编号为 CQ-YZ-001-2024-0001（见 `ipguard audit list`）\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM cases"), "1");
}

#[test]
fn encoding_and_file_errors_of_import_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    // GB18030 read because the file is not UTF-8: said in Chinese.
    let (gb, _, _) = encoding_rs::GB18030.encode("code,name\nCQ-B,重庆乙站\n");
    wd.write("gbk.csv", &gb[..]);
    let o = wd.run(&["--lang", "zh", "import", "stations", "gbk.csv"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            0,
            "gbk.csv：不是有效的 UTF-8，已按 GB18030 读取（加 --encoding utf-8 则拒绝读取）\n\
             gbk.csv：新增 1 条，更新 0 条，未变 0 条\n"
        )
    );
    // Valid in neither encoding.
    let mut bad = gb.to_vec();
    bad.extend_from_slice(b"CQ-C,\xFF\xFF\n");
    wd.write("bad.csv", &bad);
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "stations", "bad.csv"], 3),
        "bad.csv:3:6: 字节 0xFF 不是有效的 GB18030，文件也不是 UTF-8：请把文件保存为 UTF-8（或在 Excel 中保存为 GB18030）；未读取任何内容\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "zh",
                "import",
                "stations",
                "bad.csv",
                "--encoding",
                "gb18030"
            ],
            3
        ),
        "bad.csv:3:6: 字节 0xFF 不是有效的 GB18030（--encoding gb18030）；未读取任何内容\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "en",
                "import",
                "stations",
                "bad.csv",
                "--encoding",
                "gb18030"
            ],
            3
        ),
        "bad.csv:3:6: 0xFF is not valid GB18030 (--encoding gb18030); nothing was read\n"
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "stations", "/dev/zero"], 1),
        "错误：无法读取 /dev/zero：它不是普通文件或管道（是设备）：请给出 CSV 文件，或用 `-` 表示标准输入\n"
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "stations", "nothing.csv"], 1),
        "错误：无法读取 nothing.csv：No such file or directory (os error 2)\n"
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "--dir", "nowhere"], 1),
        "错误：无法读取目录 nowhere：它不存在或不是目录\n"
    );
    std::fs::create_dir(wd.path().join("r.json")).unwrap();
    assert_eq!(
        wd.refused(&["--lang", "zh", "rubric", "check", "r.json"], 1),
        "错误：无法读取考核细则文件 r.json：它不是普通文件或管道（是目录）：请给出 JSON 文件\n"
    );
}

#[test]
fn the_date_order_of_a_case_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let case = wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-YZ-001",
        "--enterprise",
        "甲公司",
        "--received",
        "2024-05-06",
    ]);
    let case = case.trim();
    wd.ok(&["case", "accept", case, "--on", "2024-05-07"]);
    let close = [
        "case",
        "close",
        case,
        "--on",
        "2024-05-06",
        "--outcome",
        "guided",
        "--effective",
        "no",
    ];
    // Column names stay the stored field names; the sentence is Chinese.
    assert_eq!(
        wd.refused(&[&["--lang", "zh"], &close[..]].concat(), 3),
        format!("错误：案件 {case}：closed_on 2024-05-06 早于 accepted_on 2024-05-07\n")
    );
    assert_eq!(
        wd.refused(&[&["--lang", "en"], &close[..]].concat(), 3),
        format!("error: case {case}: closed_on 2024-05-06 is before accepted_on 2024-05-07\n")
    );
    // In a file: a date without the one before it, and a case's timeline against its events.
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,closed_on\nC-1,CQ-YZ-001,乙公司,2024-03-05,2024-06-01\n",
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "cases", "c.csv"], 3),
        "c.csv:2:closed_on: closed_on 已填写，但 accepted_on 为空：案件依次经过收到、受理、结案、回访\n"
    );
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,accepted_on,warning_level\nC-1,CQ-YZ-001,乙公司,2024-03-05,2024-03-05,red\n",
    );
    wd.ok(&["import", "cases", "c.csv"]);
    wd.ok(&[
        "case",
        "note",
        "C-1",
        "--kind",
        "special_plan",
        "--on",
        "2024-03-07",
        "--text",
        "方案",
    ]);
    wd.write(
        "c.csv",
        "id,station,enterprise,received_on,accepted_on,warning_level\nC-1,CQ-YZ-001,乙公司,2024-03-08,2024-03-08,blue\n",
    );
    assert_eq!(
        wd.fails(&["--lang", "zh", "import", "cases", "c.csv"], 3),
        "c.csv:2:received_on: received_on 2024-03-08 晚于 2024-03-07 记录的专项处理方案：案件的时间线从收到之日开始\n\
         c.csv:2:warning_level: 案件 C-1 已有 2024-03-07 的专项处理方案记录：预警级别须保持红色\n"
    );
}

#[test]
fn checks_across_cells_and_rows_of_an_import_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    wd.write(
        "a.csv",
        "station,item,points,date,reason\nCQ-YZ-001,B2,2.5,2024-06-01,x\nCQ-YZ-001,B9,1,2024-06-01,y\nCQ-XX-404,B1,1,2024-06-01,z\n",
    );
    assert_eq!(
        wd.fails(&["--lang", "zh", "import", "awards", "a.csv"], 3),
        "a.csv:2:points: points 2.50 超过加分项 B2 的上限（2.00）\n\
         a.csv:3:item: `B9` 不是现行考核细则的加分项：请用 B1、B2、B3、B4 之一\n\
         a.csv:4:station: 工作站 `CQ-XX-404` 不存在（数据库中和导入的工作站中都没有）\n"
    );
    assert_eq!(wd.query("SELECT count(*) FROM awards"), "0");
    wd.write(
        "s.csv",
        "station,name,full_time,from,to\nCQ-YZ-001,李明,yes,2024-04-01,2024-03-01,extra\n",
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "staff", "s.csv"], 3),
        "s.csv:2:6: 该行有 6 个单元格，但表头只有 5 列\n"
    );
    wd.write(
        "s.csv",
        "station,name,full_time,from,to\nCQ-YZ-001,李明,yes,2024-04-01,2024-03-01\n",
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "staff", "s.csv"], 3),
        "s.csv:2:to: to 2024-03-01 早于 from 2024-04-01\n"
    );
    wd.write("st.csv", "code,name,status\nCQ-YZ-001,渝中站,accepted\n");
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "stations", "st.csv"], 3),
        "st.csv:2:status: 工作站 CQ-YZ-001 在数据库中为申请（自 2024-01-05 起），不是验收合格：重新导入不能改变工作站的生命周期；请用 `ipguard station advance CQ-YZ-001` 或 `station assess`\n"
    );
    wd.write(
        "q.csv",
        "id,station,enterprise,received_on\nC-1,CQ-YZ-001,a\"b,2024-03-05\n",
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "import", "cases", "q.csv"], 3),
        "q.csv:2:enterprise: 单元格中有引号：请给整个单元格加引号，并把其中每个引号写两次（`\"ab\"\"cd\"`）\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "zh",
                "report",
                "submit",
                "--station",
                "CQ-YZ-001",
                "--kind",
                "quarterly_cases",
                "--period",
                "2024"
            ],
            2
        ),
        "错误：季度报告针对一个季度（如 2024Q3），而不是 `2024`\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "zh",
                "report",
                "submit",
                "--station",
                "CQ-YZ-001",
                "--kind",
                "annual_summary",
                "--period",
                "2025",
                "--on",
                "2024-12-01"
            ],
            3
        ),
        "错误：2025 的年度总结不能在 2024-12-01 报送，早于 2025-01-01：请在写成后再登记\n"
    );
}

#[test]
fn a_rubric_that_does_not_hold_together_is_said_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let mut r: serde_json::Value = serde_json::from_str(&wd.ok(&["rubric", "export"])).unwrap();
    r["limits"]["red_plan_days"] = 9999.into();
    wd.write("bad.json", r.to_string());
    assert_eq!(
        wd.refused(&["--lang", "zh", "rubric", "check", "bad.json"], 3),
        "错误：考核细则文件 bad.json：limits：red_plan_days 9999 超过 3660 天\n"
    );
    assert_eq!(
        wd.refused(&["--lang", "en", "rubric", "check", "bad.json"], 3),
        "error: rubric file bad.json: limits: red_plan_days 9999 is more than 3660 days\n"
    );
    r["limits"]["red_plan_days"] = 5.into();
    r["grades"] = serde_json::json!([{"id": "pass", "name_en": "pass", "name_zh": "合格", "min": 0}, {"id": "fail", "name_en": "fail", "name_zh": "不合格", "min": 0}]);
    wd.write("bad.json", r.to_string());
    assert_eq!(
        wd.refused(&["--lang", "zh", "rubric", "check", "bad.json"], 3),
        "错误：考核细则文件 bad.json：等级须按门槛从高到低排列：`pass`（0.00）排在 `fail`（0.00）之前\n"
    );
}
