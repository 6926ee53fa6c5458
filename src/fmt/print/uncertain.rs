//! Printing `uncertain { ... }`: one line per input, named weight sets and alternatives as blocks.

use super::{find_after, num, string, Printer};
use crate::syntax::ast::*;

impl Printer<'_> {
    /// `uncertain { entries }`.
    pub(super) fn uncertain(&mut self, u: &UncertainDef, start: usize) {
        let brace = find_after(self.src, start + "uncertain".len(), '{');
        let outer = self.open(start, brace, "uncertain".to_string());
        let mut last = brace + 1;
        for e in &u.entries {
            last = self.uncertain_entry(e);
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// One entry; returns where it ends.
    fn uncertain_entry(&mut self, e: &UncertainEntry) -> usize {
        let src = self.src;
        let (span, line) = match e {
            UncertainEntry::WeightSet {
                name,
                weights,
                span,
            } => {
                let b = find_after(src, name.span.end as usize, '{');
                let inner = self.open(span.start as usize, b, format!("weights {}", name.node));
                let c = self.named_numbers(weights, " ", b + 1);
                self.close(c, inner);
                return c + 1;
            }
            UncertainEntry::Weight {
                section,
                choice,
                span,
            } => (
                *span,
                format!("weight {} {}", section.node, self.choice(choice)),
            ),
            UncertainEntry::Threshold {
                target,
                bound,
                choice,
                span,
            } => (
                *span,
                format!(
                    "threshold {} {} {}",
                    target.node,
                    num(src, bound),
                    self.choice(choice)
                ),
            ),
            UncertainEntry::Missing {
                state,
                choice,
                span,
            } => (
                *span,
                format!("missing {} {}", state.node, self.choice(choice)),
            ),
            UncertainEntry::Alternative(a) => return self.alternative(a),
        };
        self.unit(span.start as usize, span.end as usize, line);
        span.end as usize
    }

    /// `alternative rule "label" en "label" { scoring }`; returns where it ends.
    fn alternative(&mut self, a: &AlternativeDef) -> usize {
        let mut head = format!("alternative {} {}", a.rule.node, string(&a.label.node));
        let mut after = a.label.span.end as usize;
        if let Some(en) = &a.label_en {
            head = format!("{head} en {}", string(&en.node));
            after = en.span.end as usize;
        }
        let brace = find_after(self.src, after, '{');
        let outer = self.open(a.span.start as usize, brace, head);
        if let Some(n) = &a.max {
            self.pin(n);
        }
        let mut last = self.scoring(&a.scoring);
        last = self.handlers(&a.handlers, true, last);
        let close = self.closing(last);
        self.close(close, outer);
        close + 1
    }

    fn choice(&self, c: &Choice) -> String {
        let src = self.src;
        match c {
            Choice::Interval { lo, hi, step, .. } => {
                let mut s = format!("[{}, {}]", num(src, lo), num(src, hi));
                if let Some(st) = step {
                    s = format!("{s} step {}", num(src, st));
                }
                s
            }
            Choice::Set(values, _) => {
                let v: Vec<String> = values
                    .iter()
                    .map(|o| match &o.node {
                        Outcome::Exclude => "exclude".to_string(),
                        Outcome::Points(n) => src
                            .get(o.span.start as usize..o.span.end as usize)
                            .map_or_else(|| n.to_string(), |t| t.trim().to_string()),
                    })
                    .collect();
                format!("{{{}}}", v.join(", "))
            }
        }
    }
}
