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

#[test]
fn a_file_of_another_kind_is_named_once_with_the_command_that_imports_it() {
    let wd = Workdir::new();
    station(&wd);
    wd.write(
        "stations.csv",
        "code,name\nCQ-YZ-002,江北区工作站\nCQ-YZ-003,南岸区工作站\n",
    );
    let err = wd.refused(&["import", "cases", "stations.csv"], 3);
    assert_eq!(
        err,
        "stations.csv: this header looks like a stations file (code, name), not cases: use ipguard import stations stations.csv\n"
    );
    // Staff and experts share columns: the kind whose required columns are all there wins.
    wd.write(
        "s.csv",
        "工作站,姓名,专职,起始日期,结束日期\nCQ-YZ-001,张三,yes,2024-01-05,\n",
    );
    let err = wd.refused(&["import", "experts", "s.csv"], 3);
    assert_eq!(
        err,
        "s.csv: this header looks like a staff file (station, name, full_time, from, …), not experts: use ipguard import staff s.csv\n"
    );
    // A header that fits no kind keeps its column-by-column messages.
    wd.write("odd.csv", "station,name\n");
    let err = wd.fails(&["import", "experts", "odd.csv"], 3);
    assert_eq!(
        err,
        "odd.csv:1:kind: the required column `kind` (类别) is missing from the header\n\
         odd.csv:1:joined_on: the required column `joined_on` (入库日期) is missing from the header\n"
    );
}

#[test]
fn rubric_check_says_where_a_file_stops_being_json() {
    let wd = Workdir::new();
    wd.create_db();
    wd.write("host.json", "myhost\n");
    let err = wd.refused(&["rubric", "check", "host.json"], 3);
    assert_eq!(
        err,
        "error: rubric file host.json: not JSON (line 1, column 1: expected value)\n"
    );
    wd.write("x.json", "{\n  \"id\": \"x\",\n  \"a\": 3 4\n}\n");
    let err = wd.refused(&["rubric", "check", "x.json"], 3);
    assert_eq!(
        err,
        "error: rubric file x.json: not JSON (line 3, column 10: expected `,` or `}`)\n"
    );
    wd.write("cut.json", "{\"id\"");
    let err = wd.refused(&["rubric", "use", "cut.json"], 3);
    assert_eq!(
        err,
        "error: rubric file cut.json: not JSON (line 1, column 5: EOF while parsing an object)\n"
    );
    // JSON that is not a rubric keeps its own message.
    wd.write("num.json", "{\"id\": 1}");
    let err = wd.refused(&["rubric", "check", "num.json"], 3);
    assert_eq!(
        err,
        "error: rubric file num.json: invalid type: integer `1`, expected a string at line 1 column 8\n"
    );
}
