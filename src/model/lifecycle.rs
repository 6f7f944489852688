//! A station's lifecycle rules (rules.md, Station lifecycle): which step may follow which, when,
//! and with which application conditions met. The commands that take a step (`station
//! advance`, `station assess`) check it here and then record it.

use super::date::fmt;
use super::recorded::Station;
use super::StationStatus;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use chrono::NaiveDate;

impl Station {
    /// Checks one lifecycle step (allowed, dated not before the previous step, conditions met for
    /// `recommended`) and returns the station as it will be after it.
    pub fn step(&self, to: StationStatus, on: NaiveDate) -> Result<Station> {
        let before = self;
        let l = Lang::current();
        if !before.status.next().contains(&to) {
            return Err(Error::Invalid(l.msg(
                "station.step_refused",
                &[
                    ("code", &before.code),
                    ("from", before.status.as_str()),
                    ("to", to.as_str()),
                    ("allowed", &allowed_next(before.status, l)),
                ],
            )));
        }
        if let Some(prev) = before.status_on.filter(|p| on < *p) {
            return Err(Error::Invalid(l.msg(
                "station.step_too_early",
                &[
                    ("date", &fmt(on)),
                    ("status", before.status.label(l)),
                    ("last", &fmt(prev)),
                ],
            )));
        }
        if to == StationStatus::Recommended {
            let missing: Vec<String> = (0..5)
                .filter(|i| !before.conditions[*i])
                .map(|i| (i + 1).to_string())
                .collect();
            if !missing.is_empty() {
                return Err(Error::Invalid(l.msg(
                    "station.conditions_unmet",
                    &[
                        ("code", &before.code),
                        ("missing", &missing.join(l.label("label.list_comma"))),
                    ],
                )));
            }
        }
        let mut after = before.clone();
        after.status = to;
        after.status_on = Some(on);
        if to == StationStatus::Established {
            after.established_on = Some(on);
        }
        Ok(after)
    }
}

/// The steps allowed after `status`, for the refusal of another one.
fn allowed_next(status: StationStatus, l: Lang) -> String {
    let next = status.next();
    if next.is_empty() {
        l.msg("station.final", &[("status", status.as_str())])
    } else {
        // The values to type, with their Chinese names in Chinese.
        let names: Vec<String> = next
            .iter()
            .map(|s| match l {
                Lang::En => s.as_str().to_string(),
                Lang::Zh => format!("{}（{}）", s.as_str(), s.zh()),
            })
            .collect();
        l.msg(
            "station.next_steps",
            &[
                ("status", status.as_str()),
                ("steps", &names.join(l.label("label.list_comma"))),
            ],
        )
    }
}
