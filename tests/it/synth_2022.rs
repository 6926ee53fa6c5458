//! The bundled synthetic 2022 submissions (`data/2022/synthetic-submissions-2022.csv`), evaluated with
//! `rules/2022`, reproduce Annex 1 of the report (scores within 3 points, same section levels, same
//! index level, Rēzeknes novads without open data) and the published answer shares
//! (`data/2022/shares.csv`) within 5 points; and `eindex synth` is reproducible.

use crate::common::{self, Run};
use eindex::eval::{self, Evaluator, IndexOutcome, UnitOutcome};
use eindex::hir::{MissingState, Program};
use eindex::input::{self, InputSpec, LoadOptions, Loaded};
use eindex::num::Num;
use eindex::plan::{self, Plan};
use eindex::ruleset;
use eindex::value::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn program() -> Program {
    let rs = ruleset::load(&root().join("rules/2022")).expect("rules/2022 loads");
    assert!(
        !rs.has_errors(),
        "rules/2022 has errors: run `eindex check rules/2022`"
    );
    rs.program.expect("a checked program")
}

fn load_bundled(p: &Program) -> Loaded {
    let file = root().join("data/2022/synthetic-submissions-2022.csv");
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..LoadOptions::default()
    };
    let loaded = input::load(&p.schema, &[InputSpec::new(&file, None)], &opts);
    assert!(
        loaded.errors.is_empty() && loaded.rejected.is_empty(),
        "the bundled data does not load cleanly: {:?} {:?}",
        loaded.errors,
        loaded.rejected
    );
    loaded
}

/// Annex 1: unit -> (e_index, per-section score by section id).
struct Annex {
    unit: String,
    e_index: Num,
    sections: Vec<(String, Option<Num>)>,
}

fn annex() -> Vec<Annex> {
    let path = root().join("../shared/reference/annex1-2022.csv");
    let mut rd = csv::Reader::from_path(&path).expect("../shared/reference/annex1-2022.csv");
    let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let sections = [
        "communication",
        "customer_service",
        "service_provision",
        "internal_processes",
        "open_data",
    ];
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            Annex {
                unit: r[col("unit")].to_string(),
                e_index: r[col("e_index")].parse().unwrap(),
                sections: sections
                    .iter()
                    .map(|s| {
                        let cell = &r[col(s)];
                        (
                            s.to_string(),
                            (!cell.is_empty()).then(|| cell.parse().unwrap()),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

fn section_level(plan: &Plan, s: usize, score: Num) -> u8 {
    let c = eval::compared(plan, score);
    if plan.sections[s].zero_apart && c.is_zero() {
        0
    } else {
        plan.sections[s].thresholds.level(c)
    }
}

fn evaluate(p: &Program, plan: &Plan, loaded: &Loaded) -> Vec<(String, UnitOutcome, Vec<Value>)> {
    let mut ev = Evaluator::new(plan);
    loaded
        .units
        .iter()
        .map(|u| {
            let o = ev.eval(&u.answers).expect("evaluates");
            assert!(
                o.answered_not_asked.is_empty(),
                "{}: answers to questions not asked: {:?}",
                u.id,
                o.answered_not_asked
                    .iter()
                    .map(|&s| p.schema.questions[s].id.as_str())
                    .collect::<Vec<_>>()
            );
            (u.id.clone(), o, ev.effective_answers().to_vec())
        })
        .collect()
}

#[test]
fn bundled_data_reproduces_annex_1() {
    let p = program();
    let plan = plan::lower(&p);
    let loaded = load_bundled(&p);
    let results = evaluate(&p, &plan, &loaded);
    let annex = annex();
    assert_eq!(results.len(), 37, "one row per municipality");
    assert_eq!(annex.len(), 37);
    let tolerance = Num::int(3);
    let mut problems = Vec::new();
    for a in &annex {
        let Some((_, o, _)) = results.iter().find(|(id, _, _)| *id == a.unit) else {
            problems.push(format!("{}: missing from the bundled data", a.unit));
            continue;
        };
        for (sid, target) in &a.sections {
            let s = p.schema.section_index(sid).unwrap();
            match (target, &o.sections[s]) {
                (Some(t), Ok(so)) => {
                    let d = so.score.sub(*t).unwrap().abs();
                    if d > tolerance {
                        problems.push(format!(
                            "{} {sid}: score {} vs Annex 1 {}",
                            a.unit,
                            so.score.to_exact_string(),
                            t.to_exact_string()
                        ));
                    }
                    let want = section_level(&plan, s, *t);
                    if so.level != want {
                        problems.push(format!(
                            "{} {sid}: level {} vs {want} for Annex 1 {}",
                            a.unit,
                            so.level,
                            t.to_exact_string()
                        ));
                    }
                }
                (None, Err(_)) => {}
                (None, Ok(_)) => {
                    problems.push(format!("{} {sid}: has a score, Annex 1 has none", a.unit))
                }
                (Some(_), Err(m)) => problems.push(format!("{} {sid}: no score ({m:?})", a.unit)),
            }
        }
        let want = plan
            .index_thresholds
            .level(eval::compared(&plan, a.e_index));
        match &o.index {
            IndexOutcome::Computed { level, .. } if *level == want => {}
            other => problems.push(format!(
                "{}: index {other:?}, Annex 1 {} is level {want}",
                a.unit,
                a.e_index.to_exact_string()
            )),
        }
    }
    // Rēzeknes novads did not submit the open-data section
    let od = p.schema.section_index("open_data").unwrap();
    let rez = results
        .iter()
        .find(|(id, _, _)| id == "Rēzeknes novada pašvaldība")
        .expect("Rēzeknes novads");
    assert!(
        rez.1.sections[od].is_err(),
        "Rēzeknes novads has no open-data score"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `question,option,share` rows of data/2022/shares.csv, as (question, options, share 0..1).
fn share_rows() -> Vec<(String, String, f64)> {
    let mut rd = csv::Reader::from_path(root().join("data/2022/shares.csv")).unwrap();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            let s = r[2].trim();
            let v: f64 = match s.strip_suffix('%') {
                Some(p) => p.parse::<f64>().unwrap() / 100.0,
                None => s.parse().unwrap(),
            };
            (r[0].to_string(), r[1].to_string(), v)
        })
        .collect()
}

/// Share of the units asked `question` whose answer is (any of) `option`.
fn actual_share(
    p: &Program,
    results: &[(String, UnitOutcome, Vec<Value>)],
    q: &str,
    option: &str,
) -> f64 {
    let (slot, question) = p.schema.question(q).unwrap();
    let mut base = 0usize;
    let mut count = 0usize;
    for (_, _, eff) in results {
        let v = eff[slot];
        if v == Value::Missing(MissingState::NotAsked) {
            continue;
        }
        base += 1;
        let hit = option.split('|').any(|o| match (o, v) {
            ("yes", Value::Bool(b)) => b,
            ("no", Value::Bool(b)) => !b,
            ("dont_know", Value::Missing(MissingState::DontKnow)) => true,
            (o, Value::Choice(i)) => question.option_index(o) == Some(i as usize),
            (o, Value::Multi(bits)) => question
                .option_index(o)
                .is_some_and(|i| bits & (1u128 << i) != 0),
            _ => false,
        });
        count += usize::from(hit);
    }
    assert!(base > 0, "{q}: asked of no unit");
    count as f64 / base as f64
}

#[test]
fn bundled_data_matches_published_shares() {
    let p = program();
    let plan = plan::lower(&p);
    let loaded = load_bundled(&p);
    let results = evaluate(&p, &plan, &loaded);
    // the figures the brief names, independently of shares.csv
    for (q, o, want) in [
        ("q_social_media", "facebook", 1.00),
        ("q_social_media", "instagram", 0.76),
        ("q_social_media", "twitter", 0.70),
    ] {
        let got = actual_share(&p, &results, q, o);
        assert!(
            (got - want).abs() <= 0.05,
            "{q} {o}: {:.1}% vs published {:.0}%",
            100.0 * got,
            100.0 * want
        );
    }
    let rows = share_rows();
    assert!(rows.len() > 100, "shares.csv has the published shares");
    // the overall rows data/2022/infeasible.csv lists (the report contradicts itself there):
    // they must be off, or the list is stale
    let mut rd = csv::Reader::from_path(root().join("data/2022/infeasible.csv")).unwrap();
    let infeasible: Vec<(String, String)> = rd
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[2].is_empty())
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    let mut off = Vec::new();
    for (q, o, want) in &rows {
        let got = actual_share(&p, &results, q, o);
        let listed = infeasible.contains(&(q.clone(), o.clone()));
        if listed && (got - want).abs() <= 0.05 {
            off.push(format!(
                "{q} {o}: {:.1}% is within 5 points of {:.0}%: remove it from data/2022/infeasible.csv",
                100.0 * got,
                100.0 * want
            ));
        }
        if !listed && (got - want).abs() > 0.05 {
            off.push(format!(
                "{q} {o}: {:.1}% vs published {:.0}%",
                100.0 * got,
                100.0 * want
            ));
        }
    }
    assert!(
        off.is_empty(),
        "shares more than 5 points off:\n{}",
        off.join("\n")
    );
}

const SMALL_TARGETS: &str = "\
unit,type,planning_region,employees,communication,customer_service,service_provision,internal_processes,open_data
Alpha,valstspilseta,riga,900,70,62,57,60,20
Beta,regional,latgale,300,44,38,45,40,
Gamma,regional,kurzeme,450,56,57,55,51,0
";

fn synth(dir: &Path, seed: u64, name: &str) -> (Vec<u8>, Run) {
    let out = dir.join(name);
    let output = common::run(
        Command::new(common::EINDEX)
            .arg("synth")
            .arg(root().join("rules/2022"))
            .arg("--targets")
            .arg(dir.join("targets.csv"))
            .arg("--shares")
            .arg(root().join("data/2022/shares.csv"))
            .arg("--numbers")
            .arg(root().join("data/2022/numbers.csv"))
            .arg("--seed")
            .arg(seed.to_string())
            .arg("--iterations")
            .arg("2500")
            .arg("-o")
            .arg(&out),
    );
    (std::fs::read(&out).unwrap_or_default(), output)
}

#[test]
fn synth_is_reproducible_per_seed() {
    let tmp = common::temp_dir("synth");
    let dir = tmp.path();
    std::fs::write(dir.join("targets.csv"), SMALL_TARGETS).unwrap();
    let (a, oa) = synth(dir, 11, "a.csv");
    let (b, ob) = synth(dir, 11, "b.csv");
    let (c, _) = synth(dir, 12, "c.csv");
    let stderr = &oa.stderr;
    assert!(!a.is_empty(), "no output; stderr:\n{stderr}");
    assert!(
        stderr.contains("synth: 3 units, seed 11"),
        "fit report on stderr:\n{stderr}"
    );
    assert_eq!(oa.code, ob.code);
    assert!(a == b, "the same seed must give a byte-identical file");
    assert!(a != c, "another seed must give another file");
    // the file is valid input for `eindex eval`, and Beta's open data stays unanswered
    let p = program();
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..LoadOptions::default()
    };
    let loaded = input::load(&p.schema, &[InputSpec::new(dir.join("a.csv"), None)], &opts);
    assert!(loaded.errors.is_empty() && loaded.rejected.is_empty());
    assert_eq!(loaded.units.len(), 3);
    let plan = plan::lower(&p);
    let results = evaluate(&p, &plan, &loaded);
    let od = p.schema.section_index("open_data").unwrap();
    let beta = results.iter().find(|(id, _, _)| id == "Beta").unwrap();
    assert!(beta.1.sections[od].is_err());
}

/// `synth --directions`: the statements are soft costs the search meets (seed 12 of the small
/// case: without them Beta marks three resources), and a bad cell is a located error.
#[test]
fn synth_meets_directions_and_locates_bad_ones() {
    let tmp = common::temp_dir("synth-directions");
    let dir = tmp.path();
    std::fs::write(dir.join("targets.csv"), SMALL_TARGETS).unwrap();
    let directions = dir.join("directions.csv");
    let run = |text: &str| {
        std::fs::write(&directions, text).unwrap();
        let out = dir.join("out.csv");
        let r = common::run(
            Command::new(common::EINDEX)
                .arg("synth")
                .arg(root().join("rules/2022"))
                .arg("--targets")
                .arg(dir.join("targets.csv"))
                .arg("--shares")
                .arg(root().join("data/2022/shares.csv"))
                .arg("--numbers")
                .arg(root().join("data/2022/numbers.csv"))
                .arg("--directions")
                .arg(&directions)
                .args(["--seed", "12", "--iterations", "2500", "-o"])
                .arg(&out),
        );
        (std::fs::read_to_string(&out).unwrap_or_default(), r)
    };
    let (csv, r) = run("question,option,group,relation,than\n\
         q_social_media,twitter,type=regional,>,type=valstspilseta\n\
         q_sp_resources,count=2,type=regional,=,100%\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("  directions: 2 rows, 2 hold"),
        "{}",
        r.stderr
    );
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let h = rd.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (social, resources) = (col("q_social_media"), col("q_sp_resources"));
    for rec in rd.records() {
        let rec = rec.unwrap();
        let twitter = rec[social].split('|').any(|o| o == "twitter");
        match &rec[0] {
            "Alpha" => assert!(!twitter, "{rec:?}"),
            _ => {
                assert!(twitter, "{rec:?}");
                assert_eq!(rec[resources].split('|').count(), 2, "{rec:?}");
            }
        }
    }
    let (_, r) = run("question,option,group,relation,than\n\
         q_social_media,twitter,type=regional,>>,type=valstspilseta\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("directions.csv:2:4 (column `relation`): `>>` is not a relation\n  help: write `>`, `>=`, `<`, `<=` or `=`"),
        "{}",
        r.stderr
    );
}
