import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from '../analysis/ast.js';
import type { RequestValue } from '../analysis/request-values.js';
import type { SharedOptions } from '../analysis/settings.js';
import type { SharedStorage } from '../analysis/storage.js';
import type { Preset } from '../presets/index.js';

import { enclosingFunction, skipTransparent, staticName } from '../analysis/ast.js';
import { createContextResolver } from '../analysis/contexts.js';
import { createRequestValueResolver } from '../analysis/request-values.js';
import { variableFinder } from '../analysis/scope.js';
import { contextsSchema, presetsSchema, resolveSettings } from '../analysis/settings.js';
import { COLLECTION_ADDERS, createStorageResolver, isRemovedInSameFunction } from '../analysis/storage.js';
import { createRule } from '../util/create-rule.js';
import { missingTypeInformationListener, missingTypeInformationMessage, typedServicesOf } from '../util/typed-services.js';

/** `presets` and `contexts`, shared with the other rules (and read from `settings['context-escape']` when absent). */
export type Options = [Pick<SharedOptions, 'contexts' | 'presets'>];

export type MessageIds = 'missingTypeInformation' | 'storesContext' | 'storesRequestBound' | 'storesRequestData';

/** Assignments that store a value; compound arithmetic (`count += 1`) keeps counters and metrics. */
const STORING_OPERATORS = new Set(['=', '??=', '||=', '&&=']);

/** What the rule says when a preset names no consequence of its own. */
const CONTEXT_CONSEQUENCE = "another request can reach this request's objects after it ended, or overwrite them with its own";
const DATA_CONSEQUENCE = "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)";
const GENERIC_STORE = 'a per-request store';

/** Longest stored expression shown in a message. */
const MAX_SHOWN = 40;

export default createRule<Options, MessageIds>({
  name: 'no-shared-request-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request contexts and request data stored where every request sees them',
      // Wrong-user data and cross-request I/O errors are breakage, not style.
      recommended: 'essential',
      requiresTypeChecking: true,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          presets: {
            ...presetsSchema,
            description: 'Framework presets whose request contexts, per-request stores and singletons apply. Defaults to all of them.',
          },
          contexts: contextsSchema,
        },
      },
    ],
    // Unset options fall back to settings['context-escape'], then to every preset.
    defaultOptions: [{}],
    messages: {
      storesContext:
        '{{value}} ({{kind}}) is stored in {{storage}}, which every request shares: {{consequence}}. Keep what one request needs in {{store}} or AsyncLocalStorage, or pass it down.',
      storesRequestBound:
        '{{value}} ({{what}} created during a request) is stored in {{storage}}, which every request shares: {{consequence}}. Create it per request.',
      storesRequestData:
        '{{value}}, read from {{kind}} `{{root}}`, is stored in {{storage}}, a single slot every request shares: {{consequence}}. Keep it in {{store}} or AsyncLocalStorage instead.',
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by missingTypeInformationListener
      missingTypeInformation: missingTypeInformationMessage,
    },
    // Typed linting of JavaScript and TypeScript source through typescript-eslint's parser.
    languages: ['js/js'],
  },
  create(context, [options]) {
    const typedServices = typedServicesOf(context);
    if (!typedServices) return missingTypeInformationListener(context);
    const services = typedServices;
    const { sourceCode } = context;
    const settings = resolveSettings(context, options);
    const { presets } = settings;
    const findVariable = variableFinder(sourceCode);
    const storages = createStorageResolver(sourceCode, presets, findVariable);
    // Created lazily: most files never write to shared storage from inside a function.
    let values: ReturnType<typeof createRequestValueResolver> | undefined;
    const requestValues = (): ReturnType<typeof createRequestValueResolver> =>
      (values ??= createRequestValueResolver(services, sourceCode, createContextResolver(services, settings, findVariable), findVariable));

    return {
      AssignmentExpression(node): void {
        if (!STORING_OPERATORS.has(node.operator)) return;
        // Code outside functions runs once, at start-up.
        const fn = enclosingFunction(node);
        if (!fn) return;
        const storage = storages.storageOfTarget(node.left);
        if (storage) checkStored(node, node.right, storage, fn);
      },
      CallExpression(node): void {
        const callee = skipTransparent(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = staticName(callee);
        if (method === undefined || !Object.hasOwn(COLLECTION_ADDERS, method)) return;
        const fn = enclosingFunction(node);
        if (!fn) return;
        const storage = storages.storageOfReceiver(callee.object);
        if (!storage) return;
        for (const argument of node.arguments.slice(COLLECTION_ADDERS[method])) {
          if (checkStored(node, argument, storage, fn)) return;
        }
      },
    };

    /** Reports `value` stored in shared `storage` when it carries request state; `true` when reported. */
    function checkStored(node: TSESTree.Node, value: TSESTree.Node, storage: SharedStorage, fn: FunctionNode): boolean {
      // Syntax ruled out everything but shared storage; types are asked from here on.
      const resolver = requestValues();
      const found = resolver.requestValueOf(value);
      if (!found) return false;
      if (found.type === 'data') {
        // Entries under a key (`cache.set(id, …)`, `hits[path] = …`) do not overwrite other requests' data.
        if (!storage.singleSlot || resolver.isScalar(value)) return false;
      } else if (!storage.singleSlot) {
        // A registry of live connections: the entry leaves with its request.
        if (isRemovedInSameFunction(storage, fn, sourceCode)) return false;
        if (resolver.isWeakCollection(storage.node)) return false;
      }
      report(node, value, storage, found);
      return true;
    }

    function report(node: TSESTree.Node, value: TSESTree.Node, storage: SharedStorage, found: RequestValue): void {
      const shown = `\`${truncate(sourceCode.getText(value))}\``;
      const where = storageLabel(storage);
      // A NestJS provider's field: the framework's own answer (a request-scoped provider) comes first.
      const store = storeOf(storage.framework ?? found.kind.preset);
      switch (found.type) {
        case 'context':
          context.report({
            node,
            messageId: 'storesContext',
            data: {
              value: shown,
              kind: found.kind.label,
              storage: where,
              consequence: found.kind.preset.sharedState?.contextConsequence ?? CONTEXT_CONSEQUENCE,
              store,
            },
          });
          return;
        case 'bound':
          context.report({
            node,
            messageId: 'storesRequestBound',
            data: {
              value: shown,
              what: `an I/O object of ${found.kind.preset.label}`,
              storage: where,
              consequence: found.facts.consequence,
            },
          });
          return;
        case 'data':
          context.report({
            node,
            messageId: 'storesRequestData',
            data: {
              value: shown,
              kind: found.kind.label,
              root: found.root.name,
              storage: where,
              consequence: found.kind.preset.sharedState?.dataConsequence ?? DATA_CONSEQUENCE,
              store,
            },
          });
          return;
      }
    }
  },
});

/** "module-scope `currentUser`", "singleton `OrdersService.tenant`", "`globalThis.lastRequest`". */
function storageLabel(storage: SharedStorage): string {
  const name = `\`${truncate(storage.name)}\``;
  switch (storage.scope) {
    case 'module':
      return `module-scope ${name}`;
    case 'global':
      return `the global ${name}`;
    case 'singleton':
      return `singleton ${name}`;
    case 'static':
      return `static ${name}`;
  }
}

function storeOf(preset: Preset): string {
  return preset.sharedState?.requestStore ?? GENERIC_STORE;
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN - 1)}…` : line;
}
