//! `eindex test`: run the test cases written next to a ruleset (`tests.toml`, `*.tests.toml`).
//!
//! Output follows `cargo test`: one line per case, the failures with expected and actual values and
//! the trace of the rules that produced them, and a summary line. See docs/workflow.md.

mod reach;
pub mod spec;
mod trace;

pub use reach::reachable_levels;

use crate::eval::{Evaluator, IndexOutcome, UnitOutcome, Why};
use crate::hir::{Program, Scoring};
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use crate::plan::Plan;
use crate::render::{fmt_score, level_name_in};
use crate::source::SourceMap;
use spec::{Case, Expect, ScoreExpect, Static, TestFile};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The result of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    /// Empty when the case passed.
    pub failures: Vec<String>,
    /// The trace of what produced the failing values.
    pub trace: String,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// The tests files of a ruleset folder: `tests.toml`, then `*.tests.toml`, in name order.
pub fn test_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n == "tests.toml" || n.ends_with(".tests.toml"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|p| (p.file_name().is_some_and(|n| n != "tests.toml"), p.clone()));
    files
}

/// What a case exercised, for `--coverage`.
#[derive(Debug, Default, Clone)]
pub struct Coverage {
    /// Per rule: some case checking it gave at least one of its inputs an answer.
    pub answered: Vec<bool>,
    /// Per rule: the table rows / match arms that fired in a checking case.
    pub rows: Vec<BTreeSet<usize>>,
    /// Per rule (`sum`): the options selected in a checking case (bit mask).
    pub options: Vec<u128>,
    /// The language of the run (set by [`run_cases`]), which [`Coverage::render`] writes in.
    pub lang: Lang,
}

impl Coverage {
    pub fn new(p: &Program) -> Self {
        Coverage {
            answered: vec![false; p.rules.len()],
            rows: vec![BTreeSet::new(); p.rules.len()],
            options: vec![0; p.rules.len()],
            lang: Lang::default(),
        }
    }

    /// Records what `o` exercised for the rules the case checks.
    fn record(&mut self, p: &Program, case: &Case, o: &UnitOutcome) {
        for (r, rule) in p.rules.iter().enumerate() {
            let checked = case.expects.iter().any(|(e, _)| match e {
                Expect::Rule { rule, .. } => *rule == r,
                Expect::Section { section, .. } => *section == rule.section,
                Expect::Index(_) => true,
                Expect::Violates(_) => false,
            });
            if !checked {
                continue;
            }
            if rule.reads.iter().any(|&s| case.answers[s].is_answered()) {
                self.answered[r] = true;
            }
            match &o.rules[r].why {
                Why::Rows { rows } => self.rows[r].extend(rows.iter().copied()),
                Why::Sum { selected, .. } => self.options[r] |= selected,
                _ => {}
            }
        }
    }

    /// The text `--coverage` prints, in the language of the run.
    pub fn render(&self, p: &Program, sources: &SourceMap) -> String {
        let lang = self.lang;
        let m = lang.messages();
        let mut out = String::new();
        let mut unanswered = Vec::new();
        let mut rows = Vec::new();
        let mut options = Vec::new();
        for (r, rule) in p.rules.iter().enumerate() {
            let place = trace::place(sources, rule.span, lang);
            if !self.answered[r] {
                unanswered.push(format!("  {} ({place})", rule.name));
            }
            match &rule.scoring {
                Scoring::Table {
                    rows: table_rows,
                    from_match,
                    ..
                } => {
                    for (i, row) in table_rows.iter().enumerate() {
                        if !self.rows[r].contains(&i) {
                            let syntax = trace::source_text(sources, row.span);
                            let place = trace::place(sources, row.span, lang);
                            let args = [
                                ("rule", Arg::Str(&rule.name)),
                                ("n", Arg::from(i + 1)),
                                ("syntax", Arg::Str(&syntax)),
                                ("place", Arg::Str(&place)),
                            ];
                            rows.push(if *from_match {
                                format!("  {}", m.f("test-coverage-arm", &args))
                            } else {
                                format!("  {}", m.f("test-coverage-row", &args))
                            });
                        }
                    }
                }
                Scoring::Sum {
                    question, points, ..
                } => {
                    let opts = p.schema.questions[*question].kind.options();
                    let missed: Vec<&str> = (0..opts.len())
                        .filter(|&i| !points[i].is_zero() && self.options[r] & (1u128 << i) == 0)
                        .map(|i| opts[i].id.as_str())
                        .collect();
                    if !missed.is_empty() {
                        options.push(format!("  {}: {} ({place})", rule.name, missed.join(", ")));
                    }
                }
                Scoring::Points(_) => {}
            }
        }
        let _ = writeln!(out, "{}", m.t("test-coverage"));
        let mut block = |title: &str, lines: &[String]| {
            if lines.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    m.f("test-coverage-none", &[("title", Arg::Str(title))])
                );
            } else {
                let _ = writeln!(out, "{title} ({}):", lines.len());
                for l in lines {
                    let _ = writeln!(out, "{l}");
                }
            }
        };
        block(&m.t("test-coverage-unanswered"), &unanswered);
        block(&m.t("test-coverage-rows"), &rows);
        block(&m.t("test-coverage-options"), &options);
        out
    }
}

/// Runs the cases of one parsed file; `filter` selects by name.
pub fn run_cases(
    p: &Program,
    plan: &Plan,
    sources: &SourceMap,
    file: &TestFile,
    filter: &dyn Fn(&str) -> bool,
    coverage: &mut Option<Coverage>,
    lang: Lang,
) -> (Vec<CaseResult>, usize) {
    if let Some(c) = coverage.as_mut() {
        c.lang = lang;
    }
    let m = lang.messages();
    let mut ev = Evaluator::new(plan);
    let mut results = Vec::new();
    let mut filtered = 0;
    for (st, pos) in &file.statics {
        let r = check_static(p, st, pos.line, lang);
        if filter(&r.name) {
            results.push(r);
        } else {
            filtered += 1;
        }
    }
    for case in &file.cases {
        if !filter(&case.name) {
            filtered += 1;
            continue;
        }
        let outcome = ev.eval(&case.answers);
        let effective = ev.effective_answers().to_vec();
        let r = match outcome {
            Err(e) => CaseResult {
                name: case.name.clone(),
                // the evaluation error is the evaluator's diagnostic (English, as in `eval`)
                failures: vec![m.f("test-not-evaluated", &[("error", Arg::Str(&e.to_string()))])],
                trace: String::new(),
            },
            Ok(o) => {
                if let Some(c) = coverage.as_mut() {
                    c.record(p, case, &o);
                }
                check_case(p, sources, case, &o, &effective, lang)
            }
        };
        results.push(r);
    }
    (results, filtered)
}

/// Checks a `[max]` or `[reachable]` assertion; the test is named after it (`max.communication`).
fn check_static(p: &Program, st: &Static, line: usize, lang: Lang) -> CaseResult {
    let num = |n: Num| trace::num(n, lang);
    let (name, expected, derived, detail) = match st {
        Static::SectionMax { section, points } => {
            let s = &p.sections[*section];
            let parts: Vec<String> = s
                .rules
                .iter()
                .map(|&r| format!("{} {}", p.rules[r].name, num(p.rules[r].max)))
                .collect();
            (
                format!("max.{}", s.id),
                num(*points),
                num(s.max),
                format!(" ({})", parts.join(" + ")),
            )
        }
        Static::RuleMax { rule, points } => {
            let r = &p.rules[*rule];
            (
                format!("max.{}", r.name),
                num(*points),
                num(r.max),
                String::new(),
            )
        }
        Static::Reachable { section, levels } => {
            let list = |l: &[u8]| {
                let v: Vec<String> = l.iter().map(u8::to_string).collect();
                format!("[{}]", v.join(", "))
            };
            (
                format!("reachable.{}", p.sections[*section].id),
                list(levels),
                list(&reachable_levels(p, *section)),
                String::new(),
            )
        }
    };
    let failures = if expected == derived {
        Vec::new()
    } else {
        let m = lang.messages();
        let head = m.f(
            "test-expected-derived",
            &[
                ("what", Arg::Str(&name)),
                ("expected", Arg::Str(&expected)),
                ("derived", Arg::Str(&derived)),
            ],
        );
        let at = m.f("test-at-line", &[("line", Arg::from(line))]);
        vec![format!("{head}{detail} {at}")]
    };
    CaseResult {
        name,
        failures,
        trace: String::new(),
    }
}

fn check_case(
    p: &Program,
    sources: &SourceMap,
    case: &Case,
    o: &UnitOutcome,
    answers: &[crate::value::Value],
    lang: Lang,
) -> CaseResult {
    let mut failures = Vec::new();
    let mut traced_rules: Vec<usize> = Vec::new();
    let mut traced_sections: Vec<usize> = Vec::new();
    let mut trace_index = false;
    let mut broken: Vec<usize> = o.violations.iter().map(|&(c, _)| c as usize).collect();
    broken.dedup();
    let mut expected_broken = false;
    let m = lang.messages();
    let expected_actual = |what: &str, expected: &str, actual: &str| {
        m.f(
            "test-expected",
            &[
                ("what", Arg::Str(what)),
                ("expected", Arg::Str(expected)),
                ("actual", Arg::Str(actual)),
            ],
        )
    };
    for (e, pos) in &case.expects {
        let at = m.f("test-at-line", &[("line", Arg::from(pos.line))]);
        match e {
            Expect::Violates(list) => {
                expected_broken = true;
                if *list != broken {
                    let line = expected_actual(
                        "violates",
                        &constraint_names(p, list, lang),
                        &constraint_names(p, &broken, lang),
                    );
                    failures.push(format!("{line} {at}"));
                }
            }
            Expect::Rule { rule, points } => {
                let actual = o.rules[*rule].points;
                if actual != *points {
                    let line = expected_actual(
                        &format!("rule.{}", p.rules[*rule].name),
                        &points_text(*points, lang),
                        &points_text(actual, lang),
                    );
                    failures.push(format!("{line} {at}"));
                    traced_rules.push(*rule);
                }
            }
            Expect::Section { section, expect } => {
                let what = format!("section.{}", p.sections[*section].id);
                let actual = o.sections[*section]
                    .as_ref()
                    .ok()
                    .map(|s| (s.score, s.level));
                let f = compare_score(p, lang, &what, expect, actual);
                if !f.is_empty() {
                    failures.extend(f.into_iter().map(|x| format!("{x} {at}")));
                    traced_sections.push(*section);
                }
            }
            Expect::Index(expect) => {
                let actual = match &o.index {
                    IndexOutcome::Computed { value, level, .. } => Some((*value, *level)),
                    IndexOutcome::NotComputable { .. } => None,
                };
                let f = compare_score(p, lang, "index", expect, actual);
                if !f.is_empty() {
                    failures.extend(f.into_iter().map(|x| format!("{x} {at}")));
                    trace_index = true;
                }
            }
        }
    }
    if !expected_broken && !broken.is_empty() {
        let messages = broken
            .iter()
            .map(|&c| p.constraints[c].message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let line = m.f(
            "test-breaks",
            &[
                ("names", Arg::Str(&constraint_names(p, &broken, lang))),
                ("messages", Arg::Str(&messages)),
            ],
        );
        let at = m.f("test-at-line", &[("line", Arg::from(case.pos.line))]);
        failures.push(format!("{line} {at}"));
    }
    let tr = if failures.is_empty() {
        String::new()
    } else {
        let traced = Traced {
            rules: &traced_rules,
            sections: &traced_sections,
            index: trace_index,
        };
        failure_trace(p, sources, o, answers, &traced, lang)
    };
    CaseResult {
        name: case.name.clone(),
        failures,
        trace: tr,
    }
}

/// What a failed case's trace shows: the rules, sections and index whose expectations failed.
struct Traced<'t> {
    rules: &'t [usize],
    sections: &'t [usize],
    index: bool,
}

/// The trace printed under a failed case.
fn failure_trace(
    p: &Program,
    sources: &SourceMap,
    o: &UnitOutcome,
    answers: &[crate::value::Value],
    traced: &Traced<'_>,
    lang: Lang,
) -> String {
    let mut tr = String::new();
    if traced.index {
        tr.push_str(&trace::index(p, o, lang));
    }
    for &s in traced.sections {
        tr.push_str(&trace::section(p, sources, o, answers, s, lang));
    }
    for &r in traced.rules {
        if !traced.sections.contains(&p.rules[r].section) {
            tr.push_str(&trace::rule(p, sources, o, answers, r, "  ", lang));
        }
    }
    if !o.answered_not_asked.is_empty() {
        let ids: Vec<&str> = o
            .answered_not_asked
            .iter()
            .map(|&s| p.schema.questions[s].id.as_str())
            .collect();
        let note = lang.messages().f(
            "test-trace-not-asked",
            &[("questions", Arg::Str(&ids.join(", ")))],
        );
        let _ = writeln!(tr, "  {note}");
    }
    tr
}

/// Constraint names in backticks, or "none" in `lang`.
fn constraint_names(p: &Program, list: &[usize], lang: Lang) -> String {
    if list.is_empty() {
        return lang.messages().t("test-no-constraint");
    }
    list.iter()
        .map(|&c| format!("`{}`", p.constraints[c].name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn points_text(p: Option<Num>, lang: Lang) -> String {
    p.map_or_else(
        || lang.messages().t("test-excluded"),
        |n| trace::num(n, lang),
    )
}

/// Compares a section's or the index's score and level; returns the failure lines, in `lang`.
fn compare_score(
    p: &Program,
    lang: Lang,
    what: &str,
    expect: &ScoreExpect,
    actual: Option<(Num, u8)>,
) -> Vec<String> {
    let m = lang.messages();
    let level_text = |l: u8| format!("{l} ({})", level_name_in(p, l, lang));
    let score = |n: Num| lang.decimal(&fmt_score(p, n));
    match (expect, actual) {
        (ScoreExpect::NotComputable, None) => vec![],
        (ScoreExpect::NotComputable, Some((s, l))) => vec![m.f(
            "test-expected-not-computable",
            &[
                ("what", Arg::Str(what)),
                ("score", Arg::Str(&score(s))),
                ("level", Arg::Str(&level_text(l))),
            ],
        )],
        (ScoreExpect::Is { .. }, None) => {
            vec![m.f("test-expected-a-score", &[("what", Arg::Str(what))])]
        }
        (ScoreExpect::Is { score: e, level }, Some((s, l))) => {
            let mut f = Vec::new();
            if let Some(e) = e {
                if fmt_score(p, *e) != fmt_score(p, s) {
                    f.push(m.f(
                        "test-expected-score",
                        &[
                            ("what", Arg::Str(&format!("{what}.score"))),
                            ("expected", Arg::Str(&score(*e))),
                            ("actual", Arg::Str(&score(s))),
                            ("exact", Arg::Str(&trace::num(s, lang))),
                        ],
                    ));
                }
            }
            if let Some(e) = level {
                if *e != l {
                    f.push(m.f(
                        "test-expected",
                        &[
                            ("what", Arg::Str(&format!("{what}.level"))),
                            ("expected", Arg::Str(&level_text(*e))),
                            ("actual", Arg::Str(&level_text(l))),
                        ],
                    ));
                }
            }
            f
        }
    }
}

/// The report of a whole run, as printed, its frame words in `lang`. The lines `test NAME ...
/// ok` / `FAILED` keep the form of `cargo test` in every language (scripts and editors read
/// them).
pub fn report(files: &[(String, Vec<CaseResult>)], filtered: usize, lang: Lang) -> (String, bool) {
    let m = lang.messages();
    let mut out = String::new();
    let total: usize = files.iter().map(|(_, r)| r.len()).sum();
    let mut failed = Vec::new();
    for (path, results) in files {
        let _ = writeln!(
            out,
            "\n{}",
            m.f(
                "test-running",
                &[("n", Arg::from(results.len())), ("file", Arg::Str(path))]
            )
        );
        for r in results {
            let status = if r.passed() { "ok" } else { "FAILED" };
            let _ = writeln!(out, "test {} ... {status}", r.name);
            if !r.passed() {
                failed.push(r);
            }
        }
    }
    if !failed.is_empty() {
        let _ = writeln!(out, "\n{}:", m.t("test-failures"));
        for r in &failed {
            let _ = writeln!(out, "\n---- {} ----", r.name);
            for f in &r.failures {
                let _ = writeln!(out, "{f}");
            }
            if !r.trace.is_empty() {
                let _ = writeln!(out, "{}:", m.t("test-trace"));
                out.push_str(&r.trace);
            }
        }
        let _ = writeln!(out, "\n{}:", m.t("test-failures"));
        for r in &failed {
            let _ = writeln!(out, "    {}", r.name);
        }
    }
    let ok = failed.is_empty();
    let args = [
        ("passed", Arg::from(total - failed.len())),
        ("failed", Arg::from(failed.len())),
        ("filtered", Arg::from(filtered)),
    ];
    let summary = if ok {
        m.f("test-result-ok", &args)
    } else {
        m.f("test-result-failed", &args)
    };
    let _ = writeln!(out, "\n{summary}");
    (out, ok)
}
