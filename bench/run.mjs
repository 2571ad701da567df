#!/usr/bin/env node
// Benchmark of context-escape's typed rules against typed parsing alone and
// against @typescript-eslint/no-floating-promises, on generated corpora of
// several sizes (and on examples/ when it exists).
//
// Every measurement runs in a fresh Node process that lints once, single-threaded
// (bench/lint-once.mjs). Configurations:
//   parse  typed parsing (projectService), no rules
//   nfp    @typescript-eslint/no-floating-promises alone
//   ours   context-escape/no-escaping-context alone, default options
//   abort  context-escape/require-abort-handling alone, default options (only with --configs)
//   all    every rule of the plugin
// Runs are interleaved (round-robin, rotating the order each round) so drift on a
// shared machine affects all configurations alike; medians are reported.
//
// Usage: node bench/run.mjs [--sizes 200,1000,4000] [--repeats 3] [--stats-runs 1]
//                           [--configs parse,nfp,ours,abort,all] [--seed <string>] [--quick]
//                           [--no-examples] [--out bench/results/latest.json]
// Run `npm run build` first (`npm run bench` does).

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { DEFAULT_CORPUS_ROOT, DEFAULT_SEED, DEFAULT_SIZES, generateCorpus } from './generate.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const CHILD = path.join(BENCH_DIR, 'lint-once.mjs');
const CONFIGS = ['parse', 'nfp', 'ours', 'abort', 'all'];
const DEFAULT_HEAP = '--max-old-space-size=8192';
/** A private copy of dist/ (and package.json), so that a rebuild during a long run cannot change what is measured. */
const SNAPSHOT_DIR = path.join(DEFAULT_CORPUS_ROOT, '.plugin');
const LABELS = {
  parse: '(a) typed parsing, no rules',
  nfp: '(b) no-floating-promises',
  ours: '(c) no-escaping-context',
  abort: '(c2) require-abort-handling',
  all: '(d) all context-escape rules',
};
/** Targets for our rules' own cost (see bench/README.md). */
const USAGE = `Usage: node bench/run.mjs [options]   (run \`npm run build\` first; \`npm run bench\` does both)
  --sizes 200,1000,4000   corpus sizes in files (default 200,1000,4000)
  --repeats 3             timed runs per configuration (median reported)
  --stats-runs 1          extra runs per configuration with ESLint stats (per-rule and parse times)
  --configs parse,nfp,ours,all   (also: abort, require-abort-handling alone)
  --seed <string>         corpus seed (default ${DEFAULT_SEED})
  --quick                 smoke run: 200 files, 1 timed run + 1 stats run per configuration
  --no-examples           do not lint examples/
  --node-option <flag>    pass a flag to each lint process (repeatable), e.g. --max-old-space-size=8192
  --plugin <index.js>     measure this build of the plugin instead of a snapshot of dist/ (for A/B comparisons)
  --out <file>            results JSON (default bench/results/latest.json)`;
const TARGETS = { vsNfp: 0.5, abortVsNfp: 0.3, ofParse: 0.03, linear4000over1000: 4.4, memory: 1.05 };

// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const args = {
    sizes: DEFAULT_SIZES,
    repeats: 3,
    statsRuns: 1,
    // `abort` (require-abort-handling alone) runs when asked for: --configs parse,nfp,abort
    configs: CONFIGS.filter(config => config !== 'abort'),
    seed: DEFAULT_SEED,
    examples: true,
    out: path.join(BENCH_DIR, 'results', 'latest.json'),
    nodeOptions: [],
  };
  let nodeOptionsGiven = false;
  let quick = false;
  const explicit = new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const list = () => value().split(',').map(s => s.trim()).filter(Boolean);
    switch (flag) {
      case '--sizes':
        args.sizes = list().map(Number);
        if (args.sizes.some(n => !Number.isInteger(n))) throw new Error('--sizes takes integers, e.g. 200,1000');
        explicit.add('sizes');
        break;
      case '--repeats':
        args.repeats = Number(value());
        explicit.add('repeats');
        break;
      case '--stats-runs':
        args.statsRuns = Number(value());
        explicit.add('statsRuns');
        break;
      case '--configs':
        args.configs = list();
        for (const c of args.configs) if (!CONFIGS.includes(c)) throw new Error(`unknown config ${c}; expected ${CONFIGS.join(', ')}`);
        break;
      case '--seed':
        args.seed = value();
        break;
      case '--out':
        args.out = path.resolve(value());
        break;
      case '--node-option':
        args.nodeOptions.push(value());
        nodeOptionsGiven = true;
        break;
      case '--plugin':
        args.plugin = path.resolve(value());
        break;
      case '--no-examples':
        args.examples = false;
        break;
      case '--quick':
        quick = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (quick) {
    // A smoke run: the smallest corpus, one timed run and one stats run per configuration.
    if (!explicit.has('sizes')) args.sizes = [200];
    if (!explicit.has('repeats')) args.repeats = 1;
    if (!explicit.has('statsRuns')) args.statsRuns = 1;
  }
  if (!(args.repeats >= 1)) throw new Error('--repeats must be >= 1');
  // Typed linting of 4,000 files needs more than Node's default heap on some machines;
  // every configuration gets the same limit so that memory figures stay comparable.
  if (!nodeOptionsGiven) args.nodeOptions = [DEFAULT_HEAP];
  args.quick = quick;
  return args;
}

// ---------------------------------------------------------------------------

function median(values) {
  const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function snapshotPlugin() {
  rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  cpSync(path.join(ROOT, 'dist'), path.join(SNAPSHOT_DIR, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(SNAPSHOT_DIR, 'package.json'));
  return path.join(SNAPSHOT_DIR, 'dist', 'index.js');
}

let pluginPath;

function runChild(dir, config, { stats, nodeOptions }) {
  return new Promise((resolve, reject) => {
    const childArgs = ['--expose-gc', ...nodeOptions, CHILD, '--dir', dir, '--config', config, '--plugin', pluginPath];
    if (stats) childArgs.push('--stats');
    const start = performance.now();
    const child = spawn(process.execPath, childArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TIMING: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const wallMs = performance.now() - start;
      if (code !== 0) {
        reject(new Error(`lint of ${dir} with ${config} exited with ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      try {
        const line = stdout.trim().split('\n').at(-1);
        resolve({ ...JSON.parse(line), wallMs });
      } catch (error) {
        reject(new Error(`unreadable output of ${config}: ${String(error)}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      }
    });
  });
}

/** Reads every file of a tree once, so the first measured run does not pay cold disk reads. */
function warmFileCache(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') warmFileCache(full);
    else if (entry.isFile()) readFileSync(full);
  }
}

function countSources(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) count += countSources(full);
    else if (/\.[cm]?tsx?$/.test(entry.name)) count++;
  }
  return count;
}

const fmtMs = ms => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–');
const fmtPct = x => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
const fmtX = x => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

/** Measures one target directory with every configuration. */
async function measureTarget(name, dir, args, log) {
  warmFileCache(dir);
  const runs = Object.fromEntries(args.configs.map(c => [c, []]));
  const statsRuns = Object.fromEntries(args.configs.map(c => [c, []]));
  const total = args.repeats * args.configs.length + args.statsRuns * args.configs.length;
  let done = 0;
  const progress = (config, run, stats) => {
    done++;
    log(
      `  [${name}] ${String(done).padStart(2)}/${total} ${config.padEnd(5)}${stats ? ' (stats)' : '        '} ` +
        `lint ${fmtMs(run.lintMs)} (CPU ${fmtMs(run.lintCpuMs)}), process ${fmtMs(run.wallMs)}, maxRSS ${run.maxRssMB.toFixed(0)} MB`,
    );
  };
  for (let round = 0; round < args.repeats; round++) {
    const order = args.configs.map((_, i) => args.configs[(i + round) % args.configs.length]);
    for (const config of order) {
      const run = await runChild(dir, config, { stats: false, nodeOptions: args.nodeOptions });
      if (run.fatal > 0) throw new Error(`${name}: ${run.fatal} fatal parse errors with ${config}, e.g.\n${run.fatalSamples.join('\n')}`);
      run.round = round;
      runs[config].push(run);
      progress(config, run, false);
    }
  }
  for (let round = 0; round < args.statsRuns; round++) {
    for (const config of args.configs) {
      const run = await runChild(dir, config, { stats: true, nodeOptions: args.nodeOptions });
      statsRuns[config].push(run);
      progress(config, run, true);
    }
  }

  const summary = {};
  for (const config of args.configs) {
    const list = runs[config];
    const statsList = statsRuns[config];
    const ruleIds = new Set(statsList.flatMap(r => Object.keys(r.stats?.ruleMs ?? {})));
    summary[config] = {
      files: list[0]?.files,
      lintMs: median(list.map(r => r.lintMs)),
      lintMsMin: Math.min(...list.map(r => r.lintMs)),
      lintMsMax: Math.max(...list.map(r => r.lintMs)),
      lintCpuMs: median(list.map(r => r.lintCpuMs)),
      lintCpuMsMin: Math.min(...list.map(r => r.lintCpuMs)),
      lintCpuMsMax: Math.max(...list.map(r => r.lintCpuMs)),
      processWallMs: median(list.map(r => r.wallMs)),
      maxRssMB: median(list.map(r => r.maxRssMB)),
      retainedHeapMB: median(list.map(r => r.retainedHeapMB)),
      messages: list[0]?.messages ?? {},
      stats: statsList.length
        ? {
            parseMs: median(statsList.map(r => r.stats.parseMs)),
            ruleMs: Object.fromEntries([...ruleIds].map(id => [id, median(statsList.map(r => r.stats.ruleMs[id] ?? 0))])),
          }
        : undefined,
      runs: list.map(({ round, lintMs, lintCpuMs, wallMs, cpuMs, maxRssMB, retainedHeapMB, loadMs }) => ({
        round,
        lintMs,
        lintCpuMs,
        processWallMs: wallMs,
        processCpuMs: cpuMs,
        maxRssMB,
        retainedHeapMB,
        loadMs,
      })),
    };
  }
  return {
    name,
    dir: path.relative(ROOT, dir),
    summary,
    ratios: { wall: ratiosOf(summary, runs, 'lintMs'), cpu: ratiosOf(summary, runs, 'lintCpuMs'), memory: memoryRatios(summary) },
  };
}

/**
 * Own cost of each configuration (its lint time minus typed parsing alone) and the
 * ratios the targets are stated in, for one metric: `lintMs` (wall) or `lintCpuMs`.
 */
function ratiosOf(summary, runs, metric) {
  const a = summary.parse;
  if (!a) return {};
  const others = Object.keys(summary).filter(c => c !== 'parse');
  const own = config => (summary[config] ? summary[config][metric] - a[metric] : NaN);
  // Median over rounds of (config − parse) within the same round: robust to slow drift.
  const paired = config => {
    const diffs = runs[config].map(run => {
      const base = runs.parse.find(p => p.round === run.round);
      return base ? run[metric] - base[metric] : NaN;
    });
    return median(diffs);
  };
  const ratios = {
    parseMs: a[metric],
    ownMs: Object.fromEntries(others.map(c => [c, own(c)])),
    ownMsPaired: Object.fromEntries(others.map(c => [c, paired(c)])),
  };
  if (summary.nfp && summary.ours) ratios.oursOverNfp = own('ours') / own('nfp');
  if (summary.ours) ratios.oursOverParse = own('ours') / a[metric];
  if (summary.nfp && summary.abort) ratios.abortOverNfp = own('abort') / own('nfp');
  if (summary.all) ratios.allOverParse = own('all') / a[metric];
  if (summary.nfp) ratios.nfpOverParse = own('nfp') / a[metric];
  return ratios;
}

function memoryRatios(summary) {
  const a = summary.parse;
  if (!a) return {};
  const others = Object.keys(summary).filter(c => c !== 'parse');
  return {
    ...Object.fromEntries(others.map(c => [`${c}OverParse`, summary[c].maxRssMB / a.maxRssMB])),
    retainedHeap: Object.fromEntries(others.map(c => [`${c}OverParse`, summary[c].retainedHeapMB / a.retainedHeapMB])),
  };
}

function printTarget(target, log) {
  const { summary, ratios } = target;
  log('');
  log(`${target.name} (${summary.parse?.files ?? summary[Object.keys(summary)[0]].files} files); medians`);
  const header = ['config', 'lint wall', 'min–max', 'own (wall)', 'lint CPU', 'min–max', 'own (CPU)', 'max RSS', 'heap kept', 'parse*', 'rule*', 'reports'];
  const rows = Object.entries(summary).map(([config, s]) => {
    const ruleTotal = s.stats ? Object.values(s.stats.ruleMs).reduce((x, y) => x + y, 0) : NaN;
    return [
      LABELS[config],
      fmtMs(s.lintMs),
      `${fmtMs(s.lintMsMin)}–${fmtMs(s.lintMsMax)}`,
      config === 'parse' ? '' : fmtMs(ratios.wall.ownMs?.[config]),
      fmtMs(s.lintCpuMs),
      `${fmtMs(s.lintCpuMsMin)}–${fmtMs(s.lintCpuMsMax)}`,
      config === 'parse' ? '' : fmtMs(ratios.cpu.ownMs?.[config]),
      `${s.maxRssMB.toFixed(0)} MB`,
      Number.isFinite(s.retainedHeapMB) ? `${s.retainedHeapMB.toFixed(0)} MB` : '–',
      s.stats ? fmtMs(s.stats.parseMs) : '–',
      s.stats && config !== 'parse' ? fmtMs(ruleTotal) : '–',
      String(Object.values(s.messages).reduce((x, y) => x + y, 0)),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  log(header.map((h, i) => h.padEnd(widths[i])).join('  '));
  for (const row of rows) log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  log('  * from the separate --stats run(s): summed parse time and summed rule time (warm-up biased, see README)');
  const check = (value, limit) => (Number.isFinite(value) ? (value <= limit ? 'ok' : 'ABOVE TARGET') : '');
  const both = (key, fmt) => `wall ${fmt(ratios.wall[key]).padStart(8)}   CPU ${fmt(ratios.cpu[key]).padStart(8)}`;
  if (summary.nfp && summary.ours) log(`  (c−a)/(b−a) ours vs no-floating-promises  ${both('oursOverNfp', fmtX)}   target ≤ ${TARGETS.vsNfp}×  ${check(ratios.wall.oursOverNfp, TARGETS.vsNfp)}`);
  if (summary.ours) log(`  (c−a)/a     ours vs typed parsing          ${both('oursOverParse', fmtPct)}   target ≤ ${TARGETS.ofParse * 100} %  ${check(ratios.wall.oursOverParse, TARGETS.ofParse)}`);
  if (summary.nfp && summary.abort) {
    log(`  (c2−a)/(b−a) require-abort-handling vs no-floating-promises ${both('abortOverNfp', fmtX)}   target ≤ ${TARGETS.abortVsNfp}×  ${check(ratios.wall.abortOverNfp, TARGETS.abortVsNfp)}`);
  }
  if (summary.all) log(`  (d−a)/a     all our rules vs typed parsing ${both('allOverParse', fmtPct)}`);
  if (summary.nfp) log(`  (b−a)/a     no-floating-promises vs parsing ${both('nfpOverParse', fmtPct)}`);
  if (ratios.memory.oursOverParse !== undefined) {
    log(`  max RSS c/a ${fmtX(ratios.memory.oursOverParse)}   (b/a ${fmtX(ratios.memory.nfpOverParse)})   target ≤ ${TARGETS.memory}×  ${check(ratios.memory.oursOverParse, TARGETS.memory)}`);
    log(`  heap kept after a full GC, c/a ${fmtX(ratios.memory.retainedHeap.oursOverParse)}   (b/a ${fmtX(ratios.memory.retainedHeap.nfpOverParse)})`);
  }
}

function versionOf(request) {
  try {
    const require = createRequire(path.join(ROOT, 'package.json'));
    return require(`${request}/package.json`).version;
  } catch {
    return undefined;
  }
}

function git(...gitArgs) {
  try {
    return execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = line => console.log(line);
  if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) {
    console.error('dist/index.js is missing: run `npm run build` first (or `npm run bench`).');
    process.exit(1);
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    availableParallelism: os.availableParallelism?.(),
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg(),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
  const versions = {
    plugin: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    eslint: versionOf('eslint'),
    typescript: versionOf('typescript'),
    'typescript-eslint': versionOf('typescript-eslint'),
    '@typescript-eslint/eslint-plugin': versionOf('@typescript-eslint/eslint-plugin'),
  };
  log(`context-escape benchmark: sizes ${args.sizes.join(', ')}; ${args.repeats} timed run(s) + ${args.statsRuns} stats run(s) per configuration`);
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverage.map(l => l.toFixed(2)).join(' ')}`);

  pluginPath = args.plugin ?? snapshotPlugin();
  const provenance = args.plugin ? { plugin: args.plugin } : {
    commit: git('rev-parse', '--short', 'HEAD'),
    // Sources that differ from that commit when dist/ was copied (dist/ itself is not checked).
    uncommittedSources: git('status', '--porcelain', '--', 'src')?.split('\n').filter(Boolean) ?? [],
    distBuiltAt: statSync(path.join(ROOT, 'dist', 'index.js')).mtime.toISOString(),
  };
  if (args.plugin) log(`plugin: ${args.plugin}`);
  else log(`plugin: dist/ built ${provenance.distBuiltAt}, commit ${provenance.commit}${provenance.uncommittedSources.length ? ` plus uncommitted changes in ${provenance.uncommittedSources.length} source file(s)` : ''}`);
  const startedAt = new Date();
  const targets = [];
  for (const size of args.sizes) {
    const dir = path.join(DEFAULT_CORPUS_ROOT, String(size));
    const corpus = generateCorpus({ files: size, seed: args.seed, outDir: dir });
    log(`\ncorpus ${size}: ${corpus.sourceFiles} files, ${corpus.lines} lines, ${corpus.routesWithDeferredWork} routes with deferred work (${corpus.unsafeDeferrals} unsafe)`);
    const target = await measureTarget(`corpus-${size}`, dir, args, log);
    target.size = size;
    target.corpus = corpus;
    targets.push(target);
    printTarget(target, log);
  }

  let examples;
  const examplesDir = path.join(ROOT, 'examples');
  if (!args.examples) examples = { skipped: 'disabled with --no-examples' };
  else if (!existsSync(examplesDir) || !statSync(examplesDir).isDirectory()) examples = { skipped: 'examples/ does not exist' };
  else if (!existsSync(path.join(examplesDir, 'tsconfig.json'))) examples = { skipped: 'examples/tsconfig.json does not exist' };
  else if (countSources(examplesDir) === 0) examples = { skipped: 'examples/ has no TypeScript files' };
  else {
    log(`\nexamples/`);
    try {
      examples = await measureTarget('examples', examplesDir, args, log);
      printTarget(examples, log);
    } catch (error) {
      examples = { skipped: `lint failed: ${String(error.message ?? error).split('\n').slice(0, 4).join(' ')}` };
    }
  }
  if (examples.skipped) log(`\nexamples/: skipped (${examples.skipped})`);

  // Scaling of our own cost with corpus size.
  const scaling = {};
  const bySize = Object.fromEntries(targets.map(t => [t.size, t]));
  for (const [big, small] of [[4000, 1000], [1000, 200]]) {
    if (!bySize[big] || !bySize[small]) continue;
    const key = `${big}/${small}`;
    scaling[key] = { files: big / small };
    for (const metric of ['wall', 'cpu']) {
      const own = (size, config) => bySize[size].ratios[metric].ownMs?.[config];
      const ratio = config => own(big, config) / own(small, config);
      scaling[key][metric] = {
        parse: bySize[big].ratios[metric].parseMs / bySize[small].ratios[metric].parseMs,
        ours: ratio('ours'),
        nfp: ratio('nfp'),
        all: ratio('all'),
      };
    }
    const w = scaling[key].wall;
    const c = scaling[key].cpu;
    log(`\nscaling ${key} (files ×${big / small}): typed parsing wall ${fmtX(w.parse)} CPU ${fmtX(c.parse)}; own cost of ours wall ${fmtX(w.ours)} CPU ${fmtX(c.ours)}; no-floating-promises wall ${fmtX(w.nfp)} CPU ${fmtX(c.nfp)}`);
    if (key === '4000/1000') {
      const ok = w.ours <= TARGETS.linear4000over1000;
      log(`  target: own cost of ours ×${TARGETS.linear4000over1000} or less  ${Number.isFinite(w.ours) ? (ok ? 'ok' : 'ABOVE TARGET') : ''}`);
    }
  }

  const result = {
    date: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    ...provenance,
    machine,
    versions,
    options: { sizes: args.sizes, repeats: args.repeats, statsRuns: args.statsRuns, configs: args.configs, seed: args.seed, quick: args.quick, nodeOptions: args.nodeOptions },
    targets: TARGETS,
    corpora: targets,
    scaling,
    examples,
  };
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
  log(`\nwrote ${path.relative(process.cwd(), args.out)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
