//! Rendering an analysis: text for a terminal, Markdown, JSON (the documented schema of
//! [`super::result`]), HTML with charts, an Excel workbook; and the sample matrix as CSV.
//!
//! What people read speaks the ruleset's language through the message catalogue
//! (`robustness.ftl`); JSON keys and input names stay as the ruleset writes them.

mod html;
mod markdown;
mod text;
mod xlsx;

pub use html::html;
pub use markdown::markdown;
pub use text::text;
pub use xlsx::xlsx;

use super::analysis::Samples;
use super::result::{Analysis, LevelProbs, UnitResult};
use crate::hir::Program;
use crate::l10n::{Lang, Messages};
use std::io::Write;
use std::path::Path;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Md,
    Html,
    Xlsx,
}

/// The words of the ruleset a report uses, in the report's language.
pub struct Names {
    pub lang: Lang,
    pub msg: &'static Messages,
    /// Section titles, schema order.
    pub sections: Vec<String>,
    pub index: String,
    pub survey: String,
}

impl Names {
    pub fn new(p: &Program, lang: Lang) -> Names {
        Names {
            lang,
            msg: lang.messages(),
            sections: p
                .sections
                .iter()
                .map(|s| lang.pick(&s.lv, s.en.as_deref()).to_string())
                .collect(),
            index: p.index.title.clone(),
            survey: p.survey.name.clone(),
        }
    }

    /// A level as `3 (definēts)`.
    pub fn level(&self, a: &Analysis, level: Option<u8>) -> String {
        match level {
            None => self.msg.t("robust-no-index"),
            Some(l) => match a.levels.iter().find(|n| n.level == l) {
                Some(n) => format!("{l} ({})", n.name),
                None => l.to_string(),
            },
        }
    }

    /// A share as a percentage with the language's decimal mark: `97.5 %` / `97,5 %`.
    pub fn percent(&self, p: f64) -> String {
        let s = format!("{:.1}", p * 100.0);
        let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
        format!("{} %", self.lang.decimal(&s))
    }

    /// A Sobol index (3 decimals, the language's mark), `—` when undefined.
    pub fn index_value(&self, v: Option<f64>) -> String {
        match v {
            None => "—".into(),
            // an estimate that rounds to zero is written 0,000, not -0,000
            Some(x) if x.abs() < 5e-4 => self.lang.decimal("0.000"),
            Some(x) => self.lang.decimal(&format!("{:.3}", x)),
        }
    }
}

/// The probability of the nominal level of a unit.
pub fn nominal_probability(u: &UnitResult) -> f64 {
    level_probability(&u.index, u.nominal_level)
}

/// The probability of `level` (`None`: no index).
pub fn level_probability(p: &LevelProbs, level: Option<u8>) -> f64 {
    match level {
        None => p.none.p,
        Some(l) => p
            .levels
            .iter()
            .find(|(n, _)| *n == l)
            .map_or(0.0, |(_, pr)| pr.p),
    }
}

/// The units in order of nominal rank (units without an index last, by name).
pub fn by_rank(a: &Analysis) -> Vec<&UnitResult> {
    let mut v: Vec<&UnitResult> = a.units.iter().collect();
    v.sort_by(|x, y| {
        let key = |u: &UnitResult| u.nominal_rank.unwrap_or(u32::MAX);
        key(x).cmp(&key(y)).then(x.unit.cmp(&y.unit))
    });
    v
}

/// The inputs that move a unit's level, most first: (input name, probability), above 0.
pub fn movers<'a>(a: &'a Analysis, u: &UnitResult) -> Vec<(&'a str, f64)> {
    let mut v: Vec<(&str, f64)> = a
        .inputs
        .iter()
        .zip(&u.moved_by)
        .filter(|(_, p)| **p > 0.0)
        .map(|(i, p)| (i.name.as_str(), *p))
        .collect();
    v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
    v
}

/// The analysis as JSON (pretty, deterministic), with a closing newline.
pub fn json(a: &Analysis) -> String {
    let mut s =
        serde_json::to_string_pretty(a).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `--write-samples DIR`: the design matrix (`samples.csv`, x1..xd in [0, 1), exact decimals), one
/// file per output (`rank_shift.csv`, `level_change.csv`: a header, then one value per run in the
/// matrix's order) and `problem.json` (the inputs' names, N and the indices eindex found), for an
/// independent implementation: tests/python/salib_sobol.py reads them.
pub fn write_samples(dir: &Path, s: &Samples, a: &Analysis) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("samples.csv"))?);
    s.design.write_csv(&mut f)?;
    f.flush()?;
    for (name, ys) in [
        ("rank_shift", &s.rank_shift),
        ("level_change", &s.level_change),
    ] {
        let mut o =
            std::io::BufWriter::new(std::fs::File::create(dir.join(format!("{name}.csv")))?);
        writeln!(o, "{name}")?;
        for y in ys.iter() {
            // the shortest text that reads back as the same f64
            writeln!(o, "{y:?}")?;
        }
        o.flush()?;
    }
    let problem = serde_json::json!({
        "num_vars": a.inputs.len(),
        "names": a.inputs.iter().map(|i| i.name.clone()).collect::<Vec<_>>(),
        "bounds": a.inputs.iter().map(|_| [0.0, 1.0]).collect::<Vec<_>>(),
        "samples": s.design.n,
        "sensitivity": a.sensitivity,
    });
    std::fs::write(
        dir.join("problem.json"),
        serde_json::to_string_pretty(&problem).unwrap_or_default() + "\n",
    )
}
