//! The texts of a verification: what each check compares, its published and computed values and
//! its note, kept as catalogue messages with their arguments and written in a language only when
//! printed (`--lang`), so that one verification renders in Latvian and in English.
//!
//! A [`Text`] is a message of `src/l10n/*/verify.ftl` (made with `Msg.t("id")` or
//! `Msg.f("id", …)`, the call form `tests/it/l10n.rs` scans for), a name written as is (a unit,
//! a fact key, a value of the facts file), a decimal number (printed with the language's decimal
//! mark), a text in both languages (a level name of the ruleset), or texts joined. JSON keeps its
//! English words: a text serialises as its English rendering.

use crate::l10n::{Arg, Lang};
use serde::{Serialize, Serializer};

/// A text of the verdict, written in a language by [`Text::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Written as is: a unit name, a fact key, an option id, a value of the facts file.
    Raw(String),
    /// A decimal written with `.` (`72.350`, `-0.824`): printed with the language's decimal mark.
    Num(String),
    /// A count: as an argument it selects the plural form.
    Int(i64),
    /// A decimal that selects the plural form as an argument (`1 point`, `2,5 punkti`).
    Count(String),
    /// A text of the ruleset in both languages (a level name): the English one when asked for
    /// and given.
    Pick { lv: String, en: Option<String> },
    /// A message of the catalogue with its arguments.
    Msg(&'static str, Vec<(&'static str, Text)>),
    /// Texts joined by a separator (punctuation, the same in every language).
    Join(Vec<Text>, &'static str),
}

impl Default for Text {
    fn default() -> Self {
        Text::Raw(String::new())
    }
}

/// The catalogue's messages, by id: `Msg.t("verify-no-unit")`, `Msg.f("verify-mean-of", …)`.
#[derive(Debug, Clone, Copy)]
pub struct Msg;

impl Msg {
    /// A message without arguments.
    pub fn t(self, id: &'static str) -> Text {
        Text::Msg(id, Vec::new())
    }

    /// A message with arguments.
    pub fn f<const N: usize>(self, id: &'static str, args: [(&'static str, Text); N]) -> Text {
        Text::Msg(id, args.into())
    }
}

impl Text {
    /// A decimal number (written with `.`).
    pub fn num(s: impl Into<String>) -> Text {
        Text::Num(s.into())
    }

    /// Texts joined by `sep`.
    pub fn join(items: impl IntoIterator<Item = Text>, sep: &'static str) -> Text {
        Text::Join(items.into_iter().collect(), sep)
    }

    /// Texts one after the other.
    pub fn concat(items: impl IntoIterator<Item = Text>) -> Text {
        Text::join(items, "")
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Raw(s) => s.clone(),
            Text::Num(s) | Text::Count(s) => lang.decimal(s),
            Text::Int(n) => n.to_string(),
            Text::Pick { lv, en } => lang.pick(lv, en.as_deref()).to_string(),
            Text::Join(items, sep) => items
                .iter()
                .map(|t| t.render(lang))
                .collect::<Vec<_>>()
                .join(sep),
            Text::Msg(id, args) => {
                let texts: Vec<Option<String>> = args
                    .iter()
                    .map(|(_, a)| match a {
                        Text::Int(_) | Text::Count(_) => None,
                        other => Some(other.render(lang)),
                    })
                    .collect();
                let fa: Vec<(&str, Arg)> = args
                    .iter()
                    .zip(&texts)
                    .map(|((k, a), s)| {
                        let v = match (a, s) {
                            (Text::Int(n), _) => Arg::Int(*n),
                            (Text::Count(c), _) => Arg::Num(c),
                            (_, Some(s)) => Arg::Str(s),
                            (_, None) => Arg::Str(""),
                        };
                        (*k, v)
                    })
                    .collect();
                lang.messages().f(id, &fa)
            }
        }
    }

    /// The text in English (what JSON and the tests read).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// True for an empty name (a check without a description).
    pub fn is_empty(&self) -> bool {
        match self {
            Text::Raw(s) => s.is_empty(),
            Text::Join(items, _) => items.iter().all(Text::is_empty),
            _ => false,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Raw(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Raw(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::Raw(s.clone())
    }
}

impl From<usize> for Text {
    fn from(n: usize) -> Self {
        Text::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u8> for Text {
    fn from(n: u8) -> Self {
        Text::Int(n.into())
    }
}

impl From<i64> for Text {
    fn from(n: i64) -> Self {
        Text::Int(n)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_language_s_decimal_mark_and_names_stay() {
        let t = Text::concat([
            "Rīgas dome 1.5 ".into(),
            Text::num("72.350"),
            "..".into(),
            Text::num("72.450"),
        ]);
        assert_eq!(t.render(Lang::Lv), "Rīgas dome 1.5 72,350..72,450");
        assert_eq!(t.en(), "Rīgas dome 1.5 72.350..72.450");
        let pick = Text::Pick {
            lv: "definēts".into(),
            en: Some("defined".into()),
        };
        assert_eq!(pick.render(Lang::Lv), "definēts");
        assert_eq!(pick.en(), "defined");
    }

    #[test]
    fn serialises_as_english() {
        let t = Msg.f("verify-units-count", [("n", 37usize.into())]);
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"37 units\"");
        assert_eq!(t.render(Lang::Lv), "37 vienības");
    }
}
