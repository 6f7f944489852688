//! `ipguard score`: one station's scorecard, or the ranking of every station.

use super::Ctx;
use crate::cli::score::ScoreArgs;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::Station;
use crate::pages;
use crate::render::{self, Format};
use crate::rubric::evidence::num;
use crate::rubric::{score, score_rows, Rubric, Scorecard};
use serde_json::{json, Value};

pub fn run(ctx: &Ctx, a: ScoreArgs) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json, Format::Csv, Format::Html])?;
    let as_of = a.as_of.unwrap_or(ctx.today);
    if as_of < a.period.from() {
        return Err(Error::Usage(ctx.lang.msg(
            "period.as_of_before",
            &[
                ("date", &fmt(as_of)),
                ("period", &a.period.to_string()),
                ("from", &fmt(a.period.from())),
            ],
        )));
    }
    let store = ctx.store()?;
    // Machine output speaks English unless a language was asked for.
    let mlang = ctx.lang_or(Lang::En);
    // A page is a document for the city office: Chinese unless another language is asked for.
    let page_lang = ctx.lang_or(Lang::Zh);
    let out = a.output.as_deref();
    let force = a.force;
    // Refused after the rubric is read, before the station is looked up (as always).
    let refuse_database = || match out {
        Some(p) => render::file::refuse_database(p, &ctx.db),
        None => Ok(()),
    };
    match a.station {
        Some(code) => {
            // The rubric, the station and its records from one snapshot: one card, one commit.
            let (rubric, station, recs) = store.read(|r| {
                let rubric = ctx.rubric(r)?;
                refuse_database()?;
                let station = super::lookup::station(r, &code)?;
                Ok((rubric, station, r.load_station(&code, a.period, as_of)?))
            })?;
            let card = score(&rubric, &recs, a.period, as_of);
            match format {
                Format::Json => render::document(out, force, &to_json(&card.json(&station, mlang))?),
                Format::Csv => render::document(out, force, &csv(&[(&station, &card)], mlang)?),
                Format::Html => {
                    let plan = crate::rubric::gaps::plan(&rubric, &recs, &card);
                    let page =
                        pages::score::scorecard(page_lang, &rubric, &station, &card, &plan, &fmt(ctx.today));
                    render::document(out, force, &page)
                }
                _ => {
                    let mut text = table(ctx, &station, &card);
                    if a.explain {
                        text.push_str(&explain(ctx.lang, &card));
                    }
                    if a.gaps {
                        text.push_str(&crate::reports::gap_text::gaps(ctx.lang, &rubric, &recs, &card));
                    }
                    render::document(out, force, text.trim_end())
                }
            }
        }
        None => {
            let r = a.period.to().min(as_of);
            // The rubric, the station list and every station's records from one snapshot.
            let (rubric, stations, mut all) = store.read(|db| {
                let rubric = ctx.rubric(db)?;
                refuse_database()?;
                let stations: Vec<Station> = db
                    .stations()?
                    .into_iter()
                    .filter(|s| a.include_all || s.in_operation(a.period.from(), r))
                    .collect();
                Ok((rubric, stations, db.load_all(a.period, as_of)?))
            })?;
            let mut cards: Vec<(Station, Scorecard)> = stations
                .into_iter()
                .map(|s| {
                    let recs = all.recs.remove(&s.code).unwrap_or_default();
                    let rows = all.cases.remove(&s.code).unwrap_or_default();
                    let card = score_rows(&rubric, &recs, &rows, a.period, as_of);
                    (s, card)
                })
                .collect();
            cards.sort_by(|(a, x), (b, y)| y.total.cmp(&x.total).then_with(|| a.code.cmp(&b.code)));
            match format {
                Format::Json => render::document(
                    out,
                    force,
                    &to_json(&Value::Array(
                        cards
                            .iter()
                            .zip(ranks(&cards))
                            .map(|((s, c), rank)| {
                                let mut v = c.json(s, mlang);
                                if let Value::Object(m) = &mut v {
                                    m.insert("rank".into(), json!(rank));
                                }
                                v
                            })
                            .collect(),
                    ))?,
                ),
                Format::Csv => {
                    let refs: Vec<(&Station, &Scorecard)> = cards.iter().map(|(s, c)| (s, c)).collect();
                    render::document(out, force, &csv(&refs, mlang)?)
                }
                Format::Html => render::document(
                    out,
                    force,
                    &pages::score::ranking(
                        page_lang,
                        &rubric,
                        &a.period.to_string(),
                        &fmt(as_of),
                        &cards,
                        &fmt(ctx.today),
                    ),
                ),
                _ => render::document(out, force, &ranking(ctx, &rubric, &cards)),
            }
        }
    }
}

fn to_json(v: &Value) -> Result<String> {
    Ok(serde_json::to_string_pretty(v)?)
}

fn csv(cards: &[(&Station, &Scorecard)], lang: Lang) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Other(e.into());
    w.write_record([
        "station", "period", "as_of", "id", "part", "max", "points", "evidence",
    ])
    .map_err(io)?;
    for (s, c) in cards {
        for i in &c.items {
            w.write_record([
                s.code.as_str(),
                &c.period.to_string(),
                &fmt(c.as_of),
                &i.id,
                i.part.as_str(),
                &i.max.to_string(),
                &i.points.to_string(),
                i.evidence.get(lang),
            ])
            .map_err(io)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| Error::Other(anyhow::anyhow!("{e}")))?;
    Ok(String::from_utf8_lossy(&bytes).trim_end().to_string())
}

fn grade_name(lang: Lang, c: &Scorecard) -> String {
    lang.t(&c.grade.name_en, &c.grade.name_zh).to_string()
}

fn table(ctx: &Ctx, s: &Station, c: &Scorecard) -> String {
    let lang = ctx.lang;
    let mut rows = Vec::new();
    let name = |zh: &str, en: &str| lang.t(en, zh).to_string();
    for p in &c.parts {
        rows.push(vec![
            p.id.clone(),
            name(&p.name_zh, &p.name_en),
            format!("{}/{}", p.points, num(p.max)),
            String::new(),
        ]);
        for i in c.items.iter().filter(|i| i.part.as_str() == p.id) {
            rows.push(vec![
                format!("  {}", i.id),
                name(&i.name_zh, &i.name_en),
                format!("{}/{}", i.points, num(i.max)),
                i.evidence.get(lang).to_string(),
            ]);
        }
    }
    for (part, en, zh, sign) in [
        ("bonus", "Bonus", "加分", "+"),
        ("penalty", "Penalty", "减分", "-"),
    ] {
        let total = if part == "bonus" { c.bonus } else { c.penalty };
        rows.push(vec![
            lang.t(en, zh).into(),
            String::new(),
            format!("{}{total}", if total.0 == 0 { "" } else { sign }),
            String::new(),
        ]);
        for i in c.items.iter().filter(|i| i.part.as_str() == part) {
            rows.push(vec![
                format!("  {}", i.id),
                name(&i.name_zh, &i.name_en),
                format!(
                    "{}{}/{}",
                    if i.points.0 == 0 { "" } else { sign },
                    i.points,
                    num(i.max)
                ),
                i.evidence.get(lang).to_string(),
            ]);
        }
    }
    let header = [
        lang.label("label.item_3"),
        lang.label("label.name_2"),
        lang.label("label.points_4"),
        lang.label("label.evidence_2"),
    ];
    format!(
        "{} {} · {} {} ({}..{}) · {} {} · {} {}\n{}\n{}: {} + {} - {} = {}{}\n{}: {}\n",
        s.code,
        s.name,
        lang.label("label.period_4"),
        c.period,
        fmt(c.period.from()),
        fmt(c.period.to()),
        lang.label("label.as_of_3"),
        fmt(c.as_of),
        lang.label("label.rubric_3"),
        c.rubric_id,
        render::table(ctx.style, &header, &rows),
        lang.label("label.base_bonus_penalty_total"),
        c.base,
        c.bonus,
        c.penalty,
        c.total,
        match lang {
            Lang::En => format!(" (as of {})", fmt(c.as_of)),
            Lang::Zh => format!("（评估日 {}）", fmt(c.as_of)),
        },
        lang.label("label.grade_2"),
        grade_name(lang, c),
    )
}

fn explain(lang: Lang, c: &Scorecard) -> String {
    let mut out = String::new();
    for i in &c.items {
        out.push_str(&format!(
            "\n{} {} ({}/{})\n",
            i.id,
            lang.t(&i.name_en, &i.name_zh),
            i.points,
            num(i.max)
        ));
        if i.explain.is_empty() {
            out.push_str(&format!("  {}\n", lang.label("label.no_rows")));
        }
        for row in &i.explain {
            out.push_str(&format!("  {}\n", row.get(lang)));
        }
    }
    out
}

/// The rank of each card, sorted highest total first: equal totals share a rank (1, 2, 2, 4).
fn ranks(cards: &[(Station, Scorecard)]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(cards.len());
    for (n, (_, c)) in cards.iter().enumerate() {
        let rank = if n == 0 || cards[n - 1].1.total != c.total {
            n + 1
        } else {
            out[n - 1]
        };
        out.push(rank);
    }
    out
}

fn ranking(ctx: &Ctx, rubric: &Rubric, cards: &[(Station, Scorecard)]) -> String {
    let lang = ctx.lang;
    let mut header: Vec<String> = vec![
        lang.label("label.rank_2").into(),
        lang.label("label.code_2").into(),
        lang.label("label.name_2").into(),
    ];
    header.extend(rubric.parts.iter().map(|p| p.id.clone()));
    for (en, zh) in [
        ("bonus", "加分"),
        ("penalty", "减分"),
        ("total", "总分"),
        ("grade", "等级"),
    ] {
        header.push(lang.t(en, zh).into());
    }
    let mut rows = Vec::new();
    for ((s, c), rank) in cards.iter().zip(ranks(cards)) {
        let mut row = vec![rank.to_string(), s.code.clone(), s.name.clone()];
        row.extend(c.parts.iter().map(|p| p.points.to_string()));
        row.extend([
            c.bonus.to_string(),
            c.penalty.to_string(),
            c.total.to_string(),
            grade_name(lang, c),
        ]);
        rows.push(row);
    }
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    render::table(ctx.style, &h, &rows)
}
