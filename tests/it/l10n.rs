//! The message catalogue (`src/l10n/{lv,en}/*.ftl`): both languages parse, have the same
//! messages with the same arguments, and have every message the code asks for.

use eindex::l10n::Lang;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id → the variables its value and attributes use.
fn messages(text: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, e)| panic!("{file}: {e:?}"));
    let mut out = BTreeMap::new();
    for entry in res.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{file}: `{}` twice",
                    m.id.name
                );
            }
            ast::Entry::Term(t) => panic!("{file}: term -{} (use messages only)", t.id.name),
            ast::Entry::Junk { content } => panic!("{file}: does not parse: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, out);
        }
    }
}

fn expr_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, out),
        _ => {}
    }
}

#[test]
fn both_languages_have_every_message_with_the_same_arguments() {
    let lv = eindex::l10n::sources(Lang::Lv);
    let en = eindex::l10n::sources(Lang::En);
    assert_eq!(lv.len(), en.len());
    let mut total = 0;
    for ((lname, ltext), (ename, etext)) in lv.iter().zip(en) {
        assert_eq!(lname, ename);
        let l = messages(ltext, &format!("lv/{lname}"));
        let e = messages(etext, &format!("en/{ename}"));
        let lk: BTreeSet<_> = l.keys().collect();
        let ek: BTreeSet<_> = e.keys().collect();
        assert_eq!(
            lk.difference(&ek).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{lname}: in lv only"
        );
        assert_eq!(
            ek.difference(&lk).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{lname}: in en only"
        );
        for (id, vars) in &l {
            assert_eq!(
                vars, &e[id],
                "{lname}: `{id}` uses other arguments in lv and en"
            );
        }
        total += l.len();
    }
    assert!(total >= 20, "only {total} messages");
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The ids of `.t("id")`, `.f("id", …)` and `msg!("id")`-like calls: a string literal of
/// lowercase words joined by `-` right after `t(`/`f(`.
fn used_ids(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pat in [".t(\"", ".f(\"", ".f(\n"] {
        let mut rest = src;
        while let Some(i) = rest.find(pat) {
            rest = &rest[i + pat.len()..];
            let s = rest.trim_start().trim_start_matches('"');
            let id: String = s
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            if id.contains('-') && s[id.len()..].starts_with('"') {
                out.push(id);
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let lv = Lang::Lv.messages();
    let mut missing = Vec::new();
    let mut used = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        for id in used_ids(&text) {
            used += 1;
            if !lv.has(&id) || !Lang::En.messages().has(&id) {
                missing.push(format!("{}: {id}", f.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the catalogue:\n{}",
        missing.join("\n")
    );
    assert!(
        used >= 4,
        "the scan found only {used} uses: is it still right?"
    );
}
