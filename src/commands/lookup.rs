//! Lookups and argument checks that many command modules share: a station or case by its key
//! (or the refusal naming it), a `--station` filter that must name a station, a required text
//! argument. Not a command: no command module imports another, they all import this.

use crate::error::{Error, Result};
use crate::model::recorded::{Case, Station};
use crate::store::Reader;

/// The station with this code, or the refusal naming it.
pub fn station(r: &Reader<'_>, code: &str) -> Result<Station> {
    // A station's role on a server sees no other station: say so, rather than "no such".
    if let Some(role) = r.role() {
        if let Some(own) = role.station().filter(|own| *own != code) {
            return Err(Error::Invalid(crate::i18n::Lang::current().msg(
                "role.sees_own_only",
                &[("role", &role.name), ("own", own), ("station", code)],
            )));
        }
    }
    r.station(code)?
        .ok_or_else(|| Error::Invalid(crate::i18n::Lang::current().msg("station.unknown", &[("code", code)])))
}

/// The case with this id, or the refusal naming it.
pub fn case(r: &Reader<'_>, id: &str) -> Result<Case> {
    r.case(id)?
        .ok_or_else(|| Error::Invalid(crate::i18n::Lang::current().msg("case.unknown", &[("id", id)])))
}

/// A required text argument, trimmed; empty is a usage error naming the flag.
pub fn required(flag: &str, value: &str) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("arg.empty", &[("flag", flag)]),
        ));
    }
    Ok(t.to_string())
}

/// Refuses a `--station` filter naming a station that does not exist (a typo would otherwise
/// list nothing, silently).
pub fn check_filter(r: &Reader<'_>, station: Option<&str>) -> Result<()> {
    match station {
        Some(code) => self::station(r, code).map(|_| ()),
        None => Ok(()),
    }
}
