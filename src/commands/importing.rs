//! The import transaction that `import` and `demo` share: the files in order, all or nothing,
//! checked against the rubric in force and against what was imported before. Not a command.

use super::Ctx;
use crate::csvio::decode::Source;
use crate::csvio::import::{import_file, Errors, Options, Summary};
use crate::csvio::kinds::Checks;
use crate::csvio::Kind;
use crate::error::{Error, Result};
use crate::store;
use std::collections::HashMap;

/// Refuses the files whose very bytes an earlier import brought in (its audit entry has the
/// same SHA-256), one line each, unless `again`.
fn imported_before(w: &store::Writer<'_>, done: &[Summary]) -> Result<()> {
    let mut lines = Vec::new();
    for s in done {
        if let Some((seq, at)) = w.read().imported_before(&s.sha256)? {
            let day = at.get(..10).unwrap_or(&at);
            lines.push(crate::i18n::Lang::current().msg(
                "import.again",
                &[("file", &s.file), ("day", day), ("seq", &seq.to_string())],
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
pub fn import_sources(
    ctx: &Ctx,
    store: &mut store::Store,
    files: &[(Kind, Source)],
    opts: &Options,
    dry_run: bool,
    again: bool,
) -> Result<Vec<Summary>> {
    // Every bonus item of the rubric in force, as `award add` accepts them.
    let rubric = store.read(|r| ctx.rubric(r))?;
    let bonus_max: HashMap<String, _> = rubric
        .bonus
        .items
        .iter()
        .map(|b| (b.id.to_ascii_uppercase(), b.max))
        .collect();
    let mut checks = Checks {
        stations: Default::default(),
        bonus_max,
        today: ctx.today,
        history_file: files.iter().any(|(k, _)| *k == Kind::StationHistory),
    };
    let work = |w: &mut store::Writer<'_>| -> Result<Vec<Summary>> {
        // Read inside the transaction: the check that stands in for the foreign keys.
        checks.stations = w.read().station_codes()?;
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
