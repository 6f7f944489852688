//! `ipguard case library`: the typical cases (典型案例库), grouped by IP type and country or
//! region, with their summaries — what staff look up when the next request comes in.

use super::Ctx;
use crate::cli::case::CaseLibrary;
use crate::csvio::export::neutralise;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::Case;
use crate::model::IpType;
use crate::render::{self, Format};
use crate::store;
use serde::Serialize;

/// One group of the library: an IP type (none when not recorded) and a country (its code,
/// empty when not recorded), with its cases by received date.
#[derive(Debug, Serialize)]
struct Group<'a> {
    ip_type: Option<&'static str>,
    country: &'a str,
    cases: Vec<Entry<'a>>,
}

#[derive(Debug, Serialize)]
struct Entry<'a> {
    id: &'a str,
    station: &'a str,
    received_on: String,
    enterprise: &'a str,
    outcome: Option<&'static str>,
    summary: &'a str,
}

/// The groups in the order of the IP types' vocabulary (none last), then of the countries'
/// codes (none last); the cases of a group as listed (received date, id).
fn groups(cases: &[Case]) -> Vec<Group<'_>> {
    let rank = |t: Option<IpType>| t.map_or(IpType::ALL.len(), |t| t as usize);
    let mut sorted: Vec<&Case> = cases.iter().collect();
    // A stable sort keeps the list's order within a group.
    sorted.sort_by_key(|c| (rank(c.ip_type), c.country.is_empty(), c.country.as_str()));
    let mut out: Vec<Group<'_>> = Vec::new();
    for c in sorted {
        let ip_type = c.ip_type.map(|t| t.as_str());
        let entry = Entry {
            id: &c.id,
            station: &c.station,
            received_on: fmt(c.received_on),
            enterprise: &c.enterprise,
            outcome: c.outcome.map(|o| o.as_str()),
            summary: &c.summary,
        };
        match out.last_mut() {
            Some(g) if g.ip_type == ip_type && g.country == c.country => g.cases.push(entry),
            _ => out.push(Group {
                ip_type,
                country: &c.country,
                cases: vec![entry],
            }),
        }
    }
    out
}

fn csv_error(e: csv::Error) -> Error {
    Error::Other(e.into())
}

pub fn library(ctx: &Ctx, a: CaseLibrary) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json, Format::Csv])?;
    let store = ctx.store()?;
    let filter = store::cases::Filter {
        station: a.station.as_deref(),
        period: a.period.as_ref(),
        ip_type: a.ip_type,
        country: a.country.as_deref(),
        typical: Some(true),
        ..Default::default()
    };
    let cases = store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        r.cases(&filter)
    })?;
    let groups = groups(&cases);
    match format {
        Format::Json => return render::json(&groups),
        Format::Csv => {
            return render::csv(|w| {
                let mut out = csv::Writer::from_writer(w);
                out.write_record([
                    "ip_type",
                    "country",
                    "id",
                    "station",
                    "received_on",
                    "enterprise",
                    "outcome",
                    "summary",
                ])
                .map_err(csv_error)?;
                for g in &groups {
                    for e in &g.cases {
                        out.write_record([
                            g.ip_type.unwrap_or_default(),
                            g.country,
                            e.id,
                            e.station,
                            &e.received_on,
                            &neutralise(e.enterprise),
                            e.outcome.unwrap_or_default(),
                            &neutralise(e.summary),
                        ])
                        .map_err(csv_error)?;
                    }
                }
                out.flush()?;
                Ok(())
            })
        }
        _ => {}
    }
    let l = ctx.lang;
    if groups.is_empty() {
        render::note(&l.msg("case.no_library", &[]));
        return Ok(());
    }
    let header = [
        l.label("label.ip_type"),
        l.label("label.country_or_region"),
        l.label("label.case"),
        l.label("label.station_2"),
        l.label("label.received_2"),
        l.label("label.enterprise"),
        l.label("label.outcome"),
        l.label("label.summary"),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (n, g) in groups.iter().enumerate() {
        for (i, e) in g.cases.iter().enumerate() {
            // The IP type where it changes, the country on its group's first row.
            let new_type = n == 0 || groups[n - 1].ip_type != g.ip_type;
            let ip = if i == 0 && new_type {
                ip_label(g.ip_type, l)
            } else {
                String::new()
            };
            let country = match (i, g.country) {
                (0, "") => l.label("label.not_recorded").to_string(),
                (0, c) => crate::model::country::display(c, l == Lang::Zh),
                _ => String::new(),
            };
            rows.push(vec![
                ip,
                country,
                e.id.to_string(),
                e.station.to_string(),
                e.received_on.clone(),
                e.enterprise.to_string(),
                e.outcome
                    .and_then(|o| o.parse::<crate::model::Outcome>().ok())
                    .map(|o| o.label(l).to_string())
                    .unwrap_or_default(),
                e.summary.to_string(),
            ]);
        }
    }
    render::out(&render::table(ctx.style, &header, &rows))
}

fn ip_label(t: Option<&str>, l: Lang) -> String {
    t.and_then(|t| t.parse::<IpType>().ok()).map_or_else(
        || l.label("label.not_recorded").to_string(),
        |t| t.label(l).to_string(),
    )
}
