import { TSESLint } from '@typescript-eslint/utils';

/** Kinds of variable definitions (parameter, import, variable, …), from the scope manager. */
export const DefinitionType = TSESLint.Scope.DefinitionType;
