//! `ipguard station staff|expert|funding …`: record and list a station's people and money.

use super::lookup::{check_filter, required, station as require};
use super::Ctx;
use crate::cli::resources::{
    ExpertAdd, ExpertArgs, ExpertCommand, FundingAdd, FundingArgs, FundingCommand, ListFilter, StaffAdd,
    StaffArgs, StaffCommand,
};
use crate::error::{Error, Result};
use crate::model::date::{fmt, fmt_opt};
use crate::model::recorded::{Expert, Funding, Staff};
use crate::model::YesNo;
use crate::render;
use crate::store;

/// Refuses an end date before its start date.
fn check_span(what: &str, from: chrono::NaiveDate, to: Option<chrono::NaiveDate>) -> Result<()> {
    if let Some(t) = to.filter(|t| *t < from) {
        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
            "span.end_before_start",
            &[("what", what), ("date", &fmt(t)), ("from", &fmt(from))],
        )));
    }
    Ok(())
}

pub fn staff(ctx: &Ctx, a: StaffArgs) -> Result<()> {
    match a.command {
        StaffCommand::Add(a) => staff_add(ctx, a),
        StaffCommand::List(f) => staff_list(ctx, f),
    }
}

pub fn expert(ctx: &Ctx, a: ExpertArgs) -> Result<()> {
    match a.command {
        ExpertCommand::Add(a) => expert_add(ctx, a),
        ExpertCommand::List(f) => expert_list(ctx, f),
    }
}

pub fn funding(ctx: &Ctx, a: FundingArgs) -> Result<()> {
    match a.command {
        FundingCommand::Add(a) => funding_add(ctx, a),
        FundingCommand::List(f) => funding_list(ctx, f),
    }
}

fn staff_add(ctx: &Ctx, a: StaffAdd) -> Result<()> {
    let s = Staff {
        station: a.station,
        name: required("--name", &a.name)?,
        full_time: a.full_time.is_yes(),
        from: a.from,
        to: a.to,
    };
    ctx.not_future("when.started", s.from)?;
    check_span(&ctx.lang.msg("when.end", &[]), s.from, s.to)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &s.station))?;
    store.write(&ctx.writer(), |w| {
        if store::resources::staff_exists(w, &s)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "staff.exists",
                &[("name", &s.name), ("station", &s.station), ("date", &fmt(s.from))],
            )));
        }
        store::resources::insert_staff(w, &s)
    })?;
    render::note(
        &ctx.lang
            .msg("staff.added", &[("name", &s.name), ("station", &s.station)]),
    );
    Ok(())
}

fn staff_list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        check_filter(r, f.station.as_deref())?;
        r.staff(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.name_3"),
        l.label("label.full_time"),
        l.label("label.from"),
        l.label("label.to_2"),
    ];
    super::print_records(ctx, format, &rows, &header, |s| {
        vec![
            s.station.clone(),
            s.name.clone(),
            YesNo::from_bool(s.full_time).label(l).to_string(),
            fmt(s.from),
            fmt_opt(s.to),
        ]
    })
}

fn expert_add(ctx: &Ctx, a: ExpertAdd) -> Result<()> {
    let e = Expert {
        station: a.station,
        name: required("--name", &a.name)?,
        kind: a.kind,
        field: a.field.trim().to_string(),
        countries: crate::model::country::parse_list_codes(&a.countries).map_err(Error::Invalid)?,
        joined_on: a.joined,
        left_on: a.left,
    };
    ctx.not_future("when.joined", e.joined_on)?;
    check_span(&ctx.lang.msg("when.left", &[]), e.joined_on, e.left_on)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &e.station))?;
    store.write(&ctx.writer(), |w| {
        if store::resources::expert_exists(w, &e)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "expert.exists",
                &[
                    ("kind", e.kind.label(ctx.lang)),
                    ("name", &e.name),
                    ("station", &e.station),
                    ("date", &fmt(e.joined_on)),
                ],
            )));
        }
        store::resources::insert_expert(w, &e)
    })?;
    render::note(&ctx.lang.msg(
        "expert.added",
        &[
            ("kind", e.kind.label(ctx.lang)),
            ("name", &e.name),
            ("station", &e.station),
        ],
    ));
    Ok(())
}

fn expert_list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        check_filter(r, f.station.as_deref())?;
        r.experts(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.name_3"),
        l.label("label.kind_2"),
        l.label("label.field"),
        l.label("label.countries"),
        l.label("label.joined"),
        l.label("label.left"),
    ];
    super::print_records(ctx, format, &rows, &header, |e| {
        vec![
            e.station.clone(),
            e.name.clone(),
            e.kind.label(l).to_string(),
            e.field.clone(),
            crate::model::country::display_list(&e.countries, l == crate::i18n::Lang::Zh),
            fmt(e.joined_on),
            fmt_opt(e.left_on),
        ]
    })
}

fn funding_add(ctx: &Ctx, a: FundingAdd) -> Result<()> {
    let f = Funding {
        station: a.station,
        date: a.on,
        amount: a.amount,
        source: a.source.trim().to_string(),
    };
    ctx.not_future("when.paid", f.date)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &f.station))?;
    store.write(&ctx.writer(), |w| {
        if store::resources::funding_exists(w, &f)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "funding.exists",
                &[
                    ("station", &f.station),
                    ("date", &fmt(f.date)),
                    ("source", &f.source),
                ],
            )));
        }
        store::resources::insert_funding(w, &f)
    })?;
    render::note(&ctx.lang.msg(
        "funding.added",
        &[
            ("amount", &f.amount.to_string()),
            ("date", &fmt(f.date)),
            ("station", &f.station),
        ],
    ));
    Ok(())
}

fn funding_list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        check_filter(r, f.station.as_deref())?;
        r.funding(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.date"),
        l.label("label.amount_yuan"),
        l.label("label.source"),
    ];
    super::print_records(ctx, format, &rows, &header, |f| {
        vec![
            f.station.clone(),
            fmt(f.date),
            f.amount.to_string(),
            f.source.clone(),
        ]
    })
}
