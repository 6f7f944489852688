//! `ipguard report generate quarterly|annual`: the documents a station sends to the city office
//! (art. 8), built by `crate::reports` from the station's records.

use super::Ctx;
use crate::cli::report::{DocKind, ReportGenerate};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::Report;
use crate::model::{Period, ReportKind};
use crate::render::{self, Format};
use crate::reports::content::DocumentKind;
use crate::reports::gap_list::Gaps;
use crate::reports::{content, markdown};
use crate::store;

/// The period, checked against the kind of document.
fn period(kind: DocKind, text: &str) -> Result<Period> {
    let p: Period = text.parse().map_err(Error::Usage)?;
    match (kind, p) {
        (DocKind::Quarterly, Period::Quarter(..)) => Ok(p),
        (DocKind::Annual, Period::Years(a, b)) if a == b => Ok(p),
        (DocKind::Quarterly, _) => Err(Error::Usage(
            crate::i18n::Lang::current().msg("doc.quarter_needed", &[("value", text.trim())]),
        )),
        (DocKind::Annual, _) => Err(Error::Usage(
            crate::i18n::Lang::current().msg("doc.year_needed", &[("value", text.trim())]),
        )),
        (DocKind::City, _) => Ok(p),
    }
}

pub fn generate(ctx: &Ctx, a: ReportGenerate) -> Result<()> {
    let offered: &[Format] = match a.kind {
        DocKind::City => &[Format::Markdown, Format::Json, Format::Html],
        _ => &[Format::Markdown, Format::Json],
    };
    let format = ctx.format(offered)?;
    let period = period(a.kind, &a.period)?;
    let code = match (a.kind, &a.station) {
        (DocKind::City, Some(_)) => return Err(Error::Usage(ctx.lang.msg("doc.city_no_station", &[]))),
        (DocKind::City, None) => None,
        (_, Some(code)) => Some(code.clone()),
        (_, None) => return Err(Error::Usage(ctx.lang.msg("doc.station_needed", &[]))),
    };
    let as_of = match a.as_of {
        Some(d) => {
            if d < period.from() {
                return Err(Error::Usage(ctx.lang.msg(
                    "period.as_of_before",
                    &[
                        ("date", &fmt(d)),
                        ("period", &period.to_string()),
                        ("from", &fmt(period.from())),
                    ],
                )));
            }
            ctx.not_future("when.as_of", d)?;
            d
        }
        // The annual summary carries a score, and the city report is read at assessment time
        // (when the reports due after the period's end are known): like `score`, both judge at
        // today, so that one question has one total. A quarterly report describes its quarter
        // as it ended.
        None if matches!(a.kind, DocKind::Annual | DocKind::City) => ctx.today,
        None => ctx.today.min(period.to()),
    };
    if as_of < period.from() {
        return Err(Error::Invalid(ctx.lang.msg(
            "doc.period_not_started",
            &[("period", &period.to_string()), ("today", &fmt(ctx.today))],
        )));
    }
    if let Some(p) = a.output.as_deref() {
        render::file::refuse_database(p, &ctx.db)?;
    }
    let store = ctx.store()?;
    let Some(code) = code else {
        return city(ctx, &store, format, period, as_of, a.output.as_deref(), a.force);
    };
    // The figures and the audit head printed with them from one snapshot.
    let (station, rubric, recs, head) = store.read(|r| {
        let station = super::lookup::station(r, &code)?;
        let rubric = ctx.rubric(r)?;
        let recs = r.load_station(&station.code, period, as_of)?;
        let shares = r.satisfaction(Some(&station.code), &period, as_of)?;
        Ok((station, rubric, (recs, shares), r.audit_head()?))
    })?;
    let (recs, shares) = recs;
    let kind = match a.kind {
        DocKind::Quarterly => DocumentKind::Quarterly,
        DocKind::Annual | DocKind::City => DocumentKind::Annual,
    };
    // A document for the city office: Chinese unless another language is asked for.
    let doc_lang = ctx.lang_or(Lang::Zh);
    // Machine output speaks English unless a language was asked for.
    let mlang = ctx.lang_or(Lang::En);
    let text_lang = if format == Format::Json { mlang } else { doc_lang };
    let mut doc = content::build(kind, &station, &rubric, &recs, period, as_of, head);
    doc.generated_on = fmt(ctx.today);
    doc.satisfaction = content::Shares::of(&shares);
    if a.kind == DocKind::Annual {
        let card = crate::rubric::score(&rubric, &recs, period, as_of);
        doc.score = Some(card.json(&station, text_lang));
        // The summary being written is no gap of its own: the gaps count it as submitted on
        // the as-of date when it is not recorded yet (the score above stays the one `score`
        // gives, which counts only what was recorded).
        let year = period.to().format("%Y").to_string();
        let own = recs
            .reports
            .iter()
            .any(|r| r.kind == ReportKind::AnnualSummary && r.period == year && r.submitted_on <= as_of);
        let mut with_own = recs.clone();
        if !own {
            with_own.reports.push(Report {
                station: station.code.clone(),
                kind: ReportKind::AnnualSummary,
                period: year,
                submitted_on: as_of,
            });
        }
        let own_card = crate::rubric::score(&rubric, &with_own, period, as_of);
        let plan = crate::rubric::gaps::plan(&rubric, &with_own, &own_card);
        let mut gaps = Gaps::from_plan(&plan, text_lang);
        if !own {
            let on = fmt(as_of);
            gaps.notes.insert(
                0,
                match text_lang {
                    Lang::En => format!(
                        "this summary is counted as submitted on {on}; record it with: ipguard report submit"
                    ),
                    Lang::Zh => {
                        format!("以下按本总结于 {on} 报送计算，报送后请用 ipguard report submit 登记")
                    }
                },
            );
        }
        doc.gaps = Some(gaps);
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&doc)?,
        _ => markdown::render(&doc, doc_lang).trim_end().to_string(),
    };
    render::document(a.output.as_deref(), a.force, &text)
}

/// `report generate city`: every station's records of the period, and the cases of the
/// period before it, counted for the city office.
fn city(
    ctx: &Ctx,
    store: &store::Store,
    format: Format,
    period: Period,
    as_of: chrono::NaiveDate,
    output: Option<&std::path::Path>,
    force: bool,
) -> Result<()> {
    use crate::reports::city;
    let prev = city::previous(period);
    fn in_period(p: &Period) -> store::cases::Filter<'_> {
        store::cases::Filter {
            period: Some(p),
            ..Default::default()
        }
    }
    // Every figure and the audit head printed with them from one snapshot.
    let (rubric, cases, previous_cases, stations, activities, reports, head, shares) = store.read(|r| {
        Ok((
            ctx.rubric(r)?,
            r.cases(&in_period(&period))?,
            r.cases(&in_period(&prev))?,
            r.stations()?,
            r.activities(None, Some(&period))?,
            r.reports(None, None)?,
            r.audit_head()?,
            r.satisfaction(None, &period, as_of)?,
        ))
    })?;
    let mut doc = city::build(&city::Inputs {
        rubric: &rubric,
        stations: &stations,
        cases: &cases,
        previous_cases: &previous_cases,
        activities: &activities,
        reports: &reports,
        period,
        as_of,
        head,
    });
    doc.generated_on = fmt(ctx.today);
    doc.satisfaction = content::Shares::of(&shares);
    let doc_lang = ctx.lang_or(Lang::Zh);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&doc)?,
        Format::Html => crate::pages::city::page(&doc, doc_lang),
        _ => crate::reports::city_markdown::render(&doc, doc_lang)
            .trim_end()
            .to_string(),
    };
    render::document(output, force, &text)
}
