//! The header line: matching column names (English, any case, or the Chinese alias) to a
//! kind's columns, in any order.

use super::Kind;

/// The header of one file, mapped to the kind's columns.
pub struct Header {
    /// The names as written (trimmed), by position.
    pub names: Vec<String>,
    /// For each of the kind's columns, its position in the file, if present.
    pub pos: Vec<Option<usize>>,
}

/// A problem with the header: the column as it should appear in `FILE:1:COLUMN`, and the message.
pub type HeaderError = (String, String);

impl Header {
    /// Maps `cells` to `kind`'s columns. Unknown columns are errors unless `ignore_unknown`.
    pub fn map(
        kind: Kind,
        cells: &csv::ByteRecord,
        ignore_unknown: bool,
    ) -> Result<Header, Vec<HeaderError>> {
        let cols = kind.columns();
        let mut names = Vec::with_capacity(cells.len());
        let mut pos: Vec<Option<usize>> = vec![None; cols.len()];
        let mut errors = Vec::new();
        for (i, raw) in cells.iter().enumerate() {
            let name = String::from_utf8_lossy(raw).trim().to_string();
            if name.is_empty() {
                errors.push((
                    (i + 1).to_string(),
                    crate::i18n::Lang::current().msg("import.header_no_name", &[("n", &(i + 1).to_string())]),
                ));
            } else if let Some(f) = cols
                .iter()
                .position(|c| c.en.eq_ignore_ascii_case(&name) || c.zh == name)
            {
                match pos[f] {
                    Some(first) => errors.push((
                        name.clone(),
                        crate::i18n::Lang::current().msg(
                            "import.header_twice",
                            &[
                                ("column", cols[f].en),
                                ("first", &(first + 1).to_string()),
                                ("second", &(i + 1).to_string()),
                            ],
                        ),
                    )),
                    None => pos[f] = Some(i),
                }
            } else if !ignore_unknown {
                let known: Vec<&str> = cols.iter().map(|c| c.en).collect();
                errors.push((
                    name.clone(),
                    crate::i18n::Lang::current().msg(
                        "import.header_unknown",
                        &[
                            (
                                "column",
                                &crate::model::text::shorten(&name, super::errors::CELL_SHOWN),
                            ),
                            ("kind", &kind.to_string()),
                            (
                                "known",
                                &known.join(crate::i18n::Lang::current().label("label.list_comma")),
                            ),
                        ],
                    ),
                ));
            }
            names.push(name);
        }
        for (f, col) in cols.iter().enumerate() {
            if col.required && pos[f].is_none() {
                errors.push((
                    col.en.to_string(),
                    crate::i18n::Lang::current()
                        .msg("import.header_missing", &[("column", col.en), ("zh", col.zh)]),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Header { names, pos })
        } else {
            Err(errors)
        }
    }
}

/// Whether `name` is one of `kind`'s columns (English in any case, or the Chinese alias).
fn names_col(kind: Kind, name: &str) -> bool {
    kind.columns()
        .iter()
        .any(|c| c.en.eq_ignore_ascii_case(name) || c.zh == name)
}

/// The kind a header that does not fit `kind` was written for: one whose required columns
/// are all there while some of `kind`'s are missing (the one naming most of the header's
/// columns when several fit). `None` when the header is simply wrong for `kind`.
pub fn looks_like(kind: Kind, cells: &csv::ByteRecord) -> Option<Kind> {
    let names: Vec<String> = cells
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    let has = |col: &super::Col| {
        names
            .iter()
            .any(|n| col.en.eq_ignore_ascii_case(n) || col.zh == n)
    };
    let fits = |k: Kind| k.columns().iter().filter(|c| c.required).all(has);
    if fits(kind) {
        return None;
    }
    let named = |k: Kind| names.iter().filter(|n| names_col(k, n)).count();
    Kind::ALL.iter().copied().filter(|k| *k != kind && fits(*k)).fold(
        None,
        |best: Option<Kind>, k| match best {
            Some(b) if named(b) >= named(k) => Some(b),
            _ => Some(k),
        },
    )
}

/// The message for a header written for `other` given as `kind`: the other kind's required
/// columns, and the command that imports the file as what it is.
pub fn wrong_kind_message(kind: Kind, other: Kind, file: &str, columns: usize) -> String {
    let required: Vec<&str> = other
        .columns()
        .iter()
        .filter(|c| c.required)
        .map(|c| c.en)
        .collect();
    let lang = crate::i18n::Lang::current();
    let more = if columns > required.len() {
        lang.label("label.comma_ellipsis")
    } else {
        ""
    };
    let args = [
        ("other", other.name()),
        (
            "columns",
            &format!("{}{more}", required.join(lang.label("label.list_comma"))),
        ),
        ("kind", kind.name()),
        ("file", file),
    ];
    if other.name().starts_with(['a', 'e']) {
        lang.msg("import.wrong_kind_an", &args)
    } else {
        lang.msg("import.wrong_kind", &args)
    }
}
