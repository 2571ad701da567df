import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';

import path from 'node:path';
import { getConstrainedTypeAtLocation } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

import { isFunctionNode, skipTransparent } from './ast.js';

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

/**
 * What a callee declares for a function passed to it, read from its declared
 * signatures without resolving the call.
 * - `symbol`: the callee's declared symbol (matched against client calls);
 * - `parameterTypes`: the declared types of the callback's parameter, one per
 *   callback signature the first overload that fits the call accepts there, or
 *   `undefined` when the declaration cannot tell (type parameters, `any`,
 *   spreads): the caller then asks for the parameter's contextual type.
 */
export interface DeclaredCallback {
  readonly symbol: ts.Symbol;
  readonly parameterTypes: readonly ts.Type[] | undefined;
}

/** Where a function sits in a call: `app.get('/', (req, res) => …)` is argument 1, `res` its parameter 1 of 2 required. */
export interface CallbackPosition {
  readonly call: TSESTree.CallExpression;
  readonly argumentIndex: number;
  readonly parameterIndex: number;
  /** Leading parameters without default, `?` or `...`: callback signatures with fewer parameters cannot take the function. */
  readonly requiredParameters: number;
}

/** Per callee symbol (instantiated methods have their own): declared parameter types by position. Dies with the program. */
const declaredParameterTypes = new WeakMap<ts.Symbol, Map<string, readonly ts.Type[] | null>>();

/**
 * The declared callback of a call, by the callee's symbol and declared
 * signatures: the receiver is typed at the root of a chain of route calls
 * (`new Hono().get(…, c => …).post(…, c => …)` types `new Hono()`), because
 * typing the chained call would make TypeScript resolve the previous route
 * call, inferring its handler's type from the handler's body, which is what
 * costs most in typed linting of route files. No call is resolved here.
 *
 * ```ts
 * // app.get('/', c => …) with `const app = new Hono()`
 * declaredCallback(services, { call, argumentIndex: 1, parameterIndex: 0, requiredParameters: 1 })
 * // { symbol: get, parameterTypes: [Context<E, P, I>] }
 * ```
 */
export function declaredCallback(services: ParserServicesWithTypeInformation, position: CallbackPosition): DeclaredCallback | undefined {
  try {
    const checker = services.program.getTypeChecker();
    const symbol = calleeSymbol(services, checker, position.call.callee);
    if (!symbol) return undefined;
    const key = `${position.call.arguments.length}:${position.argumentIndex}:${position.parameterIndex}:${position.requiredParameters}`;
    let byPosition = declaredParameterTypes.get(symbol);
    if (!byPosition) {
      byPosition = new Map<string, readonly ts.Type[] | null>();
      declaredParameterTypes.set(symbol, byPosition);
    }
    let types = byPosition.get(key);
    if (types === undefined) {
      types = callbackParameterTypes(checker, checker.getTypeOfSymbol(symbol), position) ?? null;
      byPosition.set(key, types);
    }
    return { symbol, parameterTypes: types ?? undefined };
  } catch {
    return undefined;
  }
}

/**
 * The declared call signatures of a callee, without resolving the call (the
 * receiver typed as in {@link declaredCallback}); `undefined` when unknown.
 *
 * ```ts
 * declaredCallSignatures(services, `logger.warn`) // [(message: string, fields?: object) => void]
 * ```
 */
export function declaredCallSignatures(
  services: ParserServicesWithTypeInformation,
  callee: TSESTree.Node,
  options?: { readonly cheapOnly?: boolean },
): readonly ts.Signature[] | undefined {
  try {
    const checker = services.program.getTypeChecker();
    const symbol = calleeSymbol(services, checker, callee, options);
    const signatures = symbol && checker.getTypeOfSymbol(symbol).getCallSignatures();
    return signatures && signatures.length > 0 ? signatures : undefined;
  } catch {
    return undefined;
  }
}

function calleeSymbol(
  services: ParserServicesWithTypeInformation,
  checker: ts.TypeChecker,
  callee: TSESTree.Node,
  options?: { readonly cheapOnly?: boolean },
): ts.Symbol | undefined {
  callee = skipTransparent(callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(callee));
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const receiver = receiverType(services, callee.object, options);
  if (!receiver) return undefined;
  const property = checker.getPropertyOfType(checker.getApparentType(checker.getNonNullableType(receiver)), callee.property.name);
  return property && property.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(property) : property;
}

/**
 * The type of a method call's receiver, read at the root of a chain of calls
 * that register functions (`new Hono().get(p, h).post(p, h)` → `new Hono()`)
 * when every call of the chain is declared to return the root's own class
 * (route builders return `this` or a new instance of their class), so that
 * the chained calls, whose handlers TypeScript would check to infer their
 * types, are not resolved. Promise and array chains, declared by the default
 * library, are typed as they are (`then` changes the value's type).
 *
 * ```ts
 * receiverType(services, `new Hono().get('/', c => c.text('a'))`) // Hono<…>, the type of `new Hono()`
 * ```
 */
export function receiverType(
  services: ParserServicesWithTypeInformation,
  receiver: TSESTree.Node,
  { cheapOnly = false }: { readonly cheapOnly?: boolean } = {},
): ts.Type | undefined {
  const skipped: string[] = [];
  let current = skipTransparent(receiver);
  while (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.MemberExpression &&
    !current.callee.computed &&
    current.callee.property.type === AST_NODE_TYPES.Identifier &&
    current.arguments.some(argument => isFunctionNode(argument))
  ) {
    skipped.push(current.callee.property.name);
    current = skipTransparent(current.callee.object);
  }
  if (cheapOnly) {
    const declared = declaredTypeOf(services, current);
    if (!declared) return undefined;
    if (skipped.length === 0) return declared;
    return returnsOwnClass(services.program, declared, skipped) ? declared : undefined;
  }
  const parameter = current.type === AST_NODE_TYPES.Identifier ? declaredParameterType(services, current) : undefined;
  if (skipped.length === 0) return parameter ?? constrainedTypeAt(services, receiver);
  const root = parameter ?? constrainedTypeAt(services, current);
  if (root && returnsOwnClass(services.program, root, skipped)) return root;
  return constrainedTypeAt(services, receiver);
}

/**
 * The type of a receiver read from declarations only: an unannotated
 * callback parameter's declared type (`c`), properties' declared types
 * (`c.req`), and the return type of a callee's one non-generic signature
 * (`res.status(404)`, `notify(id)`); other names are typed, except locals of
 * callbacks without annotation. `null` when the declarations cannot tell:
 * typing it could make TypeScript resolve a route call.
 */
function declaredTypeOf(services: ParserServicesWithTypeInformation, node: TSESTree.Node): ts.Type | null {
  const checker = services.program.getTypeChecker();
  const current = skipTransparent(node);
  switch (current.type) {
    case AST_NODE_TYPES.Identifier: {
      const parameter = declaredParameterType(services, current);
      if (parameter !== undefined) return parameter;
      return isCallbackLocal(services, current) ? null : (constrainedTypeAt(services, current) ?? null);
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return null;
      const base = declaredTypeOf(services, current.object);
      const property = base && checker.getPropertyOfType(checker.getApparentType(checker.getNonNullableType(base)), current.property.name);
      return property ? checker.getTypeOfSymbol(property) : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = declaredTypeOf(services, current.callee);
      const signatures = callee?.getCallSignatures() ?? [];
      return signatures.length === 1 && !signatures[0].getTypeParameters()?.length ? signatures[0].getReturnType() : null;
    }
    default:
      return null;
  }
}

/** A variable declared without annotation inside a function passed to a call (`const item = await load(c.req.param('id'))` in a handler). */
function isCallbackLocal(services: ParserServicesWithTypeInformation, identifier: TSESTree.Identifier): boolean {
  const declaration = services.program
    .getTypeChecker()
    .getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(identifier))?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.type) return false;
  const fn = ts.findAncestor(declaration, ts.isFunctionLike);
  return fn !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent);
}

/**
 * The declared type of an unannotated parameter of a function passed to a
 * call, when the callee's declared signature gives it exactly one type:
 * `res` in `app.get('/', (req, res) => …)` is `Response<…>` without resolving
 * `app.get(…)`. `null` for other unannotated callback parameters (typing them
 * resolves the call), `undefined` for anything else (cheap to type).
 */
function declaredParameterType(services: ParserServicesWithTypeInformation, identifier: TSESTree.Identifier): ts.Type | null | undefined {
  const checker = services.program.getTypeChecker();
  const declaration = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(identifier))?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.type || !ts.isIdentifier(declaration.name)) return undefined;
  const fn = declaration.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isCallExpression(fn.parent)) return undefined;
  const call = services.tsNodeToESTreeNodeMap.get(fn.parent);
  const parameters = fn.parameters.filter(parameter => !(ts.isIdentifier(parameter.name) && parameter.name.text === 'this'));
  let requiredParameters = 0;
  while (requiredParameters < parameters.length) {
    const parameter = parameters[requiredParameters];
    if (parameter.initializer || parameter.questionToken || parameter.dotDotDotToken) break;
    requiredParameters++;
  }
  const argumentIndex = fn.parent.arguments.indexOf(fn);
  if (call.type !== AST_NODE_TYPES.CallExpression || fn.parent.arguments.slice(0, argumentIndex).some(ts.isSpreadElement)) return null;
  const types = declaredCallback(services, {
    call,
    argumentIndex,
    parameterIndex: parameters.indexOf(declaration),
    requiredParameters,
  })?.parameterTypes;
  const distinct = new Set(types);
  const [type] = distinct;
  if (!type || distinct.size > 1 || type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
  return type;
}

function returnsOwnClass(program: ts.Program, type: ts.Type, methods: readonly string[]): boolean {
  const checker = program.getTypeChecker();
  const own = classAndBases(checker, type);
  const declarations = type.getSymbol()?.getDeclarations() ?? [];
  if (own.size === 0 || declarations.length === 0 || declarations.some(d => program.isSourceFileDefaultLibrary(d.getSourceFile()))) {
    return false;
  }
  return methods.every(method => {
    const property = checker.getPropertyOfType(type, method);
    const signatures = property ? checker.getTypeOfSymbol(property).getCallSignatures() : [];
    return (
      signatures.length > 0 &&
      signatures.every(signature => {
        const returned = signature.getReturnType();
        // `this`, or the class itself or a base of it (`Hono#get` returns `HonoBase<…>`).
        const symbol =
          returned.flags & ts.TypeFlags.TypeParameter ? checker.getBaseConstraintOfType(returned)?.getSymbol() : returned.getSymbol();
        return symbol !== undefined && own.has(symbol);
      })
    );
  });
}

/** The symbols of a class or interface type and of its bases (`Hono` → `Hono`, `HonoBase`). */
function classAndBases(checker: ts.TypeChecker, type: ts.Type): Set<ts.Symbol> {
  const symbols = new Set<ts.Symbol>();
  let level: ts.Type[] = [type];
  for (let depth = 0; depth <= MAX_BASE_TYPE_DEPTH && level.length > 0; depth++) {
    const next: ts.Type[] = [];
    for (const current of level) {
      const symbol = current.getSymbol();
      if (symbol) symbols.add(symbol);
      const target = tsutils.isTypeReference(current) ? current.target : current;
      if (target.isClassOrInterface()) next.push(...checker.getBaseTypes(target));
    }
    level = next;
  }
  return symbols;
}

/**
 * Like TypeScript's overload resolution, the first declared signature that
 * can take the call's argument count and, at the function's position, a
 * callback with at least the function's required parameters; then the
 * callback signatures there that are not shorter than the function.
 */
function callbackParameterTypes(checker: ts.TypeChecker, calleeType: ts.Type, position: CallbackPosition): ts.Type[] | undefined {
  const argumentCount = position.call.arguments.length;
  for (const signature of calleeType.getCallSignatures()) {
    if (!acceptsArgumentCount(signature, argumentCount)) continue;
    const accepted = parameterTypesAt(checker, signature, position.argumentIndex);
    if (!accepted) return undefined;
    const callbacks: ts.Signature[] = [];
    for (const type of accepted) {
      for (const part of tsutils.unionConstituents(type)) {
        if (
          part.flags &
          (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.Conditional)
        ) {
          return undefined;
        }
        for (const callback of checker.getApparentType(part).getCallSignatures()) {
          if (hasRestParameter(callback) || callback.getParameters().length >= position.requiredParameters) callbacks.push(callback);
        }
      }
    }
    if (callbacks.length === 0) continue;
    // TypeScript gives no contextual signature for callbacks of different shapes.
    if (new Set(callbacks.map(callback => callback.getParameters().length)).size > 1) return undefined;
    const types: ts.Type[] = [];
    for (const callback of callbacks) {
      const parameterTypes = parameterTypesAt(checker, callback, position.parameterIndex);
      if (!parameterTypes || parameterTypes.length === 0) return undefined;
      types.push(...parameterTypes);
    }
    return types;
  }
  return undefined;
}

function acceptsArgumentCount(signature: ts.Signature, count: number): boolean {
  const parameters = signature.getParameters();
  const required = parameters.filter(parameter => {
    const declaration = parameter.valueDeclaration;
    return (
      declaration && ts.isParameter(declaration) && !declaration.questionToken && !declaration.initializer && !declaration.dotDotDotToken
    );
  }).length;
  return count >= required && (hasRestParameter(signature) || count <= parameters.length);
}

function hasRestParameter(signature: ts.Signature): boolean {
  const last = signature.getParameters().at(-1)?.valueDeclaration;
  return last !== undefined && ts.isParameter(last) && last.dotDotDotToken !== undefined;
}

/** The declared types a signature accepts at argument `index` (the element types of a rest parameter); `undefined` when unknown. */
function parameterTypesAt(checker: ts.TypeChecker, signature: ts.Signature, index: number): ts.Type[] | undefined {
  const parameters = signature.getParameters();
  const rest = hasRestParameter(signature);
  const last = parameters.length - 1;
  if (!rest || index < last) return index < parameters.length ? [checker.getTypeOfSymbol(parameters[index])] : [];
  const restType = checker.getTypeOfSymbol(parameters[last]);
  if (checker.isArrayType(restType)) return [...checker.getTypeArguments(restType as ts.TypeReference)];
  if (checker.isTupleType(restType)) {
    const elements = checker.getTypeArguments(restType as ts.TypeReference);
    return index - last < elements.length ? [elements[index - last]] : undefined;
  }
  return undefined;
}
