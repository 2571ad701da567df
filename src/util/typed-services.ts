import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';

/** The message of the `missingTypeInformation` report; `{{rule}}` is the rule id as configured. */
export const missingTypeInformationMessage =
  '{{rule}} needs type information, which this file was linted without. Enable typed linting with `languageOptions.parserOptions.projectService: true` (typescript-eslint), or turn the rule off for files outside your TypeScript project.';

type ContextWithMissingTypeInformation = Readonly<TSESLint.RuleContext<'missingTypeInformation', readonly unknown[]>>;

/**
 * The parser services with type information, or `undefined` when the file was
 * linted without them (a JavaScript file outside the TypeScript project, or
 * a config without `projectService`). Unlike `ESLintUtils.getParserServices`,
 * it does not throw: the rule reports once instead, with
 * {@link missingTypeInformationListener}.
 */
export function typedServicesOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ParserServicesWithTypeInformation | undefined {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return services as ParserServicesWithTypeInformation;
}

/**
 * Listeners that report `missingTypeInformation` once, on the first line,
 * naming the rule as the user configured it (`context.id`).
 *
 * ```ts
 * const services = typedServicesOf(context);
 * if (!services) return missingTypeInformationListener(context);
 * ```
 */
export function missingTypeInformationListener(context: ContextWithMissingTypeInformation): TSESLint.RuleListener {
  return {
    Program(node): void {
      context.report({ node, loc: { line: 1, column: 0 }, messageId: 'missingTypeInformation', data: { rule: context.id } });
    },
  };
}
