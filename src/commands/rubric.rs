//! `ipguard rubric …`: show, export, check and choose the rubric in force.

use super::Ctx;
use crate::cli::rubric::{RubricArgs, RubricCommand};
use crate::error::{Error, Result};
use crate::render::{self, Format};
use crate::rubric::evidence::num;
use crate::rubric::{Metric, PenaltyRule, Rubric};
use crate::store::{self, Reader};
use std::path::Path;

pub fn run(ctx: &Ctx, args: RubricArgs) -> Result<()> {
    match args.command {
        RubricCommand::Show => show(ctx),
        RubricCommand::Export => {
            let store = ctx.store()?;
            render::out(&store.read(|r| ctx.rubric(r))?.to_json())
        }
        RubricCommand::Check { file } => {
            let r = load_file(&file)?;
            render::note(&ctx.lang.msg(
                "rubric.valid",
                &[("file", &file.display().to_string()), ("id", &r.id)],
            ));
            // Which grade revokes a station is the rubric's, not a fixed word.
            if let Some(g) = r.revoking_grade() {
                render::note(&ctx.lang.msg("rubric.revoking_grade", &[("grade", &g.id)]));
            }
            Ok(())
        }
        RubricCommand::Use { file } => {
            let r = load_file(&file)?;
            let mut store = ctx.store()?;
            store.write(&ctx.writer(), |w| {
                store::settings::set(w, store::settings::RUBRIC, &r.to_json())
            })?;
            render::note(&ctx.lang.msg("rubric.in_force", &[("id", &r.id)]));
            Ok(())
        }
    }
}

/// The most bytes a rubric file may have: the built-in one is a few kilobytes.
pub const MAX_RUBRIC_BYTES: u64 = 4 << 20;

/// A rubric file's text: a regular file or a pipe, at most [`MAX_RUBRIC_BYTES`], UTF-8.
fn read_rubric_text(path: &Path) -> Result<String> {
    use std::io::Read;
    let shown = path.display();
    let lang = crate::i18n::Lang::current();
    let file = shown.to_string();
    let fail = |e: std::io::Error| {
        Error::Other(anyhow::anyhow!(lang.msg(
            "rubric.cannot_read",
            &[("file", &file), ("error", &e.to_string())]
        )))
    };
    let meta = std::fs::metadata(path).map_err(fail)?;
    #[cfg(unix)]
    let pipe = {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo() || meta.file_type().is_socket()
    };
    #[cfg(not(unix))]
    let pipe = false;
    if !meta.is_file() && !pipe {
        let args = [("file", file.as_str())];
        return Err(Error::Other(anyhow::anyhow!(if meta.is_dir() {
            lang.msg("rubric.not_regular_directory", &args)
        } else {
            lang.msg("rubric.not_regular_device", &args)
        })));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(fail)?
        .take(MAX_RUBRIC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > MAX_RUBRIC_BYTES {
        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
            "rubric.file_too_large",
            &[
                ("path", &shown.to_string()),
                ("max", &MAX_RUBRIC_BYTES.to_string()),
            ],
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::Invalid(crate::i18n::Lang::current().msg(
            "rubric.file_not_utf8",
            &[
                ("path", &shown.to_string()),
                ("byte", &(e.utf8_error().valid_up_to() + 1).to_string()),
            ],
        ))
    })
}

/// Reads and checks a rubric file; any problem with its content is one line naming the file
/// (exit 3), a file that cannot be read is an I/O failure (exit 1).
pub fn load_file(path: &Path) -> Result<Rubric> {
    let text = read_rubric_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    not_json(path, text)?;
    let r = Rubric::from_json(text).map_err(|e| {
        Error::Invalid(crate::i18n::Lang::current().msg(
            "rubric.file_invalid",
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        ))
    })?;
    // Scores name the rubric by its id: a changed rubric must not pass for the built-in one.
    let builtin = Rubric::default_rubric();
    if r.id == builtin.id && r.to_json() != builtin.to_json() {
        return Err(Error::Invalid(crate::i18n::Lang::current().msg(
            "rubric.builtin_id",
            &[("path", &path.display().to_string()), ("id", &r.id)],
        )));
    }
    Ok(r)
}

/// Refuses text that is not JSON at all (a host name, a truncated file) with where it stops
/// being JSON; JSON that is not a rubric is left to the rubric's own messages.
fn not_json(path: &Path, text: &str) -> Result<()> {
    use serde_json::error::Category;
    let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) else {
        return Ok(());
    };
    if !matches!(e.classify(), Category::Syntax | Category::Eof) {
        return Ok(());
    }
    let full = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&at).unwrap_or(&full);
    Err(Error::Invalid(crate::i18n::Lang::current().msg(
        "rubric.file_not_json",
        &[
            ("path", &path.display().to_string()),
            ("line", &e.line().to_string()),
            ("column", &e.column().to_string()),
            ("error", what),
        ],
    )))
}

/// The rubric in force for this command.
pub fn in_force(ctx: &Ctx, r: &Reader<'_>) -> Result<Rubric> {
    if let Some(f) = &ctx.rubric_file {
        return load_file(f);
    }
    match r.rubric_json()? {
        Some(text) => Rubric::from_json(&text).map_err(|e| {
            Error::Invalid(
                crate::i18n::Lang::current().msg("rubric.stored_invalid", &[("error", &e.to_string())]),
            )
        }),
        None => Ok(Rubric::default_rubric()),
    }
}

/// The parameters of a metric, `name=value` joined.
pub fn params(m: &Metric) -> String {
    let v = serde_json::to_value(m).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(obj) = v.as_object() {
        for (k, v) in obj.iter().filter(|(k, _)| k.as_str() != "kind") {
            let v = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
            out.push(format!("{k}={v}"));
        }
    }
    out.join(", ")
}

fn show(ctx: &Ctx) -> Result<()> {
    let format = ctx.format(&[Format::Table, Format::Json])?;
    let store = ctx.store()?;
    let r = store.read(|r| ctx.rubric(r))?;
    if format == Format::Json {
        return render::out(&r.to_json());
    }
    let lang = ctx.lang;
    let name = |zh: &str, en: &str| lang.t(en, zh).to_string();
    let mut rows = Vec::new();
    for p in &r.parts {
        rows.push(vec![
            p.id.clone(),
            name(&p.name_zh, &p.name_en),
            num(p.max),
            String::new(),
            String::new(),
        ]);
        for it in &p.items {
            rows.push(vec![
                format!("  {}", it.id),
                name(&it.name_zh, &it.name_en),
                num(it.max),
                it.metric.kind().to_string(),
                params(&it.metric),
            ]);
        }
    }
    rows.push(vec![
        lang.label("label.bonus_3").into(),
        String::new(),
        num(r.bonus.cap),
        String::new(),
        lang.label("label.capped_in_total").into(),
    ]);
    for b in &r.bonus.items {
        rows.push(vec![
            format!("  {}", b.id),
            name(&b.name_zh, &b.name_en),
            num(b.max),
            "award".into(),
            String::new(),
        ]);
    }
    rows.push(vec![
        lang.label("label.penalty_3").into(),
        String::new(),
        num(r.penalty.cap),
        String::new(),
        lang.label("label.capped_in_total").into(),
    ]);
    for p in &r.penalty.items {
        let (kind, prm) = match &p.rule {
            PenaltyRule::OverdueWithoutReason { p1_kinds, per_case } => (
                "overdue_without_reason",
                format!("p1_kinds={}, per_case={}", p1_kinds.join("/"), num(*per_case)),
            ),
            PenaltyRule::VerifiedComplaints { per_complaint } => (
                "verified_complaints",
                format!("per_complaint={}", num(*per_complaint)),
            ),
        };
        rows.push(vec![
            format!("  {}", p.id),
            name(&p.name_zh, &p.name_en),
            num(p.max),
            kind.into(),
            prm,
        ]);
    }
    let header = [
        lang.label("label.id_2"),
        lang.label("label.name_2"),
        lang.label("label.max_2"),
        lang.label("label.metric"),
        lang.label("label.parameters"),
    ];
    let grades: Vec<String> = r
        .grades
        .iter()
        .map(|g| format!("{} >= {}", name(&g.name_zh, &g.name_en), num(g.min)))
        .collect();
    let l = r.limits;
    render::out(&format!(
        "{} ({})\n{}: accept_days={}, handle_days={}, followup_days={}, red_plan_days={}, yellow_plan_days={}, blue_notice_days={}\n{}: {}\n{}",
        r.id,
        name(&r.name_zh, &r.name_en),
        lang.label("label.limits"),
        l.accept_days,
        l.handle_days,
        l.followup_days,
        l.red_plan_days,
        l.yellow_plan_days,
        l.blue_notice_days,
        lang.label("label.grades"),
        grades.join(", "),
        render::table(ctx.style, &header, &rows)
    ))
}
