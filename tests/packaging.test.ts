// What users install: the package's metadata, its license, the docs links that
// editors and code scanning show for each rule, the README's install command,
// and the files `npm pack` puts in the tarball.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const ROOT = path.join(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface PackageJson {
  name: string;
  version: string;
  license: string;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  files: string[];
  peerDependencies: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as PackageJson;
// git+https://github.com/owner/name.git -> https://github.com/owner/name
const REPOSITORY = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

describe('package metadata', () => {
  it('names the repository, its home page and where to report bugs', () => {
    expect(pkg.repository.type).toBe('git');
    expect(REPOSITORY).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
    expect(pkg.bugs.url).toBe(`${REPOSITORY}/issues`);
  });

  it('ships the MIT license text that package.json declares', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('has a changelog entry for the current version', () => {
    expect(read('CHANGELOG.md')).toContain(`## [${pkg.version}]`);
  });
});

describe('docs URLs (shown by editors and in code scanning alerts)', () => {
  it.each(Object.entries(plugin.rules))('%s links to its doc file in this repository', (name, rule) => {
    const url = rule.meta?.docs?.url ?? '';
    const prefix = `${REPOSITORY}/blob/main/`;
    expect(url.startsWith(prefix), url).toBe(true);
    const file = url.slice(prefix.length);
    expect(file).toBe(`docs/rules/${name}.md`);
    expect(existsSync(path.join(ROOT, file))).toBe(true);
  });

  it.each(['README.md', 'CHANGELOG.md', ...readdirMarkdown('docs')])('%s links only to files that exist', file => {
    const links = [...read(file).matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map(match => match[1]);
    for (const link of links) expect(existsSync(path.join(ROOT, path.dirname(file), link)), `${file} -> ${link}`).toBe(true);
  });
});

/** The Markdown files below `dir`, relative to the repository root. */
function readdirMarkdown(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.md'))
    .map(file => path.join(dir, file));
}

describe("the README's install command", () => {
  const install = /^npm install -D (.+)$/m.exec(read('README.md'))?.[1] ?? '';

  it("pins TypeScript inside the peer range (npm's latest is TypeScript 7, which has no JS API)", () => {
    const spec = /(?:^| )typescript@~(\d+)\.(\d+)(?: |$)/.exec(install);
    expect(spec, install).not.toBeNull();
    const [lower, upper] = [/>=(\d+)\.(\d+)/, /<(\d+)\.(\d+)/].map(pattern =>
      pattern.exec(pkg.peerDependencies.typescript)!.slice(1).map(Number),
    );
    const pinned = [Number(spec![1]), Number(spec![2])];
    const compare = (a: number[], b: number[]): number => a[0] - b[0] || a[1] - b[1];
    expect(compare(pinned, lower)).toBeGreaterThanOrEqual(0);
    expect(compare(pinned, upper)).toBeLessThan(0);
  });

  it('installs every peer dependency', () => {
    for (const peer of Object.keys(pkg.peerDependencies)) {
      // @typescript-eslint/parser comes with typescript-eslint.
      const name = peer === '@typescript-eslint/parser' ? 'typescript-eslint' : peer;
      expect(
        install.split(' ').some(word => word === name || word.startsWith(`${name}@`)),
        name,
      ).toBe(true);
    }
  });
});

describe('npm pack', () => {
  it('ships the build, the docs, README, LICENSE and CHANGELOG, and no tests, benchmarks or sources', async () => {
    // dist/ is built by tests/global-setup.ts; `prepack` builds it on publish.
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const [{ files }] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const paths = files.map(file => file.path);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts']) {
      expect(paths).toContain(required);
    }
    for (const name of Object.keys(plugin.rules)) {
      expect(paths).toContain(`docs/rules/${name}.md`);
      expect(paths).toContain(`dist/rules/${name}.js`);
    }
    const unexpected = paths.filter(
      file => !/^(dist|docs)\//.test(file) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter(file => /(^|\/)(tests?|bench|scripts|examples|src|stubs)\//.test(file) || /\.test\./.test(file))).toEqual([]);
  });
});
