#!/usr/bin/env node
// Summarises a V8 CPU profile of bench/lint-once.mjs: where the plugin's time goes.
//
// Every sample whose stack holds a frame of the plugin is charged to the plugin. Below the
// plugin's deepest frame, the first frame outside it is the library call the plugin made
// (TypeScript's checker, typescript-eslint's helpers); the summary groups plugin time by
// that call and by the plugin function that made it.
//
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [--plugin-dir <dir>] [--top 15]
//        (default plugin dir: bench/.corpus/.plugin/dist, the copy bench/run.mjs measures)

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const file = args.find(arg => arg.endsWith('.cpuprofile'));
if (!file) {
  console.error('Usage: node bench/profile-summary.mjs <file.cpuprofile> [--plugin-dir <dir>] [--top 15]');
  process.exit(2);
}
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const pluginDir = path.resolve(option('--plugin-dir', path.join(BENCH_DIR, '.corpus', '.plugin', 'dist')));
const top = Number(option('--top', 15));

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(node => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const isPlugin = frame => frame.url.includes(pluginDir) || frame.url.includes(encodeURI(pluginDir));
const where = frame => {
  const base = frame.url ? path.basename(frame.url.replace(/^file:\/\//, '')) : '';
  return `${frame.functionName || '(anonymous)'}${base ? ` ${base}:${frame.lineNumber + 1}` : ''}`;
};

let total = 0;
let gc = 0;
let plugin = 0;
let pluginSelf = 0;
const byCall = new Map();
const byPair = new Map();
const byPath = new Map();
const inclusive = new Map();
const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);

profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  total += ms;
  const stack = [];
  for (let node = id; node !== undefined; node = parent.get(node)) stack.push(byId.get(node).callFrame);
  if (stack[0].functionName === '(garbage collector)') gc += ms;
  const deepest = stack.findIndex(isPlugin);
  if (deepest === -1) return;
  plugin += ms;
  if (deepest === 0) {
    pluginSelf += ms;
    return;
  }
  const call = where(stack[deepest - 1]);
  add(byCall, call, ms);
  add(byPair, `${where(stack[deepest])} → ${call}`, ms);
  // The plugin's own frames above the call, innermost first (up to four), to see which question asked.
  const pluginPath = stack.slice(deepest).filter(isPlugin).slice(0, 4).map(frame => frame.functionName || '(anonymous)');
  add(byPath, `${pluginPath.reverse().join(' > ')} → ${stack[deepest - 1].functionName}`, ms);
  // Library functions below the plugin, counted once per sample (inclusive time).
  for (const name of new Set(stack.slice(0, deepest).map(frame => frame.functionName).filter(Boolean))) add(inclusive, name, ms);
});

const s = ms => `${(ms / 1000).toFixed(2)} s`;
const list = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${s(ms).padStart(8)}  ${key}`);
};
console.log(`profile ${path.basename(file)}: ${s(total)} sampled, garbage collector ${s(gc)}`);
console.log(`plugin frames on the stack: ${s(plugin)} (plugin's own JavaScript ${s(pluginSelf)})`);
list('plugin time by the library function it called', byCall);
list('plugin time by caller → library function', byPair);
list('plugin time by the plugin frames that asked (outermost > innermost) → library function', byPath);
list('library functions on the stack below the plugin (inclusive time)', inclusive);
