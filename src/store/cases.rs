//! Cases and the dated events on their timelines (follow-ups, plans, risk notices, notes).

use super::{date_text, opt_date, opt_enum, req_date, req_enum, Writer};
use crate::error::Result;
use crate::model::records::{Case, CaseEvent};
use crate::model::Period;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(crate) const COLUMNS: &str = "id, station, enterprise, credit_code, received_on, source, kind, ip_type, \
                       country, dispute_type, warning_level, accepted_on, closed_on, outcome, \
                       effective, followup_on, overdue_reason, summary, typical, reason_accepted, \
                       reason_decided_on, reason_note";

/// A case from a row of `SELECT {COLUMNS}` (the same order as the import's statements).
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Case> {
    Ok(Case {
        id: r.get(0)?,
        station: r.get(1)?,
        enterprise: r.get(2)?,
        credit_code: r.get(3)?,
        received_on: req_date(r, 4)?,
        source: req_enum(r, 5)?,
        kind: req_enum(r, 6)?,
        ip_type: opt_enum(r, 7)?,
        country: r.get(8)?,
        dispute_type: opt_enum(r, 9)?,
        warning_level: opt_enum(r, 10)?,
        accepted_on: opt_date(r, 11)?,
        closed_on: opt_date(r, 12)?,
        outcome: opt_enum(r, 13)?,
        effective: r.get(14)?,
        followup_on: opt_date(r, 15)?,
        overdue_reason: r.get(16)?,
        summary: r.get(17)?,
        typical: r.get(18)?,
        reason_accepted: r.get(19)?,
        reason_decided_on: opt_date(r, 20)?,
        reason_note: r.get(21)?,
    })
}

/// The case with this id, if any.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Case>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cases WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The next generated id for a case of `station` received in `year`: `STATION-YEAR-NNNN`,
/// one more than the highest number among the ids of that form (numbers up to the largest
/// 64-bit integer; an imported id with a longer number is text, not a number). A range scan
/// of the primary key, so it stays fast however many cases there are; the id is checked free
/// before it is given, so generation never collides with a stored id whatever was imported.
pub fn next_id(w: &Writer<'_>, station: &str, year: i32) -> Result<String> {
    next_id_after(w.tx(), station, year, 0, &|_| false)
}

/// [`next_id`] on a connection, with a number the id must be above (`after`: the last one an
/// import gave) and ids that are taken besides the stored ones (`taken`: an import's rows
/// not written yet).
pub fn next_id_after(
    conn: &Connection,
    station: &str,
    year: i32,
    after: i64,
    taken: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let prefix = format!("{station}-{year}-");
    // Every id starting with `prefix` sorts between it and the prefix with its final `-`
    // replaced by the next character, `.`.
    let upper = format!("{station}-{year}.");
    let max: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(id, ?3) AS INTEGER)) FROM cases
         WHERE id > ?1 AND id < ?2 AND substr(id, ?3) NOT GLOB '*[^0-9]*'
           AND (length(id) - ?3 < 18
                OR (length(id) - ?3 = 18 AND substr(id, ?3) <= '9223372036854775807'))",
        )?
        .query_row(params![prefix, upper, prefix.len() as i64 + 1], |r| r.get(0))?;
    let mut n = max.unwrap_or(0).max(after);
    loop {
        n = n.checked_add(1).ok_or_else(|| {
            crate::error::Error::Invalid(format!(
                "the case numbers of {station} in {year} are used up (an imported id reaches {}): give the case an id with --id",
                i64::MAX
            ))
        })?;
        let id = format!("{prefix}{n:04}");
        if !taken(&id) && !id_stored(conn, &id)? {
            return Ok(id);
        }
    }
}

pub fn exists(w: &Writer<'_>, id: &str) -> Result<bool> {
    id_stored(w.tx(), id)
}

fn id_stored(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM cases WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, i64>(0))?
        > 0)
}

/// Inserts a new case, auditing it.
pub fn insert(w: &mut Writer<'_>, c: &Case) -> Result<()> {
    w.tx().execute(
        &format!(
            "INSERT INTO cases ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
             ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
        ),
        params![
            c.id,
            c.station,
            c.enterprise,
            c.credit_code,
            date_text(c.received_on),
            c.source.as_str(),
            c.kind.as_str(),
            c.ip_type.map(|v| v.as_str()),
            c.country,
            c.dispute_type.map(|v| v.as_str()),
            c.warning_level.map(|v| v.as_str()),
            c.accepted_on.map(date_text),
            c.closed_on.map(date_text),
            c.outcome.map(|v| v.as_str()),
            c.effective,
            c.followup_on.map(date_text),
            c.overdue_reason,
            c.summary,
            c.typical,
            c.reason_accepted,
            c.reason_decided_on.map(date_text),
            c.reason_note,
        ],
    )?;
    w.audit(
        "case",
        &c.id,
        Some(&c.station),
        None,
        Some(&serde_json::to_value(c)?),
    )
}

/// Writes every field of an existing case (same id), auditing before and after.
pub fn update(w: &mut Writer<'_>, before: &Case, after: &Case) -> Result<()> {
    w.tx().execute(
        "UPDATE cases SET station = ?2, enterprise = ?3, credit_code = ?4, received_on = ?5,
         source = ?6, kind = ?7, ip_type = ?8, country = ?9, dispute_type = ?10,
         warning_level = ?11, accepted_on = ?12, closed_on = ?13, outcome = ?14, effective = ?15,
         followup_on = ?16, overdue_reason = ?17, summary = ?18, typical = ?19,
         reason_accepted = ?20, reason_decided_on = ?21, reason_note = ?22 WHERE id = ?1",
        params![
            after.id,
            after.station,
            after.enterprise,
            after.credit_code,
            date_text(after.received_on),
            after.source.as_str(),
            after.kind.as_str(),
            after.ip_type.map(|v| v.as_str()),
            after.country,
            after.dispute_type.map(|v| v.as_str()),
            after.warning_level.map(|v| v.as_str()),
            after.accepted_on.map(date_text),
            after.closed_on.map(date_text),
            after.outcome.map(|v| v.as_str()),
            after.effective,
            after.followup_on.map(date_text),
            after.overdue_reason,
            after.summary,
            after.typical,
            after.reason_accepted,
            after.reason_decided_on.map(date_text),
            after.reason_note,
        ],
    )?;
    w.audit(
        "case",
        &after.id,
        Some(&after.station),
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(after)?),
    )
}

/// Whether the same event (kind, date, text) is already on the case's timeline.
pub fn event_exists(w: &Writer<'_>, e: &CaseEvent) -> Result<bool> {
    Ok(w.tx().query_row(
        "SELECT count(*) FROM case_events WHERE case_id = ?1 AND kind = ?2 AND on_date = ?3 AND title = ?4 AND note = ?5",
        params![e.case_id, e.kind.as_str(), date_text(e.on), e.title, e.note],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Appends an event to a case's timeline, auditing it.
pub fn add_event(w: &mut Writer<'_>, station: &str, e: &CaseEvent) -> Result<()> {
    w.tx().execute(
        "INSERT INTO case_events (case_id, kind, on_date, title, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![e.case_id, e.kind.as_str(), date_text(e.on), e.title, e.note],
    )?;
    let id = w.tx().last_insert_rowid();
    let key = format!("{}#{id}", e.case_id);
    w.audit(
        "case_event",
        &key,
        Some(station),
        None,
        Some(&serde_json::to_value(e)?),
    )
}

/// The events of one case, by date then in the order recorded.
/// The ids of the cases that have events on their timelines, in id order.
pub fn with_events(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT case_id FROM case_events ORDER BY case_id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

pub fn events(conn: &Connection, id: &str) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare(
        "SELECT case_id, kind, on_date, title, note FROM case_events WHERE case_id = ?1 ORDER BY on_date, id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(CaseEvent {
                case_id: r.get(0)?,
                kind: req_enum(r, 1)?,
                on: req_date(r, 2)?,
                title: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The risk notices (of one station, or all; published in `period`, if given) with their
/// station, by date then case.
pub fn notices(
    conn: &Connection,
    station: Option<&str>,
    period: Option<&Period>,
) -> Result<Vec<(String, CaseEvent)>> {
    let (from, to) = super::bounds(period);
    let mut stmt = conn.prepare(
        "SELECT c.station, e.case_id, e.kind, e.on_date, e.title, e.note
         FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'risk_notice' AND (?1 IS NULL OR c.station = ?1)
           AND (?2 IS NULL OR e.on_date >= ?2) AND (?3 IS NULL OR e.on_date <= ?3)
         ORDER BY e.on_date, e.case_id, e.id",
    )?;
    let rows = stmt
        .query_map(params![station, from, to], |r| {
            Ok((
                r.get(0)?,
                CaseEvent {
                    case_id: r.get(1)?,
                    kind: req_enum(r, 2)?,
                    on: req_date(r, 3)?,
                    title: r.get(4)?,
                    note: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What `case list` filters on.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub station: Option<&'a str>,
    /// Received within this period.
    pub period: Option<&'a Period>,
    /// Only cases not closed.
    pub open: bool,
    /// Only cases of this warning level.
    pub warning: Option<crate::model::WarningLevel>,
}

/// The cases matching `f`, by received date then id.
pub fn list(conn: &Connection, f: &Filter<'_>) -> Result<Vec<Case>> {
    let (from, to) = super::bounds(f.period);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM cases
         WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR received_on >= ?2)
           AND (?3 IS NULL OR received_on <= ?3) AND (?4 = 0 OR closed_on IS NULL)
           AND (?5 IS NULL OR warning_level = ?5)
         ORDER BY received_on, id"
    ))?;
    let rows = stmt
        .query_map(
            params![f.station, from, to, f.open, f.warning.map(|w| w.as_str())],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
