// Generic handlers: a type parameter `<S extends RequestScope>` is judged by its
// constraint everywhere, because the analysis reads every type one way (the
// constrained type): the context is recognised and its snapshot call applies.
import rule from '../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

const SCOPE = `class RequestScope {
  constructor(readonly userId: string) {}
  copy(): RequestScope { return new RequestScope(this.userId); }
}
declare function audit(scope: RequestScope): Promise<void>;
`;

const OPTIONS = {
  contexts: [{ from: 'file' as const, name: 'RequestScope' }],
  snapshots: [{ type: { from: 'file' as const, name: 'RequestScope' }, call: '{{context}}.copy()' }],
};

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // a copy taken through the snapshot call is not the context
    {
      code: `${SCOPE}export function handle<S extends RequestScope>(scope: S) {
  const copy = scope.copy();
  void audit(copy);
}`,
      options: [OPTIONS],
    },
  ],
  invalid: [
    // the snapshot call applies to a type parameter constrained to the context type
    {
      code: `${SCOPE}export function handle<S extends RequestScope>(scope: S) {
  void audit(scope);
}`,
      options: [OPTIONS],
      output: `${SCOPE}export function handle<S extends RequestScope>(scope: S) {
  const scopeSnapshot = scope.copy();
  void audit(scopeSnapshot);
}`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'scope', kind: 'RequestScope', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
        },
      ],
    },
    // a timer callback reading the generic context gets the same snapshot
    {
      code: `${SCOPE}export function handle<S extends RequestScope>(scope: S) {
  setTimeout(() => console.log(scope), 10);
}`,
      options: [OPTIONS],
      output: `${SCOPE}export function handle<S extends RequestScope>(scope: S) {
  const scopeSnapshot = scope.copy();
  setTimeout(() => console.log(scopeSnapshot), 10);
}`,
      errors: [{ messageId: 'escapes', line: 7, column: 32 }],
    },
  ],
});
