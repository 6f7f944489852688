//! `ipguard complaint …`: record and list complaints against stations.

use super::lookup::station as require;
use super::Ctx;
use crate::cli::complaint::{ComplaintAdd, ComplaintArgs, ComplaintCommand};
use crate::cli::resources::ListFilter;
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::model::recorded::Complaint;
use crate::model::YesNo;
use crate::render;
use crate::store;

pub fn run(ctx: &Ctx, args: ComplaintArgs) -> Result<()> {
    match args.command {
        ComplaintCommand::Add(a) => add(ctx, a),
        ComplaintCommand::List(f) => list(ctx, f),
    }
}

fn add(ctx: &Ctx, a: ComplaintAdd) -> Result<()> {
    let c = Complaint {
        station: a.station,
        date: a.on.unwrap_or(ctx.today),
        verified: a.verified.is_yes(),
        note: a.note.trim().to_string(),
    };
    ctx.not_future("when.complaint", c.date)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &c.station))?;
    store.write(&ctx.writer(), |w| {
        if store::complaints::exists(w, &c)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "complaint.exists",
                &[("station", &c.station), ("date", &fmt(c.date)), ("note", &c.note)],
            )));
        }
        store::complaints::insert(w, &c)
    })?;
    render::note(&ctx.lang.msg(
        "complaint.added",
        &[("station", &c.station), ("date", &fmt(c.date))],
    ));
    Ok(())
}

fn list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        super::lookup::check_filter(r, f.station.as_deref())?;
        r.complaints(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.date"),
        l.label("label.verified"),
        l.label("label.note"),
    ];
    super::print_records(ctx, format, &rows, &header, |c| {
        vec![
            c.station.clone(),
            fmt(c.date),
            YesNo::from_bool(c.verified).label(l).to_string(),
            c.note.clone(),
        ]
    })
}
