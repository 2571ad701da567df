import rule from '../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('smoke', rule, {
  valid: [
    `
import { Hono } from 'hono';
new Hono().get('/', c => {
  const ua = c.req.header('user-agent');
  setTimeout(() => console.log(ua), 10);
  return c.text('ok');
});
`,
  ],
  invalid: [
    {
      code: `
import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.header('user-agent')), 10);
  return c.text('ok');
});
`,
      errors: [{ messageId: 'escapes' }],
    },
  ],
});
