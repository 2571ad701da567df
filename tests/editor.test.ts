// The plugin in the editor: the real ESLint language server (the one VS Code's
// ESLint extension runs), started over stdio on examples/ with the settings the
// extension sends. What a user sees there (diagnostics, quick fixes,
// suggestions, fix-all on save) must be what the command line reports and fixes.
import type { Linter } from 'eslint';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CodeAction, Diagnostic, Range } from './util/language-server.mjs';

import plugin from '../src/index.js';
import { applyTextEdits, editsFor, LanguageServer } from './util/language-server.mjs';

const EXAMPLES = path.join(import.meta.dirname, '..', 'examples');
// A file with findings of every kind: fixable, with suggestions only, and neither.
const FILE = path.join(EXAMPLES, 'hono', 'app.ts');
const URI = pathToFileURL(FILE).href;
const TEXT = readFileSync(FILE, 'utf8');
const OURS = `${plugin.meta.namespace}/`;

/** ESLint's 1-based line/column report as an LSP range. */
function rangeOf(message: Linter.LintMessage): Range {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
  };
}

/** A text with one ESLint fix applied (offsets into the text). */
function applyFix(text: string, fix: NonNullable<Linter.LintMessage['fix']>): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

let server: LanguageServer;
let cli: Linter.LintMessage[];
let cliFixed: string | undefined;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  // The server runs in its own process: its first typed parse overlaps the command line's.
  server = await LanguageServer.start(EXAMPLES);
  server.open(URI, TEXT);
  const pulled = server.diagnostics(URI);

  // The command line's view: the same config file (examples/eslint.config.js) and the built plugin.
  const [result] = await new ESLint({ cwd: EXAMPLES }).lintFiles([FILE]);
  cli = result.messages.filter(message => message.ruleId?.startsWith(OURS));
  const [fixed] = await new ESLint({ cwd: EXAMPLES, fix: true }).lintFiles([FILE]);
  cliFixed = fixed.output;
  diagnostics = await pulled;
});

afterAll(async () => {
  await server?.stop();
});

describe('the ESLint language server on examples/', () => {
  it('loads the workspace ESLint and reports no configuration or parsing problem', () => {
    expect(server.log.join('\n')).toContain('ESLint library loaded from');
    expect(diagnostics.filter(diagnostic => typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith(OURS))).toEqual([]);
  });

  it("reports the command line's findings: rule ids, ranges, messages and docs links", () => {
    expect(cli.length).toBeGreaterThanOrEqual(3);
    const expected = cli.map(message => ({
      code: message.ruleId,
      range: rangeOf(message),
      message: message.message,
      href: (plugin.rules as Record<string, { meta?: { docs?: { url?: string } } }>)[message.ruleId!.slice(OURS.length)]?.meta?.docs?.url,
      severity: message.severity === 2 ? 1 : 2,
    }));
    const actual = diagnostics.map(diagnostic => ({
      code: diagnostic.code,
      range: diagnostic.range,
      message: diagnostic.message,
      href: diagnostic.codeDescription?.href,
      severity: diagnostic.severity,
    }));
    expect(actual).toEqual(expected);
    for (const { href } of expected) expect(href).toMatch(/^https:\/\//);
  });

  it('has findings of every kind in the file under test', () => {
    expect(cli.filter(message => message.fix).length).toBeGreaterThan(0);
    expect(cli.filter(message => !message.fix && message.suggestions?.length).length).toBeGreaterThan(0);
  });

  it('offers the quick fix of each fixable finding, and applying it gives the fix the command line makes', async () => {
    for (const message of cli.filter(finding => finding.fix)) {
      const diagnostic = diagnostics.find(candidate => candidate.message === message.message)!;
      const actions = (await server.codeActions(URI, diagnostic.range, [diagnostic])) ?? [];
      const fix = actions.find(action => action.title === `Fix this ${message.ruleId} problem`);
      expect(fix?.isPreferred).toBe(true);
      const [edit] = await server.execute(fix!.command!);
      expect(applyTextEdits(TEXT, editsFor(edit, URI))).toBe(applyFix(TEXT, message.fix!));
    }
  });

  it('offers the suggestions of each finding under their descriptions, with the edits the command line computes', async () => {
    let checked = 0;
    for (const message of cli.filter(finding => finding.suggestions?.length)) {
      const diagnostic = diagnostics.find(candidate => candidate.message === message.message)!;
      const actions: CodeAction[] = (await server.codeActions(URI, diagnostic.range, [diagnostic])) ?? [];
      for (const suggestion of message.suggestions!) {
        const action = actions.find(candidate => candidate.title === `${suggestion.desc} (${message.ruleId})`);
        expect(action, suggestion.desc).toBeDefined();
        const [edit] = await server.execute(action!.command!);
        expect(applyTextEdits(TEXT, editsFor(edit, URI))).toBe(applyFix(TEXT, suggestion.fix));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("opens the rule's documentation from a finding", async () => {
    const [diagnostic] = diagnostics;
    const actions = (await server.codeActions(URI, diagnostic.range, [diagnostic])) ?? [];
    const show = actions.find(action => action.title === `Show documentation for ${String(diagnostic.code)}`);
    await server.execute(show!.command!);
    expect(server.openedDocs).toEqual([diagnostic.codeDescription?.href]);
  });

  it('fixes all on save (source.fixAll.eslint) exactly as eslint --fix does', async () => {
    const start = { line: 0, character: 0 };
    const [fixAll] = (await server.codeActions(URI, { start, end: start }, [], ['source.fixAll.eslint'])) ?? [];
    expect(fixAll?.kind).toBe('source.fixAll.eslint');
    expect(cliFixed).toBeDefined();
    expect(applyTextEdits(TEXT, editsFor(fixAll.edit, URI))).toBe(cliFixed);
  });

  it('re-lints as the user types: after the fix-all edit only the unfixable findings remain', async () => {
    server.change(URI, cliFixed!);
    const after = await server.diagnostics(URI);
    const [result] = await new ESLint({ cwd: EXAMPLES }).lintText(cliFixed!, { filePath: FILE });
    expect(after.map(diagnostic => diagnostic.message)).toEqual(result.messages.map(message => message.message));
    expect(after.length).toBeLessThan(diagnostics.length);
    expect(result.messages.filter(message => message.fix)).toEqual([]);
  });
});
