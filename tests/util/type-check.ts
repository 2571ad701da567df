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
  /**
   * The errors of several texts checked side by side in one program, so that
   * the framework typings are checked once for all of them (each text as a
   * file of its own beside `fileName`). Only for modules that do not augment
   * other modules or the global scope: such texts cannot see one another.
   */
  diagnosticsOfModules(texts: readonly { fileName: string; text: string }[]): string[][];
}

/**
 * Whether a text can be checked beside others ({@link FixtureTypeChecker.diagnosticsOfModules}):
 * a module (it imports or exports) with no `declare global` or `declare module`.
 */
export function isSelfContainedModule(text: string): boolean {
  return /^\s*(import|export)\b/m.test(text) && !/\bdeclare\s+(global|module)\b/.test(text);
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
  let version = 0;
  const diagnosticsOf = (absolute: string): string[] =>
    [...service.getSyntacticDiagnostics(absolute), ...service.getSemanticDiagnostics(absolute)].map(
      diagnostic => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
  return {
    diagnostics(fileName, text) {
      const absolute = path.resolve(fixtureDir, fileName);
      overrides.set(absolute, { text, version: ++version });
      return diagnosticsOf(absolute);
    },
    diagnosticsOfModules(texts) {
      // Each text gets a file name of its own in the same directory, so relative imports still resolve.
      const files = texts.map(({ fileName, text }, index) => {
        const absolute = path.resolve(fixtureDir, fileName);
        const batched = path.join(path.dirname(absolute), `__check_${index}__${path.basename(absolute)}`);
        overrides.set(batched, { text, version: ++version });
        return batched;
      });
      try {
        return files.map(diagnosticsOf);
      } finally {
        for (const file of files) overrides.delete(file);
      }
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
