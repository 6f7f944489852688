//! [`Reader`]: the reads of the store, one typed method per read a command makes, all inside
//! one transaction (one snapshot) opened by [`super::Store::read`] or the [`super::Writer`]
//! they are made from. The methods delegate to the entity modules' queries.

use super::assessments::Assessment;
use super::audit::{AuditEntry, ChainState};
use super::cases::Filter;
use super::scoring::AllRecords;
use super::sql::Db;
use crate::error::Result;
use crate::model::recorded::{
    Activity, Award, Case, CaseEvent, Complaint, Expert, Funding, Report, Staff, Station, StationRecords,
    StatusChange,
};
use crate::model::{CaseEventKind, Period, ReportKind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The records as one transaction sees them.
pub struct Reader<'a> {
    db: Db<'a>,
    /// Who reads, on a server.
    role: Option<&'a super::server::Role>,
}

impl<'a> Reader<'a> {
    /// A reader on `db`, which must be inside a transaction for its reads to share one
    /// snapshot.
    pub(in crate::store) fn new(db: Db<'a>, role: Option<&'a super::server::Role>) -> Reader<'a> {
        Reader { db, role }
    }

    /// Who reads on a server (`None` on a file, where everyone reads everything).
    pub fn role(&self) -> Option<&'a super::server::Role> {
        self.role
    }

    /// The connection, for the store's own modules.
    pub(in crate::store) fn db(&self) -> Db<'a> {
        self.db
    }

    // Stations.

    /// The station of this code, if any.
    pub fn station(&self, code: &str) -> Result<Option<Station>> {
        super::stations::get(self.db(), code)
    }

    /// Every station, by code.
    pub fn stations(&self) -> Result<Vec<Station>> {
        super::stations::list(self.db())
    }

    /// A station's steps through its lifecycle, oldest first.
    pub fn station_history(&self, code: &str) -> Result<Vec<StatusChange>> {
        super::stations::history(self.db(), code)
    }

    // Cases.

    /// The case of this id, if any.
    pub fn case(&self, id: &str) -> Result<Option<Case>> {
        super::cases::get(self.db(), id)
    }

    /// The cases matching `f`, by received date then id.
    pub fn cases(&self, f: &Filter<'_>) -> Result<Vec<Case>> {
        super::cases::list(self.db(), f)
    }

    /// A case's events, oldest first.
    pub fn case_events(&self, id: &str) -> Result<Vec<CaseEvent>> {
        super::cases::events(self.db(), id)
    }

    /// The ids of the cases with at least one event.
    pub fn cases_with_events(&self) -> Result<Vec<String>> {
        super::cases::with_events(self.db())
    }

    /// The satisfaction recorded at the follow-ups (of one station, or all) in `period`, up
    /// to `as_of`.
    pub fn satisfaction(
        &self,
        station: Option<&str>,
        period: &Period,
        as_of: chrono::NaiveDate,
    ) -> Result<Vec<crate::model::Satisfaction>> {
        super::cases::satisfaction(self.db(), station, period, as_of)
    }

    /// The risk notices (of one station, or all; published in `period`, if given) with their
    /// station.
    pub fn notices(
        &self,
        station: Option<&str>,
        period: Option<&Period>,
    ) -> Result<Vec<(String, CaseEvent)>> {
        super::cases::notices(self.db(), station, period)
    }

    /// The first plan, special plan and risk notice of each case dated on or before `as_of`.
    pub fn planned_cases(
        &self,
        station: Option<&str>,
        as_of: NaiveDate,
    ) -> Result<HashMap<(String, CaseEventKind), NaiveDate>> {
        super::deadlines::planned_cases(self.db(), station, as_of)
    }

    // The other records, of one station or all, dated in a period or not.

    pub fn activities(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Activity>> {
        super::activities::list(self.db(), station, period)
    }

    pub fn awards(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Award>> {
        super::awards::list(self.db(), station, period)
    }

    pub fn complaints(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Complaint>> {
        super::complaints::list(self.db(), station, period)
    }

    pub fn staff(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Staff>> {
        super::resources::list_staff(self.db(), station, period)
    }

    pub fn experts(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Expert>> {
        super::resources::list_experts(self.db(), station, period)
    }

    pub fn funding(&self, station: Option<&str>, period: Option<&Period>) -> Result<Vec<Funding>> {
        super::resources::list_funding(self.db(), station, period)
    }

    /// The reports (of one station, or all; of one kind, or all).
    pub fn reports(&self, station: Option<&str>, kind: Option<ReportKind>) -> Result<Vec<Report>> {
        super::reports::list(self.db(), station, kind)
    }

    /// The report of this station, kind and period, if recorded.
    pub fn report(&self, station: &str, kind: ReportKind, period: &str) -> Result<Option<Report>> {
        super::reports::get(self.db(), station, kind, period)
    }

    // Assessments.

    /// The recorded assessments (of one station, or all).
    pub fn assessments(&self, station: Option<&str>) -> Result<Vec<Assessment>> {
        super::assessments::list(self.db(), station)
    }

    /// The assessment of this station, kind and period, if recorded.
    pub fn assessment(
        &self,
        station: &str,
        kind: crate::model::AssessmentKind,
        period: &str,
    ) -> Result<Option<Assessment>> {
        super::assessments::get(self.db(), station, kind, period)
    }

    // What the scorer reads.

    /// One station's records for a period, as the scorer reads them.
    pub fn load_station(&self, code: &str, period: Period, as_of: NaiveDate) -> Result<StationRecords> {
        super::scoring::load_station(self.db(), code, period, as_of)
    }

    /// Every station's records for a period, for ranking.
    pub fn load_all(&self, period: Period, as_of: NaiveDate) -> Result<AllRecords> {
        super::scoring::load_all(self.db(), period, as_of)
    }

    // The audit log and settings.

    /// The chain's head: the last entry's sequence number and hash, or `(0, GENESIS_HASH)`.
    pub fn audit_head(&self) -> Result<(i64, String)> {
        if self.db.is_server() {
            // Every role reads the true head, though a station reads only its own entries.
            return self
                .db
                .row("SELECT seq, hash FROM ipguard_audit_tip()", &[], |r| {
                    use super::entity::Cells;
                    Ok((r.int()?, r.text()?))
                })?
                .ok_or_else(|| {
                    crate::error::Error::Other(anyhow::anyhow!(
                        crate::i18n::Lang::current().msg("server.no_audit_head", &[])
                    ))
                });
        }
        super::audit::head(self.db())
    }

    /// The entries of the log, oldest first (of one station; written on or after `since`).
    pub fn audit_list(&self, station: Option<&str>, since: Option<&str>) -> Result<Vec<AuditEntry>> {
        super::audit::list(self.db(), station, since)
    }

    /// Walks the whole log checking it; `anchor` is a head hash that must be in the chain.
    pub fn audit_verify(&self, anchor: Option<&str>) -> Result<(ChainState, Option<i64>)> {
        if let Some(role) = self.role.filter(|r| r.station().is_some()) {
            return Err(crate::error::Error::Invalid(crate::i18n::Lang::current().msg(
                "role.audit_whole",
                &[
                    ("role", &role.name),
                    ("station", role.station().unwrap_or_default()),
                ],
            )));
        }
        super::audit::verify(self.db(), anchor)
    }

    /// The stored countries that name no country or region, as `check` lines.
    pub fn unmapped_countries(&self) -> Result<Vec<String>> {
        super::countries::unmapped(self.db())
    }

    /// The rubric in force as stored, if any.
    pub fn rubric_json(&self) -> Result<Option<String>> {
        super::settings::rubric_json(self.db())
    }
}
