//! Tests of the syntax stage. Case files live in `tests/cases/parse` (valid input, AST snapshot)
//! and `tests/cases/syntax-errors` (one error case each, rendered diagnostic snapshot).

use super::ast::*;
use super::*;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- helpers

/// Renders errors the way `eindex check` shows them (no colour, 80 columns).
fn render(name: &str, src: &str, errors: &[SyntaxError]) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(80);
    let mut out = String::new();
    for e in errors {
        let report = miette::Report::new(e.clone())
            .with_source_code(miette::NamedSource::new(name, src.to_string()));
        handler
            .render_report(&mut out, report.as_ref())
            .expect("render");
        out.push('\n');
    }
    out
}

/// Every error span lies inside `src` on character boundaries, and no error is internal.
fn assert_sane(src: &str, errors: &[SyntaxError]) {
    for e in errors {
        let s = e.span();
        assert!(s.start <= s.end, "{e:?}");
        assert!((s.end as usize) <= src.len(), "{e:?} out of {}", src.len());
        assert!(src.is_char_boundary(s.start as usize), "{e:?}");
        assert!(src.is_char_boundary(s.end as usize), "{e:?}");
        assert!(!matches!(e, SyntaxError::Internal { .. }), "{e:?}");
    }
}

fn parse_ok(src: &str) -> File {
    let (file, errors) = parse(0, src);
    assert!(errors.is_empty(), "{}", render("input", src, &errors));
    file
}

fn parse_errors(src: &str) -> Vec<SyntaxError> {
    let (_, errors) = parse(0, src);
    assert_sane(src, &errors);
    errors
}

fn expr(src: &str) -> Expr {
    match parse_expr(0, src, 0) {
        Ok(e) => e,
        Err(e) => panic!("{}", render("expr", src, &[e])),
    }
}

/// A compact prefix form of an expression, to check precedence.
fn sexp(e: &Expr) -> String {
    let names = |v: &[Name]| {
        v.iter()
            .map(|n| n.node.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match &*e.kind {
        ExprKind::Number(n) => n.to_string(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::MissingLit => "missing".to_string(),
        ExprKind::Neg(x) => format!("(neg {})", sexp(x)),
        ExprKind::Not(x) => format!("(not {})", sexp(x)),
        ExprKind::Binary(op, _, a, b) => format!("({} {} {})", op.symbol(), sexp(a), sexp(b)),
        ExprKind::In {
            value,
            options,
            negated,
        } => {
            let op = if *negated { "not-in" } else { "in" };
            format!("({op} {} {{{}}})", sexp(value), names(options))
        }
        ExprKind::Has { value, option } => format!("(has {} {})", sexp(value), option.node),
        ExprKind::HasSet {
            value,
            all,
            options,
        } => {
            let op = if *all { "has-all" } else { "has-any" };
            format!("({op} {} {{{}}})", sexp(value), names(options))
        }
        ExprKind::If(c, a, b) => format!("(if {} {} {})", sexp(c), sexp(a), sexp(b)),
        ExprKind::Call { func, args, named } => {
            let mut s = format!("({}", func.node);
            for a in args {
                let _ = write!(s, " {}", sexp(a));
            }
            for (n, a) in named {
                let _ = write!(s, " {}: {}", n.node, sexp(a));
            }
            s.push(')');
            s
        }
    }
}

// ---------------------------------------------------------------- case files

/// Snapshot names without the crate's module path, so the scratch crate and the main crate agree.
fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn parse_cases() {
    snapshot_settings().bind(|| {
        insta::glob!("../../tests/cases/parse", "*.rules", |path| {
            let src = std::fs::read_to_string(path).expect("read case");
            let file = parse_ok(&src);
            assert!(
                !file.items.is_empty(),
                "{} parsed to nothing",
                path.display()
            );
            insta::assert_snapshot!(format!("{file:#?}"));
        })
    });
}

#[test]
fn syntax_error_cases() {
    snapshot_settings().bind(|| {
        insta::glob!("../../tests/cases/syntax-errors", "*.rules", |path| {
            let src = std::fs::read_to_string(path).expect("read case");
            let errors = parse_errors(&src);
            assert!(!errors.is_empty(), "{} gave no error", path.display());
            let name = path
                .file_name()
                .map_or("case".into(), |n| n.to_string_lossy().into_owned());
            insta::assert_snapshot!(render(&name, &src, &errors));
        })
    });
}

// ---------------------------------------------------------------- everyday mistakes

#[test]
fn a_capitalised_item_word_starts_its_own_item() {
    // the scanner splits at `Rule` too, so only that item is lost, not the rule before it
    let src = "rule a in s {\n  points 1\n}\nRule b in s {\n  points 2\n}\n";
    let (file, errors) = parse(0, src);
    assert_eq!(file.items.len(), 1);
    match &errors[..] {
        [SyntaxError::Unexpected { help, .. }] => {
            assert_eq!(help, "keywords are lower case: write `rule`")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_unclosed_brace_is_found_by_indentation() {
    // the last `}` closes the `match` by count, but it is indented like the rule: the `match`
    // is what lacks its `}`
    let src = "rule a in s {\n  match q {\n    x => 1\n}\n";
    let open = src.find("q {").unwrap() + 2;
    match &parse_errors(src)[..] {
        [SyntaxError::Unclosed { block, span, .. }] => {
            assert_eq!((block.as_str(), span.start as usize), ("match", open))
        }
        other => panic!("{other:?}"),
    }
    // without the rule's `}`, the rule's `{` is the unclosed one
    let src = "rule a in s {\n  match q {\n    x => 1\n  }\n";
    match &parse_errors(src)[..] {
        [SyntaxError::Unclosed { block, span, .. }] => {
            assert_eq!((block.as_str(), span.start as usize), ("rule", 12))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_decimal_comma_and_a_percent_sign_say_what_to_write() {
    let errors = parse_errors("rule a in s {\n  match q { x => 0,25 }\n}\n");
    match &errors[..] {
        [SyntaxError::DecimalComma { written, help, .. }] => {
            assert_eq!(written, "0,25");
            assert_eq!(help, "write 0.25 (a decimal point, not a comma)");
        }
        other => panic!("{other:?}"),
    }
    // a comma between whole numbers where commas belong is no decimal comma
    parse_ok("section s { thresholds upper 20,60,80,95 }\n");
    let errors = parse_errors("section s {\n  thresholds upper 20%, 60, 80, 95 # set\n}\n");
    match &errors[..] {
        [SyntaxError::PercentSign { help, .. }] => {
            assert!(
                help.ends_with("`thresholds upper 20, 60, 80, 95`"),
                "{help}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_broken_item_is_recorded_with_its_words() {
    let p = parse_recovering(0, "section communication { thresholds upper 20%, 60 }\n");
    assert!(p.file.items.is_empty());
    match &p.broken[..] {
        [b] => {
            assert_eq!(b.keyword.as_deref(), Some("section"));
            assert_eq!(b.name.as_deref(), Some("communication"));
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------- precedence

#[test]
fn arithmetic_precedence_and_associativity() {
    assert_eq!(sexp(&expr("1 + 2 * 3")), "(+ 1 (* 2 3))");
    assert_eq!(sexp(&expr("1 - 2 - 3")), "(- (- 1 2) 3)");
    assert_eq!(sexp(&expr("a / 4 * b")), "(* (/ a 4) b)");
    assert_eq!(sexp(&expr("(1 + 2) * 3")), "(* (+ 1 2) 3)");
    assert_eq!(sexp(&expr("-a * b")), "(* (neg a) b)");
    assert_eq!(sexp(&expr("a - -b")), "(- a (neg b))");
    assert_eq!(sexp(&expr("- - a")), "(neg (neg a))");
}

#[test]
fn boolean_precedence() {
    assert_eq!(
        sexp(&expr("not a = b and c or d")),
        "(or (and (not (= a b)) c) d)"
    );
    assert_eq!(sexp(&expr("a or b and c")), "(or a (and b c))");
    assert_eq!(sexp(&expr("not not a")), "(not (not a))");
    assert_eq!(sexp(&expr("a + 1 >= b * 2")), "(>= (+ a 1) (* b 2))");
    assert_eq!(sexp(&expr("a != b or a <= b")), "(or (!= a b) (<= a b))");
    assert_eq!(sexp(&expr("a < b and a > b")), "(and (< a b) (> a b))");
}

#[test]
fn set_and_has_operators() {
    assert_eq!(sexp(&expr("q in {a, b}")), "(in q {a b})");
    assert_eq!(sexp(&expr("q not in {a}")), "(not-in q {a})");
    assert_eq!(sexp(&expr("not q in {a}")), "(not (in q {a}))");
    assert_eq!(sexp(&expr("q has a")), "(has q a)");
    assert_eq!(sexp(&expr("q has any {a, b}")), "(has-any q {a b})");
    assert_eq!(sexp(&expr("q has all {a, b}")), "(has-all q {a b})");
    // `any` without a set is an option id
    assert_eq!(sexp(&expr("q has any")), "(has q any)");
    assert_eq!(sexp(&expr("a + b in {x}")), "(in (+ a b) {x})");
    assert_eq!(
        sexp(&expr("q has a and r in {x} or s")),
        "(or (and (has q a) (in r {x})) s)"
    );
}

#[test]
fn atoms_calls_and_conditionals() {
    assert_eq!(
        sexp(&expr("ratio(a + b, c, zero: missing)")),
        "(ratio (+ a b) c zero: missing)"
    );
    assert_eq!(sexp(&expr("min(a, b, 3)")), "(min a b 3)");
    assert_eq!(sexp(&expr("answered(q)")), "(answered q)");
    assert_eq!(sexp(&expr("f()")), "(f)");
    assert_eq!(
        sexp(&expr("if a then 1 else if b then 2 else 0")),
        "(if a 1 (if b 2 0))"
    );
    assert_eq!(sexp(&expr("if c then a else b + 1")), "(if c a (+ b 1))");
    assert_eq!(sexp(&expr("0.25 * līmenis")), "(* 0.25 līmenis)");
}

#[test]
fn comparisons_do_not_chain() {
    for src in [
        "a < b < c",
        "a = b = c",
        "a in {x} = b",
        "q has a has b",
        "not a = b != c",
    ] {
        match parse_expr(0, src, 0) {
            Err(SyntaxError::ChainedComparison { .. }) => {}
            other => panic!("{src}: {other:?}"),
        }
    }
    assert_eq!(sexp(&expr("(a < b) = c")), "(= (< a b) c)");
}

#[test]
fn keywords_are_not_names() {
    for word in [
        "and", "or", "not", "in", "has", "if", "then", "else", "missing", "rule",
    ] {
        let src = format!("let {word} = 1\n");
        let errors = parse_errors(&src);
        assert!(
            matches!(&errors[..], [SyntaxError::ReservedWord { word: w, .. }] if w == word),
            "{word}: {errors:?}"
        );
    }
    // where an operand may stand, a misplaced keyword is just unexpected
    let errors = parse_errors("let x = then\n");
    assert!(
        matches!(&errors[..], [SyntaxError::Unexpected { expected, .. }] if expected == "an expression"),
        "{errors:?}"
    );
    // but a keyword may start a longer name
    assert_eq!(
        sexp(&expr("index_x + android + iffy + notes")),
        "(+ (+ (+ index_x android) iffy) notes)"
    );
}

// ---------------------------------------------------------------- spans

#[test]
fn spans_point_at_the_source() {
    let src = "let x = a + 12\n";
    let file = parse_ok(src);
    let Item::Let(l) = &file.items[0] else {
        panic!("not a let")
    };
    let text = |s: crate::source::Span| &src[s.start as usize..s.end as usize];
    assert_eq!(text(l.span), "let x = a + 12");
    assert_eq!(text(l.name.span), "x");
    assert_eq!(text(l.value.span), "a + 12");
    let ExprKind::Binary(BinOp::Add, op, a, b) = &*l.value.kind else {
        panic!("not an addition")
    };
    assert_eq!(
        (text(op.span), text(a.span), text(b.span)),
        ("+", "a", "12")
    );
}

#[test]
fn parse_expr_shifts_spans_by_base() {
    let e = parse_expr(3, "q = yes", 100).expect("parses");
    assert_eq!((e.span.file, e.span.start, e.span.end), (3, 100, 107));
    let err = parse_expr(3, "q = ", 100).expect_err("incomplete");
    // "end of file" points just after the last token
    assert_eq!((err.span().file, err.span().start), (3, 103));
    let err = parse_expr(3, "\"abc", 100).expect_err("unterminated");
    assert!(matches!(err, SyntaxError::UnterminatedString { .. }));
    assert_eq!(err.span().start, 100);
}

#[test]
fn crlf_bom_and_tabs_parse_like_plain_text() {
    let plain = "# comment\nsection s {\n\tthresholds upper 1, 2, 3, 4\n\tzero apart\n}\n\nlet x = a +\n  b\n";
    let reference = parse_ok(plain);
    let crlf = plain.replace('\n', "\r\n");
    let with_bom = format!("\u{FEFF}{crlf}");
    for variant in [crlf, with_bom] {
        let file = parse_ok(&variant);
        assert_eq!(file.items.len(), reference.items.len());
        let Item::Let(l) = &file.items[1] else {
            panic!("not a let")
        };
        let s = l.value.span;
        assert_eq!(
            variant[s.start as usize..s.end as usize].replace("\r\n", "\n"),
            "a +\n  b"
        );
    }
}

#[test]
fn a_comment_holds_any_character_and_ends_at_any_line_break() {
    // everything but `\n` and `\r`: controls, vertical tab, form feed, combining marks, a BOM,
    // the last code point, quotes and `#`
    let body: String = [
        '\u{0}',
        '\u{1}',
        '\t',
        '\u{B}',
        '\u{C}',
        '\u{E}',
        'ā',
        '\u{301}',
        '\u{FEFF}',
        '\u{10FFFF}',
        '"',
        '#',
    ]
    .iter()
    .collect();
    for nl in ["\n", "\r\n", "\r"] {
        let src = format!("# {body}{nl}let x = 1 # {body}{nl}let y = 2 #{body}");
        let file = parse_ok(&src);
        assert_eq!(file.items.len(), 2, "line break {nl:?}");
        // the line break ends the comment: what follows it is code
        let errors = parse_errors(&format!("# {body}{nl}let = 1"));
        assert_eq!(errors.len(), 1, "line break {nl:?}");
    }
}

#[test]
fn strings_unescape() {
    let file = parse_ok(r#"index "a \"quoted\" \\ name" { min_sections 1 }"#);
    let Item::Index(i) = &file.items[0] else {
        panic!("not an index")
    };
    assert_eq!(
        i.title.as_ref().map(|t| t.node.as_str()),
        Some(r#"a "quoted" \ name"#)
    );
}

// ---------------------------------------------------------------- recovery

#[test]
fn three_errors_in_three_items_give_three_errors() {
    let src = "let a = 1 +\n\
               let ok = 2\n\
               rule r \"t\" communication {\n  points 1\n}\n\
               section s { thresholds upper 1 2 }\n\
               let fine = 3\n";
    let (file, errors) = parse(0, src);
    assert_sane(src, &errors);
    assert_eq!(errors.len(), 3, "{}", render("three", src, &errors));
    let names: Vec<_> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Let(l) => Some(l.name.node.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["ok", "fine"]);
}

#[test]
fn items_split_only_at_whole_item_words() {
    // `rule_count` continues the `let`; the indented `rule` starts an item
    let src = "let x = a +\n  rule_count\n  rule r in s { points x }\n";
    let file = parse_ok(src);
    assert_eq!(file.items.len(), 2);
    let Item::Let(l) = &file.items[0] else {
        panic!("not a let")
    };
    assert_eq!(sexp(&l.value), "(+ a rule_count)");
}

// ---------------------------------------------------------------- hostile input

/// Runs `f` and fails if it takes longer than `limit`.
fn quickly<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 10_000;
    let inputs = [
        format!("let x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        format!("let x = {}1\n", "not ".repeat(n)),
        format!("let x = {}1\n", "- ".repeat(n)),
        format!("let x = {}1\n", "-".repeat(n)),
        format!("let x = {} 1 {}\n", "if a then 1 else ".repeat(n), ""),
        format!(
            "let x = {}1{}\n",
            "if ".repeat(n),
            " then 1 else 2".repeat(n)
        ),
        format!("let x = {}1{}\n", "f(".repeat(n), ")".repeat(n)),
        format!("let x = {}\n", vec!["1"; n].join(" + ")),
        format!("rule r in s {{ match x {{ {} }} }}\n", "[".repeat(n)),
        "{".repeat(n),
        "(".repeat(n),
    ];
    for src in &inputs {
        let errors = quickly(Duration::from_secs(20), || parse_errors(src));
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, SyntaxError::TooDeep { .. })),
            "{}: {errors:?}",
            &src[..40]
        );
        let expr_src = src.trim_start_matches("let x = ");
        let _ = parse_expr(0, expr_src, 0);
    }
}

#[test]
fn nesting_within_the_limit_parses() {
    let n = error::MAX_NESTING - 2;
    let src = format!("let x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    parse_ok(&src);
    let src = format!("let x = {}1\n", "not ".repeat(n));
    parse_ok(&src);
}

#[test]
fn huge_number_is_an_error_on_its_span() {
    let big = "9".repeat(60);
    let src = format!("let a = 1\nlet x = 2 * {big}\nsection s {{ thresholds upper {big}.5 }}\n");
    let errors = parse_errors(&src);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let start = src.find(&big).unwrap_or(0) as u32;
    assert!(matches!(errors[0], SyntaxError::NumberTooLarge { .. }));
    assert_eq!(
        (errors[0].span().start, errors[0].span().len()),
        (start, 60)
    );
    assert_eq!(errors[1].span().len(), 62);
}

/// A decision table with `rows` rows.
fn big_table(rows: usize) -> String {
    let mut src = String::from("rule big \"Liela tabula\" in s {\n  table first (a, b, c) {\n");
    for i in 0..rows {
        let _ = writeln!(
            src,
            "    opt_{i} | other, not (x | y), [{i}, {}) => {}",
            i + 1,
            i % 7
        );
    }
    src.push_str("    -, missing, -  => 0\n  }\n  when unanswered => exclude\n}\n");
    src
}

#[test]
fn five_thousand_row_table_parses_fast() {
    let src = big_table(5_000);
    // a hang guard, not a speed test (the machines are shared and noisy): the 1 s budget of a
    // whole `eindex check` on such a file is measured by bench/run.sh (docs/performance.md)
    let file = quickly(Duration::from_secs(20), || parse_ok(&src));
    let Item::Rule(RuleDef {
        scoring: Scoring::Table(t),
        ..
    }) = &file.items[0]
    else {
        panic!("not a table rule")
    };
    assert_eq!(t.rows.len(), 5_001);
    assert_eq!(t.rows[4_999].cells.len(), 3);
}

// ---------------------------------------------------------------- never panics

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../tests/cases/parse/spec_example.rules");

    /// Pieces that make interesting token soup.
    const PIECES: &[&str] = &[
        "rule ",
        "let ",
        "section ",
        "in ",
        "not ",
        "has any ",
        "if ",
        "then ",
        "else ",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "\\",
        "=>",
        "=",
        "<",
        ">=",
        "-",
        "+",
        "*",
        "/",
        ",",
        "|",
        ":",
        "0.5",
        "99999999999999999999999999999999999999999",
        "q",
        "līmenis",
        "\n",
        "\r\n",
        "#",
        "\t",
        "\u{FEFF}",
        "missing",
        "table first ",
        "match ",
        "sum ",
        "points ",
        "when ",
    ];

    /// Applies `edits` (position, kind, piece) to the seed text.
    fn mutate(edits: &[(usize, u8, usize)]) -> String {
        let mut s = SEED.to_string();
        for &(pos, kind, piece) in edits {
            let mut at = pos % (s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            let piece = PIECES[piece % PIECES.len()];
            match kind % 3 {
                0 => s.insert_str(at, piece),
                1 => {
                    let mut end = (at + piece.len()).min(s.len());
                    while !s.is_char_boundary(end) {
                        end -= 1;
                    }
                    s.replace_range(at..end, "");
                }
                _ => {
                    let mut end = (at + 1).min(s.len());
                    while !s.is_char_boundary(end) {
                        end += 1;
                    }
                    s.replace_range(at..end, piece);
                }
            }
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn mutated_files_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..8)) {
            let src = mutate(&edits);
            let (_, errors) = parse(1, &src);
            assert_sane(&src, &errors);
        }

        #[test]
        fn token_soup_never_panics(pieces in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let src: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let (_, errors) = parse(0, &src);
            assert_sane(&src, &errors);
            if let Err(e) = parse_expr(0, &src, 0) {
                assert_sane(&src, &[e]);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(src in "\\PC{0,200}") {
            let (_, errors) = parse(0, &src);
            assert_sane(&src, &errors);
            if let Err(e) = parse_expr(0, &src, 0) {
                assert_sane(&src, &[e]);
            }
        }
    }
}
