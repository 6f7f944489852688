//! `ipguard award …`: record and list bonus awards, checked against the rubric in force.

use super::lookup::{required, station as require};
use super::Ctx;
use crate::cli::award::{AwardAdd, AwardArgs, AwardCommand};
use crate::cli::resources::ListFilter;
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::model::recorded::Award;
use crate::render;
use crate::store;

pub fn run(ctx: &Ctx, args: AwardArgs) -> Result<()> {
    match args.command {
        AwardCommand::Add(a) => add(ctx, a),
        AwardCommand::List(f) => list(ctx, f),
    }
}

fn add(ctx: &Ctx, a: AwardAdd) -> Result<()> {
    let award = Award {
        station: a.station,
        item: required("--item", &a.item)?.to_ascii_uppercase(),
        points: a.points,
        date: a.on.unwrap_or(ctx.today),
        reason: required("--reason", &a.reason)?,
    };
    ctx.not_future("when.award", award.date)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &award.station))?;
    let rubric = store.read(|r| ctx.rubric(r))?;
    let Some(max) = rubric.bonus_max(&award.item) else {
        return Err(Error::Invalid(ctx.lang.msg(
            "award.not_bonus_item",
            &[
                ("item", &award.item),
                ("items", &rubric.bonus_ids_text_in(ctx.lang)),
            ],
        )));
    };
    if award.points > max {
        return Err(Error::Invalid(ctx.lang.msg(
            "award.over_max",
            &[
                ("points", &award.points.to_string()),
                ("item", &award.item),
                ("max", &max.to_string()),
            ],
        )));
    }
    store.write(&ctx.writer(), |w| {
        if store::awards::exists(w, &award)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "award.exists",
                &[
                    ("item", &award.item),
                    ("station", &award.station),
                    ("date", &fmt(award.date)),
                    ("reason", &award.reason),
                ],
            )));
        }
        store::awards::insert(w, &award)
    })?;
    render::note(&ctx.lang.msg(
        "award.added",
        &[
            ("item", &award.item),
            ("points", &award.points.to_string()),
            ("station", &award.station),
        ],
    ));
    Ok(())
}

fn list(ctx: &Ctx, f: ListFilter) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        super::lookup::check_filter(r, f.station.as_deref())?;
        r.awards(f.station.as_deref(), f.period.as_ref())
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.date"),
        l.label("label.item_2"),
        l.label("label.points_3"),
        l.label("label.reason"),
    ];
    super::print_records(ctx, format, &rows, &header, |a| {
        vec![
            a.station.clone(),
            fmt(a.date),
            a.item.clone(),
            a.points.to_string(),
            a.reason.clone(),
        ]
    })
}
