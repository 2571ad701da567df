// Checks the README's recipe for projects that build with TypeScript 7: in a
// scratch project, `typescript` is the TypeScript 6 compatibility package (the
// JS API typed linting needs) and TypeScript 7 is installed beside it under
// another name (its compiler builds the project). The plugin, packed as it would
// be published, must lint the project with type information there.
//
// Usage: npm run test:ts7   (needs the npm registry; builds and packs first)
// Exit code: 0 when the layout installs and lints as documented, 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

/** The devDependencies of the README's TypeScript 7 recipe (plus the app's framework). */
export const TYPESCRIPT7_DEV_DEPENDENCIES = {
  // typescript-eslint (and this plugin) load `typescript` through its JS API, which TS 7 does not have.
  typescript: 'npm:@typescript/typescript6@^6.0.2',
  // TypeScript 7 under another name; its `tsc` is the project's compiler.
  typescript7: 'npm:typescript@^7.0.2',
  eslint: '^10.0.0',
  'typescript-eslint': '^8.73.0',
};

const APP = `import { Hono } from 'hono';

declare function log(message: string, fields?: Record<string, unknown>): void;

export const app = new Hono();

app.get('/orders/:id', c => {
  setTimeout(() => log('order viewed', { referer: c.req.header('referer') }), 0);
  return c.text('ok');
});
`;

const CONFIG = `import contextEscape from 'eslint-plugin-context-escape';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  contextEscape.configs.recommended,
  { rules: { 'context-escape/no-escaping-context': ['error', { reads: 'all' }] } },
];
`;

const TSCONFIG = {
  compilerOptions: { target: 'es2022', module: 'nodenext', strict: true, skipLibCheck: true, noEmit: true },
  include: ['src'],
};

function run(command, args, cwd) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function main() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'context-escape-ts7-'));
  const failures = [];
  try {
    run('npm', ['run', 'build'], ROOT);
    const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], ROOT);
    const tarball = path.join(scratch, JSON.parse(packed)[0].filename);
    const app = path.join(scratch, 'app');
    mkdirSync(path.join(app, 'src'), { recursive: true });
    const hono = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'hono', 'package.json'), 'utf8')).version;
    writeFileSync(
      path.join(app, 'package.json'),
      `${JSON.stringify(
        {
          name: 'typescript7-app',
          private: true,
          type: 'module',
          dependencies: { hono: `^${hono}` },
          devDependencies: { ...TYPESCRIPT7_DEV_DEPENDENCIES, 'eslint-plugin-context-escape': `file:${tarball}` },
        },
        null,
        2,
      )}\n`,
    );
    writeFileSync(path.join(app, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    writeFileSync(path.join(app, 'eslint.config.js'), CONFIG);
    writeFileSync(path.join(app, 'src', 'app.ts'), APP);

    // The install must be clean: no peer-dependency conflict (ERESOLVE) and no engine warning.
    console.log('$ npm install');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8' });
    const installLog = `${install.stdout}${install.stderr}`;
    if (install.status !== 0) throw new Error(`npm install failed:\n${installLog}`);
    for (const warning of ['ERESOLVE', 'EBADENGINE']) {
      if (installLog.includes(warning)) failures.push(`npm install printed ${warning}:\n${installLog}`);
    }

    const linted = JSON.parse(run('node', ['-e', "console.log(JSON.stringify(require('typescript').version))"], app));
    if (!linted.startsWith('6.')) failures.push(`require('typescript') is ${linted}, expected 6.x`);
    // `node_modules/.bin/tsc` may be either compiler (both packages have a `tsc`), so the
    // recipe's build script runs TypeScript 7 by its path.
    const tsc7 = path.join('node_modules', 'typescript7', 'bin', 'tsc');
    const built = run('node', [tsc7, '--version'], app).trim();
    if (!/Version 7\./.test(built)) failures.push(`${tsc7} is "${built}", expected TypeScript 7`);
    run('node', [tsc7, '-p', '.'], app);

    let output;
    try {
      output = run('npx', ['--no-install', 'eslint', '--format', 'json', 'src'], app);
    } catch (error) {
      // Exit code 1: findings (expected). Anything else is a failure.
      if (error.status !== 1) throw error;
      output = error.stdout;
    }
    const messages = JSON.parse(output).flatMap(result => result.messages);
    const ours = messages.filter(message => message.ruleId === 'context-escape/no-escaping-context');
    const others = messages.filter(message => message.ruleId !== 'context-escape/no-escaping-context');
    if (ours.length !== 1 || ours[0].line !== 8 || !ours[0].fix) {
      failures.push(`expected one fixable finding on line 8, got ${JSON.stringify(ours)}`);
    }
    if (others.length > 0) failures.push(`unexpected messages: ${JSON.stringify(others)}`);
    console.log(`typescript (linting): ${linted}; typescript7 (building): ${built}; findings: ${ours.length}`);
  } catch (error) {
    failures.push(`${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  } finally {
    if (keep) console.log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\nThe TypeScript 7 layout does not work as documented:\n${failures.join('\n\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nThe TypeScript 7 layout installs cleanly and lints with type information.');
  }
}

main();
