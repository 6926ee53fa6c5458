//! What the help of a value that is no option says: the option it most likely means.
//!
//! A label typed without its diacritics or in another case (`Viena oficiala timeklvietne`) names
//! its option; a near id (`facebok`) or a near label is suggested; and a multiple choice written
//! as a spreadsheet or a form displays it (`Facebook; Instagram`) is told that options are
//! separated by `|` — with the corrected cell (`facebook|instagram`) when every part names an
//! option. Only the help is built here: what is accepted is [`super::cell::Slots::option`]'s.

use super::cell::{SlotInfo, Slots};
use super::error::CellError;
use super::kind::{excerpt, InputErrorKind};
use crate::schema::OptionDef;
use crate::suggest;

/// The help for `s`, which is no option of `opts`: the option whose Latvian label is `s` but for
/// case and diacritics, else the nearest id, else the nearest label, else the options.
pub(crate) fn option(s: &str, opts: &[OptionDef]) -> String {
    let ids = || opts.iter().map(|o| o.id.as_str());
    let named = |o: &OptionDef| format!("did you mean `{}` ({})?", o.id, o.lv);
    let folded = suggest::fold(s.trim());
    let mut same = opts.iter().filter(|o| suggest::fold(o.lv.trim()) == folded);
    if let (Some(o), None) = (same.next(), same.next()) {
        return named(o);
    }
    if suggest::closest(s, ids()).is_none() {
        let label = suggest::closest(s, opts.iter().map(|o| o.lv.as_str()));
        if let Some(o) = label.and_then(|l| opts.iter().find(|o| o.lv == l)) {
            return named(o);
        }
    }
    suggest::hint(s, ids(), "option")
}

/// The separators a multiple choice is displayed with, and their names in the help.
const SEPARATORS: [(char, &str); 4] = [
    (';', "`;`"),
    (',', "`,`"),
    ('/', "`/`"),
    ('\n', "line breaks"),
];

/// Error `e` of multiple-choice cell `s` (question `info`), with a help that says the options are
/// separated by `|` when `s` names several at another separator.
pub(crate) fn multi(slots: &Slots, info: &SlotInfo, s: &str, e: CellError) -> CellError {
    let InputErrorKind::NotAnOption { .. } = &*e.0 else {
        return e;
    };
    let found = SEPARATORS.iter().find(|(c, _)| s.contains(*c));
    let Some(&(sep, sep_name)) = found else {
        return e;
    };
    let parts: Vec<&str> = s
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return e;
    }
    let opts = info.q.kind.options();
    let mut ids = Vec::with_capacity(parts.len());
    let mut unknown = None;
    for p in &parts {
        match slots.option(info, p).ok().and_then(|i| opts.get(i)) {
            Some(o) => ids.push(o.id.as_str()),
            None => {
                unknown = Some(*p);
                break;
            }
        }
    }
    let hint = match unknown {
        None => format!(
            "the options of a multiple choice are separated by `|`, not {sep_name}: write `{}`",
            excerpt(&ids.join("|"))
        ),
        Some(p) => format!(
            "the options of a multiple choice are separated by `|`, not {sep_name}; and `{}` is no option: {}",
            excerpt(p),
            option(p, opts)
        ),
    };
    CellError::from(InputErrorKind::NotAnOption {
        value: s.to_string(),
        question: info.q.id.clone(),
        hint,
    })
}
