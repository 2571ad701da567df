import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';

import path from 'node:path';
import { getConstrainedTypeAtLocation } from '@typescript-eslint/type-utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

/**
 * The one way the plugin reads the type of a node: its *constrained* type, so
 * that a generic handler `<C extends Context>(c: C) => …` is judged by its
 * constraint `Context` (as a reader of the code would), and the same node
 * gives the same answer to every question (is it a context, which snapshot
 * call copies it, is it a promise). `undefined` when the checker throws,
 * which it can on malformed code the parser still accepts.
 *
 * ```ts
 * constrainedTypeAt(services, cParameter) // Context, not the type parameter C
 * ```
 */
export function constrainedTypeAt(services: ParserServicesWithTypeInformation, node: TSESTree.Node): ts.Type | undefined {
  try {
    return getConstrainedTypeAtLocation(services, node);
  } catch {
    return undefined;
  }
}

/** How deep to follow `extends` clauses; deeper hierarchies are rare in framework typings. */
const MAX_BASE_TYPE_DEPTH = 3;

/**
 * `TypeOrValueSpecifier` matching for request contexts. Unlike
 * `typeMatchesSomeSpecifier` from `@typescript-eslint/type-utils`, it matches a
 * union when *some* member matches (`Context | undefined`), compares the name
 * behind an alias (`type AppContext = Context<Env>`), follows a few levels of
 * `extends`, and anchors package names (`express` does not match
 * `express-session`, `hono` does not match `@hono/node-server`).
 */
export function typeMatchesAnySpecifier(
  type: ts.Type,
  specifiers: readonly TypeOrValueSpecifier[],
  program: ts.Program,
): TypeOrValueSpecifier | undefined {
  if (specifiers.length === 0) return undefined;
  const checker = program.getTypeChecker();
  for (const part of tsutils.unionConstituents(checker.getNonNullableType(type))) {
    const match = partMatches(part, specifiers, program, checker, 0);
    if (match) return match;
  }
  return undefined;
}

function partMatches(
  type: ts.Type,
  specifiers: readonly TypeOrValueSpecifier[],
  program: ts.Program,
  checker: ts.TypeChecker,
  depth: number,
): TypeOrValueSpecifier | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol(), ...aliasedAliases(type.aliasSymbol, checker)]) {
    if (!symbol) continue;
    const match = specifiers.find(specifier => symbolMatches(symbol, specifier, program));
    if (match) return match;
  }
  // `type ReadonlyRequestCookies = Omit<…> & Pick<…>`: the alias name is checked above, then each member.
  if (tsutils.isIntersectionType(type)) {
    for (const member of type.types) {
      const match = partMatches(member, specifiers, program, checker, depth);
      if (match) return match;
    }
    return undefined;
  }
  if (depth >= MAX_BASE_TYPE_DEPTH) return undefined;
  const target = tsutils.isTypeReference(type) ? type.target : type;
  if (!target.isClassOrInterface()) return undefined;
  for (const base of checker.getBaseTypes(target)) {
    const match = partMatches(base, specifiers, program, checker, depth + 1);
    if (match) return match;
  }
  return undefined;
}

/**
 * `type APIGatewayProxyCallback = Callback<Result>`: TypeScript keeps only the
 * outer alias on the type, so the aliases it is written in terms of are
 * followed by declaration (a few levels).
 */
function aliasedAliases(alias: ts.Symbol | undefined, checker: ts.TypeChecker): ts.Symbol[] {
  const found: ts.Symbol[] = [];
  let current = alias;
  while (current && found.length < MAX_BASE_TYPE_DEPTH) {
    const declaration = current.getDeclarations()?.find(ts.isTypeAliasDeclaration);
    if (!declaration || !ts.isTypeReferenceNode(declaration.type)) break;
    const referenced = checker.getSymbolAtLocation(declaration.type.typeName);
    const target = referenced && referenced.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(referenced) : referenced;
    if (!target || !(target.flags & ts.SymbolFlags.TypeAlias)) break;
    found.push(target);
    current = target;
  }
  return found;
}

export function symbolMatches(symbol: ts.Symbol, specifier: TypeOrValueSpecifier, program: ts.Program): boolean {
  const name = declaredName(symbol);
  if (typeof specifier === 'string') return name === specifier;
  const names = Array.isArray(specifier.name) ? specifier.name : [specifier.name];
  if (!names.includes(name)) return false;
  const declarations = symbol.getDeclarations() ?? [];
  switch (specifier.from) {
    case 'lib':
      return declarations.length === 0 || declarations.some(d => program.isSourceFileDefaultLibrary(d.getSourceFile()));
    case 'file':
      return declarations.some(d => fileMatches(d.getSourceFile().fileName, specifier.path, program));
    case 'package':
      return declarations.some(d => declaredInPackage(d, specifier.package));
  }
}

/** The symbol's name, or for `export default class Elysia` the declared name rather than `default`. */
function declaredName(symbol: ts.Symbol): string {
  const name = symbol.getName();
  if (name !== 'default') return name;
  const declaration = symbol.getDeclarations()?.[0];
  const declared = declaration && ts.getNameOfDeclaration(declaration);
  return declared && ts.isIdentifier(declared) ? declared.text : name;
}

function fileMatches(fileName: string, specifierPath: string | undefined, program: ts.Program): boolean {
  const cwd = program.getCurrentDirectory();
  if (specifierPath === undefined) return fileName.startsWith(cwd);
  const expected = path.resolve(cwd, specifierPath);
  return fileName === expected || (!path.isAbsolute(specifierPath) && fileName.endsWith(`/${specifierPath}`));
}

/**
 * True when `declaration` sits in `node_modules/<pkg>/`, `node_modules/@types/<pkg>/`
 * or `declare module "<pkg>"`, or in a file outside `node_modules` that belongs
 * to the package `<pkg>` (or `@types/<pkg>`): a linked package (`file:`
 * dependency, `npm link`, a workspace), which TypeScript resolves to its real
 * path outside `node_modules`.
 */
export function declaredInPackage(declaration: ts.Node, packageName: string): boolean {
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      if (node.name.text === packageName) return true;
    }
  }
  const sourceFile = declaration.getSourceFile();
  const fileName = sourceFile.fileName.replaceAll('\\', '/');
  const { directories, names } = packageLocations(packageName);
  if (directories.some(dir => fileName.includes(dir))) return true;
  // The path says nothing outside node_modules: ask which package the file belongs to.
  if (fileName.includes('/node_modules/')) return false;
  const owner = owningPackageName(sourceFile);
  return owner !== undefined && names.includes(owner);
}

const packageLocationCache = new Map<string, { directories: string[]; names: string[] }>();

/** Where a package's declarations live, and the names it is published under: `koa` → `/node_modules/koa/`, `@types/koa`. */
function packageLocations(packageName: string): { directories: string[]; names: string[] } {
  let locations = packageLocationCache.get(packageName);
  if (!locations) {
    const typesName = packageName.startsWith('@') ? packageName.slice(1).replace('/', '__') : packageName;
    locations = {
      directories: [`/node_modules/${packageName}/`, `/node_modules/@types/${typesName}/`],
      names: [packageName, `@types/${typesName}`],
    };
    packageLocationCache.set(packageName, locations);
  }
  return locations;
}

/** What TypeScript records of the package.json that scopes a file (set for `node16`/`nodenext` resolution). */
interface PackageScoped {
  readonly packageJsonScope?: { readonly contents?: { readonly packageJsonContent?: { readonly name?: unknown } } };
}

const owningPackageCache = new WeakMap<ts.SourceFile, string | undefined>();
const directoryPackageCache = new Map<string, string | undefined>();

/**
 * The name in the package.json that scopes `sourceFile`: the one TypeScript
 * found when it resolved the file, or else the nearest one above it (looked up
 * once per directory). `undefined` for a package.json without a name.
 *
 * ```ts
 * owningPackageName(program.getSourceFile('/work/packages/koa/index.d.ts')!) // 'koa'
 * ```
 */
export function owningPackageName(sourceFile: ts.SourceFile): string | undefined {
  if (owningPackageCache.has(sourceFile)) return owningPackageCache.get(sourceFile);
  const scoped = (sourceFile as ts.SourceFile & PackageScoped).packageJsonScope?.contents?.packageJsonContent?.name;
  const name = typeof scoped === 'string' ? scoped : nearestPackageName(path.dirname(sourceFile.fileName));
  owningPackageCache.set(sourceFile, name);
  return name;
}

function nearestPackageName(directory: string): string | undefined {
  const visited: string[] = [];
  let name: string | undefined;
  for (let dir = directory; ; dir = path.dirname(dir)) {
    if (directoryPackageCache.has(dir)) {
      name = directoryPackageCache.get(dir);
      break;
    }
    visited.push(dir);
    const manifest = path.join(dir, 'package.json');
    if (ts.sys.fileExists(manifest)) {
      name = packageNameIn(ts.sys.readFile(manifest));
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of visited) directoryPackageCache.set(dir, name);
  return name;
}

function packageNameIn(text: string | undefined): string | undefined {
  try {
    const manifest: unknown = JSON.parse(text ?? '');
    const name = typeof manifest === 'object' && manifest !== null && 'name' in manifest ? manifest.name : undefined;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The names a list of specifiers can match, for a syntactic pre-filter before any type query. */
export function specifierNames(specifiers: readonly TypeOrValueSpecifier[]): Set<string> {
  const names = new Set<string>();
  for (const specifier of specifiers) {
    if (typeof specifier === 'string') names.add(specifier);
    else for (const name of Array.isArray(specifier.name) ? specifier.name : [specifier.name]) names.add(name);
  }
  return names;
}

/** Whether a call's callee (function or method) is declared where one of `specifiers` says. */
export function calleeMatchesSpecifiers(
  services: ParserServicesWithTypeInformation,
  callee: TSESTree.Node,
  specifiers: readonly TypeOrValueSpecifier[],
): boolean {
  try {
    const tsNode = services.esTreeNodeToTSNodeMap.get(callee);
    const checker = services.program.getTypeChecker();
    const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(tsNode) ? tsNode.name : tsNode);
    const resolved = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (resolved && specifiers.some(specifier => symbolMatches(resolved, specifier, services.program))) return true;
    const type = constrainedTypeAt(services, callee);
    return type !== undefined && typeMatchesAnySpecifier(type, specifiers, services.program) !== undefined;
  } catch {
    return false;
  }
}

const globalTypes = new WeakMap<ts.Program, Map<string, boolean>>();

/**
 * Whether the program declares a global type of this name: tells which
 * runtime it targets (`ExecutionContext` with Workers typings). Cached per
 * program.
 *
 * ```ts
 * declaresGlobalType(program, 'ExecutionContext') // true with "types": ["@cloudflare/workers-types"]
 * ```
 */
export function declaresGlobalType(program: ts.Program, name: string): boolean {
  let byName = globalTypes.get(program);
  if (!byName) globalTypes.set(program, (byName = new Map<string, boolean>()));
  let declared = byName.get(name);
  if (declared === undefined) {
    const checker = program.getTypeChecker();
    // `resolveName` with no location looks in the global scope only.
    declared = checker.resolveName(name, undefined, ts.SymbolFlags.Type, false) !== undefined;
    byName.set(name, declared);
  }
  return declared;
}
