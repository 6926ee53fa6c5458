//! `group` declarations: how `eindex report` breaks results down (by a choice, by bands over a
//! number, or by quartiles of a number).

use super::expr::{Ctx, Typed};
use super::{CheckError, Checker};
use crate::hir::{self, GroupValue, Ty};
use crate::num::Num;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::HashMap;

impl Checker<'_> {
    /// Checks every `group` item; returns the groupings that have no error, in source order.
    pub(super) fn groupings(&mut self, items: &[&ast::Item]) -> Vec<hir::Grouping> {
        let mut out = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for item in items {
            let ast::Item::Grouping(g) = item else {
                continue;
            };
            if seen.contains_key(g.name.node.as_str()) {
                self.err(CheckError::Duplicate {
                    what: "grouping",
                    name: g.name.node.clone(),
                    span: g.name.span,
                    help: "each grouping has a unique name (it is what `eindex report --by` selects); rename one of them".into(),
                });
                continue;
            }
            seen.insert(&g.name.node, g.name.span);
            if let Some(x) = self.grouping(g) {
                out.push(x);
            }
        }
        out
    }

    fn grouping(&mut self, g: &ast::GroupingDef) -> Option<hir::Grouping> {
        let (name, kind) = match &g.kind {
            ast::GroupingKind::By(n) => {
                let (value, t) = self.group_value(n)?;
                let kind = match t.ty {
                    Ty::Choice(slot) => hir::GroupingKind::Choice {
                        value,
                        groups: self
                            .slot_question(slot)
                            .kind
                            .options()
                            .iter()
                            .map(|o| hir::GroupLabel {
                                id: o.id.clone(),
                                label: o.lv.clone(),
                            })
                            .collect(),
                        yes_no: false,
                    },
                    Ty::Bool => hir::GroupingKind::Choice {
                        value,
                        groups: vec![
                            hir::GroupLabel {
                                id: "yes".into(),
                                label: "Jā".into(),
                            },
                            hir::GroupLabel {
                                id: "no".into(),
                                label: "Nē".into(),
                            },
                        ],
                        yes_no: true,
                    },
                    Ty::Num => {
                        self.err(CheckError::TypeMismatch {
                            expected: "a single choice or yes/no".into(),
                            found: self.ty_name(t.ty),
                            span: n.span,
                            help: format!(
                                "`by` makes one group per option; group a number with `bands {} {{ \"<label>\" < <number> ... \"<label>\" else }}` or `quartiles {}`",
                                n.node, n.node
                            ),
                        });
                        return None;
                    }
                    _ => {
                        self.err(CheckError::TypeMismatch {
                            expected: "a single choice or yes/no".into(),
                            found: self.ty_name(t.ty),
                            span: n.span,
                            help: "a unit must fall in exactly one group: group by a single choice, a yes/no question, or a `let` such as `let has_x = q has x`".into(),
                        });
                        return None;
                    }
                };
                (n, kind)
            }
            ast::GroupingKind::Quartiles(n) => {
                let (value, _) = self.group_number(n)?;
                (n, hir::GroupingKind::Quartiles { value })
            }
            ast::GroupingKind::Bands { value, bands, span } => {
                let (v, _) = self.group_number(value)?;
                let bands = self.bands(bands, *span)?;
                (value, hir::GroupingKind::Bands { value: v, bands })
            }
        };
        let title = match &g.title {
            Some(t) => t.node.clone(),
            None => match self.schema.lookup(&name.node) {
                Some(crate::schema::Ref::Question(i)) => self.schema.questions[i].lv.clone(),
                Some(crate::schema::Ref::Meta(i)) => self.schema.meta[i].lv.clone(),
                None => g.name.node.clone(),
            },
        };
        Some(hir::Grouping {
            name: g.name.node.clone(),
            title,
            kind,
            span: g.name.span,
        })
    }

    /// Resolves the value a grouping reads: a question, metadata field or `let`.
    fn group_value(&mut self, n: &ast::Name) -> Option<(GroupValue, Typed)> {
        let e = ast::Expr {
            kind: Box::new(ast::ExprKind::Name(n.node.clone())),
            span: n.span,
        };
        let t = self.expr(
            &e,
            Ctx {
                section: None,
                in_ask_if: false,
            },
            0,
        )?;
        let value = match t.expr {
            hir::Expr::Slot(s) => GroupValue::Slot(s),
            hir::Expr::Let(l) => GroupValue::Let(l),
            _ => {
                self.err(CheckError::GroupByConstant {
                    name: n.node.clone(),
                    span: n.span,
                });
                return None;
            }
        };
        Some((value, t))
    }

    fn group_number(&mut self, n: &ast::Name) -> Option<(GroupValue, Typed)> {
        let (value, t) = self.group_value(n)?;
        if t.ty == Ty::Num {
            return Some((value, t));
        }
        let help = if matches!(t.ty, Ty::Choice(_) | Ty::Bool) {
            format!(
                "bands and quartiles cut a number; group a choice with `by {}`",
                n.node
            )
        } else {
            "bands and quartiles cut a number: a numeric question, metadata field or `let`".into()
        };
        self.err(CheckError::TypeMismatch {
            expected: "a number".into(),
            found: self.ty_name(t.ty),
            span: n.span,
            help,
        });
        None
    }

    fn bands(&mut self, bands: &[ast::Band], span: Span) -> Option<Vec<hir::Band>> {
        if bands.is_empty() {
            self.err(CheckError::NoBands { span });
            return None;
        }
        let mut ok = true;
        let mut labels: HashMap<&str, Span> = HashMap::new();
        let mut prev: Option<(Num, bool, Span)> = None;
        let mut else_seen = false;
        let last = bands.len() - 1;
        let mut out = Vec::with_capacity(bands.len());
        for (i, b) in bands.iter().enumerate() {
            if b.label.node.trim().is_empty() {
                self.err(CheckError::EmptyBandLabel { span: b.label.span });
                ok = false;
            } else if labels.contains_key(b.label.node.as_str()) {
                self.err(CheckError::Duplicate {
                    what: "band label",
                    name: b.label.node.clone(),
                    span: b.label.span,
                    help: "each band of a grouping needs its own label".into(),
                });
                ok = false;
            } else {
                labels.insert(&b.label.node, b.label.span);
            }
            match &b.upper {
                None if i != last => {
                    else_seen = true;
                    self.err(CheckError::ElseBandNotLast { span: b.span });
                    ok = false;
                }
                None => {}
                Some(bound) => {
                    let (v, incl) = (bound.value.node, bound.inclusive);
                    if let Some((pv, pincl, _)) = prev {
                        // `< 5` then `<= 5` is fine (the band of exactly 5); anything lower is not
                        let increasing = v > pv || (v == pv && incl && !pincl);
                        if !increasing {
                            self.err(CheckError::BandsNotIncreasing {
                                previous: cut_point(pv, pincl),
                                bound: cut_point(v, incl),
                                span: bound.value.span,
                            });
                            ok = false;
                        }
                    }
                    prev = Some((v, incl, bound.value.span));
                    if i == last && !else_seen {
                        self.err(CheckError::MissingElseBand {
                            bound: bound.value.node,
                            span: b.span,
                        });
                        ok = false;
                    }
                }
            }
            out.push(hir::Band {
                label: b.label.node.clone(),
                upper: b.upper.as_ref().map(|u| (u.value.node, u.inclusive)),
            });
        }
        ok.then_some(out)
    }
}

/// A band's upper bound as written: `< 100` or `<= 100`.
fn cut_point(v: Num, inclusive: bool) -> String {
    format!("{}{v}", if inclusive { "<= " } else { "< " })
}
