//! Cases.

use super::{yes_no, Checks, CsvRecord};
use crate::csvio::row::Row;
use crate::csvio::Kind;
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::Case;
use crate::model::{check_code, CaseKind, CaseSource, CreditCode, YesNo};

fn opt_str<T: Copy>(v: Option<T>, f: impl Fn(T) -> &'static str) -> String {
    v.map(|v| f(v).to_string()).unwrap_or_default()
}

impl CsvRecord for Case {
    const KIND: Kind = Kind::Cases;

    fn key(row: &mut Row<'_>, checks: &Checks) -> Self {
        // No id column, or an empty id: the id is generated once the row is good.
        let id = match row
            .text(0)
            .filter(|id| !id.is_empty())
            .map(|id| check_code("case id", &id))
        {
            Some(Ok(id)) => id,
            Some(Err(e)) => {
                row.err(0, e);
                String::new()
            }
            None => String::new(),
        };
        Case::received(id, String::new(), String::new(), checks.today)
    }

    fn key_text(&self) -> String {
        self.id.clone()
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_text(1) {
            self.station = v;
        }
        if let Some(v) = row.req_text(2) {
            self.enterprise = v;
        }
        if let Some(s) = row.cell(3) {
            if s.is_empty() {
                self.credit_code = None;
            } else {
                match s.parse::<CreditCode>() {
                    Ok(c) => self.credit_code = Some(c.as_str().to_string()),
                    Err(e) => row.err(3, e),
                }
            }
        }
        if let Some(v) = row.req_date(4) {
            self.received_on = v;
        }
        if let Some(v) = row.enum_or(5, CaseSource::Enterprise) {
            self.source = v;
        }
        if let Some(v) = row.enum_or(6, CaseKind::Guidance) {
            self.kind = v;
        }
        if let Some(v) = row.opt_enum(7) {
            self.ip_type = v;
        }
        if let Some(v) = row.text(8) {
            match crate::model::country::parse_opt(&v) {
                Ok(code) => self.country = code,
                Err(e) => row.err(8, e),
            }
        }
        if let Some(v) = row.opt_enum(9) {
            self.dispute_type = v;
        }
        if let Some(v) = row.opt_enum(10) {
            self.warning_level = v;
        }
        if let Some(v) = row.date(11, false) {
            self.accepted_on = v;
        }
        if let Some(v) = row.date(12, false) {
            self.closed_on = v;
        }
        if let Some(v) = row.opt_enum(13) {
            self.outcome = v;
        }
        if let Some(v) = row.opt_enum::<YesNo>(14) {
            self.effective = v.map(YesNo::is_yes);
        }
        if let Some(v) = row.date(15, false) {
            self.followup_on = v;
        }
        if let Some(v) = row.text(16) {
            if v != self.overdue_reason {
                // A changed reason goes back to the city office undecided.
                self.overdue_reason = v;
                self.reason_accepted = None;
            }
        }
        if let Some(v) = row.opt_enum::<YesNo>(17) {
            self.reason_accepted = v.map(YesNo::is_yes);
        }
        if let Some(v) = row.text(18) {
            self.summary = v;
        }
        if let Some(v) = row.enum_or(19, YesNo::No) {
            self.typical = v.is_yes();
        }
    }

    fn check(&self, row: &mut Row<'_>, _: &Checks) {
        if row.any_error_in(&["received_on", "accepted_on", "closed_on", "followup_on"]) {
            return;
        }
        if let Err((field, msg)) = self.check_dates() {
            // The later date of the pair, or the earlier one when the file only has that.
            let earlier = match field {
                "accepted_on" => "received_on",
                "closed_on" => "accepted_on",
                _ => "closed_on",
            };
            let shown = if !row.has(field) && row.has(earlier) {
                earlier
            } else {
                field
            };
            row.err_en(shown, msg);
        }
        if let Err((field, msg)) = self.check_kind() {
            row.err_en(field, msg);
        }
        if self.reason_accepted.is_some() && self.overdue_reason.trim().is_empty() {
            let text = crate::i18n::Lang::current().msg("import.reason_accepted_without_reason", &[]);
            row.err_en("reason_accepted", text);
        }
    }

    fn against_stored(&mut self, before: Option<&Self>, _row: &mut Row<'_>) {
        // The day and note of a decision belong to the decision stored; one the file changes
        // has neither.
        match before {
            Some(b)
                if b.reason_accepted == self.reason_accepted && b.overdue_reason == self.overdue_reason => {}
            _ => {
                self.reason_decided_on = None;
                self.reason_note = String::new();
            }
        }
    }

    fn check_stored(&self, w: &crate::store::Writer<'_>, row: &mut Row<'_>) -> crate::error::Result<()> {
        if !row.errors.is_empty() {
            return Ok(());
        }
        let events = w.read().case_events(&self.id)?;
        if events.is_empty() {
            return Ok(());
        }
        for (col, msg) in self.timeline_conflicts(&events) {
            row.err_en(col, msg);
        }
        Ok(())
    }

    fn id_to_generate(&self) -> Option<(&str, i32)> {
        use chrono::Datelike;
        self.id
            .is_empty()
            .then(|| (self.station.as_str(), self.received_on.year()))
    }

    fn set_generated_id(&mut self, id: String) {
        self.id = id;
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.station.clone(),
            self.enterprise.clone(),
            self.credit_code.clone().unwrap_or_default(),
            fmt(self.received_on),
            self.source.as_str().to_string(),
            self.kind.as_str().to_string(),
            opt_str(self.ip_type, |v| v.as_str()),
            self.country.clone(),
            opt_str(self.dispute_type, |v| v.as_str()),
            opt_str(self.warning_level, |v| v.as_str()),
            fmt_opt(self.accepted_on),
            fmt_opt(self.closed_on),
            opt_str(self.outcome, |v| v.as_str()),
            self.effective.map(yes_no).unwrap_or_default(),
            fmt_opt(self.followup_on),
            self.overdue_reason.clone(),
            self.reason_accepted.map(yes_no).unwrap_or_default(),
            self.summary.clone(),
            yes_no(self.typical),
        ]
    }
}
