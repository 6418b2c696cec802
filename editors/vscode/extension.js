// Starts `followup-lint lsp` for plain text, Markdown and mail (docs/editors.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("followup-lint");
  const command = config.get("path") || "followup-lint";
  client = new LanguageClient(
    "followup-lint",
    "followup-lint",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "email" },
        { scheme: "file", pattern: "**/{mutt,neomutt}-*" },
      ],
      initializationOptions: { grammar: config.get("grammar") },
    }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
