//! Runtime values: one per question slot of a unit, and on the evaluator's stack.

use crate::hir::MissingState;
use crate::num::Num;

/// An answer or a computed value. `Copy`, so evaluation never allocates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Missing(MissingState),
    Num(Num),
    Bool(bool),
    /// Option index of a single choice.
    Choice(u16),
    /// Selected options of a multiple choice (bit i = option i).
    Multi(u128),
    /// A free-text answer (its text is kept by the loader, not here).
    Text,
}

impl Value {
    pub const UNANSWERED: Value = Value::Missing(MissingState::Unanswered);

    pub fn is_answered(self) -> bool {
        !matches!(self, Value::Missing(_))
    }

    pub fn missing(self) -> Option<MissingState> {
        match self {
            Value::Missing(m) => Some(m),
            _ => None,
        }
    }
}
