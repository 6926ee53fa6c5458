//! Renderers of evaluation results: a terminal table (`table.rs`), CSV, JSON (and JSON Lines)
//! with the full per-rule trace or without it (`json.rs`), and an Excel workbook of the CSV's
//! columns.

pub mod dialect;
mod json;
mod table;
mod xlsx;

pub use json::{
    write_json, write_json_header, write_json_unit, write_jsonl, write_jsonl_unit,
    JSON_SCHEMA_VERSION,
};
pub use table::{table, TableRows, TABLE_BLOCK};
pub use xlsx::{results_row, write_xlsx, XlsxCell};

use crate::eval::{EvalError, IndexOutcome, SectionMissing, UnitOutcome};
use crate::hir::{Level, MissingState, Program};
use crate::input::Unit;
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;
use dialect::CsvDialect;
use std::io::{self, Write};

/// One evaluated (or not evaluable) unit.
pub struct UnitResult<'a> {
    pub unit: &'a Unit,
    pub outcome: Result<UnitOutcome, EvalError>,
}

/// A score as displayed (the survey's `display` decimals).
pub fn fmt_score(p: &Program, v: Num) -> String {
    v.format(p.survey.display, p.survey.rounding)
}

pub fn level_name(p: &Program, level: u8) -> &str {
    if level == 0 {
        p.zero_level.as_ref().map_or("", |l| l.lv.as_str())
    } else {
        p.levels
            .get(level as usize - 1)
            .map_or("", |l| l.lv.as_str())
    }
}

/// How the outputs people read are written: the language of level names and frame words
/// (`--lang`) and the CSV dialect (`--csv-dialect`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub lang: Lang,
    pub dialect: CsvDialect,
}

impl Style {
    /// The standard CSV dialect, in `lang`.
    pub fn lang(lang: Lang) -> Style {
        Style {
            lang,
            dialect: CsvDialect::Standard,
        }
    }
}

/// Every level the ruleset declares, level 0 first when it declares one.
pub fn declared_levels(p: &Program) -> impl Iterator<Item = &Level> {
    p.zero_level.iter().chain(&p.levels)
}

/// The name of `level` in `lang` (the Latvian name when the ruleset gives no English one); empty
/// for a level the ruleset does not declare.
pub fn level_name_in(p: &Program, level: u8, lang: Lang) -> &str {
    declared_levels(p)
        .find(|l| l.number == level)
        .map_or("", |l| lang.pick(&l.lv, l.en.as_deref()))
}

/// A level as people read it: `2 intuitīvs` (the number alone when the level has no name).
pub fn level_label(p: &Program, level: u8, lang: Lang) -> String {
    let name = level_name_in(p, level, lang);
    if name.is_empty() || name == level.to_string() {
        level.to_string()
    } else {
        format!("{level} {name}")
    }
}

/// The title of section `s` in `lang`.
pub fn section_title(p: &Program, s: usize, lang: Lang) -> &str {
    let sec = &p.sections[s];
    lang.pick(&sec.lv, sec.en.as_deref())
}

/// The status of a unit for people, in `lang`: empty when evaluated, else why not (the sections
/// missing by their titles).
pub fn status_words(p: &Program, o: &Result<UnitOutcome, EvalError>, lang: Lang) -> String {
    let m = lang.messages();
    match o {
        Err(e) => m.f(
            "eval-table-rejected",
            &[("reason", Arg::Str(&e.to_string()))],
        ),
        Ok(o) => match &o.index {
            IndexOutcome::Computed { .. } => String::new(),
            IndexOutcome::NotComputable {
                sections,
                required,
                missing,
            } => {
                let names: Vec<&str> = missing.iter().map(|&s| section_title(p, s, lang)).collect();
                m.f(
                    "eval-table-not-computable",
                    &[
                        ("sections", Arg::from(*sections)),
                        ("total", Arg::from(p.sections.len())),
                        ("required", Arg::from(*required)),
                        ("missing", Arg::Str(&names.join(", "))),
                    ],
                )
            }
        },
    }
}

/// Why a section has no score, in words.
pub fn section_missing_text(m: &SectionMissing) -> &'static str {
    match m {
        SectionMissing::NoAnswers => "no answers in this section",
        SectionMissing::NotApplicable => "section not applicable (its `applicable if` is false)",
        SectionMissing::AllExcluded => "every rule of the section was excluded",
    }
}

/// The status column: `evaluated`, or why not.
pub fn status_text(p: &Program, o: &Result<UnitOutcome, EvalError>) -> String {
    match o {
        Err(e) => format!("rejected: {e}"),
        Ok(o) => match &o.index {
            IndexOutcome::Computed { .. } => "evaluated".to_string(),
            IndexOutcome::NotComputable {
                sections,
                required,
                missing,
            } => {
                let names: Vec<&str> = missing.iter().map(|&s| p.sections[s].id.as_str()).collect();
                format!(
                    "not computable: {sections} of {} sections, at least {required} needed (missing: {})",
                    p.sections.len(),
                    names.join(", ")
                )
            }
        },
    }
}

/// A value as text: option id, `yes`/`no`, number, or the missing state.
pub fn value_text(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match v {
        Value::Missing(m) => m.as_str().to_string(),
        Value::Num(n) => n.to_string(),
        Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
        Value::Choice(i) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(|| i.to_string(), |o| o.id.clone()),
        Value::Multi(m) => {
            let opts = q.kind.options();
            let ids: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].id.as_str())
                .collect();
            ids.join("|")
        }
        Value::Text => "(text)".to_string(),
    }
}

/// The Latvian label of an answer (option labels), for explanations.
pub fn value_label(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match (v, &q.kind) {
        (Value::Choice(i), _) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(String::new, |o| o.lv.clone()),
        (Value::Multi(m), _) => {
            let opts = q.kind.options();
            let l: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].lv.as_str())
                .collect();
            l.join("; ")
        }
        (Value::Bool(b), QuestionKind::YesNo) => if b { "Jā" } else { "Nē" }.to_string(),
        (Value::Missing(MissingState::NotAsked), _) => "(nav jautāts / not asked)".to_string(),
        _ => value_text(p, slot, v),
    }
}

/// CSV: one row per unit, the columns of `eval --format csv` (with the level names in
/// `style.lang`, written in `style.dialect`).
pub fn write_csv(
    p: &Program,
    results: &[UnitResult<'_>],
    style: Style,
    w: &mut dyn Write,
) -> io::Result<()> {
    write_rows(CsvRows::with_style(CsvKind::Scores, style), p, results, w)
}

fn write_rows(
    mut rows: CsvRows,
    p: &Program,
    results: &[UnitResult<'_>],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(1 << 16);
    rows.header(p, &mut buf);
    for r in results {
        rows.row(p, &r.unit.id, &r.outcome, &mut buf);
        if buf.len() >= 1 << 16 {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    w.write_all(&buf)?;
    w.flush()
}

/// The columns of a CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvKind {
    /// `eval --format csv`: unit, each section's score and level (and, with a language, the
    /// level's name), index, index level (and its name), sections used, status.
    Scores,
    /// `eval --format bench`: the benchmark model's output (docs/performance.md): unit, each
    /// section's points (also without a score), each section's score with 6 decimals, the index
    /// with 6 decimals, each section's level, the index level; empty when there is none.
    Bench,
}

/// Writes CSV rows one unit at a time (for streaming), straight into the output buffer.
pub struct CsvRows {
    kind: CsvKind,
    /// The language of the level-name columns (`None`: no such columns).
    names: Option<Lang>,
    dialect: CsvDialect,
}

/// `fmt::Write` into a byte buffer.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// One CSV record being written straight into the output, as the `csv` crate's writer writes it
/// with the dialect's delimiter: fields separated by it, a field with the delimiter, `"`, CR or
/// LF in double quotes (`"` doubled), LF at the end. Only text fields are scanned for those
/// bytes: numbers never hold them (a decimal comma is only written with the `;` delimiter).
struct Record<'o> {
    out: &'o mut Vec<u8>,
    /// Where the record starts in `out`.
    start: usize,
    /// Fields written so far.
    fields: usize,
    delimiter: u8,
    /// Decimal commas (`excel-lv`).
    comma: bool,
}

impl<'o> Record<'o> {
    fn new(out: &'o mut Vec<u8>, dialect: CsvDialect) -> Self {
        let start = out.len();
        Record {
            out,
            start,
            fields: 0,
            delimiter: dialect.delimiter(),
            comma: dialect == CsvDialect::ExcelLv,
        }
    }

    /// Starts a field.
    fn field(&mut self) -> &mut Vec<u8> {
        if self.fields > 0 {
            self.out.push(self.delimiter);
        }
        self.fields += 1;
        self.out
    }

    fn text(&mut self, s: &str) {
        let d = self.delimiter;
        let out = self.field();
        if s.bytes()
            .any(|b| b == d || matches!(b, b'"' | b'\r' | b'\n'))
        {
            out.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(s.as_bytes());
        }
    }

    fn empty(&mut self, n: usize) {
        for _ in 0..n {
            self.field();
        }
    }

    /// Replaces the decimal point of the number written from `from` with a comma (`excel-lv`).
    fn decimal_mark(&mut self, from: usize) {
        if self.comma {
            for b in &mut self.out[from..] {
                if *b == b'.' {
                    *b = b',';
                }
            }
        }
    }

    fn fixed(&mut self, v: Num, decimals: u32, p: &Program) {
        let rounding = p.survey.rounding;
        let out = self.field();
        let from = out.len();
        v.push_fixed(decimals, rounding, out);
        self.decimal_mark(from);
    }

    fn display(&mut self, v: Num) {
        let out = self.field();
        let from = out.len();
        match u64::try_from(v.numer()) {
            Ok(n) if v.is_integer() => crate::num::push_u64(out, n),
            _ => {
                use std::fmt::Write as _;
                let _ = write!(Bytes(out), "{v}");
            }
        }
        self.decimal_mark(from);
    }

    fn int(&mut self, n: usize) {
        crate::num::push_u64(self.field(), n as u64);
    }

    /// Ends the record.
    fn end(self) {
        if self.fields == 1 && self.out.len() == self.start {
            // a record of one empty field is written as `""`
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
    }
}

impl CsvRows {
    /// The machine columns only (no level names), standard CSV.
    pub fn new(kind: CsvKind) -> Self {
        CsvRows {
            kind,
            names: None,
            dialect: CsvDialect::Standard,
        }
    }

    /// `eval`'s CSV: the level names in `style.lang` next to the levels (`Scores`; the benchmark
    /// format has none), written in `style.dialect`.
    pub fn with_style(kind: CsvKind, style: Style) -> Self {
        CsvRows {
            kind,
            names: (kind == CsvKind::Scores).then_some(style.lang),
            dialect: style.dialect,
        }
    }

    /// The header row (after the dialect's byte-order mark, if any).
    pub fn header(&mut self, p: &Program, out: &mut Vec<u8>) {
        out.extend_from_slice(self.dialect.preamble().as_bytes());
        let mut r = Record::new(out, self.dialect);
        match self.kind {
            CsvKind::Scores => {
                for c in score_columns(p, self.names.is_some()) {
                    r.text(&c);
                }
            }
            CsvKind::Bench => {
                r.text(&p.schema.unit_column);
                for suffix in ["pts", "pct"] {
                    for s in &p.sections {
                        r.text(&format!("{}_{suffix}", s.id));
                    }
                }
                r.text("total");
                for s in &p.sections {
                    r.text(&format!("{}_lvl", s.id));
                }
                r.text("total_lvl");
            }
        }
        r.end()
    }

    /// One unit's row.
    pub fn row(
        &mut self,
        p: &Program,
        unit: &str,
        outcome: &Result<UnitOutcome, EvalError>,
        out: &mut Vec<u8>,
    ) {
        let mut r = Record::new(out, self.dialect);
        r.text(unit);
        let n = p.sections.len();
        let names = self.names;
        let per_level = 1 + usize::from(names.is_some());
        let level = |r: &mut Record, l: u8| {
            r.int(l as usize);
            if let Some(lang) = names {
                r.text(level_name_in(p, l, lang));
            }
        };
        match (self.kind, outcome) {
            (CsvKind::Scores, Ok(o)) => {
                for s in &o.sections {
                    match s {
                        Ok(s) => {
                            r.fixed(s.score, p.survey.display, p);
                            level(&mut r, s.level);
                        }
                        Err(_) => r.empty(1 + per_level),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed {
                        value, level: l, ..
                    } => {
                        r.fixed(*value, p.survey.display, p);
                        level(&mut r, *l);
                    }
                    IndexOutcome::NotComputable { .. } => r.empty(1 + per_level),
                }
                r.int(o.section_count());
                match &o.index {
                    IndexOutcome::Computed { .. } => r.text("evaluated"),
                    _ => r.text(&status_text(p, outcome)),
                }
            }
            (CsvKind::Scores, Err(_)) => {
                r.empty((1 + per_level) * (n + 1) + 1);
                r.text(&status_text(p, outcome));
            }
            (CsvKind::Bench, Ok(o)) => {
                for pts in &o.section_points {
                    match pts {
                        Some(v) => r.display(*v),
                        None => r.empty(1),
                    }
                }
                for s in &o.sections {
                    match s {
                        Ok(s) => r.fixed(s.score, 6, p),
                        Err(_) => r.empty(1),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed { value, .. } => r.fixed(*value, 6, p),
                    IndexOutcome::NotComputable { .. } => r.empty(1),
                }
                for s in &o.sections {
                    match s {
                        Ok(s) => r.int(s.level as usize),
                        Err(_) => r.empty(1),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed { level, .. } => r.int(*level as usize),
                    IndexOutcome::NotComputable { .. } => r.empty(1),
                }
            }
            (CsvKind::Bench, Err(_)) => r.empty(3 * n + 2),
        }
        r.end()
    }
}

/// The columns of `eval --format csv` (machine ids, in English whatever the language): unit,
/// each section's `_score`, `_level` (and `_level_name`), `index`, `index_level` (and
/// `index_level_name`), `sections_used`, `status`.
pub fn score_columns(p: &Program, names: bool) -> Vec<String> {
    let mut columns = vec!["unit".to_string()];
    let level = |prefix: &str, columns: &mut Vec<String>| {
        columns.push(format!("{prefix}level"));
        if names {
            columns.push(format!("{prefix}level_name"));
        }
    };
    for s in &p.sections {
        columns.push(format!("{}_score", s.id));
        level(&format!("{}_", s.id), &mut columns);
    }
    columns.push("index".to_string());
    level("index_", &mut columns);
    columns.extend(["sections_used", "status"].map(String::from));
    columns
}

/// `eval --format bench`: see [`CsvKind::Bench`].
pub fn write_bench(p: &Program, results: &[UnitResult<'_>], w: &mut dyn Write) -> io::Result<()> {
    write_rows(CsvRows::new(CsvKind::Bench), p, results, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Evaluator;
    use crate::value::Value;

    /// A row is written as the `csv` crate's writer writes the same fields: unit ids that need
    /// quotes get them (numbers never need them, so only text fields are scanned).
    #[test]
    fn csv_rows_quote_as_the_csv_writer() {
        let p = crate::ruleset::load(std::path::Path::new("bench/model-150"))
            .expect("loads")
            .program
            .expect("checks");
        let plan = crate::plan::lower(&p);
        let mut ev = Evaluator::new(&plan);
        let mut answers = vec![Value::UNANSWERED; plan.n_slots];
        answers[0] = Value::Choice(3);
        let outcome = ev.eval(&answers);
        let styles = [
            None,
            Some(Style::lang(Lang::En)),
            Some(Style {
                lang: Lang::Lv,
                dialect: CsvDialect::ExcelLv,
            }),
        ];
        for (kind, style) in [CsvKind::Scores, CsvKind::Bench]
            .into_iter()
            .flat_map(|k| styles.map(|s| (k, s)))
        {
            let mut rows = match style {
                Some(s) => CsvRows::with_style(kind, s),
                None => CsvRows::new(kind),
            };
            let dialect = style.map_or(CsvDialect::Standard, |s| s.dialect);
            for id in [
                "plain",
                "a,b",
                "a;b",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "Jēkabpils",
                "",
            ] {
                let mut out = Vec::new();
                rows.row(&p, id, &outcome, &mut out);
                let mut rdr = ::csv::ReaderBuilder::new()
                    .has_headers(false)
                    .delimiter(dialect.delimiter())
                    .from_reader(out.as_slice());
                let rec = rdr.records().next().expect("a row").expect("valid CSV");
                assert_eq!(&rec[0], id);
                let mut w = dialect.builder().from_writer(Vec::new());
                w.write_record(&rec).expect("writes");
                assert_eq!(
                    String::from_utf8_lossy(&w.into_inner().expect("flushes")),
                    String::from_utf8_lossy(&out),
                    "{id:?}"
                );
            }
        }
    }

    /// `eval`'s CSV: a level-name column after each level, in the language; `excel-lv` starts
    /// with a byte-order mark and writes `;` and decimal commas, the standard dialect neither.
    #[test]
    fn level_names_and_the_excel_dialect() {
        let p = crate::ruleset::load(std::path::Path::new("rules/2022"))
            .expect("loads")
            .program
            .expect("checks");
        let plan = crate::plan::lower(&p);
        let mut ev = Evaluator::new(&plan);
        let spec = crate::input::InputSpec::new("data/2022/synthetic-submissions-2022.csv", None);
        let loaded = crate::input::load(&p.schema, &[spec], &Default::default());
        let unit = &loaded.units[0];
        let outcome = ev.eval(&unit.answers);
        let csv = |style: Style| {
            let mut rows = CsvRows::with_style(CsvKind::Scores, style);
            let mut out = Vec::new();
            rows.header(&p, &mut out);
            rows.row(&p, &unit.id, &outcome, &mut out);
            String::from_utf8(out).unwrap()
        };
        let lv = csv(Style::lang(Lang::Lv));
        let mut lines = lv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "unit,communication_score,communication_level,communication_level_name,\
             customer_service_score,customer_service_level,customer_service_level_name,\
             service_provision_score,service_provision_level,service_provision_level_name,\
             internal_processes_score,internal_processes_level,internal_processes_level_name,\
             open_data_score,open_data_level,open_data_level_name,\
             index,index_level,index_level_name,sections_used,status"
        );
        assert_eq!(
            lines.next().unwrap(),
            "Aizkraukles novada pašvaldība,56.0,2,intuitīvs,42.0,2,intuitīvs,50.0,1,situatīvs,\
             52.0,3,definēts,0.0,0,0%,44.2,2,intuitīvs,5,evaluated"
        );
        let en = csv(Style::lang(Lang::En));
        assert!(
            en.ends_with("\nAizkraukles novada pašvaldība,56.0,2,intuitive,42.0,2,intuitive,50.0,1,situational,52.0,3,defined,0.0,0,zero score,44.2,2,intuitive,5,evaluated\n"),
            "{en}"
        );
        let excel = csv(Style {
            lang: Lang::Lv,
            dialect: CsvDialect::ExcelLv,
        });
        assert!(
            excel.starts_with("\u{feff}unit;communication_score;"),
            "{excel}"
        );
        assert!(
            excel.ends_with("\nAizkraukles novada pašvaldība;56,0;2;intuitīvs;42,0;2;intuitīvs;50,0;1;situatīvs;52,0;3;definēts;0,0;0;0%;44,2;2;intuitīvs;5;evaluated\n"),
            "{excel}"
        );
        assert!(!lv.starts_with('\u{feff}'));
    }
}
