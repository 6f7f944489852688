//! `ipguard station assess`: the official acceptance or biennial assessment (art. 9), scored
//! as of its date with the rubric in force and stored with its full scorecard.

use super::Ctx;
use crate::cli::assess::{AssessKind, StationAssess};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::{add_days, fmt, plus_one_year};
use crate::model::records::Station;
use crate::model::{Period, StationStatus};
use crate::render::{self, Format};
use crate::store::{self, assessments::Assessment};
use chrono::Datelike;
use serde_json::json;

/// The period scored by default.
fn default_period(kind: AssessKind, s: &Station, on: chrono::NaiveDate) -> Result<Period> {
    match kind {
        AssessKind::Acceptance => {
            let e = s.established_on.ok_or_else(|| {
                Error::Invalid(format!(
                    "station {} has no establishment date: give the construction year with --period",
                    s.code
                ))
            })?;
            Ok(Period::Range(e, add_days(plus_one_year(e), -1)))
        }
        AssessKind::Biennial => Ok(Period::Years(on.year() - 2, on.year() - 1)),
    }
}

pub fn assess(ctx: &Ctx, a: StationAssess) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let given: Option<Period> = a
        .period
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(Error::Usage)?;
    if let Some(p) = given.filter(|p| a.on < p.from()) {
        return Err(Error::Usage(format!(
            "--on {} is before the period {p} starts ({}): give a date on or after it",
            fmt(a.on),
            fmt(p.from())
        )));
    }
    ctx.not_future("the assessment date", a.on)?;
    let mut store = ctx.store()?;
    let station = super::station::require(&store, &a.code)?;
    let wanted = match a.kind {
        AssessKind::Acceptance => StationStatus::Established,
        AssessKind::Biennial => StationStatus::Accepted,
    };
    if station.status != wanted {
        return Err(Error::Invalid(format!(
            "station {} is {}: {} assessment is for a station that is {}",
            station.code,
            station.status,
            match a.kind {
                AssessKind::Acceptance => "an acceptance",
                AssessKind::Biennial => "a biennial",
            },
            wanted
        )));
    }
    if let Some(prev) = station.status_on.filter(|p| a.on < *p) {
        return Err(Error::Invalid(format!(
            "the assessment date {} is before the station's last step ({} on {})",
            fmt(a.on),
            station.status,
            fmt(prev)
        )));
    }
    let period = match given {
        Some(p) => p,
        None => default_period(a.kind, &station, a.on)?,
    };
    if a.on < period.from() {
        return Err(Error::Invalid(format!(
            "the assessment date {} is before the period {period} starts",
            fmt(a.on)
        )));
    }
    if let Some(old) =
        store::assessments::get(store.conn(), &station.code, a.kind.as_str(), &period.to_string())?
    {
        if old.grade == "fail" && a.confirm_revoke {
            // The failing result is stored already: confirming it revokes the station now.
            let after = super::station::check_step(&station, StationStatus::Revoked, old.on)?;
            let note = format!(
                "{} assessment {period}: {} (fail), revocation confirmed",
                a.kind.as_str(),
                old.total
            );
            store.write(&ctx.writer(), |w| {
                super::station::record_step(w, &station, &after, &note)
            })?;
            render::note(&format!(
                "station {} revoked on {} on its stored {} result for {period} ({}, fail): it accepts no new cases",
                station.code,
                fmt(old.on),
                a.kind.as_str(),
                old.total
            ));
            return Ok(());
        }
        return Err(Error::Invalid(format!(
            "the {} assessment of station {} for {period} was already recorded on {} ({})",
            a.kind.as_str(),
            station.code,
            fmt(old.on),
            old.grade
        )));
    }
    let rubric = ctx.rubric(&store)?;
    let recs = store::records::load_station(store.conn(), &station.code, period, a.on)?;
    let card = crate::rubric::score(&rubric, &recs, period, a.on);
    let mlang = if ctx.lang_given { ctx.lang } else { Lang::En };
    let result = Assessment {
        station: station.code.clone(),
        kind: a.kind.as_str().to_string(),
        period: period.to_string(),
        on: a.on,
        total: card.total,
        grade: card.grade.id.clone(),
        rubric: card.rubric_id.clone(),
        scorecard: super::score::card_json(&station, &card, mlang),
    };
    let failed = result.grade == "fail";
    let note = format!(
        "{} assessment {}: {} ({})",
        a.kind.as_str(),
        period,
        result.total,
        result.grade
    );
    // The result and the status step it entails are written in one transaction.
    let step = if !failed && a.kind == AssessKind::Acceptance {
        Some(StationStatus::Accepted)
    } else if failed && a.confirm_revoke {
        Some(StationStatus::Revoked)
    } else {
        None
    };
    let after = step
        .map(|to| super::station::check_step(&station, to, a.on))
        .transpose()?;
    store.write(&ctx.writer(), |w| {
        store::assessments::insert(w, &result)?;
        match &after {
            Some(after) => super::station::record_step(w, &station, after, &note),
            None => Ok(()),
        }
    })?;
    let outcome = match step {
        Some(StationStatus::Accepted) => format!("station {} accepted on {}", station.code, fmt(a.on)),
        Some(_) => format!("station {} revoked on {}: it accepts no new cases", station.code, fmt(a.on)),
        None if !failed => format!("station {} keeps its status (accepted)", station.code),
        None => format!(
            "station {} failed; its status is unchanged. To revoke it: ipguard station advance {} --to revoked --on {} --note '{}'",
            station.code,
            station.code,
            fmt(a.on),
            note
        ),
    };
    if format == Format::Json {
        render::json(&json!({
            "station": result.station, "kind": result.kind, "period": result.period,
            "on": fmt(result.on), "total": result.total, "grade": result.grade,
            "rubric": result.rubric, "scorecard": result.scorecard,
        }))?;
    } else {
        let l = ctx.lang;
        let pairs = vec![
            (l.t("Station", "工作站"), station.code.clone()),
            (l.t("Kind", "类型"), a.kind.as_str().to_string()),
            (
                l.t("Period", "期间"),
                format!("{period} ({}..{})", fmt(period.from()), fmt(period.to())),
            ),
            (l.t("As of", "评估日"), fmt(a.on)),
            (l.t("Rubric", "考核标准"), result.rubric.clone()),
            (l.t("Total", "总分"), result.total.to_string()),
            (
                l.t("Grade", "等级"),
                l.t(&card.grade.name_en, &card.grade.name_zh).to_string(),
            ),
        ];
        render::out(&render::details(ctx.style, &pairs))?;
    }
    render::note(&outcome);
    Ok(())
}

/// Past results as a table (for `station show`).
pub fn table(ctx: &Ctx, results: &[Assessment]) -> String {
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|a| {
            vec![
                fmt(a.on),
                a.kind.clone(),
                a.period.clone(),
                a.total.to_string(),
                a.grade.clone(),
                a.rubric.clone(),
            ]
        })
        .collect();
    let header = [
        l.t("Date", "日期"),
        l.t("Kind", "类型"),
        l.t("Period", "期间"),
        l.t("Total", "总分"),
        l.t("Grade", "等级"),
        l.t("Rubric", "考核标准"),
    ];
    render::table(ctx.style, &header, &rows)
}
