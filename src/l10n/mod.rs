//! The message catalogue: every sentence, label and heading a person reads in explain, report,
//! eval's table, diff, verify and test output, in Latvian and English, as Project Fluent
//! messages (`src/l10n/{lv,en}/*.ftl`, compiled in).
//!
//! Fluent gives what hand-written `format!`s could not: CLDR plural categories per language
//! (Latvian zero/one/other: 0, 10, 11–19 "punktu"; 1, 21, 31 "punkts"; 2, 22 "punkti"),
//! grammatical case chosen in the message (`trūkst 1 punkta`), and translators who edit text
//! files, not code. Numbers are passed as exact decimal strings (never floats) and printed with
//! the language's decimal mark (a comma in Latvian).
//!
//! Every message id the code asks for exists in both languages: `tests/it/l10n.rs` scans the
//! sources for `.t("…")`/`.f("…", …)` calls and compares the two catalogues.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// A language people read outputs in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Latvian (latviešu).
    #[default]
    Lv,
    /// English.
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Lv, Lang::En];
    pub const EXPECTED: &'static str = "lv, en";

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "lv" | "lav" | "latvian" | "latviešu" => Some(Lang::Lv),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Lv => "lv",
            Lang::En => "en",
        }
    }

    /// A decimal written with `.` (as the tool computes it) in this language's notation:
    /// `58.7` → `58,7` in Latvian; a minus sign stays.
    pub fn decimal(self, s: &str) -> String {
        match self {
            Lang::Lv => s.replace('.', ","),
            Lang::En => s.to_string(),
        }
    }

    /// The text of a schema or ruleset item in this language: `en` when asked for and given,
    /// else the Latvian text (the schema's required one).
    pub fn pick<'a>(self, lv: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en) {
            (Lang::En, Some(e)) if !e.trim().is_empty() => e,
            _ => lv,
        }
    }

    /// The messages of this language.
    pub fn messages(self) -> &'static Messages {
        static LV: OnceLock<Messages> = OnceLock::new();
        static EN: OnceLock<Messages> = OnceLock::new();
        match self {
            Lang::Lv => LV.get_or_init(|| Messages::load(Lang::Lv)),
            Lang::En => EN.get_or_init(|| Messages::load(Lang::En)),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The catalogue files of one language: (file name, text).
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    macro_rules! files {
        ($dir:literal: $($name:literal),*) => {
            &[$(($name, include_str!(concat!($dir, "/", $name)))),*]
        };
    }
    match lang {
        Lang::Lv => {
            files!("lv": "common.ftl", "explain.ftl", "technical.ftl", "tables.ftl", "report.ftl", "diff.ftl", "testing.ftl", "verify.ftl", "robustness.ftl")
        }
        Lang::En => {
            files!("en": "common.ftl", "explain.ftl", "technical.ftl", "tables.ftl", "report.ftl", "diff.ftl", "testing.ftl", "verify.ftl", "robustness.ftl")
        }
    }
}

/// An argument of a message.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Str(&'a str),
    /// A count.
    Int(i64),
    /// An exact decimal written with `.` (`"2.5"`, `"-3"`): selects the plural category by its
    /// written digits (CLDR operands) and prints with the language's decimal mark.
    Num(&'a str),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u8> for Arg<'_> {
    fn from(n: u8) -> Self {
        Arg::Int(n.into())
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

/// The compiled messages of one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

fn format_number_lv(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

impl Messages {
    fn load(lang: Lang) -> Messages {
        let id: unic_langid::LanguageIdentifier = lang.as_str().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks around arguments would end up in CSV cells and terminals.
        bundle.set_use_isolating(false);
        if lang == Lang::Lv {
            bundle.set_formatter(Some(format_number_lv));
        }
        for (name, text) in sources(lang) {
            // The catalogue is compiled in and tested (tests/it/l10n.rs parses every file
            // without error); a broken file still loads what parses.
            let res = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, e)| {
                debug_assert!(false, "{}/{name}: {e:?}", lang.as_str());
                r
            });
            bundle.add_resource_overriding(res);
        }
        Messages { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has this message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.f(id, &[])
    }

    /// A message with arguments. An id missing from the catalogue gives `{id}` (never a
    /// panic; the catalogue test fails for it).
    pub fn f(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("{{{id}}}");
        };
        let mut fa = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            let value = match *v {
                Arg::Str(s) => FluentValue::from(s.to_string()),
                Arg::Int(n) => FluentValue::from(n),
                Arg::Num(s) => FluentValue::try_number(s),
            };
            fa.set(k.to_string(), value);
        }
        let mut errors = Vec::new();
        let out = self.bundle.format_pattern(pattern, Some(&fa), &mut errors);
        out.into_owned()
    }

    /// The ids of every message, sorted (for the catalogue test).
    pub fn ids(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for (_, text) in sources(self.lang) {
            let res = match FluentResource::try_new((*text).to_string()) {
                Ok(r) | Err((r, _)) => r,
            };
            for e in res.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = e {
                    v.push(m.id.name.to_string());
                }
            }
        }
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_plurals_follow_cldr() {
        let m = Lang::Lv.messages();
        let pts = |n: &str| m.f("points-nominative", &[("n", Arg::Num(n))]);
        assert_eq!(pts("0"), "0 punktu");
        assert_eq!(pts("1"), "1 punkts");
        assert_eq!(pts("2"), "2 punkti");
        assert_eq!(pts("10"), "10 punktu");
        assert_eq!(pts("11"), "11 punktu");
        assert_eq!(pts("19"), "19 punktu");
        assert_eq!(pts("21"), "21 punkts");
        assert_eq!(pts("22"), "22 punkti");
        assert_eq!(pts("31"), "31 punkts");
        assert_eq!(pts("2.5"), "2,5 punkti");
        let lack = |n: &str| m.f("points-genitive", &[("n", Arg::Num(n))]);
        assert_eq!(lack("1"), "1 punkta");
        assert_eq!(lack("21"), "21 punkta");
        assert_eq!(lack("2"), "2 punktu");
        assert_eq!(lack("11"), "11 punktu");
        let e = Lang::En.messages();
        assert_eq!(e.f("points-nominative", &[("n", Arg::Num("1"))]), "1 point");
        assert_eq!(
            e.f("points-nominative", &[("n", Arg::Num("2.5"))]),
            "2.5 points"
        );
    }

    #[test]
    fn a_missing_message_does_not_panic() {
        let id = "no-such-message";
        assert_eq!(Lang::En.messages().t(id), "{no-such-message}");
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Lang::parse("LV"), Some(Lang::Lv));
        assert_eq!(Lang::parse("english"), Some(Lang::En));
        assert_eq!(Lang::parse("lt"), None);
        assert_eq!(Lang::Lv.decimal("-58.7"), "-58,7");
    }
}
