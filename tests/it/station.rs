//! Stations: registration, the art. 4 conditions, the lifecycle and its refusals.

use crate::workdir::Workdir;

pub(crate) fn station(wd: &Workdir) {
    wd.ok(&[
        "station",
        "add",
        "CQ-YZ-001",
        "--name",
        "渝中区海外知识产权纠纷应对指导工作站",
        "--level",
        "district",
        "--on",
        "2024-01-05",
    ]);
}

#[test]
fn lifecycle_one_step_at_a_time() {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--met", "1,2,3,4,5"]);
    for (to, on) in [
        ("recommended", "2024-02-01"),
        ("reviewed", "2024-03-01"),
        ("publicized", "2024-03-10"),
        ("established", "2024-04-01"),
    ] {
        wd.ok(&["station", "advance", "CQ-YZ-001", "--to", to, "--on", on]);
    }
    assert_eq!(
        wd.query("SELECT status || ' ' || established_on FROM stations"),
        "established 2024-04-01"
    );
    assert_eq!(wd.query("SELECT count(*) FROM station_history"), "5");
    let show = wd.ok(&["--lang", "zh", "station", "show", "CQ-YZ-001"]);
    assert!(show.contains("│ 2024-04-01 ┆ 设立 ┆"), "{show}");
}

#[test]
fn recommended_needs_all_five_conditions() {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--met", "1,2,4"]);
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "recommended",
            "--on",
            "2024-02-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: station CQ-YZ-001 cannot be recommended: art. 4 condition(s) 3, 5 not met (mark them with `ipguard station conditions CQ-YZ-001 --met …`)\n"
    );
}

#[test]
fn wrong_transition_names_the_allowed_steps() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "established",
            "--on",
            "2024-02-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: station CQ-YZ-001 cannot go from applied to established: from applied the allowed next steps are: recommended, rejected\n"
    );
}

#[test]
fn step_dated_before_the_previous_one_is_refused() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "rejected",
            "--on",
            "2024-01-04",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: the step's date 2024-01-04 is before the station's last step (applied on 2024-01-05)\n"
    );
}

#[test]
fn malformed_and_future_dates_and_unknown_enums() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "rejected",
            "--on",
            "2024-02-30",
        ],
        2,
    );
    assert_eq!(
        err,
        "error: invalid value '2024-02-30' for '--on <DATE>': `2024-02-30` is not a real calendar date (use YYYY-MM-DD) (see --help)\n"
    );
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "rejected",
            "--on",
            "2025-03-02",
        ],
        3,
    );
    assert_eq!(err, "error: the date of the step 2025-03-02 is in the future (today is 2025-03-01): record things once they happened\n");
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "closed",
            "--on",
            "2024-02-01",
        ],
        2,
    );
    assert!(err.starts_with("error: invalid value 'closed' for '--to <applied|recommended|reviewed|publicized|established|accepted|revoked|rejected>': `closed` is not a station status: use one of applied (申请), "), "{err}");
}

#[test]
fn unknown_station_is_refused() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-XX-999",
            "--to",
            "rejected",
            "--on",
            "2024-02-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: station `CQ-XX-999` does not exist (see `ipguard station list`)\n"
    );
}

#[test]
fn acceptance_goes_through_the_assessment() {
    let wd = Workdir::new();
    station(&wd);
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--met", "1,2,3,4,5"]);
    for (to, on) in [
        ("recommended", "2024-02-01"),
        ("reviewed", "2024-03-01"),
        ("publicized", "2024-03-10"),
        ("established", "2024-04-01"),
    ] {
        wd.ok(&["station", "advance", "CQ-YZ-001", "--to", to, "--on", on]);
    }
    let err = wd.refused(
        &[
            "station",
            "advance",
            "CQ-YZ-001",
            "--to",
            "accepted",
            "--on",
            "2025-02-01",
        ],
        3,
    );
    assert_eq!(
        err,
        "error: station CQ-YZ-001 becomes accepted by passing its acceptance assessment: run `ipguard station assess CQ-YZ-001 --kind acceptance --on DATE`\n"
    );
}

#[test]
fn station_add_and_conditions_refusals() {
    let wd = Workdir::new();
    station(&wd);
    let err = wd.refused(
        &[
            "station",
            "add",
            "CQ-YZ-001",
            "--name",
            "又一个",
            "--on",
            "2024-01-05",
        ],
        3,
    );
    assert_eq!(err, "error: station `CQ-YZ-001` already exists\n");
    let err = wd.refused(
        &[
            "station",
            "add",
            "CQ-YZ-002",
            "--name",
            "  ",
            "--on",
            "2024-01-05",
        ],
        2,
    );
    assert_eq!(err, "error: --name must not be empty\n");
    let err = wd.refused(&["station", "conditions", "CQ-YZ-001"], 2);
    assert_eq!(err, "error: give --met or --unmet with condition numbers 1-5\n");
    let err = wd.refused(
        &[
            "station",
            "conditions",
            "CQ-YZ-001",
            "--met",
            "1,2",
            "--unmet",
            "2",
        ],
        2,
    );
    assert_eq!(err, "error: condition 2 is given as both --met and --unmet\n");
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--met", "1,2,3"]);
    wd.ok(&["station", "conditions", "CQ-YZ-001", "--unmet", "2"]);
    assert_eq!(
        wd.query("SELECT CAST(cond1 AS TEXT) || cond2 || cond3 || cond4 || cond5 FROM stations"),
        "10100"
    );
}
