// Fixes that let work stop when the client leaves: a loop condition on the
// stream's abort flag, the request's signal passed upstream, and a timer
// cleared by the stream's abort hook.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Loop } from '../analysis/abort.js';

import { skipTransparent } from '../analysis/ast.js';
import { fillTemplate } from '../util/template.js';
import { chooseNames } from './snapshot.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * `while (true)` → `while (!stream.aborted)`, `for (;;)` → `for (; !stream.aborted;)`,
 * `do … while (true)` → `do … while (!stream.aborted)`: `condition` replaces the
 * constant test.
 */
export function replaceLoopCondition(sourceCode: SourceCode, loop: Loop, condition: string): TSESLint.ReportFixFunction | undefined {
  if (loop.test) {
    const test = loop.test;
    return fixer => fixer.replaceText(test, condition);
  }
  if (loop.type !== AST_NODE_TYPES.ForStatement) return undefined;
  const opening = sourceCode.getTokenAfter(sourceCode.getFirstToken(loop)!);
  const semicolon = loop.init ? sourceCode.getTokenAfter(loop.init) : opening && sourceCode.getTokenAfter(opening);
  if (semicolon?.value !== ';') return undefined;
  return fixer => fixer.insertTextAfter(semicolon, ` ${condition}`);
}

/**
 * Gives an upstream call the request's signal: `fetch(url)` →
 * `fetch(url, { signal })`, `{ method }` → `{ method, signal }`, `init` →
 * `{ ...init, signal }`, and `signal: AbortSignal.timeout(ms)` →
 * `signal: AbortSignal.any([signal, AbortSignal.timeout(ms)])`.
 * `undefined` when the options argument cannot be reached (earlier arguments missing).
 */
export function passSignal(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  optionsIndex: number,
  option: string,
  signal: string,
  combine: string,
): TSESLint.ReportFixFunction | undefined {
  const args = call.arguments;
  const options = args[optionsIndex];
  if (!options) {
    if (args.length !== optionsIndex) return undefined;
    const last = args.at(-1);
    const entry = `{ ${option}: ${signal} }`;
    if (!last) {
      const closing = sourceCode.getLastToken(call)!;
      return fixer => fixer.insertTextBefore(closing, entry);
    }
    return fixer => fixer.insertTextAfter(last, `, ${entry}`);
  }
  if (options.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const object = skipTransparent(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) {
    return fixer => fixer.replaceText(options, `{ ...${sourceCode.getText(options)}, ${option}: ${signal} }`);
  }
  const existing = object.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && !property.computed && keyName(property.key) === option,
  );
  if (existing) {
    if (existing.shorthand) return undefined;
    return fixer => fixer.replaceText(existing.value, `${combine}([${signal}, ${sourceCode.getText(existing.value)}])`);
  }
  const last = object.properties.at(-1);
  if (!last) return fixer => fixer.replaceText(object, `{ ${option}: ${signal} }`);
  return fixer => fixer.insertTextAfter(last, `, ${option}: ${signal}`);
}

function keyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

/**
 * Clears a timer when the client leaves, with `registration` such as
 * `stream.onAbort(() => clearInterval({{handle}}))`: inserted after
 * `const t = setInterval(…);`, or, for a bare `setInterval(…);`, after naming
 * its handle (`const timer = setInterval(…);`).
 */
export function clearTimerOnAbort(
  sourceCode: SourceCode,
  timer: TSESTree.CallExpression,
  handle: string | undefined,
  registration: string,
  reserved: Set<string>,
): TSESLint.ReportFixFunction | undefined {
  const statement = timer.parent?.type === AST_NODE_TYPES.ExpressionStatement ? timer.parent : declarationOf(timer);
  if (!statement) return undefined;
  const indent = ' '.repeat(statement.loc.start.column);
  if (handle) {
    const text = fillTemplate(registration, { handle });
    return fixer => fixer.insertTextAfter(statement, `\n${indent}${text};`);
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const [name] = chooseNames(sourceCode, statement, ['timer'], 'timer', reserved);
  const text = fillTemplate(registration, { handle: name });
  return fixer => [fixer.insertTextBefore(timer, `const ${name} = `), fixer.insertTextAfter(statement, `\n${indent}${text};`)];
}

/** `const t = setInterval(…);` for a timer that initialises a single declared variable. */
function declarationOf(timer: TSESTree.CallExpression): TSESTree.VariableDeclaration | undefined {
  const declarator = timer.parent;
  const declaration = declarator?.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  return declaration.declarations.length === 1 && declaration.parent?.type !== AST_NODE_TYPES.ForStatement ? declaration : undefined;
}
