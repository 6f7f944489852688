//! `ipguard report …`: record and list the reports stations submit to the city office.

use super::lookup::station as require;
use super::Ctx;
use crate::cli::report::{ReportList, ReportSubmit};
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::model::recorded::Report;
use crate::render;
use crate::store;

pub fn submit(ctx: &Ctx, a: ReportSubmit) -> Result<()> {
    let period = a.kind.parse_period(&a.period).map_err(Error::Usage)?;
    let rep = Report {
        station: a.station,
        kind: a.kind,
        period,
        submitted_on: a.on.unwrap_or(ctx.today),
    };
    ctx.not_future("when.submitted", rep.submitted_on)?;
    rep.kind
        .check_submission(&rep.period, rep.submitted_on)
        .map_err(Error::Invalid)?;
    let mut store = ctx.store()?;
    store.read(|r| require(r, &rep.station))?;
    store.write(&ctx.writer(), |w| {
        if let Some(old) = w.read().report(&rep.station, rep.kind, &rep.period)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "report.already_submitted",
                &[
                    ("kind", rep.kind.label(ctx.lang)),
                    ("station", &rep.station),
                    ("period", &rep.period.to_string()),
                    ("date", &fmt(old.submitted_on)),
                ],
            )));
        }
        store::reports::insert(w, &rep)
    })?;
    render::note(&ctx.lang.msg(
        "report.submitted",
        &[
            ("kind", rep.kind.label(ctx.lang)),
            ("period", &rep.period.to_string()),
            ("station", &rep.station),
            ("date", &fmt(rep.submitted_on)),
        ],
    ));
    Ok(())
}

pub fn list(ctx: &Ctx, a: ReportList) -> Result<()> {
    let format = ctx.list_format()?;
    let store = ctx.store()?;
    let rows = store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        r.reports(a.station.as_deref(), a.kind)
    })?;
    let l = ctx.lang;
    let header = [
        l.label("label.station_2"),
        l.label("label.kind"),
        l.label("label.period_5"),
        l.label("label.submitted"),
    ];
    super::print_records(ctx, format, &rows, &header, |r| {
        vec![
            r.station.clone(),
            r.kind.label(l).to_string(),
            r.period.clone(),
            fmt(r.submitted_on),
        ]
    })
}
