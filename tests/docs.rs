//! Docs that run: every command shown in README.md and docs/*.md is run and its output compared
//! with what the page shows, so the docs cannot drift from the program.
//!
//! - A ```` ```console ```` block is a transcript (trycmd's syntax): `$ eindex …` is run, the
//!   lines after it are the expected output (stdout and stderr, in order), `? N` is the expected
//!   exit status (default 0); `...` on a line of its own skips lines, `[..]` skips part of a line.
//! - The commands run in a sandbox: a temporary copy of `rules/`, `data/`, `bench/` and
//!   `tests/cases/` with `../shared` beside it, so a command that writes files (`new-year`, `-o`)
//!   never touches the repository, and paths read as in the docs.
//! - Besides `eindex`, a transcript may run `cp` and `sed` (a worked example copies and edits a
//!   ruleset as a reader would).
//! - [`no_command_escapes`] fails on a command shown anywhere else in a code block: outside a
//!   console block a line may name `eindex` only as a synopsis (with a `<placeholder>`), as one
//!   of README's `cargo run --release -- …` lines that a console block repeats, or in the short
//!   list below of commands that write into the reader's home folder.
//!
//! (That every diagnostic code is documented, which `eindex check --explain` relies on, is checked
//! with the other scans of the source, in tests/it/layers.rs.)
//!
//! After changing what a command prints: `TRYCMD=overwrite cargo test --release --test docs`
//! rewrites the blocks that differ (review the diff; elisions are kept where they still match).

use std::path::{Path, PathBuf};

/// Code-block lines that name a command but are not run, each with the reason.
const NOT_RUN: &[(&str, &str)] = &[
    (
        "eindex completions bash > ~/.local/share/bash-completion/completions/eindex",
        "writes into the reader's home folder; `eindex completions` is run by tests/it/cli.rs",
    ),
    (
        "eindex man --dir ~/.local/share/man/man1",
        "writes into the reader's home folder; `eindex man --dir` is run by tests/it/cli.rs",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, sorted.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("docs entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create sandbox folder");
    for entry in std::fs::read_dir(from).expect("read folder to copy") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A program on the `PATH`.
fn on_path(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("`{name}` is not on the PATH (the docs' examples use it)"))
}

#[test]
fn docs_run() {
    let sandbox = tempfile::Builder::new()
        .prefix("eindex-docs-")
        .tempdir()
        .expect("temporary folder");
    let repo = sandbox.path().join("repo");
    for dir in ["rules", "data", "bench", "tests/cases"] {
        copy_dir(&root().join(dir), &repo.join(dir));
    }
    let shared = root().join("../shared");
    assert!(
        shared.is_dir(),
        "../shared (the seed and the published reference) must be beside the repository"
    );
    std::os::unix::fs::symlink(
        shared.canonicalize().expect("../shared"),
        sandbox.path().join("shared"),
    )
    .expect("link ../shared into the sandbox");
    // The only test of this binary: changing the working folder affects no other test.
    std::env::set_current_dir(&repo).expect("enter the sandbox");

    let cases = trycmd::TestCases::new();
    cases
        .register_bin(
            "eindex",
            trycmd::schema::Bin::Path(env!("CARGO_BIN_EXE_eindex").into()),
        )
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    // the worked examples copy and edit a ruleset as a reader would, with `cp` and `sed`
    for tool in ["cp", "sed"] {
        cases.register_bin(tool, trycmd::schema::Bin::Path(on_path(tool)));
    }
    for page in pages() {
        cases.case(page);
    }
    cases.run();
}

/// One line of a fenced code block: the page, its line number, the block's info string.
struct CodeLine {
    page: String,
    line: usize,
    info: String,
    text: String,
}

fn code_lines() -> Vec<CodeLine> {
    let mut out = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("read page");
        let name = page
            .strip_prefix(root())
            .unwrap_or(&page)
            .display()
            .to_string();
        let mut fence: Option<(String, String)> = None; // (marker, info)
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            match &fence {
                None => {
                    for marker in ["```", "~~~"] {
                        if let Some(info) = trimmed.strip_prefix(marker) {
                            let info = info.trim_start_matches(marker.chars().next().unwrap());
                            fence = Some((marker.to_string(), info.trim().to_string()));
                            break;
                        }
                    }
                }
                Some((marker, info)) => {
                    if trimmed.starts_with(marker.as_str()) {
                        fence = None;
                    } else {
                        out.push(CodeLine {
                            page: name.clone(),
                            line: i + 1,
                            info: info.clone(),
                            text: line.to_string(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The command a code line shows, if any: `eindex …`, `$ eindex …`, `target/release/eindex …`
/// or `cargo run --release -- …` (given back as `eindex …`), without a trailing `# comment`.
fn command_of(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("$ ").unwrap_or(text);
    let text = match text.find("  #") {
        Some(at) => text[..at].trim_end(),
        None => text,
    };
    if let Some(rest) = text.strip_prefix("cargo run --release -- ") {
        return Some(format!("eindex {rest}"));
    }
    if let Some(rest) = text.strip_prefix("target/release/eindex ") {
        return Some(format!("eindex {rest}"));
    }
    text.starts_with("eindex ").then(|| text.to_string())
}

#[test]
fn no_command_escapes() {
    let lines = code_lines();
    let run: Vec<String> = lines
        .iter()
        .filter(|l| l.info == "console")
        .filter_map(|l| l.text.strip_prefix("$ ").map(|c| c.trim().to_string()))
        .collect();
    let mut escaped = Vec::new();
    for l in lines.iter().filter(|l| l.info != "console") {
        let Some(command) = command_of(&l.text) else {
            continue;
        };
        let synopsis = command.contains('<');
        let not_run = NOT_RUN.iter().any(|(c, _)| command == *c);
        let repeated = run.contains(&command);
        if !(synopsis || not_run || repeated) {
            escaped.push(format!(
                "{}:{}: `{}` (in a ```{} block)",
                l.page, l.line, command, l.info
            ));
        }
    }
    assert!(
        escaped.is_empty(),
        "commands shown in the docs that no test runs; move each into a ```console block \
         with its output (or, for a synopsis, write its arguments as <placeholders>):\n{}",
        escaped.join("\n")
    );
}

#[test]
fn console_blocks_exist() {
    // The harness is only as good as what it finds: the pages must hold console blocks, and
    // every one must start with a command (a block of output alone would test nothing).
    let lines = code_lines();
    let mut blocks = 0;
    let mut previous: Option<(&str, usize)> = None;
    for l in lines.iter().filter(|l| l.info == "console") {
        let starts_block = previous != Some((l.page.as_str(), l.line - 1));
        if starts_block {
            blocks += 1;
            assert!(
                l.text.starts_with("$ "),
                "{}:{}: a console block must start with `$ command`",
                l.page,
                l.line
            );
        }
        previous = Some((l.page.as_str(), l.line));
    }
    assert!(
        blocks >= 10,
        "only {blocks} console blocks in README.md and docs/"
    );
}

/// A JSON value and everything inside it.
fn nodes(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut out = vec![v];
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| out.extend(nodes(i))),
        serde_json::Value::Object(map) => map.values().for_each(|i| out.extend(nodes(i))),
        _ => {}
    }
    out
}

#[test]
fn eval_json_examples_are_real_output() {
    // Every ```json block of docs/eval-json.md is a value the program really writes for the
    // page's example (a unit, or a part of one), with or without the trace.
    let page = std::fs::read_to_string(root().join("docs/eval-json.md")).expect("eval-json.md");
    let examples: Vec<serde_json::Value> = page
        .split("```json\n")
        .skip(1)
        .map(|rest| {
            let block = &rest[..rest.find("```").expect("closed block")];
            serde_json::from_str(block).expect("a json block of eval-json.md parses")
        })
        .collect();
    assert!(examples.len() >= 2, "{} json blocks", examples.len());
    let dir = root().join("tests/cases/explain/tiny");
    let mut units = Vec::new();
    for trace in [true, false] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_eindex"));
        cmd.arg("eval")
            .arg(&dir)
            .arg(format!("self={}", dir.join("self.csv").display()))
            .arg(format!("expert={}", dir.join("expert.csv").display()))
            .args(["--format", "jsonl"]);
        if !trace {
            cmd.arg("--no-trace");
        }
        let out = cmd.output().expect("run eindex");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in String::from_utf8(out.stdout).expect("UTF-8").lines() {
            units.push(serde_json::from_str::<serde_json::Value>(line).expect("a JSON line"));
        }
    }
    assert_eq!(units.len(), 12);
    for example in &examples {
        assert!(
            units.iter().any(|u| nodes(u).contains(&example)),
            "docs/eval-json.md shows a value the program does not write:\n{example:#}"
        );
    }
}
