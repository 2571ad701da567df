import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

import type { SharedStateFacts } from '../presets/types.js';
import type { ContextResolver, ResolvedKind } from './contexts.js';
import type { FindVariable } from './scope.js';

import { isFunctionNode, skipTransparent } from './ast.js';
import { DefinitionType } from './scope.js';
import { isModuleScope } from './storage.js';
import { constrainedTypeAt, typeMatchesAnySpecifier } from './types.js';

/**
 * What request state a stored value carries:
 * - `context`: a request context or a request-scoped object itself (`req`, `c.req.raw`, `ctx.req`);
 * - `bound`: an I/O object created during the request and bound to it (a Workers `Response`,
 *   stream or database client);
 * - `data`: a value read from a context (`req.user`, `c.req.header('x-tenant')`, `getUser(req)`).
 */
export type RequestValue =
  | { readonly type: 'context'; readonly kind: ResolvedKind }
  | { readonly type: 'bound'; readonly facts: NonNullable<SharedStateFacts['requestBound']>; readonly kind: ResolvedKind }
  | { readonly type: 'data'; readonly kind: ResolvedKind; readonly root: TSESTree.Identifier };

export interface RequestValueResolver {
  /** See {@link RequestValue}; `undefined` for values with no visible link to a request. */
  requestValueOf(value: TSESTree.Node): RequestValue | undefined;
  /** Numbers, booleans and nullish values: counters, flags and metrics, not request data worth a report. */
  isScalar(value: TSESTree.Node): boolean;
  /** `WeakMap`, `WeakSet` (and `WeakRef`): entries do not keep the request alive or reachable by key alone. */
  isWeakCollection(receiver: TSESTree.Node): boolean;
}

/** How far `const user = req.user; current = user` is followed back through local constants. */
const MAX_TRACE_DEPTH = 2;

/**
 * Classifies stored values. Syntax first: a value is looked at only after the
 * storage it goes to is known to be shared; identifiers are resolved through
 * the context resolver's per-variable cache, and member chains are typed only
 * when they start at a context.
 */
export function createRequestValueResolver(
  services: ParserServicesWithTypeInformation,
  sourceCode: Readonly<TSESLint.SourceCode>,
  contexts: ContextResolver,
  findVariable: FindVariable,
): RequestValueResolver {
  const parameterKindsByFunction = new Map<TSESTree.Node, readonly ResolvedKind[]>();

  return {
    requestValueOf(value) {
      return contextValue(value, 0) ?? boundValue(value) ?? dataValue(value, 0);
    },
    isScalar(value) {
      const type = typeAt(value);
      if (!type) return false;
      return tsutils
        .unionConstituents(type)
        .every(part =>
          tsutils.isTypeFlagSet(
            part,
            ts.TypeFlags.NumberLike |
              ts.TypeFlags.BooleanLike |
              ts.TypeFlags.BigIntLike |
              ts.TypeFlags.Undefined |
              ts.TypeFlags.Null |
              ts.TypeFlags.Void,
          ),
        );
    },
    isWeakCollection(receiver) {
      const type = typeAt(receiver);
      const name = type?.getSymbol()?.getName();
      return name === 'WeakMap' || name === 'WeakSet' || name === 'WeakRef';
    },
  };

  function typeAt(node: TSESTree.Node): ts.Type | undefined {
    return constrainedTypeAt(services, node);
  }

  /** The value is a context itself: a context variable, or a member chain or call on one whose type is a context. */
  function contextValue(value: TSESTree.Node, depth: number): RequestValue | undefined {
    const node = skipTransparent(value);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return contextValue(node.argument, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return contextValue(node.consequent, depth) ?? contextValue(node.alternate, depth);
      case AST_NODE_TYPES.LogicalExpression:
        return contextValue(node.left, depth) ?? contextValue(node.right, depth);
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(node);
        if (!variable) return undefined;
        const kind = requestKindOf(variable, node);
        if (kind) return { type: 'context', kind };
        const init = localConstantInit(variable, depth);
        return init && contextValue(init, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression: {
        // Only chains that start at a context are typed (`c.req.raw`, `host.switchToHttp().getRequest()`).
        const root = chainRoot(node);
        const rootVariable = root && findVariable(root);
        const rootKind = rootVariable ? requestKindOf(rootVariable, node) : undefined;
        if (!rootKind) return node.type === AST_NODE_TYPES.CallExpression ? createdContext(node) : undefined;
        // `ctx.req` is a Node request, but Koa's per-request store is the one to name.
        const kind = contexts.kindOfExpression(node);
        if (kind) return { type: 'context', kind: { ...kind, preset: rootKind.preset } };
        return scopedMemberValue(node, rootKind);
      }
      case AST_NODE_TYPES.NewExpression:
        return createdContext(node);
      default:
        return undefined;
    }
  }

  /** A request-scoped object created here: `NextResponse.json(…)`, `new Response(…)` when a preset types it as a context. */
  function createdContext(node: TSESTree.CallExpression | TSESTree.NewExpression): RequestValue | undefined {
    // Created while handling a request; a test's `req = createRequest()` in `beforeEach` is not.
    if (parameterKindsAt(node).length === 0) return undefined;
    const kind = contexts.kindOfExpression(node);
    return kind && { type: 'context', kind };
  }

  /**
   * A member the preset marks unsafe after the response that holds an object,
   * not a method or plain data: Hono `c.req.raw` (a `Request` typed by the
   * platform), Express `req.socket`.
   */
  function scopedMemberValue(node: TSESTree.Node, rootKind: ResolvedKind): RequestValue | undefined {
    if (node.type !== AST_NODE_TYPES.MemberExpression || rootKind.unsafe === 'all') return undefined;
    const path = memberPath(node);
    if (!path || !rootKind.unsafe.members.includes(path)) return undefined;
    const type = typeAt(node);
    if (!type || !tsutils.isTypeFlagSet(type, ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return undefined;
    return { type: 'context', kind: { ...rootKind, label: `${rootKind.label}'s \`${path}\`` } };
  }

  /** An I/O object of a request-bound type, or a package object created with `new`, inside a handler of a runtime that binds I/O to requests. */
  function boundValue(value: TSESTree.Node): RequestValue | undefined {
    let node = skipTransparent(value);
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipTransparent(node.argument);
    if (
      node.type !== AST_NODE_TYPES.NewExpression &&
      node.type !== AST_NODE_TYPES.CallExpression &&
      node.type !== AST_NODE_TYPES.Identifier &&
      node.type !== AST_NODE_TYPES.MemberExpression
    ) {
      return undefined;
    }
    const kind = parameterKindsAt(value).find(found => found.preset.sharedState?.requestBound);
    const facts = kind?.preset.sharedState?.requestBound;
    if (!kind || !facts) return undefined;
    const type = typeAt(value);
    if (!type) return undefined;
    if (typeMatchesAnySpecifier(type, facts.types, services.program)) return { type: 'bound', facts, kind };
    if (facts.packageObjects && node.type === AST_NODE_TYPES.NewExpression && isPackageClass(type)) return { type: 'bound', facts, kind };
    return undefined;
  }

  /** The context kinds of the parameters of the functions around `node`, innermost first (cached per function). */
  function parameterKindsAt(node: TSESTree.Node): readonly ResolvedKind[] {
    const kinds: ResolvedKind[] = [];
    for (let current = node.parent; current; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      let own = parameterKindsByFunction.get(current);
      if (!own) {
        own = sourceCode
          .getDeclaredVariables(current)
          .filter(variable => variable.defs[0]?.type === DefinitionType.Parameter)
          .flatMap(variable => contexts.kindOfVariable(variable) ?? []);
        parameterKindsByFunction.set(current, own);
      }
      kinds.push(...own);
    }
    return kinds;
  }

  /**
   * The context kind of a variable that holds the current request: a handler's
   * parameter, a request function (`cookies()`), or a local inside a function
   * that handles a request. A context made up in a test (`let req = createRequest()`
   * in `beforeEach`) is not one.
   */
  function requestKindOf(variable: TSESLint.Scope.Variable, at: TSESTree.Node): ResolvedKind | undefined {
    const kind = contexts.kindOfVariable(variable);
    if (!kind) return undefined;
    const def = variable.defs[0];
    if (def?.type === DefinitionType.Parameter || def?.type === DefinitionType.ImportBinding) return kind;
    return parameterKindsAt(at).length > 0 ? kind : undefined;
  }

  /**
   * A class imported from a package (`pg`'s `Client`, `node:net`'s `Socket`), not a
   * global of the platform's typings (`URL`, `TextEncoder`) nor one of the project's own.
   */
  function isPackageClass(type: ts.Type): boolean {
    const declarations = type.getSymbol()?.getDeclarations() ?? [];
    return declarations.some(declaration => {
      const file = declaration.getSourceFile();
      if (!file.fileName.includes('/node_modules/') || services.program.isSourceFileDefaultLibrary(file)) return false;
      return (
        ts.isExternalModule(file) ||
        ts.findAncestor(declaration, node => ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) !== undefined
      );
    });
  }

  /**
   * A value read from a context: the first context variable the expression
   * reads (not inside nested functions), following local constants.
   * `new WeakRef(req)` is a weak reference, not a read.
   */
  function dataValue(value: TSESTree.Node, depth: number): RequestValue | undefined {
    const stack: TSESTree.Node[] = [value];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (isFunctionNode(node)) continue;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const found = readOf(node, depth);
        if (found) return found;
        continue;
      }
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        if (key === 'typeAnnotation' || key === 'typeArguments') continue;
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (!item || typeof (item as TSESTree.Node).type !== 'string') continue;
          const childNode = item as TSESTree.Node;
          if (isNameNotReference(childNode, node)) continue;
          stack.push(childNode);
        }
      }
    }
    return undefined;
  }

  function readOf(identifier: TSESTree.Identifier, depth: number): RequestValue | undefined {
    const variable = findVariable(identifier);
    if (!variable) return undefined;
    const kind = requestKindOf(variable, identifier);
    if (kind) return { type: 'data', kind, root: identifier };
    const init = localConstantInit(variable, depth);
    const traced = init && dataValue(init, depth + 1);
    // Report the name the reader sees: `currentUser = user` names `user`'s context.
    return traced;
  }

  /** The initialiser of a `const` declared inside a function (not module scope), within the trace depth. */
  function localConstantInit(variable: TSESLint.Scope.Variable, depth: number): TSESTree.Expression | undefined {
    if (depth >= MAX_TRACE_DEPTH || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (def.type !== DefinitionType.Variable || def.parent?.kind !== 'const') return undefined;
    if (isModuleScope(variable)) return undefined;
    if (def.node.id !== def.name || !def.node.init) return undefined;
    return def.node.init;
  }
}

/** The identifier a member/call chain starts from: `c.req.header('x')` → `c`, `getUser(req)` → none. */
function chainRoot(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = skipTransparent(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression)
      current = skipTransparent(current.callee.object);
    else break;
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** `c.req.raw` → `req.raw`; `undefined` through calls or computed keys. */
function memberPath(node: TSESTree.MemberExpression): string | undefined {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    names.unshift(current.property.name);
    current = skipTransparent(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? names.join('.') : undefined;
}

/** Identifiers that name rather than read: `x.name`, `{ name: … }` keys, and `new WeakRef(req)`'s argument. */
function isNameNotReference(child: TSESTree.Node, parent: TSESTree.Node): boolean {
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.property === child && !parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.key === child && !parent.computed;
  if (parent.type === AST_NODE_TYPES.NewExpression) return child.type === AST_NODE_TYPES.Identifier && parent.arguments.includes(child);
  return false;
}
