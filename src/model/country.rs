//! One vocabulary of countries and regions (formats.md, cases `country`): a value is its
//! ISO 3166-1 alpha-2 code (or the EU's, or a WIPO ST.3 code of a regional IP organisation),
//! whatever the spelling it was given in: `DE`, `de`, `德国`, `Germany` are one value. Stored
//! and exported as the code, shown in the language of the output.
//!
//! The names are data, `countries.tsv`, generated from CLDR by `scripts/countries.py`.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// The generated table: code, English name, Chinese name, other spellings separated by `|`.
const DATA: &str = include_str!("countries.tsv");

/// One country or region of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country(&'static Entry);

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Entry {
    code: &'static str,
    en: &'static str,
    zh: &'static str,
}

struct Table {
    entries: Vec<&'static Entry>,
    /// Every spelling's [`key`], to its entry.
    by_key: HashMap<String, &'static Entry>,
    /// Every spelling with its entry, for the nearest matches.
    spellings: Vec<(String, &'static Entry)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            entries: Vec::new(),
            by_key: HashMap::new(),
            spellings: Vec::new(),
        };
        for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let mut cells = line.split('\t');
            let (code, en, zh) = (
                cells.next().unwrap_or_default(),
                cells.next().unwrap_or_default(),
                cells.next().unwrap_or_default(),
            );
            let entry: &'static Entry = Box::leak(Box::new(Entry { code, en, zh }));
            t.entries.push(entry);
            let aliases = cells.next().unwrap_or_default().split('|');
            for s in [code, en, zh]
                .into_iter()
                .chain(aliases)
                .filter(|s| !s.is_empty())
            {
                t.by_key.insert(key(s), entry);
                t.spellings.push((key(s), entry));
            }
        }
        t
    })
}

/// A spelling as compared: lower case, fullwidth forms as ASCII, `&` as `and`, letters and
/// digits only (so `U.S.A.`, `usa` and `USA` are one spelling, and `刚果(金)` is `刚果（金）`).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let ch = match ch as u32 {
            0xFF01..=0xFF5E => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        if ch == '&' {
            out.push_str("and");
        } else if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// Edit distance of two spellings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Country {
    /// The country or region a spelling names, or a sentence with the nearest matches.
    pub fn parse(s: &str) -> Result<Country, String> {
        let t = s.trim();
        let k = key(t);
        if let Some(e) = table().by_key.get(&k) {
            return Ok(Country(e));
        }
        let mut near: Vec<(usize, &'static Entry)> = Vec::new();
        for (spelling, e) in &table().spellings {
            // A spelling the text begins (or that begins the text) is nearest, codes aside.
            let long = k.chars().count() >= 3 && spelling.chars().count() >= 3;
            let d = if long && (spelling.starts_with(&k) || k.starts_with(spelling.as_str())) {
                0
            } else {
                distance(&k, spelling)
            };
            match near.iter_mut().find(|(_, n)| n.code == e.code) {
                Some(n) => n.0 = n.0.min(d),
                None => near.push((d, e)),
            }
        }
        near.sort_by_key(|(d, e)| (*d, e.code));
        let names: Vec<String> = near
            .iter()
            .take(3)
            .map(|(_, e)| format!("{} {} {}", e.code, e.zh, e.en))
            .collect();
        let lang = crate::i18n::Lang::current();
        let sep = lang.label("label.semicolon");
        Err(lang.msg(
            "value.not_country",
            &[("value", t), ("nearest", &names.join(sep))],
        ))
    }

    /// The code (ISO 3166-1 alpha-2, `EU`, or WIPO ST.3), as stored and exported.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    pub fn name_en(self) -> &'static str {
        self.0.en
    }

    pub fn name_zh(self) -> &'static str {
        self.0.zh
    }

    /// The name in Chinese or English.
    pub fn name(self, zh: bool) -> &'static str {
        if zh {
            self.0.zh
        } else {
            self.0.en
        }
    }

    /// The name in the language of the output.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        self.name(lang == crate::i18n::Lang::Zh)
    }

    /// Every country and region, by code.
    pub fn all() -> impl Iterator<Item = Country> {
        table().entries.iter().map(|e| Country(e))
    }
}

impl FromStr for Country {
    type Err = String;
    fn from_str(s: &str) -> Result<Country, String> {
        Country::parse(s)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A country cell or argument as stored: the code, or empty for a blank text.
pub fn parse_opt(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Ok(String::new());
    }
    Ok(Country::parse(s)?.code().to_string())
}

/// A list cell or argument as stored: the codes joined by `;`.
pub fn parse_list_codes(s: &str) -> Result<String, String> {
    Ok(list_codes(&parse_list(s)?))
}

/// The separators of a list of countries (experts' `countries`): `、` `,` `;` `/` and their
/// fullwidth forms.
const SEPARATORS: &[char] = &['、', ',', '，', ';', '；', '/', '／'];

/// Parses a list of countries or regions, in order, without repeats; empty for a blank text.
pub fn parse_list(s: &str) -> Result<Vec<Country>, String> {
    let mut out: Vec<Country> = Vec::new();
    for part in s.split(SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
        let c = Country::parse(part)?;
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(out)
}

/// A list as stored and exported: the codes joined by `;`.
pub fn list_codes(list: &[Country]) -> String {
    list.iter().map(|c| c.code()).collect::<Vec<_>>().join(";")
}

/// A stored value (a code, or an old text no migration could map) as a person reads it.
pub fn display(stored: &str, zh: bool) -> String {
    match table()
        .by_key
        .get(&key(stored))
        .filter(|_| !stored.trim().is_empty())
    {
        Some(e) => Country(e).name(zh).to_string(),
        None => stored.to_string(),
    }
}

/// A stored list (codes joined by `;`) as a person reads it.
pub fn display_list(stored: &str, zh: bool) -> String {
    let names: Vec<String> = stored
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| display(p, zh))
        .collect();
    names.join(if zh { "、" } else { ", " })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_one_value() {
        for s in ["DE", "de", "德国", "Germany", " GERMANY ", "Ｄｅ"] {
            assert_eq!(Country::parse(s).unwrap().code(), "DE", "{s}");
        }
        for (s, code) in [
            ("阿联酋", "AE"),
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("美国", "US"),
            ("UK", "GB"),
            ("Korea", "KR"),
            ("欧盟", "EU"),
            ("eu", "EU"),
            ("Bosnia and Herzegovina", "BA"),
            ("Cote d'Ivoire", "CI"),
            ("刚果(金)", "CD"),
            ("香港", "HK"),
        ] {
            assert_eq!(Country::parse(s).unwrap().code(), code, "{s}");
        }
    }

    #[test]
    fn an_unknown_spelling_names_the_nearest() {
        let err = Country::parse("Germny").unwrap_err();
        assert!(
            err.starts_with("`Germny` is not a country or region ipguard knows"),
            "{err}"
        );
        assert!(err.contains("DE 德国 Germany"), "{err}");
        assert!(Country::parse("").is_err());
    }

    #[test]
    fn the_table_has_every_country_once() {
        let all: Vec<Country> = Country::all().collect();
        assert!(all.len() > 250, "{}", all.len());
        let mut codes: Vec<&str> = all.iter().map(|c| c.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(all
            .iter()
            .all(|c| !c.name_en().is_empty() && !c.name_zh().is_empty()));
    }

    #[test]
    fn every_code_and_name_parses_to_itself() {
        for c in Country::all() {
            for s in [
                c.code().to_string(),
                c.code().to_lowercase(),
                c.name_en().to_string(),
                c.name_en().to_uppercase(),
                c.name_zh().to_string(),
            ] {
                assert_eq!(Country::parse(&s), Ok(c), "{s}");
            }
        }
    }

    #[test]
    fn lists_parse_with_any_separator() {
        let l = parse_list("美国、Germany; jp /欧盟,美国").unwrap();
        assert_eq!(list_codes(&l), "US;DE;JP;EU");
        assert_eq!(display_list("US;DE", true), "美国、德国");
        assert_eq!(display_list("US;DE", false), "United States, Germany");
        assert_eq!(display("火星", true), "火星");
        assert!(parse_list("美国、火星").is_err());
    }
}
