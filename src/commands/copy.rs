//! `ipguard copy --from SRC --to DST`: every record of SRC, and its audit log entry for entry,
//! into DST — a new or empty file, or an empty server database. The copy is one transaction
//! at DST (a new file gets its name only when complete); DST's audit head is SRC's after it.

use super::Ctx;
use crate::cli::copy::CopyArgs;
use crate::error::{Error, Result};
use crate::render::file::{check_target, same_file, Staged};
use crate::store::server::{is_url, process_env, resolve};
use crate::store::Store;
use std::path::Path;

pub fn run(ctx: &Ctx, a: CopyArgs) -> Result<()> {
    let l = ctx.lang;
    if same_store(&a.from, &a.to)? {
        return Err(Error::Usage(l.msg(
            "copy.same",
            &[("src", &super::shown(&a.from)), ("dst", &super::shown(&a.to))],
        )));
    }
    let src = if is_url(&a.from) {
        Store::connect(&a.from)?
    } else {
        Store::open_existing(Path::new(&a.from))?
    };
    if let Some(code) = a.station.as_deref() {
        return station(ctx, &a, &src, code);
    }
    let copied = if is_url(&a.to) {
        let mut dst = Store::connect(&a.to)?;
        refuse_nonempty(&dst, &a.to, l)?;
        src.copy_into(&mut dst, &mut |_, _| {})?
    } else {
        let path = Path::new(&a.to);
        if std::fs::symlink_metadata(path).is_ok() {
            // An existing file: it must hold no records (a file just made by `server`-less
            // commands, or by an import of headers only); copied into in one transaction.
            check_target(path, true, &l.msg("copy.destination", &[]), false)?;
            let mut dst = Store::open(path)?;
            refuse_nonempty(&dst, &a.to, l)?;
            src.copy_into(&mut dst, &mut |_, _| {})?
        } else {
            check_target(path, false, &l.msg("copy.destination", &[]), true)?;
            let staged = Staged::beside(path, false)?;
            let copied = {
                let mut dst = Store::open(staged.temp_path())?;
                src.copy_into(&mut dst, &mut |_, _| {})?
            };
            staged.commit()?;
            copied
        }
    };
    let (seq, head) = src.read(|r| r.audit_head())?;
    let counts: Vec<String> = copied
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    crate::render::note(&l.msg(
        "copy.done",
        &[
            ("src", &super::shown(&a.from)),
            ("dst", &super::shown(&a.to)),
            (
                "counts",
                &if counts.is_empty() {
                    l.msg("copy.nothing", &[])
                } else {
                    counts.join(", ")
                },
            ),
            ("entries", &seq.to_string()),
            ("head", &head),
        ],
    ));
    Ok(())
}

fn refuse_nonempty(dst: &Store, shown: &str, l: crate::i18n::Lang) -> Result<()> {
    if dst.holds_records()? {
        return Err(Error::Invalid(
            l.msg("copy.not_empty", &[("dst", &super::shown(shown))]),
        ));
    }
    Ok(())
}

/// Whether SRC and DST name the same store: the same file, or the same server and database.
fn same_store(src: &str, dst: &str) -> Result<bool> {
    match (is_url(src), is_url(dst)) {
        (true, true) => {
            let (s, d) = (resolve(src, &process_env)?, resolve(dst, &process_env)?);
            Ok(s.host == d.host && s.port == d.port && s.dbname == d.dbname)
        }
        (false, false) => Ok(src == dst || same_file(Path::new(src), Path::new(dst))),
        _ => Ok(false),
    }
}

/// `copy --station CODE`: a copy of the station into an empty store, else a merge.
fn station(ctx: &Ctx, a: &CopyArgs, src: &Store, code: &str) -> Result<()> {
    use crate::store::merge::Prefer;
    let l = ctx.lang;
    let wctx = ctx.writer();
    let prefer = a.prefer.map(|p| match p {
        crate::cli::copy::Side::Source => Prefer::Source,
        crate::cli::copy::Side::Destination => Prefer::Destination,
    });
    let path = Path::new(&a.to);
    let new_file = !is_url(&a.to) && std::fs::symlink_metadata(path).is_err();
    let mut dst = if is_url(&a.to) {
        Some(Store::connect(&a.to)?)
    } else if new_file {
        None
    } else {
        Some(Store::open(path)?)
    };
    let empty = match &dst {
        Some(d) => !d.holds_records()?,
        None => true,
    };
    if empty {
        if a.dry_run || a.prefer.is_some() {
            return Err(Error::Usage(
                l.msg("copy.station_nothing_to_merge", &[("dst", &super::shown(&a.to))]),
            ));
        }
        let out = match dst.as_mut() {
            Some(d) => src.copy_station(code, d, &wctx, &super::shown(&a.from))?,
            None => {
                check_target(path, false, &l.msg("copy.destination", &[]), true)?;
                let staged = Staged::beside(path, false)?;
                let out = {
                    let mut d = Store::open(staged.temp_path())?;
                    src.copy_station(code, &mut d, &wctx, &super::shown(&a.from))?
                };
                staged.commit()?;
                out
            }
        };
        let counts: Vec<String> = out
            .copied
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| format!("{n} {t}"))
            .collect();
        crate::render::note(&l.msg(
            "copy.station_done",
            &[
                ("code", code),
                ("src", &super::shown(&a.from)),
                ("dst", &super::shown(&a.to)),
                ("counts", &counts.join(", ")),
            ],
        ));
        return Ok(());
    }
    let Some(dst) = dst.as_mut() else {
        unreachable!("a store holding records is open")
    };
    let out = src.merge_station(code, dst, &wctx, &super::shown(&a.from), prefer, a.dry_run)?;
    for k in &out.kept_office {
        crate::render::note(&l.msg("merge.kept_office", &[("record", k)]));
    }
    if !out.conflicts.is_empty() {
        for c in &out.conflicts {
            crate::render::note(&l.msg("merge.conflict", &[("record", c)]));
        }
        return Err(Error::Invalid(
            l.msg("merge.conflicts", &[("count", &out.conflicts.len().to_string())]),
        ));
    }
    let (added, updated, unchanged, kept) = (
        out.added.to_string(),
        out.updated.to_string(),
        out.unchanged.to_string(),
        out.kept_office.len().to_string(),
    );
    let (src_shown, dst_shown) = (super::shown(&a.from), super::shown(&a.to));
    let args = [
        ("code", code),
        ("src", src_shown.as_str()),
        ("dst", dst_shown.as_str()),
        ("added", added.as_str()),
        ("updated", updated.as_str()),
        ("unchanged", unchanged.as_str()),
        ("kept", kept.as_str()),
    ];
    crate::render::note(&if a.dry_run {
        l.msg("merge.would", &args)
    } else {
        l.msg("merge.done", &args)
    });
    Ok(())
}
