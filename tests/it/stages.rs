//! Each compiler stage of the bundled rulesets, snapshotted: the checked program (`hir`) and the
//! evaluation plan (`plan::lower`), so that a change in checking or lowering shows in review as a
//! diff of what the stage produces, not only in scores.
//!
//! Spans are left out (they move whenever a file is re-laid out, which changes nothing the stages
//! compute); one line per item, so a diff names the rule, section or code that changed.

use std::fmt::Write as _;
use std::path::Path;

const RULESETS: [&str; 3] = ["rules/2022", "rules/2022-published", "bench/model-150"];

fn program(dir: &str) -> eindex::hir::Program {
    let rs = eindex::ruleset::load(Path::new(dir)).expect("ruleset readable");
    assert!(!rs.has_errors(), "{dir} must check clean");
    rs.program.expect("program")
}

/// `Debug` text without spans: a span prints as `file:start..end` (`0:12..40`), or
/// `synthetic`; each becomes `_`.
fn spanless(text: &str) -> String {
    let b = text.as_bytes();
    let digits = |mut k: usize| {
        let s = k;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        (k > s).then_some(k)
    };
    // The end of a span starting at `k`: digits ':' digits '..' digits.
    let span_at = |k: usize| {
        let k = digits(k)?;
        let k = (b.get(k) == Some(&b':')).then_some(k + 1)?;
        let k = digits(k)?;
        let k = b[k..].starts_with(b"..").then_some(k + 2)?;
        digits(k)
    };
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    let mut copied = 0;
    while k < b.len() {
        let boundary = k == 0 || !b[k - 1].is_ascii_alphanumeric();
        if boundary && b[k].is_ascii_digit() {
            if let Some(end) = span_at(k) {
                out.push_str(&text[copied..k]);
                out.push('_');
                k = end;
                copied = end;
                continue;
            }
        }
        k += 1;
    }
    out.push_str(&text[copied..]);
    out.replace("synthetic", "_")
}

fn line(out: &mut String, label: impl std::fmt::Display, item: &impl std::fmt::Debug) {
    let _ = writeln!(out, "{label}: {}", spanless(&format!("{item:?}")));
}

fn hir_dump(p: &eindex::hir::Program) -> String {
    let mut s = String::new();
    line(&mut s, "survey", &p.survey);
    line(&mut s, "levels", &p.levels);
    line(&mut s, "zero_level", &p.zero_level);
    line(&mut s, "index", &p.index);
    for (i, sec) in p.sections.iter().enumerate() {
        line(&mut s, format_args!("section {i}"), sec);
    }
    for (i, l) in p.lets.iter().enumerate() {
        line(&mut s, format_args!("let {i}"), l);
    }
    for (i, r) in p.rules.iter().enumerate() {
        line(&mut s, format_args!("rule {i}"), r);
    }
    for (slot, e) in p.ask_if.iter().enumerate() {
        if let Some(e) = e {
            line(&mut s, format_args!("ask_if slot {slot}"), e);
        }
    }
    line(&mut s, "ask_order", &p.ask_order);
    for g in &p.groupings {
        line(&mut s, "grouping", g);
    }
    for c in &p.constraints {
        line(&mut s, "constraint", c);
    }
    s
}

fn plan_dump(plan: &eindex::plan::Plan) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "slots: {} ({} questions), min_sections: {}, compare: {:?}, rounding: {:?}",
        plan.n_slots, plan.n_questions, plan.min_sections, plan.compare, plan.rounding
    );
    line(&mut s, "weights", &plan.weights);
    line(&mut s, "index_thresholds", &plan.index_thresholds);
    for (slot, code) in &plan.ask {
        line(&mut s, format_args!("ask slot {slot}"), &code.ops);
    }
    for (i, code) in plan.lets.iter().enumerate() {
        line(&mut s, format_args!("let {i}"), &code.ops);
    }
    for (i, r) in plan.rules.iter().enumerate() {
        line(&mut s, format_args!("rule {i}"), r);
    }
    for (i, sec) in plan.sections.iter().enumerate() {
        line(&mut s, format_args!("section {i}"), sec);
    }
    for (i, c) in plan.constraints.iter().enumerate() {
        line(&mut s, format_args!("constraint {i}"), c);
    }
    s
}

#[test]
fn checked_program_and_plan_of_the_bundled_rulesets() {
    for dir in RULESETS {
        let p = program(dir);
        let name = dir.replace('/', "_");
        let plan = eindex::plan::lower(&p);
        insta::assert_snapshot!(format!("{name}_hir"), hir_dump(&p));
        insta::assert_snapshot!(format!("{name}_plan"), plan_dump(&plan));
    }
}

#[test]
fn spans_are_left_out() {
    assert_eq!(
        spanless("Rule { name: \"a\" @0:1..2, span: 10:4..15, max: 3, w: 1..2 }"),
        "Rule { name: \"a\" @_, span: _, max: 3, w: 1..2 }"
    );
    assert_eq!(spanless("x(synthetic), y(q1:2..3)"), "x(_), y(q1:2..3)");
}
