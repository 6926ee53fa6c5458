//! What each name in a `.rules` file stands for: one walk over the syntax tree records every
//! name (its span and what it names), so hover, go to definition, find references and the
//! symbols of a file all look names up in the same list.
//!
//! Names are resolved the way the checker resolves them, as far as a place needs: a name in an
//! expression is a question (or metadata field) of the schema, else a `let`, else an option of
//! the question in context (`match q { … }`, `sum q { … }`, `q in {…}`, `q has …`, `q = …`, the
//! columns of a `table`). The list is made from the syntax tree alone (and the schema), so it is
//! there also when the ruleset has errors.

use crate::schema::{Question, Ref, Schema};
use crate::source::Span;
use crate::syntax::ast::{self, Cell, ExprKind, Item, Pattern, Scoring};
use std::collections::HashSet;

/// What a name stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A question or metadata field of the schema.
    Question(String),
    /// An option; `question`: the question in context, if known.
    Option {
        question: Option<String>,
        option: String,
    },
    Let(String),
    Section(String),
    Rule(String),
    /// Bound `bound` (0-based) of the thresholds of section `section` (`None`: the index's).
    Threshold {
        section: Option<String>,
        bound: usize,
    },
}

/// One name in a file.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub span: Span,
    pub target: Target,
    /// The name is defined here (`let x`, `rule x`, `section x`), not used.
    pub def: bool,
    /// The rule it is written in, if any.
    pub rule: Option<String>,
}

/// A question or metadata field by id.
pub fn field<'a>(schema: &'a Schema, id: &str) -> Option<&'a Question> {
    match schema.lookup(id)? {
        Ref::Question(i) => schema.questions.get(i),
        Ref::Meta(i) => schema.meta.get(i),
    }
}

/// The names `let` defines in any of `files`.
pub fn let_names<'a>(files: impl IntoIterator<Item = &'a ast::File>) -> HashSet<String> {
    files
        .into_iter()
        .flat_map(|f| &f.items)
        .filter_map(|i| match i {
            Item::Let(l) => Some(l.name.node.clone()),
            _ => None,
        })
        .collect()
}

/// Every name of `file`, in the order of the walk.
pub fn collect(
    file: &ast::File,
    schema: Option<&Schema>,
    lets: &HashSet<String>,
) -> Vec<Occurrence> {
    let mut w = Walker {
        schema,
        lets,
        out: Vec::new(),
        rule: None,
    };
    for item in &file.items {
        w.item(item);
    }
    w.out
}

/// The occurrence whose span holds byte `offset` (the innermost, when spans nest).
pub fn at(occurrences: &[Occurrence], offset: usize) -> Option<&Occurrence> {
    occurrences
        .iter()
        .filter(|o| (o.span.start as usize) <= offset && offset <= o.span.end as usize)
        .min_by_key(|o| o.span.len())
}

struct Walker<'a> {
    schema: Option<&'a Schema>,
    lets: &'a HashSet<String>,
    out: Vec<Occurrence>,
    rule: Option<String>,
}

impl Walker<'_> {
    fn push(&mut self, span: Span, target: Target, def: bool) {
        self.out.push(Occurrence {
            span,
            target,
            def,
            rule: self.rule.clone(),
        });
    }

    fn is_field(&self, name: &str) -> bool {
        self.schema.is_some_and(|s| s.lookup(name).is_some())
    }

    /// The question an expression names, when it is a plain question name.
    fn question_of(&self, e: &ast::Expr) -> Option<String> {
        match &*e.kind {
            ExprKind::Name(n) if self.is_field(n) => Some(n.clone()),
            _ => None,
        }
    }

    fn options(&mut self, question: &Option<String>, names: &[ast::Name]) {
        for n in names {
            let target = Target::Option {
                question: question.clone(),
                option: n.node.clone(),
            };
            self.push(n.span, target, false);
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Section(s) => self.section(s),
            Item::Index(ix) => self.index(ix),
            Item::Let(l) => {
                self.push(l.name.span, Target::Let(l.name.node.clone()), true);
                self.expr(&l.value, &None);
            }
            Item::Rule(r) => {
                self.rule = Some(r.name.node.clone());
                self.push(r.name.span, Target::Rule(r.name.node.clone()), true);
                self.push(
                    r.section.span,
                    Target::Section(r.section.node.clone()),
                    false,
                );
                self.scoring(&r.scoring);
                self.rule = None;
            }
            Item::Grouping(g) => match &g.kind {
                ast::GroupingKind::By(n) | ast::GroupingKind::Quartiles(n) => self.name(n),
                ast::GroupingKind::Bands { value, .. } => self.name(value),
            },
            Item::Constraint(c) => {
                for e in c.when.iter().chain(&c.requires) {
                    self.expr(e, &None);
                }
            }
            Item::Uncertain(u) => self.uncertain(u),
            Item::Survey(_) | Item::Levels(_) | Item::Defaults(_) => {}
        }
    }

    /// `uncertain { … }`: the sections its weights and thresholds name, and the rules its
    /// alternatives replace (with their scoring's names).
    fn uncertain(&mut self, u: &ast::UncertainDef) {
        for entry in &u.entries {
            match entry {
                ast::UncertainEntry::WeightSet { weights, .. } => {
                    for (n, _) in weights {
                        self.push(n.span, Target::Section(n.node.clone()), false);
                    }
                }
                ast::UncertainEntry::Weight { section, .. } => {
                    self.push(section.span, Target::Section(section.node.clone()), false);
                }
                ast::UncertainEntry::Threshold { target, .. } if target.node != "index" => {
                    self.push(target.span, Target::Section(target.node.clone()), false);
                }
                ast::UncertainEntry::Alternative(a) => {
                    self.rule = Some(a.rule.node.clone());
                    self.push(a.rule.span, Target::Rule(a.rule.node.clone()), false);
                    self.scoring(&a.scoring);
                    self.rule = None;
                }
                ast::UncertainEntry::Threshold { .. } | ast::UncertainEntry::Missing { .. } => {}
            }
        }
    }

    /// A name that is a question or a `let` (a grouping's value).
    fn name(&mut self, n: &ast::Name) {
        if self.is_field(&n.node) {
            self.push(n.span, Target::Question(n.node.clone()), false);
        } else if self.lets.contains(&n.node) {
            self.push(n.span, Target::Let(n.node.clone()), false);
        }
    }

    fn section(&mut self, s: &ast::SectionDef) {
        self.push(s.name.span, Target::Section(s.name.node.clone()), true);
        for setting in &s.settings {
            match setting {
                ast::SectionSetting::Thresholds(t) => {
                    self.thresholds(Some(&s.name.node), t);
                }
                ast::SectionSetting::ApplicableIf(e) => self.expr(e, &None),
                ast::SectionSetting::Max(_) | ast::SectionSetting::ZeroApart(_) => {}
            }
        }
    }

    fn index(&mut self, ix: &ast::IndexDef) {
        for setting in &ix.settings {
            match setting {
                ast::IndexSetting::Weights(ws, _) => {
                    for (n, _) in ws {
                        self.push(n.span, Target::Section(n.node.clone()), false);
                    }
                }
                ast::IndexSetting::Thresholds(t) => self.thresholds(None, t),
                _ => {}
            }
        }
    }

    fn thresholds(&mut self, section: Option<&String>, t: &ast::Thresholds) {
        for (bound, b) in t.bounds.iter().enumerate() {
            let target = Target::Threshold {
                section: section.cloned(),
                bound,
            };
            self.push(b.span, target, false);
        }
    }

    fn scoring(&mut self, s: &Scoring) {
        match s {
            Scoring::Match { value, arms, .. } => {
                self.expr(value, &None);
                let q = self.question_of(value);
                for arm in arms {
                    if let Pattern::Options(names, _) = &arm.pattern {
                        self.options(&q, names);
                    }
                }
            }
            Scoring::Sum { question, arms, .. } => {
                self.name(question);
                let q = Some(question.node.clone());
                for (n, _) in arms {
                    self.options(&q, std::slice::from_ref(n));
                }
            }
            Scoring::Points { value, .. } => self.expr(value, &None),
            Scoring::Table(t) => {
                let qs: Vec<Option<String>> =
                    t.inputs.iter().map(|e| self.question_of(e)).collect();
                for e in &t.inputs {
                    self.expr(e, &None);
                }
                for row in &t.rows {
                    for (i, cell) in row.cells.iter().enumerate() {
                        if let Cell::Options(names, _) | Cell::NotOptions(names, _) = cell {
                            let q = qs.get(i).cloned().flatten();
                            self.options(&q, names);
                        }
                    }
                }
            }
        }
    }

    /// An expression; `ctx`: the question whose options a bare name may be.
    fn expr(&mut self, e: &ast::Expr, ctx: &Option<String>) {
        match &*e.kind {
            ExprKind::Name(n) => {
                let target = if self.is_field(n) {
                    Target::Question(n.clone())
                } else if self.lets.contains(n) {
                    Target::Let(n.clone())
                } else {
                    Target::Option {
                        question: ctx.clone(),
                        option: n.clone(),
                    }
                };
                self.push(e.span, target, false);
            }
            ExprKind::Number(_) | ExprKind::MissingLit => {}
            ExprKind::Neg(x) | ExprKind::Not(x) => self.expr(x, ctx),
            ExprKind::Binary(op, _, a, b) => {
                let compares = matches!(op, ast::BinOp::Eq | ast::BinOp::Ne);
                let (qa, qb) = if compares {
                    (self.question_of(a), self.question_of(b))
                } else {
                    (None, None)
                };
                self.expr(a, &qb.or_else(|| ctx.clone()));
                self.expr(b, &qa.or_else(|| ctx.clone()));
            }
            ExprKind::In { value, options, .. } | ExprKind::HasSet { value, options, .. } => {
                self.expr(value, ctx);
                let q = self.question_of(value);
                self.options(&q, options);
            }
            ExprKind::Has { value, option } => {
                self.expr(value, ctx);
                let q = self.question_of(value);
                self.options(&q, std::slice::from_ref(option));
            }
            ExprKind::If(c, a, b) => {
                self.expr(c, ctx);
                self.expr(a, ctx);
                self.expr(b, ctx);
            }
            ExprKind::Call { args, named, .. } => {
                for a in args.iter().chain(named.iter().map(|(_, e)| e)) {
                    self.expr(a, ctx);
                }
            }
        }
    }
}
