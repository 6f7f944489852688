//! CSV export: columns, filters, BOM, and export → import → export giving the same bytes.

use crate::import::STATIONS;
use crate::workdir::Workdir;

/// One file per kind, with the Excel date forms, Chinese enum aliases and odd spacing that
/// the export writes canonically.
const FILES: [(&str, &str); 9] = [
    ("stations", STATIONS),
    ("staff", "station,name,full_time,from,to\nCQ-YZ-001,张三,是,2024-1-5,\nCQ-JB-002,李四,no,2024-02-01,2026-06-30\n"),
    ("experts", "station,name,kind,field,countries,joined_on,left_on\nCQ-YZ-001,王五,专家,专利,\"美国, 德国\",2024-01-01,\n"),
    ("funding", "station,date,amount,source\nCQ-YZ-001,2024/3/1,200000,区财政\nCQ-YZ-001,2024-03-01,50.5,\n"),
    ("cases", "id,station,enterprise,credit_code,received_on,source,kind,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,outcome,effective,followup_on,overdue_reason,summary,typical\n\
C-2,CQ-YZ-001,乙公司,,2024-05-01,,,,,,,,,,,,,,\n\
C-1,CQ-YZ-001, 甲公司 ,91350100m000100y43,2024-3-5,市局移交,指导,专利,美国,337调查,红,2024-03-06,2024-04-01,已解决,是,2024-05-01,,\"摘要, 含逗号\n第二行\",是\n"),
    ("activities", "station,kind,date,title,participants\nCQ-YZ-001,培训,2024-05-01,海外维权培训,35\nCQ-JB-002,publicity,2024-06-01,宣传周,\n"),
    ("reports", "station,kind,period,submitted_on\nCQ-YZ-001,quarterly_cases,2024q3,2024-10-08\nCQ-YZ-001,work_plan,2025,2024-12-20\n"),
    ("awards", "station,item,points,date,reason\nCQ-YZ-001,b1,1.5,2024-06-01,典型案例\n"),
    ("complaints", "station,date,verified,note\nCQ-JB-002,2024-07-01,否,\n"),
];

fn loaded() -> Workdir {
    let wd = Workdir::new();
    for (kind, text) in FILES {
        wd.write(&format!("{kind}.csv"), text);
        wd.ok(&["import", kind, &format!("{kind}.csv")]);
    }
    wd
}

#[test]
fn every_kind_round_trips_byte_for_byte() {
    let a = loaded();
    let b = Workdir::new();
    for (kind, _) in FILES {
        let first = a.ok(&["export", kind]);
        b.write(&format!("{kind}.csv"), &first);
        b.ok(&["import", kind, &format!("{kind}.csv")]);
        let second = b.ok(&["export", kind]);
        assert_eq!(first, second, "{kind}");
        assert!(first.lines().count() > 1, "{kind}: {first}");
    }
}

#[test]
fn export_writes_canonical_values() {
    let wd = loaded();
    assert_eq!(
        wd.ok(&["export", "cases"]),
        "id,station,enterprise,credit_code,received_on,source,kind,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,outcome,effective,followup_on,overdue_reason,reason_accepted,summary,typical\n\
C-1,CQ-YZ-001,甲公司,91350100M000100Y43,2024-03-05,city_transfer,guidance,patent,US,section_337,red,2024-03-06,2024-04-01,resolved,yes,2024-05-01,,,\"摘要, 含逗号\n第二行\",yes\n\
C-2,CQ-YZ-001,乙公司,,2024-05-01,enterprise,guidance,,,,,,,,,,,,,no\n"
    );
    assert_eq!(
        wd.ok(&["export", "funding"]),
        "station,date,amount,source\nCQ-YZ-001,2024-03-01,50.50,\nCQ-YZ-001,2024-03-01,200000.00,区财政\n"
    );
    assert_eq!(
        wd.ok(&["export", "reports"]),
        "station,kind,period,submitted_on\nCQ-YZ-001,quarterly_cases,2024Q3,2024-10-08\nCQ-YZ-001,work_plan,2025,2024-12-20\n"
    );
}

#[test]
fn filters_by_station_and_period() {
    let wd = loaded();
    assert_eq!(
        wd.ok(&["export", "staff", "--period", "2026"]),
        "station,name,full_time,from,to\nCQ-JB-002,李四,no,2024-02-01,2026-06-30\nCQ-YZ-001,张三,yes,2024-01-05,\n"
    );
    assert_eq!(
        wd.ok(&["export", "staff", "--period", "2027", "--station", "CQ-JB-002"]),
        "station,name,full_time,from,to\n"
    );
    assert_eq!(
        wd.ok(&["export", "cases", "--period", "2024Q2"]),
        "id,station,enterprise,credit_code,received_on,source,kind,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,outcome,effective,followup_on,overdue_reason,reason_accepted,summary,typical\n\
C-2,CQ-YZ-001,乙公司,,2024-05-01,enterprise,guidance,,,,,,,,,,,,,no\n"
    );
    let stations = wd.ok(&["export", "stations", "--period", "2020"]);
    assert_eq!(stations.lines().count(), 3, "{stations}");
    let err = wd.fails(&["export", "cases", "--period", "2024Q5"], 2);
    assert!(
        err.starts_with("error: invalid value '2024Q5' for '--period"),
        "{err}"
    );
}

#[test]
fn bom_and_output_file() {
    let wd = loaded();
    assert_eq!(wd.ok(&["export", "complaints", "--bom", "-o", "c.csv"]), "");
    let bytes = std::fs::read(wd.path().join("c.csv")).unwrap();
    assert_eq!(
        bytes,
        "\u{feff}station,date,verified,note\nCQ-JB-002,2024-07-01,no,\n".as_bytes()
    );
    // The BOM file imports back unchanged.
    let o = wd.run(&["import", "complaints", "c.csv"]);
    assert_eq!(o.stderr, "c.csv: 0 added, 0 updated, 1 unchanged\n");
}

#[test]
fn station_list_csv_is_the_export() {
    let wd = loaded();
    assert_eq!(
        wd.ok(&["--format", "csv", "station", "list"]),
        wd.ok(&["export", "stations"])
    );
}

/// The header and the set of rows (a list keeps its own order; the export sorts by key).
fn header_and_rows(csv: &str) -> (String, Vec<String>) {
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let header = lines.remove(0);
    lines.sort();
    (header, lines)
}

#[test]
fn every_list_csv_writes_the_export_columns() {
    let wd = loaded();
    for (list, kind) in [
        (&["station", "staff", "list"][..], "staff"),
        (&["station", "expert", "list"][..], "experts"),
        (&["station", "funding", "list"][..], "funding"),
        (&["activity", "list"][..], "activities"),
        (&["award", "list"][..], "awards"),
        (&["complaint", "list"][..], "complaints"),
        (&["report", "list"][..], "reports"),
        (&["case", "list"][..], "cases"),
    ] {
        let mut args = vec!["--format", "csv"];
        args.extend_from_slice(list);
        let from_list = header_and_rows(&wd.ok(&args));
        let from_export = header_and_rows(&wd.ok(&["export", kind]));
        assert_eq!(from_list, from_export, "{list:?} vs export {kind}");
        assert!(!from_list.1.is_empty(), "{kind}: the fixture has rows");
    }
}
