//! The catalogue of diagnostic codes, read from `docs/diagnostics.md` (compiled in), for
//! `eindex check --explain CODE`.
//!
//! The page is the one place a code is described: every table row whose first cell is a code
//! (`` `eindex::check::uncovered` ``) is an entry; the table's header names the other cells
//! ("severity", "what triggers it (example)", "how to fix", ...), and the `##`/`###` heading
//! above the table is the entry's group. A test checks that every code the program can emit has
//! a row, so the catalogue cannot fall behind the program.

use crate::suggest;

const PAGE: &str = include_str!("../docs/diagnostics.md");

/// One documented code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The full code, e.g. `eindex::check::uncovered`.
    pub code: String,
    /// The heading of the table that documents it.
    pub group: String,
    /// The other cells of its row, each with its column's header.
    pub fields: Vec<(String, String)>,
}

/// What a lookup found.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Entry),
    /// A short name (`unknown_section`) that more than one code ends with.
    Ambiguous(Vec<String>),
    /// No such code; the nearest, if any.
    Unknown {
        nearest: Option<String>,
    },
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    // a `|` inside backticks (`--format table\|csv`) is escaped in the page
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    out.push(cell.trim().to_string());
    out
}

/// The code a first cell names: `` `eindex::x::y` `` as it is, a short `` `y` `` in the table
/// of `eindex::app` errors (the page writes those short).
fn code_of(cell: &str, app_table: bool) -> Option<String> {
    let name = cell.strip_prefix('`')?.strip_suffix('`')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':')
    };
    if name.starts_with("eindex::") && plain(name) {
        Some(name.to_string())
    } else if app_table && plain(name) && !name.contains(':') {
        Some(format!("eindex::app::{name}"))
    } else {
        None
    }
}

/// Every documented code, in the page's order.
pub fn all() -> Vec<Entry> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut header: Option<Vec<String>> = None;
    for line in PAGE.lines() {
        if let Some(h) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            heading = h.trim().to_string();
            header = None;
            continue;
        }
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let row = cells(line);
        let Some(names) = &header else {
            header = Some(row);
            continue;
        };
        let app_table = heading.starts_with("When a command cannot");
        let Some(code) = row.first().and_then(|c| code_of(c, app_table)) else {
            continue; // the `| --- |` line, or a row of another table
        };
        let fields = names
            .iter()
            .zip(&row)
            .skip(1)
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        out.push(Entry {
            code,
            group: heading.clone(),
            fields,
        });
    }
    out
}

/// Looks a code up: the full code, or its last part (`uncovered`), case and `-`/`_` ignored.
pub fn lookup(query: &str) -> Lookup {
    let entries = all();
    let q = query.trim().to_lowercase().replace('-', "_");
    if let Some(e) = entries.iter().find(|e| e.code == q) {
        return Lookup::Found(e.clone());
    }
    if q.is_empty() || q.ends_with(':') {
        return Lookup::Unknown { nearest: None };
    }
    let suffix = format!("::{q}");
    let matches: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.code.ends_with(&suffix))
        .collect();
    match matches.as_slice() {
        [one] => Lookup::Found((*one).clone()),
        [] => {
            let names: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
            let full = suggest::closest(&q, names.iter().copied()).map(str::to_string);
            let short = || {
                let shorts: Vec<&str> = names
                    .iter()
                    .map(|n| n.rsplit("::").next().unwrap_or(n))
                    .collect();
                let s = suggest::closest(&q, shorts.iter().copied())?;
                names
                    .iter()
                    .find(|n| n.ends_with(&format!("::{s}")))
                    .map(|n| n.to_string())
            };
            Lookup::Unknown {
                nearest: full.or_else(short),
            }
        }
        many => Lookup::Ambiguous(many.iter().map(|e| e.code.clone()).collect()),
    }
}

/// The entry as `eindex check --explain` prints it: the code, then each field on its own
/// paragraph, Markdown backticks kept (they mark what is written literally).
pub fn render(entry: &Entry) -> String {
    let mut out = format!("{}\n", entry.code);
    out.push_str(&format!(
        "  documented in docs/diagnostics.md, \"{}\"\n",
        entry.group
    ));
    for (name, value) in &entry.fields {
        out.push_str(&format!("\n{name}:\n"));
        for line in textwrap::wrap(value, 96) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_every_kind_of_table() {
        let all = all();
        assert!(all.len() > 140, "{}", all.len());
        for code in [
            "eindex::syntax::decimal_comma",
            "eindex::check::uncovered",
            "eindex::input::row_length",
            "eindex::app::ruleset_unreadable",
            "eindex::verify::table_row",
        ] {
            assert!(all.iter().any(|e| e.code == code), "{code} not found");
        }
        let e = all
            .iter()
            .find(|e| e.code == "eindex::input::row_length")
            .unwrap();
        assert_eq!(e.group, "A row or object");
        assert_eq!(e.fields[0].0, "when");
        assert!(e.fields[0].1.contains("another number of cells"));
    }

    #[test]
    fn short_names_case_and_dashes() {
        let found = |q: &str| match lookup(q) {
            Lookup::Found(e) => e.code,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(found("uncovered"), "eindex::check::uncovered");
        assert_eq!(found("Decimal-Comma"), "eindex::syntax::decimal_comma");
        assert_eq!(
            found("eindex::check::uncovered"),
            "eindex::check::uncovered"
        );
        assert_eq!(found("check::uncovered"), "eindex::check::uncovered");
        // a short name of two codes
        match lookup("unknown_section") {
            Lookup::Ambiguous(codes) => {
                assert!(codes.contains(&"eindex::check::unknown_section".to_string()));
                assert!(codes.contains(&"eindex::schema::unknown_section".to_string()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            lookup("uncoverd"),
            Lookup::Unknown {
                nearest: Some("eindex::check::uncovered".into())
            }
        );
        // a wrong stage with a right name is not found under another stage
        assert!(matches!(
            lookup("eindex::input::uncovered"),
            Lookup::Unknown { .. }
        ));
        // nothing, or only a stage, names no code
        assert_eq!(lookup(" "), Lookup::Unknown { nearest: None });
        assert_eq!(lookup("eindex::check::"), Lookup::Unknown { nearest: None });
    }

    #[test]
    fn escaped_bars_stay_in_their_cell() {
        assert_eq!(cells(r"| `a` | x \| y | z |"), vec!["`a`", "x | y", "z"]);
    }
}
