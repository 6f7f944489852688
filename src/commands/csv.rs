//! `ipguard import` and `ipguard export`: files in, files out (formats.md, CSV).

use super::Ctx;
use crate::cli::csv::{ExportArgs, ImportArgs};
use crate::csvio::decode::Source;
use crate::csvio::export::{self, Filter};
use crate::csvio::import::{import_file, Errors, Options, Summary};
use crate::csvio::kinds::Checks;
use crate::csvio::Kind;
use crate::error::{Error, Result};
use crate::render;
use crate::store;
use std::collections::HashMap;
use std::io::IsTerminal;

/// The bonus items awards may name.
const BONUS_ITEMS: [&str; 4] = ["B1", "B2", "B3", "B4"];

fn files(a: &ImportArgs) -> Result<Vec<(Kind, Source)>> {
    if let Some(dir) = &a.dir {
        if !dir.is_dir() {
            return Err(Error::Other(anyhow::anyhow!(
                "cannot read the directory {}: it does not exist or is not a directory",
                dir.display()
            )));
        }
        // A pipe or FIFO of that name is read like stdin; a device or directory is refused.
        let found: Vec<(Kind, Source)> = Kind::ALL
            .iter()
            .map(|k| (*k, dir.join(k.file_name())))
            .filter(|(_, p)| std::fs::metadata(p).is_ok())
            .map(|(k, p)| Source::File(p).spooled().map(|s| (k, s)))
            .collect::<Result<_>>()?;
        if found.is_empty() {
            let names: Vec<String> = Kind::ALL.iter().map(|k| k.file_name()).collect();
            return Err(Error::Usage(format!(
                "{} holds none of the files import reads: {}",
                dir.display(),
                names.join(", ")
            )));
        }
        return Ok(found);
    }
    match (a.kind, &a.file) {
        (Some(k), Some(f)) => Ok(vec![(k, Source::from_arg(f).spooled()?)]),
        _ => Err(Error::Usage("give KIND and FILE, or --dir DIR".into())),
    }
}

/// How many generated ids the summary lists per file (`--ids-out` writes them all).
const IDS_SHOWN: usize = 20;

pub fn import(ctx: &Ctx, a: ImportArgs) -> Result<()> {
    if let Some(path) = &a.ids_out {
        render::file::refuse_database(path, &ctx.db)?;
        render::file::check_target(path, a.force, "the file", false)?;
    }
    let files = files(&a)?;
    // A dry run writes nothing, not even a new database file: against a database that does
    // not exist yet it checks the files against an empty one in memory.
    let mut store = if a.dry_run && !ctx.db.exists() {
        store::Store::empty_in_memory(&ctx.db)?
    } else {
        ctx.store()?
    };
    let opts = Options {
        ignore_unknown: a.ignore_unknown,
        encoding: a.encoding,
        progress: std::io::stderr().is_terminal(),
    };
    let done = import_sources(ctx, &mut store, &files, &opts, a.dry_run, a.again)?;
    for s in &done {
        let tail = if a.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        };
        render::note(&format!("{}: {}{tail}", s.file, s.counts()));
        let given = if a.dry_run { "would get" } else { "got" };
        for (line, id) in s.generated.iter().take(IDS_SHOWN) {
            render::note(&format!("{}:{line}: {given} the id {id}", s.file));
        }
        if s.generated.len() > IDS_SHOWN {
            let more = s.generated.len() - IDS_SHOWN;
            let all = if a.ids_out.is_some() {
                "all are in the --ids-out file"
            } else {
                "--ids-out FILE writes them all"
            };
            render::note(&format!("{}: … and {more} more new ids ({all})", s.file));
        }
    }
    if let Some(path) = &a.ids_out {
        let generated: Vec<&(u64, String)> = done.iter().flat_map(|s| &s.generated).collect();
        render::file::write_file(path, a.force, |out| {
            writeln!(out, "line,id")?;
            for (line, id) in &generated {
                writeln!(out, "{line},{id}")?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Refuses the files whose very bytes an earlier import brought in (its audit entry has the
/// same SHA-256), one line each, unless `again`.
fn imported_before(w: &store::Writer<'_>, done: &[Summary]) -> Result<()> {
    let mut lines = Vec::new();
    for s in done {
        if let Some((seq, at)) = w.imported_before(&s.sha256)? {
            let day = at.get(..10).unwrap_or(&at);
            lines.push(format!(
                "{}: this file was imported on {day} (audit entry {seq}): give --again to import it again",
                s.file
            ));
        }
    }
    if lines.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidRows(lines))
    }
}

/// Imports `files` in order as one transaction (or rehearses it when `dry_run`): all or
/// nothing. `import --dir` and `demo` both go through here.
pub(super) fn import_sources(
    ctx: &Ctx,
    store: &mut store::Store,
    files: &[(Kind, Source)],
    opts: &Options,
    dry_run: bool,
    again: bool,
) -> Result<Vec<Summary>> {
    let mut bonus_max = HashMap::new();
    for id in BONUS_ITEMS {
        if let Some(max) = ctx.bonus_item_max(store, id)? {
            bonus_max.insert(id.to_string(), max);
        }
    }
    let mut checks = Checks {
        stations: Default::default(),
        bonus_max,
        today: ctx.today,
    };
    let work = |w: &mut store::Writer<'_>| -> Result<Vec<Summary>> {
        // Read inside the transaction: the check that stands in for the foreign keys.
        checks.stations = w.station_codes()?;
        let mut errors = Errors::default();
        let mut done = Vec::new();
        for (kind, source) in files {
            if let Some(s) = import_file(w, *kind, source, opts, &mut checks, &mut errors)? {
                done.push(s);
            }
        }
        // A file imported before is refused as that, whatever its rows say now.
        if !again {
            imported_before(w, &done)?;
        }
        if !errors.is_empty() {
            return Err(errors.into_error());
        }
        if !dry_run {
            for s in done.iter().filter(|s| !s.changed.is_empty()) {
                w.audit("import", &s.file, None, None, Some(&s.audit_json()))?;
            }
        }
        Ok(done)
    };
    store.begin_import()?;
    let done = if dry_run {
        store.rehearse(&ctx.writer(), work)
    } else {
        store.write(&ctx.writer(), work)
    };
    store.end_import()?;
    done
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> Result<()> {
    if let Some(path) = &a.output {
        render::file::refuse_database(path, &ctx.db)?;
        render::file::check_target(path, a.force, "the file", false)?;
    }
    let store = ctx.store()?;
    super::resources::check_filter(&store, a.station.as_deref())?;
    let filter = Filter {
        station: a.station,
        period: a.period,
    };
    match &a.output {
        // Written beside the target and renamed over it once complete: a failure leaves the
        // previous file as it was.
        Some(path) => render::file::write_file(path, a.force, |out| {
            export::export(&store, a.kind, &filter, out, a.bom)
        }),
        None => render::csv(|out| export::export(&store, a.kind, &filter, out, a.bom)),
    }
}
