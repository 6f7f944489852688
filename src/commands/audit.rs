//! `ipguard audit …`, `backup` and `check`: the proofs that records were neither lost nor forged.

use super::Ctx;
use crate::cli::audit::{AuditArgs, AuditCommand, BackupArgs};
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::render::{self, Format};
use crate::store::audit::{self, ChainState};
use crate::store::Store;
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
            let (seq, hash) = audit::head(store.conn())?;
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
    super::resources::check_filter(&store, station)?;
    let entries = audit::list(store.conn(), station, since.as_deref())?;
    if format == Format::Json {
        return render::json(&entries);
    }
    let l = ctx.lang;
    let header = [
        "#",
        l.t("Time (UTC)", "时间 (UTC)"),
        l.t("Actor", "操作人"),
        l.t("Command", "命令"),
        l.t("Entity", "对象"),
        l.t("Key", "键"),
        l.t("Change", "变更"),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let change = match (&e.before_json, &e.after_json) {
                (None, Some(_)) => l.t("added", "新增"),
                (Some(_), Some(_)) => l.t("changed", "修改"),
                (Some(_), None) => l.t("removed", "删除"),
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
        return Err(Error::Usage(format!(
            "--head `{}` is not a head hash: give the 64 hexadecimal digits `ipguard audit head` printed",
            h.trim()
        )));
    }
    Ok(t)
}

/// The chain's state as one sentence, or the damage found.
fn chain_report(store: &Store, anchor: Option<&str>) -> Result<String> {
    let (state, anchor_seq) = audit::verify(store.conn(), anchor)?;
    match state {
        ChainState::Broken { seq, reason } => {
            Err(Error::Damage(format!("audit log damaged at entry {seq}: {reason}")))
        }
        ChainState::Intact { entries, head } => match (anchor, anchor_seq) {
            (Some(a), None) => Err(Error::Damage(format!(
                "the audit log no longer contains the head {a}: its history was rewritten since that head was taken (or the hash is not from this database)"
            ))),
            (Some(_), Some(seq)) => {
                Ok(format!("audit log intact: {entries} entries, head {head}; the given head is entry {seq}"))
            }
            (None, _) => Ok(format!("audit log intact: {entries} entries, head {head}")),
        },
    }
}

fn verify(ctx: &Ctx, anchor: Option<&str>) -> Result<()> {
    let store = ctx.store()?;
    let line = chain_report(&store, anchor)?;
    render::out(&line)
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> Result<()> {
    let dest = &args.file;
    render::file::refuse_database(dest, &ctx.db)?;
    render::file::check_target(dest, false, "the backup", true)?;
    let store = ctx.store()?;
    // Written and verified under a temporary name beside the target: a killed or failed
    // backup never leaves a file at the name given.
    let staged = render::file::Staged::beside(dest, false)?;
    store.backup_to(staged.temp_path())?;
    let copy = Store::open_copy(staged.temp_path())?;
    let (lines, bad) = check_all(&copy)?;
    drop(copy);
    if bad > 0 {
        // A copy that does not verify is no backup (dropping `staged` removes it), and the
        // source is suspect.
        let first = lines
            .iter()
            .find(|l| !l.ends_with(": ok") && !l.contains("intact"))
            .cloned();
        return Err(Error::Damage(format!(
            "the backup {} does not verify, so it was not written: {} (run `ipguard check` on the database)",
            dest.display(),
            first.unwrap_or_default()
        )));
    }
    staged.commit()?;
    render::note(&format!("backup written to {} and verified", dest.display()));
    Ok(())
}

pub fn check(ctx: &Ctx) -> Result<()> {
    let (lines, bad) = match ctx.store().and_then(|store| {
        let (mut lines, bad) = check_all(&store)?;
        lines.push(countries_line(&store)?);
        Ok((lines, bad))
    }) {
        Ok(found) => found,
        // A file too damaged to read through: that is the finding.
        Err(Error::Damage(d)) => (vec![format!("integrity_check: {d}")], 1),
        Err(e) => return Err(e),
    };
    render::out(&lines.join("\n"))?;
    if bad > 0 {
        return Err(Error::Damage(format!(
            "check found {bad} problem(s) in {}",
            ctx.db.display()
        )));
    }
    Ok(())
}

/// The stored countries that name no country or region (left by the conversion to codes):
/// reported for correction, not counted as damage.
fn countries_line(store: &Store) -> Result<String> {
    let list = crate::store::countries::unmapped(store.conn())?;
    if list.is_empty() {
        return Ok("countries: ok".to_string());
    }
    Ok(list
        .iter()
        .map(|l| format!("countries: {l}"))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Every check's report lines (integrity, references, the audit chain) and the number of
/// problems found: what `check` prints and what a backup must pass.
fn check_all(store: &Store) -> Result<(Vec<String>, usize)> {
    let integrity = store.integrity_check()?;
    let fks = store.foreign_key_check()?;
    let chain = chain_report(store, None);
    let mut lines = Vec::new();
    let mut bad = 0;
    if integrity == ["ok"] {
        lines.push("integrity_check: ok".to_string());
    } else {
        bad += integrity.len();
        lines.extend(integrity.iter().map(|p| format!("integrity_check: {p}")));
    }
    if fks.is_empty() {
        lines.push("foreign_key_check: ok".to_string());
    } else {
        bad += fks.len();
        lines.extend(fks.iter().map(|p| format!("foreign_key_check: {p}")));
    }
    // Every stored record readable and within the rules ipguard writes by.
    let mut records = Vec::new();
    let mut records_bad = 0;
    for kind in crate::csvio::Kind::ALL {
        match crate::csvio::export::invalid_records(store.conn(), kind, 20) {
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
        for id in crate::store::cases::with_events(store.conn())? {
            let Some(case) = crate::store::cases::get(store.conn(), &id)? else {
                continue;
            };
            let events = crate::store::cases::events(store.conn(), &id)?;
            for (_, msg) in case.timeline_conflicts(&events) {
                records_bad += 1;
                records.push(format!("case `{id}`: {msg}"));
            }
        }
    }
    if records_bad == 0 {
        lines.push("records: ok".to_string());
    } else {
        bad += records_bad;
        let shown = records.len().min(20);
        lines.extend(records.iter().take(shown).map(|p| format!("records: {p}")));
        if records_bad > shown {
            lines.push(format!("records: … and {} more", records_bad - shown));
        }
    }
    match chain {
        Ok(line) => lines.push(format!("audit verify: {line}")),
        Err(Error::Damage(d)) => {
            bad += 1;
            lines.push(format!("audit verify: {d}"));
        }
        Err(e) => return Err(e),
    }
    // The rubric in force must load, or every score command fails.
    match crate::store::settings::rubric_json(store.conn()) {
        Ok(None) => lines.push("rubric: ok (the built-in rubric)".to_string()),
        Ok(Some(text)) => match crate::rubric::Rubric::from_json(&text) {
            Ok(r) => lines.push(format!("rubric: ok ({})", r.id)),
            Err(e) => {
                bad += 1;
                lines.push(format!(
                    "rubric: the rubric stored in force is invalid ({}): put a valid one in force with `ipguard rubric use FILE`",
                    crate::model::text::shorten(&e.to_string(), 200)
                ));
            }
        },
        Err(e) => {
            bad += 1;
            lines.push(format!("rubric: cannot be read: {e}"));
        }
    }
    Ok((lines, bad))
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
