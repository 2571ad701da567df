import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ContextResolver, ResolvedKind } from './contexts.js';
import type { Deferral } from './deferrals.js';
import type { FindVariable } from './scope.js';

import { firstSuspensionOffset, isAssignmentTarget, skipTransparent } from './ast.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A field of a class instance that holds a request context: `this.ctx = c`, `constructor(private c: Context)`. */
export interface HeldField {
  /** The field as written after `this.`: `ctx`, `#req`. */
  readonly name: string;
  readonly kind: ResolvedKind;
}

/** A read of a held field (`this.ctx`) inside deferred work. */
export interface HeldUse {
  readonly field: HeldField;
  /** The `this` of `this.ctx`, from which the whole use is reported. */
  readonly self: TSESTree.ThisExpression;
  /** The deferred function the use is in. */
  readonly description: string;
}

/** Everything the questions below need, a subset of the rule's `Analysis`. */
export interface HeldAnalysis {
  readonly sourceCode: Readonly<{ visitorKeys: SourceCode.VisitorKeys }>;
  readonly findVariable: FindVariable;
  readonly resolver: ContextResolver;
}

/** Held fields per class, computed once per class node. */
const heldFieldsCache = new WeakMap<ClassNode, ReadonlyMap<string, HeldField>>();

/**
 * Uses of fields that hold a request context inside the arrow functions of
 * `deferral`, for a deferral written in a class method: the instance keeps the
 * context, so the work reads it after the request may have ended.
 * Syntax first: only `this.X` reads whose class assigns `this.X = <parameter>`
 * (or declares a parameter property) ask for the assigned variable's kind.
 *
 * ```ts
 * class Audit { handle(c: Context) { this.ctx = c; setTimeout(() => log(this.ctx.req.url), 10); } }
 * findHeldUses(timerDeferral, analysis) // [{ field: { name: 'ctx', kind: Hono Context }, self: this, … }]
 * ```
 */
export function findHeldUses(deferral: Deferral, analysis: HeldAnalysis): HeldUse[] {
  const uses: HeldUse[] = [];
  for (const fn of deferral.functions) {
    // `this` is the instance only inside arrow functions; work that starts now is judged by its late part elsewhere.
    if (fn.node.type !== AST_NODE_TYPES.ArrowFunctionExpression || fn.startsSynchronously || fn.nestedOnly) continue;
    const selves = thisMembers(fn.node.body, analysis.sourceCode.visitorKeys);
    if (selves.length === 0) continue;
    const owner = classOfThis(fn.node);
    if (!owner) continue;
    const fields = heldFieldsOf(owner, analysis);
    for (const self of selves) {
      const field = fields.get(fieldName(self.parent));
      if (field && !isAssignmentTarget(self.parent)) uses.push({ field, self, description: fn.description ?? deferral.description });
    }
  }
  if (deferral.family === 'promises') uses.push(...methodUsesOf(deferral.spawningCall, deferral.description, analysis));
  return uses;
}

/**
 * `void this.flush()`: the held fields the async method reads after its
 * first suspension, which runs after the caller moved on (its synchronous
 * part runs now).
 */
function methodUsesOf(
  call: TSESTree.CallExpression | TSESTree.NewExpression | undefined,
  description: string,
  analysis: HeldAnalysis,
): HeldUse[] {
  const callee = call?.type === AST_NODE_TYPES.CallExpression ? skipTransparent(call.callee) : undefined;
  if (callee?.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return [];
  const owner = classOfThis(callee);
  const name = fieldName(callee);
  const method = owner?.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'method' &&
      !member.static &&
      !member.computed &&
      fieldName(member) === name,
  );
  const body = method?.value;
  if (!owner || body?.type !== AST_NODE_TYPES.FunctionExpression || !body.async) return [];
  const { visitorKeys } = analysis.sourceCode;
  const resumes = firstSuspensionOffset(body, visitorKeys);
  const fields = heldFieldsOf(owner, analysis);
  const uses: HeldUse[] = [];
  for (const self of thisMembers(body.body, visitorKeys)) {
    const field = fields.get(fieldName(self.parent));
    if (field && self.range[0] >= resumes && !isAssignmentTarget(self.parent)) uses.push({ field, self, description });
  }
  return uses;
}

/**
 * The fields of `owner` assigned a request context: `this.ctx = c` (in any
 * method or the constructor) where `c` is a variable of a context kind, and
 * parameter properties `constructor(private readonly c: Context)`.
 * A copied value (`this.ua = c.req.header('ua')`) is not a context.
 */
export function heldFieldsOf(owner: ClassNode, analysis: HeldAnalysis): ReadonlyMap<string, HeldField> {
  const cached = heldFieldsCache.get(owner);
  if (cached) return cached;
  const { findVariable, resolver, sourceCode } = analysis;
  const fields = new Map<string, HeldField>();
  const hold = (name: string, identifier: TSESTree.Identifier): void => {
    const variable = findVariable(identifier);
    const kind = variable && !resolver.isSnapshotCopy(variable) ? resolver.kindOfVariable(variable) : undefined;
    if (kind && !fields.has(name)) fields.set(name, { name, kind });
  };
  for (const member of owner.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const fn = member.value;
    if (!fn || (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression)) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of fn.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier) {
          hold(param.parameter.name, param.parameter);
        }
      }
    }
    for (const self of thisMembers(fn.body, sourceCode.visitorKeys)) {
      const assignment = self.parent.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== self.parent || assignment.operator !== '=')
        continue;
      const value = skipTransparent(assignment.right);
      if (value.type === AST_NODE_TYPES.Identifier) hold(fieldName(self.parent), value);
    }
  }
  heldFieldsCache.set(owner, fields);
  return fields;
}

/** `this.ctx` / `this.#req` (or the method `#flush() {}`) as `ctx` / `#req`; `''` for computed names. */
function fieldName(member: TSESTree.MemberExpression | TSESTree.MethodDefinition): string {
  const key = member.type === AST_NODE_TYPES.MethodDefinition ? member.key : member.property;
  if (member.computed) return '';
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return key.type === AST_NODE_TYPES.Identifier ? key.name : '';
}

type ThisMember = TSESTree.ThisExpression & { parent: TSESTree.MemberExpression };

/** The `this` of every `this.X` in `root`, through arrow functions (which share `this`) but not other functions or classes. */
function thisMembers(root: TSESTree.Node, visitorKeys: SourceCode.VisitorKeys): ThisMember[] {
  const found: ThisMember[] = [];
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) continue;
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      if (node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) found.push(node as ThisMember);
      continue;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return found;
}

/** The class whose instance `this` is at `node`: through enclosing arrows up to a method or field initializer. */
function classOfThis(node: TSESTree.Node): ClassNode | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const method = current.parent;
      return method.type === AST_NODE_TYPES.MethodDefinition && !method.static ? method.parent.parent : undefined;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? undefined : current.parent.parent;
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return undefined;
}
