//! `ipguard import` and `ipguard export`: files in, files out (formats.md, CSV).

use super::importing::import_sources;
use super::Ctx;
use crate::cli::csv::{ExportArgs, ImportArgs};
use crate::csvio::decode::Source;
use crate::csvio::export::{self, Filter};
use crate::csvio::import::Options;
use crate::csvio::Kind;
use crate::error::{Error, Result};
use crate::render;
use crate::store;
use std::io::IsTerminal;

fn files(a: &ImportArgs) -> Result<Vec<(Kind, Source)>> {
    if let Some(dir) = &a.dir {
        if !dir.is_dir() {
            return Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current()
                .msg("import.no_directory", &[("dir", &dir.display().to_string())]))));
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
            let sep = crate::i18n::Lang::current().label("label.list_comma");
            return Err(Error::Usage(crate::i18n::Lang::current().msg(
                "import.dir_empty",
                &[("dir", &dir.display().to_string()), ("files", &names.join(sep))],
            )));
        }
        return Ok(found);
    }
    match (a.kind, &a.file) {
        (Some(k), Some(f)) => Ok(vec![(k, Source::from_arg(f).spooled()?)]),
        _ => Err(Error::Usage(crate::i18n::Lang::current().msg("import.what", &[]))),
    }
}

/// How many generated ids the summary lists per file (`--ids-out` writes them all).
const IDS_SHOWN: usize = 20;

pub fn import(ctx: &Ctx, a: ImportArgs) -> Result<()> {
    if let Some(path) = &a.ids_out {
        render::file::refuse_database(path, &ctx.db)?;
        render::file::check_target(path, a.force, &ctx.lang.msg("file.what_file", &[]), false)?;
    }
    let files = files(&a)?;
    // A dry run writes nothing, not even a new database file: against a database that does
    // not exist yet it checks the files against an empty one in memory.
    let on_server = crate::store::server::is_url(&ctx.db.to_string_lossy());
    let mut store = if a.dry_run && !on_server && !ctx.db.exists() {
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
        let args = [("file", s.file.as_str()), ("counts", &s.counts())];
        render::note(&if a.dry_run {
            ctx.lang.msg("import.summary_dry_run", &args)
        } else {
            ctx.lang.msg("import.summary", &args)
        });
        for (line, id) in s.generated.iter().take(IDS_SHOWN) {
            let args = [("file", s.file.as_str()), ("line", &line.to_string()), ("id", id)];
            render::note(&if a.dry_run {
                ctx.lang.msg("import.would_get_id", &args)
            } else {
                ctx.lang.msg("import.got_id", &args)
            });
        }
        if s.generated.len() > IDS_SHOWN {
            let more = (s.generated.len() - IDS_SHOWN).to_string();
            let args = [("file", s.file.as_str()), ("more", &more)];
            render::note(&if a.ids_out.is_some() {
                ctx.lang.msg("import.more_ids_in_file", &args)
            } else {
                ctx.lang.msg("import.more_ids", &args)
            });
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

pub fn export(ctx: &Ctx, a: ExportArgs) -> Result<()> {
    if let Some(dir) = &a.dir {
        return export_dir(ctx, &a, dir);
    }
    let kind = a
        .kind
        .ok_or_else(|| Error::Usage(ctx.lang.msg("export.what", &[])))?;
    if let Some(path) = &a.output {
        render::file::refuse_database(path, &ctx.db)?;
        render::file::check_target(path, a.force, &ctx.lang.msg("file.what_file", &[]), false)?;
    }
    let store = ctx.store()?;
    // The filter's check and every row written from one snapshot.
    store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        let filter = Filter {
            station: a.station.clone(),
            period: a.period,
        };
        match &a.output {
            // Written beside the target and renamed over it once complete: a failure leaves
            // the previous file as it was.
            Some(path) => {
                render::file::write_file(path, a.force, |out| export::export(r, kind, &filter, out, a.bom))
            }
            None => render::csv(|out| export::export(r, kind, &filter, out, a.bom)),
        }
    })
}

/// `export --dir DIR`: every kind into `DIR/<KIND>.csv`, all from one snapshot. Every file is
/// checked before the first is written (an existing one is replaced only with `--force`);
/// each is written beside its name and renamed into place.
fn export_dir(ctx: &Ctx, a: &ExportArgs, dir: &std::path::Path) -> Result<()> {
    let store = ctx.store()?;
    if dir.exists() && !dir.is_dir() {
        let shown = dir.display().to_string();
        return Err(Error::Other(anyhow::anyhow!(ctx
            .lang
            .msg("export.not_a_dir", &[("dir", &shown)]))));
    }
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| {
            let (shown, error) = (dir.display().to_string(), e.to_string());
            let args = [("dir", shown.as_str()), ("error", error.as_str())];
            Error::Other(anyhow::anyhow!(ctx.lang.msg("export.cannot_create_dir", &args)))
        })?;
    }
    let targets: Vec<(Kind, std::path::PathBuf)> =
        Kind::ALL.iter().map(|k| (*k, dir.join(k.file_name()))).collect();
    for (_, path) in &targets {
        render::file::refuse_database(path, &ctx.db)?;
        render::file::check_target(path, a.force, "the file", false)?;
    }
    store.read(|r| {
        super::lookup::check_filter(r, a.station.as_deref())?;
        let filter = Filter {
            station: a.station.clone(),
            period: None,
        };
        for (kind, path) in &targets {
            render::file::write_file(path, a.force, |out| export::export(r, *kind, &filter, out, a.bom))?;
        }
        Ok(())
    })
}
