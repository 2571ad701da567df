// Runs analysis functions on real snippets, in the style of typescript-eslint's
// tests/util: each snippet is parsed by @typescript-eslint/parser (typed through
// the fixtures' tsconfig when asked) and a probe rule hands its context to the test.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';

import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { Linter as ESLintLinter } from 'eslint';

import { FIXTURES } from '../util/rule-tester.js';

export type ProbeContext = Readonly<TSESLint.RuleContext<'missingTypeInformation', readonly unknown[]>>;

/**
 * Parses `code` as `file.ts` of the fixture project (typed with `typed`) and
 * returns what `probe` computes from the rule context at the end of the
 * program. Throws on parsing errors.
 */
export function probe<T>(
  code: string,
  compute: (context: ProbeContext, program: TSESTree.Program) => T,
  { typed = false, filename = 'file.ts', settings = {} }: { typed?: boolean; filename?: string; settings?: Record<string, unknown> } = {},
): T {
  let result: { value: T } | undefined;
  const rule: TSESLint.RuleModule<'missingTypeInformation', readonly unknown[]> = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: { missingTypeInformation: 'missing' } },
    create(context) {
      return {
        'Program:exit'(node: TSESTree.Program): void {
          result = { value: compute(context, node) };
        },
      };
    },
  };
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser, parserOptions: typed ? { projectService: true, tsconfigRootDir: FIXTURES } : {} },
      plugins: { probe: { rules: { probe: rule as never } } },
      rules: { 'probe/probe': 'error' },
      settings,
    },
  ];
  const messages = new ESLintLinter({ cwd: FIXTURES }).verify(code, config, path.join(FIXTURES, filename));
  const fatal = messages.find(message => message.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!result) throw new Error('the probe did not run');
  return result.value;
}

/** The nodes of `root` that pass `test`, in source order. */
export function nodesOf<T extends TSESTree.Node>(root: TSESTree.Node, test: (node: TSESTree.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') return;
    const node = value as TSESTree.Node;
    if (test(node)) found.push(node);
    for (const [key, child] of Object.entries(node)) if (key !== 'parent') visit(child);
  };
  visit(root);
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/** The identifiers named `name`, in source order. */
export function identifiers(root: TSESTree.Node, name: string): TSESTree.Identifier[] {
  return nodesOf(root, (node): node is TSESTree.Identifier => node.type === AST_NODE_TYPES.Identifier && node.name === name);
}

/** The call expressions whose callee's source text is `callee`, in source order. */
export function callsTo(root: TSESTree.Node, callee: string, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  return nodesOf(
    root,
    (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(node.callee) === callee,
  );
}
