//! `eindex lsp`: the language server driven over stdio with JSON-RPC, as an editor drives it —
//! diagnostics while typing (unsaved text), hover, definition, references, symbols, completion,
//! formatting, quick fixes, the evaluate and tests commands, garbage on the wire — and once from
//! a real editor client (Neovim, headless).

use crate::common::{self, EINDEX};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

/// A running `eindex lsp` and what it sent that no one has read yet.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications (and stray messages) read while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(EINDEX)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("eindex lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, msg: Value) {
        self.send_raw(&msg.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming.recv_timeout(left).unwrap_or_else(|_| {
            panic!(
                "no message from the server in time; unread: {:#?}",
                self.pending
            )
        })
    }

    /// The whole response (`result` or `error`) to a request.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.next(deadline);
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            self.pending.push(v);
        }
    }

    /// The result of a request that must succeed.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.call(method, params);
        assert!(v.get("error").is_none(), "{method} failed: {v:#}");
        v["result"].clone()
    }

    /// The next notification `method` for which `keep` holds (earlier ones are dropped).
    fn wait_for(&mut self, method: &str, keep: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .pending
            .iter()
            .position(|v| v["method"] == method && keep(&v["params"]))
        {
            return self.pending.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.next(deadline);
            if v["method"] == method && keep(&v["params"]) {
                return v["params"].clone();
            }
            self.pending.push(v);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    fn initialize(&mut self, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, path: &Path) -> (String, String) {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "eindex-rules", "version": 1, "text": text}}),
        );
        (uri, text)
    }

    /// Replaces the text of `uri`; the diagnostics published before are dropped (a request
    /// answered first: the server publishes before it answers).
    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        self.pending
            .retain(|v| v["method"] != "textDocument/publishDiagnostics");
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown` and `exit`; the server must end with status 0.
    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                assert!(status.success(), "eindex lsp ended with {status}: {err}");
                return;
            }
            assert!(Instant::now() < deadline, "eindex lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    let abs = path.canonicalize().unwrap();
    format!("file://{}", abs.display())
}

/// A copy of rules/2022 in a temporary folder (the tests edit files and read folders).
fn ruleset_copy(tag: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = common::temp_dir(tag);
    let dir = tmp.path().join("2022");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir("rules/2022").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    (tmp, dir.canonicalize().unwrap())
}

/// The LSP position (UTF-16) of the `nth` occurrence of `needle` in `text`, plus `shift` units.
fn pos(text: &str, needle: &str, nth: usize, shift: u32) -> Value {
    let at = text.match_indices(needle).nth(nth).expect("needle").0;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .map(char::len_utf16)
        .sum();
    json!({"line": line, "character": col as u32 + shift})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[test]
fn diagnostics_follow_the_unsaved_text_in_every_file() {
    let (_tmp, dir) = ruleset_copy("lsp-diag");
    let mut c = Client::start();
    c.initialize(json!({}));
    let comm = dir.join("communication.rules");
    let (uri_c, text) = c.open(&comm);
    assert_eq!(
        c.diagnostics(&uri_c),
        Vec::<Value>::new(),
        "the bundled rules are clean"
    );
    // every .rules file of the folder is published, the closed ones too
    let uri_o = uri(&dir.join("open_data.rules"));
    assert_eq!(c.diagnostics(&uri_o), Vec::<Value>::new());

    let typo = text.replacen("match q_websites_count", "match q_websites_cuont", 1);
    c.change(&uri_c, 2, &typo);
    let d = c.diagnostics(&uri_c);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["code"], "eindex::check::unknown_name", "{d:#?}");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["source"], "eindex");
    let start = pos(&typo, "q_websites_cuont", 0, 0);
    let end = pos(
        &typo,
        "q_websites_cuont",
        0,
        "q_websites_cuont".len() as u32,
    );
    assert_eq!(d[0]["range"], json!({"start": start, "end": end}));
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `q_websites_count`?"),
        "the help is in the message: {d:#?}"
    );
    // the file on disk was not touched: the diagnostics are of the unsaved text
    assert_eq!(std::fs::read_to_string(&comm).unwrap(), text);

    // an error in a second file does not hide the first one's
    let od = dir.join("open_data.rules");
    let (uri_o2, od_text) = c.open(&od);
    assert_eq!(uri_o2, uri_o);
    let broken = od_text.replacen("rule ", "rul ", 1);
    c.change(&uri_o, 2, &broken);
    let d_o = c.diagnostics(&uri_o);
    assert!(
        !d_o.is_empty()
            && d_o[0]["code"]
                .as_str()
                .unwrap()
                .starts_with("eindex::syntax"),
        "{d_o:#?}"
    );
    let d_c = c.diagnostics(&uri_c);
    assert_eq!(d_c.len(), 1, "communication's diagnostic stays: {d_c:#?}");

    // fixed: both are cleared
    c.change(&uri_c, 3, &text);
    c.change(&uri_o, 3, &od_text);
    loop {
        let a = c.diagnostics(&uri_c);
        let b = c.diagnostics(&uri_o);
        if a.is_empty() && b.is_empty() {
            break;
        }
    }
    c.stop();
}

/// The server's diagnostics are `eindex check --format json`'s: the same codes and ranges (the
/// CLI counts columns in characters, LSP in UTF-16 units: the same for these files). In a folder
/// of separate rulesets (several `survey` headers) a file is checked alone, as the CLI checks it.
#[test]
fn diagnostics_are_those_of_eindex_check() {
    let mut c = Client::start();
    c.initialize(json!({}));
    for name in [
        "missing_items",
        "pinned_rule_and_section",
        "pinned_section_first_order",
        "missing_blocks",
        "weights_unknown_section",
    ] {
        let path = PathBuf::from(format!("tests/cases/check/{name}.rules"));
        let (u, _) = c.open(&path);
        let lsp: Vec<(String, Value)> = c
            .diagnostics(&u)
            .iter()
            .map(|d| {
                let r = &d["range"];
                let one = |v: &Value| v.as_u64().unwrap() + 1;
                (
                    d["code"].as_str().unwrap().to_string(),
                    json!([
                        one(&r["start"]["line"]),
                        one(&r["start"]["character"]),
                        one(&r["end"]["line"]),
                        one(&r["end"]["character"])
                    ]),
                )
            })
            .collect();
        let out = common::eindex(&["check", path.to_str().unwrap(), "--format", "json"]);
        let cli: Value = serde_json::from_str(&out.stdout).unwrap();
        let cli: Vec<(String, Value)> = cli["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"] == path.to_str().unwrap())
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    json!([d["line"], d["column"], d["end_line"], d["end_column"]]),
                )
            })
            .collect();
        assert!(!cli.is_empty(), "{name}");
        assert_eq!(lsp, cli, "{name}");
    }
    c.stop();
}

#[test]
fn hover_definition_references_and_symbols() {
    let (_tmp, dir) = ruleset_copy("lsp-nav");
    let mut c = Client::start();
    c.initialize(json!({}));
    let (u, text) = c.open(&dir.join("communication.rules"));
    c.diagnostics(&u);

    // a question: texts, type, options with labels, sources
    let h = c.request(
        "textDocument/hover",
        at(&u, pos(&text, "q_websites_count", 0, 3)),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    for want in [
        "**q_websites_count**",
        "single choice",
        "`one` —",
        "`several` —",
        "answered by:",
    ] {
        assert!(md.contains(want), "`{want}` in:\n{md}");
    }
    // a rule: its section and its maximum
    let h = c.request(
        "textDocument/hover",
        at(&u, pos(&text, "rule official_websites", 0, 6)),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("section: `communication`") && md.contains("at most 2 points"),
        "{md}"
    );
    // a threshold: the level names around it
    let h = c.request("textDocument/hover", at(&u, pos(&text, "upper 20", 0, 6)));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("below: level 1") && md.contains("above: level 2"),
        "{md}"
    );
    // an option: its label
    let h = c.request("textDocument/hover", at(&u, pos(&text, "several =>", 0, 1)));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("option **several** of `q_websites_count`"),
        "{md}"
    );
    // a name after Latvian letters on its line: UTF-16 columns
    let h = c.request(
        "textDocument/hover",
        at(&u, pos(&text, "in communication {", 0, 5)),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("section **communication**"), "{md}");

    // definition: the question in questionnaire.toml
    let d = c.request(
        "textDocument/definition",
        at(&u, pos(&text, "q_websites_count", 0, 2)),
    );
    let schema = dir.join("questionnaire.toml");
    assert_eq!(d["uri"], uri(&schema));
    let toml = std::fs::read_to_string(&schema).unwrap();
    let line = toml[..toml.find("id = \"q_websites_count\"").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(d["range"]["start"]["line"], line, "{d:#}");

    // references: every rule that reads the question
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": u}, "position": pos(&text, "q_websites_count", 0, 2), "context": {"includeDeclaration": false}}),
    );
    let refs = refs.as_array().unwrap();
    assert!(
        !refs.is_empty()
            && refs
                .iter()
                .all(|r| r["uri"].as_str().unwrap().ends_with(".rules")),
        "{refs:#?}"
    );
    assert!(refs
        .iter()
        .any(|r| r["uri"] == u && r["range"]["start"] == pos(&text, "q_websites_count", 0, 0)));

    // symbols: sections, rules, lets
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let names: Vec<&str> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"communication") && names.contains(&"official_websites"),
        "{names:?}"
    );
    c.stop();
}

#[test]
fn completion_formatting_and_a_quick_fix() {
    let (_tmp, dir) = ruleset_copy("lsp-edit");
    let mut c = Client::start();
    c.initialize(json!({}));
    let (u, text) = c.open(&dir.join("communication.rules"));
    c.diagnostics(&u);

    // inside `match q_websites_count {`: its options
    let p = pos(&text, "several =>", 0, 0);
    let items = c.request("textDocument/completion", at(&u, p));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["one", "several", "none"]);
    // after `in` in a rule header: sections
    let header = text.find("in communication {").unwrap() + 3;
    let typing = format!("{}\n", &text[..header]);
    c.change(&u, 2, &typing);
    let p = pos(&typing, "\n", typing.matches('\n').count() - 1, 0);
    let items = c.request("textDocument/completion", at(&u, p));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"communication") && labels.contains(&"open_data"),
        "{labels:?}"
    );
    // elsewhere: question ids and keywords
    let items = c.request(
        "textDocument/completion",
        at(&u, json!({"line": 0, "character": 0})),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"q_websites_count") && labels.contains(&"rule"),
        "{labels:?}"
    );

    // formatting: eindex fmt's layout
    let messy = text.replacen("    one     => 2", "one=>2", 1);
    c.change(&u, 3, &messy);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], text.as_str());

    // a did-you-mean gets a quick fix that writes the suggested name
    let typo = text.replacen("match q_websites_count", "match q_websites_cuont", 1);
    c.change(&u, 4, &typo);
    let d = loop {
        let d = c.diagnostics(&u);
        if !d.is_empty() {
            break d;
        }
    };
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    let a = &actions[0];
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(
        a["title"],
        "Change `q_websites_cuont` to `q_websites_count`"
    );
    let edit = &a["edit"]["changes"][&u][0];
    assert_eq!(edit["newText"], "q_websites_count");
    assert_eq!(edit["range"], d[0]["range"]);
    c.stop();
}

#[test]
fn lenses_evaluate_a_section_and_run_the_tests() {
    let (_tmp, dir) = ruleset_copy("lsp-lens");
    let mut c = Client::start();
    let data = Path::new("data/2022/synthetic-submissions-2022.csv")
        .canonicalize()
        .unwrap();
    c.initialize(json!({"submissions": data}));
    let (u, _) = c.open(&dir.join("communication.rules"));
    c.diagnostics(&u);
    let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": u}}));
    let cmd = &lenses[0]["command"];
    assert_eq!(cmd["command"], "eindex.evaluateSection", "{lenses:#}");
    let out = c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    let out = out.as_str().unwrap();
    assert!(
        out.contains("communication:") && out.contains("points, score") && out.contains("level"),
        "{out}"
    );
    let shown = c.wait_for("window/showMessage", |_| true);
    assert_eq!(shown["message"], out);

    let (m, _) = c.open(&dir.join("model.rules"));
    let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": m}}));
    let tests = lenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["command"]["command"] == "eindex.runTests")
        .expect("a tests lens on the survey header");
    assert!(
        tests["command"]["title"]
            .as_str()
            .unwrap()
            .contains("0 failed"),
        "{tests:#}"
    );
    let cmd = &tests["command"];
    let report = c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert!(
        report.as_str().unwrap().contains("test ") && report.as_str().unwrap().contains("... ok"),
        "{report}"
    );
    c.stop();
}

#[test]
fn garbage_and_unknown_methods_do_not_stop_the_server() {
    let (_tmp, dir) = ruleset_copy("lsp-garbage");
    let mut c = Client::start();
    c.initialize(json!({}));
    c.send_raw("{ this is not json");
    c.send_raw("{\"jsonrpc\": \"2.0\", \"what\": 1}");
    let r = c.call("eindex/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r:#}");
    let r = c.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r:#}");
    // a file that is nothing but noise, and positions past its end
    let (u, _) = c.open(&dir.join("communication.rules"));
    c.change(&u, 2, "rule }{ \"\u{0}ā\" match ((( => =>\n\u{feff}");
    let d = c.diagnostics(&u);
    assert!(!d.is_empty());
    let h = c.call(
        "textDocument/hover",
        at(&u, json!({"line": 99, "character": 99})),
    );
    assert!(h.get("error").is_none(), "{h:#}");
    let h = c.call(
        "textDocument/completion",
        at(&u, json!({"line": 0, "character": 12})),
    );
    assert!(h.get("error").is_none(), "{h:#}");
    c.stop();
}

/// Neovim (Debian's, as .ci/run installs), or `None` with EINDEX_SKIP_NVIM set; a missing nvim
/// otherwise fails the test.
fn nvim() -> Option<&'static str> {
    if std::env::var_os("EINDEX_SKIP_NVIM").is_some() {
        eprintln!("EINDEX_SKIP_NVIM is set: not running the Neovim client");
        return None;
    }
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "no nvim found: install it (`apt-get install neovim`, as .ci/run does) or set EINDEX_SKIP_NVIM=1 to skip this test"
    );
    Some("nvim")
}

/// A real editor client: Neovim's built-in LSP client (headless) types a typo into a copy of
/// rules/2022, waits for the diagnostic and asks for a hover (tests/it/lsp_nvim.lua).
#[test]
fn neovim_gets_diagnostics_and_a_hover() {
    let Some(nvim) = nvim() else { return };
    let (tmp, dir) = ruleset_copy("lsp-nvim");
    let out = tmp.path().join("nvim-result.json");
    let script = Path::new("tests/it/lsp_nvim.lua").canonicalize().unwrap();
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("EINDEX_BIN", EINDEX)
        .env("EINDEX_RULES_FILE", dir.join("communication.rules"))
        .env("EINDEX_NVIM_OUT", &out)
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text =
        std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("nvim wrote no result ({e})"));
    let r: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["errors"], json!([]), "{r:#}");
    let d = r["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{r:#}");
    let comm = std::fs::read_to_string(dir.join("communication.rules")).unwrap();
    let line = comm[..comm.find("match q_websites_count").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(d[0]["lnum"], line, "{r:#}");
    assert_eq!(d[0]["col"], 8);
    assert_eq!(d[0]["end_col"], 8 + "q_websites_cuont".len());
    assert_eq!(d[0]["code"], "eindex::check::unknown_name", "{r:#}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `q_websites_count`?"),
        "{r:#}"
    );
    let hover = r["hover"].as_str().unwrap_or_default();
    assert!(
        hover.contains("**q_social_media**") && hover.contains("multiple choice"),
        "{r:#}"
    );
}
