// The README's `defineConfig`/`extends` example, run as written: the plugin's
// config extended in a typed block, the rule turned down to a warning, and the
// `disable-type-checked` config for JavaScript files.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..');
// Inside the repository, so that `import 'eslint-plugin-context-escape'` resolves to this package (dist/).
const PROJECT = path.join(ROOT, '.cache', `readme-config-${process.pid}`);

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const CONFIG = /```js\n(\/\/ eslint\.config\.js\nimport \{ defineConfig \} from 'eslint\/config';[\s\S]*?)```/.exec(README)?.[1];

let results: ESLint.LintResult[];

beforeAll(async () => {
  expect(CONFIG, 'the README has a defineConfig example').toBeDefined();
  mkdirSync(PROJECT, { recursive: true });
  writeFileSync(path.join(PROJECT, 'eslint.config.js'), CONFIG!);
  writeFileSync(
    path.join(PROJECT, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', skipLibCheck: true, noEmit: true },
      include: ['*.ts'],
    }),
  );
  writeFileSync(
    path.join(PROJECT, 'app.ts'),
    `import { Hono } from 'hono';
declare function log(message: string): void;
new Hono().get('/', c => {
  setTimeout(() => { c.header('x-late', '1'); log('late'); }, 10);
  return c.text('ok');
});
`,
  );
  writeFileSync(path.join(PROJECT, 'plain.js'), 'setTimeout(() => {}, 1);\n');
  results = await new ESLint({ cwd: PROJECT }).lintFiles(['app.ts', 'plain.js']);
});

afterAll(() => {
  rmSync(PROJECT, { recursive: true, force: true });
});

it('reports a late write as a warning with the README example', () => {
  const app = results.find(result => result.filePath.endsWith('app.ts'))!;
  expect(app.messages.map(message => [message.ruleId, message.messageId, message.severity, message.line])).toEqual([
    ['context-escape/no-escaping-context', 'writesAfterResponse', 1, 4],
  ]);
});

it('lints JavaScript files without type information and without errors', () => {
  const plain = results.find(result => result.filePath.endsWith('plain.js'))!;
  expect(plain.messages).toEqual([]);
});
