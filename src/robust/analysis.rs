//! Running the analysis: every combination once when the inputs are few and discrete, else the
//! Saltelli design on a scrambled Sobol sequence; then the distributions per unit and the
//! sensitivity indices per input.

use super::design::Design;
use super::engine::{self, Engine, Pick, Run, NONE};
use super::model::Model;
use super::result::*;
use super::stats;
use super::tally::{self, nearest_rank, Tally};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base points N of the Sobol sequence.
    pub samples: usize,
    pub seed: u32,
    pub jobs: usize,
    pub resamples: usize,
    pub confidence: f64,
    /// Sample even when the inputs could be enumerated.
    pub force_sampling: bool,
    /// Show a progress bar on a terminal when the run takes longer than a second.
    pub progress: bool,
}

/// The sample matrix and the outputs of a sampled run (`--write-samples`).
#[derive(Debug, Clone)]
pub struct Samples {
    pub design: Design,
    pub rank_shift: Vec<f64>,
    pub level_change: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error("{0}")]
    Design(String),
}

/// The analysis, with the samples when sampled.
pub struct Outcome {
    pub analysis: Analysis,
    pub samples: Option<Samples>,
}

/// Runs the analysis of `model`. `describe` gives the input infos and level names.
pub fn run(
    model: &Model,
    inputs: Vec<InputInfo>,
    levels: Vec<LevelName>,
    settings: &Settings,
) -> Result<Outcome, AnalysisError> {
    let d = model.inputs.len();
    let runs_if_sampled = settings.samples.saturating_mul(d + 2);
    let combos = model.inputs.iter().try_fold(1u64, |acc, i| {
        i.count.and_then(|c| acc.checked_mul(c as u64))
    });
    let exhaustive = combos.filter(|&c| !settings.force_sampling && c <= runs_if_sampled as u64);
    let mut engine = Engine::new(model);
    let mut nominal = Run::default();
    engine.run(&engine::nominal(model), &mut nominal);
    let (tally, moves, sensitivity, variance, samples, method) = match exhaustive {
        Some(c) => {
            let e = enumerate(model, &nominal, c as usize);
            (
                e.tally,
                e.moves,
                e.sensitivity,
                e.variance,
                None,
                Method::Exhaustive { combinations: c },
            )
        }
        None => {
            let s = sample(model, &nominal, settings)?;
            let method = Method::Sampled {
                samples: settings.samples,
                runs: s.samples.design.len(),
                seed: settings.seed,
                resamples: settings.resamples,
                confidence: settings.confidence,
            };
            (
                s.tally,
                s.moves,
                s.sensitivity,
                s.variance,
                Some(s.samples),
                method,
            )
        }
    };
    let units = unit_results(model, &nominal, &tally, &moves, exhaustive.is_some());
    let sensitivity = model
        .inputs
        .iter()
        .zip(sensitivity)
        .map(|(i, (rank_shift, level_change))| Sensitivity {
            input: i.name.clone(),
            rank_shift,
            level_change,
        })
        .collect();
    Ok(Outcome {
        analysis: Analysis {
            method,
            inputs,
            sections: model.sections.clone(),
            levels,
            units,
            sensitivity,
            variance,
        },
        samples,
    })
}

/// What a way of running gives.
struct Found {
    tally: Tally,
    /// `[unit][input]`: P(redrawing the input alone changes the unit's index level).
    moves: Vec<Vec<f64>>,
    sensitivity: Vec<(Indices, Indices)>,
    variance: Outputs<f64>,
}

struct SampledFound {
    tally: Tally,
    moves: Vec<Vec<f64>>,
    sensitivity: Vec<(Indices, Indices)>,
    variance: Outputs<f64>,
    samples: Samples,
}

/// Every combination of the (all discrete) inputs once.
fn enumerate(model: &Model, nominal: &Run, combos: usize) -> Found {
    let counts: Vec<usize> = model.inputs.iter().map(|i| i.count.unwrap_or(1)).collect();
    let n_units = model.units.len();
    let mut engine = Engine::new(model);
    let mut tally = Tally::new(n_units, model.sections.len(), model.n_levels);
    let mut levels = Vec::with_capacity(combos * n_units);
    let (mut y_rank, mut y_level) = (Vec::with_capacity(combos), Vec::with_capacity(combos));
    let mut run = Run::default();
    let mut picks = vec![Pick::Index(0); counts.len()];
    for c in 0..combos {
        let mut rest = c;
        for (k, &m) in counts.iter().enumerate().rev() {
            picks[k] = Pick::Index(rest % m);
            rest /= m;
        }
        engine.run(&picks, &mut run);
        tally.add(&run);
        levels.extend_from_slice(&run.index_level);
        let (a, b) = tally::outputs(&run, nominal);
        y_rank.push(a);
        y_level.push(b);
    }
    let grid = Grid { counts: &counts };
    let moves = (0..n_units)
        .map(|u| {
            (0..counts.len())
                .map(|i| grid.change_probability(i, |c| levels[c * n_units + u]))
                .collect()
        })
        .collect();
    let (s_rank, v_rank) = grid.sobol(&y_rank);
    let (s_level, v_level) = grid.sobol(&y_level);
    Found {
        tally,
        moves,
        sensitivity: s_rank.into_iter().zip(s_level).collect(),
        variance: Outputs {
            rank_shift: v_rank,
            level_change: v_level,
        },
    }
}

/// A full factorial grid, input 0 the most significant digit.
struct Grid<'a> {
    counts: &'a [usize],
}

impl Grid<'_> {
    fn stride(&self, i: usize) -> usize {
        self.counts[i + 1..].iter().product()
    }

    /// The points of the grid, grouped in fibres along input `i` (all other digits fixed).
    fn fibres(&self, i: usize) -> impl Iterator<Item = Vec<usize>> + '_ {
        let total: usize = self.counts.iter().product();
        let stride = self.stride(i);
        let m = self.counts[i];
        (0..total)
            .filter(move |c| (c / stride).is_multiple_of(m))
            .map(move |c| (0..m).map(|k| c + k * stride).collect())
    }

    /// P(value(x) ≠ value(x')) for x' = x with input `i` redrawn (uniformly, independently).
    fn change_probability(&self, i: usize, value: impl Fn(usize) -> u8) -> f64 {
        let m = self.counts[i];
        let (mut differ, mut pairs) = (0u64, 0u64);
        for f in self.fibres(i) {
            for &a in &f {
                for &b in &f {
                    differ += u64::from(value(a) != value(b));
                }
            }
            pairs += (m * m) as u64;
        }
        if pairs == 0 {
            0.0
        } else {
            differ as f64 / pairs as f64
        }
    }

    /// Exact first-order and total indices by variance decomposition over the grid:
    /// S_i = Var(E[Y | X_i]) / Var(Y), ST_i = E[Var(Y | X_~i)] / Var(Y).
    fn sobol(&self, y: &[f64]) -> (Vec<Indices>, f64) {
        let n = y.len() as f64;
        let mean = y.iter().sum::<f64>() / n;
        let var = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        let out = (0..self.counts.len())
            .map(|i| {
                if var <= 0.0 {
                    return Indices {
                        first: None,
                        total: None,
                        first_ci: None,
                        total_ci: None,
                    };
                }
                let m = self.counts[i];
                let stride = self.stride(i);
                let mut sums = vec![0.0; m];
                for (c, v) in y.iter().enumerate() {
                    sums[(c / stride) % m] += v;
                }
                let per = n / m as f64;
                let v1 = sums.iter().map(|s| (s / per - mean).powi(2)).sum::<f64>() / m as f64;
                let mut within = 0.0;
                for f in self.fibres(i) {
                    let fm = f.iter().map(|&c| y[c]).sum::<f64>() / m as f64;
                    within += f.iter().map(|&c| (y[c] - fm).powi(2)).sum::<f64>() / m as f64;
                }
                let fibres = n / m as f64;
                Indices {
                    first: Some(v1 / var),
                    total: Some(within / fibres / var),
                    first_ci: None,
                    total_ci: None,
                }
            })
            .collect();
        (out, var)
    }
}

/// The Saltelli design: runs A, AB_1..AB_d, B for each base point, in parallel over base points.
fn sample(model: &Model, nominal: &Run, s: &Settings) -> Result<SampledFound, AnalysisError> {
    let d = model.inputs.len();
    let design =
        Design::saltelli(s.samples, d, s.seed).map_err(|e| AnalysisError::Design(e.to_string()))?;
    let n = s.samples;
    let jobs = s.jobs.clamp(1, n.max(1));
    let chunk = n.div_ceil(jobs);
    let bar = Progress::new(n as u64, s.progress);
    let parts: Vec<Part> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|k| {
                let range = (k * chunk).min(n)..((k + 1) * chunk).min(n);
                let (design, bar) = (&design, &bar);
                scope.spawn(move || part(model, nominal, design, range, bar))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Part::empty(model)))
            .collect()
    });
    bar.finish();
    let mut tally = Tally::new(model.units.len(), model.sections.len(), model.n_levels);
    let mut moves = vec![vec![0u64; d]; model.units.len()];
    let (mut y_rank, mut y_level) = (Vec::new(), Vec::new());
    for p in parts {
        tally.merge(p.tally);
        for (a, b) in moves.iter_mut().zip(p.moves) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
        y_rank.extend(p.y_rank);
        y_level.extend(p.y_level);
    }
    let seed = u64::from(s.seed);
    let stats_err = |e: stats::StatsError| AnalysisError::Design(e.to_string());
    let rank =
        stats::sobol_indices(&y_rank, n, d, s.resamples, s.confidence, seed).map_err(stats_err)?;
    let level =
        stats::sobol_indices(&y_level, n, d, s.resamples, s.confidence, seed).map_err(stats_err)?;
    let sensitivity = (0..d)
        .map(|i| (indices_of(&rank, i), indices_of(&level, i)))
        .collect();
    let variance = Outputs {
        rank_shift: rank.variance,
        level_change: level.variance,
    };
    let moves = moves
        .into_iter()
        .map(|row| row.into_iter().map(|c| c as f64 / n as f64).collect())
        .collect();
    Ok(SampledFound {
        tally,
        moves,
        sensitivity,
        variance,
        samples: Samples {
            design,
            rank_shift: y_rank,
            level_change: y_level,
        },
    })
}

fn indices_of(s: &stats::SobolIndices, i: usize) -> Indices {
    let at = s.inputs.as_ref().and_then(|v| v.get(i));
    Indices {
        first: at.map(|x| x.s1),
        total: at.map(|x| x.st),
        first_ci: at.and_then(|x| x.s1_conf),
        total_ci: at.and_then(|x| x.st_conf),
    }
}

/// One worker's share of a sampled run.
struct Part {
    tally: Tally,
    moves: Vec<Vec<u64>>,
    y_rank: Vec<f64>,
    y_level: Vec<f64>,
}

impl Part {
    fn empty(model: &Model) -> Part {
        Part {
            tally: Tally::new(model.units.len(), model.sections.len(), model.n_levels),
            moves: vec![vec![0; model.inputs.len()]; model.units.len()],
            y_rank: Vec::new(),
            y_level: Vec::new(),
        }
    }
}

fn part(
    model: &Model,
    nominal: &Run,
    design: &Design,
    base: std::ops::Range<usize>,
    bar: &Progress,
) -> Part {
    let d = model.inputs.len();
    let mut out = Part::empty(model);
    let mut engine = Engine::new(model);
    let (mut a, mut run) = (Run::default(), Run::default());
    let mut picks = vec![Pick::Index(0); d];
    for j in base {
        for k in 0..d + 2 {
            let row = design.row(j * (d + 2) + k).unwrap_or(&[]);
            for (i, u) in row.iter().enumerate() {
                picks[i] = engine::pick(model, i, *u);
            }
            let target = if k == 0 { &mut a } else { &mut run };
            engine.run(&picks, target);
            let (ys, yl) = tally::outputs(target, nominal);
            out.y_rank.push(ys);
            out.y_level.push(yl);
            if k == 0 || k == d + 1 {
                out.tally.add(if k == 0 { &a } else { &run });
            } else {
                for (u, m) in out.moves.iter_mut().enumerate() {
                    m[k - 1] += u64::from(run.index_level[u] != a.index_level[u]);
                }
            }
        }
        bar.tick();
    }
    out
}

/// A progress bar on standard error, drawn once a run has taken a second (never when piped).
struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
    shown: AtomicBool,
    enabled: bool,
}

impl Progress {
    fn new(len: u64, enabled: bool) -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})")
        {
            bar.set_style(style);
        }
        bar.set_message("robustness");
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
            enabled: enabled && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.enabled
            && self.start.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The per-unit results from the counts.
fn unit_results(
    model: &Model,
    nominal: &Run,
    tally: &Tally,
    moves: &[Vec<f64>],
    exact: bool,
) -> Vec<UnitResult> {
    let prob = |count: u64| Prob {
        p: if tally.runs == 0 {
            0.0
        } else {
            count as f64 / tally.runs as f64
        },
        count,
        runs: tally.runs,
        exact: exact.then(|| fraction(count, tally.runs)),
    };
    let probs = |counts: &[u64]| LevelProbs {
        levels: (0..=tally.n_levels)
            .filter(|&l| l > 0 || counts[0] > 0)
            .map(|l| (l as u8, prob(counts[l])))
            .collect(),
        none: prob(counts[tally.n_levels + 1]),
    };
    let n_sec = model.sections.len();
    (0..model.units.len())
        .map(|u| {
            let counts = &tally.index_levels[u];
            let mut ranks: Vec<u32> = tally.ranks[u].iter().copied().filter(|&r| r > 0).collect();
            ranks.sort_unstable();
            let most = (0..=tally.n_levels)
                .filter(|&l| counts[l] > 0)
                .max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))
                .map(|l| l as u8);
            let nl = nominal.index_level[u];
            let nominal_level = (nl != NONE).then_some(nl);
            UnitResult {
                unit: model.units[u].clone(),
                nominal_index: nominal_index(model, u),
                nominal_level,
                nominal_rank: (nominal.rank[u] > 0).then_some(nominal.rank[u]),
                index: probs(counts),
                sections: (0..n_sec)
                    .map(|s| probs(&tally.section_levels[u][s]))
                    .collect(),
                rank_median: nearest_rank(&ranks, 50),
                rank_p05: nearest_rank(&ranks, 5),
                rank_p95: nearest_rank(&ranks, 95),
                most_likely: most,
                flag: nominal_level.is_some() && most != nominal_level,
                holds: nominal_level.is_some_and(|l| counts[tally.slot(l)] == tally.runs),
                moved_by: moves[u].clone(),
            }
        })
        .collect()
}

/// The nominal index of unit `u`, as the survey displays it.
fn nominal_index(model: &Model, u: usize) -> Option<String> {
    let n_sec = model.sections.len();
    let row = &model.scores[nominal_combo(model)][u * n_sec..(u + 1) * n_sec];
    engine::index_value(row, &model.weights, model.min_sections)
        .map(|v| v.format(model.display, model.rounding))
}

/// The structural combination of the nominal picks.
fn nominal_combo(model: &Model) -> usize {
    let choice: Vec<usize> = engine::nominal(model)
        .iter()
        .map(|p| match p {
            Pick::Index(i) => *i,
            Pick::Value(_) => 0,
        })
        .collect();
    model.combo_of(&choice)
}

/// `count/runs` reduced.
fn fraction(count: u64, runs: u64) -> String {
    let g = num_integer::gcd(count, runs).max(1);
    format!("{}/{}", count / g, runs / g)
}
