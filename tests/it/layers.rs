//! The layering of docs/design.md ("Where things live"), checked on the source: the core never
//! imports the application layer, the commands or the command line; the application layer never
//! imports a command or the command line; a command never imports another command or the command
//! line. (Import cycles between these layers are therefore impossible.)

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a file of `src/` belongs to.
fn layer(rel: &str) -> &'static str {
    match rel.split('/').next().unwrap_or("") {
        "cli.rs" => "cli",
        "main.rs" | "lib.rs" => "root",
        "cmd" => "cmd",
        "app" => "app",
        _ => "core",
    }
}

/// The `crate::…` paths of the other layers a file must not name.
fn forbidden(layer: &str) -> &'static [&'static str] {
    match layer {
        "core" => &["crate::app", "crate::cmd", "crate::cli"],
        "app" => &["crate::cmd", "crate::cli"],
        "cmd" => &["crate::cmd", "crate::cli", "super::"],
        _ => &[],
    }
}

/// The first path component of each name in `crate::{a, b::c}` on a line.
fn grouped_imports(code: &str) -> Vec<&str> {
    let Some(start) = code.find("crate::{") else {
        return Vec::new();
    };
    let inner = &code[start + "crate::{".len()..];
    let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
    inner
        .split(',')
        .filter_map(|name| name.trim().split("::").next())
        .filter(|m| !m.is_empty())
        .collect()
}

fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let grouped = grouped_imports(code);
            for bad in forbidden(layer(&rel)) {
                let in_group = bad
                    .strip_prefix("crate::")
                    .is_some_and(|m| grouped.contains(&m));
                if code.contains(bad) || in_group {
                    found.push(format!(
                        "src/{rel}:{}: `{}` names `{bad}`",
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let found = violations(Path::new("src"));
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn a_forbidden_import_is_found() {
    let dir = super::common::temp_dir("layers");
    let src = dir.path();
    std::fs::create_dir_all(src.join("cmd")).unwrap();
    std::fs::create_dir_all(src.join("explain")).unwrap();
    std::fs::write(src.join("cmd/eval.rs"), "use crate::cmd::check;\n").unwrap();
    std::fs::write(
        src.join("explain/mod.rs"),
        "// crate::app in a comment is fine\nuse crate::app::Compiled;\n",
    )
    .unwrap();
    std::fs::write(src.join("cli.rs"), "use crate::{app, cmd};\n").unwrap();
    std::fs::write(src.join("batch.rs"), "use crate::{eval, app::output};\n").unwrap();
    let found = violations(src);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("src/batch.rs:1:"), "{found:?}");
    let found = &found[1..];
    assert!(found[0].starts_with("src/cmd/eval.rs:1:"), "{found:?}");
    assert!(found[1].starts_with("src/explain/mod.rs:2:"), "{found:?}");
}

#[test]
fn every_code_is_documented() {
    // Every `code(eindex::…)` the program declares has its row in docs/diagnostics.md, which is
    // what `eindex check --explain` prints; and every documented code exists.
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut declared = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for part in text.split("code(eindex::").skip(1) {
            let end = part
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(part.len());
            declared.insert(format!("eindex::{}", &part[..end]));
        }
    }
    assert!(
        declared.len() > 140,
        "{} codes found in src/",
        declared.len()
    );
    let documented: std::collections::BTreeSet<String> =
        eindex::codes::all().into_iter().map(|e| e.code).collect();
    let undocumented: Vec<&String> = declared.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "codes without a row in docs/diagnostics.md: {undocumented:?}"
    );
    let stale: Vec<&String> = documented.difference(&declared).collect();
    assert!(
        stale.is_empty(),
        "docs/diagnostics.md documents codes the program no longer has: {stale:?}"
    );
}
