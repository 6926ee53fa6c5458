//! The language server's latency after an edit (docs/performance.md, "Language server").
//!
//! `cargo bench --bench lsp`: `eindex lsp`'s server runs on an in-memory connection (the same
//! loop as over stdio, without the pipe); rules/2022/communication.rules is open. One iteration
//! sends a `didChange` (alternately misspelling a question id and putting it back) and waits
//! until the diagnostics of every `.rules` file of the folder are published: the time from a
//! keystroke to the editor having the new diagnostics of the whole folder.

use criterion::{criterion_group, criterion_main, Criterion};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::Path;

fn uri(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

fn notify(c: &Connection, method: &str, params: Value) {
    let n = Notification::new(method.to_string(), params);
    c.sender.send(Message::Notification(n)).unwrap();
}

/// Waits for a publication of the diagnostics of each of `uris` (the schema's are published
/// too when it has any); the number of diagnostics of
/// `edited`.
fn published(c: &Connection, uris: &HashSet<String>, edited: &str) -> usize {
    let mut seen = HashSet::new();
    let mut count = 0;
    while seen.len() < uris.len() {
        if let Message::Notification(n) = c.receiver.recv().unwrap() {
            if n.method == "textDocument/publishDiagnostics" {
                let u = n.params["uri"].as_str().unwrap_or_default().to_string();
                if u == edited {
                    count = n.params["diagnostics"].as_array().map_or(0, Vec::len);
                }
                if uris.contains(&u) {
                    seen.insert(u);
                }
            }
        }
    }
    count
}

fn bench(c: &mut Criterion) {
    let dir = Path::new("rules/2022");
    let uris: HashSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .map(|p| uri(&p))
        .collect();
    let file = dir.join("communication.rules");
    let text = std::fs::read_to_string(&file).unwrap();
    let typo = text.replacen("match q_websites_count", "match q_websites_cuont", 1);
    let edited = uri(&file);

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || eindex::lsp::serve(&server));
    let init = Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({"capabilities": {}}),
    );
    client.sender.send(Message::Request(init)).unwrap();
    let _ = client.receiver.recv().unwrap();
    notify(&client, "initialized", json!({}));
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": edited, "languageId": "eindex-rules", "version": 1, "text": text}}),
    );
    assert_eq!(published(&client, &uris, &edited), 0);

    let mut version = 1;
    c.bench_function("lsp didChange → diagnostics of rules/2022", |b| {
        b.iter(|| {
            version += 1;
            let (t, want) = if version % 2 == 0 { (&typo, 1) } else { (&text, 0) };
            notify(
                &client,
                "textDocument/didChange",
                json!({"textDocument": {"uri": edited, "version": version}, "contentChanges": [{"text": t}]}),
            );
            assert_eq!(published(&client, &uris, &edited), want);
        })
    });
    let shutdown = Request::new(RequestId::from(2), "shutdown".into(), Value::Null);
    client.sender.send(Message::Request(shutdown)).unwrap();
    let _ = client.receiver.recv();
    notify(&client, "exit", Value::Null);
    thread.join().unwrap().unwrap();
}

criterion_group!(benches, bench);
criterion_main!(benches);
