// Types of scripts/fuzz-lib.mjs, for the test suite.
import type { Arbitrary } from 'fast-check';
import type { Linter } from 'eslint';

export const REPO_ROOT: string;
export const REGRESSIONS_DIR: string;
export const PROGRAM_FILES: readonly string[];

/** A generated program tree; see scripts/fuzz-programs.mjs. */
export interface FuzzProgram {
  readonly handlers: readonly unknown[];
  readonly file: string;
  readonly useServer: boolean;
}

export const programArbitrary: Arbitrary<FuzzProgram>;
export const safeProgramArbitrary: Arbitrary<FuzzProgram>;
export function renderProgram(program: FuzzProgram, options?: { plain?: boolean; safe?: boolean }): string;

export interface PluginLike {
  readonly rules: Record<string, unknown>;
}

export interface RuleVariant {
  readonly namespace: string;
  readonly ruleName: string;
  readonly ruleId: string;
  readonly label: string;
  readonly options: readonly unknown[];
}

export function ruleVariants(plugin: PluginLike): RuleVariant[];
export function fixtureTsconfig(include?: string[]): { compilerOptions: Record<string, unknown>; include: string[] };

export interface TypeErrors {
  readonly syntactic: number;
  readonly total: number;
  readonly messages: readonly string[];
}

export type FailureKind =
  | 'crash'
  | 'generator-parse-error'
  | 'fix-syntax-error'
  | 'fix-type-error'
  | 'fix-not-idempotent'
  | 'fix-hoists-live-state'
  | 'suggestion-syntax-error'
  | 'suggestion-type-error'
  | 'unexpected-report';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly detail: string;
  readonly signature?: string;
}

export interface CheckResult {
  readonly reports: number;
  readonly fixes: number;
  readonly fixesVerified: number;
  readonly suggestions: number;
  readonly suggestionsVerified: number;
  readonly failures: readonly Failure[];
  readonly oddities: readonly string[];
  readonly messages: readonly Linter.LintMessage[];
  readonly typeErrors: TypeErrors | undefined;
}

export interface LintOutcome {
  readonly messages: Linter.LintMessage[];
  /** TypeScript errors of the linted text; only valid until the next lint. */
  diagnostics(): TypeErrors;
}

export interface Harness {
  readonly dir: string;
  readonly variants: readonly RuleVariant[];
  lint(source: string, file: string): Promise<LintOutcome>;
  check(source: string, file?: string): Promise<CheckResult>;
  dispose(): void;
}

export function createHarness(options: {
  plugin: PluginLike;
  dir: string;
  suggestionTypeChecks?: number;
  typecheckInputs?: boolean;
  /** Dotted member paths that are live state (`sent`): no fix may copy them. */
  liveMembers?: readonly string[];
}): Promise<Harness>;

export function applyFixes(
  source: string,
  messages: readonly Linter.LintMessage[],
): { output: string; applied: Linter.LintMessage[]; skipped: Linter.LintMessage[] };
export function isParseError(message: Linter.LintMessage): boolean;
/** The failure of a fix that copies live state (`const sent = reply.sent`) ahead of deferred work, if any. */
export function hoistedLiveState(
  source: string,
  messages: readonly Linter.LintMessage[],
  variant: Pick<RuleVariant, 'label'>,
  liveMembers: readonly string[],
): Failure | undefined;
export function syntaxErrors(source: string, fileName?: string): number;

export interface FailureEntry {
  readonly source: string;
  readonly file: string;
  readonly failure: Failure;
  readonly program: FuzzProgram;
  readonly seed: number;
  readonly path: string | undefined;
  readonly shrinks: number;
}

export interface FuzzStats {
  programs: number;
  reports: number;
  fixes: number;
  fixesVerified: number;
  suggestions: number;
  suggestionsVerified: number;
  failures: number;
  repeatedFailures: number;
  oddities: string[];
  discrepancies: number;
  failureList: FailureEntry[];
}

export function runFuzz(options: {
  harness: Harness;
  runs: number;
  seed: number;
  shrinkTimeMs?: number;
  maxFailures?: number;
  metamorphic?: boolean;
  safe?: boolean;
  onProgram?: (stats: FuzzStats, result: CheckResult, source: string) => void;
  onFailure?: (entry: FailureEntry) => void | Promise<void>;
  onDiscrepancy?: (entry: {
    source: string;
    plainSource: string;
    file: string;
    onlyWrapped: string[];
    onlyPlain: string[];
  }) => void | Promise<void>;
}): Promise<FuzzStats>;

export function regressionName(kind: string, source: string): string;
export function regressionFileName(source: string): string;
export function saveRegression(kind: string, source: string, failure: Failure, dir?: string, file?: string): string;
export function lintRegressions(harness: Harness, dir?: string): Promise<{ name: string; result: CheckResult }[]>;
