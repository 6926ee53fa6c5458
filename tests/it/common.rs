//! Helpers shared by the integration tests: running the `eindex` binary and reading what it
//! printed, and temporary folders.
//!
//! Paths in the tests (`tests/cases/...`, `rules/2022`, `../shared/...`) are relative to the crate
//! root, where cargo runs integration tests.

use std::process::Command;

/// The binary under test.
pub const EINDEX: &str = env!("CARGO_BIN_EXE_eindex");

/// A finished `eindex` run: its exit code (-1 when a signal ended it) and its output as text.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The standard output of a run that must have succeeded (exit 0; stderr in the failure).
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "eindex failed:\n{}", self.stderr);
        self.stdout
    }

    /// `(code, stdout, stderr)`, for a test that names them as it likes.
    pub fn into_parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}

/// `eindex args…` with `NO_COLOR=1`, run to completion.
pub fn eindex(args: &[&str]) -> Run {
    run(&mut command(args))
}

/// The command `eindex args…` with `NO_COLOR=1`, for a test that sets more of its environment
/// before [`run`] runs it.
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(EINDEX);
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

/// Runs a command to completion and keeps its exit code and output.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("eindex runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

/// Bytes a process wrote, as text (invalid UTF-8 replaced).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new empty folder `eindex-<tag>-XXXXXX` in the system's temporary directory, removed with
/// everything in it when the returned value is dropped. (The name does not start with a dot, as
/// `tempfile`'s default does: `eindex fmt` skips hidden folders.)
pub fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("eindex-{tag}-"))
        .tempdir()
        .expect("temporary folder")
}

/// Like [`run`], but a run that has not finished after `guard` is killed and the test fails
/// (a hang guard for hostile inputs; generous, because debug builds on a loaded machine are slow:
/// speed is measured by the benchmarks, not here). The output is read while the process runs.
pub fn run_guarded(cmd: &mut Command, guard: std::time::Duration) -> Run {
    use std::process::Stdio;
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("eindex runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(guard) else {
        let _ = Command::new("kill").arg(pid.to_string()).status();
        panic!("{cmd:?} did not finish in {guard:?}");
    };
    let out = out.expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

/// The browser the page tests open (Debian's chromium, as .ci/run installs), or `None` with
/// EINDEX_SKIP_BROWSER set; a missing browser otherwise fails the test.
pub fn browser() -> Option<&'static str> {
    if std::env::var_os("EINDEX_SKIP_BROWSER").is_some() {
        eprintln!("EINDEX_SKIP_BROWSER is set: not opening the page in a browser");
        return None;
    }
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    Some(found.unwrap_or_else(|| {
        panic!("no chromium found: install it (`apt-get install chromium`, as .ci/run does) or set EINDEX_SKIP_BROWSER=1 to skip this test")
    }))
}

/// Opens `url` in headless `browser` (profile in `profile`), lets its timers run, and gives the
/// DOM it rendered and the browser's log; fails when the page could not be opened.
pub fn dump_dom(browser: &str, profile: &std::path::Path, url: &str) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {browser}: {e}"));
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success() && !dom.is_empty(),
        "{browser} could not open the page ({}):\n{log}",
        out.status
    );
    (dom, log)
}

/// The console messages in a browser log (chromium logs console.error and uncaught exceptions
/// as `INFO:CONSOLE`): a page that works logs none.
pub fn console_lines(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// The words of a text, in lower case (identifiers with `_` kept whole).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words of `words` that are on the deny-list, sorted, each once.
pub fn denied_words(words: Vec<String>, deny: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = words
        .into_iter()
        .filter(|w| deny.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}
