//! The scorecard as formats.md's "Score JSON": what `score --format json` prints, what
//! `station assess` stores with its result and what the annual report embeds.

use super::Scorecard;
use crate::i18n::Lang;
use crate::model::date::fmt;
use crate::model::recorded::Station;
use serde_json::{json, Value};

impl Scorecard {
    /// The scorecard of `station` as formats.md's "Score JSON", its evidence in `lang`.
    pub fn json(&self, station: &Station, lang: Lang) -> Value {
        let c = self;
        json!({
            "schema_version": 1,
            "station": station.code,
            "name": station.name,
            "period": c.period.to_string(),
            "from": fmt(c.period.from()),
            "to": fmt(c.period.to()),
            "as_of": fmt(c.as_of),
            "rubric": c.rubric_id,
            "items": c.items.iter().map(|i| json!({
                "id": i.id, "part": i.part.as_str(), "name_zh": i.name_zh, "name_en": i.name_en,
                "max": i.max, "points": i.points, "evidence": i.evidence.get(lang),
            })).collect::<Vec<_>>(),
            "parts": c.parts.iter().map(|p| json!({
                "id": p.id, "name_zh": p.name_zh, "name_en": p.name_en, "max": p.max, "points": p.points,
            })).collect::<Vec<_>>(),
            "base": c.base,
            "bonus": c.bonus,
            "penalty": c.penalty,
            "total": c.total,
            "grade": c.grade.id,
        })
    }
}
