import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ContextKind } from '../presets/index.js';

import { enclosingFunction, isAssignmentTarget, staticName, valueNode } from '../analysis/ast.js';
import { isResponseWrite } from '../analysis/lifetimes.js';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A pure read of a context inside deferred code that can be taken before the work is scheduled. */
export interface HoistableRead {
  /** The node replaced by the new constant (for async reads, the enclosing `await`). */
  readonly replaced: TSESTree.Node;
  /** Source text of the value, as it will be evaluated before the deferral. */
  readonly text: string;
  /** A name derived from what is read: `userAgent`, `requestId`, `log`. */
  readonly baseName: string;
  /** Reads that return a promise (`c.req.json()`): hoisting them needs `await`. */
  readonly async: boolean;
}

/** How deferred code uses one captured context. */
export interface UseAnalysis {
  readonly reads: readonly HoistableRead[];
  /** Uses that are neither pure reads nor writes (the whole object, unknown methods). */
  readonly opaque: readonly TSESTree.Identifier[];
  /** Writes to the context or the response (`ctx.body = …`, `res.json(…)`). */
  readonly writes: readonly TSESTree.Identifier[];
}

/**
 * Sorts each use of `references` into pure reads (from the kind's
 * `pureMembers`, with constant arguments), writes (assignments and the kind's
 * `responseWriters`) and everything else.
 */
export function analyzeUses(
  references: readonly TSESTree.Identifier[],
  kind: ContextKind,
  sourceCode: SourceCode,
  isDeclaredInside: (identifier: TSESTree.Identifier) => boolean,
): UseAnalysis {
  const reads: HoistableRead[] = [];
  const opaque: TSESTree.Identifier[] = [];
  const writes: TSESTree.Identifier[] = [];
  for (const reference of references) {
    const chain = memberChain(reference);
    if (isWrite(reference, chain, kind)) {
      writes.push(reference);
      continue;
    }
    const read = pureRead(reference, chain, kind, sourceCode, isDeclaredInside);
    if (read) reads.push(read);
    else opaque.push(reference);
  }
  return { reads, opaque, writes };
}

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
  const names = chooseNames(sourceCode, statement, distinct.map(read => read.baseName), contextName, reserved);
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
  const call = template.replaceAll('{{context}}', contextName);
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

/** `c.req.header` from `c` → the member nodes `[c.req, c.req.header]` with their names. */
function memberChain(identifier: TSESTree.Identifier): { node: TSESTree.MemberExpression; name: string }[] {
  const chain: { node: TSESTree.MemberExpression; name: string }[] = [];
  let node: TSESTree.Node = valueNode(identifier);
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
    const name = staticName(node.parent);
    if (name === undefined) break;
    chain.push({ node: node.parent, name });
    node = valueNode(node.parent);
  }
  return chain;
}

function isWrite(
  reference: TSESTree.Identifier,
  chain: readonly { node: TSESTree.MemberExpression; name: string }[],
  kind: ContextKind,
): boolean {
  return (
    chain.some(link => isAssignmentTarget(link.node)) ||
    isResponseWrite(reference, kind.responseWriters ?? [], kind.writerFunctions ?? [])
  );
}

function pureRead(
  reference: TSESTree.Identifier,
  chain: readonly { node: TSESTree.MemberExpression; name: string }[],
  kind: ContextKind,
  sourceCode: SourceCode,
  isDeclaredInside: (identifier: TSESTree.Identifier) => boolean,
): HoistableRead | undefined {
  const pure = kind.pureMembers ?? [];
  const asyncPure = kind.asyncPureMembers ?? [];
  // Longest matching entry first: `req.header` before `req`.
  for (let depth = chain.length; depth >= 1; depth--) {
    const path = chain.slice(0, depth).map(link => link.name).join('.');
    if (!pure.includes(path) && !asyncPure.includes(path)) continue;
    const member = chain[depth - 1].node;
    let read: TSESTree.Node;
    if (isCallee(member)) {
      const call = member.parent as TSESTree.CallExpression;
      if (!call.arguments.every(arg => isConstantArgument(arg, isDeclaredInside))) return undefined;
      read = call;
    } else {
      // A getter or property: extend over further property reads that are not method calls.
      let index = depth - 1;
      while (index + 1 < chain.length && !isCallee(chain[index + 1].node)) index++;
      read = chain[index].node;
      if (asyncPure.includes(path)) return undefined;
    }
    if (isAssignmentTarget(read) || insideLongerOptionalChain(read)) return undefined;
    const isAsync = asyncPure.includes(path) && read.type === AST_NODE_TYPES.CallExpression;
    if (isAsync && read.parent?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
    return {
      replaced: isAsync ? read.parent : read,
      text: sourceCode.getText(read),
      baseName: nameForRead(read),
      async: isAsync,
    };
  }
  return undefined;
}

function isCallee(member: TSESTree.Node): boolean {
  const parent = member.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member;
}

/** `c?.req.header('x').trim()`: replacing the inner read would lose the short-circuit of the chain. */
function insideLongerOptionalChain(read: TSESTree.Node): boolean {
  const parent = read.parent;
  if (parent?.type === AST_NODE_TYPES.ChainExpression) return false;
  for (let node: TSESTree.Node | undefined = parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ChainExpression) return true;
    if (node.type !== AST_NODE_TYPES.MemberExpression && node.type !== AST_NODE_TYPES.CallExpression) return false;
  }
  return false;
}

function isConstantArgument(arg: TSESTree.Node, isDeclaredInside: (identifier: TSESTree.Identifier) => boolean): boolean {
  switch (arg.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return arg.expressions.length === 0;
    case AST_NODE_TYPES.Identifier:
      return arg.name !== 'undefined' ? !isDeclaredInside(arg) : true;
    default:
      return false;
  }
}

function nameForRead(read: TSESTree.Node): string {
  if (read.type === AST_NODE_TYPES.CallExpression) {
    const first = read.arguments[0];
    if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') {
      const fromKey = camelCase(first.value.replace(/^x-/i, ''));
      if (fromKey) return fromKey;
    }
    const method = staticName(read.callee) ?? 'value';
    return lowerFirst(method.replace(/^get(?=[A-Z])/, ''));
  }
  // `headers['user-agent']` → `userAgent`; `originalUrl` stays as it is.
  const property = staticName(read) ?? 'value';
  return /^[A-Za-z_$][\w$]*$/.test(property) ? property : camelCase(property) || 'value';
}

function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word.toLowerCase() : capitalize(word.toLowerCase()))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await async arguments eval undefined NaN Infinity'
  ).split(' '),
);

function isUsableName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
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
