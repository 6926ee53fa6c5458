// The client: starts `eindex lsp` for .rules files (vscode-languageclient, over stdio) and passes
// the `eindex.*` settings to it. Everything else — diagnostics, hover, navigation, completion,
// formatting, quick fixes, the evaluate and tests lenses — is the server's (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("eindex");
  const serverOptions = {
    command: config.get("path") || "eindex",
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "eindex-rules" }],
    initializationOptions: {
      submissions: config.get("submissions") || null,
      unit: config.get("unit") || null,
    },
    synchronize: { configurationSection: "eindex" },
  };
  client = new LanguageClient("eindex", "eindex rules", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
