//! CSV import and export of every kind of record (formats.md, "CSV import" and "CSV export"):
//! the column specs, decoding, header mapping, row parsing and the writer shared with
//! `list --format csv`.

pub mod decode;
mod errors;
pub mod export;
mod header;
pub mod import;
pub mod kinds;
mod lines;
pub use kinds::CsvRecord;
mod progress;
mod row;
mod scan;
mod seen;
mod summary;
mod upsert;

use std::fmt;
use std::str::FromStr;

/// The kinds of records a CSV file can hold, in dependency order (stations first): the nine
/// of formats.md, then the five that carry the rest of a store (docs/csv.md, "Every record").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Kind {
    Stations,
    Staff,
    Experts,
    Funding,
    Cases,
    Activities,
    Reports,
    Awards,
    Complaints,
    #[value(name = "station_history")]
    StationHistory,
    #[value(name = "station_conditions")]
    StationConditions,
    #[value(name = "case_events")]
    CaseEvents,
    Assessments,
    #[value(name = "reason_decisions")]
    ReasonDecisions,
}

/// One column of a kind: English name, Chinese alias, required.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub en: &'static str,
    pub zh: &'static str,
    pub required: bool,
}

macro_rules! c {
    ($en:literal, $zh:literal, $req:literal) => {
        Col {
            en: $en,
            zh: $zh,
            required: $req,
        }
    };
}

impl Kind {
    /// Every kind, in the order of formats.md's table, then the five of docs/csv.md (also the
    /// import order of `--dir`: each after the kinds its records name).
    pub const ALL: [Kind; 14] = [
        Kind::Stations,
        Kind::Staff,
        Kind::Experts,
        Kind::Funding,
        Kind::Cases,
        Kind::Activities,
        Kind::Reports,
        Kind::Awards,
        Kind::Complaints,
        Kind::StationHistory,
        Kind::StationConditions,
        Kind::CaseEvents,
        Kind::Assessments,
        Kind::ReasonDecisions,
    ];

    /// The name used on the command line and as the file name `<name>.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Stations => "stations",
            Kind::Staff => "staff",
            Kind::Experts => "experts",
            Kind::Funding => "funding",
            Kind::Cases => "cases",
            Kind::Activities => "activities",
            Kind::Reports => "reports",
            Kind::Awards => "awards",
            Kind::Complaints => "complaints",
            Kind::StationHistory => "station_history",
            Kind::StationConditions => "station_conditions",
            Kind::CaseEvents => "case_events",
            Kind::Assessments => "assessments",
            Kind::ReasonDecisions => "reason_decisions",
        }
    }

    /// What the records of the kind are called in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Kind::Stations => "工作站",
            Kind::Staff => "工作人员",
            Kind::Experts => "专家与律师",
            Kind::Funding => "经费",
            Kind::Cases => "案件",
            Kind::Activities => "活动",
            Kind::Reports => "报告",
            Kind::Awards => "加分",
            Kind::Complaints => "投诉",
            Kind::StationHistory => "工作站历程",
            Kind::StationConditions => "设立条件",
            Kind::CaseEvents => "案件记录",
            Kind::Assessments => "评估结果",
            Kind::ReasonDecisions => "超期原因认定",
        }
    }

    /// The columns, in export order.
    pub fn columns(self) -> &'static [Col] {
        match self {
            Kind::Stations => &[
                c!("code", "编号", true),
                c!("name", "名称", true),
                c!("host_org", "依托单位", false),
                c!("district", "区县", false),
                c!("level", "级别", false),
                c!("status", "状态", false),
                c!("status_on", "状态日期", false),
                c!("established_on", "设立日期", false),
            ],
            Kind::Staff => &[
                c!("station", "工作站", true),
                c!("name", "姓名", true),
                c!("full_time", "专职", true),
                c!("from", "起始日期", true),
                c!("to", "结束日期", false),
            ],
            Kind::Experts => &[
                c!("station", "工作站", true),
                c!("name", "姓名", true),
                c!("kind", "类别", true),
                c!("field", "领域", false),
                c!("countries", "国家或地区", false),
                c!("joined_on", "入库日期", true),
                c!("left_on", "退出日期", false),
            ],
            Kind::Funding => &[
                c!("station", "工作站", true),
                c!("date", "日期", true),
                c!("amount", "金额", true),
                c!("source", "来源", false),
            ],
            Kind::Cases => &[
                // Not required: a case without id gets a generated one (csv.md).
                c!("id", "案件编号", false),
                c!("station", "工作站", true),
                c!("enterprise", "企业名称", true),
                c!("credit_code", "统一社会信用代码", false),
                c!("received_on", "收到日期", true),
                c!("source", "来源", false),
                c!("kind", "类型", false),
                c!("ip_type", "知识产权类型", false),
                c!("country", "国家或地区", false),
                c!("dispute_type", "纠纷类型", false),
                c!("warning_level", "预警等级", false),
                c!("accepted_on", "受理日期", false),
                c!("closed_on", "办结日期", false),
                c!("outcome", "处理结果", false),
                c!("effective", "是否有效", false),
                c!("followup_on", "回访日期", false),
                c!("overdue_reason", "超期原因", false),
                c!("reason_accepted", "原因认可", false),
                c!("summary", "摘要", false),
                c!("typical", "典型案例", false),
            ],
            Kind::Activities => &[
                c!("station", "工作站", true),
                c!("kind", "类型", true),
                c!("date", "日期", true),
                c!("title", "标题", true),
                c!("participants", "参加人数", false),
            ],
            Kind::Reports => &[
                c!("station", "工作站", true),
                c!("kind", "类型", true),
                c!("period", "期间", true),
                c!("submitted_on", "报送日期", true),
            ],
            Kind::Awards => &[
                c!("station", "工作站", true),
                c!("item", "加分项", true),
                c!("points", "分值", true),
                c!("date", "日期", true),
                c!("reason", "理由", true),
            ],
            Kind::Complaints => &[
                c!("station", "工作站", true),
                c!("date", "日期", true),
                c!("verified", "查证属实", true),
                c!("note", "说明", false),
            ],
            Kind::StationHistory => &[
                c!("station", "工作站", true),
                c!("status", "状态", true),
                c!("date", "日期", true),
                c!("note", "说明", false),
            ],
            Kind::StationConditions => &[
                c!("station", "工作站", true),
                c!("cond1", "条件1", true),
                c!("cond2", "条件2", true),
                c!("cond3", "条件3", true),
                c!("cond4", "条件4", true),
                c!("cond5", "条件5", true),
            ],
            Kind::CaseEvents => &[
                c!("case", "案件编号", true),
                c!("kind", "类型", true),
                c!("date", "日期", true),
                c!("title", "标题", false),
                c!("note", "说明", false),
                c!("satisfaction", "满意度", false),
                c!("comment", "评价", false),
            ],
            Kind::Assessments => &[
                c!("station", "工作站", true),
                c!("kind", "类型", true),
                c!("period", "期间", true),
                c!("date", "日期", true),
                c!("total", "总分", true),
                c!("grade", "等级", true),
                c!("rubric", "评分标准", true),
                c!("scorecard", "评分表", true),
            ],
            Kind::ReasonDecisions => &[
                c!("case", "案件编号", true),
                c!("accepted", "是否认可", true),
                c!("decided_on", "认定日期", false),
                c!("note", "说明", false),
            ],
        }
    }

    /// The index of the column named `en`.
    pub fn col(self, en: &str) -> usize {
        self.columns()
            .iter()
            .position(|c| c.en == en)
            .unwrap_or_else(|| panic!("{} has no column {en}", self.name()))
    }

    /// The file name `--dir` looks for.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                let lang = crate::i18n::Lang::current();
                lang.msg(
                    "import.not_a_kind",
                    &[
                        ("value", s.trim()),
                        ("kinds", &names.join(lang.label("label.list_comma"))),
                    ],
                )
            })
    }
}
