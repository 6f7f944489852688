//! `ipguard station assess`: the official acceptance or biennial assessment (art. 9), scored
//! as of its date with the rubric in force and stored with its full scorecard.

use super::Ctx;
use crate::cli::assess::StationAssess;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::{add_days, fmt, plus_one_year};
use crate::model::recorded::Station;
use crate::model::AssessmentKind;
use crate::model::{Period, StationStatus};
use crate::render::{self, Format};
use crate::rubric::{Rubric, Scorecard};
use crate::store::{self, assessments::Assessment, Store};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

/// The period scored by default.
fn default_period(kind: AssessmentKind, s: &Station, on: chrono::NaiveDate) -> Result<Period> {
    match kind {
        AssessmentKind::Acceptance => {
            let e = s.established_on.ok_or_else(|| {
                Error::Invalid(
                    crate::i18n::Lang::current().msg("assess.no_established", &[("code", &s.code)]),
                )
            })?;
            Ok(Period::Range(e, add_days(plus_one_year(e), -1)))
        }
        AssessmentKind::Biennial => Ok(Period::Years(on.year() - 2, on.year() - 1)),
    }
}

/// Scores, stores and shows one assessment, with the status step it entails.
pub fn assess(ctx: &Ctx, a: StationAssess) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let given = given_period(&a)?;
    ctx.not_future("when.assessed", a.on)?;
    let mut store = ctx.store()?;
    let station = store.read(|r| super::lookup::station(r, &a.code))?;
    check_station(&station, &a)?;
    let period = scored_period(&a, given, &station)?;
    if let Some(old) = store.read(|r| r.assessment(&station.code, a.kind, &period.to_string()))? {
        return confirm_stored(ctx, &mut store, &a, &station, period, &old);
    }
    let rubric = store.read(|r| ctx.rubric(r))?;
    let (result, card) = score(ctx, &store, &rubric, &a, &station, period)?;
    let failed = rubric.failed(a.kind, &result.grade);
    let note = format!(
        "{} assessment {}: {} ({})",
        a.kind.as_str(),
        period,
        result.total,
        result.grade
    );
    let step = entailed_step(a.kind, failed, a.confirm_revoke);
    record(ctx, &mut store, &station, &result, step, &note)?;
    // Recorded: a stdout that cannot take the result does not make the command fail (a script
    // that retried would assess twice).
    if let Err(e) = show(ctx, format, &a, period, &result, &card) {
        let error = format!("{e:#}");
        render::note(&ctx.lang.msg(
            "assess.not_printed",
            &[("error", error.as_str()), ("station", station.code.as_str())],
        ));
    }
    render::note(&outcome(ctx.lang, &station, step, failed, a.on, &note));
    Ok(())
}

/// The `--period` given, checked against `--on`.
fn given_period(a: &StationAssess) -> Result<Option<Period>> {
    let given: Option<Period> = a
        .period
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Error::Usage)?;
    if let Some(p) = given.filter(|p| a.on < p.from()) {
        return Err(Error::Usage(crate::i18n::Lang::current().msg(
            "assess.on_before_period",
            &[
                ("date", &fmt(a.on)),
                ("period", &p.to_string()),
                ("from", &fmt(p.from())),
            ],
        )));
    }
    Ok(given)
}

/// Refuses a station whose status is not the one the assessment is for, or whose last step
/// is after the assessment date.
fn check_station(station: &Station, a: &StationAssess) -> Result<()> {
    let lang = crate::i18n::Lang::current();
    let wanted = match a.kind {
        AssessmentKind::Acceptance => StationStatus::Established,
        AssessmentKind::Biennial => StationStatus::Accepted,
    };
    if station.status != wanted {
        let args = [
            ("code", station.code.as_str()),
            ("status", station.status.label(lang)),
            ("wanted", wanted.label(lang)),
        ];
        return Err(Error::Invalid(match a.kind {
            AssessmentKind::Acceptance => lang.msg("assess.wrong_status_acceptance", &args),
            AssessmentKind::Biennial => lang.msg("assess.wrong_status_biennial", &args),
        }));
    }
    if let Some(prev) = station.status_on.filter(|p| a.on < *p) {
        return Err(Error::Invalid(lang.msg(
            "assess.before_last_step",
            &[
                ("date", &fmt(a.on)),
                ("status", station.status.label(lang)),
                ("on", &fmt(prev)),
            ],
        )));
    }
    // Art. 9: the acceptance comes after the one-year construction period, not during it.
    if let Some(due) = station
        .established_on
        .map(plus_one_year)
        .filter(|due| a.kind == AssessmentKind::Acceptance && a.on < *due)
    {
        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
            "assess.construction_year",
            &[
                ("code", &station.code),
                ("until", &fmt(add_days(due, -1))),
                ("from", &fmt(due)),
            ],
        )));
    }
    Ok(())
}

/// The period given or the default one, which must start on or before the assessment date.
fn scored_period(a: &StationAssess, given: Option<Period>, station: &Station) -> Result<Period> {
    let period = match given {
        Some(p) => p,
        None => default_period(a.kind, station, a.on)?,
    };
    if a.on < period.from() {
        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
            "assess.before_period",
            &[("date", &fmt(a.on)), ("period", &period.to_string())],
        )));
    }
    Ok(period)
}

/// An assessment already stored for the period: with `--confirm-revoke`, a failing one
/// revokes the station now, on its own date; anything else is refused.
fn confirm_stored(
    ctx: &Ctx,
    store: &mut Store,
    a: &StationAssess,
    station: &Station,
    period: Period,
    old: &Assessment,
) -> Result<()> {
    if !a.confirm_revoke || !store.read(|r| ctx.rubric(r))?.failed(a.kind, &old.grade) {
        let grade = match (ctx.lang, old.grade.as_str()) {
            (crate::i18n::Lang::Zh, "pass") => "合格",
            (crate::i18n::Lang::Zh, "fail") => "不合格",
            (_, g) => g,
        };
        return Err(Error::Invalid(ctx.lang.msg(
            "assess.already_recorded",
            &[
                ("kind", a.kind.label(ctx.lang)),
                ("code", &station.code),
                ("period", &period.to_string()),
                ("on", &fmt(old.on)),
                ("grade", grade),
            ],
        )));
    }
    let after = station.step(StationStatus::Revoked, old.on)?;
    let note = format!(
        "{} assessment {period}: {} ({}), revocation confirmed",
        a.kind.as_str(),
        old.total,
        old.grade
    );
    store.write(&ctx.writer(), |w| super::record_step(w, station, &after, &note))?;
    render::note(&ctx.lang.msg(
        "assess.revoked_stored",
        &[
            ("code", &station.code),
            ("date", &fmt(old.on)),
            ("kind", a.kind.label(ctx.lang)),
            ("period", &period.to_string()),
            ("total", &old.total.to_string()),
        ],
    ));
    Ok(())
}

/// Scores the station for the period as of the assessment date, with the rubric in force.
fn score(
    ctx: &Ctx,
    store: &Store,
    rubric: &Rubric,
    a: &StationAssess,
    station: &Station,
    period: Period,
) -> Result<(Assessment, Scorecard)> {
    let recs = store.read(|r| r.load_station(&station.code, period, a.on))?;
    let mut card = crate::rubric::score(rubric, &recs, period, a.on);
    if a.kind == AssessmentKind::Acceptance {
        // Art. 9: an acceptance passes or fails; the three grades are the biennial's.
        card.grade = rubric.acceptance_grade(card.total);
    }
    let mlang = ctx.lang_or(Lang::En);
    let result = Assessment {
        station: station.code.clone(),
        kind: a.kind,
        period: period.to_string(),
        on: a.on,
        total: card.total,
        grade: card.grade.id.clone(),
        rubric: card.rubric_id.clone(),
        scorecard: card.json(station, mlang),
    };
    Ok((result, card))
}

/// The status step a new result entails: a passed acceptance accepts the station, a failure
/// with `--confirm-revoke` revokes it.
fn entailed_step(kind: AssessmentKind, failed: bool, confirm_revoke: bool) -> Option<StationStatus> {
    if !failed && kind == AssessmentKind::Acceptance {
        Some(StationStatus::Accepted)
    } else if failed && confirm_revoke {
        Some(StationStatus::Revoked)
    } else {
        None
    }
}

/// Stores the result and the status step it entails, in one transaction.
fn record(
    ctx: &Ctx,
    store: &mut Store,
    station: &Station,
    result: &Assessment,
    step: Option<StationStatus>,
    note: &str,
) -> Result<()> {
    let after = step.map(|to| station.step(to, result.on)).transpose()?;
    store.write(&ctx.writer(), |w| {
        store::assessments::insert(w, result)?;
        match &after {
            Some(after) => super::record_step(w, station, after, note),
            None => Ok(()),
        }
    })
}

/// The message on stderr saying what became of the station.
fn outcome(
    l: crate::i18n::Lang,
    station: &Station,
    step: Option<StationStatus>,
    failed: bool,
    on: NaiveDate,
    note: &str,
) -> String {
    let (code, on) = (station.code.as_str(), fmt(on));
    match step {
        Some(StationStatus::Accepted) => l.msg("assess.accepted", &[("code", code), ("date", &on)]),
        Some(_) => l.msg("assess.revoked", &[("code", code), ("date", &on)]),
        None if !failed => l.msg("assess.kept", &[("code", code)]),
        None => l.msg("assess.failed", &[("code", code), ("date", &on), ("note", note)]),
    }
}

/// The stored result on stdout: its JSON with the scorecard, or its details.
fn show(
    ctx: &Ctx,
    format: Format,
    a: &StationAssess,
    period: Period,
    result: &Assessment,
    card: &Scorecard,
) -> Result<()> {
    if format == Format::Json {
        return render::json(&json!({
            "station": result.station, "kind": result.kind, "period": result.period,
            "on": fmt(result.on), "total": result.total, "grade": result.grade,
            "rubric": result.rubric, "scorecard": result.scorecard,
        }));
    }
    let l = ctx.lang;
    let pairs = vec![
        (l.label("label.station_2"), result.station.clone()),
        (l.label("label.kind"), a.kind.label(l).to_string()),
        (l.label("label.period_5"), period_text(period)),
        (l.label("label.assessed_on"), fmt(a.on)),
        (l.label("label.rubric"), result.rubric.clone()),
        (l.label("label.total"), result.total.to_string()),
        (
            l.label("label.grade"),
            l.t(&card.grade.name_en, &card.grade.name_zh).to_string(),
        ),
    ];
    render::out(&render::details(ctx.style, &pairs))
}

/// A period with its bounds, unless it is written as its bounds already.
fn period_text(p: Period) -> String {
    match p {
        Period::Range(..) => p.to_string(),
        _ => format!("{p} ({}..{})", fmt(p.from()), fmt(p.to())),
    }
}
