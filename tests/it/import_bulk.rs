//! Large imports (secondary indexes rebuilt at the end, bounded audit key list) and what an
//! imported case shows.

use crate::import::with_stations;
use sha2::{Digest, Sha256};

const HEADER: &str = "id,station,enterprise,received_on,accepted_on,closed_on,outcome,followup_on\n";

fn cases(n: usize) -> (String, Vec<String>) {
    let mut text = String::from(HEADER);
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("C-{i:06}");
        let st = if i % 2 == 0 { "CQ-JB-002" } else { "CQ-YZ-001" };
        text.push_str(&format!("{id},{st},企业{i},2024-05-{:02},,,,\n", i % 28 + 1));
        ids.push(id);
    }
    (text, ids)
}

#[test]
fn a_large_file_keeps_the_index_and_audits_the_first_keys_and_a_digest() {
    let wd = with_stations();
    let index = "SELECT sql FROM sqlite_master WHERE name = 'cases_station_received'";
    let before = wd.query(index);
    let (text, ids) = cases(12_000);
    wd.write("cases.csv", &text);
    let o = wd.run(&["import", "cases", "cases.csv"]);
    assert_eq!(o.stderr, "cases.csv: 12000 added, 0 updated, 0 unchanged\n");
    assert_eq!(wd.query(index), before);
    assert_eq!(wd.query("PRAGMA integrity_check"), "ok");
    assert_eq!(
        wd.query("SELECT count(*) FROM cases WHERE station = 'CQ-YZ-001' AND received_on = '2024-05-02'"),
        "429"
    );
    let json: serde_json::Value = serde_json::from_str(
        &wd.query("SELECT after_json FROM audit_log WHERE entity = 'import' ORDER BY seq DESC LIMIT 1"),
    )
    .unwrap();
    let keys: Vec<&str> = json["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(keys, ids[..1000]);
    assert_eq!(json["keys_count"], 12_000);
    let mut h = Sha256::new();
    for id in &ids {
        h.update(format!("{id}\n"));
    }
    let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(json["keys_sha256"], digest.as_str());
}

#[test]
fn a_large_file_with_a_bad_last_row_changes_nothing() {
    let wd = with_stations();
    let (mut text, _) = cases(11_000);
    text.push_str("C-000005,CQ-JB-002,企业,2024-05-01,,,,\n");
    wd.write("cases.csv", &text);
    let err = wd.refused(&["import", "cases", "cases.csv"], 3);
    assert_eq!(
        err,
        "cases.csv:11002:id: the key `C-000005` is repeated: it is also on line 7 (a file holds each record once)\n"
    );
    assert!(wd
        .query("SELECT sql FROM sqlite_master WHERE name = 'cases_station_received'")
        .starts_with("CREATE INDEX"));
}

#[test]
fn an_imported_first_follow_up_is_on_the_timeline() {
    let wd = with_stations();
    wd.write(
        "cases.csv",
        format!("{HEADER}C-1,CQ-JB-002,企业,2024-05-06,2024-05-07,2024-06-07,guided,2024-07-07\n"),
    );
    wd.ok(&["import", "cases", "cases.csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&wd.ok(&["case", "show", "C-1", "--format", "json"])).unwrap();
    let events: Vec<(&str, &str)> = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["date"].as_str().unwrap(), e["event"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [
            ("2024-05-06", "received"),
            ("2024-05-07", "accepted"),
            ("2024-06-07", "closed"),
            ("2024-07-07", "followup")
        ]
    );
    let table = wd.ok(&["case", "show", "C-1", "--style", "ascii"]);
    assert!(table.contains("| 2024-07-07 | followup |"), "{table}");
}
