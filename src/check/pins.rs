//! Pinned maxima: `max 50` in a `section` block and `max 6` at the top of a rule say what the
//! methodologist intends the most points to be. The derived maximum (docs/language.md §8, the
//! `max` of each checked [`hir::Rule`], summed per section) must equal it, or the check fails with
//! `eindex::check::max_differs`, naming where the points went:
//!
//! - for a rule, the table rows and match arms worth more than the derived maximum that never
//!   apply (the checker's shadowed-row warnings), or those worth more than the pin;
//! - for a section, every rule with its maximum (the sum the ruleset's comments write out), and
//!   first the rules that lost points: a pinned rule below its pin, or a rule with such rows.
//!
//! A rule or section with an error of its own is not compared (its maximum is not known), so a
//! pin never adds a second error to one mistake.

use super::cascade::Failed;
use super::{CheckError, Checker};
use crate::hir;
use crate::num::Num;
use crate::source::{Span, Spanned};
use crate::syntax::ast;
use std::collections::{HashMap, HashSet};

/// The shadowed rows' places and what shadows them (`ShadowedRow`'s `by`).
type Shadowed = HashMap<Span, String>;

/// A row or arm the checker found shadowed: its number (1-based), its points and what shadows it.
struct Lost {
    what: &'static str,
    row: usize,
    points: Num,
    by: String,
}

impl Checker<'_> {
    /// Compares every pinned maximum with the derived one.
    pub(super) fn pins(&mut self, items: &[&ast::Item], rules: &[hir::Rule], failed: &Failed<'_>) {
        let checked: HashMap<Span, &hir::Rule> = rules.iter().map(|r| (r.span, r)).collect();
        // the rows found shadowed, by place (looked up once per row, whatever the errors' number)
        let shadowed: Shadowed = self
            .errors
            .iter()
            .filter_map(|e| match e {
                CheckError::ShadowedRow { span, by, .. } => Some((*span, by.clone())),
                _ => None,
            })
            .collect();
        let mut rule_defs: HashMap<&str, &ast::RuleDef> = HashMap::new();
        for item in items {
            if let ast::Item::Rule(r) = item {
                rule_defs.entry(r.name.node.as_str()).or_insert(r);
            }
        }
        for def in rule_defs_in_order(items) {
            let (Some(pin), Some(rule)) = (&def.max, checked.get(&def.name.span)) else {
                continue;
            };
            if pin.node != rule.max {
                let help = rule_help(def, rule, pin.node, &shadowed);
                self.err(CheckError::MaxDiffers {
                    what: format!("rule `{}`", def.name.node),
                    derived: rule.max,
                    pinned: pin.node,
                    span: pin.span,
                    help,
                });
            }
        }
        let blocks: Vec<&ast::SectionDef> = items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Section(b) if b.settings.iter().any(is_pin) => Some(b),
                _ => None,
            })
            .collect();
        // a failed rule's maximum is not known: its own error says what to fix (and a rule whose
        // section is misspelt may be meant for any section)
        if blocks.is_empty() || self.has_stray_rule(failed) {
            return;
        }
        let mut members: Vec<Vec<&hir::Rule>> = vec![Vec::new(); self.schema.sections.len()];
        for r in rules {
            if let Some(m) = members.get_mut(r.section) {
                m.push(r);
            }
        }
        let mut failed_in: HashSet<&str> = failed
            .rules
            .iter()
            .map(|r| r.section.node.as_str())
            .collect();
        failed_in.extend(
            failed
                .broken
                .iter()
                .filter_map(|b| section_after_in(&b.words)),
        );
        let mut seen = HashSet::new();
        for block in blocks {
            let id = block.name.node.as_str();
            // a second block of a section is reported as a duplicate
            if !seen.insert(id) || failed_in.contains(id) {
                continue;
            }
            let Some(i) = self.schema.section_index(id) else {
                continue;
            };
            self.section_pin(block, &members[i], (&rule_defs, &shadowed));
        }
    }

    fn section_pin(
        &mut self,
        block: &ast::SectionDef,
        members: &[&hir::Rule],
        (defs, shadowed): (&HashMap<&str, &ast::RuleDef>, &Shadowed),
    ) {
        let pins: Vec<&Spanned<Num>> = block
            .settings
            .iter()
            .filter_map(|s| match s {
                ast::SectionSetting::Max(n) => Some(n),
                _ => None,
            })
            .collect();
        let Some(pin) = pins.first() else { return };
        for extra in &pins[1..] {
            self.err(CheckError::Duplicate {
                what: "setting",
                name: "max".into(),
                span: extra.span,
                help: "pin a section's maximum once".into(),
            });
        }
        let id = block.name.node.as_str();
        if members.is_empty() {
            return; // `ZeroMax` says so
        }
        let mut derived = Num::ZERO;
        for r in members {
            let Ok(sum) = derived.add(r.max) else { return };
            derived = sum;
        }
        if derived == pin.node || explained_by_rule_pins(members, defs, derived, pin.node) {
            return;
        }
        let help = section_help(id, members, (defs, shadowed), derived, pin.node);
        self.err(CheckError::MaxDiffers {
            what: format!("section `{id}`"),
            derived,
            pinned: pin.node,
            span: pin.span,
            help,
        });
    }

    /// Whether a rule that failed names no known section (a rule with a syntax error counts when
    /// the section after its `in` is not a known one).
    fn has_stray_rule(&self, failed: &Failed<'_>) -> bool {
        let unknown = |name: &str| self.schema.section_index(name).is_none();
        failed.rules.iter().any(|r| unknown(&r.section.node))
            || failed.broken.iter().any(|b| {
                matches!(b.keyword.as_deref(), Some("rule") | None)
                    && section_after_in(&b.words).is_none_or(unknown)
            })
    }
}

fn section_help(
    id: &str,
    members: &[&hir::Rule],
    (defs, shadowed): (&HashMap<&str, &ast::RuleDef>, &Shadowed),
    derived: Num,
    pinned: Num,
) -> String {
    let mut suspects = Vec::new();
    for r in members {
        let Some(def) = defs.get(r.name.as_str()) else {
            continue;
        };
        let own_pin = def.max.as_ref().map(|p| p.node);
        let lost = lost_rows(def, r.max, shadowed);
        let wrong_pin = own_pin.is_some_and(|p| p != r.max);
        if wrong_pin || (derived < pinned && !lost.is_empty()) {
            let mut s = format!("rule `{}` gives at most {}", r.name, r.max);
            if let Some(p) = own_pin.filter(|_| wrong_pin) {
                s.push_str(&format!(" (pinned {p})"));
            }
            if !lost.is_empty() {
                s.push_str(&format!(": {}", describe_lost(&lost)));
            }
            suspects.push(s);
        }
    }
    let sum: Vec<String> = members
        .iter()
        .map(|r| format!("{} {}", r.name, r.max))
        .collect();
    let sum = format!("{id} = {} = {derived}", sum.join(" + "));
    let direction = if derived < pinned {
        format!("{} missing", points(sub(pinned, derived)))
    } else {
        format!("{} too many", points(sub(derived, pinned)))
    };
    if suspects.is_empty() {
        format!("{direction}; the rules give {sum}; compare each with its intended maximum (or correct the pin)")
    } else {
        format!("{direction}; {}; the rules give {sum}", suspects.join("; "))
    }
}

fn rule_help(def: &ast::RuleDef, rule: &hir::Rule, pinned: Num, shadowed: &Shadowed) -> String {
    if rule.max < pinned {
        let lost = lost_rows(def, rule.max, shadowed);
        if !lost.is_empty() {
            return format!(
                    "{}; put the rows in order (a `first` table applies the first row that matches), or correct the pin",
                    describe_lost(&lost)
                );
        }
        return format!(
            "no row, arm or option gives more than {}; {}",
            rule.max,
            how(&def.scoring)
        );
    }
    let over = above(def, pinned);
    if over.is_empty() {
        format!("{}; lower the points or correct the pin", how(&def.scoring))
    } else {
        format!(
            "worth more than {pinned}: {}; lower the points or correct the pin",
            over.join(", ")
        )
    }
}

/// The shadowed rows and arms of `def` worth more than `max` (the points the rule lost).
fn lost_rows(def: &ast::RuleDef, max: Num, shadowed: &Shadowed) -> Vec<Lost> {
    let rows: Vec<(Span, Num)> = match &def.scoring {
        ast::Scoring::Match { arms, .. } => arms.iter().map(|a| (a.span, a.points.node)).collect(),
        ast::Scoring::Table(t) => t.rows.iter().map(|r| (r.span, r.points.node)).collect(),
        _ => return Vec::new(),
    };
    let what = match def.scoring {
        ast::Scoring::Match { .. } => "arm",
        _ => "row",
    };
    rows.iter()
        .enumerate()
        .filter(|(_, (_, points))| *points > max)
        .filter_map(|(k, (span, points))| {
            shadowed.get(span).map(|by| Lost {
                what,
                row: k + 1,
                points: *points,
                by: by.clone(),
            })
        })
        .collect()
}

/// Whether the rules' own pins, each reported, account for the whole difference: then the
/// section's error would only repeat theirs.
fn explained_by_rule_pins(
    members: &[&hir::Rule],
    defs: &HashMap<&str, &ast::RuleDef>,
    derived: Num,
    pinned: Num,
) -> bool {
    let mut intended = derived;
    let mut any = false;
    for r in members {
        let pin = defs
            .get(r.name.as_str())
            .and_then(|d| d.max.as_ref())
            .map(|p| p.node);
        if let Some(p) = pin.filter(|p| *p != r.max) {
            any = true;
            match p.sub(r.max).and_then(|d| intended.add(d)) {
                Ok(v) => intended = v,
                Err(_) => return false,
            }
        }
    }
    any && intended == pinned
}

/// The rules of the AST, in file order.
fn rule_defs_in_order<'i>(items: &[&'i ast::Item]) -> Vec<&'i ast::RuleDef> {
    items
        .iter()
        .filter_map(|i| match i {
            ast::Item::Rule(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn is_pin(s: &ast::SectionSetting) -> bool {
    matches!(s, ast::SectionSetting::Max(_))
}

/// The word after `in` in a rule header's words (`rule x in communication {`).
fn section_after_in(words: &[String]) -> Option<&str> {
    let at = words.iter().position(|w| w == "in")?;
    words.get(at + 1).map(String::as_str)
}

/// "1 point", "3 points", "1/2 points".
fn points(n: Num) -> String {
    if n == Num::ONE {
        "1 point".into()
    } else {
        format!("{n} points")
    }
}

fn sub(a: Num, b: Num) -> Num {
    a.sub(b).unwrap_or(a)
}

/// "row 2 (12 points) never applies: shadowed by row 1; row 3 ...".
fn describe_lost(lost: &[Lost]) -> String {
    let parts: Vec<String> = lost
        .iter()
        .map(|l| {
            format!(
                "{} {} ({}) never applies, shadowed {}",
                l.what,
                l.row,
                points(l.points),
                l.by
            )
        })
        .collect();
    parts.join("; ")
}

/// The rows, arms, options and handlers of `def` worth more than `pinned`.
fn above(def: &ast::RuleDef, pinned: Num) -> Vec<String> {
    let mut out = Vec::new();
    match &def.scoring {
        ast::Scoring::Match { arms, .. } => {
            for (k, a) in arms.iter().enumerate() {
                if a.points.node > pinned {
                    out.push(format!("arm {} ({})", k + 1, points(a.points.node)));
                }
            }
        }
        ast::Scoring::Table(t) => {
            for (k, r) in t.rows.iter().enumerate() {
                if r.points.node > pinned {
                    out.push(format!("row {} ({})", k + 1, points(r.points.node)));
                }
            }
        }
        _ => {}
    }
    for h in &def.handlers {
        if let ast::Outcome::Points(p) = h.outcome.node {
            if p > pinned {
                out.push(format!("`when {} => {p}`", h.state.node));
            }
        }
    }
    out
}

/// How the maximum of this scoring form is derived (docs/language.md §8).
fn how(s: &ast::Scoring) -> String {
    match s {
        ast::Scoring::Match { .. } => "a `match` gives at most its largest arm".into(),
        ast::Scoring::Sum { cap, .. } => match cap {
            Some(c) => format!(
                "a `sum` gives at most its positive option points added up, limited by `cap {}`",
                c.node
            ),
            None => "a `sum` gives at most its positive option points added up".into(),
        },
        ast::Scoring::Points { .. } => {
            "a `points` rule gives at most the largest value of its expression over the answers the schema allows".into()
        }
        ast::Scoring::Table(t) => match t.policy.node {
            ast::HitPolicy::Sum => "a `sum` table gives at most its positive rows added up".into(),
            _ => "a table gives at most its largest row that can apply".into(),
        },
    }
}
