import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Type-checks source text as if it were a file of a fixture project, with an
 * in-memory language service so that each check costs only the changed file.
 */
export interface FixtureTypeChecker {
  /** Syntax and type errors of `text` as `fileName` (relative to the fixture), as `TSxxxx: message`. */
  diagnostics(fileName: string, text: string): string[];
}

export function createFixtureTypeChecker(fixtureDir: string): FixtureTypeChecker {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(fixtureDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic(diagnostic) {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${fixtureDir}/tsconfig.json`);
  const overrides = new Map<string, { text: string; version: number }>();
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...new Set([...parsed.fileNames, ...overrides.keys()])],
    getScriptVersion: fileName => String(overrides.get(fileName)?.version ?? 0),
    getScriptSnapshot: fileName => {
      const override = overrides.get(fileName);
      if (override) return ts.ScriptSnapshot.fromString(override.text);
      return fs.existsSync(fileName) ? ts.ScriptSnapshot.fromString(fs.readFileSync(fileName, 'utf8')) : undefined;
    },
    getCurrentDirectory: () => fixtureDir,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: options => ts.getDefaultLibFilePath(options),
    fileExists: fileName => overrides.has(fileName) || ts.sys.fileExists(fileName),
    readFile: fileName => overrides.get(fileName)?.text ?? ts.sys.readFile(fileName),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: directoryName => ts.sys.directoryExists(directoryName),
    getDirectories: directoryName => ts.sys.getDirectories(directoryName),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    diagnostics(fileName, text) {
      const absolute = path.resolve(fixtureDir, fileName);
      const previous = overrides.get(absolute);
      overrides.set(absolute, { text, version: (previous?.version ?? 0) + 1 });
      return [...service.getSyntacticDiagnostics(absolute), ...service.getSemanticDiagnostics(absolute)].map(
        diagnostic => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    },
  };
}

/** Diagnostics of `after` that `before` does not have (a multiset difference). */
export function newDiagnostics(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter(diagnostic => {
    const index = remaining.indexOf(diagnostic);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}
