//! Texts for the reasons: expressions, answers and sets of values as the rules language
//! writes them.

use super::domain::{question, Domain};
use crate::hir::{Arith, Cmp, Expr, Program, Require, Ty};
use crate::value::Value;

/// An answer to slot `s`, as a cell would hold it.
pub(super) fn value(p: &Program, s: usize, v: Value) -> String {
    let opts = question(p, s).kind.options();
    let opt = |i: usize| {
        opts.get(i)
            .map_or_else(|| format!("#{i}"), |o| o.id.clone())
    };
    match v {
        Value::Num(n) => n.to_string(),
        Value::Bool(b) => if b { "yes" } else { "no" }.into(),
        Value::Choice(i) => opt(usize::from(i)),
        Value::Multi(0) => "nothing selected".into(),
        Value::Multi(m) => (0..128)
            .filter(|i| m & (1u128 << i) != 0)
            .map(opt)
            .collect::<Vec<_>>()
            .join("|"),
        Value::Missing(m) => m.as_str().into(),
        Value::Text => "a text".into(),
    }
}

/// `q_a = 1, q_b = yes` for the given slots of an answer vector.
pub(super) fn answers(p: &Program, slots: &[usize], a: &[Value]) -> String {
    slots
        .iter()
        .map(|&s| format!("{} = {}", question(p, s).id, value(p, s, a[s])))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The values tried: `q_a 0, 1, 2, 1000; q_b yes, no`.
pub(super) fn tried(p: &Program, d: &Domain) -> String {
    d.slots
        .iter()
        .zip(&d.values)
        .map(|(&s, vals)| {
            let list: Vec<String> = vals.iter().map(|&v| value(p, s, v)).collect();
            format!("{} {}", question(p, s).id, list.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A `require` as written: `exclusive(q, none)` or its condition.
pub(super) fn require(p: &Program, r: &Require) -> String {
    match r.exclusive {
        Some((s, mask)) => {
            let q = question(p, s);
            let mut parts = vec![q.id.clone()];
            parts.extend(
                q.kind
                    .options()
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1u128 << i) != 0)
                    .map(|(_, o)| o.id.clone()),
            );
            format!("exclusive({})", parts.join(", "))
        }
        None => expr(p, &r.expr),
    }
}

/// The choice question whose options a value of `e` is, if any.
fn choice_of(p: &Program, e: &Expr) -> Option<usize> {
    match e {
        Expr::Slot(s) => Some(*s),
        Expr::Let(i) => match p.lets.get(*i)?.ty {
            Ty::Choice(s) | Ty::Multi(s) => Some(s),
            _ => None,
        },
        Expr::If(_, a, b) => choice_of(p, a).or_else(|| choice_of(p, b)),
        _ => None,
    }
}

fn options(p: &Program, slot: Option<usize>, mask: u128) -> String {
    let opts = slot.map(|s| question(p, s).kind.options()).unwrap_or(&[]);
    let names: Vec<String> = (0..128usize)
        .filter(|i| mask & (1u128 << i) != 0)
        .map(|i| {
            opts.get(i)
                .map_or_else(|| format!("#{i}"), |o| o.id.clone())
        })
        .collect();
    names.join(", ")
}

/// An expression in the rules language (parenthesised where it nests).
pub(super) fn expr(p: &Program, e: &Expr) -> String {
    expr_in(p, e, None)
}

/// How tightly an expression binds (higher: tighter).
fn precedence(e: &Expr) -> u8 {
    match e {
        Expr::If(..) => 0,
        Expr::Or(..) => 1,
        Expr::And(..) => 2,
        Expr::Not(..) => 3,
        Expr::Cmp(..) | Expr::In(..) | Expr::Has(..) => 4,
        Expr::Arith(Arith::Add | Arith::Sub, ..) => 5,
        Expr::Arith(Arith::Mul, ..) => 6,
        Expr::Neg(..) => 7,
        _ => 8,
    }
}

fn expr_in(p: &Program, e: &Expr, hint: Option<usize>) -> String {
    let own = precedence(e);
    // a left operand may bind as tightly as its parent (`a or b or c`); a right one must bind
    // tighter (`a - (b - c)`)
    let side = |x: &Expr, right: bool| {
        let t = expr_in(p, x, hint);
        let px = precedence(x);
        if px < own || (right && px == own && own >= 4) {
            format!("({t})")
        } else {
            t
        }
    };
    let sub = |x: &Expr| side(x, false);
    let rhs = |x: &Expr| side(x, true);
    let list = |xs: &[Expr]| xs.iter().map(|x| expr(p, x)).collect::<Vec<_>>().join(", ");
    match e {
        Expr::Num(n) => n.to_string(),
        Expr::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Expr::Option(o) => options(p, hint, 1u128 << o),
        Expr::Missing => "missing".into(),
        Expr::Slot(s) | Expr::Answered(s) | Expr::Asked(s) => {
            let id = &question(p, *s).id;
            match e {
                Expr::Answered(_) => format!("answered({id})"),
                Expr::Asked(_) => format!("asked({id})"),
                _ => id.clone(),
            }
        }
        Expr::Let(i) => p.lets.get(*i).map_or("?".into(), |l| l.name.clone()),
        Expr::AnsweredAny(_) => "answered_any".into(),
        Expr::Neg(x) => format!("-{}", sub(x)),
        Expr::Not(x) => format!("not {}", sub(x)),
        Expr::Arith(op, a, b) => {
            let sym = match op {
                Arith::Add => "+",
                Arith::Sub => "-",
                Arith::Mul => "*",
            };
            format!("{} {sym} {}", sub(a), rhs(b))
        }
        Expr::Cmp(op, a, b) => {
            let h = choice_of(p, a).or_else(|| choice_of(p, b));
            let sym = match op {
                Cmp::Eq => "=",
                Cmp::Ne => "!=",
                Cmp::Lt => "<",
                Cmp::Le => "<=",
                Cmp::Gt => ">",
                Cmp::Ge => ">=",
            };
            format!("{} {sym} {}", expr_in(p, a, h), expr_in(p, b, h))
        }
        Expr::And(a, b) => format!("{} and {}", sub(a), rhs(b)),
        Expr::Or(a, b) => format!("{} or {}", sub(a), rhs(b)),
        Expr::In(x, mask, neg) => {
            let not = if *neg { "not " } else { "" };
            let set = options(p, choice_of(p, x), *mask);
            format!("{} {not}in {{{set}}}", sub(x))
        }
        Expr::Has(x, mask, all) => {
            let set = options(p, choice_of(p, x), *mask);
            match (mask.count_ones(), all) {
                (1, _) => format!("{} has {set}", sub(x)),
                (_, true) => format!("{} has all {{{set}}}", sub(x)),
                (_, false) => format!("{} has any {{{set}}}", sub(x)),
            }
        }
        Expr::Count(x) => format!("count({})", expr(p, x)),
        Expr::Ratio(a, b, zero) => {
            let z = zero.map_or("missing".into(), |z| z.to_string());
            format!("ratio({}, {}, zero: {z})", expr(p, a), expr(p, b))
        }
        Expr::Min(xs) => format!("min({})", list(xs)),
        Expr::Max(xs) => format!("max({})", list(xs)),
        Expr::If(c, a, b) => format!(
            "if {} then {} else {}",
            expr(p, c),
            expr_in(p, a, hint),
            expr_in(p, b, hint)
        ),
    }
}
