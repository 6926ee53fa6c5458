//! The questionnaire schema: what can be answered, by whom, and when.
//!
//! `load` turns `questionnaire.toml` into a [`Schema`], collecting every problem it finds.

mod error;
mod model;

pub use error::SchemaError;

use crate::num::Num;
use crate::source::Span;
use crate::suggest;
use crate::syntax::{self, ast};
use crate::text::excerpt;
use model::{OneOrMany, RawQuestion, RawSchema};
use std::collections::HashMap;

/// Who gave an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The municipality's self-assessment (`self`).
    #[serde(rename = "self")]
    SelfAssessment,
    Expert,
    Auto,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::SelfAssessment, Source::Expert, Source::Auto];

    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "self" => Some(Source::SelfAssessment),
            "expert" => Some(Source::Expert),
            "auto" => Some(Source::Auto),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::SelfAssessment => "self",
            Source::Expert => "expert",
            Source::Auto => "auto",
        }
    }
}

/// An answer option of a choice question.
#[derive(Debug, Clone)]
pub struct OptionDef {
    pub id: String,
    pub lv: String,
    pub en: Option<String>,
    pub span: Span,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone)]
pub enum QuestionKind {
    Single(Vec<OptionDef>),
    Multi(Vec<OptionDef>),
    YesNo,
    Integer {
        unit: Option<String>,
        min: Option<Num>,
        max: Option<Num>,
    },
    Decimal {
        unit: Option<String>,
        min: Option<Num>,
        max: Option<Num>,
    },
    Text,
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single(_) => "single choice",
            QuestionKind::Multi(_) => "multiple choice",
            QuestionKind::YesNo => "yes/no",
            QuestionKind::Integer { .. } => "integer",
            QuestionKind::Decimal { .. } => "decimal",
            QuestionKind::Text => "free text",
        }
    }

    pub fn options(&self) -> &[OptionDef] {
        match self {
            QuestionKind::Single(o) | QuestionKind::Multi(o) => o,
            _ => &[],
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            QuestionKind::Integer { .. } | QuestionKind::Decimal { .. }
        )
    }

    /// `(min, max)` of a numeric question.
    pub fn bounds(&self) -> (Option<Num>, Option<Num>) {
        match self {
            QuestionKind::Integer { min, max, .. } | QuestionKind::Decimal { min, max, .. } => {
                (*min, *max)
            }
            _ => (None, None),
        }
    }
}

/// A question (or a metadata field: then `section` is `None`).
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub section: Option<usize>,
    pub lv: String,
    pub en: Option<String>,
    pub kind: QuestionKind,
    pub sources: Vec<Source>,
    pub ask_if: Option<ast::Expr>,
    pub allow_not_applicable: bool,
    pub allow_dont_know: bool,
    pub scored: bool,
    /// An answer that is a fact about the municipality (e.g. how many documents it received),
    /// not a practice it chooses: `eindex explain` never proposes to change it.
    pub fact: bool,
    pub span: Span,
}

impl Question {
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.kind.options().iter().position(|o| o.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct SectionInfo {
    pub id: String,
    pub lv: String,
    pub en: Option<String>,
    pub span: Span,
}

/// Special cell values.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub not_applicable: Vec<String>,
    pub dont_know: Vec<String>,
}

/// A loaded, validated questionnaire.
#[derive(Debug, Clone)]
pub struct Schema {
    pub file: u16,
    pub name: Option<String>,
    pub year: Option<i64>,
    /// The language of people's outputs the survey declares (`[survey] language`).
    pub language: crate::l10n::Lang,
    pub unit_column: String,
    pub tokens: Tokens,
    pub sections: Vec<SectionInfo>,
    /// Scored questions, in file order. Their index is the question's slot.
    pub questions: Vec<Question>,
    /// Unit metadata fields.
    pub meta: Vec<Question>,
    /// The ids of the questions (and metadata fields) left out for a schema error (see
    /// [`load_partial`]).
    pub left_out: Vec<String>,
    by_id: HashMap<String, Ref>,
}

/// Where an id lives in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Question(usize),
    Meta(usize),
}

impl Schema {
    pub fn lookup(&self, id: &str) -> Option<Ref> {
        self.by_id.get(id).copied()
    }

    pub fn question(&self, id: &str) -> Option<(usize, &Question)> {
        match self.lookup(id)? {
            Ref::Question(i) => Some((i, &self.questions[i])),
            Ref::Meta(_) => None,
        }
    }

    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    pub fn question_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.questions.iter().map(|q| q.id.as_str())
    }

    pub fn section_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.sections.iter().map(|s| s.id.as_str())
    }
}

/// Loads a schema from TOML text. `file` is the source id of the text (for spans).
pub fn load(file: u16, text: &str) -> Result<Schema, Vec<SchemaError>> {
    match load_partial(file, text) {
        (Some(schema), errors) if errors.is_empty() => Ok(schema),
        (_, errors) => Err(errors),
    }
}

/// Loads a schema like [`load`], and where it has errors, also the schema without the questions
/// that have them (their ids in [`Schema::left_out`]), so the rules can still be checked. `None`
/// when the text is not a schema at all (not TOML, or a field of the wrong type).
pub fn load_partial(file: u16, text: &str) -> (Option<Schema>, Vec<SchemaError>) {
    match read(file, text) {
        Ok(raw) => {
            let mut b = Builder {
                file,
                text,
                errors: Vec::new(),
            };
            let schema = b.build(raw);
            b.errors.sort_by_key(|e| e.span().start);
            (Some(schema), b.errors)
        }
        Err(e) => (None, vec![e]),
    }
}

/// The raw TOML shape of the text.
fn read(file: u16, text: &str) -> Result<RawSchema, SchemaError> {
    toml::from_str(text).map_err(|e| {
        let span = e
            .span()
            .map_or(Span::new(file, 0, 0), |r| Span::new(file, r.start, r.end));
        SchemaError::Toml {
            message: e.message().to_string(),
            span,
        }
    })
}

struct Builder<'a> {
    file: u16,
    text: &'a str,
    errors: Vec<SchemaError>,
}

impl Builder<'_> {
    fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    fn build(&mut self, raw: RawSchema) -> Schema {
        let mut by_id: HashMap<String, Ref> = HashMap::new();
        let sections: Vec<SectionInfo> = raw
            .sections
            .iter()
            .map(|(k, v)| SectionInfo {
                id: k.get_ref().clone(),
                lv: v.lv.clone(),
                en: v.en.clone(),
                span: self.span(k.span()),
            })
            .collect();
        let mut questions = Vec::new();
        let mut left_out = Vec::new();
        for rq in &raw.question {
            let before = self.errors.len();
            let q = self.question(rq, &sections, true);
            if self.errors.len() > before {
                left_out.push(rq.id.get_ref().clone());
                continue;
            }
            if let Some(q) = q {
                if by_id.contains_key(&q.id) || sections.iter().any(|s| s.id == q.id) {
                    self.errors.push(SchemaError::DuplicateId {
                        id: q.id.clone(),
                        span: q.span,
                    });
                    continue;
                }
                by_id.insert(q.id.clone(), Ref::Question(questions.len()));
                questions.push(q);
            }
        }
        let mut meta = Vec::new();
        for rq in &raw.meta {
            let before = self.errors.len();
            let q = self.question(rq, &sections, false);
            if self.errors.len() > before {
                left_out.push(rq.id.get_ref().clone());
                continue;
            }
            if let Some(q) = q {
                if by_id.contains_key(&q.id) {
                    self.errors.push(SchemaError::DuplicateId {
                        id: q.id.clone(),
                        span: q.span,
                    });
                    continue;
                }
                by_id.insert(q.id.clone(), Ref::Meta(meta.len()));
                meta.push(q);
            }
        }
        let survey = raw.survey.as_ref();
        let language = self.language(survey.and_then(|s| s.language.as_ref()));
        Schema {
            file: self.file,
            name: survey.and_then(|s| s.name.clone()),
            year: survey.and_then(|s| s.year),
            language,
            unit_column: survey
                .and_then(|s| s.unit_column.clone())
                .unwrap_or_else(|| "unit".to_string()),
            tokens: Tokens {
                not_applicable: raw.tokens.not_applicable,
                dont_know: raw.tokens.dont_know,
            },
            sections,
            questions,
            meta,
            left_out,
            by_id,
        }
    }

    fn question(
        &mut self,
        rq: &RawQuestion,
        sections: &[SectionInfo],
        scored_question: bool,
    ) -> Option<Question> {
        let id_span = self.span(rq.id.span());
        let id = rq.id.get_ref().clone();
        if !is_identifier(&id) {
            self.errors.push(SchemaError::Toml {
                message: format!("`{id}` is not a valid id"),
                span: id_span,
            });
            return None;
        }
        let section = self.section_of(rq, sections, scored_question, id_span);
        let kind = self.kind(rq)?;
        let sources = self.sources(rq);
        let (allow_na, allow_dk) = self.allow(rq);
        let ask_if = rq.ask_if.as_ref().and_then(|a| self.ask_if(a));
        Some(Question {
            id,
            section,
            lv: rq.lv.clone().unwrap_or_default(),
            en: rq.en.clone(),
            scored: rq.scored.unwrap_or(!matches!(kind, QuestionKind::Text)) && scored_question,
            fact: rq.fact.unwrap_or(false),
            kind,
            sources,
            ask_if,
            allow_not_applicable: allow_na,
            allow_dont_know: allow_dk,
            span: id_span,
        })
    }

    fn section_of(
        &mut self,
        rq: &RawQuestion,
        sections: &[SectionInfo],
        scored_question: bool,
        id_span: Span,
    ) -> Option<usize> {
        match (&rq.section, scored_question) {
            (Some(s), true) => {
                let found = sections.iter().position(|x| &x.id == s.get_ref());
                if found.is_none() {
                    self.errors.push(SchemaError::UnknownSection {
                        name: s.get_ref().clone(),
                        span: self.span(s.span()),
                        hint: suggest::hint(
                            s.get_ref(),
                            sections.iter().map(|x| x.id.as_str()),
                            "section",
                        ),
                    });
                }
                found
            }
            (None, true) => {
                self.errors.push(SchemaError::SectionField {
                    message: format!("question `{}` has no section", rq.id.get_ref()),
                    span: id_span,
                    hint: "add `section = \"...\"` with a key of [sections]".into(),
                });
                None
            }
            (Some(s), false) => {
                self.errors.push(SchemaError::SectionField {
                    message: "metadata fields belong to no section".into(),
                    span: self.span(s.span()),
                    hint: "remove `section`, or make this a [[question]]".into(),
                });
                None
            }
            (None, false) => None,
        }
    }

    fn kind(&mut self, rq: &RawQuestion) -> Option<QuestionKind> {
        let ty_span = self.span(rq.ty.span());
        let kind = match rq.ty.get_ref().as_str() {
            "single" => {
                let opts = self.options(rq, ty_span)?;
                QuestionKind::Single(self.at_most(opts, 127, ty_span)?)
            }
            "multi" => {
                let opts = self.options(rq, ty_span)?;
                QuestionKind::Multi(self.at_most(opts, 128, ty_span)?)
            }
            "yes_no" => QuestionKind::YesNo,
            "integer" | "decimal" => {
                let integer = rq.ty.get_ref() == "integer";
                let min = self.bound(rq.min.as_ref(), integer);
                let max = self.bound(rq.max.as_ref(), integer);
                if let (Some(a), Some(b), Some(m)) = (min, max, &rq.max) {
                    if a > b {
                        self.errors.push(SchemaError::Range {
                            message: format!("min {a} is greater than max {b}"),
                            span: self.span(m.span()),
                            hint: "swap `min` and `max`".into(),
                        });
                    }
                }
                let unit = rq.unit.clone();
                if integer {
                    QuestionKind::Integer { unit, min, max }
                } else {
                    QuestionKind::Decimal { unit, min, max }
                }
            }
            "text" => QuestionKind::Text,
            other => {
                self.errors.push(SchemaError::UnknownType {
                    name: excerpt(other),
                    span: ty_span,
                });
                return None;
            }
        };
        if !matches!(kind, QuestionKind::Single(_) | QuestionKind::Multi(_)) {
            if let Some(o) = &rq.options {
                self.errors.push(SchemaError::Options {
                    message: format!("a {} question has no options", kind.name()),
                    span: self.span(o.span()),
                    hint: "remove `options`, or use type \"single\" or \"multi\"".into(),
                });
            }
        }
        Some(kind)
    }

    fn options(&mut self, rq: &RawQuestion, ty_span: Span) -> Option<Vec<OptionDef>> {
        let Some(raw) = &rq.options else {
            self.errors.push(SchemaError::Options {
                message: format!("choice question `{}` has no options", rq.id.get_ref()),
                span: ty_span,
                hint: "add `options = [ { id = \"...\", lv = \"...\" }, ... ]`".into(),
            });
            return None;
        };
        let mut out: Vec<OptionDef> = Vec::new();
        // ids seen so far: a duplicate is found by a set lookup (a list of 100,000 options must
        // not take quadratic time)
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for o in raw.get_ref() {
            let span = self.span(o.id.span());
            let id = o.id.get_ref();
            if !is_identifier(id) {
                self.errors.push(SchemaError::Options {
                    message: format!("`{}` is not a valid option id", excerpt(id)),
                    span,
                    hint: "option ids are letters, digits and `_`, not starting with a digit"
                        .into(),
                });
            } else if !seen.insert(id.as_str()) {
                self.errors.push(SchemaError::Options {
                    message: format!("option `{id}` is listed twice"),
                    span,
                    hint: "remove or rename one of them".into(),
                });
            } else if matches!(
                id.as_str(),
                "else" | "missing" | "not" | "and" | "or" | "in" | "has"
            ) {
                self.errors.push(SchemaError::Options {
                    message: format!(
                        "`{id}` is a keyword of the rules language and cannot be an option id"
                    ),
                    span,
                    hint: format!("use another id, such as `{id}_option`"),
                });
            } else {
                out.push(OptionDef {
                    id: id.clone(),
                    lv: o.lv.clone().unwrap_or_else(|| id.clone()),
                    en: o.en.clone(),
                    span,
                });
            }
        }
        if out.is_empty() && raw.get_ref().is_empty() {
            self.errors.push(SchemaError::Options {
                message: "the option list is empty".into(),
                span: self.span(raw.span()),
                hint: "list at least one option".into(),
            });
        }
        Some(out)
    }

    /// `opts` if there are at most `max` of them. A single choice has at most 127 options (the
    /// checker's sets of options and table cells are 128-bit masks, one bit kept for "missing"); a
    /// multiple choice at most 128 (its answer is a 128-bit set).
    fn at_most(&mut self, opts: Vec<OptionDef>, max: usize, span: Span) -> Option<Vec<OptionDef>> {
        if opts.len() <= max {
            return Some(opts);
        }
        self.errors.push(SchemaError::Options {
            message: format!("{} options: at most {max} are supported", opts.len()),
            span,
            hint: "split the question into several questions".into(),
        });
        None
    }

    fn bound(&mut self, v: Option<&toml::Spanned<toml::Value>>, integer: bool) -> Option<Num> {
        let v = v?;
        let span = self.span(v.span());
        let n = match v.get_ref() {
            toml::Value::Integer(i) => Some(Num::int(i128::from(*i))),
            toml::Value::Float(_) | toml::Value::String(_) => {
                // floats are re-read from the source text so that 0.1 stays exactly 0.1
                let src = self.text.get(v.span()).unwrap_or("").trim_matches('"');
                src.replace('_', "").parse::<Num>().ok()
            }
            _ => None,
        };
        match n {
            Some(n) if integer && !n.is_integer() => {
                self.errors.push(SchemaError::Range {
                    message: format!("{n} is not a whole number"),
                    span,
                    hint: "an integer question needs whole-number bounds".into(),
                });
                None
            }
            Some(n) => Some(n),
            None => {
                self.errors.push(SchemaError::Range {
                    message: "a bound must be a number".into(),
                    span,
                    hint: "write e.g. `min = 0`".into(),
                });
                None
            }
        }
    }

    fn sources(&mut self, rq: &RawQuestion) -> Vec<Source> {
        let Some(src) = &rq.source else {
            return vec![Source::SelfAssessment];
        };
        let names: Vec<&str> = match src.get_ref() {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        };
        let mut out = Vec::new();
        for n in names {
            match Source::parse(n) {
                Some(s) if !out.contains(&s) => out.push(s),
                Some(_) => {}
                None => self.errors.push(SchemaError::UnknownKeyword {
                    what: "source",
                    name: n.to_string(),
                    expected: "self, expert, auto",
                    span: self.span(src.span()),
                }),
            }
        }
        if out.is_empty() {
            out.push(Source::SelfAssessment);
        }
        out
    }

    fn language(&mut self, l: Option<&toml::Spanned<String>>) -> crate::l10n::Lang {
        let Some(l) = l else {
            return crate::l10n::Lang::default();
        };
        crate::l10n::Lang::parse(l.get_ref()).unwrap_or_else(|| {
            self.errors.push(SchemaError::UnknownKeyword {
                what: "language",
                name: l.get_ref().clone(),
                expected: crate::l10n::Lang::EXPECTED,
                span: self.span(l.span()),
            });
            crate::l10n::Lang::default()
        })
    }

    fn allow(&mut self, rq: &RawQuestion) -> (bool, bool) {
        let (mut na, mut dk) = (false, false);
        for a in rq.allow.iter().flatten() {
            match a.get_ref().as_str() {
                "not_applicable" => na = true,
                "dont_know" => dk = true,
                other => self.errors.push(SchemaError::UnknownKeyword {
                    what: "special answer",
                    name: other.to_string(),
                    expected: "not_applicable, dont_know",
                    span: self.span(a.span()),
                }),
            }
        }
        (na, dk)
    }

    fn ask_if(&mut self, a: &toml::Spanned<String>) -> Option<ast::Expr> {
        let r = a.span();
        // The expression's offsets are relative to the string's content: skip the opening quote
        // (exact for strings without escapes, which conditions never need).
        let raw = self.text.get(r.clone()).unwrap_or("");
        let quote = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let base = if raw == format!("\"{}\"", a.get_ref())
            || raw.len() == a.get_ref().len() + 2 * quote
        {
            r.start + quote
        } else {
            r.start
        };
        match syntax::parse_expr(self.file, a.get_ref(), base) {
            Ok(e) => Some(e),
            Err(e) => {
                self.errors.push(SchemaError::AskIf {
                    message: e.to_string(),
                    span: e.span(),
                    label: "here".into(),
                });
                None
            }
        }
    }
}

/// Letters (any script), digits and `_`, not starting with a digit.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || c == '_')
}
