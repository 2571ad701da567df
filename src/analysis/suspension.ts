import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';

import { DEFAULT_JOB_RUNNERS, LATE_CALLBACK_METHODS } from '../presets/index.js';
import { contains, staticName } from './ast.js';
import { LATE_CALLBACK_NAMES } from './deferrals.js';
import { specifierNames } from './types.js';

type Variable = TSESLint.Scope.Variable;

/** A use of a handler parameter that runs after the handler first suspended or returned. */
export interface LateReference {
  readonly identifier: TSESTree.Identifier;
  /** The first `await` (or the loop containing it), or the call registering the late callback. */
  readonly after: TSESTree.Node;
  /** The method whose callback holds the use (`then`, `onData`), when the use is in a late callback. */
  readonly callback?: string;
}

/**
 * Uses of `variable`, a parameter of `handler`, that run late: after the
 * handler's first `await` (`suspension`, from `firstSuspension`), and with
 * `inCallbacks`, inside callbacks that run after the handler returned, even
 * awaited ones (`.then(cb)`, `res.onData(cb)`). `skip` leaves out uses
 * already reported.
 *
 * ```ts
 * async (res, req) => { await auth(); log(req.getUrl()); } // req: [{ identifier: req, after: await auth() }]
 * ```
 */
export function lateReferences(
  handler: FunctionNode,
  variable: Variable,
  suspension: { readonly node: TSESTree.Node; readonly offset: number } | undefined,
  inCallbacks: boolean,
  skip: (identifier: TSESTree.Node) => boolean,
): LateReference[] {
  const late: LateReference[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (skip(identifier) || !contains(handler, identifier)) continue;
    // Closures created after the first await can only run after it too.
    if (suspension && identifier.range[0] >= suspension.offset) late.push({ identifier, after: suspension.node });
    else if (inCallbacks) {
      const callback = lateCallbackAround(identifier, handler);
      if (callback) late.push({ identifier, after: callback.call, callback: callback.name });
    }
  }
  return late;
}

/** The outermost late-running callback between `identifier` and `handler`, with the call registering it. */
export function lateCallbackAround(
  identifier: TSESTree.Node,
  handler: TSESTree.Node,
): { call: TSESTree.CallExpression; name: string } | undefined {
  let found: { call: TSESTree.CallExpression; name: string } | undefined;
  for (let node = identifier.parent; node && node !== handler; node = node.parent) {
    const call = node.parent;
    const name = call?.type === AST_NODE_TYPES.CallExpression ? staticName(call.callee) : undefined;
    if (
      (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(node) &&
      name !== undefined &&
      isLateCallbackMethod(name)
    ) {
      found = { call, name };
    }
  }
  return found;
}

/** Timers, listeners, promise callbacks, the presets' late callbacks (uWS `onData`) and job-runner adders (`queue.add`). */
function isLateCallbackMethod(name: string): boolean {
  return LATE_CALLBACK_NAMES.has(name) || LATE_CALLBACK_METHODS.has(name) || JOB_RUNNER_METHODS.has(name);
}

/** `queue.add(job)`: the job runs after the registering code returned, even when awaited. */
const JOB_RUNNER_METHODS: ReadonlySet<string> = specifierNames(DEFAULT_JOB_RUNNERS);

/**
 * Whether a file can hold contexts that go stale at a handler's first
 * `await`: their types are only reachable through an import of one of
 * `packages` (or anything, for `'any'`), so other files skip the per-function check.
 */
export function importsAnyOf(sourceCode: Readonly<SourceCode>, packages: ReadonlySet<string> | 'any'): boolean {
  if (packages === 'any') return true;
  return sourceCode.ast.body.some(
    statement =>
      (statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
      statement.source !== null &&
      packages.has(statement.source.value),
  );
}

/** `an onData() callback`, `a then() callback`: how a late callback is described in messages. */
export function describeCallback(method: string): string {
  return `${/^[aeiou]/i.test(method) ? 'an' : 'a'} ${method}() callback`;
}
