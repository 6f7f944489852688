//! The closed sets of values ipguard records, each with its English value and Chinese alias
//! (formats.md). Parsing accepts either, case-insensitively; storage and machine output use
//! the English value.

use crate::i18n::Lang;
use std::fmt;
use std::str::FromStr;

/// "a" or "an" before a noun, for messages.
fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// The Chinese name of a vocabulary (its English name in `vocab!`), for messages.
fn what_zh(what: &str) -> &'static str {
    match what {
        "station level" => "工作站级别",
        "station status" => "工作站状态",
        "yes/no value" => "是/否值",
        "expert kind" => "专家类别",
        "case source" => "案件来源",
        "case kind" => "案件类型",
        "IP type" => "知识产权类型",
        "dispute type" => "纠纷类型",
        "warning level" => "预警级别",
        "outcome" => "办理结果",
        "activity kind" => "活动类型",
        "report kind" => "报告类型",
        "case event" => "案件事件",
        "assessment kind" => "考核类型",
        "satisfaction" => "满意度",
        _ => "取值",
    }
}

/// A closed set of values with English values and Chinese aliases: what the command line needs
/// to list them in `--help` (see `cli::help`).
pub trait Vocabulary: Copy + FromStr<Err = String> + Send + Sync + 'static {
    /// Every value, in the order formats.md lists them.
    fn all() -> &'static [Self];
    /// The English value.
    fn value(self) -> &'static str;
    /// The Chinese alias.
    fn alias(self) -> &'static str;
}

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident, $what:literal { $($var:ident = $en:literal / $zh:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            /// Every value, in the order formats.md lists them.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// What the value is called in error messages.
            pub const WHAT: &'static str = $what;

            /// The English value, as stored and exported.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $en),+ }
            }

            /// The Chinese alias.
            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh),+ }
            }

            /// The label for people reading in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                match lang { Lang::En => self.as_str(), Lang::Zh => self.zh() }
            }

            /// The allowed values, for error messages: `a (甲), b (乙)`.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| format!("{} ({})", v.as_str(), v.zh()))
                    .collect::<Vec<_>>().join(", ")
            }

            /// The allowed values for a message in `lang`: `a (甲), b (乙)`, or `a（甲）、b（乙）`.
            pub fn allowed_in(lang: Lang) -> String {
                match lang {
                    Lang::En => Self::allowed(),
                    Lang::Zh => Self::ALL.iter().map(|v| format!("{}（{}）", v.as_str(), v.zh()))
                        .collect::<Vec<_>>().join("、"),
                }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim();
                Self::ALL.iter().copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t) || v.zh() == t)
                    .ok_or_else(|| {
                        let lang = Lang::current();
                        let what = match lang {
                            Lang::En => format!("{} {}", article($what), $what),
                            Lang::Zh => what_zh($what).to_string(),
                        };
                        lang.msg(
                            "value.not_enum",
                            &[("value", t), ("what", &what), ("allowed", &Self::allowed_in(lang))],
                        )
                    })
            }
        }

        impl Vocabulary for $name {
            fn all() -> &'static [Self] { Self::ALL }
            fn value(self) -> &'static str { self.as_str() }
            fn alias(self) -> &'static str { self.zh() }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocab!(
    /// A station's level in the three-level network.
    StationLevel, "station level" {
        City = "city" / "市级",
        District = "district" / "区县级",
        Park = "park" / "园区",
    }
);

vocab!(
    /// Where a station stands in its lifecycle (art. 4, 5, 9).
    StationStatus, "station status" {
        Applied = "applied" / "申请",
        Recommended = "recommended" / "推荐",
        Reviewed = "reviewed" / "评审",
        Publicized = "publicized" / "公示",
        Established = "established" / "设立",
        Accepted = "accepted" / "验收合格",
        Revoked = "revoked" / "撤销",
        Rejected = "rejected" / "未通过",
    }
);

impl StationStatus {
    /// The statuses a station may move to next, one step at a time.
    pub fn next(self) -> &'static [StationStatus] {
        use StationStatus::*;
        match self {
            Applied => &[Recommended, Rejected],
            Recommended => &[Reviewed, Rejected],
            Reviewed => &[Publicized, Rejected],
            Publicized => &[Established, Rejected],
            Established => &[Accepted, Revoked],
            Accepted => &[Revoked],
            Revoked | Rejected => &[],
        }
    }

    /// Whether a station in this status may take new cases.
    pub fn takes_cases(self) -> bool {
        !matches!(self, StationStatus::Revoked | StationStatus::Rejected)
    }
}

vocab!(
    /// A yes / no cell.
    YesNo, "yes/no value" {
        Yes = "yes" / "是",
        No = "no" / "否",
    }
);

impl YesNo {
    pub fn from_bool(b: bool) -> Self {
        if b {
            YesNo::Yes
        } else {
            YesNo::No
        }
    }
    pub fn is_yes(self) -> bool {
        self == YesNo::Yes
    }
}

vocab!(
    /// A member of the expert pool.
    ExpertKind, "expert kind" {
        Expert = "expert" / "专家",
        Lawyer = "lawyer" / "律师",
    }
);

vocab!(
    /// How a case reached the station.
    CaseSource, "case source" {
        Enterprise = "enterprise" / "企业申请",
        CityTransfer = "city_transfer" / "市局移交",
    }
);

vocab!(
    /// Guidance (指导), a consultation (咨询), or dispute information the station collected
    /// (信息收集, art. 6(1)): no case to handle, outside part 2 and P1.
    CaseKind, "case kind" {
        Guidance = "guidance" / "指导",
        Consultation = "consultation" / "咨询",
        Information = "information" / "信息收集",
    }
);

vocab!(
    /// The kind of IP right in dispute.
    IpType, "IP type" {
        Patent = "patent" / "专利",
        Trademark = "trademark" / "商标",
        Copyright = "copyright" / "著作权",
        TradeSecret = "trade_secret" / "商业秘密",
        Gi = "gi" / "地理标志",
        UnfairCompetition = "unfair_competition" / "不正当竞争",
        Other = "other" / "其他",
    }
);

vocab!(
    /// The kind of dispute.
    DisputeType, "dispute type" {
        Litigation = "litigation" / "诉讼",
        Exhibition = "exhibition" / "展会",
        Ecommerce = "ecommerce" / "跨境电商",
        Squatting = "squatting" / "商标抢注",
        Section337 = "section_337" / "337调查",
        Other = "other" / "其他",
    }
);

vocab!(
    /// The warning level of a case (seed 003 §9).
    WarningLevel, "warning level" {
        Red = "red" / "红",
        Yellow = "yellow" / "黄",
        Blue = "blue" / "蓝",
    }
);

vocab!(
    /// How a case ended.
    Outcome, "outcome" {
        Resolved = "resolved" / "已解决",
        Guided = "guided" / "已指导",
        Withdrawn = "withdrawn" / "撤回",
        Referred = "referred" / "转介",
    }
);

vocab!(
    /// What a station did besides cases.
    ActivityKind, "activity kind" {
        Training = "training" / "培训",
        Publicity = "publicity" / "宣传",
        Publication = "publication" / "发布",
        AidGuidance = "aid_guidance" / "援助申请指导",
        Referral = "referral" / "服务对接",
    }
);

vocab!(
    /// A report a station submits to the city office (art. 8).
    ReportKind, "report kind" {
        AnnualSummary = "annual_summary" / "年度总结",
        WorkPlan = "work_plan" / "工作计划",
        QuarterlyCases = "quarterly_cases" / "季度报告",
    }
);

vocab!(
    /// What the enterprise said of the service at a follow-up (seed 004 三(四)).
    Satisfaction, "satisfaction" {
        Satisfied = "satisfied" / "满意",
        FairlySatisfied = "fairly_satisfied" / "基本满意",
        Dissatisfied = "dissatisfied" / "不满意",
    }
);

vocab!(
    /// A dated entry on a case's timeline besides its lifecycle dates.
    CaseEventKind, "case event" {
        Followup = "followup" / "回访",
        Plan = "plan" / "应对预案",
        SpecialPlan = "special_plan" / "专项处理方案",
        RiskNotice = "risk_notice" / "风险提示",
        Note = "note" / "备注",
    }
);

vocab!(
    /// The kind of an official assessment (art. 9).
    AssessmentKind, "assessment kind" {
        Acceptance = "acceptance" / "验收",
        Biennial = "biennial" / "两年考核",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_any_case_and_chinese() {
        assert_eq!(
            "CITY_TRANSFER".parse::<CaseSource>().unwrap(),
            CaseSource::CityTransfer
        );
        assert_eq!(
            "市局移交".parse::<CaseSource>().unwrap(),
            CaseSource::CityTransfer
        );
        assert_eq!("Yes".parse::<YesNo>().unwrap(), YesNo::Yes);
        let e = "purple".parse::<WarningLevel>().unwrap_err();
        assert_eq!(
            e,
            "`purple` is not a warning level: use one of red (红), yellow (黄), blue (蓝)"
        );
    }
}
