// An editing session in the ESLint language server (the one VS Code's ESLint
// extension runs): N edits to one file of examples/, each followed by a pull of
// the file's diagnostics, as the editor does while the user types. Reports the
// warm latency per edit and the server's memory over the session, for the
// plugin (examples/eslint.config.js, `strict`) and, side by side, for
// typescript-eslint's `no-floating-promises` alone on the same code.
//
// Usage: npm run bench:editor [-- --edits 200 --file hono/app.ts]
// A benchmark, not a test: it prints numbers and never fails on them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { LanguageServer, vscodeEslintSettings } from '../tests/util/language-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const { values } = parseArgs({
  options: { edits: { type: 'string', default: '200' }, file: { type: 'string', default: 'hono/app.ts' } },
});
const EDITS = Number(values.edits);
const FILE = path.join(EXAMPLES, values.file);
const URI = pathToFileURL(FILE).href;
const TEXT = readFileSync(FILE, 'utf8');

/** A config with typescript-eslint's no-floating-promises only, for the side-by-side run. */
function floatingPromisesConfig() {
  const dir = path.join(ROOT, '.cache', 'editor-soak');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'no-floating-promises.config.js');
  writeFileSync(
    file,
    `import tseslint from 'typescript-eslint';
export default [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(EXAMPLES)} } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
];
`,
  );
  return file;
}

/**
 * The text after edit `index`: a new exported declaration each time (new
 * symbols and a new program version, as when the user types) and a changed
 * timer delay inside a handler (the rule's own code is re-analysed).
 */
function editedText(index) {
  return `${TEXT.replace(/, 0\);/, `, ${index % 7});`)}\nexport const edit${index} = { step: ${index} };\n`;
}

/** Resident memory of a process in MB (Linux /proc; undefined elsewhere). */
function residentMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return undefined;
  }
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function session(label, settings) {
  const server = await LanguageServer.start(EXAMPLES, { settings });
  try {
    const start = performance.now();
    server.open(URI, TEXT);
    const first = await server.diagnostics(URI);
    const firstMs = performance.now() - start;
    const latencies = [];
    const memory = [];
    let findings = first.length;
    for (let index = 1; index <= EDITS; index++) {
      const before = performance.now();
      server.change(URI, editedText(index));
      findings = (await server.diagnostics(URI)).length;
      latencies.push(performance.now() - before);
      if (index % 20 === 0) memory.push([index, residentMb(server.pid)]);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return { label, firstMs, findings, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), max: sorted.at(-1), memory };
  } finally {
    await server.stop();
  }
}

const format = ms => `${ms.toFixed(0)} ms`;

async function main() {
  console.log(`${EDITS} edits of examples/${values.file} in one ESLint language server session per config\n`);
  const runs = [
    await session('context-escape (strict)', vscodeEslintSettings(EXAMPLES)),
    await session(
      'no-floating-promises alone',
      vscodeEslintSettings(EXAMPLES, { options: { overrideConfigFile: floatingPromisesConfig() } }),
    ),
  ];
  console.log('config                        first lint   warm median   warm p90   warm max   findings');
  for (const run of runs) {
    console.log(
      `${run.label.padEnd(29)} ${format(run.firstMs).padStart(10)}   ${format(run.median).padStart(11)}   ${format(run.p90).padStart(8)}   ${format(run.max).padStart(8)}   ${String(run.findings).padStart(8)}`,
    );
  }
  console.log('\nServer memory (RSS, MB) by edit:');
  console.log(`edit    ${runs.map(run => run.label.padStart(29)).join(' ')}`);
  for (let row = 0; row < runs[0].memory.length; row++) {
    console.log(`${String(runs[0].memory[row][0]).padEnd(7)} ${runs.map(run => (run.memory[row]?.[1]?.toFixed(0) ?? '?').padStart(29)).join(' ')}`);
  }
  for (const run of runs) {
    const [early, late] = [run.memory[Math.min(2, run.memory.length - 1)], run.memory.at(-1)];
    if (early?.[1] !== undefined && late?.[1] !== undefined) {
      console.log(`${run.label}: RSS ${early[1].toFixed(0)} MB at edit ${early[0]} -> ${late[1].toFixed(0)} MB at edit ${late[0]} (${(late[1] - early[1] >= 0 ? '+' : '') + (late[1] - early[1]).toFixed(0)} MB)`);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
