//! `ipguard activity …`: record and list what a station did besides cases.

use super::lookup::{required, station as require};
use super::Ctx;
use crate::cli::activity::{ActivityAdd, ActivityArgs, ActivityCommand};
use crate::cli::resources::ListFilter;
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::model::recorded::Activity;
use crate::render;
use crate::store;

pub fn run(ctx: &Ctx, args: ActivityArgs) -> Result<()> {
    match args.command {
        ActivityCommand::Add(a) => add(ctx, a),
        ActivityCommand::List(f) => list(ctx, f),
    }
}

fn add(ctx: &Ctx, a: ActivityAdd) -> Result<()> {
    let act = Activity {
        station: a.station,
        kind: a.kind,
        date: a.on.unwrap_or(ctx.today),
        title: required("--title", &a.title)?,
        participants: a.participants,
    };
    ctx.not_future("when.activity", act.date)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &act.station))?;
    store.write(&ctx.writer(), |w| {
        if store::activities::exists(w, &act)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "activity.exists",
                &[
                    ("kind", act.kind.label(ctx.lang)),
                    ("title", &act.title),
                    ("station", &act.station),
                    ("date", &fmt(act.date)),
                ],
            )));
        }
        store::activities::insert(w, &act)
    })?;
    render::note(&ctx.lang.msg(
        "activity.added",
        &[
            ("kind", act.kind.label(ctx.lang)),
            ("station", &act.station),
            ("date", &fmt(act.date)),
        ],
    ));
    Ok(())
}

fn list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        super::lookup::check_filter(r, f.station.as_deref())?;
        r.activities(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.date"),
        l.label("label.kind"),
        l.label("label.title"),
        l.label("label.participants_2"),
    ];
    super::print_records(ctx, format, &rows, &header, |a| {
        vec![
            a.station.clone(),
            fmt(a.date),
            a.kind.label(l).to_string(),
            a.title.clone(),
            a.participants.map(|p| p.to_string()).unwrap_or_default(),
        ]
    })
}
