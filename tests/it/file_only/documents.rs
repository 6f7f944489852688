//! A file of the first schema, as an older ipguard left it, carried to the documents' rules
//! (the server's schema starts at the file's version 3: there is no older server to carry).

use crate::workdir::Workdir;

#[test]
fn a_first_schema_database_is_carried_to_the_documents_rules() {
    let wd = Workdir::new();
    // Written past the front door on purpose: a file of the first schema, as an older ipguard
    // left it, which no command of this one can write.
    {
        let conn = rusqlite::Connection::open(wd.db()).unwrap();
        conn.execute_batch(include_str!("../../../migrations/0001_init.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO stations (code, name, status, status_on, established_on, cond1, cond2, cond3, cond4, cond5) VALUES
              ('S1', '甲站', 'applied', '2024-01-05', NULL, 1, 1, 1, 0, 1),
              ('S2', '乙站', 'accepted', '2025-01-10', '2024-01-10', 1, 1, 1, 1, 1);
             INSERT INTO cases (id, station, enterprise, received_on, accepted_on, closed_on, warning_level, overdue_reason, country) VALUES
              ('K1', 'S2', '甲', '2024-03-01', '2024-03-02', '2024-05-01', 'red', '忙', '德国'),
              ('K2', 'S2', '乙', '2024-03-01', NULL, NULL, 'blue', '', 'Germany'),
              ('K3', 'S2', '丙', '2024-03-01', NULL, NULL, NULL, '', '火星');
             INSERT INTO experts (station, name, kind, countries, joined_on) VALUES
              ('S2', '王五', 'expert', '美国, 德国、美国', '2024-01-01'),
              ('S2', '赵六', 'lawyer', '日本/火星', '2024-01-01');
             INSERT INTO case_events (case_id, kind, on_date, note) VALUES
              ('K1', 'plan', '2024-03-02', '专项方案'),
              ('K2', 'risk_notice', '2024-03-03', '美国展会风险提示');
             INSERT INTO assessments (station, kind, period, on_date, total_cents, grade, rubric_id, scorecard) VALUES
              ('S2', 'acceptance', '2024-01-10..2025-01-09', '2025-01-10', 9200, 'excellent', 'cq-2022', '{\"grade\":\"excellent\",\"total\":92}');",
        )
        .unwrap();
    }
    wd.ok(&["station", "list"]);
    assert_eq!(
        wd.query("PRAGMA user_version"),
        ipguard::store::MIGRATIONS.len().to_string()
    );
    // Old 3 → new 2, old 4 → new 5; the rest cleared.
    assert_eq!(
        wd.query("SELECT group_concat(code || ':' || cond1 || cond2 || cond3 || cond4 || cond5, ' ') FROM stations"),
        "S1:01000 S2:01001"
    );
    // A red case's plan is its special-handling plan; a notice's text is its title.
    assert_eq!(
        wd.query("SELECT group_concat(case_id || ' ' || kind || ' [' || title || '] [' || note || ']', '; ') FROM case_events"),
        "K1 special_plan [] [专项方案]; K2 risk_notice [美国展会风险提示] []"
    );
    // A reason typed before is undecided: it excuses nothing until the office decides.
    assert_eq!(
        wd.query("SELECT coalesce(reason_accepted, 'undecided') FROM cases WHERE id = 'K1'"),
        "undecided"
    );
    assert_eq!(
        wd.query("SELECT grade || ' ' || scorecard FROM assessments"),
        "pass {\"grade\":\"pass\",\"total\":92}"
    );
    let notices = wd.ok(&["case", "notices", "--format", "json"]);
    assert!(notices.contains("美国展会风险提示"), "{notices}");
    wd.ok(&[
        "case",
        "add",
        "--station",
        "S2",
        "--kind",
        "information",
        "--enterprise",
        "丙",
        "--received",
        "2025-02-01",
    ]);
    // One country whatever its spelling; what no spelling maps stays, and `check` says so.
    assert_eq!(
        wd.query("SELECT group_concat(id || ':' || country, ' ') FROM cases WHERE id LIKE 'K%'"),
        "K1:DE K2:DE K3:火星"
    );
    assert_eq!(
        wd.query("SELECT group_concat(name || ':' || countries, ' ') FROM experts"),
        "王五:US;DE 赵六:JP;火星"
    );
    let check = wd.ok(&["check"]);
    assert!(
        check.contains("countries: case K3: country `火星` is no country or region ipguard knows (correct it with `case set` or a re-import; nearest: "),
        "{check}"
    );
    assert!(
        check.contains("countries: expert S2/赵六: country `火星`"),
        "{check}"
    );
    wd.ok(&["case", "set", "K3", "--country", "日本"]);
    assert_eq!(wd.query("SELECT country FROM cases WHERE id = 'K3'"), "JP");
}
