//! The component decomposition on the small explain ruleset (tests/cases/explain/tiny), and the
//! iterative deepening (which the component search leaves the index to when a question is scored
//! in two sections) against brute force on a variant of the property-test ruleset.

use super::{Deps, SearchOutcome, Target, UnitSearch};
use crate::eval::{Evaluator, IndexOutcome};
use crate::input::{self, InputSpec, LoadOptions};
use crate::num::Num;
use crate::plan;
use crate::schema::{QuestionKind, Source};
use crate::value::Value;
use std::path::{Path, PathBuf};

fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/explain/tiny")
}

/// A component: its questions with their numbers of candidates, its depth and options.
type Summary<'a> = (Vec<(&'a str, usize)>, usize, usize);

#[test]
fn coupled_questions_share_a_component() {
    let dir = tiny();
    let p = crate::ruleset::load(&dir)
        .expect("ruleset readable")
        .program
        .expect("checked program");
    let plan = plan::lower(&p);
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let spec = InputSpec::new(dir.join("self.csv"), Some(Source::SelfAssessment));
    let loaded = input::load(&p.schema, &[spec], &opts);
    let unit = loaded
        .units
        .iter()
        .find(|u| u.id.starts_with("Zemās"))
        .expect("the low unit");
    let deps = Deps::new(&p);
    let changeable = (0..plan.n_slots)
        .map(|s| s < p.schema.questions.len())
        .collect();
    let mut search = UnitSearch::new(&p, &plan, &deps, &unit.answers, changeable)
        .unwrap()
        .allow_removals(true);
    assert!(search.components().is_empty());
    let section = p.schema.section_index("pakalpojumi").unwrap();
    let report = search.search(Target::Section { section, level: 2 }, 10_000);
    assert!(matches!(report.outcome, SearchOutcome::Found { .. }));
    // questions read by one rule (the chat table, the document share) or deciding whether a
    // section is scored (`applicable if`) form one component; only the components of the target
    // section have options (enumerated to one change)
    let summary = search.components();
    let comps: Vec<Summary> = summary
        .iter()
        .map(|c| {
            let qs = c.questions.iter().map(|(q, n)| (q.as_str(), *n)).collect();
            (qs, c.depth, c.options)
        })
        .collect();
    assert_eq!(
        comps,
        vec![
            (vec![("q_portal", 2)], 1, 2),
            (vec![("q_chat", 1), ("q_chat_weekend", 2)], 1, 2),
            (vec![("q_channels", 2)], 1, 2),
            (vec![("q_docs_e", 4), ("q_docs_total", 1)], 0, 0),
            (vec![("q_esign", 1)], 0, 0),
            (vec![("q_archive", 2)], 0, 0),
            (vec![("q_data_applies", 1), ("q_data_quality", 3)], 0, 0),
        ]
    );
}

/// Every valid answer of question `s` of the property-test questionnaire.
fn valid_values(p: &crate::hir::Program, s: usize) -> Vec<Value> {
    match &p.schema.questions[s].kind {
        QuestionKind::Single(o) => (0..o.len() as u16).map(Value::Choice).collect(),
        QuestionKind::YesNo => vec![Value::Bool(false), Value::Bool(true)],
        QuestionKind::Multi(o) => (1..1u128 << o.len()).map(Value::Multi).collect(),
        QuestionKind::Integer { min, max, .. } => {
            let (lo, hi) = (min.map_or(0, |x| x.numer()), max.map_or(6, |x| x.numer()));
            (lo..=hi).map(|n| Value::Num(Num::int(n))).collect()
        }
        _ => Vec::new(),
    }
}

/// The index level after `changes` to `base`.
fn index_level(ev: &mut Evaluator<'_>, base: &[Value], changes: &[(usize, Value)]) -> Option<u8> {
    let mut a = base.to_vec();
    for &(s, v) in changes {
        a[s] = v;
    }
    match ev.eval(&a).ok()?.index {
        IndexOutcome::Computed { level, .. } => Some(level),
        IndexOutcome::NotComputable { .. } => None,
    }
}

/// Whether some set of `k` changes (questions `from..`) to `base` lifts the index to `level`.
fn some_set_reaches(
    ev: &mut Evaluator<'_>,
    values: &[Vec<Value>],
    base: &[Value],
    chosen: &mut Vec<(usize, Value)>,
    from: usize,
    k: usize,
    level: u8,
) -> bool {
    if chosen.len() == k {
        return index_level(ev, base, chosen).is_some_and(|l| l >= level);
    }
    for s in from..values.len() {
        for &v in &values[s] {
            if v == base[s] {
                continue;
            }
            chosen.push((s, v));
            let hit = some_set_reaches(ev, values, base, chosen, s + 1, k, level);
            chosen.pop();
            if hit {
                return true;
            }
        }
    }
    false
}

/// A question scored in two sections keeps the index from decomposing by section, so the
/// index target falls back to the iterative deepening over sets of questions: what it finds
/// reaches the level, and no smaller set does (brute force).
#[test]
fn index_search_with_a_question_in_two_sections_is_minimal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/explain/prop");
    let dir = tempfile::tempdir().unwrap();
    let schema = std::fs::read_to_string(src.join("questionnaire.toml")).unwrap();
    std::fs::write(dir.path().join("questionnaire.toml"), schema).unwrap();
    let mut rules = std::fs::read_to_string(src.join("model.rules")).unwrap();
    rules.push_str("\nrule r5 in s2 {\n  match p1 {\n    a => 0\n    b => 2\n    c => 1\n  }\n}\n");
    std::fs::write(dir.path().join("model.rules"), rules).unwrap();
    let p = crate::ruleset::load(dir.path())
        .expect("ruleset readable")
        .program
        .expect("checked program");
    let plan = plan::lower(&p);
    let deps = Deps::new(&p);
    let nq = p.schema.questions.len();
    let values: Vec<Vec<Value>> = (0..nq).map(|s| valid_values(&p, s)).collect();
    let mut ev = Evaluator::new(&plan);
    let mut found = 0;
    let mut x: u64 = 7;
    for _ in 0..24 {
        // a pseudo-random submission (a linear congruential walk), some answers left out
        let answers: Vec<Value> = (0..plan.n_slots)
            .map(|s| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let r = (x >> 33) as usize;
                match values.get(s) {
                    Some(v) if !r.is_multiple_of(5) => v[r % v.len()],
                    _ => Value::UNANSWERED,
                }
            })
            .collect();
        let changeable = (0..plan.n_slots).map(|s| s < nq).collect();
        let mut search = UnitSearch::new(&p, &plan, &deps, &answers, changeable)
            .unwrap()
            .allow_removals(true);
        let base = search.base().to_vec();
        let Some(current) = index_level(&mut ev, &base, &[]) else {
            continue;
        };
        if current as usize >= p.levels.len() {
            continue;
        }
        let level = current + 1;
        match search.search(Target::Index { level }, 200_000).outcome {
            SearchOutcome::Found { found: f, minimal } => {
                found += 1;
                assert!(minimal);
                assert!(index_level(&mut ev, &base, &f.changes).is_some_and(|l| l >= level));
                let k = f.changes.len();
                for j in 1..k {
                    let mut chosen = Vec::new();
                    assert!(
                        !some_set_reaches(&mut ev, &values, &base, &mut chosen, 0, j, level),
                        "{base:?}: a set of {j} changes reaches level {level}, found {:?}",
                        f.changes
                    );
                }
            }
            SearchOutcome::OutOfReach { .. } => {}
            SearchOutcome::Stopped { reason } => panic!("stopped: {reason}"),
        }
    }
    assert!(found >= 10, "{found} sets found");
}

// ------------------------------------------------ generated rulesets with wide number ranges

/// A pseudo-random number generator (a linear congruential walk): deterministic cases.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A small ruleset with wide number ranges: `w1` decimal 0..100 read by `points` (every value
/// its own score), `w2` decimal 0..1000 and `i1` integer 0..1000 read by `match` ranges with
/// random bounds and (not necessarily growing) points, a yes/no and a multiple choice; random
/// thresholds and weights. Returns the folder and the range bounds of `w2` and `i1`.
fn wide_ruleset(rng: &mut Lcg) -> (tempfile::TempDir, Vec<Num>, Vec<Num>) {
    let dir = tempfile::tempdir().unwrap();
    let q = |id: &str, sec: &str, ty: &str, extra: &str| {
        format!("[[question]]\nid = \"{id}\"\nsection = \"{sec}\"\nlv = \"{id}\"\ntype = \"{ty}\"\nsource = \"self\"\n{extra}\n")
    };
    let schema = [
        "[survey]\nname = \"Plaši skaitļi\"\n\n[sections.s1]\nlv = \"Pirmā\"\n\n[sections.s2]\nlv = \"Otrā\"\n\n".to_string(),
        q("w1", "s1", "decimal", "min = 0\nmax = 100"),
        q("w2", "s1", "decimal", "min = 0\nmax = 1000"),
        q("i1", "s2", "integer", "min = 0\nmax = 1000"),
        q("y1", "s2", "yes_no", ""),
        q(
            "m1",
            "s2",
            "multi",
            "options = [{ id = \"x\", lv = \"X\" }, { id = \"y\", lv = \"Y\" }, { id = \"z\", lv = \"Z\" }]",
        ),
    ]
    .concat();
    std::fs::write(dir.path().join("questionnaire.toml"), schema).unwrap();
    let mut bounds = |scale: u64, cents: bool| -> Vec<Num> {
        let mut b: Vec<u64> = (0..2).map(|_| 1 + rng.next(scale - 1)).collect();
        b.sort_unstable();
        b.dedup();
        b.iter()
            .map(|&x| {
                if cents {
                    Num::frac(x as i128, 100).unwrap()
                } else {
                    Num::int(x as i128)
                }
            })
            .collect()
    };
    let (b2, bi) = (bounds(100_000, true), bounds(1000, false));
    let arms = |b: &[Num], rng: &mut Lcg| -> String {
        let mut s = format!("    < {} => {}\n", b[0], rng.next(20));
        for w in b.windows(2) {
            s.push_str(&format!("    [{}, {}) => {}\n", w[0], w[1], rng.next(120)));
        }
        s + &format!("    >= {} => {}\n", b[b.len() - 1], rng.next(120))
    };
    let th = |rng: &mut Lcg| {
        let mut t: Vec<u64> = (0..4).map(|_| 5 + rng.next(90)).collect();
        t.sort_unstable();
        t.dedup();
        while t.len() < 4 {
            let top = t[t.len() - 1];
            t.push(top + 1);
        }
        t.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rules = format!(
        "survey \"Plaši skaitļi\" {{\n  schema \"questionnaire.toml\"\n  sources expert > auto > self\n  display 1\n  compare {}\n}}\n\n\
         levels {{\n  1 \"a\"\n  2 \"b\"\n  3 \"c\"\n  4 \"d\"\n  5 \"e\"\n}}\n\n\
         defaults {{\n  unanswered => 0\n  not_asked => 0\n  not_applicable => exclude\n  dont_know => 0\n}}\n\n\
         index \"Indekss\" {{\n  weights {{\n    s1 {}\n    s2 {}\n  }}\n  min_sections 1\n  thresholds upper {}\n}}\n\n\
         section s1 {{\n  thresholds upper {}\n}}\n\nsection s2 {{\n  thresholds lower {}\n}}\n\n\
         rule r1 in s1 {{\n  points w1\n}}\n\n\
         rule r2 in s1 {{\n  match w2 {{\n{}  }}\n}}\n\n\
         rule r3 in s2 {{\n  match i1 {{\n{}  }}\n}}\n\n\
         rule r4 in s2 {{\n  match y1 {{\n    yes => 30\n    no => 0\n  }}\n}}\n\n\
         rule r5 in s2 {{\n  sum m1 {{\n    x => 10\n    y => 20\n    z => 5\n  }}\n}}\n",
        if rng.next(2) == 0 { "rounded 0" } else { "exact" },
        1 + rng.next(3),
        1 + rng.next(3),
        th(rng),
        th(rng),
        th(rng),
        arms(&b2, rng),
        arms(&bi, rng),
    );
    std::fs::write(dir.path().join("model.rules"), rules).unwrap();
    (dir, b2, bi)
}

/// The values of a question the rules distinguish: every 0.01 of `w1` (read by `points`),
/// the ends of the range and of every `match` range of `w2` and `i1` (a range scores the same
/// throughout, so one value on each side of a bound realises every effect), every answer of
/// the yes/no and the multiple choice. `coarse`: `w1` only at 0 and 100 — enough to decide how
/// many changes reach a level: the section score and the index never fall when `w1` rises, so
/// a set that reaches a level with `w1` at some value still reaches it with `w1` at 100 (a
/// valid answer also when removals are not allowed).
fn wide_values(
    p: &crate::hir::Program,
    s: usize,
    b2: &[Num],
    bi: &[Num],
    coarse: bool,
) -> Vec<Value> {
    let cent = Num::frac(1, 100).unwrap();
    let around = |b: &[Num], step: Num, hi: Num| -> Vec<Value> {
        let mut v = vec![Num::ZERO, hi];
        for &x in b {
            v.push(x);
            v.push(x.sub(step).unwrap());
        }
        v.sort();
        v.dedup();
        v.into_iter().map(Value::Num).collect()
    };
    match p.schema.questions[s].id.as_str() {
        "w1" if coarse => vec![Value::Num(Num::ZERO), Value::Num(Num::HUNDRED)],
        "w1" => (0..=10_000)
            .map(|i| Value::Num(Num::frac(i, 100).unwrap()))
            .collect(),
        "w2" => around(b2, cent, Num::int(1000)),
        "i1" => around(bi, Num::ONE, Num::int(1000)),
        _ => valid_values(p, s),
    }
}

/// Whether `v` may replace `base` without removing what the unit reported.
fn keeps(base: Value, v: Value) -> bool {
    match (base, v) {
        (Value::Num(a), Value::Num(b)) => b >= a,
        (Value::Multi(a), Value::Multi(b)) => b & a == a,
        _ => true,
    }
}

/// The value `t` measures after `changes` (section score or index) if it reaches its level.
fn measured(
    ev: &mut Evaluator<'_>,
    base: &[Value],
    changes: &[(usize, Value)],
    t: Target,
) -> Option<Num> {
    let mut a = base.to_vec();
    for &(s, v) in changes {
        a[s] = v;
    }
    let o = ev.eval(&a).ok()?;
    match t {
        Target::Section { section, level } => {
            let so = o.sections[section].as_ref().ok()?;
            (so.level >= level).then_some(so.score)
        }
        Target::Index { level } => match o.index {
            IndexOutcome::Computed {
                value, level: l, ..
            } => (l >= level).then_some(value),
            IndexOutcome::NotComputable { .. } => None,
        },
    }
}

/// The fewest changes (over `values`) reaching `t`, up to `kmax`.
fn fewest(
    ev: &mut Evaluator<'_>,
    values: &[Vec<Value>],
    base: &[Value],
    t: Target,
    kmax: usize,
) -> Option<usize> {
    fn go(
        ev: &mut Evaluator<'_>,
        values: &[Vec<Value>],
        base: &[Value],
        t: Target,
        from: usize,
        left: usize,
        ch: &mut Vec<(usize, Value)>,
    ) -> bool {
        if left == 0 {
            return measured(ev, base, ch, t).is_some();
        }
        for s in from..values.len() {
            for &v in &values[s] {
                if v == base[s] {
                    continue;
                }
                ch.push((s, v));
                let hit = go(ev, values, base, t, s + 1, left - 1, ch);
                ch.pop();
                if hit {
                    return true;
                }
            }
        }
        false
    }
    (1..=kmax).find(|&k| go(ev, values, base, t, 0, k, &mut Vec::new()))
}

/// On generated rulesets with wide number ranges, with and without removals: the search finds
/// a set exactly when one exists, with the fewest changes (brute force over the values the rules
/// distinguish), and a single change with the least overshoot over every value at 0.01.
#[test]
fn wide_numeric_ranges_match_exhaustive_search() {
    let mut rng = Lcg(2026);
    let mut checked = 0;
    for _ in 0..6 {
        let (dir, b2, bi) = wide_ruleset(&mut rng);
        let p = crate::ruleset::load(dir.path())
            .expect("ruleset readable")
            .program
            .expect("checked program");
        let plan = plan::lower(&p);
        let deps = Deps::new(&p);
        let nq = p.schema.questions.len();
        let mut ev = Evaluator::new(&plan);
        for _ in 0..5 {
            let answers: Vec<Value> = (0..plan.n_slots)
                .map(|s| {
                    if s >= nq || rng.next(6) == 0 {
                        return Value::UNANSWERED;
                    }
                    let v = wide_values(&p, s, &b2, &bi, false);
                    v[rng.next(v.len() as u64) as usize]
                })
                .collect();
            for allow in [false, true] {
                let changeable = (0..plan.n_slots).map(|s| s < nq).collect();
                let mut search = UnitSearch::new(&p, &plan, &deps, &answers, changeable)
                    .unwrap()
                    .allow_removals(allow);
                let base = search.base().to_vec();
                let allowed = |s: usize, coarse: bool| -> Vec<Value> {
                    wide_values(&p, s, &b2, &bi, coarse)
                        .into_iter()
                        .filter(|&v| allow || keeps(base[s], v))
                        .collect()
                };
                let coarse: Vec<Vec<Value>> = (0..nq).map(|s| allowed(s, true)).collect();
                let fine: Vec<Vec<Value>> = (0..nq).map(|s| allowed(s, false)).collect();
                let o = search.base_outcome().clone();
                let mut targets = Vec::new();
                for (s, r) in o.sections.iter().enumerate() {
                    if let Ok(so) = r {
                        if (so.level as usize) < p.levels.len() {
                            targets.push(Target::Section {
                                section: s,
                                level: so.level + 1,
                            });
                        }
                    }
                }
                if let IndexOutcome::Computed { level, .. } = o.index {
                    if (level as usize) < p.levels.len() {
                        targets.push(Target::Index { level: level + 1 });
                    }
                }
                for t in targets {
                    let want = fewest(&mut ev, &coarse, &base, t, nq);
                    let report = search.search(t, 1_000_000);
                    checked += 1;
                    match report.outcome {
                        SearchOutcome::Found { found, minimal } => {
                            assert!(minimal);
                            for &(s, v) in &found.changes {
                                assert!(allow || keeps(base[s], v), "{t:?}: removes {v:?}");
                            }
                            let got = measured(&mut ev, &base, &found.changes, t);
                            assert!(got.is_some(), "{t:?}: {:?} does not reach", found.changes);
                            assert_eq!(Some(found.changes.len()), want, "{t:?} {base:?}");
                            if found.changes.len() == 1 {
                                // the least overshoot of one change, over every value at 0.01
                                let mut best: Option<Num> = None;
                                for (s, vals) in fine.iter().enumerate() {
                                    for &v in vals.iter().filter(|v| **v != base[s]) {
                                        if let Some(x) = measured(&mut ev, &base, &[(s, v)], t) {
                                            best = Some(best.map_or(x, |b| b.min(x)));
                                        }
                                    }
                                }
                                assert_eq!(got, best, "{t:?} {base:?}: {:?}", found.changes);
                            }
                        }
                        SearchOutcome::OutOfReach { reason } => {
                            assert_eq!(want, None, "{t:?} {base:?}: out of reach ({reason})");
                        }
                        SearchOutcome::Stopped { reason } => panic!("stopped: {reason}"),
                    }
                }
            }
        }
    }
    assert!(checked >= 60, "{checked} targets checked");
}
