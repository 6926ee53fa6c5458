//! The integer kernel: every rule of a plan in one flat, copyable form for evaluations without
//! trace (`eindex eval` to CSV), prepared once from the rules' fast forms ([`Fast`]).
//!
//! A kernel rule reads its questions' answers and returns its points as an integer, or `None`
//! when this answer combination needs the general path (a number the breaks are not integers
//! for, an excluded rule, points that are no integer, …). The first `None` makes the evaluator
//! drop the kernel's work for this unit and evaluate it the ordinary way, so the kernel only
//! ever gives results the ordinary path gives (tests compare both on every combination).
//!
//! Why a separate form: the ordinary loop goes through the rule's `Fast` enum (about 100 bytes,
//! its tables behind pointers), pushes an `Option<Num>` per rule and adds to an
//! `Option<i128>` per section; here each rule is 24 bytes, the tables of all rules are one
//! vector, and each section's points are one `i64`.

use super::fast::{int_total, plain_class, Column, Fast};
use crate::hir::{MissingState, Outcome};
use crate::plan::{Plan, RuleKind};
use crate::value::Value;

/// One rule of the kernel. `section` is the rule's section; `base` an offset into
/// [`Kernel::ints`] (table points) or [`Kernel::points`] (option points of a `sum`).
#[derive(Clone, Copy, Debug)]
enum KRule {
    /// A table with one input and no number breaks: class by [`plain_class`].
    Choice {
        slot: u32,
        bound: u16,
        section: u16,
        base: u32,
    },
    /// Any other table of [`Fast::Lookup`] form (number breaks, two inputs): its columns are
    /// `cols[col..col + n]`.
    Table {
        col: u32,
        n: u16,
        section: u16,
        base: u32,
    },
    /// `sum` with integer option points, cap and floor: `points[base..base + len]`; a missing
    /// answer gives `missing[m]` (`i32::MIN`: excluded or not an integer).
    Sum {
        slot: u32,
        len: u16,
        section: u16,
        base: u32,
        limits: u32,
    },
}

/// The prepared form of all rules of a plan (see the module documentation).
pub(super) struct Kernel {
    rules: Vec<KRule>,
    /// The tables' integer points, all rules one after another (`i32::MIN`: general path).
    ints: Vec<i32>,
    /// Table columns (of [`KRule::Table`]).
    cols: Vec<Column>,
    /// Option points of the sums.
    points: Vec<i64>,
    /// Per sum: cap, floor and the points of the four missing states (`i32::MIN`: general).
    limits: Vec<(i64, i64, [i32; 4])>,
    /// Points per section of the unit being evaluated.
    pub sums: Vec<i64>,
}

impl Kernel {
    /// The kernel of `plan` whose rules have the fast forms `fast`; `None` when some rule has
    /// none (it would always need the general path) or the sizes do not fit the compact form.
    pub(super) fn new(plan: &Plan, fast: &[Fast]) -> Option<Kernel> {
        let mut k = Kernel {
            rules: Vec::with_capacity(plan.rules.len()),
            ints: Vec::new(),
            cols: Vec::new(),
            points: Vec::new(),
            limits: Vec::new(),
            sums: vec![0; plan.sections.len()],
        };
        for (r, f) in plan.rules.iter().zip(fast) {
            if r.section >= plan.sections.len() {
                return None;
            }
            let section = u16::try_from(r.section).ok()?;
            let base = u32::try_from(k.ints.len()).ok()?;
            let rule = match f {
                Fast::Lookup { columns, ints, .. } => {
                    k.ints.extend_from_slice(ints);
                    match columns.as_slice() {
                        [c] if c.breaks.is_empty() => KRule::Choice {
                            slot: u32::try_from(c.slot).ok()?,
                            bound: u16::try_from(c.bound).ok()?,
                            section,
                            base,
                        },
                        cs => {
                            // number breaks must be integers for the kernel
                            if cs.iter().any(|c| c.int_breaks.is_none()) {
                                return None;
                            }
                            let col = u32::try_from(k.cols.len()).ok()?;
                            k.cols.extend(cs.iter().cloned());
                            KRule::Table {
                                col,
                                n: u16::try_from(cs.len()).ok()?,
                                section,
                                base,
                            }
                        }
                    }
                }
                Fast::IntSum {
                    slot,
                    points,
                    int_limits: Some((cap, floor)),
                    ..
                } => {
                    let RuleKind::Sum { .. } = r.kind else {
                        return None;
                    };
                    let missing = MissingState::ALL.map(|m| match r.handlers[m.index()] {
                        Outcome::Points(p) => p
                            .to_i64()
                            .and_then(|p| i32::try_from(p).ok())
                            .unwrap_or(i32::MIN),
                        Outcome::Exclude => i32::MIN,
                    });
                    let rule = KRule::Sum {
                        slot: u32::try_from(*slot).ok()?,
                        len: u16::try_from(points.len()).ok()?,
                        section,
                        base: u32::try_from(k.points.len()).ok()?,
                        limits: u32::try_from(k.limits.len()).ok()?,
                    };
                    k.points.extend_from_slice(points);
                    k.limits.push((*cap, *floor, missing));
                    rule
                }
                _ => return None,
            };
            k.rules.push(rule);
        }
        Some(k)
    }

    /// Each section's points into `self.sums` for `answers` (one value per slot); `false` when
    /// some rule needs the general path (then `sums` is partial).
    #[inline]
    pub(super) fn run(&mut self, answers: &[Value]) -> bool {
        self.sums.fill(0);
        let unanswered = Value::UNANSWERED;
        for rule in &self.rules {
            let (p, section) = match *rule {
                KRule::Choice {
                    slot,
                    bound,
                    section,
                    base,
                } => {
                    let v = answers.get(slot as usize).unwrap_or(&unanswered);
                    let Some(class) = plain_class(v, usize::from(bound)) else {
                        return false;
                    };
                    (self.ints.get(base as usize + class), section)
                }
                KRule::Table {
                    col,
                    n,
                    section,
                    base,
                } => {
                    let mut k = 0;
                    for c in self
                        .cols
                        .get(col as usize..col as usize + n as usize)
                        .unwrap_or(&[])
                    {
                        let v = answers.get(c.slot).unwrap_or(&unanswered);
                        match c.class(v) {
                            Some(class) => k = k * c.classes() + class,
                            None => return false,
                        }
                    }
                    (self.ints.get(base as usize + k), section)
                }
                KRule::Sum {
                    slot,
                    len,
                    section,
                    base,
                    limits,
                } => {
                    let Some(&(cap, floor, missing)) = self.limits.get(limits as usize) else {
                        return false;
                    };
                    let p = match *answers.get(slot as usize).unwrap_or(&unanswered) {
                        Value::Multi(sel) => {
                            let points = self
                                .points
                                .get(base as usize..base as usize + len as usize)
                                .unwrap_or(&[]);
                            let total = int_total(points, sel);
                            // the ordinary path's i64 conversion of the limited sum
                            match i64::try_from(total.min(i128::from(cap)).max(i128::from(floor))) {
                                Ok(v) => v,
                                Err(_) => return false,
                            }
                        }
                        Value::Missing(m) => match missing[m.index()] {
                            i32::MIN => return false,
                            p => i64::from(p),
                        },
                        _ => return false,
                    };
                    match self.sums.get_mut(section as usize) {
                        Some(s) => match s.checked_add(p) {
                            Some(t) => *s = t,
                            None => return false,
                        },
                        None => return false,
                    }
                    continue;
                }
            };
            match (p, self.sums.get_mut(section as usize)) {
                (Some(&p), Some(s)) if p != i32::MIN => match s.checked_add(i64::from(p)) {
                    Some(t) => *s = t,
                    None => return false,
                },
                _ => return false,
            }
        }
        true
    }
}
