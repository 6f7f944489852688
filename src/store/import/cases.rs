//! Cases.

use super::{by_key, Day, Stored};
use crate::model::records::Case;
use rusqlite::{params, Connection, Row};

macro_rules! case_columns {
    () => {
        "SELECT id, station, enterprise, credit_code, received_on, source, kind, ip_type, \
         country, dispute_type, warning_level, accepted_on, closed_on, outcome, effective, \
         followup_on, overdue_reason, summary, typical, reason_accepted, reason_decided_on, \
         reason_note FROM cases"
    };
}

impl Stored for Case {
    const SELECT: &'static str = case_columns!();
    const GET: &'static str = concat!(case_columns!(), " WHERE id = ?1");
    const UPSERT: &'static str = "INSERT INTO cases (id, station, enterprise, credit_code, \
        received_on, source, kind, ip_type, country, dispute_type, warning_level, accepted_on, \
        closed_on, outcome, effective, followup_on, overdue_reason, summary, typical, \
        reason_accepted, reason_decided_on, reason_note) VALUES \
        (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, \
        ?20, ?21, ?22) \
        ON CONFLICT (id) DO UPDATE SET station = excluded.station, \
        enterprise = excluded.enterprise, credit_code = excluded.credit_code, \
        received_on = excluded.received_on, source = excluded.source, kind = excluded.kind, \
        ip_type = excluded.ip_type, country = excluded.country, \
        dispute_type = excluded.dispute_type, warning_level = excluded.warning_level, \
        accepted_on = excluded.accepted_on, closed_on = excluded.closed_on, \
        outcome = excluded.outcome, effective = excluded.effective, \
        followup_on = excluded.followup_on, overdue_reason = excluded.overdue_reason, \
        summary = excluded.summary, typical = excluded.typical, \
        reason_accepted = excluded.reason_accepted, \
        reason_decided_on = excluded.reason_decided_on, reason_note = excluded.reason_note";
    const ORDER: &'static str = "id";
    const STATION: &'static str = "station";
    const IN_PERIOD: &'static str = "received_on BETWEEN ?2 AND ?3";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        crate::store::cases::from_row(r)
    }

    fn get(conn: &Connection, p: &Self) -> rusqlite::Result<Option<(i64, Self)>> {
        by_key(conn, [&p.id])
    }

    fn with_params(&self, f: super::ParamsFn<'_>) -> rusqlite::Result<()> {
        f(params![
            self.id,
            self.station,
            self.enterprise,
            self.credit_code,
            Day::of(self.received_on),
            self.source.as_str(),
            self.kind.as_str(),
            self.ip_type.map(|v| v.as_str()),
            self.country,
            self.dispute_type.map(|v| v.as_str()),
            self.warning_level.map(|v| v.as_str()),
            self.accepted_on.map(Day::of),
            self.closed_on.map(Day::of),
            self.outcome.map(|v| v.as_str()),
            self.effective,
            self.followup_on.map(Day::of),
            self.overdue_reason,
            self.summary,
            self.typical,
            self.reason_accepted,
            self.reason_decided_on.map(Day::of),
            self.reason_note,
        ])
    }
}
