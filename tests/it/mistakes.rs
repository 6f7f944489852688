//! Mistakes people make, and what ipguard says back: a date spelled wrong, an empty list,
//! absent values in JSON.

use crate::workdir::Workdir;

fn station(wd: &Workdir) {
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区工作站",
        "--on",
        "2024-01-05",
    ]);
}

#[test]
fn a_date_error_lists_the_spellings_accepted() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "case",
            "add",
            "--station",
            "CQ-YZ-001",
            "--enterprise",
            "X",
            "--received",
            "2024.03.05",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: invalid value '2024.03.05' for '--received <DATE>': `2024.03.05` is not a date: write it as 2024-03-05, 2024-3-5 or 2024/3/5 (see --help)\n"
    );
    wd.write(
        "cases.csv",
        "id,station,enterprise,received_on\nC-1,CQ-YZ-001,X,5 March 2024\n",
    );
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert!(
        err.contains("cases.csv:2:received_on: `5 March 2024` is not a date: write it as 2024-03-05, 2024-3-5 or 2024/3/5"),
        "{err}"
    );
}

#[test]
fn an_empty_list_says_what_would_fill_it() {
    let wd = Workdir::new();
    wd.create_db();
    let o = wd.run(&["station", "list"]);
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stderr,
        "no stations to list: record one with `ipguard station add CODE --name NAME`, or widen the filters\n"
    );
    station(&wd);
    let o = wd.run(&["--lang", "zh", "case", "list"]);
    assert_eq!(
        o.stderr,
        "暂无案件：可用 `ipguard case add --station CODE --enterprise NAME` 登记，或放宽筛选条件\n"
    );
    assert!(o.stdout.starts_with("┌"), "{}", o.stdout);
    // Scripts get the empty data and no message.
    let o = wd.run(&["case", "list", "--format", "json"]);
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("[]\n", ""));
    let o = wd.run(&["station", "list"]);
    assert_eq!(o.stderr, "");
}

#[test]
fn json_writes_null_for_every_absent_value() {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&[
        "case",
        "add",
        "--station",
        "CQ-YZ-001",
        "--enterprise",
        "X",
        "--received",
        "2024-03-05",
    ]);
    let v: serde_json::Value = serde_json::from_str(&wd.ok(&["case", "list", "--format", "json"])).unwrap();
    for key in [
        "credit_code",
        "country",
        "overdue_reason",
        "summary",
        "ip_type",
        "accepted_on",
    ] {
        assert_eq!(v[0][key], serde_json::Value::Null, "{key}: {v}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&wd.ok(&["station", "list", "--format", "json"])).unwrap();
    assert_eq!(
        (&v[0]["host_org"], &v[0]["district"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );
    let out = wd.ok(&["case", "list", "--overdue", "--format", "json"]);
    assert!(!out.contains("\"\""), "{out}");
    let out = wd.ok(&["case", "show", "CQ-YZ-001-2024-0001", "--format", "json"]);
    assert!(!out.contains("\"\""), "{out}");
}
