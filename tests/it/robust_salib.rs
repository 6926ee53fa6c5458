//! `robust::stats::sobol_indices` against SALib itself: a design made by `robust::design`, a model
//! evaluated in Rust, the matrix and the outputs written to files, SALib's `sobol.analyze` run on
//! them by `tests/python/salib_sobol.py`, and the point estimates compared to 1e-9.
//!
//! Needs `python3` with SALib: a missing SALib is installed with pip (as `.ci/run` also does); if
//! it still cannot be imported the test fails, unless EINDEX_SKIP_SALIB is set.

use std::f64::consts::PI;
use std::path::Path;
use std::process::Command;

use eindex::robust::design::Design;
use eindex::robust::stats::{sobol_indices, SobolIndices};

use crate::common::{temp_dir, text};

const SCRIPT: &str = "tests/python/salib_sobol.py";

fn salib_importable() -> bool {
    Command::new("python3")
        .args(["-c", "import SALib.analyze.sobol"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether to run: SALib importable (installed here if need be), or `false` with
/// EINDEX_SKIP_SALIB set; otherwise the test fails.
fn salib() -> bool {
    if salib_importable() {
        return true;
    }
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "SALib"])
        .status();
    if salib_importable() {
        return true;
    }
    if std::env::var_os("EINDEX_SKIP_SALIB").is_some() {
        eprintln!("EINDEX_SKIP_SALIB is set and SALib cannot be imported: not comparing with it");
        return false;
    }
    panic!(
        "python3 cannot import SALib, and `python3 -m pip install SALib` did not help: install \
         it (as .ci/run does) or set EINDEX_SKIP_SALIB=1 to skip this test"
    );
}

/// SALib's output for the design and outputs, as JSON.
fn run_salib(dir: &Path, design: &Design, y: &[f64]) -> serde_json::Value {
    let x_path = dir.join("x.csv");
    let y_path = dir.join("y.csv");
    let mut x_file = std::fs::File::create(&x_path).unwrap();
    design.write_csv(&mut x_file).unwrap();
    let mut y_text = String::from("y\n");
    for v in y {
        // Rust's shortest round-trip text: Python's float() reads back the same f64.
        y_text.push_str(&format!("{v}\n"));
    }
    std::fs::write(&y_path, y_text).unwrap();
    let out = Command::new("python3")
        .arg(SCRIPT)
        .arg(&x_path)
        .arg(&y_path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{SCRIPT} failed:\n{}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the script")
}

fn numbers(json: &serde_json::Value, key: &str) -> Vec<Option<f64>> {
    json[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {json}"))
        .iter()
        .map(serde_json::Value::as_f64)
        .collect()
}

/// The largest difference between our point estimates and SALib's.
fn max_difference(ours: &SobolIndices, salib: &serde_json::Value) -> f64 {
    let inputs = ours.inputs.as_ref().expect("indices defined");
    let (s1, st) = (numbers(salib, "S1"), numbers(salib, "ST"));
    assert_eq!((s1.len(), st.len()), (inputs.len(), inputs.len()));
    let mut worst = 0f64;
    for (i, e) in inputs.iter().enumerate() {
        let (s, t) = (s1[i].expect("S1 a number"), st[i].expect("ST a number"));
        worst = worst.max((e.s1 - s).abs()).max((e.st - t).abs());
    }
    worst
}

fn evaluate(design: &Design, lo: f64, hi: f64, f: impl Fn(&[f64]) -> f64) -> Vec<f64> {
    design
        .rows()
        .map(|row| {
            let x: Vec<f64> = row.iter().map(|&u| lo + (hi - lo) * f64::from(u)).collect();
            f(&x)
        })
        .collect()
}

fn ishigami(x: &[f64]) -> f64 {
    x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
}

#[test]
fn point_estimates_match_salib() {
    if !salib() {
        return;
    }
    let dir = temp_dir("salib");
    // Ishigami (n = 1024, d = 3), and a linear model with a large offset and an input that does
    // nothing (n = 512, d = 5): SALib standardises the outputs first, and so do we.
    let ishigami_design = Design::saltelli(1024, 3, 2022).unwrap();
    let linear_design = Design::saltelli(512, 5, 7).unwrap();
    let linear = |x: &[f64]| 1e6 + 3.0 * x[0] - 2.0 * x[1] + x[2] * x[3] + 0.0 * x[4];
    let cases = [
        (
            "ishigami",
            &ishigami_design,
            evaluate(&ishigami_design, -PI, PI, ishigami),
        ),
        (
            "linear",
            &linear_design,
            evaluate(&linear_design, 0.0, 1.0, linear),
        ),
    ];
    for (name, design, y) in cases {
        let ours = sobol_indices(&y, design.n, design.d, 100, 0.95, 1).unwrap();
        let salib = run_salib(dir.path(), design, &y);
        assert_eq!(salib["n"], design.n, "{name}: SALib read another n");
        let worst = max_difference(&ours, &salib);
        eprintln!(
            "{name}: largest |ours − SALib {}| = {worst:e}",
            salib["salib"]
        );
        assert!(worst < 1e-9, "{name}: ours {ours:?}\nSALib {salib}");
        // The half-widths come from other random draws: only of the same size.
        let inputs = ours.inputs.as_ref().unwrap();
        for (i, c) in numbers(&salib, "ST_conf").into_iter().enumerate() {
            let (theirs, mine) = (c.unwrap(), inputs[i].st_conf.unwrap());
            assert!(
                mine <= 3.0 * theirs + 1e-3 && theirs <= 3.0 * mine + 1e-3,
                "{name} {i}"
            );
        }
    }
}

#[test]
fn constant_outputs_give_none_where_salib_gives_zeros() {
    if !salib() {
        return;
    }
    let dir = temp_dir("salib-constant");
    let design = Design::saltelli(64, 2, 1).unwrap();
    let y = vec![42.0; design.len()];
    let ours = sobol_indices(&y, 64, 2, 100, 0.95, 1).unwrap();
    assert!(ours.inputs.is_none() && ours.undefined.is_some());
    let salib = run_salib(dir.path(), &design, &y);
    // SALib divides 0 by 0 when standardising (a RuntimeWarning) and then reports 0 for every
    // index: "no influence", which we decline to say.
    for key in ["S1", "ST"] {
        assert!(
            numbers(&salib, key).iter().all(|v| *v == Some(0.0)),
            "{salib}"
        );
    }
}

/// `eindex robustness --write-samples` on the 2022 published model: SALib, run on the matrix and
/// the outputs eindex wrote, finds the indices eindex reports (to 1e-9), for both outputs.
#[test]
fn robustness_command_matches_salib_on_its_own_samples() {
    if !salib() {
        return;
    }
    let dir = temp_dir("salib-cli");
    let samples = dir.path().join("samples");
    let json = crate::common::eindex(&[
        "robustness",
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--sample",
        "--samples",
        "512",
        "--format",
        "json",
        "--write-samples",
        samples.to_str().unwrap(),
    ])
    .ok();
    let ours: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sensitivity = ours["sensitivity"].as_array().unwrap();
    let mut compared = 0;
    for output in ["rank_shift", "level_change"] {
        let out = Command::new("python3")
            .arg(SCRIPT)
            .arg(samples.join("samples.csv"))
            .arg(samples.join(format!("{output}.csv")))
            .output()
            .expect("python3 runs");
        assert!(out.status.success(), "{SCRIPT}: {}", text(&out.stderr));
        let salib: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let (s1, st) = (numbers(&salib, "S1"), numbers(&salib, "ST"));
        assert_eq!(s1.len(), sensitivity.len(), "one index per input");
        for (i, s) in sensitivity.iter().enumerate() {
            let (first, total) = (s[output]["first"].as_f64(), s[output]["total"].as_f64());
            // an output that does not vary has no indices in eindex (SALib divides 0 by 0)
            let (Some(first), Some(total)) = (first, total) else {
                continue;
            };
            let (a, b) = (s1[i].expect("SALib S1"), st[i].expect("SALib ST"));
            assert!(
                (first - a).abs() < 1e-9 && (total - b).abs() < 1e-9,
                "{output}, input {}: eindex S1 {first} ST {total}, SALib S1 {a} ST {b}",
                s["input"]
            );
            compared += 1;
        }
    }
    // both outputs vary on the 2022 model (the weights move ranks and levels)
    assert!(
        compared >= 2 * sensitivity.len(),
        "compared {compared} indices"
    );
}
