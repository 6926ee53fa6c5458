//! The TextMate grammar of editors/vscode stays honest: its keywords are the keywords of
//! grammar/rules.pest (and of the server's completion), and every regex in it compiles.

use serde_json::Value;
use std::collections::BTreeSet;

const TM: &str = "editors/vscode/syntaxes/eindex-rules.tmLanguage.json";

/// The words of the pest grammar's keyword tokens (`w_in = @{ "in" ~ !ident_char }`).
fn pest_keywords() -> BTreeSet<String> {
    let pest = std::fs::read_to_string("grammar/rules.pest").unwrap();
    pest.lines()
        .filter(|l| l.starts_with("w_"))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect()
}

/// Every `match`, `begin` and `end` regex of a grammar, with its place.
fn regexes(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let place = format!("{at}/{k}");
                match (k.as_str(), x) {
                    ("match" | "begin" | "end", Value::String(re)) => out.push((place, re.clone())),
                    _ => regexes(x, &place, out),
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                regexes(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The words of the `\b(?:a|b|c)\b` patterns whose scope is a keyword (or declaration) scope.
fn tm_keywords(g: &Value) -> BTreeSet<String> {
    g["repository"]["keywords"]["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            let m = p["match"].as_str().unwrap();
            let inner = m
                .strip_prefix("\\b(?:")
                .and_then(|x| x.strip_suffix(")\\b"))
                .unwrap_or_else(|| panic!("a keyword pattern is `\\b(?:a|b)\\b`: {m}"));
            inner.split('|').map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_textmate_keywords_are_the_grammars() {
    let g: Value = serde_json::from_str(&std::fs::read_to_string(TM).unwrap()).unwrap();
    let pest = pest_keywords();
    assert!(pest.len() > 40, "{pest:?}");
    let tm = tm_keywords(&g);
    let missing: Vec<_> = pest.difference(&tm).collect();
    let extra: Vec<_> = tm.difference(&pest).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{TM}: keywords of grammar/rules.pest it lacks: {missing:?}; words it calls keywords that are not: {extra:?}"
    );
    let completion: BTreeSet<String> = eindex::lsp::KEYWORDS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(
        completion, pest,
        "the server's completion keywords (src/lsp/completion.rs)"
    );
}

#[test]
fn the_textmate_regexes_compile_and_match_what_they_name() {
    let g: Value = serde_json::from_str(&std::fs::read_to_string(TM).unwrap()).unwrap();
    assert_eq!(g["scopeName"], "source.eindex-rules");
    let mut all = Vec::new();
    regexes(&g, "", &mut all);
    assert!(all.len() >= 10, "{all:?}");
    for (place, re) in &all {
        regex::Regex::new(re).unwrap_or_else(|e| panic!("{TM}{place}: {e}"));
    }
    let find = |key: &str| {
        let m = g["repository"][key]["match"].as_str().unwrap();
        regex::Regex::new(m).unwrap()
    };
    assert!(find("comment").is_match("  # a comment"));
    assert!(find("number").is_match("0.25"));
    let decl = find("declaration")
        .captures("rule e_pakalpojumi_ā \"x\" in s")
        .unwrap();
    assert_eq!(&decl[2], "e_pakalpojumi_ā");
    let ident = find("identifier");
    assert_eq!(ident.find("žurnāls_2").unwrap().as_str(), "žurnāls_2");
}
