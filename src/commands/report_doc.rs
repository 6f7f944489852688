//! `ipguard report generate quarterly|annual`: the documents a station sends to the city office
//! (art. 8), built by `crate::reports` from the station's records.

use super::Ctx;
use crate::cli::report::{DocKind, ReportGenerate};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::records::Report;
use crate::model::{Period, ReportKind};
use crate::render::{self, Format};
use crate::reports::gap_list::Gaps;
use crate::reports::{content, markdown};
use crate::store;

/// The period, checked against the kind of document.
fn period(kind: DocKind, text: &str) -> Result<Period> {
    let p: Period = text.parse().map_err(Error::Usage)?;
    match (kind, p) {
        (DocKind::Quarterly, Period::Quarter(..)) => Ok(p),
        (DocKind::Annual, Period::Years(a, b)) if a == b => Ok(p),
        (DocKind::Quarterly, _) => Err(Error::Usage(format!(
            "a quarterly report covers a quarter such as 2024Q3, not `{}`",
            text.trim()
        ))),
        (DocKind::Annual, _) => Err(Error::Usage(format!(
            "an annual summary covers one year such as 2024, not `{}`",
            text.trim()
        ))),
    }
}

pub fn generate(ctx: &Ctx, a: ReportGenerate) -> Result<()> {
    let format = ctx.format(&[Format::Markdown, Format::Json])?;
    let period = period(a.kind, &a.period)?;
    let as_of = match a.as_of {
        Some(d) => {
            if d < period.from() {
                return Err(Error::Usage(format!(
                    "--as-of {} is before the period {period} starts ({}): give a date on or after it",
                    fmt(d),
                    fmt(period.from())
                )));
            }
            ctx.not_future("--as-of", d)?;
            d
        }
        // The annual summary carries a score: the same default as `score`, so that one
        // question has one total. A quarterly report describes its quarter as it ended.
        None if a.kind == DocKind::Annual => ctx.today,
        None => ctx.today.min(period.to()),
    };
    if as_of < period.from() {
        return Err(Error::Invalid(format!(
            "the period {period} has not started yet (today is {}): nothing to report",
            fmt(ctx.today)
        )));
    }
    let store = ctx.store()?;
    let station = super::station::require(&store, &a.station)?;
    let rubric = ctx.rubric(&store)?;
    let recs = store::records::load_station(store.conn(), &station.code, period, as_of)?;
    let head = store::audit::head(store.conn())?;
    let kind = match a.kind {
        DocKind::Quarterly => "quarterly",
        DocKind::Annual => "annual",
    };
    // A document for the city office: Chinese unless another language is asked for.
    let doc_lang = ctx.lang_or(Lang::Zh);
    // Machine output speaks English unless a language was asked for.
    let mlang = ctx.lang_or(Lang::En);
    let text_lang = if format == Format::Json { mlang } else { doc_lang };
    let mut doc = content::build(kind, &station, &rubric, &recs, period, as_of, head);
    doc.generated_on = fmt(ctx.today);
    if a.kind == DocKind::Annual {
        let card = crate::rubric::score(&rubric, &recs, period, as_of);
        doc.score = Some(super::score::card_json(&station, &card, text_lang));
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
    match format {
        Format::Json => render::json(&doc),
        _ => render::out(markdown::render(&doc, doc_lang).trim_end()),
    }
}
