//! Cases and the dated events on their timelines (follow-ups, plans, risk notices, notes).

use super::entity::{Authority, Cells, Dated, Entity, Table, Value};
use super::server::Act;
use super::sql::{vals, Db};
use super::{entity_sql as sql, Writer};
use crate::error::Result;
use crate::model::recorded::{Case, CaseEvent, ReasonDecision};
use crate::model::Period;

impl Entity for Case {
    const TABLE: &'static Table = &Table {
        name: "cases",
        columns: &[
            "id",
            "station",
            "enterprise",
            "credit_code",
            "received_on",
            "source",
            "kind",
            "ip_type",
            "country",
            "dispute_type",
            "warning_level",
            "accepted_on",
            "closed_on",
            "outcome",
            "effective",
            "followup_on",
            "overdue_reason",
            "summary",
            "typical",
            "reason_accepted",
            "reason_decided_on",
            "reason_note",
        ],
        written: 22,
        key: &["id"],
        order: &["received_on", "id"],
        station: "station",
        period: Dated::On("received_on"),
        authority: Authority::Station("act.cases"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.id),
            Value::text(&self.station),
            Value::text(&self.enterprise),
            Value::opt_text(self.credit_code.as_deref()),
            Value::Date(self.received_on),
            Value::text(self.source.as_str()),
            Value::text(self.kind.as_str()),
            Value::opt_text(self.ip_type.map(|v| v.as_str())),
            Value::text(&self.country),
            Value::opt_text(self.dispute_type.map(|v| v.as_str())),
            Value::opt_text(self.warning_level.map(|v| v.as_str())),
            Value::opt_date(self.accepted_on),
            Value::opt_date(self.closed_on),
            Value::opt_text(self.outcome.map(|v| v.as_str())),
            Value::opt_bool(self.effective),
            Value::opt_date(self.followup_on),
            Value::text(&self.overdue_reason),
            Value::text(&self.summary),
            Value::Bool(self.typical),
            Value::opt_bool(self.reason_accepted),
            Value::opt_date(self.reason_decided_on),
            Value::text(&self.reason_note),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(Case {
            id: c.text()?,
            station: c.text()?,
            enterprise: c.text()?,
            credit_code: c.opt_text()?,
            received_on: c.date()?,
            source: c.enumv()?,
            kind: c.enumv()?,
            ip_type: c.opt_enum()?,
            country: c.text()?,
            dispute_type: c.opt_enum()?,
            warning_level: c.opt_enum()?,
            accepted_on: c.opt_date()?,
            closed_on: c.opt_date()?,
            outcome: c.opt_enum()?,
            effective: c.opt_bool()?,
            followup_on: c.opt_date()?,
            overdue_reason: c.text()?,
            summary: c.text()?,
            typical: c.bool()?,
            reason_accepted: c.opt_bool()?,
            reason_decided_on: c.opt_date()?,
            reason_note: c.text()?,
        })
    }
}

/// An entry of a case's timeline (the `case_events` CSV kind). The whole entry is its key, as
/// `case note` and `case follow-up` refuse the same entry twice; `id` orders a case's entries
/// of one day as recorded and is not written (an import appends). The station is the case's:
/// `station` is an expression, read and filtered on, never written.
impl Entity for CaseEvent {
    const TABLE: &'static Table = &Table {
        name: "case_events",
        columns: &[
            "case_id",
            "kind",
            "on_date",
            "title",
            "note",
            "satisfaction",
            "comment",
            "id",
            EVENT_STATION,
        ],
        written: 7,
        key: &["case_id", "kind", "on_date", "title", "note"],
        order: &["case_id", "on_date", "id"],
        station: EVENT_STATION,
        period: Dated::On("on_date"),
        authority: Authority::Station("act.case_events"),
    };

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.case_id),
            Value::text(self.kind.as_str()),
            Value::Date(self.on),
            Value::text(&self.title),
            Value::text(&self.note),
            Value::opt_text(self.satisfaction.map(|s| s.as_str())),
            Value::text(&self.comment),
            Value::Null,
            Value::Null,
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(CaseEvent {
            case_id: c.text()?,
            kind: c.enumv()?,
            on: c.date()?,
            title: c.text()?,
            note: c.text()?,
            satisfaction: c.opt_enum()?,
            comment: c.text()?,
        })
    }
}

/// The station of a case event: its case's.
const EVENT_STATION: &str = "(SELECT c.station FROM cases c WHERE c.id = case_events.case_id)";

/// The city office's decision on a case's overdue reason (the `reason_decisions` CSV kind):
/// three columns of the case's row, updated by id, never inserted. The station, reason and
/// received date are read with it (for the station filter, the checks and the order).
impl Entity for ReasonDecision {
    const TABLE: &'static Table = &Table {
        name: "cases",
        columns: &[
            "id",
            "reason_accepted",
            "reason_decided_on",
            "reason_note",
            "station",
            "overdue_reason",
            "received_on",
        ],
        written: 4,
        key: &["id"],
        order: &["received_on", "id"],
        station: "station",
        period: Dated::On("received_on"),
        authority: Authority::Office("act.reason_decisions"),
    };
    const COLUMNS_OF_ANOTHER: bool = true;

    fn to_values(&self) -> Vec<Value<'_>> {
        vec![
            Value::text(&self.case_id),
            Value::opt_bool(self.accepted),
            Value::opt_date(self.decided_on),
            Value::text(&self.note),
            Value::text(&self.station),
            Value::text(&self.overdue_reason),
            Value::Date(self.received_on),
        ]
    }

    fn from_cells<C: Cells>(c: &mut C) -> std::result::Result<Self, C::Error> {
        Ok(ReasonDecision {
            case_id: c.text()?,
            accepted: c.opt_bool()?,
            decided_on: c.opt_date()?,
            note: c.text()?,
            station: c.text()?,
            overdue_reason: c.text()?,
            received_on: c.date()?,
        })
    }
}

/// The case with this id, if any.
pub fn get(db: Db<'_>, id: &str) -> Result<Option<Case>> {
    sql::get_by(db, &[Value::text(id)])
}

/// The next generated id for a case of `station` received in `year`: `STATION-YEAR-NNNN`,
/// one more than the highest number among the ids of that form (numbers up to the largest
/// 64-bit integer; an imported id with a longer number is text, not a number). A range scan
/// of the primary key, so it stays fast however many cases there are; the id is checked free
/// before it is given, so generation never collides with a stored id whatever was imported.
pub fn next_id(w: &Writer<'_>, station: &str, year: i32) -> Result<String> {
    next_id_after(w.db(), station, year, 0, &|_| false)
}

/// [`next_id`] on a connection, with a number the id must be above (`after`: the last one an
/// import gave) and ids that are taken besides the stored ones (`taken`: an import's rows
/// not written yet).
pub fn next_id_after(
    db: Db<'_>,
    station: &str,
    year: i32,
    after: i64,
    taken: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let prefix = format!("{station}-{year}-");
    // Every id starting with `prefix` sorts between it and the prefix with its final `-`
    // replaced by the next character, `.`.
    let upper = format!("{station}-{year}.");
    let sql = if db.is_server() {
        // The same on a server: a regular expression for the digits, and a 64-bit cast.
        "SELECT max(CAST(substr(id, ?3) AS BIGINT)) FROM cases
         WHERE id > ?1 AND id < ?2 AND substr(id, ?3) ~ '^[0-9]+$'
           AND (length(id) - ?3 < 18
                OR (length(id) - ?3 = 18 AND substr(id, ?3) <= '9223372036854775807'))"
    } else {
        "SELECT max(CAST(substr(id, ?3) AS INTEGER)) FROM cases
         WHERE id > ?1 AND id < ?2 AND substr(id, ?3) NOT GLOB '*[^0-9]*'
           AND (length(id) - ?3 < 18
                OR (length(id) - ?3 = 18 AND substr(id, ?3) <= '9223372036854775807'))"
    };
    let max = db.int(sql, vals![&prefix, &upper, prefix.len() as i64 + 1])?;
    let mut n = max.unwrap_or(0).max(after);
    loop {
        n = n.checked_add(1).ok_or_else(|| {
            crate::error::Error::Invalid(crate::i18n::Lang::current().msg(
                "case.numbers_used_up",
                &[
                    ("station", station),
                    ("year", &year.to_string()),
                    ("max", &i64::MAX.to_string()),
                ],
            ))
        })?;
        let id = format!("{prefix}{n:04}");
        if !taken(&id) && !id_stored(db, &id)? {
            return Ok(id);
        }
    }
}

pub fn exists(w: &Writer<'_>, id: &str) -> Result<bool> {
    id_stored(w.db(), id)
}

fn id_stored(db: Db<'_>, id: &str) -> Result<bool> {
    Ok(db
        .int("SELECT count(*) FROM cases WHERE id = ?1", vals![id])?
        .unwrap_or(0)
        > 0)
}

/// Inserts a new case, auditing it.
pub fn insert(w: &mut Writer<'_>, c: &Case) -> Result<()> {
    match c.source {
        crate::model::CaseSource::CityTransfer => w.may(Act::Office("act.transfers"), Some(&c.station))?,
        crate::model::CaseSource::Enterprise => w.may(Act::Own("act.cases"), Some(&c.station))?,
    }
    if c.reason_accepted.is_some() || c.reason_decided_on.is_some() || !c.reason_note.is_empty() {
        w.may(Act::Office("act.reason_decisions"), Some(&c.station))?;
    }
    sql::insert(w.db(), c)?;
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
    if before.station != after.station || before.source != after.source {
        w.may(Act::Office("act.transfers"), Some(&before.station))?;
    }
    if (
        before.reason_accepted,
        before.reason_decided_on,
        &before.reason_note,
    ) != (after.reason_accepted, after.reason_decided_on, &after.reason_note)
    {
        w.may(Act::Office("act.reason_decisions"), Some(&after.station))?;
    }
    w.may(Act::Own("act.cases"), Some(&after.station))?;
    sql::update(w.db(), after)?;
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
    Ok(w.db()
        .int(
            "SELECT count(*) FROM case_events WHERE case_id = ?1 AND kind = ?2 AND on_date = ?3 AND title = ?4 AND note = ?5",
            vals![&e.case_id, e.kind.as_str(), e.on, &e.title, &e.note],
        )?
        .unwrap_or(0)
        > 0)
}

/// Appends an event to a case's timeline, auditing it.
pub fn add_event(w: &mut Writer<'_>, station: &str, e: &CaseEvent) -> Result<()> {
    w.may(Act::Own("act.case_events"), Some(station))?;
    let id = w.db().insert_returning_id(
        "INSERT INTO case_events (case_id, kind, on_date, title, note, satisfaction, comment) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        vals![
            &e.case_id,
            e.kind.as_str(),
            e.on,
            &e.title,
            &e.note,
            e.satisfaction.map(|s| s.as_str()),
            &e.comment
        ],
    )?;
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
pub fn with_events(db: Db<'_>) -> Result<Vec<String>> {
    db.rows(
        "SELECT DISTINCT case_id FROM case_events ORDER BY case_id",
        &[],
        |r| r.text(),
    )
}

pub fn events(db: Db<'_>, id: &str) -> Result<Vec<CaseEvent>> {
    db.rows(
        "SELECT case_id, kind, on_date, title, note, satisfaction, comment FROM case_events WHERE case_id = ?1 ORDER BY on_date, id",
        vals![id],
        |r| {
            Ok(CaseEvent {
                case_id: r.text()?,
                kind: r.enumv()?,
                on: r.date()?,
                title: r.text()?,
                note: r.text()?,
                satisfaction: r.opt_enum()?,
                comment: r.text()?,
            })
        },
    )
}

/// The risk notices (of one station, or all; published in `period`, if given) with their
/// station, by date then case.
pub fn notices(
    db: Db<'_>,
    station: Option<&str>,
    period: Option<&Period>,
) -> Result<Vec<(String, CaseEvent)>> {
    let (from, to) = super::bounds(period);
    db.rows(
        "SELECT c.station, e.case_id, e.kind, e.on_date, e.title, e.note, e.satisfaction, e.comment
         FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'risk_notice' AND (?1 IS NULL OR c.station = ?1)
           AND (?2 IS NULL OR e.on_date >= ?2) AND (?3 IS NULL OR e.on_date <= ?3)
         ORDER BY e.on_date, e.case_id, e.id",
        vals![station, from.as_deref(), to.as_deref()],
        |r| {
            Ok((
                r.text()?,
                CaseEvent {
                    case_id: r.text()?,
                    kind: r.enumv()?,
                    on: r.date()?,
                    title: r.text()?,
                    note: r.text()?,
                    satisfaction: r.opt_enum()?,
                    comment: r.text()?,
                },
            ))
        },
    )
}

/// The satisfaction each follow-up (of one station's cases, or all) dated in `period` and on
/// or before `as_of` recorded, where it recorded one.
pub fn satisfaction(
    db: Db<'_>,
    station: Option<&str>,
    period: &Period,
    as_of: chrono::NaiveDate,
) -> Result<Vec<crate::model::Satisfaction>> {
    let (from, to) = super::bounds(Some(period));
    db.rows(
        "SELECT e.satisfaction FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind = 'followup' AND e.satisfaction IS NOT NULL
           AND (?1 IS NULL OR c.station = ?1) AND e.on_date >= ?2 AND e.on_date <= ?3
           AND e.on_date <= ?4
         ORDER BY e.id",
        vals![station, from.as_deref(), to.as_deref(), as_of],
        |r| r.enumv(),
    )
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
    /// Only cases of this country or region (its code, as stored).
    pub country: Option<&'a str>,
    pub ip_type: Option<crate::model::IpType>,
    pub dispute_type: Option<crate::model::DisputeType>,
    pub kind: Option<crate::model::CaseKind>,
    pub typical: Option<bool>,
    pub outcome: Option<crate::model::Outcome>,
    /// Only cases of this enterprise: its credit code, or its name compared as
    /// [`crate::model::text::name_key`] compares names.
    pub enterprise: Option<&'a str>,
    /// Only cases whose summary or any timeline entry (title or text) holds this text, exactly
    /// (case-sensitive).
    pub text: Option<&'a str>,
}

/// A text of at least this many characters is found through the trigram index (SQLite's FTS5
/// table, the server's `pg_trgm` index); a shorter one by a scan. The results are the same.
pub const TRIGRAM: usize = 3;

/// The cases matching `f`, by received date then id.
pub fn list(db: Db<'_>, f: &Filter<'_>) -> Result<Vec<Case>> {
    let (from, to) = super::bounds(f.period);
    let t = Case::TABLE;
    let mut params: Vec<Value<'_>> = vec![
        Value::opt_text(f.station),
        Value::opt_text(from.as_deref()),
        Value::opt_text(to.as_deref()),
    ];
    let mut conds: Vec<String> = vec![sql::filter(t, 1, 2, 3)];
    if f.open {
        conds.push("closed_on IS NULL".into());
    }
    let enums: [(&str, Option<&str>); 6] = [
        ("warning_level", f.warning.map(|v| v.as_str())),
        ("country", f.country),
        ("ip_type", f.ip_type.map(|v| v.as_str())),
        ("dispute_type", f.dispute_type.map(|v| v.as_str())),
        ("kind", f.kind.map(|v| v.as_str())),
        ("outcome", f.outcome.map(|v| v.as_str())),
    ];
    for (column, value) in enums {
        if let Some(v) = value {
            params.push(Value::text(v));
            conds.push(format!("{column} = ?{}", params.len()));
        }
    }
    if let Some(b) = f.typical {
        params.push(Value::Bool(b));
        conds.push(format!("typical = ?{}", params.len()));
    }
    if let Some(q) = f.text {
        conds.push(text_condition(db, q, &mut params));
    }
    let sql = format!(
        "{} WHERE {} ORDER BY {}",
        sql::select(t),
        conds.join(" AND "),
        sql::order(t)
    );
    let mut cases = db.rows(&sql, &params, |r| Case::from_cells(r))?;
    if let Some(e) = f.enterprise {
        let code = e.trim().to_uppercase();
        let name = crate::model::text::name_key(e);
        cases.retain(|c| {
            c.credit_code
                .as_deref()
                .is_some_and(|cc| cc.to_uppercase() == code)
                || crate::model::text::name_key(&c.enterprise) == name
        });
    }
    Ok(cases)
}

/// The condition of `--text q`: the summary, or a timeline entry's title or text, holds `q`.
/// On a file a text of [`TRIGRAM`] characters or more is looked up in the FTS5 tables
/// (`cases_fts`, `case_events_fts`, trigram tokenizer, case-sensitive: migrations/0004),
/// a shorter one scanned with `instr`; on a server `LIKE` (which the `pg_trgm` GIN indexes
/// of migrations/pg/0002 serve, when the extension could be created) or `strpos`.
fn text_condition(db: Db<'_>, q: &str, params: &mut Vec<Value<'_>>) -> String {
    let long = q.chars().count() >= TRIGRAM;
    let n = params.len() + 1;
    if db.is_server() {
        if long {
            let mut pattern = String::from("%");
            for ch in q.chars() {
                if matches!(ch, '%' | '_' | '\\') {
                    pattern.push('\\');
                }
                pattern.push(ch);
            }
            pattern.push('%');
            params.push(Value::Text(pattern.into()));
            format!(
                "(summary LIKE ?{n} OR id IN \
                 (SELECT case_id FROM case_events WHERE title LIKE ?{n} OR note LIKE ?{n}))"
            )
        } else {
            params.push(Value::Text(q.to_string().into()));
            format!(
                "(strpos(summary, ?{n}) > 0 OR id IN \
                 (SELECT case_id FROM case_events WHERE strpos(title, ?{n}) > 0 OR strpos(note, ?{n}) > 0))"
            )
        }
    } else if long {
        // One phrase of the text's trigrams: exactly the texts holding it.
        params.push(Value::Text(format!("\"{}\"", q.replace('"', "\"\"")).into()));
        format!(
            "rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?{n} \
             UNION SELECT k.rowid FROM case_events_fts AS f \
             JOIN case_events AS e ON e.id = f.rowid JOIN cases AS k ON k.id = e.case_id \
             WHERE case_events_fts MATCH ?{n})"
        )
    } else {
        params.push(Value::Text(q.to_string().into()));
        format!(
            "(instr(summary, ?{n}) > 0 OR id IN \
             (SELECT case_id FROM case_events WHERE instr(title, ?{n}) > 0 OR instr(note, ?{n}) > 0))"
        )
    }
}
