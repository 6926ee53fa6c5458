//! `eindex fmt`: the canonical layout, idempotence and AST preservation (over the bundled rules,
//! every test case and generated inputs), `--check`, and files with syntax errors.

use crate::common::{self, eindex};
use eindex::fmt::{format_source, same_ast, FmtError};
use eindex::syntax;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// fmt is idempotent and keeps the rules and every comment.
fn check_properties(name: &str, text: &str) {
    let once = format_source(name, text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let twice = format_source(name, &once).unwrap_or_else(|e| panic!("{name} (2nd): {e:?}"));
    assert_eq!(once, twice, "{name}: fmt(fmt(x)) != fmt(x)");
    let (a, ea) = syntax::parse(0, text);
    let (b, eb) = syntax::parse(0, &once);
    assert!(ea.is_empty() && eb.is_empty(), "{name}");
    assert!(
        same_ast(&a, &b),
        "{name}: the formatted file holds different rules"
    );
    let comments = |t: &str| t.lines().filter(|l| l.contains('#')).count();
    assert!(
        comments(&once) >= comments(text).min(1) || comments(text) == 0,
        "{name}: comments lost"
    );
    for c in text
        .split('\n')
        .filter_map(|l| l.find(" #").or(l.find('#')).map(|i| l[i..].trim()))
    {
        if !c.starts_with('#') || c.contains('"') {
            continue;
        }
        assert!(once.contains(c), "{name}: comment `{c}` lost");
    }
}

fn rules_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rules_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rules") {
            out.push(p);
        }
    }
}

#[test]
fn every_bundled_and_test_rules_file_formats_idempotently() {
    let mut files = Vec::new();
    rules_files(Path::new("rules"), &mut files);
    rules_files(Path::new("tests/cases"), &mut files);
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let (_, errors) = syntax::parse(0, &text);
        if !errors.is_empty() {
            // files with syntax errors are never formatted
            assert!(matches!(
                format_source("x", &text),
                Err(FmtError::Syntax(_))
            ));
            continue;
        }
        check_properties(&f.display().to_string(), &text);
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} files checked");
}

#[test]
fn the_bundled_rules_are_formatted() {
    // `eindex fmt --check rules bench` passes: the project follows its own formatter
    let mut files = Vec::new();
    rules_files(Path::new("rules"), &mut files);
    rules_files(Path::new("bench/model-150"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let out = format_source(&f.display().to_string(), &text).unwrap();
        assert!(
            out == text,
            "{} is not formatted (run `eindex fmt rules bench`)",
            f.display()
        );
    }
}

#[test]
fn canonical_layout_of_a_messy_file() {
    let text = std::fs::read_to_string("tests/cases/workflow/fmt/messy.rules").unwrap();
    let out = format_source("messy.rules", &text).unwrap();
    insta::assert_snapshot!("fmt_messy", out);
}

#[test]
fn long_expressions_break_at_operators() {
    let text = "let a_rather_long_name = (if q_cs_monitoring has special_studies then 2 else 0) + (if q_cs_monitoring has feedback_to_staff then 1 else 0)\n";
    let out = format_source("x.rules", text).unwrap();
    assert_eq!(
        out,
        "let a_rather_long_name = (if q_cs_monitoring has special_studies then 2 else 0)\n                         + (if q_cs_monitoring has feedback_to_staff then 1 else 0)\n"
    );
    check_properties("x.rules", text);
}

#[test]
fn a_comment_inside_an_expression_keeps_the_item_as_written() {
    let text = "let x = 1 +   # one\n        2\nlet   y=3\n";
    let out = format_source("x.rules", text).unwrap();
    assert_eq!(out, "let x = 1 +   # one\n        2\nlet y = 3\n");
    check_properties("x.rules", text);
}

#[test]
fn check_shows_a_diff_and_never_writes() {
    let dir = common::temp_dir("fmt");
    let messy = dir.path().join("messy.rules");
    let original = std::fs::read_to_string("tests/cases/workflow/fmt/messy.rules").unwrap();
    std::fs::write(&messy, &original).unwrap();
    let m = messy.to_str().unwrap();
    let (code, out, err) = eindex(&["fmt", "--check", m]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("+++ ") && out.contains("-survey \"Messy\"   {"),
        "{out}"
    );
    assert!(err.contains("1 not formatted"), "{err}");
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), original);
    // formatting writes the file; then --check passes
    let (code, _, _) = eindex(&["fmt", m]).into_parts();
    assert_eq!(code, 0);
    let (code, out, _) = eindex(&["fmt", "--check", m]).into_parts();
    assert_eq!((code, out.as_str()), (0, ""));
    // a file with a syntax error is left alone
    let bad = dir.path().join("bad.rules");
    std::fs::write(&bad, "rule x in s { points 1 +  }\n").unwrap();
    let (code, _, err) = eindex(&["fmt", bad.to_str().unwrap()]).into_parts();
    assert_eq!(code, 1);
    assert!(
        err.contains("has syntax errors; it was not formatted"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "rule x in s { points 1 +  }\n"
    );
}

/// `code` and then `comment` starting at column `col`.
fn at(code: &str, col: usize, comment: &str) -> String {
    format!("{code}{}{comment}", " ".repeat(col - code.chars().count()))
}

#[test]
fn hand_aligned_trailing_comments_are_kept() {
    // already canonical: the author's column (two comments share it) is kept, and the lone
    // comment on `cap` stays in line with the arms above it
    let expected = [
        "rule r in s {".to_string(),
        "  sum q {".to_string(),
        at("    a   => 1", 22, "# one"),
        at("    bb  => 2", 22, "# two"),
        "    ccc => 3".to_string(),
        "  }".to_string(),
        at("  cap 5", 22, "# five"),
        "}\n".to_string(),
    ]
    .join("\n");
    assert_eq!(format_source("x.rules", &expected).unwrap(), expected);
    check_properties("x.rules", &expected);
    // the same rule written carelessly: the shared column survives, the code is laid out
    let messy = [
        "rule r in s { sum q {".to_string(),
        at(" a => 1", 22, "# one"),
        at("   bb=>2", 22, "# two"),
        " ccc => 3 }".to_string(),
        at(" cap   5", 22, "# five"),
        "}\n".to_string(),
    ]
    .join("\n");
    assert_eq!(format_source("x.rules", &messy).unwrap(), expected);
    check_properties("x.rules", &messy);
    // a longer line pushes the whole run out: two spaces after it
    let longer = expected.replace(
        &at("    bb  => 2", 22, "# two"),
        &at("    bb  => 2.123456789", 23, "# two"),
    );
    let out = format_source("x.rules", &longer).unwrap();
    assert!(out.contains(&at("    a   => 1", 24, "# one")), "{out}");
    assert!(
        out.contains(&at("    bb  => 2.123456789", 24, "# two")),
        "{out}"
    );
    // the lone `cap` comment is no longer in line with another one: two spaces
    assert!(out.contains("  cap 5  # five"), "{out}");
    check_properties("x.rules", &longer);
}

#[test]
fn trailing_comments_of_lines_of_different_lengths_are_aligned() {
    // the comments stood at different columns: two spaces after the longest commented line
    let text = "section s {\n  thresholds upper 10, 60, 80, 95 # derived\n  zero apart    # counted apart\n  applicable if q = yes      # base n=36\n}\n";
    let out = format_source("x.rules", text).unwrap();
    assert_eq!(
        out,
        "section s {\n  thresholds upper 10, 60, 80, 95  # derived\n  zero apart                       # counted apart\n  applicable if q = yes            # base n=36\n}\n"
    );
    check_properties("x.rules", text);
    // a shared column too close to the longest line (once laid out) moves out to two spaces after it
    let text = format!(
        "section s {{\n{}\n{}\n}}\n",
        at("  zero apart", 24, "# a"),
        at("  thresholds upper 1,2", 24, "# b")
    );
    assert_eq!(
        format_source("x.rules", &text).unwrap(),
        format!(
            "section s {{\n{}\n{}\n}}\n",
            at("  zero apart", 25, "# a"),
            at("  thresholds upper 1, 2", 25, "# b")
        )
    );
    check_properties("x.rules", &text);
    // a lone comment far from its line, with no other comment there, comes back to two spaces
    let text = "rule r in s {\n  points 1            # far\n}\n";
    assert_eq!(
        format_source("x.rules", text).unwrap(),
        "rule r in s {\n  points 1  # far\n}\n"
    );
    // runs are separate: a blank line starts a new one
    let text = "levels {\n  1 \"a\"  # x\n  2 \"bbbbbbbb\" # y\n\n  3 \"c\" # z\n}\n";
    assert_eq!(
        format_source("x.rules", text).unwrap(),
        "levels {\n  1 \"a\"         # x\n  2 \"bbbbbbbb\"  # y\n\n  3 \"c\"  # z\n}\n"
    );
}

#[test]
fn folders_are_walked_recursively_and_finding_nothing_is_an_error() {
    let tmp = common::temp_dir("fmt-walk-cli");
    let dir = tmp.path();
    let messy = std::fs::read_to_string("tests/cases/workflow/fmt/messy.rules").unwrap();
    for f in [
        "rules/2022/a.rules",
        "rules/2023/deep/b.rules",
        "bench/c.rules",
    ] {
        let p = dir.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &messy).unwrap();
    }
    // hidden folders and `target` are skipped
    for f in [".git/x.rules", "rules/target/y.rules"] {
        let p = dir.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "let   x=1\n").unwrap();
    }
    std::fs::create_dir_all(dir.join("empty/sub")).unwrap();
    let d = |p: &str| dir.join(p).to_str().unwrap().to_string();
    let (code, out, err) = eindex(&["fmt", "--check", &d("rules"), &d("bench")]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("3 files checked: 3 not formatted"), "{err}");
    let a = out.find("rules/2022/a.rules").unwrap();
    let b = out.find("rules/2023/deep/b.rules").unwrap();
    let c = out.find("bench/c.rules").unwrap();
    assert!(a < b && b < c, "{out}");
    let (code, _, err) = eindex(&["fmt", &d(".")]).into_parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("3 files: 3 formatted, 0 already formatted"),
        "{err}"
    );
    let (code, out, err) = eindex(&["fmt", "--check", &d(".")]).into_parts();
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join(".git/x.rules")).unwrap(),
        "let   x=1\n"
    );
    // a folder with no `.rules` file beside others: a warning
    let (code, _, err) = eindex(&["fmt", "--check", &d("bench"), &d("empty")]).into_parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: no `.rules` files in `"), "{err}");
    // no `.rules` file at all: an error naming what was searched
    let (code, out, err) = eindex(&["fmt", "--check", &d("empty"), &d("empty/sub")]).into_parts();
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(
        err.starts_with("error: no `.rules` files found in `") && err.contains("empty`"),
        "{err}"
    );
}

// ---------------------------------------------------------------- generated inputs

/// White space between tokens: spaces, line breaks, or a comment to the end of the line.
fn sep() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(" ".to_string()),
        1 => Just("   ".to_string()),
        1 => Just("\n      ".to_string()),
        1 => Just(" # note\n".to_string()),
        1 => Just("              # note\n".to_string()),
    ]
}

fn ident() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["q_a", "q_b", "share", "x1", "līmenis", "yes", "no"])
        .prop_map(String::from)
}

fn number() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["0", "1", "2.5", "10", "0.25", "100"]).prop_map(String::from)
}

fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![number(), ident(), Just("missing".to_string())];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let bin = prop::sample::select(vec!["+", "-", "*", "and", "or", "=", "<", ">=", "!="]);
        prop_oneof![
            (inner.clone(), bin, inner.clone(), sep())
                .prop_map(|(a, op, b, s)| format!("({a}){s}{op} ({b})")),
            inner.clone().prop_map(|a| format!("not ({a})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (inner.clone(), inner.clone(), inner.clone(), sep())
                .prop_map(|(c, a, b, s)| format!("if {c} then {a}{s}else {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("ratio({a}, {b}, zero: 0)")),
            inner.clone().prop_map(|a| format!("({a}) in {{x, y}}")),
            inner
                .clone()
                .prop_map(|a| format!("({a}) has any {{x, y}}")),
            inner.prop_map(|a| format!("(({a}))")),
        ]
    })
}

fn range() -> impl Strategy<Value = String> {
    prop_oneof![
        number().prop_map(|n| format!("< {n}")),
        number().prop_map(|n| format!(">={n}")),
        number().prop_map(|n| format!("= {n}")),
        (number(), number()).prop_map(|(a, b)| format!("[{a},{b})")),
        (number(), number()).prop_map(|(a, b)| format!("({a}, {b}]")),
    ]
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-".to_string()),
        Just("missing".to_string()),
        ident(),
        (ident(), ident()).prop_map(|(a, b)| format!("{a} | {b}")),
        ident().prop_map(|a| format!("not {a}")),
        (ident(), ident()).prop_map(|(a, b)| format!("not ({a}|{b})")),
        range(),
    ]
}

fn item() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["r1", "r2", "score_x", "ūdens"]);
    prop_oneof![
        (name.clone(), expr(), sep()).prop_map(|(n, e, s)| format!("let {n}{s}= {e}")),
        (name.clone(), expr(), sep(), prop::option::of(number())).prop_map(|(n, e, s, w)| {
            let when = w
                .map(|w| format!(" when unanswered => {w}"))
                .unwrap_or_default();
            format!("rule {n} \"Nosaukums \\\"x\\\"\" in sec {{{s}points {e}{when} }}")
        }),
        (
            name.clone(),
            prop::collection::vec(
                (
                    prop_oneof![ident(), range(), Just("else".to_string())],
                    number(),
                    sep()
                ),
                1..5
            )
        )
            .prop_map(|(n, arms)| {
                let body: String = arms
                    .iter()
                    .map(|(p, v, s)| format!("{p} => {v}{s}"))
                    .collect();
                format!("rule {n} in sec {{ match q_a {{ {body}}} when dont_know => exclude }}")
            }),
        (
            name.clone(),
            prop::collection::vec((ident(), number(), sep()), 1..4),
            prop::option::of(number()),
            prop::option::of(number()),
            prop::option::of(number())
        )
            .prop_map(|(n, arms, cap, floor, pin)| {
                let body: String = arms
                    .iter()
                    .map(|(o, v, s)| format!("{o} => {v}{s}"))
                    .collect();
                let cap = cap.map(|c| format!(" cap {c}")).unwrap_or_default();
                let floor = floor.map(|f| format!("\nfloor {f}")).unwrap_or_default();
                // a pinned maximum (`max N`) before the scoring
                let pin = pin.map(|m| format!("max {m} ")).unwrap_or_default();
                format!("rule {n} in sec {{\n{pin}sum q_b {{ {body}}}{floor}{cap}\n}}")
            }),
        (
            name,
            1usize..4,
            prop::collection::vec((prop::collection::vec(cell(), 3), number(), sep()), 1..5)
        )
            .prop_map(|(n, ncols, rows)| {
                let inputs: Vec<&str> = ["q_a", "share", "q_b"][..ncols].to_vec();
                let body: String = rows
                    .iter()
                    .map(|(cells, p, s)| format!("{} => {p}{s}", cells[..ncols].join(",")))
                    .collect();
                format!(
                    "rule {n} in sec {{ table max ({}) {{\n{body}}} }}",
                    inputs.join(", ")
                )
            }),
        (
            prop::collection::vec(number(), 1..5),
            sep(),
            prop::option::of(number())
        )
            .prop_map(|(b, s, pin)| format!(
                "section sec {{{s}{}thresholds lower {}\nzero apart }}",
                pin.map(|m| format!("max {m}\n")).unwrap_or_default(),
                b.join(",")
            )),
        Just("levels { 1 \"a\" en \"b\" 2 \"ccc\" }".to_string()),
        Just("defaults { unanswered => 0 not_applicable => exclude }".to_string()),
        Just("index { weights { a 1 bb 2.5 } min_sections 2 thresholds upper 10, 20 }".to_string()),
        Just(
            "survey \"S\" { year 2022 sources expert > self compare exact rounding half_even }"
                .to_string()
        ),
    ]
}

fn file() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            item(),
            prop::sample::select(vec!["\n", "\n\n", "\n# between\n", "\n\n\n"]),
        ),
        1..6,
    )
    .prop_map(|v| v.into_iter().map(|(i, s)| format!("{i}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_format_idempotently_and_keep_the_rules(text in file()) {
        let (_, errors) = syntax::parse(0, &text);
        prop_assume!(errors.is_empty());
        let once = format_source("gen.rules", &text);
        prop_assert!(once.is_ok(), "{:?}\n{}", once, text);
        let once = once.unwrap_or_default();
        let twice = format_source("gen.rules", &once).unwrap_or_default();
        prop_assert_eq!(&once, &twice, "not idempotent for:\n{}", text);
        let (a, _) = syntax::parse(0, &text);
        let (b, eb) = syntax::parse(0, &once);
        prop_assert!(eb.is_empty());
        prop_assert!(same_ast(&a, &b), "rules changed:\n{}\n---\n{}", text, once);
        prop_assert_eq!(text.matches("# note").count(), once.matches("# note").count());
        prop_assert_eq!(text.matches("# between").count(), once.matches("# between").count());
    }
}
