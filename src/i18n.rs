//! The language people read: Chinese when the locale is zh_*, English otherwise, `--lang` to
//! choose. Machine output (JSON, CSV) never depends on it.

use clap::ValueEnum;

/// A language for labels and messages meant for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language of the environment: `IPGUARD_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`,
    /// then the OS locale.
    pub fn detect() -> Lang {
        for var in ["IPGUARD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return Lang::from_locale(&v);
                }
            }
        }
        sys_locale::get_locale()
            .map(|l| Lang::from_locale(&l))
            .unwrap_or(Lang::En)
    }

    /// `zh_CN.UTF-8`, `zh-Hans`, `zh` → Chinese; anything else → English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language asked for on a command line not parsed yet (`--lang zh`, `--lang=zh`; the
    /// help is written before clap parses), else the environment's.
    pub fn from_args(args: &[std::ffi::OsString]) -> Lang {
        let mut it = args.iter().map(|a| a.to_string_lossy());
        while let Some(a) = it.next() {
            let value = match a.strip_prefix("--lang=") {
                Some(v) => Some(v.to_string()),
                None if a == "--lang" => it.next().map(|v| v.to_string()),
                None => None,
            };
            match value.as_deref() {
                Some("zh") => return Lang::Zh,
                Some("en") => return Lang::En,
                _ => {}
            }
        }
        Lang::detect()
    }

    /// Makes this the language of the command being run, for the few messages built where no
    /// `Ctx` is at hand (`Lang::current`).
    pub fn make_current(self) {
        rust_i18n::set_locale(self.code());
    }

    /// The language of the command being run (`make_current`); English before one is chosen.
    pub fn current() -> Lang {
        match &*rust_i18n::locale() {
            "zh" => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The locale name of the catalog.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The catalog's text for `key` in this language, `%{name}` placeholders filled from
    /// `args`; `None` when the catalog has no such key.
    pub fn text(self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let raw = rust_i18n::t!(key, locale = self.code());
        if raw == key {
            return None;
        }
        Some(fill(&raw, args))
    }

    /// A message for people from the catalog (`locales/messages.json`), `%{name}` placeholders
    /// filled from `args`. A key missing from the catalog (a test forbids it) shows as itself
    /// rather than failing the command.
    pub fn msg(self, key: &str, args: &[(&str, &str)]) -> String {
        self.text(key, args).unwrap_or_else(|| key.to_string())
    }

    /// A label from the catalog (`label.*`: table headings, field names, document words),
    /// as a `&'static str` for the tables and documents that hold them. Each (language, key)
    /// is looked up once and kept for the process; a key missing from the catalog (a test
    /// forbids it) shows as itself.
    pub fn label(self, key: &'static str) -> &'static str {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        static SEEN: OnceLock<Mutex<HashMap<(Lang, &'static str), &'static str>>> = OnceLock::new();
        let seen = SEEN.get_or_init(Default::default);
        let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(text) = seen.get(&(self, key)) {
            return text;
        }
        let text: &'static str = match self.text(key, &[]) {
            Some(text) => Box::leak(text.into_boxed_str()),
            None => key,
        };
        seen.insert((self, key), text);
        text
    }

    /// Picks the text for this language.
    pub fn t<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// `text` with each `%{name}` replaced by its value from `args`, in one pass over the catalog's
/// text: a value (user text) that itself holds `%{…}` is copied as it is, never filled again.
/// A placeholder without a value stays as written.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("%{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 1]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(
            fill("%{a} and %{b}", &[("a", "x %{b} y"), ("b", "2")]),
            "x %{b} y and 2"
        );
        assert_eq!(fill("100%{", &[]), "100%{");
        assert_eq!(fill("%{missing}!", &[("a", "1")]), "%{missing}!");
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
