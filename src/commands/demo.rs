//! `ipguard demo`: loads the demo dataset built into the binary (three Chongqing stations,
//! 2024) into a fresh database through the same import as `import --dir`, then prints the
//! ranking and one scorecard.

use super::Ctx;
use crate::cli::demo::DemoArgs;
use crate::cli::score::ScoreArgs;
use crate::cli::Command;
use crate::csvio::decode::Source;
use crate::csvio::import::Options;
use crate::csvio::Kind;
use crate::error::{Error, Result};
use crate::model::Period;
use crate::render::{self, Format};
use crate::store;

/// The database the demo writes when neither `--db` nor `IPGUARD_DB` is given.
pub const DEFAULT_DB: &str = "ipguard-demo.db";

/// The period the demo data covers.
const PERIOD: &str = "2024";

macro_rules! embedded {
    ($kind:expr, $file:literal) => {
        (
            $kind,
            Source::Embedded {
                name: concat!("demo/", $file),
                bytes: include_bytes!(concat!("../../fixtures/demo/", $file)),
            },
        )
    };
}

/// The demo CSVs, in import order (stations first).
fn sources() -> Vec<(Kind, Source)> {
    vec![
        embedded!(Kind::Stations, "stations.csv"),
        embedded!(Kind::Staff, "staff.csv"),
        embedded!(Kind::Experts, "experts.csv"),
        embedded!(Kind::Funding, "funding.csv"),
        embedded!(Kind::Cases, "cases.csv"),
        embedded!(Kind::Activities, "activities.csv"),
        embedded!(Kind::Reports, "reports.csv"),
        embedded!(Kind::Awards, "awards.csv"),
        embedded!(Kind::Complaints, "complaints.csv"),
    ]
}

/// Records the demo's plans, special plans and risk notices (`fixtures/demo/case_events.csv`:
/// case, kind, date, title, note), which no CSV kind imports, as `case note` would.
fn record_events(ctx: &Ctx, store: &mut store::Store) -> Result<usize> {
    let text: &[u8] = include_bytes!("../../fixtures/demo/case_events.csv");
    let events = store.read(|r| {
        let mut events = Vec::new();
        for rec in csv::Reader::from_reader(text).records() {
            let rec = rec.map_err(|e| Error::Other(e.into()))?;
            let cell = |i: usize| rec.get(i).unwrap_or_default().to_string();
            let case = r
                .case(&cell(0))?
                .ok_or_else(|| Error::Other(anyhow::anyhow!("demo event for unknown case {}", cell(0))))?;
            let event = crate::model::recorded::CaseEvent {
                case_id: case.id.clone(),
                kind: cell(1).parse().map_err(Error::Invalid)?,
                on: crate::model::date::parse_date(&cell(2)).map_err(Error::Invalid)?,
                title: cell(3),
                note: cell(4),
            };
            events.push((case.station, event));
        }
        Ok(events)
    })?;
    store.write(&ctx.writer(), |w| {
        for (station, e) in &events {
            store::cases::add_event(w, station, e)?;
        }
        Ok(())
    })?;
    Ok(events.len())
}

/// The codes of the demo stations (first cell of each line after the header).
fn station_codes() -> Vec<&'static str> {
    let text = include_str!("../../fixtures/demo/stations.csv");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|c| !c.is_empty())
        .collect()
}

pub fn run(ctx: &Ctx, a: DemoArgs) -> Result<()> {
    ctx.format(&[Format::Table])?;
    if let Some(dir) = &a.export {
        return export(dir, ctx.lang);
    }
    let period: Period = PERIOD.parse().map_err(Error::Usage)?;
    if a.as_of < period.from() {
        return Err(Error::Usage(ctx.lang.msg(
            "demo.too_early",
            &[
                ("date", &crate::model::date::fmt(a.as_of)),
                ("period", PERIOD),
                ("from", &crate::model::date::fmt(period.from())),
            ],
        )));
    }
    let codes = station_codes();
    if !codes.contains(&a.station.as_str()) {
        return Err(Error::Invalid(ctx.lang.msg(
            "demo.unknown_station",
            &[("code", &a.station), ("codes", &codes.join(", "))],
        )));
    }
    if ctx.db == std::path::Path::new(DEFAULT_DB) && ctx.db.exists() {
        replace_previous_demo(ctx, &codes)?;
    }
    let mut store = ctx.store()?;
    let held = store.read(|r| r.stations())?.len();
    if held > 0 {
        return Err(Error::Invalid(ctx.lang.msg(
            "demo.not_fresh",
            &[("db", &ctx.db_shown()), ("count", &held.to_string())],
        )));
    }
    let opts = Options {
        ignore_unknown: false,
        encoding: None,
        progress: false,
    };
    let done = super::importing::import_sources(ctx, &mut store, &sources(), &opts, false, true)?;
    let events = record_events(ctx, &mut store)?;
    drop(store);
    let lang = ctx.lang;
    let count = |n: u64, en: &str, zh: &str| {
        lang.msg(
            "demo.count",
            &[("count", &n.to_string()), ("kind", lang.t(en, zh))],
        )
    };
    let mut added: Vec<String> = done
        .iter()
        .map(|s| count(s.added, s.kind.name(), s.kind.name_zh()))
        .collect();
    added.push(count(events as u64, "case_events", "案件记录"));
    render::note(&lang.msg(
        "demo.loaded",
        &[
            ("db", &ctx.db_shown()),
            ("counts", &added.join(&lang.msg("demo.count_sep", &[]))),
        ],
    ));
    let as_of = crate::model::date::fmt(a.as_of);
    render::out(&lang.msg("demo.ranking", &[("period", PERIOD), ("date", &as_of)]))?;
    let score = |station: Option<String>| ScoreArgs {
        all: station.is_none(),
        station,
        period,
        as_of: Some(a.as_of),
        include_all: false,
        explain: false,
        gaps: false,
        output: None,
        force: false,
    };
    super::dispatch(ctx, Command::Score(score(None)), None)?;
    render::out("")?;
    super::dispatch(ctx, Command::Score(score(Some(a.station))), None)
}

/// Writes the demo's CSV files into `dir`, a directory that does not exist yet (so nothing of
/// the user's is overwritten); each file appears whole.
fn export(dir: &std::path::Path, lang: crate::i18n::Lang) -> Result<()> {
    if dir.exists() {
        return Err(Error::Invalid(
            lang.msg("demo.export_exists", &[("dir", &dir.display().to_string())]),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Other(anyhow::anyhow!(lang.msg(
            "demo.cannot_create",
            &[("dir", &dir.display().to_string()), ("error", &e.to_string())],
        )))
    })?;
    let mut names = Vec::new();
    for (_, source) in sources() {
        if let Source::Embedded { name, bytes } = source {
            let file = name.trim_start_matches("demo/");
            render::file::write_file(&dir.join(file), false, |out| {
                out.write_all(bytes)?;
                Ok(())
            })?;
            names.push(file);
        }
    }
    render::note(&lang.msg(
        "demo.exported",
        &[("dir", &dir.display().to_string()), ("files", &names.join(", "))],
    ));
    Ok(())
}

/// Removes the default demo database left by an earlier `ipguard demo`, so that the demo can be
/// run again; a file at that path holding other stations is kept (and refused below).
fn replace_previous_demo(ctx: &Ctx, codes: &[&str]) -> Result<()> {
    let store = ctx.store()?;
    let stations = store.read(|r| r.stations())?;
    drop(store);
    if stations.iter().all(|s| codes.contains(&s.code.as_str())) {
        for suffix in ["", "-wal", "-shm"] {
            let path = format!("{DEFAULT_DB}{suffix}");
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::Other(anyhow::anyhow!(ctx.lang.msg(
                        "demo.cannot_replace",
                        &[("path", &path), ("error", &e.to_string())],
                    ))))
                }
                _ => {}
            }
        }
    }
    Ok(())
}
