//! The raw TOML shape of `questionnaire.toml`, as serde reads it (with spans for diagnostics).

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchema {
    pub survey: Option<RawSurvey>,
    #[serde(default)]
    pub tokens: RawTokens,
    #[serde(default)]
    pub sections: IndexMap<Spanned<String>, RawSection>,
    #[serde(default)]
    pub meta: Vec<RawQuestion>,
    #[serde(default)]
    pub question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSurvey {
    pub name: Option<String>,
    pub year: Option<i64>,
    /// The column (CSV) or key (JSON) that names the unit. Default `unit`.
    pub unit_column: Option<String>,
    /// The language people read the survey's outputs in (`lv` or `en`): the default of
    /// `--lang`. Default `lv`.
    pub language: Option<toml::Spanned<String>>,
    /// Free-form note for people; ignored by the tool.
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTokens {
    #[serde(default)]
    pub not_applicable: Vec<String>,
    #[serde(default)]
    pub dont_know: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub lv: String,
    pub en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub section: Option<Spanned<String>>,
    pub lv: Option<String>,
    pub en: Option<String>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    pub source: Option<Spanned<OneOrMany>>,
    pub options: Option<Spanned<Vec<RawOption>>>,
    pub unit: Option<String>,
    pub min: Option<Spanned<toml::Value>>,
    pub max: Option<Spanned<toml::Value>>,
    pub ask_if: Option<Spanned<String>>,
    pub allow: Option<Vec<Spanned<String>>>,
    pub scored: Option<bool>,
    /// A fact about the municipality (e.g. how many documents it received): explain never
    /// proposes to change it.
    pub fact: Option<bool>,
    /// Free-form note for people; ignored by the tool.
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub lv: Option<String>,
    pub en: Option<String>,
}
