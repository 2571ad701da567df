import noEscapingContext from './no-escaping-context.js';
import noSharedRequestState from './no-shared-request-state.js';
import requireAbortHandling from './require-abort-handling.js';

/**
 * The plugin's rules by name. A new rule is one line here; the configs pick it
 * up from its `meta.docs.recommended`.
 */
export const rules = {
  'no-escaping-context': noEscapingContext,
  'no-shared-request-state': noSharedRequestState,
  'require-abort-handling': requireAbortHandling,
};

export type RuleName = keyof typeof rules;
