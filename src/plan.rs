//! Lowering: the checked program becomes a flat evaluation plan. Expressions are compiled to a
//! small stack bytecode, so evaluating a unit never walks a syntax tree.

use crate::hir::{self, Arith, Cell, Cmp, Expr, HitPolicy, MissingState, Outcome};
use crate::num::{Num, Rounding};
use crate::value::Value;

/// One bytecode instruction. Operands come from the stack; results go back on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Const(Value),
    Slot(u32),
    Let(u32),
    Neg,
    Not,
    Arith(Arith),
    Cmp(Cmp),
    And,
    Or,
    /// Single choice in the set (bool: negated).
    In(u128, bool),
    /// Multiple choice has any/all (bool: all).
    Has(u128, bool),
    Count,
    Answered(u32),
    Asked(u32),
    AnsweredAny(u32),
    Ratio(Option<Num>),
    Min(u32),
    Max(u32),
    /// Pops the condition: true → next op; false → jump to `else_`; missing → push it, jump to `end`.
    Branch {
        else_: u32,
        end: u32,
    },
    Jump(u32),
}

/// A compiled expression.
#[derive(Debug, Clone, Default)]
pub struct Code {
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone)]
pub enum RuleKind {
    Table {
        policy: HitPolicy,
        inputs: Vec<Code>,
        rows: Vec<(Vec<Cell>, Num)>,
        from_match: bool,
    },
    Sum {
        slot: u32,
        points: Vec<Num>,
        cap: Option<Num>,
        floor: Option<Num>,
    },
    Points(Code),
}

#[derive(Debug, Clone)]
pub struct RulePlan {
    pub section: usize,
    pub kind: RuleKind,
    /// By `MissingState::index()`; states the checker proved impossible fall back to 0 points.
    pub handlers: [Outcome; 4],
    pub max: Num,
}

#[derive(Debug, Clone)]
pub struct SectionPlan {
    pub applicable: Option<Code>,
    pub questions: Vec<u32>,
    pub rules: Vec<usize>,
    pub thresholds: hir::Thresholds,
    pub zero_apart: bool,
    pub max: Num,
}

/// The whole evaluation plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub n_slots: usize,
    pub n_questions: usize,
    /// Follow-up conditions, in dependency order.
    pub ask: Vec<(u32, Code)>,
    pub lets: Vec<Code>,
    pub rules: Vec<RulePlan>,
    pub sections: Vec<SectionPlan>,
    pub weights: Vec<Num>,
    pub min_sections: usize,
    pub index_thresholds: hir::Thresholds,
    pub compare: Option<u32>,
    pub rounding: Rounding,
    /// The constraints, in `Program::constraints` order.
    pub constraints: Vec<ConstraintPlan>,
}

/// A compiled constraint: when `when` is true (or absent), each `requires` must not be false.
#[derive(Debug, Clone)]
pub struct ConstraintPlan {
    pub when: Option<Code>,
    pub requires: Vec<Code>,
}

/// Compiles a checked program.
pub fn lower(p: &hir::Program) -> Plan {
    let nq = p.schema.questions.len();
    Plan {
        n_slots: nq + p.schema.meta.len(),
        n_questions: nq,
        ask: p
            .ask_order
            .iter()
            .filter_map(|&s| p.ask_if[s].as_ref().map(|e| (s as u32, compile(e))))
            .collect(),
        lets: p.lets.iter().map(|l| compile(&l.expr)).collect(),
        rules: p.rules.iter().map(lower_rule).collect(),
        sections: p
            .sections
            .iter()
            .map(|s| SectionPlan {
                applicable: s.applicable.as_ref().map(compile),
                questions: s.questions.iter().map(|&q| q as u32).collect(),
                rules: s.rules.clone(),
                thresholds: s.thresholds.clone(),
                zero_apart: s.zero_apart,
                max: s.max,
            })
            .collect(),
        weights: p.index.weights.clone(),
        min_sections: p.index.min_sections,
        index_thresholds: p.index.thresholds.clone(),
        compare: p.survey.compare,
        rounding: p.survey.rounding,
        constraints: p
            .constraints
            .iter()
            .map(|c| ConstraintPlan {
                when: c.when.as_ref().map(compile),
                requires: c.requires.iter().map(|r| compile(&r.expr)).collect(),
            })
            .collect(),
    }
}

fn lower_rule(r: &hir::Rule) -> RulePlan {
    let kind = match &r.scoring {
        hir::Scoring::Table {
            policy,
            inputs,
            rows,
            from_match,
        } => RuleKind::Table {
            policy: *policy,
            inputs: inputs.iter().map(compile).collect(),
            rows: rows
                .iter()
                .map(|row| (row.cells.clone(), row.points))
                .collect(),
            from_match: *from_match,
        },
        hir::Scoring::Sum {
            question,
            points,
            cap,
            floor,
        } => RuleKind::Sum {
            slot: *question as u32,
            points: points.clone(),
            cap: *cap,
            floor: *floor,
        },
        hir::Scoring::Points(e) => RuleKind::Points(compile(e)),
    };
    RulePlan {
        section: r.section,
        kind,
        handlers: MissingState::ALL
            .map(|s| r.handlers[s.index()].unwrap_or(Outcome::Points(Num::ZERO))),
        max: r.max,
    }
}

/// Compiles an expression to bytecode.
pub fn compile(e: &Expr) -> Code {
    let mut c = Code::default();
    emit(e, &mut c.ops);
    c
}

fn emit(e: &Expr, ops: &mut Vec<Op>) {
    match e {
        Expr::Num(n) => ops.push(Op::Const(Value::Num(*n))),
        Expr::Bool(b) => ops.push(Op::Const(Value::Bool(*b))),
        Expr::Option(o) => ops.push(Op::Const(Value::Choice(*o))),
        Expr::Missing => ops.push(Op::Const(Value::UNANSWERED)),
        Expr::Slot(s) => ops.push(Op::Slot(*s as u32)),
        Expr::Let(l) => ops.push(Op::Let(*l as u32)),
        Expr::Neg(x) => unary(x, Op::Neg, ops),
        Expr::Not(x) => unary(x, Op::Not, ops),
        Expr::Arith(a, x, y) => binary(x, y, Op::Arith(*a), ops),
        Expr::Cmp(c, x, y) => binary(x, y, Op::Cmp(*c), ops),
        Expr::And(x, y) => binary(x, y, Op::And, ops),
        Expr::Or(x, y) => binary(x, y, Op::Or, ops),
        Expr::In(x, m, neg) => unary(x, Op::In(*m, *neg), ops),
        Expr::Has(x, m, all) => unary(x, Op::Has(*m, *all), ops),
        Expr::Count(x) => unary(x, Op::Count, ops),
        Expr::Answered(s) => ops.push(Op::Answered(*s as u32)),
        Expr::Asked(s) => ops.push(Op::Asked(*s as u32)),
        Expr::AnsweredAny(s) => ops.push(Op::AnsweredAny(*s as u32)),
        Expr::Ratio(x, y, z) => binary(x, y, Op::Ratio(*z), ops),
        Expr::Min(xs) | Expr::Max(xs) => {
            for x in xs {
                emit(x, ops);
            }
            let n = xs.len() as u32;
            ops.push(if matches!(e, Expr::Min(_)) {
                Op::Min(n)
            } else {
                Op::Max(n)
            });
        }
        Expr::If(c, a, b) => {
            emit(c, ops);
            let branch = ops.len();
            ops.push(Op::Jump(0)); // patched below
            emit(a, ops);
            let jump = ops.len();
            ops.push(Op::Jump(0));
            let else_ = ops.len() as u32;
            emit(b, ops);
            let end = ops.len() as u32;
            ops[branch] = Op::Branch { else_, end };
            ops[jump] = Op::Jump(end);
        }
    }
}

fn unary(x: &Expr, op: Op, ops: &mut Vec<Op>) {
    emit(x, ops);
    ops.push(op);
}

fn binary(x: &Expr, y: &Expr, op: Op, ops: &mut Vec<Op>) {
    emit(x, ops);
    emit(y, ops);
    ops.push(op);
}
