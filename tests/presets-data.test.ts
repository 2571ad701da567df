// Framework facts live in src/presets/ only: adding a framework touches one
// preset file. This test fails when a preset's package name or a
// framework-specific name (hooks, decorators, background APIs, directives)
// reappears as a string literal in the analysis or the rules.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import type { ContextKind, Lifetime, Preset } from '../src/presets/index.js';

import { PRESETS } from '../src/presets/index.js';

const SRC = path.join(import.meta.dirname, '..', 'src');

/** The presets' own vocabulary (`Lifetime` values), which the analysis is written in terms of. */
const PRESET_VOCABULARY = new Set<string>(['sync', 'response', 'invocation'] satisfies Lifetime[]);
/**
 * Node's own stream and socket vocabulary (`write`, `end`, `push`, the `close` and
 * `aborted` events), shared by every Node-based framework: the analysis may name it.
 */
const NODE_STREAM_VOCABULARY = new Set<string>(['write', 'end', 'push', 'destroy', 'close', 'aborted', 'finish', 'error']);

/** Package names and framework-specific member, hook and API names of a preset. */
function frameworkNames(preset: Preset): string[] {
  const names: string[] = [];
  const specifierPackages = (specifiers: readonly unknown[]): void => {
    for (const specifier of specifiers) {
      if (typeof specifier === 'object' && specifier !== null && 'package' in specifier) names.push(String(specifier.package));
    }
  };
  for (const kind of preset.contexts) {
    specifierPackages(kind.types);
    if (kind.abortHook) names.push(kind.abortHook);
    if (kind.streamBody) names.push(kind.streamBody.member, kind.streamBody.respondFlag);
    names.push(...(kind.snapshotMethods ?? []));
  }
  for (const { position } of preset.positional ?? []) {
    if (position.type === 'decorated-parameter') {
      names.push(position.package, ...position.decorators);
      if (position.passthroughOption) names.push(position.passthroughOption);
    } else if (position.type === 'module-handler') {
      names.push(...position.methods, ...position.handlerTypes);
      specifierPackages(position.parameterTypes);
    } else {
      specifierPackages([position.receiver]);
    }
  }
  for (const fn of preset.requestFunctions ?? []) {
    names.push(...fn.package, ...fn.names);
    if (fn.allowedInside) names.push(fn.allowedInside.api, fn.allowedInside.directive, ...fn.allowedInside.exports);
  }
  for (const api of preset.backgroundApis ?? []) names.push(api.name, ...(api.packages ?? []));
  specifierPackages(preset.sinks ?? []);
  specifierPackages(preset.clientCalls ?? []);
  names.push(
    ...(preset.lateCallbackMethods ?? []),
    ...(preset.synchronousCallbackMethods ?? []),
    ...(preset.reachedThrough ?? []),
    ...(preset.endHooks ?? []),
  );
  if (preset.registerFunction) names.push(preset.registerFunction.name, preset.registerFunction.from);
  if (preset.singletons) {
    const { package: packageName, decorators, requestScope, requestInjection } = preset.singletons;
    names.push(
      packageName,
      ...decorators,
      ...requestScope.values,
      ...requestInjection.decorators,
      ...requestInjection.tokens,
      ...requestInjection.packages,
    );
  }
  for (const stream of preset.streams ?? []) {
    specifierPackages(stream.types);
    names.push(...stream.writeMethods, ...(stream.abortFlags ?? []), ...(stream.abortHooks ?? []), ...(stream.closeEvents ?? []));
  }
  for (const signal of preset.requestSignals ?? []) {
    specifierPackages(signal.types);
    names.push(...(signal.closeEvents ?? []));
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Every string literal of a file (not the text of longer strings such as messages), with its line. */
function stringLiterals(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // Module specifiers are the plugin's own imports, not framework facts.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = [...sourceFiles(path.join(SRC, 'analysis')), ...sourceFiles(path.join(SRC, 'rules'))];
const literals = files.flatMap(file => stringLiterals(file).map(literal => ({ ...literal, file: path.relative(SRC, file) })));

describe('framework facts stay in src/presets/', () => {
  it('scans the analysis and the rules', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(literals.length).toBeGreaterThan(50);
  });

  it.each(Object.entries(PRESETS))(
    '%s: no package or framework name appears as a string literal in src/analysis/ or src/rules/',
    (_, preset) => {
      const names = new Set(frameworkNames(preset));
      expect(names.size).toBeGreaterThan(0);
      const leaks = literals
        .filter(literal => names.has(literal.text) && !PRESET_VOCABULARY.has(literal.text) && !NODE_STREAM_VOCABULARY.has(literal.text))
        .map(literal => `${literal.file}:${literal.line} '${literal.text}'`);
      expect(leaks).toEqual([]);
    },
  );

  it('detects a leak (the scan sees literals such as this one)', () => {
    const self = stringLiterals(import.meta.filename).map(literal => literal.text);
    expect(self).toContain('detects a leak (the scan sees literals such as this one)');
  });
});

/** Every context kind of a preset, positional ones and their destructured properties included. */
function kindsOf(preset: Preset): ContextKind[] {
  const positional = (preset.positional ?? []).flatMap(({ kind, position }) => [
    kind,
    ...(position.type === 'handler-parameter' ? Object.values(position.scopedProperties) : []),
  ]);
  return [...preset.contexts, ...positional];
}

describe('live state is never a hoistable read', () => {
  it.each(Object.entries(PRESETS))('%s: no member is both live and pure', (_, preset) => {
    const overlaps = kindsOf(preset).flatMap(kind => {
      const hoistable = new Set([...(kind.pureMembers ?? []), ...(kind.asyncPureMembers ?? [])]);
      return (kind.liveMembers ?? []).filter(member => hoistable.has(member)).map(member => `${kind.label}: ${member}`);
    });
    expect(overlaps).toEqual([]);
  });

  it('marks the response state the fix once copied as live', () => {
    const live = (label: string): readonly string[] =>
      Object.values(PRESETS)
        .flatMap(kindsOf)
        .find(kind => kind.label === label)?.liveMembers ?? [];
    expect(live('Fastify reply')).toEqual(expect.arrayContaining(['sent', 'statusCode', 'elapsedTime']));
    expect(live('Express Response')).toEqual(expect.arrayContaining(['headersSent', 'statusCode', 'writableEnded']));
    expect(live('Node ServerResponse')).toEqual(expect.arrayContaining(['headersSent', 'statusCode', 'writableEnded']));
    expect(live('Koa Context')).toEqual(expect.arrayContaining(['status', 'respond']));
    expect(live('Hono Context')).toEqual(expect.arrayContaining(['finalized']));
    expect(live('Elysia set')).toEqual(['status']);
  });
});
