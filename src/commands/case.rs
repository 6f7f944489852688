//! `ipguard case …`: record a case through its life (received → accepted → closed → followed
//! up), with its timeline notes. `case_view` lists and shows.

use super::lookup::{case as require_case, required, station as require};
use super::Ctx;
use crate::cli::case::{CaseAccept, CaseClose, CaseFollowUp, CaseNew, CaseNote, CaseReason, CaseSet};
use crate::error::{Error, Result};
use crate::model::date::fmt;
use crate::model::recorded::{Case, CaseEvent};
use crate::model::{CaseEventKind, CaseSource, CreditCode, WarningLevel};
use crate::render;
use crate::store;
use chrono::{Datelike, NaiveDate};

/// Refuses a case whose lifecycle dates are out of order, naming the dates.
fn check_order(c: &Case) -> Result<()> {
    c.check_dates().and_then(|()| c.check_kind()).map_err(|(_, msg)| {
        Error::Invalid(crate::i18n::Lang::current().msg("case.detail", &[("id", &c.id), ("detail", &msg)]))
    })
}

/// A `--credit-code` as given: checked and upper-cased, empty meaning none.
fn credit_code(arg: Option<&str>) -> Result<Option<String>> {
    match arg.map(str::trim) {
        None | Some("") => Ok(None),
        Some(c) => Ok(Some(c.parse::<CreditCode>().map_err(Error::Invalid)?.to_string())),
    }
}

pub fn create(ctx: &Ctx, n: CaseNew, source: CaseSource) -> Result<()> {
    let received = n.received.unwrap_or(ctx.today);
    let enterprise = required("--enterprise", &n.enterprise)?;
    ctx.not_future("when.received", received)?;
    let credit_code = credit_code(n.credit_code.as_deref())?;
    let country = crate::model::country::parse_opt(&n.country).map_err(Error::Invalid)?;
    let mut store = ctx.store()?;
    // The station is read inside the write: one transaction (on a server, fewer round trips).
    let id = store.write(&ctx.writer(), |w| {
        let station = require(&w.read(), &n.station)?;
        if !station.status.takes_cases() {
            return Err(Error::Invalid(ctx.lang.msg(
                "case.station_closed",
                &[
                    ("code", &station.code),
                    ("status", station.status.label(ctx.lang)),
                    ("date", &crate::model::date::fmt_opt(station.status_on)),
                ],
            )));
        }
        let mut case = Case::received(String::new(), station.code.clone(), enterprise, received);
        case.credit_code = credit_code;
        case.source = source;
        case.kind = n.kind.unwrap_or(case.kind);
        case.ip_type = n.ip_type;
        case.country = country;
        case.dispute_type = n.dispute_type;
        case.warning_level = n.warning;
        case.summary = n.summary.trim().to_string();
        case.typical = n.typical.is_some_and(crate::model::YesNo::is_yes);
        case.id = match n.id {
            Some(id) => {
                if store::cases::exists(w, &id)? {
                    return Err(Error::Invalid(ctx.lang.msg("case.exists", &[("id", &id)])));
                }
                id
            }
            None => store::cases::next_id(w, &case.station, received.year())?,
        };
        store::cases::insert(w, &case)?;
        Ok(case.id)
    })?;
    render::out_committed(&id, &ctx.lang.msg("file.what_case", &[]))
}

/// Loads a case, applies `change`, checks the dates and writes it.
fn change(ctx: &Ctx, id: &str, f: impl FnOnce(&Case) -> Result<Case>) -> Result<Case> {
    let mut store = ctx.store()?;
    let before = store.read(|r| require_case(r, id))?;
    let after = f(&before)?;
    check_order(&after)?;
    store.write(&ctx.writer(), |w| store::cases::update(w, &before, &after))?;
    Ok(after)
}

pub fn accept(ctx: &Ctx, a: CaseAccept) -> Result<()> {
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.accepted", on)?;
    change(ctx, &a.id, |c| {
        if let Some(d) = c.accepted_on {
            return Err(Error::Invalid(
                ctx.lang
                    .msg("case.already_accepted", &[("id", &c.id), ("date", &fmt(d))]),
            ));
        }
        let mut after = c.clone();
        after.accepted_on = Some(on);
        Ok(after)
    })?;
    render::note(
        &ctx.lang
            .msg("case.accepted", &[("id", &a.id), ("date", &fmt(on))]),
    );
    Ok(())
}

pub fn close(ctx: &Ctx, a: CaseClose) -> Result<()> {
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.closed", on)?;
    change(ctx, &a.id, |c| {
        if let Some(d) = c.closed_on {
            return Err(Error::Invalid(
                ctx.lang
                    .msg("case.already_closed", &[("id", &c.id), ("date", &fmt(d))]),
            ));
        }
        if c.accepted_on.is_none() {
            return Err(Error::Invalid(
                ctx.lang.msg("case.close_unaccepted", &[("id", &c.id)]),
            ));
        }
        let mut after = c.clone();
        after.closed_on = Some(on);
        after.outcome = Some(a.outcome);
        after.effective = Some(a.effective.is_yes());
        if let Some(r) = a
            .overdue_reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            if after.overdue_reason != r {
                // A changed reason goes back to the city office undecided.
                after.overdue_reason = r.to_string();
                after.reason_accepted = None;
                after.reason_decided_on = None;
                after.reason_note = String::new();
            }
        }
        Ok(after)
    })?;
    render::note(&ctx.lang.msg("case.closed", &[("id", &a.id), ("date", &fmt(on))]));
    Ok(())
}

pub fn follow_up(ctx: &Ctx, a: CaseFollowUp) -> Result<()> {
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.followed_up", on)?;
    let mut store = ctx.store()?;
    let before = store.read(|r| require_case(r, &a.id))?;
    if before.closed_on.is_none() {
        return Err(Error::Invalid(
            ctx.lang.msg("case.follow_up_open", &[("id", &before.id)]),
        ));
    }
    let mut after = before.clone();
    // The case keeps its first follow-up, whatever order they are recorded in.
    let first: NaiveDate = before.followup_on.map_or(on, |f| f.min(on));
    after.followup_on = Some(first);
    check_order(&after)?;
    let event = CaseEvent {
        case_id: before.id.clone(),
        kind: CaseEventKind::Followup,
        on,
        title: String::new(),
        note: a.note.trim().to_string(),
    };
    store.write(&ctx.writer(), |w| {
        if store::cases::event_exists(w, &event)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "case.follow_up_recorded",
                &[("id", &event.case_id), ("date", &fmt(on))],
            )));
        }
        if after != before {
            store::cases::update(w, &before, &after)?;
        }
        store::cases::add_event(w, &before.station, &event)
    })?;
    render::note(
        &ctx.lang
            .msg("case.followed_up", &[("id", &a.id), ("date", &fmt(on))]),
    );
    Ok(())
}

pub fn note(ctx: &Ctx, a: CaseNote) -> Result<()> {
    if a.kind == CaseEventKind::Followup {
        return Err(Error::Usage(ctx.lang.msg("case.note_follow_up", &[])));
    }
    let (title, text) = match (a.kind, &a.title) {
        (CaseEventKind::RiskNotice, Some(t)) => (
            required("--title", t)?,
            a.text.as_deref().map(str::trim).unwrap_or_default().to_string(),
        ),
        (CaseEventKind::RiskNotice, None) => {
            return Err(Error::Usage(ctx.lang.msg("case.notice_title", &[])))
        }
        (_, Some(_)) => {
            return Err(Error::Usage(
                ctx.lang
                    .msg("case.title_only_notice", &[("kind", a.kind.as_str())]),
            ))
        }
        (_, None) => match &a.text {
            Some(t) => (String::new(), required("--text", t)?),
            None => {
                return Err(Error::Usage(
                    ctx.lang.msg("case.text_needed", &[("kind", a.kind.as_str())]),
                ))
            }
        },
    };
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.entry", on)?;
    let mut store = ctx.store()?;
    let c = store.read(|r| require_case(r, &a.id))?;
    let level = c.warning_level;
    let fits = match a.kind {
        CaseEventKind::SpecialPlan => level == Some(WarningLevel::Red),
        CaseEventKind::Plan => level == Some(WarningLevel::Yellow),
        CaseEventKind::RiskNotice => level == Some(WarningLevel::Blue),
        _ => true,
    };
    if !fits {
        let level = level.map_or(ctx.lang.label("label.none_2"), |l| l.label(ctx.lang));
        return Err(Error::Invalid(
            ctx.lang
                .msg("case.event_wrong_level", &[("id", &c.id), ("level", level)]),
        ));
    }
    if on < c.received_on {
        return Err(Error::Invalid(ctx.lang.msg(
            "case.event_too_early",
            &[
                ("id", &c.id),
                ("kind", a.kind.label(ctx.lang)),
                ("date", &fmt(on)),
                ("received", &fmt(c.received_on)),
            ],
        )));
    }
    let event = CaseEvent {
        case_id: c.id.clone(),
        kind: a.kind,
        on,
        title,
        note: text,
    };
    store.write(&ctx.writer(), |w| {
        if store::cases::event_exists(w, &event)? {
            return Err(Error::Invalid(ctx.lang.msg(
                "case.event_recorded",
                &[
                    ("kind", event.kind.label(ctx.lang)),
                    ("id", &c.id),
                    ("date", &fmt(on)),
                ],
            )));
        }
        store::cases::add_event(w, &c.station, &event)
    })?;
    render::note(&ctx.lang.msg(
        "case.event_added",
        &[
            ("kind", a.kind.label(ctx.lang)),
            ("id", &a.id),
            ("date", &fmt(on)),
        ],
    ));
    Ok(())
}

/// The station records its reason (a changed reason goes back to undecided); the city office
/// accepts or rejects it, dated, with an optional note.
pub fn reason(ctx: &Ctx, a: CaseReason) -> Result<()> {
    let Some(accept) = (a.accept || a.reject).then_some(a.accept) else {
        let text = required("--text", a.text.as_deref().unwrap_or_default())?;
        change(ctx, &a.id, |c| {
            if !c.is_handled() {
                return Err(Error::Invalid(
                    ctx.lang.msg("case.reason_information", &[("id", &c.id)]),
                ));
            }
            let mut after = c.clone();
            if after.overdue_reason != text {
                after.overdue_reason = text;
                after.reason_accepted = None;
                after.reason_decided_on = None;
                after.reason_note = String::new();
            }
            Ok(after)
        })?;
        render::note(&ctx.lang.msg("case.reason_recorded", &[("id", &a.id)]));
        return Ok(());
    };
    let on = a.on.unwrap_or(ctx.today);
    ctx.not_future("when.decided", on)?;
    let note = a.note.as_deref().map(str::trim).unwrap_or_default().to_string();
    change(ctx, &a.id, |c| {
        if c.overdue_reason.trim().is_empty() {
            return Err(Error::Invalid(
                ctx.lang.msg("case.reason_missing", &[("id", &c.id)]),
            ));
        }
        if c.reason_accepted == Some(accept) {
            let args = [
                ("id", c.id.as_str()),
                ("date", &crate::model::date::fmt_opt(c.reason_decided_on)),
            ];
            return Err(Error::Invalid(if accept {
                ctx.lang.msg("case.reason_already_accepted", &args)
            } else {
                ctx.lang.msg("case.reason_already_rejected", &args)
            }));
        }
        if on < c.received_on {
            return Err(Error::Invalid(ctx.lang.msg(
                "case.decision_too_early",
                &[
                    ("id", &c.id),
                    ("date", &fmt(on)),
                    ("received", &fmt(c.received_on)),
                ],
            )));
        }
        let mut after = c.clone();
        after.reason_accepted = Some(accept);
        after.reason_decided_on = Some(on);
        after.reason_note = note;
        Ok(after)
    })?;
    let args = [("id", a.id.as_str()), ("date", &fmt(on))];
    render::note(&if accept {
        ctx.lang.msg("case.reason_accepted", &args)
    } else {
        ctx.lang.msg("case.reason_rejected", &args)
    });
    Ok(())
}

/// Corrects or completes the facts of a case that carry no date of their own.
pub fn set(ctx: &Ctx, a: CaseSet) -> Result<()> {
    let credit = credit_code(a.credit_code.as_deref())?;
    let country = a
        .country
        .as_deref()
        .map(crate::model::country::parse_opt)
        .transpose()
        .map_err(Error::Invalid)?;
    let enterprise = a
        .enterprise
        .as_deref()
        .map(|e| required("--enterprise", e))
        .transpose()?;
    let given = [
        a.typical.is_some(),
        a.summary.is_some(),
        enterprise.is_some(),
        credit.is_some(),
        a.kind.is_some(),
        a.ip_type.is_some(),
        a.country.is_some(),
        a.dispute_type.is_some(),
        a.warning.is_some(),
    ];
    if !given.contains(&true) {
        return Err(Error::Usage(ctx.lang.msg("case.set_nothing", &[])));
    }
    change(ctx, &a.id, |c| {
        let mut after = c.clone();
        if let Some(t) = a.typical {
            after.typical = t.is_yes();
        }
        if let Some(s) = &a.summary {
            after.summary = s.trim().to_string();
        }
        if let Some(e) = enterprise {
            after.enterprise = e;
        }
        if let Some(code) = credit {
            after.credit_code = Some(code);
        }
        after.kind = a.kind.unwrap_or(after.kind);
        after.ip_type = a.ip_type.or(after.ip_type);
        if let Some(country) = country {
            after.country = country;
        }
        after.dispute_type = a.dispute_type.or(after.dispute_type);
        after.warning_level = a.warning.or(after.warning_level);
        Ok(after)
    })?;
    render::note(&ctx.lang.msg("case.updated", &[("id", &a.id)]));
    Ok(())
}
