//! One station's records between stores (`copy --station CODE`): into an empty store, a copy
//! of that station (its records, the office's records about it, the rubric) that remembers
//! what it was made from — a merge base, the fingerprint of each of the station's own records
//! as copied; into a store holding records, a merge that keeps every side's authority:
//!
//! - the station's own records (cases, their timelines, activities, staff, experts, funding,
//!   report submissions) are added, or updated by key when only the copy changed them since
//!   the base (a record changed on both sides, or differing without a base, is a conflict);
//! - the office's records (the station's registration and lifecycle, awards, complaints,
//!   assessments, a case's origin and overdue decision, the rubric) are never taken from the
//!   copy: where the copy's differ, the summary lists them as kept.
//!
//! Both are one transaction at the destination with one audit entry naming the source, its
//! audit head and the counts (docs/copy.md).

use super::copy::{columns, raw_row};
use super::entity::Value;
use super::sql::{vals, Db};
use super::{Reader, Store, WriteContext, Writer};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// A table of a station's records: its key, the columns an identity gives (never compared or
/// written), the office's columns (never taken from a copy), and how its rows are a station's.
struct Kind {
    table: &'static str,
    /// What the summary calls one record.
    noun: &'static str,
    key: &'static [&'static str],
    skip: &'static [&'static str],
    office: &'static [&'static str],
    station: &'static str,
}

const BY_STATION: &str = "station = ?1";
const BY_CASE: &str = "case_id IN (SELECT id FROM cases WHERE station = ?1)";

/// The station's own records, in an order that keeps references (cases before their events).
const OWN: [Kind; 7] = [
    Kind {
        table: "cases",
        noun: "case",
        key: &["id"],
        skip: &[],
        office: &[
            "station",
            "source",
            "reason_accepted",
            "reason_decided_on",
            "reason_note",
        ],
        station: BY_STATION,
    },
    Kind {
        table: "case_events",
        noun: "case event",
        key: &["case_id", "kind", "on_date", "title", "note"],
        skip: &["id"],
        office: &[],
        station: BY_CASE,
    },
    Kind {
        table: "activities",
        noun: "activity",
        key: &["station", "kind", "on_date", "title"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "staff",
        noun: "staff member",
        key: &["station", "name", "from_on"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "experts",
        noun: "expert",
        key: &["station", "name", "joined_on"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "funding",
        noun: "funding",
        key: &["station", "on_date", "source"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "reports",
        noun: "report",
        key: &["station", "kind", "period"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
];

/// The office's records about the station: copied out with it, never taken back.
const OFFICE: [Kind; 5] = [
    Kind {
        table: "stations",
        noun: "station",
        key: &["code"],
        skip: &[],
        office: &[],
        station: "code = ?1",
    },
    Kind {
        table: "station_history",
        noun: "status change",
        key: &["station", "status", "on_date", "note"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "awards",
        noun: "award",
        key: &["station", "item", "on_date", "reason"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "complaints",
        noun: "complaint",
        key: &["station", "on_date", "note"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
    Kind {
        table: "assessments",
        noun: "assessment",
        key: &["station", "kind", "period"],
        skip: &["id"],
        office: &[],
        station: BY_STATION,
    },
];

/// A row to write: the row, and whether it updates one stored (else it is added).
type Todo = (Vec<Value<'static>>, bool);

/// The setting a station's copy keeps its merge base in.
const BASE: &str = "merge_base";

/// Rows of one table, by key text.
struct Rows {
    columns: Vec<String>,
    by_key: BTreeMap<String, Vec<Value<'static>>>,
}

fn cell_text(v: &Value<'_>) -> String {
    match v {
        Value::Null => "∅".into(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => i64::from(*b).to_string(),
        Value::Text(s) => s.to_string(),
        Value::Date(d) => super::date_text(*d),
    }
}

impl Rows {
    fn load(db: Db<'_>, k: &Kind, code: &str) -> Result<Rows> {
        let columns = columns(db, k.table)?;
        let sql = format!(
            "SELECT {} FROM {} WHERE {}",
            columns.join(", "),
            k.table,
            k.station
        );
        let mut by_key = BTreeMap::new();
        let at: Vec<usize> = k
            .key
            .iter()
            .map(|c| columns.iter().position(|x| x == c).unwrap_or(0))
            .collect();
        db.each(&sql, vals![code], |r| {
            let row = raw_row(r, columns.len())?;
            let key: Vec<String> = at.iter().map(|i| cell_text(&row[*i])).collect();
            by_key.insert(key.join("|"), row);
            Ok(())
        })?;
        Ok(Rows { columns, by_key })
    }

    fn at(&self, c: &str) -> Option<usize> {
        self.columns.iter().position(|x| x == c)
    }

    /// The station's columns (not the identity's, not the office's) of a row, by name.
    fn own<'r>(&self, k: &Kind, row: &'r [Value<'static>]) -> Vec<(&str, &'r Value<'static>)> {
        self.columns
            .iter()
            .zip(row)
            .filter(|(c, _)| !k.skip.contains(&c.as_str()) && !k.office.contains(&c.as_str()))
            .map(|(c, v)| (c.as_str(), v))
            .collect()
    }

    fn fingerprint(&self, k: &Kind, row: &[Value<'static>]) -> String {
        let text: Vec<String> = self.own(k, row).iter().map(|(_, v)| cell_text(v)).collect();
        let mut h = Sha256::new();
        h.update(serde_json::to_string(&text).unwrap_or_default().as_bytes());
        super::audit::hex(&h.finalize()[..8])
    }
}

/// How a merge settles records changed on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Source,
    Destination,
}

/// What a station's copy or merge did (or would do).
#[derive(Debug, Default)]
pub struct Outcome {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// The office's records the copy holds otherwise, as lines.
    pub kept_office: Vec<String>,
    /// Records changed on both sides, as lines (nothing is written while there are any).
    pub conflicts: Vec<String>,
    /// The records copied per table (a copy into an empty store).
    pub copied: Vec<(&'static str, u64)>,
}

impl Store {
    /// Copies station `code`'s records (and the office's about it, and the rubric) from this
    /// store into `dst`, which holds none, with the merge base; one audit entry at `dst`.
    pub fn copy_station(
        &self,
        code: &str,
        dst: &mut Store,
        ctx: &WriteContext,
        source: &str,
    ) -> Result<Outcome> {
        self.read(|src| {
            if src.station(code)?.is_none() {
                return Err(Error::Invalid(crate::i18n::Lang::current().msg("station.unknown", &[("code", code)])));
            }
            let (seq, head) = src.audit_head()?;
            dst.write(ctx, |w| {
                let mut out = Outcome::default();
                let mut base = BTreeMap::new();
                for k in OFFICE.iter().chain(OWN.iter()) {
                    let rows = Rows::load(src.db(), k, code)?;
                    for (key, row) in &rows.by_key {
                        insert(w.db(), k, &rows, row)?;
                        if OWN.iter().any(|o| o.table == k.table) {
                            base.insert(format!("{}/{key}", k.table), rows.fingerprint(k, row));
                        }
                    }
                    out.copied.push((k.table, rows.by_key.len() as u64));
                }
                if let Some(rubric) = src.rubric_json()? {
                    w.db().execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", vals!["rubric", rubric.as_str()])?;
                }
                let base = serde_json::json!({
                    "source": source, "station": code, "audit_seq": seq, "audit_head": head, "records": base,
                });
                w.db().execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", vals![BASE, base.to_string().as_str()])?;
                let counts: BTreeMap<&str, u64> = out.copied.iter().copied().collect();
                w.audit(
                    "copy",
                    source,
                    Some(code),
                    None,
                    Some(&serde_json::json!({"source": source, "source_audit_head": head, "source_audit_seq": seq, "copied": counts})),
                )?;
                Ok(out)
            })
        })
    }

    /// Merges station `code`'s own records from this store into `dst` (which holds records):
    /// conflicts refuse the whole merge unless `prefer` settles them; `dry_run` writes nothing.
    pub fn merge_station(
        &self,
        code: &str,
        dst: &mut Store,
        ctx: &WriteContext,
        source: &str,
        prefer: Option<Prefer>,
        dry_run: bool,
    ) -> Result<Outcome> {
        self.read(|src| {
            if src.station(code)?.is_none() {
                return Err(Error::Invalid(
                    crate::i18n::Lang::current().msg("station.unknown", &[("code", code)]),
                ));
            }
            let base = merge_base(src, code)?;
            let (seq, head) = src.audit_head()?;
            let run = |w: &mut Writer<'_>| -> Result<Outcome> {
                if w.read().station(code)?.is_none() {
                    return Err(Error::Invalid(
                        crate::i18n::Lang::current().msg("merge.no_station", &[("code", code)]),
                    ));
                }
                let mut out = Outcome::default();
                let mut writes: Vec<(&Kind, Rows, Vec<Todo>)> = Vec::new();
                for k in &OWN {
                    let theirs = Rows::load(src.db(), k, code)?;
                    let ours = Rows::load(w.db(), k, code)?;
                    let mut todo = Vec::new();
                    for (key, row) in &theirs.by_key {
                        let Some(mine) = ours.by_key.get(key) else {
                            todo.push((row.clone(), false));
                            out.added += 1;
                            continue;
                        };
                        office_differs(k, &theirs, row, &ours, mine, key, &mut out.kept_office);
                        let (fs, fd) = (theirs.fingerprint(k, row), ours.fingerprint(k, mine));
                        let was = base.get(&format!("{}/{key}", k.table));
                        if fs == fd || was == Some(&fs) {
                            out.unchanged += 1;
                        } else if was == Some(&fd) || prefer == Some(Prefer::Source) {
                            todo.push((merged(k, &theirs, row, &ours, mine), true));
                            out.updated += 1;
                        } else if prefer == Some(Prefer::Destination) {
                            out.unchanged += 1;
                        } else {
                            out.conflicts.push(conflict(k, key, &theirs, row, &ours, mine));
                        }
                    }
                    writes.push((k, ours, todo));
                }
                for k in &OFFICE {
                    let theirs = Rows::load(src.db(), k, code)?;
                    let ours = Rows::load(w.db(), k, code)?;
                    for (key, row) in &theirs.by_key {
                        let same = ours
                            .by_key
                            .get(key)
                            .is_some_and(|mine| theirs.fingerprint(k, row) == ours.fingerprint(k, mine));
                        if !same {
                            out.kept_office.push(format!("{} {key}", k.noun));
                        }
                    }
                }
                if !out.conflicts.is_empty() {
                    return Ok(out);
                }
                for (k, ours, todo) in &writes {
                    for (row, update) in todo {
                        w.may(super::server::Act::Own(own_act(k.table)), Some(code))?;
                        if *update {
                            update_row(w.db(), k, ours, row)?;
                        } else {
                            insert(w.db(), k, ours, row)?;
                        }
                    }
                }
                if out.added + out.updated > 0 {
                    w.audit(
                        "merge",
                        source,
                        Some(code),
                        None,
                        Some(&serde_json::json!({
                            "source": source, "source_audit_head": head, "source_audit_seq": seq,
                            "added": out.added, "updated": out.updated, "unchanged": out.unchanged,
                            "kept_office": out.kept_office.len(),
                        })),
                    )?;
                }
                Ok(out)
            };
            // Conflicts return before anything is written, and a run that adds and updates
            // nothing writes no audit entry: running the same merge again changes nothing.
            if dry_run {
                dst.rehearse(ctx, run)
            } else {
                dst.write(ctx, run)
            }
        })
    }
}

/// The catalog key naming a kind of the station's records (for the rights on a server).
fn own_act(table: &str) -> &'static str {
    match table {
        "cases" => "act.cases",
        "case_events" => "act.case_events",
        "activities" => "act.activities",
        "staff" => "act.staff",
        "experts" => "act.experts",
        "funding" => "act.funding",
        _ => "act.reports",
    }
}

/// The fingerprints the copy was made with (empty for a store that was never a copy).
fn merge_base(src: &Reader<'_>, code: &str) -> Result<HashMap<String, String>> {
    use super::entity::Cells;
    let text = src
        .db()
        .row("SELECT value FROM settings WHERE key = ?1", vals![BASE], |r| {
            r.text()
        })?;
    let Some(text) = text else {
        return Ok(HashMap::new());
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::Damage(crate::i18n::Lang::current().msg("merge.base_not_json", &[("error", &e.to_string())]))
    })?;
    if v["station"].as_str() != Some(code) {
        return Ok(HashMap::new());
    }
    Ok(v["records"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default())
}

/// The destination's row with the copy's own columns (the office's kept as they are).
fn merged(
    k: &Kind,
    theirs: &Rows,
    row: &[Value<'static>],
    ours: &Rows,
    mine: &[Value<'static>],
) -> Vec<Value<'static>> {
    ours.columns
        .iter()
        .zip(mine)
        .map(|(c, v)| {
            if k.office.contains(&c.as_str()) || k.skip.contains(&c.as_str()) {
                v.clone()
            } else {
                theirs.at(c).map_or_else(|| v.clone(), |i| row[i].clone())
            }
        })
        .collect()
}

fn office_differs(
    k: &Kind,
    theirs: &Rows,
    row: &[Value<'static>],
    ours: &Rows,
    mine: &[Value<'static>],
    key: &str,
    kept: &mut Vec<String>,
) {
    let differs: Vec<&str> = k
        .office
        .iter()
        .copied()
        .filter(|c| theirs.at(c).map(|i| &row[i]) != ours.at(c).map(|i| &mine[i]))
        .collect();
    if !differs.is_empty() {
        kept.push(format!("{} {key} ({})", k.noun, differs.join(", ")));
    }
}

fn conflict(
    k: &Kind,
    key: &str,
    theirs: &Rows,
    row: &[Value<'static>],
    ours: &Rows,
    mine: &[Value<'static>],
) -> String {
    let a = theirs.own(k, row);
    let b: HashMap<&str, &Value<'static>> = ours.own(k, mine).into_iter().collect();
    let diffs: Vec<String> = a
        .iter()
        .filter(|(c, v)| b.get(c).is_some_and(|w| w != v))
        .map(|(c, v)| format!("{c}: source {}, destination {}", cell_text(v), cell_text(b[c])))
        .collect();
    format!("{} {key}: {}", k.noun, diffs.join("; "))
}

fn insert(db: Db<'_>, k: &Kind, rows: &Rows, row: &[Value<'static>]) -> Result<()> {
    let cols: Vec<(&str, &Value<'static>)> = rows
        .columns
        .iter()
        .zip(row)
        .filter(|(c, _)| !k.skip.contains(&c.as_str()))
        .map(|(c, v)| (c.as_str(), v))
        .collect();
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let values: Vec<Value<'_>> = cols.iter().map(|(_, v)| (*v).clone()).collect();
    db.execute(
        &format!(
            "INSERT INTO {} ({}) VALUES ({})",
            k.table,
            names.join(", "),
            marks.join(", ")
        ),
        &values,
    )?;
    Ok(())
}

fn update_row(db: Db<'_>, k: &Kind, rows: &Rows, row: &[Value<'static>]) -> Result<()> {
    let mut values: Vec<Value<'_>> = Vec::new();
    let mut set = Vec::new();
    for (c, v) in rows.columns.iter().zip(row) {
        if !k.skip.contains(&c.as_str()) && !k.key.contains(&c.as_str()) {
            values.push(v.clone());
            set.push(format!("{c} = ?{}", values.len()));
        }
    }
    let mut cond = Vec::new();
    for c in k.key {
        if let Some(i) = rows.at(c) {
            values.push(row[i].clone());
            cond.push(format!("{c} = ?{}", values.len()));
        }
    }
    db.execute(
        &format!(
            "UPDATE {} SET {} WHERE {}",
            k.table,
            set.join(", "),
            cond.join(" AND ")
        ),
        &values,
    )?;
    Ok(())
}
