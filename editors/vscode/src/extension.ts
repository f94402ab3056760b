// A thin client: it starts `loclint server` over stdio and lets vscode-languageclient do the
// rest (diagnostics, quick fixes, fix all on save, hover). Everything loclint knows lives in
// the server, so other editors get the same behaviour with a few lines of configuration.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

// The files loclint reads (README: Usage), by suffix, whatever language mode the editor gives them.
const SUFFIXES = "md,markdown,html,htm,txt,json,jsonl,ndjson,yaml,yml,csv,tsv,po,pot,xlf,xliff,arb";
// Settings passed to the server as initializationOptions (the rest are the extension's own).
const SERVER_SETTINGS = ["market", "select", "ignore", "channel", "config", "debounceMs", "ruleDocsUrl"];

let client: LanguageClient | undefined;

function initializationOptions(settings: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const name of SERVER_SETTINGS) {
    const value = settings.get(name);
    if (value !== null && value !== undefined) {
      options[name] = value;
    }
  }
  return options;
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration("loclint");
  const command = settings.get<string>("path", "loclint");
  const serverOptions: ServerOptions = { command, args: ["server"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: `**/*.{${SUFFIXES}}` },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "html" },
      { scheme: "untitled", language: "po" },
    ],
    initializationOptions: initializationOptions(settings),
    synchronize: {
      // The server reads loclint.toml itself; it only needs to hear that one changed.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{loclint.toml,.loclint.toml,pyproject.toml}"),
    },
  };
  client = new LanguageClient("loclint", "loclint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `loclint: could not start \`${command} server\` (${error}). Install loclint (pip install loclint) ` +
        "or set loclint.path to its command.",
    );
  }
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("loclint.restart", () => restart()),
    // The options are the server's initializationOptions: a change starts it again with them.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("loclint")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
