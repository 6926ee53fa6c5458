//! The message loop: initialisation, dispatch of requests and notifications, publishing
//! diagnostics. Nothing a client sends ends the server but `shutdown` and `exit` (or the end of
//! its input): a message that is not JSON-RPC is logged to standard error and skipped, an
//! unknown request gets `MethodNotFound`, a handler that fails gets an error response.

use super::pos::{path_of, Encoding, Lines};
use super::state::{Doc, Folder, Settings, World};
use super::{actions, completion, diagnostics, hover, navigation, refs};
use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{self as lt, notification as n, request as r, request::Request as _};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Serves over standard input and output until the client says `exit` (or closes the input).
///
/// The transport is lsp-server's, read by a thread of our own: a message that is not valid
/// JSON-RPC is skipped (lsp-server's own reader would stop at it).
pub fn serve_stdio() -> Result<(), String> {
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    // not joined: it may wait on standard input after `exit`
    std::thread::spawn(move || read_stdin(&to_server));
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for msg in from_server {
            if msg.write(&mut out).is_err() {
                break;
            }
        }
    });
    let result = serve(&server);
    drop(server);
    let _ = writer.join();
    result
}

/// Messages longer than this are skipped unread (a garbled `Content-Length` must not make the
/// server allocate gigabytes).
const MAX_MESSAGE: usize = 256 << 20;

/// Reads messages from standard input into `to_server` until `exit` or the end of the input.
fn read_stdin(to_server: &crossbeam_channel::Sender<Message>) {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    loop {
        match read_message(&mut input) {
            Ok(Some(Ok(msg))) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == n::Exit::METHOD);
                if to_server.send(msg).is_err() || exit {
                    break;
                }
            }
            Ok(Some(Err(e))) => {
                eprintln!("eindex lsp: skipped a message: {}", crate::diag::tame(&e));
            }
            Ok(None) => break,
            Err(e) => {
                eprintln!("eindex lsp: cannot read standard input: {e}");
                break;
            }
        }
    }
}

/// One framed message (`Content-Length: N`, a blank line, N bytes): `None` at the end of the
/// input, `Some(Err)` for a message that was skipped (bad header or body).
fn read_message(
    input: &mut impl std::io::BufRead,
) -> std::io::Result<Option<Result<Message, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| format!("bad header `{line}`")),
                );
            }
        }
    }
    let n = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Some(Err(e))),
        None => return Ok(None),
    };
    if n > MAX_MESSAGE {
        let mut left = n;
        let mut chunk = vec![0; 1 << 16];
        while left > 0 {
            let got = input.read(&mut chunk[..left.min(1 << 16)])?;
            if got == 0 {
                break;
            }
            left -= got;
        }
        return Ok(Some(Err(format!(
            "a message of {n} bytes (at most {MAX_MESSAGE})"
        ))));
    }
    let mut body = vec![0; n];
    input.read_exact(&mut body)?;
    Ok(Some(
        serde_json::from_slice(&body).map_err(|e| format!("not JSON-RPC: {e}")),
    ))
}

/// Serves on a connection (standard input and output, or an in-memory one for benchmarks):
/// the handshake, then messages until `shutdown`.
pub fn serve(conn: &Connection) -> Result<(), String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let params: lt::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let enc = encoding(&params);
    let settings = params
        .initialization_options
        .as_ref()
        .map(Settings::from_json)
        .unwrap_or_default();
    let result = lt::InitializeResult {
        capabilities: capabilities(enc),
        server_info: Some(lt::ServerInfo {
            name: "eindex".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut s = Server {
        conn,
        world: World::new(enc, settings),
        dirty: BTreeSet::new(),
    };
    s.run()
}

/// UTF-8 when the client offers it, else UTF-16 (the protocol's default).
fn encoding(params: &lt::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|o| o.contains(&lt::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(enc: Encoding) -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => lt::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lt::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lt::TextDocumentSyncCapability::Kind(
            lt::TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "{".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(lt::OneOf::Left(true)),
        code_action_provider: Some(lt::CodeActionProviderCapability::Simple(true)),
        code_lens_provider: Some(lt::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(lt::ExecuteCommandOptions {
            commands: vec![actions::EVALUATE.into(), actions::RUN_TESTS.into()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

struct Server<'a> {
    conn: &'a Connection,
    world: World,
    /// Folders edited since they were last analysed.
    dirty: BTreeSet<PathBuf>,
}

/// A handler's failure: the error response's code and message.
type Failure = (ErrorCode, String);

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            let msg = if self.dirty.is_empty() {
                match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.conn.receiver.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty) => {
                        self.refresh();
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => return Ok(()),
                }
            };
            match msg {
                Message::Request(req) => {
                    match self.conn.handle_shutdown(&req) {
                        Ok(true) => return Ok(()),
                        Ok(false) => {}
                        Err(e) => return Err(e.to_string()),
                    }
                    self.refresh();
                    self.request(req);
                }
                Message::Notification(not) => {
                    if not.method == n::Exit::METHOD {
                        return Ok(());
                    }
                    let _ = self.guarded(|s| {
                        s.notification(not);
                        Ok(Value::Null)
                    });
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, msg: Message) {
        if self.conn.sender.send(msg).is_err() {
            eprintln!("eindex lsp: the client is gone");
        }
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    /// Runs `f`, turning a panic into an error (the server goes on).
    fn guarded(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Value, Failure>,
    ) -> Result<Value, Failure> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self))) {
            Ok(r) => r,
            Err(_) => Err((
                ErrorCode::InternalError,
                "internal error (see the server's log)".into(),
            )),
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = self.guarded(|s| s.dispatch(req));
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => {
                eprintln!("eindex lsp: {message}");
                Response::new_err(id, code as i32, message)
            }
        };
        self.send(Message::Response(resp));
    }

    fn dispatch(&mut self, req: Request) -> Result<Value, Failure> {
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, Failure> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", req.method)))
        }
        fn json<T: serde::Serialize>(v: T) -> Result<Value, Failure> {
            serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
        }
        match req.method.as_str() {
            r::HoverRequest::METHOD => json(self.hover(params(req)?)),
            r::GotoDefinition::METHOD => json(self.definition(params(req)?)),
            r::References::METHOD => json(self.references(params(req)?)),
            r::DocumentSymbolRequest::METHOD => json(self.symbols(params(req)?)),
            r::Completion::METHOD => json(self.completion(params(req)?)),
            r::Formatting::METHOD => json(self.formatting(params(req)?)?),
            r::CodeActionRequest::METHOD => json(self.code_actions(params(req)?)),
            r::CodeLensRequest::METHOD => json(self.code_lenses(params(req)?)),
            r::ExecuteCommand::METHOD => json(self.execute(params(req)?)?),
            m => Err((ErrorCode::MethodNotFound, format!("unknown method {m}"))),
        }
    }

    fn notification(&mut self, not: Notification) {
        fn params<P: serde::de::DeserializeOwned>(not: Notification) -> Option<P> {
            match serde_json::from_value(not.params) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("eindex lsp: {}: {e}", not.method);
                    None
                }
            }
        }
        match not.method.as_str() {
            n::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lt::DidOpenTextDocumentParams>(not) {
                    let d = p.text_document;
                    if let Some(p) = path_of(&d.uri) {
                        self.world.scopes.remove(&p);
                    }
                    self.edited(&d.uri, |docs, path| {
                        let doc = Doc {
                            text: d.text,
                            version: d.version,
                        };
                        docs.insert(path.to_path_buf(), doc);
                    });
                }
            }
            n::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lt::DidChangeTextDocumentParams>(not) {
                    let enc = self.world.enc;
                    let uri = p.text_document.uri;
                    self.edited(&uri, |docs, path| {
                        if let Some(doc) = docs.get_mut(path) {
                            for c in p.content_changes {
                                apply(&mut doc.text, c, enc);
                            }
                            doc.version = p.text_document.version;
                        }
                    });
                }
            }
            n::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lt::DidCloseTextDocumentParams>(not) {
                    self.edited(&p.text_document.uri, |docs, path| {
                        docs.remove(path);
                    });
                }
            }
            n::DidSaveTextDocument::METHOD => {
                if let Some(p) = params::<lt::DidSaveTextDocumentParams>(not) {
                    self.edited(&p.text_document.uri, |_, _| {});
                }
            }
            n::DidChangeConfiguration::METHOD => {
                if let Some(p) = params::<lt::DidChangeConfigurationParams>(not) {
                    self.world.settings = Settings::from_json(&p.settings);
                }
            }
            _ => {}
        }
    }

    /// Applies `f` to the open documents and marks the folder of `uri` for analysis.
    fn edited(
        &mut self,
        uri: &lt::Url,
        f: impl FnOnce(&mut std::collections::HashMap<PathBuf, Doc>, &Path),
    ) {
        let Some(path) = path_of(uri) else {
            eprintln!("eindex lsp: not a file: {uri}");
            return;
        };
        f(&mut self.world.docs, &path);
        if let Some(scope) = self.world.scope(&path) {
            self.dirty.insert(scope);
        }
    }

    /// Analyses the edited folders and publishes their diagnostics.
    fn refresh(&mut self) {
        let dirty = std::mem::take(&mut self.dirty);
        for dir in dirty {
            let analysed =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.world.analyse(&dir)));
            let analysed = analysed.unwrap_or_else(|_| {
                self.world.folders.remove(&dir);
                Err(format!("internal error analysing {}", dir.display()))
            });
            if let Err(e) = analysed {
                eprintln!("eindex lsp: {e}");
                continue;
            }
            let Some(folder) = self.world.folders.get(&dir) else {
                continue;
            };
            let diags = diagnostics::by_file(folder, self.world.enc);
            let now: Vec<PathBuf> = diags.keys().cloned().collect();
            let before = self
                .world
                .published
                .insert(dir.clone(), now)
                .unwrap_or_default();
            let docs = &self.world.docs;
            for p in diagnostics::publish(diags, &before, |p| docs.get(p).map(|d| d.version)) {
                self.notify::<n::PublishDiagnostics>(p);
            }
        }
    }

    /// The document at `uri`: its path, text and analysed folder (analysed now if it was not).
    fn doc(&mut self, uri: &lt::Url) -> Option<(PathBuf, String, &Folder, u16)> {
        let path = path_of(uri)?;
        let scope = self.world.scope(&path)?;
        if !self.world.folders.contains_key(&scope) {
            if let Err(e) = self.world.analyse(&scope) {
                eprintln!("eindex lsp: {e}");
            }
        }
        let text = self.world.text(&path)?;
        let folder = self.world.folders.get(&scope)?;
        let id = folder.source_id(&path)?;
        Some((path, text, folder, id))
    }

    /// The name at a position of a document.
    fn target_at(
        &mut self,
        p: &lt::TextDocumentPositionParams,
    ) -> Option<(refs::Target, lt::Range)> {
        let enc = self.world.enc;
        let (_, text, folder, id) = self.doc(&p.text_document.uri)?;
        let lines = Lines::new(&text, enc);
        let offset = lines.offset(p.position);
        let o = refs::at(folder.names.get(&id)?, offset)?;
        Some((
            o.target.clone(),
            lines.range(o.span.start as usize, o.span.end as usize),
        ))
    }

    fn hover(&mut self, p: lt::HoverParams) -> Option<lt::Hover> {
        let (target, range) = self.target_at(&p.text_document_position_params)?;
        let (_, _, folder, _) = self.doc(&p.text_document_position_params.text_document.uri)?;
        let value = hover::text(folder, &target)?;
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value,
            }),
            range: Some(range),
        })
    }

    fn definition(&mut self, p: lt::GotoDefinitionParams) -> Option<lt::GotoDefinitionResponse> {
        let (target, _) = self.target_at(&p.text_document_position_params)?;
        let enc = self.world.enc;
        let (_, _, folder, _) = self.doc(&p.text_document_position_params.text_document.uri)?;
        let span = navigation::definition(folder, &target)?;
        Some(lt::GotoDefinitionResponse::Scalar(navigation::location(
            folder, span, enc,
        )?))
    }

    fn references(&mut self, p: lt::ReferenceParams) -> Option<Vec<lt::Location>> {
        let (target, _) = self.target_at(&p.text_document_position)?;
        let enc = self.world.enc;
        let (_, _, folder, _) = self.doc(&p.text_document_position.text_document.uri)?;
        let spans = navigation::references(folder, &target, p.context.include_declaration);
        Some(
            spans
                .into_iter()
                .filter_map(|s| navigation::location(folder, s, enc))
                .collect(),
        )
    }

    fn symbols(&mut self, p: lt::DocumentSymbolParams) -> Option<lt::DocumentSymbolResponse> {
        let enc = self.world.enc;
        let (_, _, folder, id) = self.doc(&p.text_document.uri)?;
        Some(lt::DocumentSymbolResponse::Nested(navigation::symbols(
            folder, id, enc,
        )))
    }

    fn completion(&mut self, p: lt::CompletionParams) -> Option<lt::CompletionResponse> {
        let enc = self.world.enc;
        let pos = p.text_document_position;
        let (_, text, folder, _) = self.doc(&pos.text_document.uri)?;
        let offset = Lines::new(&text, enc).offset(pos.position);
        Some(lt::CompletionResponse::Array(completion::complete(
            folder, &text, offset,
        )))
    }

    fn formatting(
        &mut self,
        p: lt::DocumentFormattingParams,
    ) -> Result<Option<Vec<lt::TextEdit>>, Failure> {
        let Some(path) = path_of(&p.text_document.uri) else {
            return Ok(None);
        };
        let Some(text) = self.world.text(&path) else {
            return Ok(None);
        };
        let lines = self.world.lines(&text);
        let name = path.display().to_string();
        actions::format(&name, &text, &lines)
            .map(Some)
            .map_err(|m| (ErrorCode::RequestFailed, m))
    }

    fn code_actions(&mut self, p: lt::CodeActionParams) -> Option<Vec<lt::CodeAction>> {
        let enc = self.world.enc;
        let uri = p.text_document.uri;
        let (_, text, _, _) = self.doc(&uri)?;
        let lines = Lines::new(&text, enc);
        Some(actions::quick_fixes(
            &uri,
            &text,
            &lines,
            &p.context.diagnostics,
        ))
    }

    fn code_lenses(&mut self, p: lt::CodeLensParams) -> Option<Vec<lt::CodeLens>> {
        let enc = self.world.enc;
        let scope = self.world.scope(&path_of(&p.text_document.uri)?)?;
        let (_, text, folder, id) = self.doc(&p.text_document.uri)?;
        let lines = Lines::new(&text, enc);
        Some(actions::lenses(folder, id, &lines, &scope))
    }

    fn execute(&mut self, p: lt::ExecuteCommandParams) -> Result<Value, Failure> {
        let arg = |i: usize| {
            p.arguments
                .get(i)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let bad = |m: &str| (ErrorCode::InvalidParams, m.to_string());
        let first = "the first argument is the ruleset (its folder, or a .rules file alone)";
        let dir = PathBuf::from(arg(0).ok_or_else(|| bad(first))?);
        if !self.world.folders.contains_key(&dir) {
            self.world
                .analyse(&dir)
                .map_err(|e| (ErrorCode::RequestFailed, e))?;
        }
        let folder = self
            .world
            .folders
            .get(&dir)
            .ok_or_else(|| bad("no such folder"))?;
        let result = match p.command.as_str() {
            actions::EVALUATE => {
                let section = arg(1).ok_or_else(|| bad("the second argument is a section"))?;
                actions::evaluate(folder, &self.world.settings, &section, arg(2).as_deref())
            }
            actions::RUN_TESTS => actions::tests_report(folder),
            c => return Err((ErrorCode::InvalidParams, format!("unknown command {c}"))),
        };
        let (typ, text) = match &result {
            Ok(t) => (lt::MessageType::INFO, t.clone()),
            Err(e) => (lt::MessageType::ERROR, e.clone()),
        };
        self.notify::<n::ShowMessage>(lt::ShowMessageParams {
            typ,
            message: text.clone(),
        });
        result
            .map(Value::String)
            .map_err(|e| (ErrorCode::RequestFailed, e))
    }
}

/// Applies one change to a document's text (a change without a range replaces the text).
fn apply(text: &mut String, c: lt::TextDocumentContentChangeEvent, enc: Encoding) {
    match c.range {
        None => *text = c.text,
        Some(r) => {
            let lines = Lines::new(text, enc);
            let (a, b) = (lines.offset(r.start), lines.offset(r.end));
            let (a, b) = (a.min(b), a.max(b));
            text.replace_range(a..b, &c.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_frames_are_skipped_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 6\r\n\r\n{{ no }}Content-Length: x\r\n\r\nContent-Length: {}\r\n\r\n{good}Content-Length: 99999999999\r\n\r\nabc",
            good.len()
        );
        let mut r = std::io::Cursor::new(input.into_bytes());
        let mut got = Vec::new();
        while let Some(m) = read_message(&mut r).unwrap() {
            got.push(m.map(|_| "message").unwrap_or("skipped"));
        }
        assert_eq!(got, ["skipped", "skipped", "message", "skipped"]);
    }
}
