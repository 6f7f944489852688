//! Satisfaction at a follow-up (issue 16, deliverable 5): recorded with the follow-up event,
//! shown by `case show` in both languages and its JSON, refused when malformed.

use crate::case::established;
use crate::workdir::Workdir;

const ST: &str = "CQ-YZ-001";
const ID: &str = "CQ-YZ-001-2024-0001";

fn closed() -> Workdir {
    let wd = Workdir::new();
    established(&wd, ST);
    wd.ok(&[
        "case",
        "add",
        "--station",
        ST,
        "--enterprise",
        "甲公司",
        "--received",
        "2024-05-06",
    ]);
    wd.ok(&["case", "accept", ID, "--on", "2024-05-07"]);
    wd.ok(&[
        "case",
        "close",
        ID,
        "--on",
        "2024-06-01",
        "--outcome",
        "guided",
        "--effective",
        "yes",
    ]);
    wd
}

#[test]
fn a_follow_up_records_the_satisfaction_and_comment_and_show_prints_them() {
    let wd = closed();
    let err = wd.fails(
        &[
            "case",
            "follow-up",
            ID,
            "--on",
            "2024-06-10",
            "--note",
            "企业已应诉",
            "--satisfaction",
            "基本满意",
            "--comment",
            "服务及时",
        ],
        0,
    );
    assert_eq!(err, format!("case {ID} followed up on 2024-06-10\n"));
    wd.ok(&[
        "case",
        "follow-up",
        ID,
        "--on",
        "2024-07-10",
        "--satisfaction",
        "dissatisfied",
    ]);
    wd.ok(&["case", "follow-up", ID, "--on", "2024-08-10"]);
    assert_eq!(
        wd.query("SELECT group_concat(coalesce(satisfaction, '-') || '/' || comment, ' ') FROM case_events"),
        "fairly_satisfied/服务及时 dissatisfied/ -/"
    );
    let zh = wd.ok(&["--lang", "zh", "case", "show", ID]);
    let timeline = &zh[zh.find("│ 2024-06-10").unwrap()..];
    assert_eq!(
        timeline,
        "\
│ 2024-06-10 ┆ 回访 ┆ 企业已应诉；满意度：基本满意，服务及时 │
│ 2024-07-10 ┆ 回访 ┆ 满意度：不满意                         │
│ 2024-08-10 ┆ 回访 ┆                                        │
└────────────┴──────┴────────────────────────────────────────┘
"
    );
    let en = wd.ok(&["case", "show", ID]);
    assert!(
        en.contains("│ 2024-06-10 ┆ followup ┆ 企业已应诉; satisfaction: fairly_satisfied, 服务及时 │"),
        "{en}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&wd.ok(&["case", "show", ID, "--format", "json"])).unwrap();
    let t = &json["timeline"];
    assert_eq!(
        t[3],
        serde_json::json!({"date": "2024-06-10", "event": "followup", "note": "企业已应诉",
                           "satisfaction": "fairly_satisfied", "comment": "服务及时"})
    );
    assert_eq!(
        t[5],
        serde_json::json!({"date": "2024-08-10", "event": "followup", "note": null})
    );
}

#[test]
fn a_bad_satisfaction_or_a_comment_alone_is_refused_and_nothing_written() {
    let wd = closed();
    let err = wd.refused(
        &[
            "case",
            "follow-up",
            ID,
            "--on",
            "2024-06-10",
            "--satisfaction",
            "happy",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: invalid value 'happy' for '--satisfaction <satisfied|fairly_satisfied|dissatisfied>': `happy` is not a satisfaction: use one of satisfied (满意), fairly_satisfied (基本满意), dissatisfied (不满意) (see --help)\n"
    );
    let err = wd.refused(
        &["case", "follow-up", ID, "--on", "2024-06-10", "--comment", "好"],
        2,
    );
    assert_eq!(
        err,
        "error: the following required arguments were not provided: --satisfaction <satisfied|fairly_satisfied|dissatisfied> (see --help)\n"
    );
    let err = wd.refused(
        &["--lang", "zh", "case", "follow-up", ID, "--satisfaction", "很好"],
        2,
    );
    assert!(err.starts_with("错误："), "{err}");
}

#[test]
fn the_documents_and_the_city_report_show_the_shares_in_integers() {
    let wd = closed();
    for (on, s) in [
        ("2024-06-10", "satisfied"),
        ("2024-06-11", "satisfied"),
        ("2024-06-12", "不满意"),
    ] {
        wd.ok(&["case", "follow-up", ID, "--on", on, "--satisfaction", s]);
    }
    // Outside the quarter: not counted in it.
    wd.ok(&[
        "case",
        "follow-up",
        ID,
        "--on",
        "2024-07-01",
        "--satisfaction",
        "fairly_satisfied",
    ]);
    let zh = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        ST,
        "--period",
        "2024Q2",
    ]);
    assert!(
        zh.contains("\n回访满意度：满意 2/3（66.67%）、基本满意 0/3（0.00%）、不满意 1/3（33.33%）\n"),
        "{zh}"
    );
    let en = wd.ok(&[
        "report",
        "generate",
        "annual",
        "--station",
        ST,
        "--period",
        "2024",
        "--lang",
        "en",
    ]);
    assert!(
        en.contains("\nSatisfaction at follow-ups: satisfied 2/4 (50.00%), fairly_satisfied 1/4 (25.00%), dissatisfied 1/4 (25.00%)\n"),
        "{en}"
    );
    let json: serde_json::Value = serde_json::from_str(&wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        ST,
        "--period",
        "2024Q2",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json["satisfaction"],
        serde_json::json!({"satisfied": 2, "fairly_satisfied": 0, "dissatisfied": 1})
    );
    let city = wd.ok(&["report", "generate", "city", "--period", "2024Q3"]);
    assert!(
        city.contains("\n- 回访满意度：满意 0/1（0.00%）、基本满意 1/1（100.00%）、不满意 0/1（0.00%）\n"),
        "{city}"
    );
    // A period without any: no line, no field (the documents read as before).
    let q1 = wd.ok(&[
        "report",
        "generate",
        "quarterly",
        "--station",
        ST,
        "--period",
        "2024Q1",
        "--format",
        "json",
    ]);
    assert!(!q1.contains("satisfaction"), "{q1}");
}
