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
        return Err(Error::Usage(
            l.msg("copy.same", &[("src", &a.from), ("dst", &a.to)]),
        ));
    }
    let src = if is_url(&a.from) {
        Store::connect(&a.from)?
    } else {
        Store::open_existing(Path::new(&a.from))?
    };
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
            ("src", &a.from),
            ("dst", &a.to),
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
        return Err(Error::Invalid(l.msg("copy.not_empty", &[("dst", shown)])));
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
