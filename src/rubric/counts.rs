//! Count items (activities against a yearly target), the expert pool, full-time staff and funding.

use super::evidence::{num, round, Text};
use super::scope::{distinct, Measured, Scope};
use crate::model::date::fmt;
use crate::model::{ActivityKind, Hundredths};

/// `max × min(1, n / (target_per_year × Y(P)))`, exactly, rounded once.
pub fn activities(
    s: &Scope<'_>,
    max: Hundredths,
    activity: &str,
    target_per_year: Hundredths,
    min_participants: u32,
) -> Measured {
    let kind: Option<ActivityKind> = activity.parse().ok();
    let mut explain = Vec::new();
    let mut n: i128 = 0;
    for a in s
        .recs
        .activities
        .iter()
        .filter(|a| Some(a.kind) == kind && s.counts(a.date))
    {
        let enough = min_participants == 0 || a.participants.is_some_and(|p| p >= min_participants);
        let who = a.participants.map(|p| format!(" ({p})")).unwrap_or_default();
        if enough {
            n += 1;
            explain.push(Text::of(|l| {
                l.msg(
                    "evidence.activity_counted",
                    &[("date", &fmt(a.date)), ("title", &a.title), ("who", &who)],
                )
            }));
        } else {
            let min = min_participants.to_string();
            explain.push(Text::of(|l| {
                l.msg(
                    "evidence.activity_too_few",
                    &[
                        ("date", &fmt(a.date)),
                        ("title", &a.title),
                        ("who", &who),
                        ("min", &min),
                    ],
                )
            }));
        }
    }
    let (yn, yd) = s.period.years();
    // target = t/100 × yn/yd; n / target = n × 100 × yd / (t × yn).
    let (num_t, den_t) = (i128::from(target_per_year.0) * i128::from(yn), i128::from(yd));
    let ratio_num = n * 100 * den_t;
    let points = if ratio_num >= num_t {
        max
    } else {
        round(i128::from(max.0) * ratio_num, num_t)
    };
    let target = num(round(num_t, den_t));
    let (label_en, label_zh) = (activity, kind.map(|k| k.zh()).unwrap_or(activity));
    let (yn_s, yd_s) = (yn.to_string(), yd.to_string());
    let per = if yd == 1 && yn == 1 {
        String::new()
    } else {
        format!(
            " = {} × {}",
            num(target_per_year),
            if yd == 1 { yn_s } else { format!("{yn_s}/{yd_s}") }
        )
    };
    Measured {
        points,
        evidence: Text::of(|l| {
            l.msg(
                "evidence.activities",
                &[
                    ("kind", l.t(label_en, label_zh)),
                    ("n", &n.to_string()),
                    ("target", &target),
                    ("per", &per),
                ],
            )
        }),
        explain,
    }
}

/// `max × min(1, n / target)` with n a count of people.
fn people(max: Hundredths, n: usize, target: u32) -> Hundredths {
    if n as u64 >= u64::from(target) {
        max
    } else {
        round(i128::from(max.0) * n as i128, i128::from(target))
    }
}

pub fn pool(s: &Scope<'_>, max: Hundredths, target: u32) -> Measured {
    let r = s.r;
    let mut explain = Vec::new();
    let inside: Vec<&str> = s
        .recs
        .experts
        .iter()
        .filter(|e| {
            let is_in = e.joined_on <= r && e.left_on.is_none_or(|l| l > r);
            let left = e
                .left_on
                .map(|l| format!(", left {}", fmt(l)))
                .unwrap_or_default();
            let state = if is_in {
                ("in the pool", "在库")
            } else {
                ("not in the pool", "不在库")
            };
            explain.push(Text::new(
                format!(
                    "{} ({}, joined {}{left}): {} on {}",
                    e.name,
                    e.kind,
                    fmt(e.joined_on),
                    state.0,
                    fmt(r)
                ),
                format!(
                    "{}（{}，{} 入库{left}）：{} {}",
                    e.name,
                    e.kind.zh(),
                    fmt(e.joined_on),
                    fmt(r),
                    state.1
                ),
            ));
            is_in
        })
        .map(|e| e.name.as_str())
        .collect();
    let listed = inside.len();
    let n = distinct(inside.into_iter()).len();
    let once = once_note(listed, n);
    Measured {
        points: people(max, n, target),
        evidence: Text::of(|l| {
            let args = [
                ("n", n.to_string()),
                ("on", fmt(r)),
                ("target", target.to_string()),
                ("once", once.get(l).to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if n == 1 {
                l.msg("evidence.pool_one", &args)
            } else {
                l.msg("evidence.pool", &args)
            }
        }),
        explain,
    }
}

pub fn staff(s: &Scope<'_>, max: Hundredths, target: u32) -> Measured {
    let r = s.r;
    let mut explain = Vec::new();
    let active: Vec<&str> = s
        .recs
        .staff
        .iter()
        .filter(|p| {
            let is_in = p.full_time && p.from <= r && p.to.is_none_or(|t| t >= r);
            let what = if !p.full_time {
                ("part-time, not counted", "兼职，不计入")
            } else if is_in {
                ("full-time, active", "专职，在岗")
            } else {
                ("full-time, not active", "专职，不在岗")
            };
            let (to_en, to_zh) = match p.to {
                Some(t) => (format!(" to {}", fmt(t)), format!("至 {}", fmt(t))),
                None => (String::new(), String::new()),
            };
            explain.push(Text::new(
                format!(
                    "{} (from {}{to_en}): {} on {}",
                    p.name,
                    fmt(p.from),
                    what.0,
                    fmt(r)
                ),
                format!("{}（{} 起{to_zh}）：{} {}", p.name, fmt(p.from), fmt(r), what.1),
            ));
            is_in
        })
        .map(|p| p.name.as_str())
        .collect();
    let active_len = active.len();
    let n = distinct(active.into_iter()).len();
    let once = once_note(active_len, n);
    Measured {
        points: people(max, n, target),
        evidence: Text::of(|l| {
            l.msg(
                "evidence.staff",
                &[
                    ("n", &n.to_string()),
                    ("on", &fmt(r)),
                    ("target", &target.to_string()),
                    ("once", once.get(l)),
                ],
            )
        }),
        explain,
    }
}

pub fn funding(s: &Scope<'_>, max: Hundredths, min: Hundredths) -> Measured {
    let mut explain = Vec::new();
    let mut sum = Hundredths(0);
    let mut n = 0;
    for f in s.recs.funding.iter().filter(|f| s.counts(f.date)) {
        sum = [sum, f.amount].into_iter().sum();
        n += 1;
        explain.push(Text::of(|l| {
            l.msg(
                "evidence.payment",
                &[
                    ("date", &fmt(f.date)),
                    ("amount", &f.amount.to_string()),
                    ("source", &f.source),
                ],
            )
        }));
    }
    Measured {
        points: if sum > min { max } else { Hundredths(0) },
        evidence: Text::of(|l| {
            let args = [
                ("n", n.to_string()),
                ("sum", sum.to_string()),
                ("min", min.to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if n == 1 {
                l.msg("evidence.funding_one", &args)
            } else {
                l.msg("evidence.funding", &args)
            }
        }),
        explain,
    }
}

/// Says so when a person listed more than once (overlapping records) was counted once.
fn once_note(listed: usize, counted: usize) -> Text {
    match listed - counted {
        0 => Text::new("", ""),
        extra => Text::of(|l| {
            let n = extra.to_string();
            if extra == 1 {
                l.msg("evidence.once_one", &[("n", &n)])
            } else {
                l.msg("evidence.once", &[("n", &n)])
            }
        }),
    }
}
