// Shared machinery of the fuzzer (scripts/fuzz.mjs) and its fixed-seed run in
// the test suite (tests/fuzz.test.ts): a typed ESLint harness with every rule
// of the plugin on, fix and suggestion verification, and the fast-check driver.
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

import { programArbitrary, renderProgram, safeProgramArbitrary } from './fuzz-programs.mjs';

export { programArbitrary, renderProgram, safeProgramArbitrary };

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const REGRESSIONS_DIR = path.join(REPO_ROOT, 'tests', 'fuzz-regressions');
const FIXTURE_TSCONFIG = path.join(REPO_ROOT, 'tests', 'fixtures', 'tsconfig.json');

/** File names a program may be linted as; `route.ts` changes Next.js semantics. */
export const PROGRAM_FILES = ['input.ts', 'route.ts'];

/**
 * Every rule of the plugin with its default options, plus `reads: 'unsafe-only'`
 * for rules that take it. Each variant is registered under its own plugin
 * namespace so that one lint pass runs them all.
 */
export function ruleVariants(plugin) {
  const variants = [];
  for (const [ruleName, rule] of Object.entries(plugin.rules)) {
    const schema = Array.isArray(rule.meta?.schema) ? rule.meta.schema[0] : undefined;
    const optionSets = [{ label: 'defaults', options: [] }];
    if (schema?.properties?.reads) optionSets.push({ label: "reads: 'unsafe-only'", options: [{ reads: 'unsafe-only' }] });
    for (const { label, options } of optionSets) {
      const namespace = `v${variants.length}`;
      variants.push({ namespace, ruleName, ruleId: `${namespace}/${ruleName}`, label: `${ruleName} (${label})`, options });
    }
  }
  return variants;
}

/** The compiler options of the test fixtures, as a tsconfig for a directory of programs. */
export function fixtureTsconfig(include = ['*.ts']) {
  const fixture = JSON.parse(fs.readFileSync(FIXTURE_TSCONFIG, 'utf8'));
  return { compilerOptions: fixture.compilerOptions, include };
}

/**
 * A directory inside the repository (so `node_modules` resolves) with a
 * tsconfig and the program files, and an ESLint instance with every rule
 * variant. A probe rule keeps the TypeScript program of the last lint, so the
 * TypeScript errors of a linted text come from the program the rules saw.
 */
export async function createHarness({ plugin, dir, suggestionTypeChecks = Infinity, typecheckInputs = false, liveMembers = [] }) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(fixtureTsconfig(), null, 2)}\n`);
  for (const file of PROGRAM_FILES) fs.writeFileSync(path.join(dir, file), 'export {};\n');

  const variants = ruleVariants(plugin);
  const probe = { program: undefined, fileName: undefined };
  const probePlugin = {
    meta: { name: 'fuzz-probe' },
    rules: {
      program: {
        meta: { type: 'problem', schema: [] },
        create(context) {
          probe.program = context.sourceCode.parserServices?.program ?? undefined;
          probe.fileName = context.physicalFilename;
          return {};
        },
      },
    },
  };
  const plugins = { probe: probePlugin, ...Object.fromEntries(variants.map(v => [v.namespace, plugin])) };
  const rules = { 'probe/program': 'error', ...Object.fromEntries(variants.map(v => [v.ruleId, ['error', ...v.options]])) };
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        plugins,
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules,
      },
    ],
  });

  /** Lints `source` as `file`; `diagnostics()` counts the TypeScript errors of that text until the next lint. */
  async function lint(source, file) {
    const filePath = path.join(dir, file);
    fs.writeFileSync(filePath, source);
    probe.program = undefined;
    const [result] = await eslint.lintText(source, { filePath });
    const { program, fileName } = probe;
    let counted;
    const diagnostics = () => (counted ??= countDiagnostics(program, fileName));
    return { messages: result.messages, diagnostics };
  }

  return {
    dir,
    variants,
    lint,
    /** Lints one program and verifies every fix and suggestion. */
    check: (source, file = 'input.ts') =>
      checkProgram({ lint, variants, suggestionTypeChecks, typecheckInputs, liveMembers }, source, file),
    dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** TypeScript errors of one file of a program: syntactic ones, and all of them with their messages. */
function countDiagnostics(program, fileName) {
  const sourceFile = program?.getSourceFile(fileName);
  if (!program || !sourceFile) return { syntactic: 0, total: 0, messages: [], unavailable: true };
  const syntactic = program.getSyntacticDiagnostics(sourceFile);
  const semantic = syntactic.length > 0 ? [] : program.getSemanticDiagnostics(sourceFile);
  const errors = [...syntactic, ...semantic].filter(d => d.category === ts.DiagnosticCategory.Error);
  return {
    syntactic: syntactic.length,
    total: errors.length,
    messages: errors.map(d => {
      const line = d.start === undefined || !d.file ? 0 : ts.getLineAndCharacterOfPosition(d.file, d.start).line + 1;
      return `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }),
  };
}

/** Syntax errors of a text, from the TypeScript parser alone (no types). */
export function syntaxErrors(source, fileName = 'input.ts') {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return sourceFile.parseDiagnostics?.length ?? 0;
}

/** ESLint's own fixing pass: applies non-overlapping fixes in order; returns the output and the skipped messages. */
export function applyFixes(source, messages) {
  const fixable = messages.filter(m => m.fix).sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1]);
  let output = '';
  let lastPos = Number.NEGATIVE_INFINITY;
  let cursor = 0;
  const applied = [];
  const skipped = [];
  for (const message of fixable) {
    const [start, end] = message.fix.range;
    if (lastPos >= start || start > end) {
      skipped.push(message);
      continue;
    }
    output += source.slice(cursor, start) + message.fix.text;
    cursor = end;
    lastPos = end;
    applied.push(message);
  }
  output += source.slice(cursor);
  return { output, applied, skipped };
}

function applyOne(source, fix) {
  return source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
}

const PARSE_ERROR = /^Parsing error/;

/** A fatal message that is the parser's own (the program does not parse), not a crash of a rule. */
export function isParseError(message) {
  return message.fatal === true && message.ruleId === null && PARSE_ERROR.test(message.message);
}

function reportKey(message) {
  return `${message.ruleId}\u0000${message.messageId ?? ''}\u0000${message.message}`;
}

function countBy(messages, key) {
  const counts = new Map();
  for (const message of messages) counts.set(key(message), (counts.get(key(message)) ?? 0) + 1);
  return counts;
}

function describeMessage(message) {
  return `${message.line}:${message.column} ${message.ruleId} ${message.messageId ?? ''}: ${message.message}`;
}

/** The source text a report points at. */
function reportedText(source, message) {
  if (message.endLine === undefined) return undefined;
  const lines = source.split('\n');
  if (message.line === message.endLine) return lines[message.line - 1]?.slice(message.column - 1, message.endColumn - 1);
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Lints `source` and checks it: no exception, no fatal message but the
 * parser's, and for every variant that fixes: the fixed output parses, has no
 * more TypeScript errors than the input, and a second pass offers no fix for
 * a report that was already fixed. Every suggestion must parse; the first
 * `suggestionTypeChecks` of a program must also type-check no worse.
 */
export async function checkProgram(
  { lint, variants, suggestionTypeChecks = Infinity, typecheckInputs = false, liveMembers = [] },
  source,
  file,
) {
  const result = {
    reports: 0,
    fixes: 0,
    fixesVerified: 0,
    suggestions: 0,
    suggestionsVerified: 0,
    failures: [],
    oddities: [],
    messages: [],
    typeErrors: undefined,
  };
  let first;
  try {
    first = await lint(source, file);
  } catch (error) {
    result.failures.push(crashFailure(error));
    return result;
  }
  const { messages } = first;
  result.messages = messages;
  for (const message of messages.filter(m => m.fatal)) {
    if (isParseError(message)) {
      result.failures.push({ kind: 'generator-parse-error', message: message.message, detail: describeMessage(message) });
    } else {
      result.failures.push({ kind: 'crash', message: message.message, detail: describeMessage(message) });
    }
  }
  if (result.failures.length > 0) return result;

  const ours = messages.filter(m => m.ruleId && variants.some(v => v.ruleId === m.ruleId));
  result.reports = ours.length;
  for (const message of ours) {
    const text = reportedText(source, message);
    if (message.messageId !== 'missingTypeInformation' && text !== undefined && !IDENTIFIER.test(text)) {
      result.oddities.push(`report on \`${text}\`, not on an identifier: ${describeMessage(message)}`);
    }
  }
  // The program of this lint is only valid until the next one: count its
  // errors now if anything will be compared with them.
  const needsTypes = typecheckInputs || ours.some(m => m.fix || (m.suggestions?.length ?? 0) > 0);
  const before = needsTypes ? first.diagnostics() : undefined;
  result.typeErrors = before;

  let typeChecks = 0;
  for (const variant of variants) {
    const own = ours.filter(m => m.ruleId === variant.ruleId);
    const fixable = own.filter(m => m.fix);
    if (fixable.length > 0) {
      result.fixes += fixable.length;
      const failure =
        hoistedLiveState(source, fixable, variant, liveMembers) ??
        (await verifyFixes({ lint, source, file, variant, messages: own, before }));
      if (failure) result.failures.push(failure);
      else result.fixesVerified += fixable.length;
    }
    for (const message of own) {
      for (const suggestion of message.suggestions ?? []) {
        result.suggestions += 1;
        const copiesLiveState = hoistedLiveState(source, [{ ...message, fix: suggestion.fix }], variant, liveMembers);
        if (copiesLiveState) {
          result.failures.push(copiesLiveState);
          continue;
        }
        const output = applyOne(source, suggestion.fix);
        if (syntaxErrors(output, file) > syntaxErrors(source, file)) {
          result.failures.push(failureOf('suggestion-syntax-error', variant, message, output, undefined, before, suggestion.desc));
          continue;
        }
        if (typeChecks >= suggestionTypeChecks) {
          result.suggestionsVerified += 1;
          continue;
        }
        typeChecks += 1;
        let after;
        try {
          after = (await lint(output, file)).diagnostics();
        } catch (error) {
          result.failures.push(crashFailure(error, output));
          continue;
        }
        if (after.total > before.total) {
          result.failures.push(failureOf('suggestion-type-error', variant, message, output, after, before, suggestion.desc));
        } else {
          result.suggestionsVerified += 1;
        }
      }
    }
  }
  return result;
}

/**
 * A fix must never change what the code does: a constant it introduces must
 * not copy live state (`const sent = reply.sent`), whose value the deferred
 * code means to read later. `liveMembers` are dotted member paths
 * (`sent`, `raw.headersSent`) that no preset lists as a pure read. Only
 * declarations the fix adds count: a merged fix text also carries the
 * program's own code between its edits.
 */
export function hoistedLiveState(source, messages, variant, liveMembers) {
  if (liveMembers.length === 0) return undefined;
  const DECLARATION = /\bconst [A-Za-z_$][\w$]* = (?:await )?([^;\n]+);/g;
  for (const message of messages) {
    const existing = countBy([...source.slice(...message.fix.range).matchAll(DECLARATION)], match => match[0]);
    for (const match of message.fix.text.matchAll(DECLARATION)) {
      const left = existing.get(match[0]) ?? 0;
      if (left > 0) {
        existing.set(match[0], left - 1);
        continue;
      }
      const value = match[1];
      // `reply.raw.headersSent` → `raw.headersSent`: the member path after the context's name.
      if (!/^[A-Za-z_$][\w$]*\??\./.test(value)) continue;
      const path = value.replace(/^[A-Za-z_$][\w$]*\??\./, '').replace(/\?\./g, '.');
      const live = liveMembers.find(member => path === member || path.startsWith(`${member}.`));
      if (live) {
        return {
          kind: 'fix-hoists-live-state',
          message: `${variant.label}: a fix copies live state \`${value}\` ahead of the work: ${message.message}`,
          detail: `${describeMessage(message)}\n--- fix text ---\n${message.fix.text}`,
          signature: `fix-hoists-live-state:${live}`,
        };
      }
    }
  }
  return undefined;
}

async function verifyFixes({ lint, source, file, variant, messages, before }) {
  const { output, applied, skipped } = applyFixes(source, messages);
  const first = applied[0];
  if (syntaxErrors(output, file) > syntaxErrors(source, file)) {
    return failureOf('fix-syntax-error', variant, first, output, undefined, before);
  }
  let second;
  try {
    second = await lint(output, file);
  } catch (error) {
    return crashFailure(error, output);
  }
  const fatal = second.messages.find(m => m.fatal);
  if (fatal) {
    return {
      kind: isParseError(fatal) ? 'fix-syntax-error' : 'crash',
      message: `${variant.label}: fixed output: ${fatal.message}`,
      detail: `${describeMessage(fatal)}\n--- fixed output ---\n${output}`,
      signature: `${isParseError(fatal) ? 'fix-syntax-error' : 'crash'}:${fatal.message.replace(/\d+/g, 'N')}`,
    };
  }
  const after = second.diagnostics();
  if (after.total > before.total) return failureOf('fix-type-error', variant, first, output, after, before);
  // Fixes skipped in this pass because they overlapped may come back; any other
  // fix offered again for the same report means the first fix did not settle it.
  const skippedCounts = countBy(skipped, reportKey);
  const again = second.messages.filter(m => m.ruleId === variant.ruleId && m.fix);
  for (const [key, count] of countBy(again, reportKey)) {
    if (count > (skippedCounts.get(key) ?? 0)) {
      const message = again.find(m => reportKey(m) === key);
      return {
        kind: 'fix-not-idempotent',
        message: `${variant.label}: a fix is offered again after fixing: ${message.message}`,
        detail: `${describeMessage(message)}\n--- fixed output ---\n${output}`,
        signature: `fix-not-idempotent:${message.messageId}`,
      };
    }
  }
  return undefined;
}

function crashFailure(error, output) {
  const message = firstLine(error);
  return {
    kind: 'crash',
    message: output === undefined ? message : `on fixed output: ${message}`,
    detail: `${error?.stack ?? error}${output === undefined ? '' : `\n--- fixed output ---\n${output}`}`,
  };
}

function failureOf(kind, variant, message, output, after, before, suggestion) {
  const known = new Set(before.messages.map(m => m.replace(/^\d+: /, '')));
  const added = after ? after.messages.filter(m => !known.has(m.replace(/^\d+: /, ''))) : [];
  const codes = [...new Set(added.map(m => /TS\d+/.exec(m)?.[0]))].sort().join(',');
  const counts = after ? ` (TypeScript errors ${before.total} -> ${after.total})` : '';
  return {
    kind,
    message: `${variant.label}${suggestion ? ` suggestion "${suggestion}"` : ''}: ${message ? message.message : 'fix'}${counts}`,
    detail: `${message ? describeMessage(message) : ''}\nnew TypeScript errors:\n${added.join('\n')}\n--- output ---\n${output}`,
    signature: `${kind}:${codes}`,
  };
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

/* ------------------------------------------------------------------------ */
/* Driver                                                                   */
/* ------------------------------------------------------------------------ */

/** A short, stable name for a failing program. */
export function regressionName(kind, source) {
  return `${kind}-${createHash('sha256').update(source).digest('hex').slice(0, 10)}`;
}

/** Saves a failing program with a header describing the failure; returns its path. */
export function saveRegression(kind, source, failure, dir = REGRESSIONS_DIR, file = 'input.ts') {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${regressionName(kind, source)}.ts`);
  const header = [
    `// Fuzzer regression (${kind}), linted as ${file}.`,
    ...failure.message.split('\n').map(line => `// ${line}`),
    '',
  ].join('\n');
  fs.writeFileSync(target, header + source);
  return target;
}

/** The file name a regression file is linted as (from its header). */
export function regressionFileName(source) {
  const match = /^\/\/ Fuzzer regression \([^)]*\), linted as ([\w.-]+)\./.exec(source);
  return match && PROGRAM_FILES.includes(match[1]) ? match[1] : 'input.ts';
}

/**
 * Runs `runs` random programs from `seed`. Each new kind of failure is shrunk
 * by fast-check (within `shrinkTimeMs`), reported through `onFailure`, and the
 * run goes on with the remaining programs; failures of a kind already seen are
 * only counted.
 */
export async function runFuzz({
  harness,
  runs,
  seed,
  shrinkTimeMs = 120_000,
  maxFailures = 10,
  metamorphic = false,
  safe = false,
  onProgram,
  onFailure,
  onDiscrepancy,
}) {
  const stats = {
    programs: 0,
    reports: 0,
    fixes: 0,
    fixesVerified: 0,
    suggestions: 0,
    suggestionsVerified: 0,
    failures: 0,
    repeatedFailures: 0,
    oddities: [],
    discrepancies: 0,
    failureList: [],
  };
  const seenKinds = new Set();
  let round = 0;
  while (stats.programs < runs && stats.failureList.length < maxFailures) {
    let shrinking = false;
    let shrinkStart = 0;
    let lastFailing;
    const property = fc.asyncProperty(safe ? safeProgramArbitrary : programArbitrary, async program => {
      if (shrinking && Date.now() - shrinkStart > shrinkTimeMs) return true;
      const source = renderProgram(program, { safe });
      const result = await harness.check(source, program.file);
      if (safe) result.failures.push(...unexpectedReports(result, harness.variants));
      if (!shrinking) {
        stats.programs += 1;
        stats.reports += result.reports;
        stats.fixes += result.fixes;
        stats.fixesVerified += result.fixesVerified;
        stats.suggestions += result.suggestions;
        stats.suggestionsVerified += result.suggestionsVerified;
        for (const oddity of result.oddities) if (stats.oddities.length < 50) stats.oddities.push(oddity);
        if (metamorphic && result.failures.length === 0) {
          const discrepancy = await compareWithPlain(harness, program, result.messages);
          if (discrepancy) {
            stats.discrepancies += 1;
            await onDiscrepancy?.({ ...discrepancy, source, file: program.file });
          }
        }
        onProgram?.(stats, result, source);
      }
      const fresh = result.failures.filter(f => !seenKinds.has(signature(f)));
      if (!shrinking && result.failures.length > fresh.length) stats.repeatedFailures += result.failures.length - fresh.length;
      if (fresh.length === 0) return true;
      if (shrinking && lastFailing && signature(fresh[0]) !== signature(lastFailing.failure)) return true;
      if (!shrinking) {
        shrinking = true;
        shrinkStart = Date.now();
      }
      lastFailing = { source, file: program.file, failure: fresh[0], program };
      return false;
    });
    const details = await fc.check(property, { numRuns: runs - stats.programs, seed: seed + round, endOnFailure: false });
    round += 1;
    if (!details.failed) break;
    // An exception of the harness itself (not of ESLint) ends the run.
    if (!lastFailing) throw details.errorInstance ?? new Error(String(details.error));
    const failure = lastFailing.failure;
    seenKinds.add(signature(failure));
    stats.failures += 1;
    const entry = { ...lastFailing, seed: details.seed, path: details.counterexamplePath, shrinks: details.numShrinks };
    stats.failureList.push(entry);
    await onFailure?.(entry);
  }
  return stats;
}

/**
 * Renders the program without syntactic wrappers (`(c)`, `c!`, `c as T`, comma
 * expressions, computed members…) and compares the reports: wrappers that do
 * not change the value should not change what is reported.
 */
async function compareWithPlain(harness, program, messages) {
  const plainSource = renderProgram(program, { plain: true });
  let plainMessages;
  try {
    plainMessages = (await harness.lint(plainSource, program.file)).messages;
  } catch {
    return undefined; // the wrapped program is the one checked for crashes
  }
  const key = m => `${m.line}\u0000${m.ruleId}\u0000${m.message}`;
  const wrapped = countBy(messages.filter(m => !m.fatal), key);
  const plain = countBy(plainMessages.filter(m => !m.fatal), key);
  const onlyWrapped = [...wrapped].filter(([k, n]) => n > (plain.get(k) ?? 0)).map(([k]) => k.replaceAll('\u0000', ' '));
  const onlyPlain = [...plain].filter(([k, n]) => n > (wrapped.get(k) ?? 0)).map(([k]) => k.replaceAll('\u0000', ' '));
  if (onlyWrapped.length === 0 && onlyPlain.length === 0) return undefined;
  return { plainSource, onlyWrapped, onlyPlain };
}

/** In programs where no context reaches deferred work, every report is unexpected. */
function unexpectedReports(result, variants) {
  const report = result.messages.find(m => variants.some(v => v.ruleId === m.ruleId));
  if (!report) return [];
  return [
    {
      kind: 'unexpected-report',
      message: `${report.ruleId} ${report.messageId}: ${report.message}`,
      detail: describeMessage(report),
      // One per kind of deferred work, whatever the framework, names and message.
      signature: `unexpected-report:${maskNames(/(?:inside|held by|passed to) (.*?)(?: that|, which|,|\.)/.exec(report.message)?.[1] ?? report.message)}`,
    },
  ];
}

/** A message with names, context labels and numbers masked. */
function maskNames(message) {
  return String(message)
    .replace(/`[^`]*`/g, '`_`')
    .replace(/\([^)]*\)/g, '(_)')
    .replace(/\d+/g, 'N')
    .slice(0, 200);
}

/** Failures of the same kind with the same message (names masked) count as one. */
function signature(failure) {
  return failure.signature ?? `${failure.kind}:${maskNames(failure.message)}`;
}

/** Lints every saved regression: nothing may crash. Returns per-file results. */
export async function lintRegressions(harness, dir = REGRESSIONS_DIR) {
  if (!fs.existsSync(dir)) return [];
  const results = [];
  for (const name of fs.readdirSync(dir).filter(f => f.endsWith('.ts')).sort()) {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    const result = await harness.check(source, regressionFileName(source));
    results.push({ name, result });
  }
  return results;
}
