//! `ipguard station …`: register, advance, list and show stations.

use super::lookup::station as require;
use super::Ctx;
use crate::cli::station::{StationAdd, StationAdvance, StationConditions};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::{Station, CONDITIONS};
use crate::model::StationStatus;
use crate::render::{self, Format};
use crate::store::{self, Store};
use serde_json::json;

pub fn add(ctx: &Ctx, a: StationAdd) -> Result<()> {
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.applied", on)?;
    if a.name.trim().is_empty() {
        return Err(Error::Usage(ctx.lang.msg("station.name_empty", &[])));
    }
    let mut store = ctx.store()?;
    if store.read(|r| r.station(&a.code))?.is_some() {
        return Err(Error::Invalid(
            ctx.lang.msg("station.exists", &[("code", &a.code)]),
        ));
    }
    let station = Station {
        code: a.code,
        name: a.name.trim().to_string(),
        host_org: a.host_org.trim().to_string(),
        district: a.district.trim().to_string(),
        level: a.level,
        status: StationStatus::Applied,
        status_on: Some(on),
        established_on: None,
        conditions: [false; 5],
    };
    store.write(&ctx.writer(), |w| store::stations::insert(w, &station, &a.note))?;
    render::note(
        &ctx.lang
            .msg("station.added", &[("code", &station.code), ("date", &fmt(on))]),
    );
    Ok(())
}

pub fn conditions(ctx: &Ctx, a: StationConditions) -> Result<()> {
    if a.met.is_empty() && a.unmet.is_empty() {
        return Err(Error::Usage(ctx.lang.msg("station.conditions_missing", &[])));
    }
    if let Some(n) = a.met.iter().find(|n| a.unmet.contains(n)) {
        return Err(Error::Usage(
            ctx.lang.msg("station.conditions_both", &[("n", &n.to_string())]),
        ));
    }
    let mut store = ctx.store()?;
    let before = store.read(|r| require(r, &a.code))?;
    let mut after = before.clone();
    for n in &a.met {
        after.conditions[usize::from(*n) - 1] = true;
    }
    for n in &a.unmet {
        after.conditions[usize::from(*n) - 1] = false;
    }
    store.write(&ctx.writer(), |w| store::stations::update(w, &before, &after))?;
    let met = after.conditions.iter().filter(|c| **c).count();
    render::note(&ctx.lang.msg(
        "station.conditions",
        &[("code", &after.code), ("met", &met.to_string())],
    ));
    Ok(())
}

pub fn advance(ctx: &Ctx, a: StationAdvance) -> Result<()> {
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.step", on)?;
    let mut store = ctx.store()?;
    let before = store.read(|r| require(r, &a.code))?;
    if a.to == StationStatus::Accepted && before.status == StationStatus::Established {
        // Art. 9: a station is accepted by passing its acceptance, which is scored and stored.
        return Err(Error::Invalid(
            ctx.lang
                .msg("station.accepted_by_assessment", &[("code", &before.code)]),
        ));
    }
    advance_checked(ctx, &mut store, &before, a.to, on, &a.note)?;
    render::note(&ctx.lang.msg(
        "station.advanced",
        &[
            ("code", &a.code),
            ("from", before.status.label(ctx.lang)),
            ("to", a.to.label(ctx.lang)),
            ("date", &fmt(on)),
        ],
    ));
    Ok(())
}

/// Checks one lifecycle step (allowed, dated not before the previous step, conditions met for
/// `recommended`) and records it. Shared with `station assess`.
pub fn advance_checked(
    ctx: &Ctx,
    store: &mut Store,
    before: &Station,
    to: StationStatus,
    on: chrono::NaiveDate,
    note: &str,
) -> Result<()> {
    let after = before.step(to, on)?;
    store.write(&ctx.writer(), |w| super::record_step(w, before, &after, note))
}

/// The status with its date, when the date is known (an imported register may not give one).
fn status_since(s: &Station, lang: Lang) -> String {
    match s.status_on {
        Some(on) => format!("{} ({})", s.status.label(lang), fmt(on)),
        None => s.status.label(lang).to_string(),
    }
}

fn level_label(s: &Station, lang: Lang) -> String {
    s.level.map(|l| l.label(lang).to_string()).unwrap_or_default()
}

pub fn list(ctx: &Ctx) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let stations = store.read(|r| r.stations())?;
    let l = ctx.lang;
    let header = [
        l.label("label.code"),
        l.label("label.name"),
        l.label("label.district"),
        l.label("label.level"),
        l.label("label.status"),
        l.label("label.since"),
    ];
    super::print_records(ctx, format, &stations, &header, |s| {
        vec![
            s.code.clone(),
            s.name.clone(),
            s.district.clone(),
            level_label(s, l),
            s.status.label(l).to_string(),
            fmt_opt(s.status_on),
        ]
    })
}

pub fn show(ctx: &Ctx, code: &str, explain: bool) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let store = ctx.store()?;
    let (s, history, assessments) = store.read(|r| {
        let s = require(r, code)?;
        Ok((s, r.station_history(code)?, r.assessments(Some(code))?))
    })?;
    if format == Format::Json {
        let results: Vec<_> = assessments
            .iter()
            .map(|a| json!({"kind": a.kind, "period": a.period, "on": fmt(a.on), "total": a.total, "grade": a.grade, "rubric": a.rubric}))
            .collect();
        return render::json(&json!({ "station": s, "history": history, "assessments": results }));
    }
    let l = ctx.lang;
    let pairs = vec![
        (l.label("label.code"), s.code.clone()),
        (l.label("label.name"), s.name.clone()),
        (l.label("label.host_organisation"), s.host_org.clone()),
        (l.label("label.district"), s.district.clone()),
        (l.label("label.level"), level_label(&s, l)),
        (l.label("label.status"), status_since(&s, l)),
        (l.label("label.established"), fmt_opt(s.established_on)),
    ];
    let mut text = render::details(ctx.style, &pairs);
    let cond_rows: Vec<Vec<String>> = CONDITIONS
        .iter()
        .enumerate()
        .map(|(i, (en, zh, full))| {
            let met = if s.conditions[i] {
                l.label("label.met")
            } else {
                l.label("label.not_met")
            };
            let label = if explain { full } else { l.t(en, zh) };
            vec![(i + 1).to_string(), label.to_string(), met.to_string()]
        })
        .collect();
    text.push_str(&format!("\n{}\n", l.label("label.art_4_conditions")));
    text.push_str(&render::table(
        ctx.style,
        &["#", l.label("label.condition"), l.label("label.state_2")],
        &cond_rows,
    ));
    let hist_rows: Vec<Vec<String>> = history
        .iter()
        .map(|h| vec![fmt(h.on), h.status.label(l).to_string(), h.note.clone()])
        .collect();
    text.push_str(&format!("\n{}\n", l.label("label.history")));
    text.push_str(&render::table(
        ctx.style,
        &[
            l.label("label.date"),
            l.label("label.status"),
            l.label("label.note_2"),
        ],
        &hist_rows,
    ));
    if !assessments.is_empty() {
        text.push_str(&format!("\n{}\n", l.label("label.assessments")));
        text.push_str(&assessments_table(ctx, &assessments));
    }
    render::out(&text)
}

/// Past results as a table .
fn assessments_table(ctx: &Ctx, results: &[crate::store::assessments::Assessment]) -> String {
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|a| {
            vec![
                fmt(a.on),
                a.kind.to_string(),
                a.period.clone(),
                a.total.to_string(),
                a.grade.clone(),
                a.rubric.clone(),
            ]
        })
        .collect();
    let header = [
        l.label("label.date"),
        l.label("label.kind"),
        l.label("label.period_5"),
        l.label("label.total"),
        l.label("label.grade"),
        l.label("label.rubric"),
    ];
    render::table(ctx.style, &header, &rows)
}
