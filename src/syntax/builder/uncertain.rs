//! `uncertain { ... }`: the method choices of a robustness analysis.

use super::{Builder, Result};
use crate::source::Spanned;
use crate::syntax::ast::*;
use crate::syntax::error::SyntaxError;
use crate::syntax::grammar::Rule;
use pest::iterators::Pair;

impl Builder<'_> {
    pub(super) fn uncertain(&self, pair: Pair<'_, Rule>) -> Result<UncertainDef> {
        let span = self.span(&pair);
        let c = self.cursor(pair);
        let entries = c
            .inner
            .map(|p| self.uncertain_entry(p))
            .collect::<Result<_>>()?;
        Ok(UncertainDef { entries, span })
    }

    fn uncertain_entry(&self, pair: Pair<'_, Rule>) -> Result<UncertainEntry> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = self.cursor(pair);
        let entry = match rule {
            Rule::u_weights => {
                let name = self.name(c.expect(Rule::ident)?)?;
                let mut weights = Vec::new();
                while let Some(p) = c.optional(Rule::weight) {
                    weights.push(self.weight(p)?);
                }
                UncertainEntry::WeightSet {
                    name,
                    weights,
                    span,
                }
            }
            Rule::u_weight => UncertainEntry::Weight {
                section: self.name(c.expect(Rule::ident)?)?,
                choice: self.choice(c.next()?)?,
                span,
            },
            Rule::u_threshold => {
                let t = c.next()?;
                let target = match t.as_rule() {
                    Rule::index_word => Spanned::new("index".to_string(), self.span(&t)),
                    _ => self.name(t)?,
                };
                UncertainEntry::Threshold {
                    target,
                    bound: self.number(c.expect(Rule::signed_number)?)?,
                    choice: self.choice(c.next()?)?,
                    span,
                }
            }
            Rule::u_missing => UncertainEntry::Missing {
                state: self.name(c.expect(Rule::ident)?)?,
                choice: self.choice(c.next()?)?,
                span,
            },
            Rule::u_alternative => {
                let rule = self.name(c.expect(Rule::ident)?)?;
                let label = self.string(c.expect(Rule::string)?)?;
                let label_en = self.optional_string(&mut c)?;
                let max = match c.optional(Rule::pin) {
                    Some(p) => Some(self.pin(p)?),
                    None => None,
                };
                let scoring = self.scoring(c.next()?)?;
                let handlers = c
                    .inner
                    .by_ref()
                    .map(|p| self.handler(p))
                    .collect::<Result<_>>()?;
                UncertainEntry::Alternative(AlternativeDef {
                    rule,
                    label,
                    label_en,
                    max,
                    scoring,
                    handlers,
                    span,
                })
            }
            _ => {
                return Err(SyntaxError::Internal {
                    message: format!("unexpected `{rule:?}` where an uncertain input was expected"),
                    span,
                })
            }
        };
        c.finish()?;
        Ok(entry)
    }

    fn choice(&self, pair: Pair<'_, Rule>) -> Result<Choice> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::u_interval => {
                let mut c = self.cursor(pair);
                let lo = self.number(c.expect(Rule::signed_number)?)?;
                let hi = self.number(c.expect(Rule::signed_number)?)?;
                let step = match c.optional(Rule::signed_number) {
                    Some(p) => Some(self.number(p)?),
                    None => None,
                };
                c.finish()?;
                Ok(Choice::Interval { lo, hi, step, span })
            }
            Rule::u_set => {
                let c = self.cursor(pair);
                let values = c.inner.map(|p| self.outcome(p)).collect::<Result<_>>()?;
                Ok(Choice::Set(values, span))
            }
            _ => Err(self.internal(&pair, "an interval or a set of values")),
        }
    }
}
