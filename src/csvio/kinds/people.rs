//! Stations, staff, experts and funding.

use super::{yes_no, Checks, CsvRecord, PLACEHOLDER_DATE};
use crate::csvio::row::Row;
use crate::csvio::Kind;
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::{Expert, Funding, Staff, Station};
use crate::model::{check_code, Hundredths, StationStatus};

impl CsvRecord for Station {
    const KIND: Kind = Kind::Stations;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let code = match row.req_text(0).map(|c| check_code("station code", &c)) {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                row.err(0, e);
                String::new()
            }
            None => String::new(),
        };
        Station {
            code,
            name: String::new(),
            host_org: String::new(),
            district: String::new(),
            level: None,
            status: StationStatus::Applied,
            status_on: None,
            established_on: None,
            conditions: [false; 5],
        }
    }

    fn key_text(&self) -> String {
        self.code.clone()
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_text(1) {
            self.name = v;
        }
        if let Some(v) = row.text(2) {
            self.host_org = v;
        }
        if let Some(v) = row.text(3) {
            self.district = v;
        }
        if let Some(v) = row.opt_enum(4) {
            self.level = v;
        }
        if let Some(v) = row.enum_or(5, StationStatus::Applied) {
            self.status = v;
        }
        if let Some(v) = row.date(6, false) {
            self.status_on = v;
        }
        if let Some(v) = row.date(7, false) {
            self.established_on = v;
        }
    }

    /// A station already stored keeps its lifecycle: its status moves only by `station
    /// advance` and `station assess`, with their history (formats.md, station re-import).
    fn against_stored(&mut self, stored: Option<&Self>, row: &mut Row<'_>) {
        let Some(s) = stored else { return };
        let lang = crate::i18n::Lang::current();
        let was = match s.status_on {
            Some(d) => lang.msg(
                "import.station_status_since",
                &[("status", s.status.label(lang)), ("date", &fmt(d))],
            ),
            None => s.status.label(lang).to_string(),
        };
        let how = lang.msg("import.station_lifecycle_kept", &[("code", &s.code)]);
        let args = [("code", s.code.as_str()), ("was", &was), ("how", &how)];
        if self.status != s.status {
            let status = [("status", self.status.label(lang))];
            row.err_en(
                "status",
                lang.msg("import.station_status_stored", &[&args[..], &status[..]].concat()),
            );
        } else if self.status_on != s.status_on {
            row.err_en(
                "status_on",
                match self.status_on {
                    Some(d) => lang.msg(
                        "import.station_status_on_stored",
                        &[&args[..], &[("date", fmt(d).as_str())][..]].concat(),
                    ),
                    None => lang.msg("import.station_status_on_stored_undated", &args),
                },
            );
        }
    }

    /// An imported station's status goes straight into its history: one entry when the
    /// station is new or its status or status date changed (dated today when it has none).
    fn after_write(
        &self,
        before: Option<&Self>,
        w: &crate::store::Writer<'_>,
        checks: &Checks,
    ) -> crate::error::Result<()> {
        if before.is_some_and(|b| b.status == self.status && b.status_on == self.status_on) {
            return Ok(());
        }
        if before.is_none() && checks.history_file {
            // The import's station_history file brings the new station's history.
            return Ok(());
        }
        let on = self.status_on.unwrap_or(checks.today);
        w.add_history_entry(&self.code, self.status.as_str(), on, "imported")
    }

    fn station(&self) -> &str {
        &self.code
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.code.clone(),
            self.name.clone(),
            self.host_org.clone(),
            self.district.clone(),
            self.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            self.status.as_str().to_string(),
            fmt_opt(self.status_on),
            fmt_opt(self.established_on),
        ]
    }
}

impl CsvRecord for Staff {
    const KIND: Kind = Kind::Staff;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, name, from) = super::all!(row.req_text(0), row.req_text(1), row.req_date(3));
        Staff {
            station: station.unwrap_or_default(),
            name: name.unwrap_or_default(),
            full_time: false,
            from: from.unwrap_or(PLACEHOLDER_DATE),
            to: None,
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, self.name, fmt(self.from))
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_bool(2) {
            self.full_time = v;
        }
        if let Some(v) = row.date(4, true) {
            self.to = v;
        }
    }

    fn check(&self, row: &mut Row<'_>, _: &Checks) {
        if let Some(to) = self.to.filter(|t| *t < self.from) {
            let text = crate::i18n::Lang::current().msg(
                "import.to_before_from",
                &[("to", &fmt(to)), ("from", &fmt(self.from))],
            );
            row.err_en("to", text);
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.name.clone(),
            yes_no(self.full_time),
            fmt(self.from),
            fmt_opt(self.to),
        ]
    }
}

impl CsvRecord for Expert {
    const KIND: Kind = Kind::Experts;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, name, joined) = super::all!(row.req_text(0), row.req_text(1), row.req_date(5));
        Expert {
            station: station.unwrap_or_default(),
            name: name.unwrap_or_default(),
            kind: crate::model::ExpertKind::Expert,
            field: String::new(),
            countries: String::new(),
            joined_on: joined.unwrap_or(PLACEHOLDER_DATE),
            left_on: None,
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, self.name, fmt(self.joined_on))
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_enum(2) {
            self.kind = v;
        }
        if let Some(v) = row.text(3) {
            self.field = v;
        }
        if let Some(v) = row.text(4) {
            match crate::model::country::parse_list_codes(&v) {
                Ok(codes) => self.countries = codes,
                Err(e) => row.err(4, e),
            }
        }
        if let Some(v) = row.date(6, true) {
            self.left_on = v;
        }
    }

    fn check(&self, row: &mut Row<'_>, _: &Checks) {
        if let Some(left) = self.left_on.filter(|l| *l < self.joined_on) {
            let text = crate::i18n::Lang::current().msg(
                "import.left_before_joined",
                &[("left", &fmt(left)), ("joined", &fmt(self.joined_on))],
            );
            row.err_en("left_on", text);
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            self.name.clone(),
            self.kind.as_str().to_string(),
            self.field.clone(),
            self.countries.clone(),
            fmt(self.joined_on),
            fmt_opt(self.left_on),
        ]
    }
}

impl CsvRecord for Funding {
    const KIND: Kind = Kind::Funding;

    fn key(row: &mut Row<'_>, _: &Checks) -> Self {
        let (station, date, source) = super::all!(row.req_text(0), row.req_date(1), row.text(3));
        Funding {
            station: station.unwrap_or_default(),
            date: date.unwrap_or(PLACEHOLDER_DATE),
            amount: Hundredths(0),
            source: source.unwrap_or_default(),
        }
    }

    fn key_text(&self) -> String {
        format!("{}|{}|{}", self.station, fmt(self.date), self.source)
    }

    fn apply(&mut self, row: &mut Row<'_>, _: &Checks) {
        if let Some(v) = row.req_amount(2) {
            self.amount = v;
        }
    }

    fn station(&self) -> &str {
        &self.station
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.station.clone(),
            fmt(self.date),
            self.amount.to_string(),
            self.source.clone(),
        ]
    }
}
