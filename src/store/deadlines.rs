//! Reads `report due` needs beyond the records: which cases have a plan, a special plan or a
//! risk notice on their timeline.

use super::entity::Cells;
use super::sql::{vals, Db};
use crate::error::Result;
use crate::model::CaseEventKind;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The first plan, special plan and risk notice of each case (of one station, or all) dated on
/// or before `as_of`, by (case id, kind).
pub fn planned_cases(
    db: Db<'_>,
    station: Option<&str>,
    as_of: NaiveDate,
) -> Result<HashMap<(String, CaseEventKind), NaiveDate>> {
    let mut out = HashMap::new();
    db.each(
        "SELECT e.case_id, e.kind, min(e.on_date) FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.kind IN ('plan', 'special_plan', 'risk_notice') AND e.on_date <= ?1
           AND (?2 IS NULL OR c.station = ?2)
         GROUP BY e.case_id, e.kind",
        vals![as_of, station],
        |r| {
            out.insert((r.text()?, r.enumv()?), r.date()?);
            Ok(())
        },
    )?;
    Ok(out)
}
