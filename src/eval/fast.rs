//! The fast paths: each rule prepared once in a form that gives the same results as the
//! reference evaluator (`reference.rs`) with less work. A table of one or two questions becomes a
//! lookup over classes of values ([`Fast::Lookup`], classes by [`Column`]); a `sum` whose option
//! points are integers adds integers ([`Fast::IntSum`]). The integer kernel (`kernel.rs`) is built
//! from these forms. Tests compare every fast path with the reference evaluator
//! (`Evaluator::without_fast_paths`).

use super::kernel::Kernel;
use super::reference::{table_rule, WhyLite};
use super::Evaluator;
use crate::hir::{Cell, HitPolicy, MissingState};
use crate::num::Num;
use crate::plan::{Plan, RuleKind, RulePlan};
use crate::value::Value;

/// The fast forms of a plan's rules (see the module documentation).
pub(super) struct Tables {
    /// A faster equivalent form of each rule, prepared once (see [`Fast`]).
    pub(super) rules: Vec<Fast>,
    /// All rules in integer form, for evaluations without trace (`None`: some rule has no such
    /// form, or a section's maximum overflows).
    pub(super) kernel: Option<Kernel>,
    /// Every rule on the general path and sections summed as rationals (tests compare the fast
    /// paths with this).
    pub(super) general_only: bool,
}

impl Tables {
    /// The fast forms of `plan`'s rules; `full_max` is each section's maximum when no rule is
    /// excluded (`None`: the sum overflows).
    pub(super) fn new(plan: &Plan, full_max: &[Option<Num>]) -> Tables {
        let rules: Vec<Fast> = plan.rules.iter().map(Fast::of).collect();
        // the kernel's section sums are used as they are: every maximum must be known
        let kernel = if full_max.iter().all(Option::is_some) {
            Kernel::new(plan, &rules)
        } else {
            None
        };
        Tables {
            rules,
            kernel,
            general_only: false,
        }
    }

    /// No fast form at all: every rule on the general path.
    pub(super) fn general(plan: &Plan) -> Tables {
        Tables {
            rules: plan.rules.iter().map(|_| Fast::General).collect(),
            kernel: None,
            general_only: true,
        }
    }
}

/// What a rule gives for given inputs, prepared in advance; `int` is the points as an integer
/// (when they are one).
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Entry {
    pub(super) points: Option<Num>,
    pub(super) why: WhyLite,
    pub(super) int: Option<i64>,
}

impl Entry {
    fn new((points, why): (Option<Num>, WhyLite)) -> Entry {
        Entry {
            points,
            why,
            int: int_of(points),
        }
    }
}

/// Points as a 64-bit integer, if they are one (`None` also for an excluded rule).
pub(super) fn int_of(points: Option<Num>) -> Option<i64> {
    points.and_then(Num::to_i64)
}

/// The class of a choice, missing state or yes/no for a [`Column`] whose options from `bound` on
/// are named by no cell (see there); `None` for other values.
#[inline(always)]
pub(super) fn plain_class(v: &Value, bound: usize) -> Option<usize> {
    match *v {
        Value::Choice(c) if c < 128 => Some(usize::from(c).min(bound)),
        Value::Missing(m) => Some(bound + 1 + m.index()),
        Value::Bool(b) => Some(bound + 5 + usize::from(b)),
        _ => None,
    }
}

/// How one input of a table is classified for [`Fast::Lookup`]: `Choice(c)` for `c < bound`
/// is class `c`; `Choice(bound..128)` class `bound` (no cell tells them apart); then the four
/// missing states; then `Bool(false)`, `Bool(true)`; then, when the table's cells compare the
/// input with numbers (`breaks`, ascending), one class per open interval between two breaks and
/// one per break (`< b0`, `b0`, `(b0, b1)`, …, `> bk`): every cell matches all numbers of a
/// class or none. Other values have no class.
#[derive(Clone)]
pub(super) struct Column {
    pub(super) slot: usize,
    pub(super) bound: usize,
    pub(super) breaks: Vec<Num>,
    /// `breaks` as 64-bit integers, when they all are: whole-number answers are then
    /// classified without rational comparisons.
    pub(super) int_breaks: Option<Vec<i64>>,
    /// `count_classes()`, kept.
    classes: usize,
}

impl Column {
    fn new(slot: usize, bound: usize, breaks: Vec<Num>) -> Column {
        let int_breaks = breaks.iter().map(|b| b.to_i64()).collect();
        let mut c = Column {
            slot,
            bound,
            breaks,
            int_breaks,
            classes: 0,
        };
        c.classes = c.count_classes();
        c
    }

    /// The column of a table's input `j`, which reads `slot` as it is: the options the
    /// table's cells name and the numbers its ranges break at.
    fn of_input(slot: usize, rows: &[(Vec<Cell>, Num)], j: usize) -> Column {
        let used = rows.iter().fold(0u128, |m, (cells, _)| match cells.get(j) {
            Some(Cell::Options { mask, .. }) => m | mask,
            _ => m,
        });
        let mut breaks: Vec<Num> = rows
            .iter()
            .filter_map(|(cells, _)| match cells.get(j) {
                Some(Cell::Range(iv)) => Some(iv),
                _ => None,
            })
            .flat_map(|iv| iv.low.into_iter().chain(iv.high).map(|b| b.0))
            .collect();
        breaks.sort();
        breaks.dedup();
        Column::new(slot, (128 - used.leading_zeros() as usize).min(127), breaks)
    }

    #[inline]
    pub(super) fn classes(&self) -> usize {
        self.classes
    }

    fn count_classes(&self) -> usize {
        let numbers = if self.breaks.is_empty() {
            0
        } else {
            2 * self.breaks.len() + 1
        };
        self.bound + 1 + 4 + 2 + numbers
    }

    #[inline(always)]
    pub(super) fn class(&self, v: &Value) -> Option<usize> {
        if let Some(class) = plain_class(v, self.bound) {
            return Some(class);
        }
        match *v {
            Value::Num(n) if !self.breaks.is_empty() => {
                if let Some(ib) = &self.int_breaks {
                    if let Some(x) = n.to_i64() {
                        let i = ib.partition_point(|b| *b < x);
                        let exact = ib.get(i) == Some(&x);
                        return Some(self.bound + 7 + 2 * i + usize::from(exact));
                    }
                }
                let i = self.breaks.partition_point(|b| *b < n);
                let exact = self.breaks.get(i) == Some(&n);
                Some(self.bound + 7 + 2 * i + usize::from(exact))
            }
            _ => None,
        }
    }

    /// A value of each class (`None`: no number lies strictly between two breaks, which
    /// cannot happen for distinct rationals, or the arithmetic overflows).
    fn value(&self, class: usize) -> Option<Value> {
        Some(if class <= self.bound {
            Value::Choice(class as u16)
        } else if class <= self.bound + 4 {
            Value::Missing(MissingState::ALL[class - self.bound - 1])
        } else if class <= self.bound + 6 {
            Value::Bool(class == self.bound + 6)
        } else {
            let k = class - self.bound - 7;
            let i = k / 2;
            if k % 2 == 1 {
                Value::Num(*self.breaks.get(i)?)
            } else {
                let n = match (i.checked_sub(1).map(|j| self.breaks[j]), self.breaks.get(i)) {
                    (None, Some(hi)) => hi.sub(Num::ONE).ok()?,
                    (Some(lo), None) => lo.add(Num::ONE).ok()?,
                    (Some(lo), Some(hi)) => lo.add(*hi).ok()?.div(Num::int(2)).ok()??,
                    (None, None) => return None,
                };
                Value::Num(n)
            }
        })
    }
}

/// A rule in a form that gives the same results with less work.
pub(super) enum Fast {
    /// A table (every `match` is one) with one or two inputs that read questions as they are:
    /// the result for every combination of input classes (`None`: take the general path).
    Lookup {
        columns: Vec<Column>,
        /// `distinct[index[k]]` is the result for class combination `k` (`u16::MAX`: none).
        /// Two bytes per combination: a table's few distinct results are shared, and the
        /// tables of a whole ruleset stay in the fastest cache.
        index: Vec<u16>,
        distinct: Vec<Entry>,
        /// The integer points of each combination (`i32::MIN`: not an integer that fits, or no
        /// result): what an evaluation without trace needs, one load away.
        ints: Vec<i32>,
    },
    /// `sum` whose option points are all integers.
    IntSum {
        slot: usize,
        points: Vec<i64>,
        cap: Option<Num>,
        floor: Option<Num>,
        /// `cap` and `floor` as 64-bit integers, when they are (`i64::MAX` / `i64::MIN`: none).
        int_limits: Option<(i64, i64)>,
    },
    General,
}

impl Fast {
    pub(super) fn of(r: &RulePlan) -> Fast {
        match &r.kind {
            RuleKind::Sum {
                slot,
                points,
                cap,
                floor,
            } if points.iter().all(|p| p.is_integer()) => Fast::of_sum(*slot, points, *cap, *floor),
            RuleKind::Table {
                policy,
                inputs,
                rows,
                from_match,
            } if (1..=2).contains(&inputs.len()) => {
                let mut columns = Vec::new();
                for (j, code) in inputs.iter().enumerate() {
                    let [crate::plan::Op::Slot(slot)] = code.ops.as_slice() else {
                        return Fast::General;
                    };
                    columns.push(Column::of_input(*slot as usize, rows, j));
                }
                Fast::of_table(r, *policy, rows, *from_match, columns)
            }
            _ => Fast::General,
        }
    }

    /// A `sum` whose option points are all integers.
    fn of_sum(slot: u32, points: &[Num], cap: Option<Num>, floor: Option<Num>) -> Fast {
        let ints: Option<Vec<i64>> = points.iter().map(|p| p.to_i64()).collect();
        match ints {
            Some(points) if points.len() <= 128 => {
                let int = |b: Option<Num>, none: i64| b.map_or(Some(none), Num::to_i64);
                let int_limits = match (int(cap, i64::MAX), int(floor, i64::MIN)) {
                    (Some(c), Some(f)) => Some((c, f)),
                    _ => None,
                };
                Fast::IntSum {
                    slot: slot as usize,
                    points,
                    cap,
                    floor,
                    int_limits,
                }
            }
            _ => Fast::General,
        }
    }

    /// A table whose inputs read questions as they are (classified by `columns`): its result
    /// for every combination of classes, computed by the reference evaluator.
    fn of_table(
        r: &RulePlan,
        policy: HitPolicy,
        rows: &[(Vec<Cell>, Num)],
        from_match: bool,
        columns: Vec<Column>,
    ) -> Fast {
        let total: usize = columns.iter().map(|c| c.classes()).product();
        if total > 4096 {
            return Fast::General;
        }
        let mut hits = Vec::new();
        let mut inputs = Vec::with_capacity(columns.len());
        let mut distinct: Vec<Entry> = Vec::new();
        let index: Vec<u16> = (0..total)
            .map(|mut k| {
                inputs.clear();
                for c in columns.iter().rev() {
                    inputs.push(c.value(k % c.classes())?);
                    k /= c.classes();
                }
                inputs.reverse();
                let e = match table_rule(r, policy, rows, from_match, &inputs, &mut hits) {
                    Ok((_, WhyLite::Hits)) | Err(_) => return None,
                    Ok(res) => Entry::new(res),
                };
                let at = match distinct.iter().position(|d| *d == e) {
                    Some(at) => at,
                    None => {
                        distinct.push(e);
                        distinct.len() - 1
                    }
                };
                // total <= 4096 combinations, so fewer distinct results than u16::MAX
                u16::try_from(at).ok()
            })
            .map(|at| at.unwrap_or(u16::MAX))
            .collect();
        let ints = index
            .iter()
            .map(|&at| {
                distinct
                    .get(usize::from(at))
                    .and_then(|e| e.int)
                    .and_then(|p| i32::try_from(p).ok())
                    .filter(|p| *p != i32::MIN)
                    .unwrap_or(i32::MIN)
            })
            .collect();
        Fast::Lookup {
            columns,
            index,
            distinct,
            ints,
        }
    }

    /// The prepared integer points for `answers`, if this is a lookup that has them.
    #[inline(always)]
    pub(super) fn lookup_int(&self, answers: &[Value]) -> Option<i32> {
        let Fast::Lookup { columns, ints, .. } = self else {
            return None;
        };
        let p = *ints.get(combination(columns, answers)?)?;
        (p != i32::MIN).then_some(p)
    }

    /// The prepared result for `answers`, if this is a lookup that has one.
    #[inline(always)]
    pub(super) fn lookup(&self, answers: &[Value]) -> Option<&Entry> {
        let Fast::Lookup {
            columns,
            index,
            distinct,
            ..
        } = self
        else {
            return None;
        };
        distinct.get(usize::from(*index.get(combination(columns, answers)?)?))
    }

    /// The points, why and integer points for `answers` when the prepared form has them
    /// (`None`: take the general path). Without `trace` only the points count (`why` is not
    /// read).
    #[inline(always)]
    pub(super) fn scored(
        &self,
        answers: &[Value],
        trace: bool,
    ) -> Option<(Option<Num>, WhyLite, Option<i64>)> {
        match self {
            Fast::Lookup { .. } if !trace => self.lookup_int(answers).map(|p| {
                (
                    Some(Num::int(i128::from(p))),
                    WhyLite::Expression,
                    Some(i64::from(p)),
                )
            }),
            Fast::Lookup { .. } => self.lookup(answers).map(|e| (e.points, e.why, e.int)),
            Fast::IntSum {
                slot,
                points,
                int_limits: Some((cap, floor)),
                ..
            } => match answers[*slot] {
                Value::Multi(sel) => {
                    let (v, limited) = int_sum(points, sel, *cap, *floor);
                    Some((
                        Some(Num::int(v)),
                        WhyLite::Sum { limited },
                        i64::try_from(v).ok(),
                    ))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The points and why for `answers` when the prepared form has them, with a rational
    /// cap or floor too (`None`: take the general path).
    #[inline]
    pub(super) fn result(&self, answers: &[Value]) -> Option<(Option<Num>, WhyLite)> {
        match self {
            Fast::Lookup { .. } => self.lookup(answers).map(|e| (e.points, e.why)),
            Fast::IntSum {
                slot,
                points,
                cap,
                floor,
                int_limits,
            } => {
                let Value::Multi(sel) = answers[*slot] else {
                    return None;
                };
                if let Some((cap, floor)) = int_limits {
                    let (v, limited) = int_sum(points, sel, *cap, *floor);
                    return Some((Some(Num::int(v)), WhyLite::Sum { limited }));
                }
                let raw = Num::int(int_total(points, sel));
                let mut v = raw;
                if let Some(c) = cap {
                    v = v.min(*c);
                }
                if let Some(f) = floor {
                    v = v.max(*f);
                }
                Some((Some(v), WhyLite::Sum { limited: v != raw }))
            }
            Fast::General => None,
        }
    }
}

/// The class combination of a table rule's inputs for `answers`.
#[inline(always)]
fn combination(columns: &[Column], answers: &[Value]) -> Option<usize> {
    let mut k = 0;
    for c in columns {
        let v = answers.get(c.slot).unwrap_or(&Value::UNANSWERED);
        k = k * c.classes() + c.class(v)?;
    }
    Some(k)
}

/// The integer option points of the selection `sel`, added. (At most 128 points of 64 bits:
/// the sum fits in 128 bits.)
#[inline(always)]
pub(super) fn int_total(points: &[i64], sel: u128) -> i128 {
    let mut bits = sel;
    let mut total: i128 = 0;
    while bits != 0 {
        let b = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let Some(p) = points.get(b) {
            total += i128::from(*p);
        }
    }
    total
}

/// A `sum` of integer option points over the selection `sel`, limited to `floor..=cap`; and
/// whether the limit applied.
#[inline(always)]
fn int_sum(points: &[i64], sel: u128, cap: i64, floor: i64) -> (i128, bool) {
    let total = int_total(points, sel);
    let v = total.min(i128::from(cap)).max(i128::from(floor));
    (v, v != total)
}

impl Evaluator<'_> {
    /// Each section's points by the kernel into `int_sums`, when it has them for the current
    /// answers (`false`: evaluate the rules the ordinary way).
    #[inline]
    pub(super) fn kernel_sums(&mut self) -> bool {
        let Some(k) = &mut self.fast.kernel else {
            return false;
        };
        if !k.run(&self.answers) {
            return false;
        }
        self.int_sums.clear();
        self.int_sums
            .extend(k.sums.iter().map(|&s| Some(i128::from(s))));
        true
    }
}
