//! The words a document uses for stored values: readable English for the enum values (the
//! stored values stay as they are), Chinese periods and limit names.

use crate::i18n::Lang;

/// A stored enum value in readable English (sentence case), or `None` for an unknown value.
pub fn english(key: &str) -> Option<&'static str> {
    Some(match key {
        "patent" => "Patent",
        "trademark" => "Trademark",
        "copyright" => "Copyright",
        "trade_secret" => "Trade secret",
        "gi" => "Geographical indication",
        "unfair_competition" => "Unfair competition",
        "other" => "Other",
        "litigation" => "Litigation",
        "exhibition" => "Trade fair",
        "ecommerce" => "Cross-border e-commerce",
        "squatting" => "Trademark squatting",
        "section_337" => "Section 337 investigation",
        "red" => "Red",
        "yellow" => "Yellow",
        "blue" => "Blue",
        "enterprise" => "Request by an enterprise",
        "city_transfer" => "Transferred by the city office",
        "training" => "Training",
        "publicity" => "Publicity",
        "publication" => "Publication",
        "aid_guidance" => "Aid application guidance",
        "referral" => "Referral to service institutions",
        "annual_summary" => "annual summary",
        "work_plan" => "work plan",
        "quarterly_cases" => "quarterly case report",
        "acceptance" => "acceptance",
        "handling" => "handling",
        "followup" => "follow-up",
        _ => return None,
    })
}

/// `n` activities of kind `key` in English: `1 training session`, `2 publicity events`.
pub fn activities_en(key: &str, n: usize) -> String {
    let (one, many) = match key {
        "training" => ("training session", "training sessions"),
        "publicity" => ("publicity event", "publicity events"),
        "publication" => ("publication", "publications"),
        "aid_guidance" => (
            "aid application guidance session",
            "aid application guidance sessions",
        ),
        "referral" => (
            "referral to a service institution",
            "referrals to service institutions",
        ),
        other => return format!("{n} × {}", english(other).unwrap_or(other)),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `n` followed by a noun, singular for 1: `1 expert`, `0 lawyers`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The name of a case time limit: 受理 / 办结 / 回访, or acceptance / handling / follow-up.
pub fn limit(key: &str, l: Lang) -> String {
    let zh = match key {
        "acceptance" => "受理",
        "handling" => "办结",
        "followup" => "回访",
        other => other,
    };
    match l {
        Lang::Zh => zh.to_string(),
        Lang::En => english(key).unwrap_or(key).to_string(),
    }
}

/// A period as people write it: `2024年第三季度` / `Q3 2024`, `2024年度` / `2024`.
pub fn period(p: &str, l: Lang) -> String {
    const Q: [&str; 4] = ["一", "二", "三", "四"];
    if let Some((y, q)) = p.split_once('Q') {
        if let Some(zh) = q.parse::<usize>().ok().and_then(|q| Q.get(q.wrapping_sub(1))) {
            return match l {
                Lang::Zh => format!("{y}年第{zh}季度"),
                Lang::En => format!("Q{q} {y}"),
            };
        }
    }
    match l {
        Lang::Zh => format!("{p}年度"),
        Lang::En => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_plurals() {
        assert_eq!(period("2024Q3", Lang::Zh), "2024年第三季度");
        assert_eq!(period("2024", Lang::Zh), "2024年度");
        assert_eq!(period("2024Q3", Lang::En), "Q3 2024");
        assert_eq!(activities_en("training", 1), "1 training session");
        assert_eq!(activities_en("publicity", 2), "2 publicity events");
        assert_eq!(plural(0, "lawyer", "lawyers"), "0 lawyers");
        assert_eq!(limit("followup", Lang::Zh), "回访");
    }
}
