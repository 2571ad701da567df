import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ContextKind } from '../presets/index.js';
import type { Capture } from './captures.js';
import type { ResolvedKind } from './contexts.js';

import { IDENTIFIER, isAssignmentTarget, skipTransparent, staticName, valueNode } from './ast.js';

/** One member access in a chain: its node, and its static name (`undefined` for `a[key]`). */
export interface MemberLink {
  readonly node: TSESTree.MemberExpression;
  readonly name: string | undefined;
}

/**
 * The member accesses made on the value of `node`, outward, through type-only
 * wrappers and computed members, stopping at calls:
 * `c.req.header('x')` from `c` → `[c.req, c.req.header]`;
 * `set.headers[key] = v` from `set` → `[set.headers (headers), set.headers[key] (undefined)]`.
 */
export function memberChain(node: TSESTree.Node): MemberLink[] {
  const chain: MemberLink[] = [];
  let current: TSESTree.Node = valueNode(node);
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) {
    chain.push({ node: current.parent, name: staticName(current.parent) });
    current = valueNode(current.parent);
  }
  return chain;
}

/**
 * The whole use of a value that starts at `node`, as a user reads it: its
 * member chain and the call that chain ends in. Rules report this range, so
 * the squiggle covers what is used rather than one identifier.
 *
 * ```ts
 * useExpression(c) // in c.req.header('ua').trim() → c.req.header('ua')
 * useExpression(ctx) // in ctx.body = rows → ctx.body
 * useExpression(callback) // in callback(null, result) → callback(null, result)
 * ```
 */
export function useExpression(node: TSESTree.Node): TSESTree.Node {
  const used = memberChain(node).at(-1)?.node ?? node;
  const outer = valueNode(used);
  const call = outer.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outer ? call : used;
}

/** The links of {@link memberChain} up to the first computed one: `a.b[k].c` → `[a.b]`. */
export function staticMemberChain(node: TSESTree.Node): (MemberLink & { readonly name: string })[] {
  const chain: (MemberLink & { readonly name: string })[] = [];
  for (const link of memberChain(node)) {
    if (link.name === undefined) break;
    chain.push({ node: link.node, name: link.name });
  }
  return chain;
}

/** `a.b.c` from the identifier `a`: depth 1 → `b`, depth 2 → `b.c`; `''` when `a` is not the object of a member access. */
export function memberPath(identifier: TSESTree.Node, depth: number): string {
  return staticMemberChain(identifier)
    .slice(0, depth)
    .map(link => link.name)
    .join('.');
}

/** `set.headers['x'] = '1'`, `cookie.session.value = t`: an assignment to any member reached from `identifier`. */
export function assignsThrough(identifier: TSESTree.Node): boolean {
  return memberChain(identifier).some(link => isAssignmentTarget(link.node));
}

/**
 * Whether an expression handed over as a value is, or reaches through, a
 * member the kind marks unsafe: `c.req.raw` for Hono (`req.raw` is unsafe);
 * not `c.req.url`, nor anything with a computed member.
 */
export function isUnsafeMemberPath(kind: ContextKind, expression: TSESTree.Node): boolean {
  if (kind.unsafe === 'all') return false;
  const names: string[] = [];
  let node = skipTransparent(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticName(node);
    if (name === undefined) return false;
    names.unshift(name);
    node = skipTransparent(node.object);
  }
  const members = kind.unsafe.members;
  return names.some((_, i) => members.includes(names.slice(0, i + 1).join('.')));
}

/**
 * The first use of a capture that `reads: 'unsafe-only'` reports: any use for
 * kinds unsafe as a whole; otherwise an unsafe member (`c.req.raw`), a write
 * the kind names (`ctx.body = …`), or the context handed on whole.
 */
export function firstUnsafeReference(capture: Capture, kind: ContextKind): TSESTree.Identifier | undefined {
  if (kind.unsafe === 'all') return capture.references[0];
  // A whole object handed to other code is judged by what it is (`caches.default.put(request, …)`
  // only reads it); an unsafe member handed over (`c.req.raw`) is reported.
  if (capture.argument) return isUnsafeMemberPath(kind, capture.argument) ? capture.references[0] : undefined;
  return capture.references.find(reference => isUnsafeUse(reference, kind));
}

/**
 * Whether the use of a context starting at `node` (`c` in `c.req.raw`, or
 * `this.ctx` for a context held in a field) is unsafe after the response: the
 * whole kind is unsafe, an unsafe member or a named write, or the context
 * handed on whole (anything may happen to it).
 */
export function isUnsafeUse(node: TSESTree.Node, kind: ContextKind): boolean {
  if (kind.unsafe === 'all') return true;
  const { members, writes } = kind.unsafe;
  const first = memberPath(node, 1);
  if (first === '') return true;
  if (members.includes(first) || members.includes(memberPath(node, 2))) return true;
  if (writes.includes('*') && assignsThrough(node)) return true;
  return writes.includes(first) && node.parent !== undefined && isAssignmentTarget(node.parent);
}

/**
 * `(await cookies()).set(…)` / `cookies().delete(…)`: a call of a request
 * function whose result is written through one of `writers`.
 */
export function writesThroughRequestFunction(reference: TSESTree.Identifier, writers: readonly string[]): boolean {
  const call = reference.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference) return false;
  const value = call.parent?.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  const member = value.parent;
  return (
    member?.type === AST_NODE_TYPES.MemberExpression &&
    member.object === value &&
    writers.includes(staticName(member) ?? '') &&
    member.parent?.type === AST_NODE_TYPES.CallExpression
  );
}

/**
 * A use of a context that writes the response: a call of one of `writers`
 * (dotted paths for nested members, `()` for calling the context itself, as
 * Lambda's `callback`), directly or at the end of a call chain
 * (`reply.type('pdf').send(pdf)`), or a call of one of `writerFunctions` with
 * the context first (h3 `setCookie(event, …)`).
 */
export function isResponseWrite(identifier: TSESTree.Node, writers: readonly string[], writerFunctions: readonly string[] = []): boolean {
  const parent = identifier.parent;
  if (writers.includes('()') && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) return true;
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === identifier &&
    writerFunctions.includes(staticName(parent.callee) ?? '')
  ) {
    return true;
  }
  // Along a fluent chain, each method is called on the previous call's result.
  let start: TSESTree.Node | undefined = identifier;
  while (start) {
    const names: string[] = [];
    let next: TSESTree.Node | undefined;
    for (const link of memberChain(start)) {
      if (link.name === undefined) return false;
      names.push(link.name);
      const call = link.node.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === link.node) {
        if (writers.includes(names.join('.'))) return true;
        next = call;
        break;
      }
    }
    start = next;
  }
  return false;
}

/** Whether a use writes the context or its response: an assignment through it, or a response write. */
export function isWrite(reference: TSESTree.Identifier, kind: ContextKind): boolean {
  return writesThrough(reference, staticMemberChain(reference), kind);
}

function writesThrough(reference: TSESTree.Identifier, chain: readonly MemberLink[], kind: ContextKind): boolean {
  return (
    chain.some(link => isAssignmentTarget(link.node)) || isResponseWrite(reference, kind.responseWriters ?? [], kind.writerFunctions ?? [])
  );
}

/**
 * Whether deferred uses of a capture write the context or the response, which
 * copying cannot fix: assignments and response writes, or for a request
 * function writes through its result. Lambda's invocation-scoped kinds never
 * count (their work is frozen, not lost), nor values handed over as arguments.
 */
export function captureWrites(capture: Capture, kind: ResolvedKind): boolean {
  if (kind.lifetime === 'invocation') return false;
  if (kind.requestFunction) {
    const writers = kind.requestFunction.writers;
    return capture.references.some(reference => writesThroughRequestFunction(reference, writers));
  }
  return capture.argument === undefined && capture.references.some(reference => isWrite(reference, kind));
}

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

/** A read of live state (`reply.sent`): its text, which no fix may copy ahead of the work. */
export interface LiveRead {
  readonly reference: TSESTree.Identifier;
  /** Source text of the read, for messages: `reply.sent`. */
  readonly text: string;
}

/** How deferred code uses one captured context. */
export interface UseAnalysis {
  readonly reads: readonly HoistableRead[];
  /** Reads of the kind's `liveMembers`: they must run when the work runs, so they block every copying fix. */
  readonly live: readonly LiveRead[];
  /** Uses that are neither pure reads nor writes (the whole object, unknown methods). */
  readonly opaque: readonly TSESTree.Identifier[];
  /** Writes to the context or the response (`ctx.body = …`, `res.json(…)`). */
  readonly writes: readonly TSESTree.Identifier[];
}

/**
 * Sorts each use of `references` into pure reads (from the kind's
 * `pureMembers`, with constant arguments), live reads (the kind's
 * `liveMembers`), writes (assignments and the kind's `responseWriters`) and
 * everything else. `isDeclaredInside` tells which
 * identifiers used as arguments would not exist where the reads are hoisted.
 *
 * ```ts
 * // setTimeout(() => log(c.req.header('ua'), c.status(500)))
 * analyzeUses([c, c], honoKind, …) // reads: [c.req.header('ua')], writes: [c (status)]
 * // setTimeout(() => { if (!reply.sent) request.log.warn('slow') })
 * analyzeUses([reply], fastifyReplyKind, …) // live: [reply.sent]
 * ```
 */
export function analyzeUses(
  references: readonly TSESTree.Identifier[],
  kind: ContextKind,
  sourceCode: Readonly<SourceCode>,
  isDeclaredInside: (identifier: TSESTree.Identifier) => boolean,
): UseAnalysis {
  const reads: HoistableRead[] = [];
  const live: LiveRead[] = [];
  const opaque: TSESTree.Identifier[] = [];
  const writes: TSESTree.Identifier[] = [];
  for (const reference of references) {
    const chain = staticMemberChain(reference);
    if (writesThrough(reference, chain, kind)) {
      writes.push(reference);
      continue;
    }
    const liveLink = liveMemberOf(chain, kind);
    if (liveLink) {
      live.push({ reference, text: sourceCode.getText(liveLink.node) });
      continue;
    }
    const read = pureRead(chain, kind, sourceCode, isDeclaredInside);
    if (read) reads.push(read);
    else opaque.push(reference);
  }
  return { reads, live, opaque, writes };
}

/**
 * The link of `chain` that reads one of the kind's live members, if any:
 * `reply.sent` → the `reply.sent` link; `res.raw.headersSent` with
 * `raw.headersSent` live → the `res.raw.headersSent` link.
 */
export function liveMemberOf(chain: readonly (MemberLink & { readonly name: string })[], kind: ContextKind): MemberLink | undefined {
  const live = kind.liveMembers ?? [];
  if (live.length === 0) return undefined;
  for (let depth = 1; depth <= chain.length; depth++) {
    if (
      live.includes(
        chain
          .slice(0, depth)
          .map(link => link.name)
          .join('.'),
      )
    )
      return chain[depth - 1];
  }
  return undefined;
}

function pureRead(
  chain: readonly (MemberLink & { readonly name: string })[],
  kind: ContextKind,
  sourceCode: Readonly<SourceCode>,
  isDeclaredInside: (identifier: TSESTree.Identifier) => boolean,
): HoistableRead | undefined {
  const pure = kind.pureMembers ?? [];
  const asyncPure = kind.asyncPureMembers ?? [];
  // Longest matching entry first: `req.header` before `req`.
  for (let depth = chain.length; depth >= 1; depth--) {
    const path = chain
      .slice(0, depth)
      .map(link => link.name)
      .join('.');
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
  return IDENTIFIER.test(property) ? property : camelCase(property) || 'value';
}

function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word.toLowerCase() : capitalize(word.toLowerCase()))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `userAgent` → `UserAgent`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
