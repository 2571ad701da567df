// A minimal Language Server Protocol client for the ESLint language server
// (`vscode-eslint-language-server` from vscode-langservers-extracted, the
// server VS Code's ESLint extension runs). It speaks JSON-RPC over stdio and
// answers the server's `workspace/configuration` requests with the settings
// the extension sends, so tests and benchmarks see what an editor user sees.
//
// Used by tests/editor.test.ts and bench/editor-soak.mjs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** `.../node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server` */
export function languageServerBinary() {
  const packageJson = require.resolve('vscode-langservers-extracted/package.json');
  const { bin } = require(packageJson);
  return path.join(path.dirname(packageJson), bin['vscode-eslint-language-server']);
}

/**
 * The settings VS Code's ESLint extension sends for a workspace folder when
 * the user changed nothing (its `eslint.*` defaults), with flat config on.
 *
 * @example
 *   vscodeEslintSettings('/repo') // { validate: 'on', run: 'onType', workspaceFolder: { name: 'repo', uri: 'file:///repo' }, ... }
 */
export function vscodeEslintSettings(workspaceFolder, overrides = {}) {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: path.basename(workspaceFolder), uri: pathToFileURL(workspaceFolder).href },
    ...overrides,
  };
}

/** The client capabilities that matter to the ESLint server: pulled diagnostics and code action literals. */
const CLIENT_CAPABILITIES = {
  workspace: { configuration: true, applyEdit: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSaveWaitUntil: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
      },
    },
  },
  window: { workDoneProgress: false },
};

/**
 * One ESLint language server process and its session.
 *
 * @example
 *   const server = await LanguageServer.start(examplesDir);
 *   await server.open(fileUri, text);
 *   const diagnostics = await server.diagnostics(fileUri);
 *   await server.stop();
 */
export class LanguageServer {
  #child;
  #settings;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  #pending = new Map();
  #versions = new Map();
  /** Log and show-message notifications from the server, for failure messages. */
  log = [];
  /** Edits the server asked the client to apply (`workspace/applyEdit`). */
  appliedEdits = [];
  /** Documentation URLs the server asked the client to open (`eslint/openDoc`). */
  openedDocs = [];

  constructor(child, settings) {
    this.#child = child;
    this.#settings = settings;
    child.stdout.on('data', chunk => this.#receive(chunk));
    child.stderr.on('data', chunk => this.log.push(String(chunk)));
    child.on('exit', code => {
      for (const { reject } of this.#pending.values())
        reject(new Error(`ESLint language server exited (${code}):\n${this.log.join('\n')}`));
      this.#pending.clear();
    });
  }

  /** Starts the server over stdio on `workspaceFolder` and completes the LSP handshake. */
  static async start(workspaceFolder, { settings = vscodeEslintSettings(workspaceFolder), execArgv = [] } = {}) {
    const child = spawn(process.execPath, [...execArgv, languageServerBinary(), '--stdio'], {
      cwd: workspaceFolder,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server = new LanguageServer(child, settings);
    await server.request('initialize', {
      processId: process.pid,
      rootUri: settings.workspaceFolder.uri,
      capabilities: CLIENT_CAPABILITIES,
      workspaceFolders: [settings.workspaceFolder],
      initializationOptions: {},
    });
    server.notify('initialized', {});
    return server;
  }

  /** The server's process id (for memory sampling). */
  get pid() {
    return this.#child.pid;
  }

  request(method, params) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** Opens a document, as an editor does when a file is shown. */
  open(uri, text, languageId = 'typescript') {
    this.#versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces a document's whole text, as one edit (the next version). */
  change(uri, text) {
    const version = (this.#versions.get(uri) ?? 0) + 1;
    this.#versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** The diagnostics the server reports for a document (pulled: `textDocument/diagnostic`). */
  async diagnostics(uri) {
    const report = await this.request('textDocument/diagnostic', { textDocument: { uri } });
    return report.items ?? [];
  }

  /** Code actions at `range`, for `diagnostics` (quick fixes, suggestions), or of kind `only` (e.g. `source.fixAll.eslint`). */
  codeActions(uri, range, diagnostics, only) {
    return this.request('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}), triggerKind: 1 },
    });
  }

  /**
   * Runs a code action's command (apply a fix, a suggestion, all fixes, open
   * the rule's docs) and returns the workspace edits the server asked the
   * client to apply while doing so.
   */
  async execute(command) {
    const before = this.appliedEdits.length;
    await this.request('workspace/executeCommand', { command: command.command, arguments: command.arguments });
    return this.appliedEdits.slice(before);
  }

  /** Shuts the server down and waits for it to exit. */
  async stop() {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise(resolve => this.#child.once('exit', resolve));
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.#child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.#child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.#child.stdin.write(body);
  }

  #receive(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const body = this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      this.#dispatch(JSON.parse(body));
    }
  }

  #dispatch(message) {
    if (message.method === undefined) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}\n${this.log.join('\n')}`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id === undefined) {
      // Notifications: keep what helps explain a failure.
      if (message.method === 'window/logMessage' || message.method === 'window/showMessage') this.log.push(message.params.message);
      return;
    }
    this.#send({ jsonrpc: '2.0', id: message.id, result: this.#answer(message) });
  }

  /** The client's answer to a server request. */
  #answer({ method, params }) {
    switch (method) {
      case 'workspace/configuration':
        return params.items.map(() => this.#settings);
      case 'workspace/applyEdit':
        this.appliedEdits.push(params.edit);
        return { applied: true };
      case 'eslint/openDoc':
        this.openedDocs.push(params.url);
        return {};
      case 'workspace/workspaceFolders':
        return [this.#settings.workspaceFolder];
      default:
        // client/registerCapability, window/workDoneProgress/create, eslint/noConfig, eslint/noLibrary, ...
        return null;
    }
  }
}

/**
 * Applies LSP text edits (zero-based line/character ranges) to a text.
 *
 * @example
 *   applyTextEdits('ab\ncd', [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'x' }]) // 'ab\nxd'
 */
export function applyTextEdits(text, edits) {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const offset = ({ line, character }) => (line < lineStarts.length ? lineStarts[line] + character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

/** The text edits a workspace edit (or a code action's edit) makes to `uri`. */
export function editsFor(workspaceEdit, uri) {
  const edit = workspaceEdit ?? {};
  const fromDocumentChanges = (edit.documentChanges ?? [])
    .filter(change => change.textDocument?.uri === uri)
    .flatMap(change => change.edits);
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}
