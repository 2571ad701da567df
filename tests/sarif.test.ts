// The README's CI recipe: the ESLint command line with the SARIF formatter,
// whose output GitHub code scanning reads. Each finding must carry the rule id,
// the rule's help URI (the docs page), the message and the region it covers.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const EXAMPLES = path.join(import.meta.dirname, '..', 'examples');
const ESLINT_PACKAGE = createRequire(import.meta.url).resolve('eslint/package.json');
const ESLINT_BIN = path.join(path.dirname(ESLINT_PACKAGE), 'bin', 'eslint.js');

interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion } }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    results: SarifResult[];
  }[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'context-escape-sarif-'));
let exitCode: number | null | undefined;
let sarif: SarifLog;

beforeAll(async () => {
  const output = path.join(dir, 'eslint-results.sarif');
  // The command of the README's GitHub Actions job, run in examples/ (its eslint.config.js uses the built plugin).
  const args = [ESLINT_BIN, '.', '--format', '@microsoft/eslint-formatter-sarif', '--output-file', output];
  exitCode = await promisify(execFile)(process.execPath, args, { cwd: EXAMPLES }).then(
    () => 0,
    (error: { code?: number | null }) => error.code,
  );
  sarif = JSON.parse(readFileSync(output, 'utf8')) as SarifLog;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('eslint --format @microsoft/eslint-formatter-sarif', () => {
  it('exits with 1 when there are findings (the job fails) and writes SARIF 2.1.0', () => {
    expect(exitCode).toBe(1);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
  });

  it.each(Object.entries(plugin.rules))('carries rule id, help URI and description for %s', (name, rule) => {
    const ruleId = `${plugin.meta.namespace}/${name}`;
    const entry = sarif.runs[0].tool.driver.rules.find(candidate => candidate.id === ruleId);
    expect(entry, `${ruleId} has no finding in examples/`).toBeDefined();
    expect(entry?.helpUri).toBe(rule.meta?.docs?.url);
    expect(entry?.helpUri).toMatch(/^https:\/\//);
    expect(entry?.shortDescription?.text).toBe(rule.meta?.docs?.description);
  });

  it('gives each finding its rule, message, file and region', () => {
    const { results, tool } = sarif.runs[0];
    const ours = results.filter(result => result.ruleId?.startsWith(`${plugin.meta.namespace}/`));
    expect(ours.length).toBeGreaterThan(10);
    expect(results.length).toBe(ours.length);
    for (const result of ours) {
      expect(tool.driver.rules[result.ruleIndex!].id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text.length).toBeGreaterThan(20);
      expect(result.message.text).not.toMatch(/\{\{/);
      const [{ physicalLocation }] = result.locations;
      expect(physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\/examples\/.+\.tsx?$/);
      const region = physicalLocation.region!;
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) expect(region[key]).toBeGreaterThan(0);
      const ordered =
        region.endLine! > region.startLine! || (region.endLine === region.startLine && region.endColumn! > region.startColumn!);
      expect(ordered, JSON.stringify(region)).toBe(true);
    }
  });
});
