import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';

import type { ResolvedKind } from '../analysis/contexts.js';
import type { Analysis, Escape } from '../analysis/escapes.js';
import type { FloatingStatement } from './suggestions.js';

import { DefinitionType } from '../analysis/scope.js';
import { analyzeUses } from '../analysis/uses.js';
import { fillTemplate } from '../util/template.js';
import { canAwaitAt, hoistReads, insertionStatement, snapshotWhole } from './snapshot.js';
import { awaitWork, floatingStatementOf, registerWork } from './suggestions.js';

/** The suggestions a fix plan can offer, by message id. */
export type SuggestionId = 'suggestAwait' | 'suggestCopyFields' | 'suggestReadFirst' | 'suggestRegister';

export interface Suggestion {
  readonly messageId: SuggestionId;
  readonly data?: Record<string, string>;
  readonly fix: TSESLint.ReportFixFunction;
}

/** What to offer for one escape: at most one autofix, and suggestions when there is none. */
export interface FixPlan {
  readonly fix?: TSESLint.ReportFixFunction;
  readonly suggest: Suggestion[];
  /** The first read of live state (`reply.sent`) that kept the plan from copying: the message says why it must be read late. */
  readonly liveRead?: string;
}

/**
 * The fix ladder, the same for every escape: hoist the pure reads into
 * constants before the work → take a configured snapshot of the whole context
 * → suggest copying the sync reads or reading with `await` first → for
 * floating promises, suggest awaiting or registering the work. A fix never
 * changes what the code does: a read of live state (`reply.sent`, whose
 * value changes during the request) is never copied ahead of the work, so it
 * rules out the autofix and the whole snapshot; the stable reads beside it
 * are only suggested. `newNames`
 * holds the names other fixes of the file introduce (updated).
 */
export function planFix(escape: Escape, analysis: Analysis, newNames: Set<string>): FixPlan {
  const { sourceCode, findVariable, resolver } = analysis;
  const { capture, kind } = escape;
  const name = capture.variable.name;
  const statement = kind.requestFunction ? undefined : insertionStatement(escape.snapshotBefore, capture.variable, capture.references);
  let fix: TSESLint.ReportFixFunction | undefined;
  let liveRead: string | undefined;
  const suggest: Suggestion[] = [];
  if (statement && kind.lifetime !== 'invocation') {
    // Arguments of hoisted reads must exist where the constants go.
    const isDeclaredInside = (identifier: TSESTree.Identifier): boolean => {
      const declaration = findVariable(identifier)?.defs[0]?.name;
      return declaration !== undefined && declaration.range[1] > statement.range[0];
    };
    const uses = capture.argument ? undefined : analyzeUses(capture.references, kind, sourceCode, isDeclaredInside);
    const snapshot = resolver.snapshotCallFor(capture.variable);
    liveRead = uses?.live[0]?.text;
    // Uses a copy cannot stand for: everything but pure reads.
    const others = uses ? uses.opaque.length + uses.writes.length + uses.live.length : 0;
    if (uses && others === 0 && uses.reads.every(read => !read.async)) {
      fix = hoistReads(sourceCode, statement, uses.reads, name, newNames);
    } else if (snapshot && !escape.writes && liveRead === undefined) {
      const references = capture.argument ? [capture.references[0]] : capture.references;
      fix = snapshotWhole(sourceCode, statement, references, name, snapshot, newNames);
    } else if (uses) {
      const syncReads = uses.reads.filter(read => !read.async);
      if (syncReads.length > 0 && others > 0) {
        suggest.push({ messageId: 'suggestCopyFields', fix: hoistReads(sourceCode, statement, syncReads, name, newNames) });
      }
      if (others === 0 && canAwaitAt(statement)) {
        suggest.push({ messageId: 'suggestReadFirst', fix: hoistReads(sourceCode, statement, uses.reads, name, newNames) });
      }
    }
  }
  if (!fix) suggest.push(...lifetimeSuggestions(escape, analysis));
  return { fix, suggest, liveRead };
}

/** "Await this work" and "register it with waitUntil/after" for floating promises. */
function lifetimeSuggestions(escape: Escape, analysis: Analysis): Suggestion[] {
  const deferral = escape.deferral;
  if (deferral?.family !== 'promises') return [];
  const floating = floatingStatementOf(deferral.node);
  if (!floating) return [];
  const suggestions: Suggestion[] = [];
  // Awaiting a second response does not make it the first one.
  const awaitFix = escape.sentBy ? undefined : awaitWork(analysis.sourceCode, floating);
  if (awaitFix) suggestions.push({ messageId: 'suggestAwait', fix: awaitFix });
  // Keeping the work alive cannot make a write after the response arrive.
  const registration = escape.writes ? undefined : registrationFor(floating, escape.capture.variable.name, escape.kind, analysis);
  if (registration) suggestions.push({ messageId: 'suggestRegister', data: { api: registration.api }, fix: registration.fix });
  return suggestions;
}

/** How to register the work with the runtime: through the context itself, an enclosing registrar parameter, or the preset's function. */
function registrationFor(
  floating: FloatingStatement,
  name: string,
  kind: ResolvedKind,
  analysis: Analysis,
): { api: string; fix: TSESLint.ReportFixFunction } | undefined {
  const { sourceCode } = analysis;
  const target = kind.registersWork ? { name, template: kind.registersWork } : analysis.resolver.registrarAround(floating.statement);
  if (target) {
    const api = fillTemplate(target.template, { name: target.name, work: '' });
    return { api, fix: registerWork(sourceCode, floating, target.template, target.name) };
  }
  const registerFunction = kind.preset.registerFunction;
  if (!registerFunction) return undefined;
  const existing = ASTUtils.findVariable(sourceCode.getScope(floating.statement), registerFunction.name);
  const imported = existing !== null && existing.defs.some(def => def.type === DefinitionType.ImportBinding);
  if (existing && !imported) return undefined; // a local `after` would be shadowed or misused
  const missingImport = imported ? undefined : { name: registerFunction.name, from: registerFunction.from };
  return {
    api: `${registerFunction.name}()`,
    fix: registerWork(sourceCode, floating, registerFunction.template, registerFunction.name, missingImport),
  };
}
