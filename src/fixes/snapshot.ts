import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { HoistableRead } from '../analysis/uses.js';

import { enclosingFunction, IDENTIFIER } from '../analysis/ast.js';
import { capitalize } from '../analysis/uses.js';
import { fillTemplate } from '../util/template.js';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The statement before which the snapshot goes: the nearest statement in a
 * statement list of the function that declares `variable` (the handler), so
 * that the copy is taken before any deferred code, however deeply nested,
 * runs; after `variable` is declared; and with every rewritten use in its
 * scope. `undefined` when there is none, or when `variable` is reassigned: a
 * copy taken now would then differ from what the deferred code reads later.
 */
export function insertionStatement(
  anchor: TSESTree.Node,
  variable: Variable,
  uses: readonly TSESTree.Node[] = [],
): TSESTree.Statement | undefined {
  if (variable.references.some(reference => reference.isWrite() && !reference.init)) return undefined;
  const declaration = variable.defs[0]?.name;
  const owner = variable.scope.variableScope.block;
  for (let node: TSESTree.Node = anchor; node.parent && node !== owner; node = node.parent) {
    const parent = node.parent;
    const inList =
      ((parent.type === AST_NODE_TYPES.BlockStatement ||
        parent.type === AST_NODE_TYPES.Program ||
        parent.type === AST_NODE_TYPES.StaticBlock) &&
        (parent.body as TSESTree.Node[]).includes(node)) ||
      (parent.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(node as TSESTree.Statement));
    // Statements of inner functions are skipped: those functions may themselves run later.
    if (!inList || (enclosingFunction(node) ?? rootOf(node)) !== owner) continue;
    // The variable must be declared, and initialised, before the new constants read it.
    if (declaration && declaration.range[1] > node.range[0]) return undefined;
    // The constants must be in scope wherever a use is rewritten (`try { … } finally { use }`).
    if (!uses.every(use => use.range[0] >= node.range[0] && use.range[1] <= parent.range[1])) continue;
    return node as TSESTree.Statement;
  }
  return undefined;
}

function rootOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/**
 * Chooses names for new constants that neither collide with nor shadow
 * anything visible at or used below `statement`, nor a name another fix of the
 * same file introduces (`reserved`, updated): ESLint applies several fixes in
 * one pass.
 */
export function chooseNames(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  bases: readonly string[],
  contextName: string,
  reserved: Set<string>,
): string[] {
  const taken = namesInUse(sourceCode, statement);
  for (const name of reserved) taken.add(name);
  return bases.map(base => {
    let candidate = isUsableName(base) ? base : `${contextName}${capitalize(base)}`;
    if (!isUsableName(candidate) || taken.has(candidate)) candidate = `${contextName}${capitalize(base)}`;
    if (!isUsableName(candidate)) candidate = `${contextName}Value`;
    let unique = candidate;
    for (let n = 2; taken.has(unique); n++) unique = `${candidate}${n}`;
    taken.add(unique);
    reserved.add(unique);
    return unique;
  });
}

/**
 * Inserts `const <name> = <read>;` before `statement` for each distinct read
 * (repeated reads share one constant) and rewrites the reads to the names.
 */
export function hoistReads(
  sourceCode: SourceCode,
  statement: TSESTree.Statement,
  reads: readonly HoistableRead[],
  contextName: string,
  reserved: Set<string>,
): TSESLint.ReportFixFunction {
  const distinct = [...new Map(reads.map(read => [read.text, read])).values()];
  const names = chooseNames(
    sourceCode,
    statement,
    distinct.map(read => read.baseName),
    contextName,
    reserved,
  );
  const nameOf = new Map(distinct.map((read, i) => [read.text, names[i]]));
  const indent = indentationOf(sourceCode, statement);
  const declarations = distinct
    .map(read => `const ${nameOf.get(read.text)} = ${read.async ? 'await ' : ''}${read.text};`)
    .join(`\n${indent}`);
  return fixer => [
    fixer.insertTextBefore(statement, `${declarations}\n${indent}`),
    ...reads.map(read => replaceRead(fixer, read.replaced, nameOf.get(read.text)!)),
  ];
}

/** Replaces a read with the constant's name; `{ ip: req.ip }` becomes `{ ip }`. */
function replaceRead(fixer: TSESLint.RuleFixer, replaced: TSESTree.Node, name: string): TSESLint.RuleFix {
  const parent = replaced.parent;
  if (
    parent?.type === AST_NODE_TYPES.Property &&
    parent.value === replaced &&
    !parent.computed &&
    parent.kind === 'init' &&
    !parent.method &&
    parent.key.type === AST_NODE_TYPES.Identifier &&
    parent.key.name === name &&
    parent.parent.type === AST_NODE_TYPES.ObjectExpression
  ) {
    return fixer.replaceText(parent, name);
  }
  return fixer.replaceText(replaced, name);
}

/** Inserts `const <name>Snapshot = <snapshot call>;` before `statement` and uses it for every reference. */
export function snapshotWhole(
  sourceCode: SourceCode,
  statement: TSESTree.Statement,
  references: readonly TSESTree.Identifier[],
  contextName: string,
  template: string,
  reserved: Set<string>,
): TSESLint.ReportFixFunction {
  const [name] = chooseNames(sourceCode, statement, [`${contextName}Snapshot`], contextName, reserved);
  const indent = indentationOf(sourceCode, statement);
  const call = fillTemplate(template, { context: contextName });
  return fixer => [
    fixer.insertTextBefore(statement, `const ${name} = ${call};\n${indent}`),
    ...references.map(reference => replaceReference(fixer, reference, name)),
  ];
}

/** Whether new code before `statement` may use `await`. */
export function canAwaitAt(statement: TSESTree.Node): boolean {
  return enclosingFunction(statement)?.async === true;
}

function replaceReference(fixer: TSESLint.RuleFixer, reference: TSESTree.Identifier, name: string): TSESLint.RuleFix {
  const parent = reference.parent;
  // `{ c }` → `{ c: cSnapshot }`
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === reference) {
    return fixer.insertTextAfter(reference, `: ${name}`);
  }
  return fixer.replaceText(reference, name);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await async arguments eval undefined NaN Infinity'
  ).split(' '),
);

function isUsableName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

function namesInUse(sourceCode: SourceCode, statement: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  const scope = sourceCode.getScope(statement);
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    for (const name of current.set.keys()) names.add(name);
    for (const reference of current.through) names.add(reference.identifier.name);
  }
  const pending = [...scope.childScopes];
  while (pending.length > 0) {
    const child = pending.pop()!;
    for (const name of child.set.keys()) names.add(name);
    pending.push(...child.childScopes);
  }
  return names;
}

function indentationOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line.slice(0, node.loc.start.column))?.[0] ?? '';
}
