#!/usr/bin/env node
// Lints one directory once with one benchmark configuration, single-threaded,
// and prints one JSON line with timings, memory and (optionally) ESLint stats.
// bench/run.mjs starts this in a fresh process for every measurement.
//
// Usage: node bench/lint-once.mjs --dir <dir> --config <config> [--stats] [--options <json>]
//                                 [--plugin <path to the plugin's index.js>]  (default dist/index.js)
//                                 [--findings <file>]  (write the findings, ESLint's JSON formatter output, to compare builds)
// Configurations:
//   parse      typed parsing (projectService), no rules
//   nfp        @typescript-eslint/no-floating-promises alone
//   ours       context-escape/no-escaping-context alone
//   all        every rule of the plugin (from its `rules` object)
//   rtc        typescript-eslint's recommendedTypeChecked
//   rtc-all    recommendedTypeChecked plus every rule of the plugin
//   rule:<n>   the plugin's rule <n> alone

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const started = performance.now();

const args = process.argv.slice(2);
const option = name => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const dir = option('--dir');
const configName = option('--config');
const stats = args.includes('--stats');
// Options for the context-escape rules (JSON), for experiments: --options '{"presets":["hono"]}'.
const ruleOptions = option('--options') === undefined ? undefined : JSON.parse(option('--options'));
if (!dir || !configName) {
  console.error('Usage: node bench/lint-once.mjs --dir <dir> --config parse|nfp|ours|all|rtc|rtc-all|rule:<name> [--stats]');
  process.exit(2);
}

// Every configuration loads the same modules, so module loading costs the same
// time and memory everywhere and differences come from linting alone.
const [{ ESLint }, { default: tseslint }, { default: plugin }] = await Promise.all([
  import('eslint'),
  import('typescript-eslint'),
  import(option('--plugin') ? pathToFileURL(path.resolve(option('--plugin'))).href : '../dist/index.js'),
]);

const namespace = plugin.meta.namespace;
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const ourEntry = ruleOptions ? ['error', ruleOptions] : 'error';
// Every rule of the plugin, read from the build, so rules added later are measured too.
const allOurs = Object.fromEntries(Object.keys(plugin.rules).map(name => [`${namespace}/${name}`, ourEntry]));
// typescript-eslint's recommendedTypeChecked is a list of configs (parser, core rules it
// turns off or on for TypeScript, its own rules); its rule settings merged in order.
const recommendedTypeChecked = Object.assign({}, ...tseslint.configs.recommendedTypeChecked.map(config => config.rules ?? {}));
const RULES = {
  parse: {},
  nfp: { '@typescript-eslint/no-floating-promises': 'error' },
  ours: { [`${namespace}/no-escaping-context`]: ourEntry },
  all: allOurs,
  rtc: recommendedTypeChecked,
  'rtc-all': { ...recommendedTypeChecked, ...allOurs },
  ...Object.fromEntries(Object.keys(plugin.rules).map(name => [`rule:${name}`, { [`${namespace}/${name}`]: ourEntry }])),
};
if (!Object.hasOwn(RULES, configName)) {
  console.error(`unknown config ${configName}; expected one of ${Object.keys(RULES).join(', ')}`);
  process.exit(2);
}

const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  concurrency: 'off',
  cache: false,
  stats,
  overrideConfig: [
    {
      files: TS_FILES,
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: dir },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { '@typescript-eslint': tseslint.plugin, [namespace]: plugin },
      rules: RULES[configName],
    },
  ],
});

const loaded = performance.now();
const cpuBefore = process.cpuUsage();
const results = await eslint.lintFiles(['.']);
const cpuLint = process.cpuUsage(cpuBefore);
const linted = performance.now();

const messages = {};
const fatalSamples = [];
let fatal = 0;
let parseMs = 0;
let fixMs = 0;
const ruleMs = {};
for (const result of results) {
  for (const message of result.messages) {
    if (message.fatal) {
      fatal++;
      if (fatalSamples.length < 5) fatalSamples.push(`${result.filePath}: ${message.message}`);
      continue;
    }
    const key = message.ruleId ?? '(none)';
    messages[key] = (messages[key] ?? 0) + 1;
  }
  for (const pass of result.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    fixMs += pass.fix?.total ?? 0;
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
  }
}

if (option('--findings')) {
  const { writeFile } = await import('node:fs/promises');
  const formatter = await eslint.loadFormatter('json');
  // Paths relative to the linted directory, so runs of two builds compare byte for byte.
  const json = JSON.parse(await formatter.format(results)).map(({ filePath, messages: found }) => ({
    filePath: path.relative(dir, filePath),
    messages: found,
  }));
  await writeFile(option('--findings'), `${JSON.stringify(json, null, 1)}\n`);
}

const usage = process.resourceUsage();
// Heap still in use after a full collection (needs --expose-gc): what the checker and caches keep.
globalThis.gc?.();
const retainedHeapMB = globalThis.gc ? process.memoryUsage().heapUsed / 1024 / 1024 : undefined;
process.stdout.write(
  `${JSON.stringify({
    config: configName,
    files: results.length,
    loadMs: loaded - started,
    lintMs: linted - loaded,
    lintCpuMs: (cpuLint.user + cpuLint.system) / 1000,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMB: usage.maxRSS / 1024,
    retainedHeapMB,
    messages,
    fatal,
    fatalSamples,
    stats: stats ? { parseMs, fixMs, ruleMs } : undefined,
  })}\n`,
);
