//! The CSV form of the records formats.md has no kind for, so that `export --dir` and
//! `import --dir` carry a whole store (docs/csv.md, "Every record"): a station's history and
//! art. 4 conditions, the entries of case timelines, assessments with their scorecards and
//! the office's decisions on overdue reasons.

use super::{yes_no, Checks, CsvRecord, PLACEHOLDER_DATE};
use crate::csvio::row::Row;
use crate::csvio::Kind;
use crate::i18n::Lang;
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::{CaseEvent, ReasonDecision, StationConditions, StatusChange};
use crate::model::{check_code, AssessmentKind, CaseEventKind, Hundredths, Period, StationStatus, YesNo};
use crate::store::assessments::Assessment;
use crate::store::Writer;

/// The grades a stored assessment may have (the table's `CHECK`).
const GRADES: [&str; 3] = ["excellent", "pass", "fail"];

/// The case id of column `f`: a code, or a problem recorded (then empty).
fn case_id(row: &mut Row<'_>, f: usize) -> String {
    match row.req_text(f).map(|id| check_code("case id", &id)) {
        Some(Ok(id)) => id,
        Some(Err(e)) => {
            row.err(f, e);
            String::new()
        }
        None => String::new(),
    }
}

fn case_unknown(row: &mut Row<'_>, id: &str) {
    row.err(0, Lang::current().msg("import.case_unknown", &[("id", id)]));
}

impl CsvRecord for StatusChange {
    const KIND: Kind = Kind::StationHistory;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, status, on, note) = super::all!(
            row.req_text(0),
            row.req_enum::<StationStatus>(1),
            row.req_date(2),
            row.text(3)
        );
        StatusChange {
            station: station.unwrap_or_default(),
            status: status.unwrap_or(StationStatus::Applied),
            on: on.unwrap_or(PLACEHOLDER_DATE),
            note: note.unwrap_or_default(),
        }
    }

    fn key_text(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.station,
            self.status.as_str(),
            fmt(self.on),
            self.note
        )
    }

    fn apply(&mut self, _: &mut Row<'_>, _: &Checks) {}

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.status.as_str().to_string(),
            fmt(self.on),
            self.note.clone(),
        ]
    }
}

impl CsvRecord for StationConditions {
    const KIND: Kind = Kind::StationConditions;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        StationConditions {
            station: row.req_text(0).unwrap_or_default(),
            met: [false; 5],
        }
    }

    fn key_text(&self) -> String {
        self.station.clone()
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        for (i, met) in self.met.iter_mut().enumerate() {
            if let Some(v) = row.req_bool(i + 1) {
                *met = v;
            }
        }
    }

    fn against_stored(&mut self, stored: Option<&Self>, row: &mut Row<'_>) {
        // The station is checked first (it must be stored or imported): a station the row
        // names that is not stored would have no row to set its conditions on.
        if stored.is_none() && row.errors.is_empty() {
            let msg = format!(
                "station `{}` does not exist (neither in the database nor in the stations imported)",
                self.station
            );
            row.err(0, msg);
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.station.clone()];
        cells.extend(self.met.iter().map(|m| yes_no(*m)));
        cells
    }
}

impl CsvRecord for CaseEvent {
    const KIND: Kind = Kind::CaseEvents;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let id = case_id(row, 0);
        let (kind, on, title, note) = super::all!(
            row.req_enum::<CaseEventKind>(1),
            row.req_date(2),
            row.text(3),
            row.text(4)
        );
        let satisfaction = row.opt_enum::<crate::model::Satisfaction>(5).flatten();
        let comment = row.text(6).unwrap_or_default();
        CaseEvent {
            case_id: id,
            kind: kind.unwrap_or(CaseEventKind::Note),
            on: on.unwrap_or(PLACEHOLDER_DATE),
            title: title.unwrap_or_default(),
            note: note.unwrap_or_default(),
            satisfaction,
            comment,
        }
    }

    fn key_text(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.case_id,
            self.kind.as_str(),
            fmt(self.on),
            self.title,
            self.note
        )
    }

    fn apply(&mut self, _: &mut Row<'_>, _: &Checks) {}

    /// What `case note` asks of an entry: a risk notice has its title, no other entry has
    /// one, and a plan, special plan or note has its text (a follow-up's is optional).
    fn check(&self, row: &mut Row<'_>, _: &Checks) {
        if row.any_error_in(&["kind"]) {
            return;
        }
        let l = Lang::current();
        let kind = self.kind.label(l);
        match self.kind {
            CaseEventKind::RiskNotice if self.title.is_empty() => {
                row.err(3, l.msg("import.event_title_needed", &[]));
            }
            CaseEventKind::RiskNotice => {}
            _ if !self.title.is_empty() => {
                row.err(3, l.msg("import.event_title_only_notice", &[("kind", kind)]));
            }
            CaseEventKind::Followup => {}
            _ if self.note.is_empty() => {
                row.err(4, l.msg("import.event_note_needed", &[("kind", kind)]));
            }
            _ => {}
        }
    }

    /// The case must be stored (or imported by an earlier file) and agree with the entry as
    /// it agrees with the entries already on its timeline (`case note` and `case follow-up`
    /// check the same).
    fn check_new(&self, w: &Writer<'_>, row: &mut Row<'_>) -> crate::error::Result<()> {
        let Some(case) = w.read().case(&self.case_id)? else {
            case_unknown(row, &self.case_id);
            return Ok(());
        };
        let mut events = w.read().case_events(&self.case_id)?;
        events.push(self.clone());
        for (_, msg) in case.timeline_conflicts(&events) {
            row.err(2, msg);
        }
        Ok(())
    }

    fn station(&self) -> &str {
        // The case's station: a case event names its case, which was checked when stored.
        ""
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.case_id.clone(),
            self.kind.as_str().to_string(),
            fmt(self.on),
            self.title.clone(),
            self.note.clone(),
            self.satisfaction
                .map_or_else(String::new, |s| s.as_str().to_string()),
            self.comment.clone(),
        ]
    }
}

impl CsvRecord for Assessment {
    const KIND: Kind = Kind::Assessments;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, kind, period) = super::all!(
            row.req_text(0),
            row.req_enum::<AssessmentKind>(1),
            row.req_text(2)
        );
        let period = match period.map(|p| p.parse::<Period>()) {
            Some(Ok(p)) => p.to_string(),
            Some(Err(e)) => {
                row.err(2, e);
                String::new()
            }
            None => String::new(),
        };
        Assessment {
            station: station.unwrap_or_default(),
            kind: kind.unwrap_or(AssessmentKind::Acceptance),
            period,
            on: PLACEHOLDER_DATE,
            total: Hundredths(0),
            grade: String::new(),
            rubric: String::new(),
            scorecard: serde_json::Value::Null,
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, self.kind.as_str(), self.period)
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_date(3) {
            self.on = v;
        }
        if let Some(v) = row.req_amount(4) {
            self.total = v;
        }
        if let Some(v) = row.req_text(5) {
            if GRADES.contains(&v.as_str()) {
                self.grade = v;
            } else {
                let msg = Lang::current().msg(
                    "import.grade_unknown",
                    &[("value", &v), ("grades", &GRADES.join(", "))],
                );
                row.err(5, msg);
            }
        }
        if let Some(v) = row.req_text(6) {
            self.rubric = v;
        }
        // The scorecard is JSON, longer than a text field may be: read as it is, and stored
        // as the compact text of the JSON it holds.
        if let Some(cell) = row.cell(7) {
            match serde_json::from_str::<serde_json::Value>(cell) {
                Ok(v) if v.is_object() => self.scorecard = v,
                Ok(_) => row.err(7, Lang::current().msg("import.scorecard_not_object", &[])),
                Err(e) => row.err(
                    7,
                    Lang::current().msg("import.scorecard_bad", &[("error", &e.to_string())]),
                ),
            }
        }
    }

    /// An official result is never changed by an import: the same one is unchanged, another
    /// one under the same station, kind and period is refused.
    fn against_stored(&mut self, stored: Option<&Self>, row: &mut Row<'_>) {
        if let Some(s) = stored.filter(|s| *s != self && row.errors.is_empty()) {
            let msg = Lang::current().msg(
                "import.assessment_differs",
                &[
                    ("station", &s.station),
                    ("kind", s.kind.label(Lang::current())),
                    ("period", &s.period),
                    ("date", &fmt(s.on)),
                    ("total", &s.total.to_string()),
                    ("grade", &s.grade),
                ],
            );
            row.err(0, msg);
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.kind.as_str().to_string(),
            self.period.clone(),
            fmt(self.on),
            self.total.to_string(),
            self.grade.clone(),
            self.rubric.clone(),
            self.scorecard.to_string(),
        ]
    }
}

impl CsvRecord for ReasonDecision {
    const KIND: Kind = Kind::ReasonDecisions;

    fn key(row: &mut Row<'_>, checks: &Checks) -> Self {
        ReasonDecision {
            case_id: case_id(row, 0),
            accepted: None,
            decided_on: None,
            note: String::new(),
            station: String::new(),
            overdue_reason: String::new(),
            received_on: checks.today,
        }
    }

    fn key_text(&self) -> String {
        self.case_id.clone()
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_enum::<YesNo>(1) {
            self.accepted = Some(v.is_yes());
        }
        if let Some(v) = row.date(2, false) {
            self.decided_on = v;
        }
        if let Some(v) = row.text(3) {
            self.note = v;
        }
    }

    /// The case must be stored, with an overdue reason to decide on.
    fn against_stored(&mut self, stored: Option<&Self>, row: &mut Row<'_>) {
        if !row.errors.is_empty() {
            return;
        }
        match stored {
            None => case_unknown(row, &self.case_id),
            Some(_) if self.overdue_reason.trim().is_empty() => {
                let msg = Lang::current().msg("import.decision_without_reason", &[("id", &self.case_id)]);
                row.err(1, msg);
            }
            Some(_) => {}
        }
    }

    fn station(&self) -> &str {
        // The case's station, once read with it (empty before: the case is checked instead).
        ""
    }

    fn exported(&self) -> bool {
        self.accepted.is_some() || self.decided_on.is_some() || !self.note.is_empty()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.case_id.clone(),
            self.accepted.map(yes_no).unwrap_or_default(),
            fmt_opt(self.decided_on),
            self.note.clone(),
        ]
    }
}
