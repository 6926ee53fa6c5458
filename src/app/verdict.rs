//! What the problems found in the submissions mean for a run, and how they are reported.
//!
//! | exit status | when |
//! | --- | --- |
//! | 0 | every answer of every input was used |
//! | 1 | problems in the submissions, nothing was scored: any problem without `--lenient`, and in every mode a problem that loses a whole file or column ([`InputErrorKind::whole_file`]) |
//! | 2 | a file could not be read at all (an I/O error) |
//! | 3 | `--lenient`: the results were written, but without the rejected units and ignored answers listed |
//!
//! Each problem is printed and counted once. Problems of one kind in one column of one file are
//! grouped: the first [`SHOWN`] are printed, then one line says how many more there are
//! (`--all-problems` prints every one).

use super::inputs::{summary, Closing, Counts, ReadArgs};
use crate::input::{self, InputError, InputErrorKind};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;

/// The exit status of a lenient run that left units or answers out.
pub const LOSSY: u8 = 3;

/// Problems of one kind in one column of one file printed before the rest are counted only.
pub const SHOWN: usize = 5;

/// How many units of the problems not printed the closing line of a group names.
const HIDDEN_UNITS_NAMED: usize = 20;

/// Every problem a run found in its submissions.
#[derive(Clone, Copy)]
pub struct InputProblems<'a> {
    /// The readers' problems: with a whole file, and (strict mode) with units and values.
    pub errors: &'a [InputError],
    /// Units left out, with their reasons.
    pub rejected: &'a [input::Rejected],
    /// Answers ignored while scoring (answered although not asked).
    pub ignored: &'a [InputError],
    /// How many problems of one group are printed.
    pub shown: usize,
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

/// Decides which problems are printed: each once, and at most `shown` of a group (a kind in a
/// column of a file); counts the rest.
struct Printer {
    seen: HashSet<String>,
    groups: HashMap<(String, String, String), usize>,
    /// Per group: the first units of the problems not printed.
    hidden_units: HashMap<(String, String, String), Vec<String>>,
    /// The groups in the order they were met, for the closing lines.
    order: Vec<(String, String, String)>,
    shown: usize,
}

impl Printer {
    fn new(shown: usize) -> Self {
        Printer {
            seen: HashSet::new(),
            groups: HashMap::new(),
            hidden_units: HashMap::new(),
            order: Vec::new(),
            shown,
        }
    }

    /// `Some(text)` when `e` is to be printed; `None` when it was already, or its group is full.
    fn admit(&mut self, e: &InputError) -> Option<String> {
        let text = e.to_string();
        if !self.seen.insert(text.clone()) {
            return None;
        }
        let code = miette::Diagnostic::code(&*e.kind).map_or_else(String::new, |c| c.to_string());
        // problems of the header are grouped by file (each names a different column)
        let column = match &*e.kind {
            InputErrorKind::UnknownColumn { .. }
            | InputErrorKind::RepeatedColumn { .. }
            | InputErrorKind::UnnamedColumn { .. }
            | InputErrorKind::CellNotUtf8 { .. } => String::new(),
            _ => e
                .column
                .as_ref()
                .map_or_else(String::new, |c| c.name.clone()),
        };
        let key = (e.file.clone(), code, column);
        let n = self.groups.entry(key.clone()).or_insert(0);
        *n += 1;
        // a file that is not UTF-8 is one problem of the file: its first cell shows it
        let limit = match &*e.kind {
            InputErrorKind::CellNotUtf8 { .. } => self.shown.min(1),
            _ => self.shown,
        };
        let shown = *n <= limit;
        if *n == 1 {
            self.order.push(key.clone());
        }
        if !shown {
            if let Some(u) = &e.unit {
                let units = self.hidden_units.entry(key).or_default();
                if units.len() < HIDDEN_UNITS_NAMED && !units.contains(u) {
                    units.push(u.clone());
                }
            }
        }
        shown.then_some(text)
    }

    /// One line per group with problems that were not printed.
    fn tails(&self, err: &mut impl Write) {
        for key in &self.order {
            let n = self.groups.get(key).copied().unwrap_or(0);
            let shown = if key.1 == "eindex::input::not_utf8" {
                self.shown.min(1)
            } else {
                self.shown
            };
            if n > shown {
                let (file, code, column) = key;
                let place = if column.is_empty() {
                    format!("in {file}")
                } else {
                    format!("in column `{}` of {file}", crate::input::excerpt(column))
                };
                let units = match self.hidden_units.get(key) {
                    Some(u) if !u.is_empty() => {
                        let names: Vec<String> = u
                            .iter()
                            .map(|u| format!("`{}`", crate::input::excerpt(u)))
                            .collect();
                        let more = if u.len() == HIDDEN_UNITS_NAMED {
                            ", …"
                        } else {
                            ""
                        };
                        format!(" (units {}{more})", names.join(", "))
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    err,
                    "error: … and {} more problem{} like this ({code}) {place}{units}; --all-problems lists every one",
                    n - shown,
                    crate::text::plural_s(n - shown)
                );
            }
        }
    }

    fn count(&self) -> usize {
        self.seen.len()
    }
}

impl<'a> InputProblems<'a> {
    pub fn new(
        errors: &'a [InputError],
        rejected: &'a [input::Rejected],
        ignored: &'a [InputError],
        read: &ReadArgs,
    ) -> Self {
        InputProblems {
            errors,
            rejected,
            ignored,
            shown: if read.all_problems { usize::MAX } else { SHOWN },
        }
    }

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
        let why = match done {
            _ if whole_file => "--lenient does not go past a problem with a whole file or column: correct it (an unknown column can be left out with --ignore-column NAME)",
            "scored" => "use --lenient to score the valid units",
            "verified" => "fix them first; `eindex eval` shows them",
            _ => "use --lenient to go on with the valid units",
        };
        eprintln!(
            "error: {n} problem{} in the submissions; nothing was {done} ({why})",
            crate::text::plural_s(n)
        );
        if let Some(counts) = counts {
            summary(counts, Closing::Failed);
        }
        ExitCode::from(status)
    }

    /// Prints every problem once (`error: …`), groups capped; how many problems there were. In
    /// strict mode the reader lists a rejected unit's reasons among the file's errors too.
    pub fn print_once(&self) -> usize {
        let mut printer = Printer::new(self.shown);
        let mut err = std::io::stderr().lock();
        for e in self.all() {
            if let Some(text) = printer.admit(e) {
                let _ = writeln!(err, "error: {text}");
            }
        }
        printer.tails(&mut err);
        printer.count()
    }

    /// After the output of a lenient run: what was left out, the closing line; gives the exit
    /// status (0 when nothing was left out).
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

    /// Lists what a lenient run left out: each rejected unit with its reasons, each ignored
    /// answer (groups capped); whether anything was.
    pub fn report_left_out(&self) -> bool {
        let mut printer = Printer::new(self.shown);
        let mut err = std::io::stderr().lock();
        for e in self.errors {
            if let Some(text) = printer.admit(e) {
                let _ = writeln!(err, "error: {text}");
            }
        }
        for r in self.rejected {
            let shown: Vec<String> = r.reasons.iter().filter_map(|e| printer.admit(e)).collect();
            if !shown.is_empty() {
                let _ = writeln!(err, "rejected unit `{}`:", crate::input::excerpt(&r.unit));
            }
            for text in shown {
                let _ = writeln!(err, "error: {text}");
            }
        }
        for e in self.ignored {
            if let Some(text) = printer.admit(e) {
                let _ = writeln!(err, "ignored value: {text}");
            }
        }
        printer.tails(&mut err);
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
