//! Small text helpers shared by the renderers and the diagnostics: HTML and Markdown escaping, the
//! plural `s`, and the excerpt of an input value that a message echoes.
//!
//! One HTML escape serves every HTML output (`report`, `explain`). Markdown has one escape with a
//! [`Md`] mode, because the outputs escape different sets of characters on purpose (see each
//! mode) and every output must stay byte-identical.

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// What Markdown text is escaped for: which characters get a backslash, and whether a line break
/// becomes a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Md {
    /// A table cell or a note of `eindex report`: only what breaks a table row (`|`, a line
    /// break) and the backslash itself. Emphasis characters stay as written, so ids such as
    /// `answers_q_dms` and footnote marks such as `*n < 10` read the same in the raw file as in the
    /// spreadsheet outputs.
    Cell,
    /// Text of `eindex explain` placed in headings, lists, emphasis and links: names and labels
    /// come from the ruleset and the submissions, so every inline markup character is escaped
    /// (`| * _ ` [ ] < > # \`) and a line break becomes a space.
    Inline,
    /// A table cell of `eindex diff`: only `|`; backslashes and line breaks are left as they are
    /// (narrower than [`Md::Cell`], kept so the diff output does not change).
    Pipe,
}

/// Escapes text for Markdown; see [`Md`] for what each mode escapes.
pub fn escape_markdown(s: &str, mode: Md) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        let backslash = match mode {
            Md::Cell => matches!(c, '|' | '\\'),
            Md::Inline => matches!(
                c,
                '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
            ),
            Md::Pipe => c == '|',
        };
        if backslash {
            o.push('\\');
            o.push(c);
        } else if c == '\n' && mode != Md::Pipe {
            o.push(' ');
        } else {
            o.push(c);
        }
    }
    o
}

/// The plural suffix of a count: `""` for 1, `"s"` otherwise (`format!("{n} unit{}",
/// plural_s(n))`).
pub fn plural_s<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) {
        ""
    } else {
        "s"
    }
}

/// At most this many characters of a value are echoed in a message.
pub const EXCERPT: usize = 60;

/// A value as a message echoes it: control characters escaped (a raw NUL or line break never
/// reaches the terminal), and a value longer than [`EXCERPT`] characters shortened to its start
/// and its length.
pub fn excerpt(v: &str) -> String {
    let mut out = String::new();
    for (n, c) in v.chars().enumerate() {
        if n == EXCERPT {
            let total = v.chars().count();
            out.push_str(&format!("… ({total} characters)"));
            return out;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_special_characters() {
        assert_eq!(
            escape_html(r#"a<b>&"c"'d'"#),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;"
        );
        assert_eq!(escape_html("Vienība ā"), "Vienība ā");
    }

    #[test]
    fn markdown_modes_escape_what_their_outputs_need() {
        let t = "a|b\\c*d_e\nf[g]#";
        assert_eq!(escape_markdown(t, Md::Cell), "a\\|b\\\\c*d_e f[g]#");
        assert_eq!(
            escape_markdown(t, Md::Inline),
            "a\\|b\\\\c\\*d\\_e f\\[g\\]\\#"
        );
        assert_eq!(escape_markdown(t, Md::Pipe), "a\\|b\\c*d_e\nf[g]#");
        assert_eq!(escape_markdown("<x>`", Md::Inline), "\\<x\\>\\`");
    }

    #[test]
    fn plural_suffix() {
        assert_eq!(plural_s(1usize), "");
        assert_eq!(plural_s(0usize), "s");
        assert_eq!(plural_s(2u64), "s");
        assert_eq!(plural_s(1u32), "");
    }
}

/// A file name stem from a unit's name: lower case ASCII letters and digits joined by `-`
/// (diacritics dropped: `Cēsu novada pašvaldība` → `cesu-novada-pasvaldiba`), at most 80
/// characters; `unit` when nothing is left.
pub fn file_stem(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in name.nfd() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) {
            dash = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    if out.is_empty() {
        "unit".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod file_stem_tests {
    use super::file_stem;

    #[test]
    fn stems_are_ascii_and_readable() {
        assert_eq!(
            file_stem("Cēsu novada pašvaldība"),
            "cesu-novada-pasvaldiba"
        );
        assert_eq!(
            file_stem("Rīgas valstspilsētas pašvaldība"),
            "rigas-valstspilsetas-pasvaldiba"
        );
        assert_eq!(file_stem("  Ķekavas / Ādaži  "), "kekavas-adazi");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("ļļļ"), "lll");
        assert_eq!(file_stem("—"), "unit");
        assert_eq!(file_stem(&"a".repeat(500)).len(), 80);
    }
}
