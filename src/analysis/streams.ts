// "Is this receiver a response stream, and where does this handler learn that
// its client left?" Type queries, asked only for work the syntax checks of
// `abort.ts` could not rule out, and cached per variable.
import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { RequestSignal, ResponseStream } from '../presets/index.js';
import type { FindVariable } from './scope.js';

import { skipTransparent, staticName } from './ast.js';
import { constrainedTypeAt, typeMatchesAnySpecifier } from './types.js';

type Variable = TSESLint.Scope.Variable;

export interface StreamResolver {
  /**
   * The response stream `receiver` is, for a write through `method`:
   * `stream` in `stream.writeSSE(…)` inside `streamSSE`, `res` in
   * `res.write(…)`. Streams the presets match only as bodies (a Koa
   * `PassThrough`) must be assigned or sent as the response body in the file.
   */
  streamOf(receiver: TSESTree.Expression, method: string): ResponseStream | undefined;
  /** The request signal a handler parameter gives (`c` → `c.req.raw.signal`), or `undefined`. */
  signalOf(parameter: TSESTree.Identifier): RequestSignal | undefined;
  /** Whether the expression's type has a property named `name` (`aborted` on the stream). */
  hasProperty(node: TSESTree.Node, name: string): boolean;
}

export function createStreamResolver(
  services: ParserServicesWithTypeInformation,
  streams: readonly ResponseStream[],
  signals: readonly RequestSignal[],
  findVariable: FindVariable,
): StreamResolver {
  const program = services.program;
  // The checker is created on the first type query only: most files never need one.
  let checker: ts.TypeChecker | undefined;
  const streamSpecifiers = streams.flatMap(stream => stream.types);
  const signalSpecifiers = signals.flatMap(signal => signal.types);
  const streamByNode = new Map<TSESTree.Node | Variable, ResponseStream | undefined>();
  const signalByVariable = new Map<TSESTree.Node, RequestSignal | undefined>();

  return {
    streamOf(receiver, method) {
      const target = skipTransparent(receiver);
      const variable = target.type === AST_NODE_TYPES.Identifier ? findVariable(target) : null;
      const key = variable ?? target;
      let stream: ResponseStream | undefined;
      if (streamByNode.has(key)) stream = streamByNode.get(key);
      else {
        stream = matching(typeAt(target), streams, streamSpecifiers);
        if (stream?.asBody && !(variable && isSentAsBody(variable, stream.asBody))) stream = undefined;
        streamByNode.set(key, stream);
      }
      return stream?.writeMethods.includes(method) ? stream : undefined;
    },
    signalOf(parameter) {
      if (signalByVariable.has(parameter)) return signalByVariable.get(parameter);
      const signal = matching(typeAt(parameter), signals, signalSpecifiers);
      signalByVariable.set(parameter, signal);
      return signal;
    },
    hasProperty(node, name) {
      const type = typeAt(node);
      if (type === undefined) return false;
      checker ??= program.getTypeChecker();
      return checker.getApparentType(checker.getNonNullableType(type)).getProperty(name) !== undefined;
    },
  };

  function typeAt(node: TSESTree.Node): ts.Type | undefined {
    return constrainedTypeAt(services, node);
  }

  function matching<T extends { types: readonly TypeOrValueSpecifier[] }>(
    type: ts.Type | undefined,
    entries: readonly T[],
    specifiers: readonly TypeOrValueSpecifier[],
  ): T | undefined {
    if (!type) return undefined;
    const specifier = typeMatchesAnySpecifier(type, specifiers, program);
    return specifier ? entries.find(entry => entry.types.includes(specifier)) : undefined;
  }
}

/** `ctx.body = stream` or `reply.send(stream)`: the stream is handed to the framework as the response. */
function isSentAsBody(variable: Variable, asBody: NonNullable<ResponseStream['asBody']>): boolean {
  return variable.references.some(reference => {
    const parent = reference.identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.right === reference.identifier &&
      parent.left.type === AST_NODE_TYPES.MemberExpression
    ) {
      return (asBody.members ?? []).includes(staticName(parent.left) ?? '');
    }
    return (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === reference.identifier &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      (asBody.methods ?? []).includes(staticName(parent.callee) ?? '')
    );
  });
}
