//! Completion: question ids, the options of the question in context, `let`s, keywords and
//! section names.
//!
//! The file being typed rarely parses, so the context is read from the words before the cursor
//! rather than from the syntax tree: the innermost open `{` of `match q {`, `sum q {`,
//! `q in {`, `q has any {` (the options of `q`), a `q has ` or `q = ` just before the cursor
//! (the same), `… in ` in a rule's header or `weights {` (section names).

use super::refs::{field, let_names};
use super::state::Folder;
use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};

/// The keywords of the language (the words of `grammar/rules.pest`).
pub const KEYWORDS: &[&str] = &[
    "all",
    "alternative",
    "and",
    "any",
    "apart",
    "applicable",
    "bands",
    "by",
    "cap",
    "compare",
    "constraint",
    "defaults",
    "display",
    "else",
    "en",
    "exact",
    "exclude",
    "first",
    "floor",
    "group",
    "has",
    "if",
    "in",
    "index",
    "let",
    "levels",
    "lower",
    "match",
    "max",
    "min",
    "min_sections",
    "missing",
    "not",
    "or",
    "points",
    "proportional",
    "quartiles",
    "require",
    "rounded",
    "rounding",
    "rule",
    "schema",
    "section",
    "sources",
    "step",
    "sum",
    "survey",
    "table",
    "then",
    "threshold",
    "thresholds",
    "uncertain",
    "unique",
    "upper",
    "weight",
    "weights",
    "when",
    "year",
    "zero",
];

/// A token of the text before the cursor: a word, or one punctuation character.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '#' {
            while chars.next_if(|&(_, c)| c != '\n').is_some() {}
        } else if c == '"' {
            while let Some((_, c)) = chars.next() {
                if c == '\\' {
                    chars.next();
                } else if c == '"' || c == '\n' {
                    break;
                }
            }
            out.push("\"\"");
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some((j, d)) = chars.next_if(|&(_, d)| d.is_alphanumeric() || d == '_') {
                end = j + d.len_utf8();
            }
            out.push(&text[i..end]);
        } else if !c.is_whitespace() {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    out
}

/// What is expected at the cursor.
#[derive(Debug, PartialEq, Eq)]
enum Context {
    /// Options of this question (and any name).
    Options(String),
    Sections,
    /// Any name or keyword.
    Anything,
}

/// The context of a cursor after `before` (the word being typed left out).
fn context(before: &[&str]) -> Context {
    // the question that owns each open brace
    let mut open: Vec<Option<String>> = Vec::new();
    for (i, t) in before.iter().enumerate() {
        match *t {
            "{" => {
                let back = |k: usize| i.checked_sub(k).and_then(|j| before.get(j)).copied();
                let owner = match (back(3), back(2), back(1)) {
                    (_, Some("match" | "sum"), Some(q)) => Some(q),
                    (_, Some(q), Some("in")) => Some(q),
                    (Some(q), Some("has"), Some("any" | "all")) => Some(q),
                    (_, _, Some("weights")) => Some("weights"),
                    _ => None,
                };
                open.push(owner.map(str::to_string));
            }
            "}" => {
                open.pop();
            }
            _ => {}
        }
    }
    let n = before.len();
    let last = |k: usize| n.checked_sub(k).and_then(|j| before.get(j)).copied();
    if let (Some(q), Some("has" | "=" | "!=")) = (last(2), last(1)) {
        // `let q =` defines `q`
        if last(3) != Some("let") {
            return Context::Options(q.to_string());
        }
    }
    // `rule name "title" [en "title"] in |`
    if last(1) == Some("in") && open.is_empty() {
        return Context::Sections;
    }
    match open.last() {
        Some(Some(w)) if w == "weights" => Context::Sections,
        Some(Some(q)) => Context::Options(q.clone()),
        _ => Context::Anything,
    }
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d,
            })
        }),
        ..Default::default()
    }
}

/// The completions at byte `offset` of `text` (a file of `folder`).
pub fn complete(folder: &Folder, text: &str, offset: usize) -> Vec<CompletionItem> {
    let mut cut = offset.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut toks = tokens(&text[..cut]);
    // the word being typed is not context
    if text[..cut].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
        toks.pop();
    }
    let schema = folder.loaded.schema.as_ref();
    let mut out = Vec::new();
    let sections = |out: &mut Vec<CompletionItem>| {
        for s in schema.iter().flat_map(|s| &s.sections) {
            out.push(item(
                &s.id,
                CompletionItemKind::MODULE,
                Some(s.lv.clone()),
                s.en.clone(),
            ));
        }
    };
    match context(&toks) {
        Context::Sections => {
            sections(&mut out);
            return out;
        }
        Context::Options(q) => {
            if let Some(q) = schema.and_then(|s| field(s, &q)) {
                for o in q.kind.options() {
                    let detail = Some(o.lv.clone());
                    out.push(item(
                        &o.id,
                        CompletionItemKind::ENUM_MEMBER,
                        detail,
                        o.en.clone(),
                    ));
                }
                if !out.is_empty() {
                    return out;
                }
            }
        }
        Context::Anything => {}
    }
    for q in schema
        .iter()
        .flat_map(|s| s.questions.iter().chain(&s.meta))
    {
        let detail = Some(format!("{} — {}", q.kind.name(), q.lv));
        out.push(item(&q.id, CompletionItemKind::FIELD, detail, q.en.clone()));
    }
    let mut lets: Vec<String> = let_names(folder.asts().map(|(_, f)| f))
        .into_iter()
        .collect();
    lets.sort();
    for l in lets {
        out.push(item(
            &l,
            CompletionItemKind::VARIABLE,
            Some("let".into()),
            None,
        ));
    }
    for k in KEYWORDS {
        out.push(item(k, CompletionItemKind::KEYWORD, None, None));
    }
    sections(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str) -> Context {
        context(&tokens(text))
    }

    #[test]
    fn the_context_comes_from_the_words_before_the_cursor() {
        assert_eq!(ctx("rule a \"x\" in "), Context::Sections);
        assert_eq!(
            ctx("rule a \"x\" in s {\n  match q_x {\n    one => 1\n    "),
            Context::Options("q_x".into())
        );
        assert_eq!(ctx("let y = q_a has "), Context::Options("q_a".into()));
        assert_eq!(ctx("let y = q_a in { "), Context::Options("q_a".into()));
        assert_eq!(
            ctx("rule a in s { match q { a => 1 } }\nlet z = "),
            Context::Anything
        );
        assert_eq!(ctx("index { weights { "), Context::Sections);
        // strings and comments are not words
        assert_eq!(ctx("# match q {\nlet x = \"{\" "), Context::Anything);
    }
}
