//! The report's breakdowns replayed: `eindex report` on the bundled 2022 data, grouped by
//! municipality type, gives every overall and group answer share the 2022 report states
//! (`data/2022/shares.csv`, `data/2022/group-shares.csv`) within 5 percentage points, except the
//! rows `data/2022/infeasible.csv` lists with the reason (the report contradicts itself, or the
//! group is too small); and every listed row is indeed out of tolerance, so the list stays true.
//! A share the report's tables cannot print (any of several options of a multiple choice, a
//! pattern `a&!b`, a number of options `count=2`, "don't know") is computed from the answers
//! directly, with the report's base. The document figures of report 4.5.6
//! (`data/2022/documents.csv`) are recomputed from the answers (within 2% of a total, 2 points of
//! a share; counts exact), and so is every statement without a number of
//! `data/2022/directions.csv` (it must hold, exactly, unless its `cannot_hold` cell says why not;
//! then it must not). The table of every target, its published value and the data's is
//! docs/data-2022.md's (`EINDEX_WRITE_DOCS=1` rewrites it).

use crate::common;
use eindex::hir::Program;
use eindex::schema::QuestionKind;
use eindex::synth::{read_directions, read_shares, DirGroup, ShareRow, ShareWhat, Than};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TOLERANCE_PP: f64 = 5.0;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn program() -> Program {
    let rs = eindex::ruleset::load(&root().join("rules/2022")).expect("rules/2022 loads");
    rs.program.expect("a checked program")
}

/// One answers table of the report: (grouping, group) → the row's cells by column header.
type AnswersTable = BTreeMap<(String, String), BTreeMap<String, String>>;

/// The report's answers tables (CSV, one file per table), by question id.
fn report_tables() -> BTreeMap<String, AnswersTable> {
    let dir = common::temp_dir("replay");
    let out = dir.path().join("report");
    let out_s = out.display().to_string();
    common::eindex(&[
        "report",
        "rules/2022",
        "data/2022/synthetic-submissions-2022.csv",
        "--by",
        "type",
        "--format",
        "csv",
        "-o",
        &out_s,
    ])
    .ok();
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(&out).expect("the report folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(qid) = name.strip_prefix("answers_") else {
            continue;
        };
        let mut rd = csv::Reader::from_path(&path).expect("a CSV table");
        let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        let mut t = AnswersTable::new();
        for rec in rd.records() {
            let rec = rec.unwrap();
            let cells: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect();
            t.insert((rec[0].to_string(), rec[1].to_string()), cells);
        }
        tables.insert(qid.to_string(), t);
    }
    tables
}

/// The report row a share row is about: the overall row, or the row of the group's label.
fn row_key(p: &Program, r: &ShareRow) -> (String, String) {
    match &r.group {
        None => (String::new(), "Kopā".into()),
        Some(g) => {
            let field = &p.schema.meta[g.meta];
            let label = field
                .kind
                .options()
                .iter()
                .find(|o| o.id == g.value)
                .map_or(g.value.clone(), |o| o.lv.clone());
            (field.lv.clone(), label)
        }
    }
}

/// What the report prints for a share row, in percent; `None` with the reason when its tables
/// cannot show it (an "any of" share of a multiple choice, a "don't know" share, a group the
/// report was not grouped by).
fn printed(p: &Program, t: &AnswersTable, r: &ShareRow) -> Result<f64, String> {
    let key = row_key(p, r);
    let row = t
        .get(&key)
        .ok_or_else(|| format!("no row {key:?} in the report's table"))?;
    let q = &p.schema.questions[r.slot];
    let cell = |label: &str| -> Result<f64, String> {
        let h = format!("{label} (%)");
        row.get(&h)
            .ok_or_else(|| format!("no column `{h}`"))?
            .parse::<f64>()
            .map_err(|e| format!("column `{h}`: {e}"))
    };
    match (r.what, &q.kind) {
        (ShareWhat::Yes, _) => cell("Jā"),
        (ShareWhat::No, _) => cell("Nē"),
        (ShareWhat::DontKnow, _) => Err("the report's base leaves \"don't know\" out".into()),
        (ShareWhat::Options(m), QuestionKind::Multi(_)) if m.count_ones() > 1 => {
            Err("\"any of\" several options: the report prints each option".into())
        }
        (ShareWhat::Pattern { .. }, _) => Err("a pattern: the report prints each option".into()),
        (ShareWhat::Count { .. }, _) => {
            Err("a number of options: the report prints each option".into())
        }
        (ShareWhat::Options(m), k) => {
            // options of a single choice exclude each other: an "any of" share is their sum
            let mut sum = 0.0;
            for (i, o) in k.options().iter().enumerate() {
                if m & (1u128 << i) != 0 {
                    sum += cell(&o.lv)?;
                }
            }
            Ok(sum)
        }
    }
}

/// `question,option,group` keys of the rows listed as infeasible, with their reasons.
fn infeasible() -> BTreeMap<String, String> {
    let mut rd = csv::Reader::from_path(root().join("data/2022/infeasible.csv")).unwrap();
    let h: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(h, ["question", "option", "group", "reason"]);
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            (format!("{} {} [{}]", &r[0], &r[1], &r[2]), r[3].to_string())
        })
        .collect()
}

fn key(p: &Program, r: &ShareRow) -> String {
    let q = &p.schema.questions[r.slot].id;
    let opt = r.label.split_whitespace().nth(1).unwrap_or_default();
    let group = r.group.as_ref().map_or(String::new(), |g| {
        format!("{}={}", p.schema.meta[g.meta].id, g.value)
    });
    format!("{q} {opt} [{group}]")
}

/// One target compared: what it is, the published value, the data's, and how it stands.
struct Line {
    target: String,
    group: String,
    published: String,
    data: String,
    /// Deviation in the target's terms (points of a share, percent of a total, units).
    dev: f64,
    verdict: Verdict,
    /// How the data's value was found, when not by the report's tables.
    note: Option<String>,
}

#[derive(PartialEq)]
enum Verdict {
    Within,
    Off,
    /// Listed in infeasible.csv (with its reason) and off.
    Infeasible(String),
    /// Listed but within tolerance now.
    ListedButWithin,
}

fn group_text(p: &Program, r: &ShareRow) -> String {
    r.group.as_ref().map_or("all".into(), |g| {
        format!("{}={}", p.schema.meta[g.meta].id, g.value)
    })
}

/// Every share row against the report's output (or, where its tables do not print the share,
/// against the answers).
fn share_lines(p: &Program) -> (Vec<Line>, Vec<String>) {
    let files = [
        root().join("data/2022/shares.csv"),
        root().join("data/2022/group-shares.csv"),
    ];
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let rows = read_shares(&paths, &p.schema).expect("the share files are valid");
    assert!(rows.len() > 250, "{} share rows", rows.len());
    assert!(rows.iter().filter(|r| r.group.is_some()).count() > 130);
    let tables = report_tables();
    let data = bundled();
    let listed = infeasible();
    let mut seen = Vec::new();
    let mut lines = Vec::new();
    for r in &rows {
        let k = key(p, r);
        let q = &p.schema.questions[r.slot].id;
        let t = tables
            .get(q)
            .unwrap_or_else(|| panic!("the report has no answers table for {q}"));
        let (value, note) = match printed(p, t, r) {
            Ok(v) => (v, None),
            Err(why) => {
                let units: Vec<&Unit> = data
                    .iter()
                    .filter(|u| r.group.as_ref().is_none_or(|g| in_group(p, u, g, false)))
                    .collect();
                let (k, n) = tally(p, &units, r.slot, r.what);
                assert!(n > 0, "no unit answers {}", r.label);
                let v = 100.0 * k as f64 / n as f64;
                (v, Some(format!("from the answers, {k} of {n} ({why})")))
            }
        };
        let dev = value - 100.0 * r.share;
        let verdict = match (dev.abs() > TOLERANCE_PP, listed.get(&k)) {
            (true, None) => Verdict::Off,
            (false, Some(_)) => Verdict::ListedButWithin,
            (true, Some(why)) => {
                seen.push(k.clone());
                Verdict::Infeasible(why.clone())
            }
            (false, None) => Verdict::Within,
        };
        lines.push(Line {
            target: format!("`{}`", r.label.split(" [").next().unwrap_or_default()),
            group: group_text(p, r),
            published: format!("{:.0}%", 100.0 * r.share),
            data: format!("{value:.1}%"),
            dev,
            verdict,
            note,
        });
    }
    let unknown = listed.into_keys().filter(|k| !seen.contains(k)).collect();
    (lines, unknown)
}

/// One unit of the bundled data: its cells by column.
type Unit = BTreeMap<String, String>;

/// Whether a unit is in a group (`negate`: in every other unit).
fn in_group(p: &Program, u: &Unit, g: &eindex::synth::ShareGroup, negate: bool) -> bool {
    (u[&p.schema.meta[g.meta].id] == g.value) != negate
}

/// Whether a unit's answer gives what `what` counts, read from its CSV cell; `None` when the
/// unit is not in the base (not asked, not answering, "not applicable"; "don't know" except for
/// a `dont_know` share), as in the report's tables.
fn counted(p: &Program, slot: usize, what: ShareWhat, cell: &str) -> Option<bool> {
    let tokens = &p.schema.tokens;
    if cell.is_empty() || tokens.not_applicable.iter().any(|t| t == cell) {
        return None;
    }
    let dk = tokens.dont_know.iter().any(|t| t == cell);
    match what {
        ShareWhat::DontKnow => return Some(dk),
        _ if dk => return None,
        ShareWhat::Yes => return Some(cell == "yes"),
        ShareWhat::No => return Some(cell == "no"),
        _ => {}
    }
    let q = &p.schema.questions[slot];
    let opts = q.kind.options();
    let selected: Vec<usize> = cell
        .split('|')
        .map(|c| {
            opts.iter()
                .position(|o| o.id == c)
                .unwrap_or_else(|| panic!("`{c}` is not an option of {}", q.id))
        })
        .collect();
    let bit = |m: u128, i: usize| m & (1u128 << i) != 0;
    Some(match what {
        ShareWhat::Options(m) => selected.iter().any(|&i| bit(m, i)),
        ShareWhat::Pattern { all, not } => {
            (0..opts.len()).all(|i| !bit(all, i) || selected.contains(&i))
                && !selected.iter().any(|&i| bit(not, i))
        }
        ShareWhat::Count { of, min, max } => {
            let c = selected.iter().filter(|&&i| bit(of, i)).count() as u32;
            (min..=max).contains(&c)
        }
        _ => unreachable!("handled above"),
    })
}

/// `(k, n)`: of the units in the base (`n`), those whose answer counts (`k`).
fn tally(p: &Program, units: &[&Unit], slot: usize, what: ShareWhat) -> (usize, usize) {
    let q = &p.schema.questions[slot].id;
    units
        .iter()
        .filter_map(|u| counted(p, slot, what, &u[q]))
        .fold((0, 0), |(k, n), c| (k + usize::from(c), n + 1))
}

/// Every direction of directions.csv against the answers: it holds (exactly), or its
/// `cannot_hold` cell says why not and it does not.
fn direction_lines(p: &Program) -> Vec<Line> {
    let path = root().join("data/2022/directions.csv");
    let dirs = read_directions(&path, &p.schema).expect("directions.csv is valid");
    let mut rd = csv::Reader::from_path(&path).unwrap();
    let h: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        h,
        [
            "question",
            "option",
            "group",
            "relation",
            "than",
            "note",
            "cannot_hold"
        ]
    );
    let cannot: BTreeMap<u64, String> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r.position().unwrap().line(), r[6].to_string())
        })
        .collect();
    let data = bundled();
    let side = |g: &Option<DirGroup>, slot: usize, what: ShareWhat| {
        let units: Vec<&Unit> = data
            .iter()
            .filter(|u| {
                g.as_ref()
                    .is_none_or(|g| in_group(p, u, &g.group, g.negate))
            })
            .collect();
        tally(p, &units, slot, what)
    };
    let pct = |(k, n): (usize, usize)| format!("{:.1}% ({k} of {n})", 100.0 * k as f64 / n as f64);
    let mut lines = Vec::new();
    for d in &dirs {
        let (k, n) = side(&d.group, d.slot, d.what);
        assert!(n > 0, "no unit of {} answers", d.label);
        let (holds, than_text, than_value) = match &d.than {
            Than::Group(g) => {
                let (k2, n2) = side(g, d.slot, d.what);
                assert!(n2 > 0, "no unit of the `than` group of {} answers", d.label);
                let v = 100.0 * k2 as f64 / n2 as f64;
                (d.relation.holds(k * n2, k2 * n), pct((k2, n2)), v)
            }
            Than::Share(x) => {
                let scaled = (x * 1e6).round() as usize;
                let holds = d.relation.holds(k * 1_000_000, scaled * n);
                (holds, format!("{:.0}%", 100.0 * x), 100.0 * x)
            }
        };
        let why = cannot.get(&d.row).filter(|w| !w.is_empty());
        let verdict = match (holds, why) {
            (true, None) => Verdict::Within,
            (true, Some(_)) => Verdict::ListedButWithin,
            (false, None) => Verdict::Off,
            (false, Some(w)) => Verdict::Infeasible(w.clone()),
        };
        let mut parts = d.label.splitn(3, ' ');
        let (q, opt) = (parts.next().unwrap(), parts.next().unwrap());
        let than = d.label.rsplit(' ').next().unwrap();
        lines.push(Line {
            target: format!("`{q} {opt}`"),
            group: d
                .label
                .split('[')
                .nth(1)
                .and_then(|g| g.split(']').next())
                .unwrap()
                .into(),
            published: format!("{} {than}", d.relation.symbol()),
            data: format!("{} vs {than_text}", pct((k, n))),
            dev: 100.0 * k as f64 / n as f64 - than_value,
            verdict,
            note: None,
        });
    }
    lines
}

/// The bundled answers: per unit, its metadata and answers by column.
fn bundled() -> Vec<Unit> {
    let mut rd =
        csv::Reader::from_path(root().join("data/2022/synthetic-submissions-2022.csv")).unwrap();
    let h: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    rd.records()
        .map(|r| {
            h.iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// A measure of documents.csv recomputed from the answers: (value, its text).
fn measure(units: &[&BTreeMap<String, String>], m: &str) -> (f64, String) {
    let num = |u: &BTreeMap<String, String>, q: &str| u[q].parse::<f64>().ok();
    let (name, args) = m.trim_end_matches(')').split_once('(').expect("a measure");
    let args: Vec<&str> = args.split(',').map(str::trim).collect();
    match name {
        "sum" => {
            let v: f64 = units.iter().filter_map(|u| num(u, args[0])).sum();
            (v, format!("{v:.0}"))
        }
        "ratio" => {
            let both: Vec<(f64, f64)> = units
                .iter()
                .filter_map(|u| Some((num(u, args[0])?, num(u, args[1])?)))
                .collect();
            let v = both.iter().map(|x| x.0).sum::<f64>() / both.iter().map(|x| x.1).sum::<f64>();
            (v, format!("{:.1}%", 100.0 * v))
        }
        "missing_any" | "missing_all" => {
            let missing = |u: &&&BTreeMap<String, String>| {
                let mut it = args.iter().map(|q| num(u, q).is_none());
                if name == "missing_any" {
                    it.any(|x| x)
                } else {
                    it.all(|x| x)
                }
            };
            let v = units.iter().filter(missing).count() as f64;
            (v, format!("{v:.0}"))
        }
        _ => panic!("unknown measure {m}"),
    }
}

/// Every figure of documents.csv against the answers.
fn figure_lines() -> Vec<Line> {
    let data = bundled();
    let mut rd = csv::Reader::from_path(root().join("data/2022/documents.csv")).unwrap();
    let mut lines = Vec::new();
    for r in rd.records() {
        let r = r.unwrap();
        let (m, g, v) = (&r[0], &r[1], r[2].replace(' ', ""));
        let units: Vec<&BTreeMap<String, String>> = data
            .iter()
            .filter(|u| match g.split_once('=') {
                None => true,
                Some(("unit", name)) => u["unit"] == name,
                Some((field, value)) => u[field] == value,
            })
            .collect();
        assert!(!units.is_empty(), "no unit in group {g}");
        let (value, text) = measure(&units, m);
        let (dev, ok) = match v.strip_suffix('%') {
            Some(pct) => {
                let d = 100.0 * value - pct.parse::<f64>().unwrap();
                (d, d.abs() <= 2.0)
            }
            None if m.starts_with("sum") => {
                let d = 100.0 * (value / v.parse::<f64>().unwrap() - 1.0);
                (d, d.abs() <= 2.0)
            }
            None => {
                let d = value - v.parse::<f64>().unwrap();
                (d, d == 0.0)
            }
        };
        lines.push(Line {
            target: format!("`{m}`"),
            group: if g.is_empty() {
                "all".into()
            } else {
                g.to_string()
            },
            published: v.clone(),
            data: text,
            dev,
            verdict: if ok { Verdict::Within } else { Verdict::Off },
            note: None,
        });
    }
    lines
}

/// The rows of one table; `within` names the verdict of a target met.
fn table_rows(lines: &[Line], within: &str) -> String {
    let mut out = String::new();
    for l in lines {
        let status = match &l.verdict {
            Verdict::Within => within.to_string(),
            Verdict::Off => "**OFF**".to_string(),
            Verdict::Infeasible(why) => format!("infeasible: {why}"),
            Verdict::ListedButWithin => format!("{within} (listed as infeasible)"),
        };
        let status = match &l.note {
            Some(n) => format!("{status}; {n}"),
            None => status,
        };
        let dev = format!("{:+.1}", l.dev);
        let cells = [&l.target, &l.group, &l.published, &l.data, &dev, &status];
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The generated part of docs/data-2022.md.
fn docs_table(shares: &[Line], figures: &[Line], directions: &[Line]) -> String {
    let count = |ls: &[Line], v: fn(&Verdict) -> bool| ls.iter().filter(|l| v(&l.verdict)).count();
    let from_answers = shares.iter().filter(|l| l.note.is_some()).count();
    format!(
        "Answer shares ({} rows; {} within {TOLERANCE_PP} points, {} infeasible; {from_answers} of them computed from the answers because the report's tables do not print them; deviation in points):\n\n\
         | target | group | published | data | deviation | status |\n| --- | --- | --- | --- | --- | --- |\n{}\n\
         Document figures of report 4.5.6 ({} rows, {} within 2% of a total or 2 points of a share, counts exact; deviation in percent of a total, points of a share, units of a count):\n\n\
         | target | group | published | data | deviation | status |\n| --- | --- | --- | --- | --- | --- |\n{}\n\
         Statements without a number (`directions.csv`: {} rows, {} hold, {} cannot hold; difference in points):\n\n\
         | target | group | relation | data | difference | status |\n| --- | --- | --- | --- | --- | --- |\n{}",
        shares.len(),
        count(shares, |v| *v == Verdict::Within),
        count(shares, |v| matches!(v, Verdict::Infeasible(_))),
        table_rows(shares, "within"),
        figures.len(),
        count(figures, |v| *v == Verdict::Within),
        table_rows(figures, "within"),
        directions.len(),
        count(directions, |v| *v == Verdict::Within),
        count(directions, |v| matches!(v, Verdict::Infeasible(_))),
        table_rows(directions, "holds"),
    )
}

#[test]
fn the_report_replays_the_published_figures() {
    let p = program();
    let (shares, unknown) = share_lines(&p);
    let figures = figure_lines();
    let directions = direction_lines(&p);
    let list = |v: fn(&Verdict) -> bool, ls: &[Line]| -> Vec<String> {
        ls.iter()
            .filter(|l| v(&l.verdict))
            .map(|l| {
                format!(
                    "{} [{}]: published {}, data {}",
                    l.target, l.group, l.published, l.data
                )
            })
            .collect()
    };
    let from_answers = shares.iter().filter(|l| l.note.is_some()).count();
    assert!(
        (6..40).contains(&from_answers),
        "{from_answers} shares computed from the answers"
    );
    let off = list(|v| *v == Verdict::Off, &shares);
    assert!(
        off.is_empty(),
        "shares more than {TOLERANCE_PP} points from the published value, not listed in data/2022/infeasible.csv:\n{}",
        off.join("\n")
    );
    let listed_ok = list(|v| *v == Verdict::ListedButWithin, &shares);
    assert!(
        listed_ok.is_empty(),
        "rows listed in data/2022/infeasible.csv that are within {TOLERANCE_PP} points now (remove them):\n{}",
        listed_ok.join("\n")
    );
    assert!(
        unknown.is_empty(),
        "rows of data/2022/infeasible.csv that match no share row: {unknown:?}"
    );
    assert!(figures.len() >= 20, "{} figures", figures.len());
    let off = list(|v| *v == Verdict::Off, &figures);
    assert!(
        off.is_empty(),
        "document figures out of tolerance:\n{}",
        off.join("\n")
    );
    assert!(directions.len() >= 10, "{} directions", directions.len());
    let off = list(|v| *v == Verdict::Off, &directions);
    assert!(
        off.is_empty(),
        "statements of data/2022/directions.csv that do not hold (give the reason in `cannot_hold`, or regenerate):\n{}",
        off.join("\n")
    );
    let listed_ok = list(|v| *v == Verdict::ListedButWithin, &directions);
    assert!(
        listed_ok.is_empty(),
        "statements of data/2022/directions.csv that hold although `cannot_hold` says why not (clear it):\n{}",
        listed_ok.join("\n")
    );
    // the table in docs/data-2022.md is this one
    let doc_path = root().join("docs/data-2022.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let (begin, end) = ("<!-- replay:begin -->\n", "<!-- replay:end -->");
    let a = doc
        .find(begin)
        .expect("docs/data-2022.md has the replay markers")
        + begin.len();
    let b = doc
        .find(end)
        .expect("docs/data-2022.md has the replay end marker");
    let table = docs_table(&shares, &figures, &directions);
    if std::env::var_os("EINDEX_WRITE_DOCS").is_some() {
        std::fs::write(&doc_path, format!("{}{table}{}", &doc[..a], &doc[b..])).unwrap();
    } else {
        assert!(
            doc[a..b] == table,
            "docs/data-2022.md's replay table is out of date: run `EINDEX_WRITE_DOCS=1 cargo test --test it replay_2022` and review the diff"
        );
    }
}
