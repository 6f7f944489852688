//! The CSV form of a station's dated records: activities, reports, awards and complaints.

use super::{yes_no, Checks, CsvRecord, PLACEHOLDER_DATE};
use crate::csvio::row::Row;
use crate::csvio::Kind;
use crate::model::date::fmt;
use crate::model::recorded::{Activity, Award, Complaint, Report};
use crate::model::{ActivityKind, Hundredths, ReportKind};

impl CsvRecord for Activity {
    const KIND: Kind = Kind::Activities;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, kind, date, title) =
            super::all!(row.req_text(0), row.req_enum(1), row.req_date(2), row.req_text(3));
        Activity {
            station: station.unwrap_or_default(),
            kind: kind.unwrap_or(ActivityKind::Training),
            date: date.unwrap_or(PLACEHOLDER_DATE),
            title: title.unwrap_or_default(),
            participants: None,
        }
    }

    fn key_text(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.station,
            self.kind.as_str(),
            fmt(self.date),
            self.title
        )
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(s) = row.cell(4) {
            if s.is_empty() {
                self.participants = None;
            } else {
                match crate::model::head_count(s) {
                    Ok(n) => self.participants = Some(n),
                    Err(e) => row.err(4, e),
                }
            }
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.kind.as_str().to_string(),
            fmt(self.date),
            self.title.clone(),
            self.participants.map(|n| n.to_string()).unwrap_or_default(),
        ]
    }
}

impl CsvRecord for Report {
    const KIND: Kind = Kind::Reports;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, kind, period) =
            super::all!(row.req_text(0), row.req_enum::<ReportKind>(1), row.req_text(2));
        let period = match (kind, period) {
            (Some(kind), Some(period)) => match kind.parse_period(&period) {
                Ok(p) => p,
                Err(e) => {
                    row.err(2, e);
                    String::new()
                }
            },
            _ => String::new(),
        };
        Report {
            station: station.unwrap_or_default(),
            kind: kind.unwrap_or(ReportKind::AnnualSummary),
            period,
            submitted_on: row.today,
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, self.kind.as_str(), self.period)
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_date(3) {
            self.submitted_on = v;
        }
    }

    fn check(&self, row: &mut Row<'_>, _: &Checks) {
        if let Err(e) = self.kind.check_submission(&self.period, self.submitted_on) {
            row.err(3, e);
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
            fmt(self.submitted_on),
        ]
    }
}

impl CsvRecord for Award {
    const KIND: Kind = Kind::Awards;

    fn key(row: &mut Row<'_>, checks: &Checks) -> Self {
        let (station, item, date, reason) =
            super::all!(row.req_text(0), row.req_text(1), row.req_date(3), row.req_text(4));
        let mut item = item.unwrap_or_default().to_ascii_uppercase();
        if !item.is_empty() && !checks.bonus_max.contains_key(&item) {
            let mut ids: Vec<&str> = checks.bonus_max.keys().map(String::as_str).collect();
            ids.sort_unstable();
            let lang = crate::i18n::Lang::current();
            let text = lang.msg(
                "import.not_a_bonus_item",
                &[
                    ("item", &item),
                    ("items", &ids.join(lang.label("label.list_comma"))),
                ],
            );
            row.err(1, text);
            item.clear();
        }
        Award {
            station: station.unwrap_or_default(),
            item,
            points: Hundredths(0),
            date: date.unwrap_or(PLACEHOLDER_DATE),
            reason: reason.unwrap_or_default(),
        }
    }

    fn key_text(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.station,
            self.item,
            fmt(self.date),
            self.reason
        )
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_amount(2) {
            self.points = v;
        }
    }

    fn check(&self, row: &mut Row<'_>, checks: &Checks) {
        if let Some(max) = checks.bonus_max.get(&self.item).filter(|m| self.points > **m) {
            let text = crate::i18n::Lang::current().msg(
                "import.points_over_max",
                &[
                    ("points", &self.points.to_string()),
                    ("item", &self.item),
                    ("max", &max.to_string()),
                ],
            );
            row.err_en("points", text);
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.item.clone(),
            self.points.to_string(),
            fmt(self.date),
            self.reason.clone(),
        ]
    }
}

impl CsvRecord for Complaint {
    const KIND: Kind = Kind::Complaints;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, date, note) = super::all!(row.req_text(0), row.req_date(1), row.text(3));
        Complaint {
            station: station.unwrap_or_default(),
            date: date.unwrap_or(PLACEHOLDER_DATE),
            verified: false,
            note: note.unwrap_or_default(),
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, fmt(self.date), self.note)
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_bool(2) {
            self.verified = v;
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            fmt(self.date),
            yes_no(self.verified),
            self.note.clone(),
        ]
    }
}
