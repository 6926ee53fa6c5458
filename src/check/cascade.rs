//! No cascades: what the checker still knows of the items that failed, so that one mistake gives
//! one error.
//!
//! An item with a syntax error is left out of the AST (the parser records it as an
//! [`ast::BrokenItem`]), and a rule with a check error is left out of the program. Without care each
//! would add errors of its own elsewhere: "section `x` has no `section` block" for a section block
//! with a typo in it, "question `q` is not read by any rule" for the question of a rule with a
//! wrong option, "the maximum of section `x` is 0" when its only rule has an error. The checks here
//! count such items as present: a broken `section x` block is a block, a question named in a
//! failed rule (or in a `let` it uses) is read, and a section with a failed rule is not empty.

use super::{CheckError, Checker};
use crate::hir;
use crate::source::Span;
use crate::syntax::ast::{self, ExprKind};
use std::collections::{HashMap, HashSet};

/// The items left out for errors: syntax errors (`broken`) and, once the rules are checked,
/// the rules that did not check.
pub(super) struct Failed<'a> {
    pub broken: &'a [ast::BrokenItem],
    /// The spans of all items, in file order (to tell which item an error is in).
    pub items: Vec<Span>,
    /// `(keyword, name)` of the broken items, and `(keyword, "")` for each keyword.
    written: HashSet<(&'a str, &'a str)>,
    /// Rules (of the AST) that are not in the program.
    pub rules: Vec<&'a ast::RuleDef>,
}

impl<'a> Failed<'a> {
    /// The failed items, given the AST items and the rules that checked.
    pub fn new(
        items: &[&'a ast::Item],
        broken: &'a [ast::BrokenItem],
        checked: &[hir::Rule],
    ) -> Self {
        let spans: HashSet<Span> = checked.iter().map(|r| r.span).collect();
        let rules = items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Rule(r) if !spans.contains(&r.name.span) => Some(r),
                _ => None,
            })
            .collect();
        let mut items: Vec<Span> = items.iter().map(|i| i.span()).collect();
        items.sort_by_key(|s| (s.file, s.start));
        let mut written = HashSet::new();
        for b in broken {
            if let Some(k) = b.keyword.as_deref() {
                written.insert((k, ""));
                written.insert((k, b.name.as_deref().unwrap_or("")));
            }
        }
        Failed {
            broken,
            items,
            written,
            rules,
        }
    }

    /// Whether an item `keyword name` (a `section communication`, an `index`) was written but has
    /// a syntax error; `name` `None` matches any name.
    pub fn has_broken(&self, keyword: &str, name: Option<&str>) -> bool {
        self.written.contains(&(keyword, name.unwrap_or("")))
    }

    /// Whether a rule of section `section` was written but failed (a syntax or a check error).
    pub fn has_rule_in(&self, section: &str) -> bool {
        self.rules.iter().any(|r| r.section.node == section)
            || self
                .broken_rules()
                .any(|b| section_of_words(&b.words) == Some(section))
    }

    fn broken_rules(&self) -> impl Iterator<Item = &'a ast::BrokenItem> {
        self.broken
            .iter()
            .filter(|b| matches!(b.keyword.as_deref(), Some("rule") | None))
    }
}

/// The section of a rule header's words (`rule x in communication {`): the word after `in`.
fn section_of_words(words: &[String]) -> Option<&str> {
    let at = words.iter().position(|w| w == "in")?;
    words.get(at + 1).map(String::as_str)
}

impl Checker<'_> {
    /// Warns of each scored question that no rule reads; a question a failed rule names counts
    /// as read.
    pub(super) fn unread_questions(&mut self, rules: &[hir::Rule], failed: &Failed<'_>) {
        let nq = self.schema.questions.len();
        let mut read = vec![false; nq];
        for r in rules {
            for &s in &r.reads {
                if s < nq {
                    read[s] = true;
                }
            }
        }
        let mut names: Vec<String> = Vec::new();
        for r in &failed.rules {
            rule_names(r, &mut names);
        }
        for b in failed.broken_rules() {
            names.extend(b.words.iter().cloned());
        }
        self.mark_named(names, failed.broken, &mut read);
        for (slot, q) in self.schema.questions.iter().enumerate() {
            if q.scored && !read[slot] {
                self.err(CheckError::UnreadQuestion {
                    question: q.id.clone(),
                    span: q.span,
                });
            }
        }
    }

    /// Drops the errors that only repeat a failed item's error: a missing block written with a
    /// syntax error, a section maximum of 0 where a rule of the section failed, `zero apart`
    /// where the `levels` have a syntax error, and the uses of a `let` with a syntax error.
    pub(super) fn drop_cascades(&mut self, failed: &Failed<'_>) {
        self.errors.retain(|e| match e {
            CheckError::MissingBlock { block, .. } => !failed.has_broken(block, None),
            CheckError::SectionWithoutBlock { section, .. } => {
                !failed.has_broken("section", Some(section))
            }
            CheckError::ZeroMax { section, .. } => !failed.has_rule_in(section),
            CheckError::ZeroApartWithoutLevel0 { .. } => !failed.has_broken("levels", None),
            CheckError::UnknownName { name, .. } => !failed.has_broken("let", Some(name)),
            _ => true,
        });
        self.left_out_uses(&failed.items);
    }

    /// Turns each unknown name that is a question left out of the schema (for a schema error)
    /// into one [`CheckError::DependsOnSchemaError`] per item (rule, `let`, `ask_if`).
    fn left_out_uses(&mut self, items: &[Span]) {
        let left_out = &self.schema.left_out;
        if left_out.is_empty() {
            return;
        }
        let mut noted: HashSet<Span> = HashSet::new();
        let errors = std::mem::take(&mut self.errors);
        for e in errors {
            let CheckError::UnknownName { name, span, .. } = &e else {
                self.errors.push(e);
                continue;
            };
            if !left_out.contains(name) {
                self.errors.push(e);
                continue;
            }
            // the last item starting at or before the span, if it holds it
            let at = items.partition_point(|i| (i.file, i.start) <= (span.file, span.start));
            let item = at
                .checked_sub(1)
                .and_then(|k| items.get(k))
                .filter(|i| i.file == span.file && span.end <= i.end)
                .copied()
                .unwrap_or(*span);
            if noted.insert(item) {
                self.errors.push(CheckError::DependsOnSchemaError {
                    question: name.clone(),
                    span: *span,
                });
            }
        }
    }

    /// Marks as read the questions of `names`, and of the `let`s they name (through any depth).
    fn mark_named(&self, mut names: Vec<String>, broken: &[ast::BrokenItem], read: &mut [bool]) {
        let broken_lets: HashMap<&str, &ast::BrokenItem> = broken
            .iter()
            .filter(|b| b.keyword.as_deref() == Some("let"))
            .filter_map(|b| Some((b.name.as_deref()?, b)))
            .collect();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(n) = names.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some((slot, _)) = self.schema.question(&n) {
                if let Some(r) = read.get_mut(slot) {
                    *r = true;
                }
            } else if let Some(&i) = self.lets_by_name.get(&n) {
                expr_names(&self.let_defs[i].value, &mut names);
            } else if let Some(b) = broken_lets.get(n.as_str()) {
                names.extend(b.words.iter().cloned());
            }
        }
    }
}

/// The names a rule's scoring reads.
fn rule_names(r: &ast::RuleDef, out: &mut Vec<String>) {
    match &r.scoring {
        ast::Scoring::Match { value, .. } | ast::Scoring::Points { value, .. } => {
            expr_names(value, out)
        }
        ast::Scoring::Sum { question, .. } => out.push(question.node.clone()),
        ast::Scoring::Table(t) => t.inputs.iter().for_each(|e| expr_names(e, out)),
    }
}

/// The names an expression mentions (iteratively: an expression may be deep).
fn expr_names(e: &ast::Expr, out: &mut Vec<String>) {
    let mut todo = vec![e];
    while let Some(e) = todo.pop() {
        match &*e.kind {
            ExprKind::Number(_) | ExprKind::MissingLit => {}
            ExprKind::Name(n) => out.push(n.clone()),
            ExprKind::Neg(x) | ExprKind::Not(x) => todo.push(x),
            ExprKind::Binary(_, _, a, b) => todo.extend([a, b]),
            ExprKind::In { value, .. }
            | ExprKind::Has { value, .. }
            | ExprKind::HasSet { value, .. } => todo.push(value),
            ExprKind::If(c, a, b) => todo.extend([c, a, b]),
            ExprKind::Call { args, named, .. } => {
                todo.extend(args);
                todo.extend(named.iter().map(|(_, x)| x));
            }
        }
    }
}
