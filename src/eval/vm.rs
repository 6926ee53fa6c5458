//! The bytecode interpreter for compiled expressions.

use crate::hir::{Arith, Cmp};
use crate::num::{Num, Overflow};
use crate::plan::{Code, Op, SectionPlan};
use crate::value::Value;

/// What an expression can read.
pub struct Ctx<'a> {
    pub answers: &'a [Value],
    pub asked: &'a [bool],
    pub lets: &'a [Value],
    pub sections: &'a [SectionPlan],
}

#[derive(Default)]
pub struct Vm {
    stack: Vec<Value>,
}

impl Vm {
    pub fn run(&mut self, code: &Code, ctx: &Ctx<'_>) -> Result<Value, Overflow> {
        self.stack.clear();
        let ops = &code.ops;
        let mut pc = 0usize;
        while pc < ops.len() {
            let op = ops[pc];
            pc += 1;
            let v = match op {
                Op::Const(v) => v,
                Op::Slot(s) => ctx
                    .answers
                    .get(s as usize)
                    .copied()
                    .unwrap_or(Value::UNANSWERED),
                Op::Let(l) => ctx
                    .lets
                    .get(l as usize)
                    .copied()
                    .unwrap_or(Value::UNANSWERED),
                Op::Answered(s) => {
                    Value::Bool(ctx.answers.get(s as usize).is_some_and(|v| v.is_answered()))
                }
                Op::Asked(s) => Value::Bool(ctx.asked.get(s as usize).copied().unwrap_or(true)),
                Op::AnsweredAny(sec) => {
                    Value::Bool(ctx.sections.get(sec as usize).is_some_and(|sp| {
                        sp.questions
                            .iter()
                            .any(|&q| ctx.answers[q as usize].is_answered())
                    }))
                }
                Op::Neg => match self.pop() {
                    Value::Num(n) => Value::Num(n.neg()?),
                    other => other,
                },
                Op::Not => match self.pop() {
                    Value::Bool(b) => Value::Bool(!b),
                    other => other,
                },
                Op::Arith(a) => {
                    let (x, y) = self.pop2();
                    arith(a, x, y)?
                }
                Op::Cmp(c) => {
                    let (x, y) = self.pop2();
                    cmp(c, x, y)
                }
                Op::And => {
                    let (x, y) = self.pop2();
                    and(x, y)
                }
                Op::Or => {
                    let (x, y) = self.pop2();
                    or(x, y)
                }
                Op::In(mask, negated) => match self.pop() {
                    Value::Choice(i) => Value::Bool((mask & (1u128 << i) != 0) != negated),
                    other => other,
                },
                Op::Has(mask, all) => match self.pop() {
                    Value::Multi(sel) => Value::Bool(if all {
                        sel & mask == mask
                    } else {
                        sel & mask != 0
                    }),
                    other => other,
                },
                Op::Count => match self.pop() {
                    Value::Multi(sel) => Value::Num(Num::int(i128::from(sel.count_ones()))),
                    other => other,
                },
                Op::Ratio(zero) => {
                    let (x, y) = self.pop2();
                    ratio(zero, x, y)?
                }
                Op::Min(n) => self.min_max(n, true),
                Op::Max(n) => self.min_max(n, false),
                Op::Branch { else_, end } => match self.pop() {
                    Value::Bool(true) => continue,
                    Value::Bool(false) => {
                        pc = else_ as usize;
                        continue;
                    }
                    other => {
                        pc = end as usize;
                        other
                    }
                },
                Op::Jump(t) => {
                    pc = t as usize;
                    continue;
                }
            };
            self.stack.push(v);
        }
        Ok(self.stack.pop().unwrap_or(Value::UNANSWERED))
    }

    /// `min` (or else `max`) of the top `n` values, popped: the first missing one if any.
    #[inline]
    fn min_max(&mut self, n: u32, min: bool) -> Value {
        let at = self.stack.len().saturating_sub(n as usize);
        let mut acc: Option<Num> = None;
        let mut missing = None;
        for v in self.stack.drain(at..) {
            match v {
                Value::Num(x) => {
                    acc = Some(match acc {
                        None => x,
                        Some(a) if min => a.min(x),
                        Some(a) => a.max(x),
                    })
                }
                other => missing = missing.or(Some(other)),
            }
        }
        match (missing, acc) {
            (Some(m), _) => m,
            (None, Some(a)) => Value::Num(a),
            (None, None) => Value::UNANSWERED,
        }
    }

    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::UNANSWERED)
    }

    fn pop2(&mut self) -> (Value, Value) {
        let y = self.pop();
        let x = self.pop();
        (x, y)
    }
}

/// `x + y`, `x - y` or `x * y`; a missing operand if there is one.
#[inline]
fn arith(a: Arith, x: Value, y: Value) -> Result<Value, Overflow> {
    Ok(match (x, y) {
        (Value::Num(x), Value::Num(y)) => Value::Num(match a {
            Arith::Add => x.add(y)?,
            Arith::Sub => x.sub(y)?,
            Arith::Mul => x.mul(y)?,
        }),
        _ => missing_of(x, y),
    })
}

/// A comparison; a missing operand if there is one.
#[inline]
fn cmp(c: Cmp, x: Value, y: Value) -> Value {
    match (x, y) {
        (Value::Missing(_), _) | (_, Value::Missing(_)) => missing_of(x, y),
        _ => Value::Bool(compare(c, x, y)),
    }
}

/// `x and y`: false if either is false, else a missing operand if there is one.
#[inline]
fn and(x: Value, y: Value) -> Value {
    match (x, y) {
        (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
        (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
        _ => missing_of(x, y),
    }
}

/// `x or y`: true if either is true, else a missing operand if there is one.
#[inline]
fn or(x: Value, y: Value) -> Value {
    match (x, y) {
        (Value::Bool(true), _) | (_, Value::Bool(true)) => Value::Bool(true),
        (Value::Bool(false), Value::Bool(false)) => Value::Bool(false),
        _ => missing_of(x, y),
    }
}

/// `ratio(x, y)`: `zero` (or unanswered) when `y` is 0; a missing operand if there is one.
#[inline]
fn ratio(zero: Option<Num>, x: Value, y: Value) -> Result<Value, Overflow> {
    Ok(match (x, y) {
        (Value::Num(x), Value::Num(y)) => match x.div(y)? {
            Some(q) => Value::Num(q),
            None => zero.map_or(Value::UNANSWERED, Value::Num),
        },
        _ => missing_of(x, y),
    })
}

/// The missing operand (the first one) of a binary operation.
fn missing_of(x: Value, y: Value) -> Value {
    match (x, y) {
        (Value::Missing(_), _) => x,
        (_, Value::Missing(_)) => y,
        _ => Value::UNANSWERED,
    }
}

fn compare(c: Cmp, x: Value, y: Value) -> bool {
    let ord = match (x, y) {
        (Value::Num(a), Value::Num(b)) => a.cmp(&b),
        _ => {
            return match c {
                Cmp::Eq => x == y,
                Cmp::Ne => x != y,
                _ => false,
            }
        }
    };
    match c {
        Cmp::Eq => ord.is_eq(),
        Cmp::Ne => ord.is_ne(),
        Cmp::Lt => ord.is_lt(),
        Cmp::Le => ord.is_le(),
        Cmp::Gt => ord.is_gt(),
        Cmp::Ge => ord.is_ge(),
    }
}
