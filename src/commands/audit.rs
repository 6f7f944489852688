//! `ipguard audit …`, `backup` and `check`: the proofs that records were neither lost nor forged.

use super::Ctx;
use crate::cli::audit::{AuditArgs, AuditCommand, BackupArgs};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::render::{self, Format};
use crate::store::audit::ChainState;
use crate::store::{Reader, Store};
use serde_json::json;

pub fn run(ctx: &Ctx, args: AuditArgs) -> Result<()> {
    match args.command {
        AuditCommand::List { station, since } => list(ctx, station.as_deref(), since.map(fmt)),
        AuditCommand::Verify { head } => {
            let head = head.map(|h| parse_head(&h)).transpose()?;
            verify(ctx, head.as_deref())
        }
        AuditCommand::Head => {
            let store = ctx.store()?;
            let (seq, hash) = store.read(|r| r.audit_head())?;
            if ctx.format(&[Format::Table, Format::Json])? == Format::Json {
                return render::json(&json!({ "seq": seq, "head": hash }));
            }
            render::out(&hash)
        }
    }
}

fn list(ctx: &Ctx, station: Option<&str>, since: Option<String>) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let store = ctx.store()?;
    let entries = store.read(|r| {
        super::lookup::check_filter(r, station)?;
        r.audit_list(station, since.as_deref())
    })?;
    if format == Format::Json {
        return render::json(&entries);
    }
    let l = ctx.lang;
    let header = [
        "#",
        l.label("label.time_utc"),
        l.label("label.actor"),
        l.label("label.command"),
        l.label("label.entity"),
        l.label("label.key"),
        l.label("label.change"),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let change = match (&e.before_json, &e.after_json) {
                (None, Some(_)) => l.label("label.added"),
                (Some(_), Some(_)) => l.label("label.changed"),
                (Some(_), None) => l.label("label.removed"),
                (None, None) => "",
            };
            vec![
                e.seq.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.command.clone(),
                l.t(&e.entity, entity_zh(&e.entity)).to_string(),
                e.entity_key.clone(),
                change.to_string(),
            ]
        })
        .collect();
    render::out(&render::table(ctx.style, &header, &rows))
}

/// A head hash as given (Word documents upper-case it): 64 hex digits, compared lower-case.
fn parse_head(h: &str) -> Result<String> {
    let t = h.trim().to_ascii_lowercase();
    if t.len() != 64 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("audit.bad_head", &[("value", h.trim())]),
        ));
    }
    Ok(t)
}

/// The chain's state as one sentence, or the damage found.
fn chain_report(r: &Reader<'_>, anchor: Option<&str>, l: Lang) -> Result<String> {
    let (state, anchor_seq) = r.audit_verify(anchor)?;
    match state {
        ChainState::Broken { seq, reason } => Err(Error::Damage(l.msg(
            "audit.damaged",
            &[("seq", &seq.to_string()), ("reason", &reason.to_string())],
        ))),
        ChainState::Intact { entries, head } => {
            let (entries, head) = (entries.to_string(), head.to_string());
            match (anchor, anchor_seq) {
                (Some(a), None) => Err(Error::Damage(l.msg("audit.head_missing", &[("head", a)]))),
                (Some(_), Some(seq)) => Ok(l.msg(
                    "audit.intact_at",
                    &[("entries", &entries), ("head", &head), ("seq", &seq.to_string())],
                )),
                (None, _) => Ok(l.msg("audit.intact", &[("entries", &entries), ("head", &head)])),
            }
        }
    }
}

fn verify(ctx: &Ctx, anchor: Option<&str>) -> Result<()> {
    let store = ctx.store()?;
    let line = store.read(|r| chain_report(r, anchor, ctx.lang))?;
    render::out(&line)
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> Result<()> {
    let dest = &args.file;
    render::file::refuse_database(dest, &ctx.db)?;
    render::file::check_target(dest, false, &ctx.lang.msg("file.what_backup", &[]), true)?;
    let store = ctx.store()?;
    // Written and verified under a temporary name beside the target: a killed or failed
    // backup never leaves a file at the name given.
    let staged = render::file::Staged::beside(dest, false)?;
    store.backup_to(staged.temp_path())?;
    let copy = Store::open_copy(staged.temp_path())?;
    let found = copy.read(|r| check_all(r, ctx.lang))?;
    drop(copy);
    if found.bad > 0 {
        // A copy that does not verify is no backup (dropping `staged` removes it), and the
        // source is suspect.
        return Err(Error::Damage(ctx.lang.msg(
            "backup.unverified",
            &[
                ("file", &dest.display().to_string()),
                ("problem", &found.first.unwrap_or_default()),
            ],
        )));
    }
    staged.commit()?;
    render::note(
        &ctx.lang
            .msg("backup.written", &[("file", &dest.display().to_string())]),
    );
    Ok(())
}

pub fn check(ctx: &Ctx) -> Result<()> {
    let l = ctx.lang;
    // Every check on one snapshot.
    let (lines, bad) = match ctx.store().and_then(|store| {
        store.read(|r| {
            let Found { mut lines, bad, .. } = check_all(r, l)?;
            lines.push(countries_line(r, l)?);
            Ok((lines, bad))
        })
    }) {
        Ok(found) => found,
        // A file too damaged to read through: that is the finding.
        Err(Error::Damage(d)) => (vec![l.msg("check.integrity", &[("problem", &d)])], 1),
        Err(e) => return Err(e),
    };
    render::out(&lines.join("\n"))?;
    if bad > 0 {
        return Err(Error::Damage(l.msg(
            "check.found",
            &[("count", &bad.to_string()), ("db", &ctx.db_shown())],
        )));
    }
    Ok(())
}

/// The stored countries that name no country or region (left by the conversion to codes):
/// reported for correction, not counted as damage.
fn countries_line(r: &Reader<'_>, l: Lang) -> Result<String> {
    let list = r.unmapped_countries()?;
    if list.is_empty() {
        return Ok(l.msg("check.countries_ok", &[]));
    }
    Ok(list
        .iter()
        .map(|p| l.msg("check.countries", &[("problem", p)]))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// What the checks found: the report lines, the number of problems and the first of them.
struct Found {
    lines: Vec<String>,
    bad: usize,
    first: Option<String>,
}

/// Every check's report lines (integrity, references, the audit chain) and the number of
/// problems found: what `check` prints and what a backup must pass.
fn check_all(r: &Reader<'_>, l: Lang) -> Result<Found> {
    let integrity = r.integrity_check()?;
    let fks = r.foreign_key_check()?;
    let chain = chain_report(r, None, l);
    let mut lines = Vec::new();
    let mut bad = 0;
    let mut first: Option<String> = None;
    let problem = |line: String, first: &mut Option<String>| {
        if first.is_none() {
            *first = Some(line.clone());
        }
        line
    };
    if integrity == ["ok"] {
        lines.push(l.msg("check.integrity_ok", &[]));
    } else {
        bad += integrity.len();
        for p in &integrity {
            lines.push(problem(l.msg("check.integrity", &[("problem", p)]), &mut first));
        }
    }
    if fks.is_empty() {
        lines.push(l.msg("check.foreign_keys_ok", &[]));
    } else {
        bad += fks.len();
        for p in &fks {
            lines.push(problem(
                l.msg("check.foreign_keys", &[("problem", p)]),
                &mut first,
            ));
        }
    }
    // Every stored record readable and within the rules ipguard writes by.
    let mut records = Vec::new();
    let mut records_bad = 0;
    for kind in crate::csvio::Kind::ALL {
        match crate::csvio::export::invalid_records(r, kind, 20) {
            Ok((found, total)) => {
                records_bad += total;
                records.extend(found);
            }
            Err(Error::Damage(d)) | Err(Error::Invalid(d)) => {
                records_bad += 1;
                records.push(format!("{}: {d}", kind.name()));
            }
            Err(Error::Other(e)) if integrity != ["ok"] => {
                records_bad += 1;
                records.push(format!("{}: {e:#}", kind.name()));
            }
            Err(e) => return Err(e),
        }
    }
    // Each case's timeline agrees with its events (an import once could empty or move the
    // dates its follow-ups depend on).
    if records_bad == 0 {
        for id in r.cases_with_events()? {
            let Some(case) = r.case(&id)? else {
                continue;
            };
            let events = r.case_events(&id)?;
            for (_, msg) in case.timeline_conflicts(&events) {
                records_bad += 1;
                records.push(l.msg("check.case_timeline", &[("id", &id), ("detail", &msg)]));
            }
        }
    }
    if records_bad == 0 {
        lines.push(l.msg("check.records_ok", &[]));
    } else {
        bad += records_bad;
        let shown = records.len().min(20);
        for p in records.iter().take(shown) {
            lines.push(problem(l.msg("check.records", &[("problem", p)]), &mut first));
        }
        if records_bad > shown {
            let more = (records_bad - shown).to_string();
            lines.push(l.msg("check.records_more", &[("count", &more)]));
        }
    }
    match chain {
        Ok(line) => lines.push(l.msg("check.audit", &[("line", &line)])),
        Err(Error::Damage(d)) => {
            bad += 1;
            lines.push(problem(l.msg("check.audit", &[("line", &d)]), &mut first));
        }
        Err(e) => return Err(e),
    }
    // The rubric in force must load, or every score command fails.
    match r.rubric_json() {
        Ok(None) => lines.push(l.msg("check.rubric_builtin", &[])),
        Ok(Some(text)) => match crate::rubric::Rubric::from_json(&text) {
            Ok(r) => lines.push(l.msg("check.rubric_ok", &[("id", &r.id)])),
            Err(e) => {
                bad += 1;
                let why = crate::model::text::shorten(&e.to_string(), 200).to_string();
                lines.push(problem(
                    l.msg("check.rubric_invalid", &[("problem", &why)]),
                    &mut first,
                ));
            }
        },
        Err(e) => {
            bad += 1;
            let why = e.to_string();
            lines.push(problem(
                l.msg("check.rubric_unreadable", &[("problem", &why)]),
                &mut first,
            ));
        }
    }
    Ok(Found { lines, bad, first })
}

/// What an audited entity is called in Chinese (the stored name is English).
fn entity_zh(entity: &str) -> &str {
    match entity {
        "station" => "工作站",
        "staff" => "工作人员",
        "expert" => "专家",
        "funding" => "经费",
        "case" => "案件",
        "case_event" => "案件记录",
        "activity" => "活动",
        "report" => "报告",
        "award" => "加分",
        "complaint" => "投诉",
        "assessment" => "考核",
        "import" => "导入",
        "setting" => "设置",
        other => other,
    }
}
