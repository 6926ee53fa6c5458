//! What the problems found in the submissions mean for a run, and how they are reported.
//!
//! | exit status | when |
//! | --- | --- |
//! | 0 | every answer of every input was used |
//! | 1 | problems in the submissions, nothing was scored: any problem without `--lenient`, and in every mode a problem that loses a whole file or column ([`InputErrorKind::whole_file`]) |
//! | 2 | a file could not be read at all (an I/O error) |
//! | 3 | `--lenient`: the results were written, but without the rejected units and ignored answers listed |

use super::inputs::{summary, Closing, Counts};
use crate::input::{self, InputError, InputErrorKind};
use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

/// The exit status of a lenient run that left units or answers out.
pub const LOSSY: u8 = 3;

/// Every problem a run found in its submissions.
#[derive(Clone, Copy)]
pub struct InputProblems<'a> {
    /// The readers' problems: with a whole file, and (strict mode) with units and values.
    pub errors: &'a [InputError],
    /// Units left out, with their reasons.
    pub rejected: &'a [input::Rejected],
    /// Answers ignored while scoring (answered although not asked).
    pub ignored: &'a [InputError],
}

/// What the problems mean for the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No problem: exit 0.
    Clean,
    /// `--lenient` left units or answers out: the results are written, exit [`LOSSY`].
    Lossy,
    /// Nothing is scored: exit 1, or 2 when a file could not be read.
    Fatal { status: u8, whole_file: bool },
}

impl InputProblems<'_> {
    fn all(&self) -> impl Iterator<Item = &InputError> {
        self.errors
            .iter()
            .chain(self.rejected.iter().flat_map(|r| &r.reasons))
            .chain(self.ignored)
    }

    fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.rejected.is_empty() && self.ignored.is_empty()
    }

    pub fn verdict(&self, lenient: bool) -> Verdict {
        let whole_file = self.all().any(|e| e.kind.whole_file());
        if whole_file || (!lenient && !self.is_empty()) {
            let io = self.all().any(|e| e.kind.is_io());
            return Verdict::Fatal {
                status: if io { 2 } else { 1 },
                whole_file,
            };
        }
        if self.is_empty() {
            Verdict::Clean
        } else {
            Verdict::Lossy
        }
    }

    /// A fatal verdict: every problem once, their count and why nothing was `done` ("scored",
    /// "explained", ...), the closing line (when the run counted units); gives the exit status.
    pub fn report_fatal(
        &self,
        counts: Option<&Counts>,
        status: u8,
        whole_file: bool,
        done: &str,
    ) -> ExitCode {
        let n = self.print_once();
        let mut err = std::io::stderr().lock();
        let why = match done {
            _ if whole_file => "--lenient does not go past a problem with a whole file or column: correct it (an unknown column can be left out with --ignore-column NAME)",
            "scored" => "use --lenient to score the valid units",
            "verified" => "fix them first; `eindex eval` shows them",
            _ => "use --lenient to go on with the valid units",
        };
        let _ = writeln!(
            err,
            "error: {n} problem{} in the submissions; nothing was {done} ({why})",
            crate::text::plural_s(n)
        );
        drop(err);
        if let Some(counts) = counts {
            summary(counts, Closing::Failed);
        }
        ExitCode::from(status)
    }

    /// Prints every problem once (`error: …`); how many there were. In strict mode the reader
    /// lists a rejected unit's reasons among the file's errors too.
    pub fn print_once(&self) -> usize {
        let mut seen = HashSet::new();
        let mut err = std::io::stderr().lock();
        for e in self.all() {
            let text = e.to_string();
            if !seen.contains(&text) {
                let _ = writeln!(err, "error: {text}");
                seen.insert(text);
            }
        }
        seen.len()
    }

    /// After the output of a lenient run: each rejected unit with its reasons, each ignored
    /// answer, the closing line; gives the exit status (0 when nothing was left out).
    pub fn report_written(&self, counts: &Counts) -> ExitCode {
        self.report_left_out();
        if self.is_empty() && counts.failed_eval == 0 {
            summary(counts, Closing::Scored);
            ExitCode::SUCCESS
        } else {
            let ignored = self.ignored.len();
            summary(counts, Closing::Lossy { ignored });
            ExitCode::from(LOSSY)
        }
    }

    /// Lists what a lenient run left out (each rejected unit with its reasons, each ignored
    /// answer); whether anything was.
    pub fn report_left_out(&self) -> bool {
        let mut err = std::io::stderr().lock();
        for e in self.errors {
            let _ = writeln!(err, "error: {e}");
        }
        for r in self.rejected {
            let _ = writeln!(err, "rejected unit `{}`:", r.unit);
            for e in &r.reasons {
                let _ = writeln!(err, "error: {e}");
            }
        }
        for e in self.ignored {
            let _ = writeln!(err, "ignored value: {e}");
        }
        !self.is_empty()
    }
}

/// Drops the "unknown column" problems of the columns named by `--ignore-column`; an error when
/// a name matches no unknown column of any file.
pub fn ignore_columns(errors: &mut Vec<InputError>, names: &[String]) -> Result<(), String> {
    if names.is_empty() {
        return Ok(());
    }
    let mut used = vec![false; names.len()];
    errors.retain(|e| match &*e.kind {
        InputErrorKind::UnknownColumn { name, .. } => match names.iter().position(|n| n == name) {
            Some(i) => {
                used[i] = true;
                false
            }
            None => true,
        },
        _ => true,
    });
    match names.iter().zip(&used).find(|(_, u)| !**u) {
        Some((n, _)) => Err(format!(
            "--ignore-column `{n}`: no input file has an unknown column `{n}`"
        )),
        None => Ok(()),
    }
}
