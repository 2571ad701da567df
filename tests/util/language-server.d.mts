// Types for language-server.mjs (plain JavaScript so that bench scripts can use it too).

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Diagnostic {
  range: Range;
  message: string;
  severity?: number;
  source?: string;
  code?: string | number;
  codeDescription?: { href: string };
}
export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  command?: Command;
  edit?: WorkspaceEdit;
}
export type VscodeEslintSettings = Record<string, unknown> & { workspaceFolder: { name: string; uri: string } };

export function languageServerBinary(): string;
export function vscodeEslintSettings(workspaceFolder: string, overrides?: Record<string, unknown>): VscodeEslintSettings;

export class LanguageServer {
  static start(workspaceFolder: string, options?: { settings?: VscodeEslintSettings; execArgv?: string[] }): Promise<LanguageServer>;
  readonly pid: number;
  log: string[];
  appliedEdits: WorkspaceEdit[];
  openedDocs: string[];
  request(method: string, params: unknown): Promise<unknown>;
  notify(method: string, params: unknown): void;
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, text: string): number;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null>;
  execute(command: Command): Promise<WorkspaceEdit[]>;
  stop(): Promise<void>;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string;
export function editsFor(workspaceEdit: WorkspaceEdit | undefined, uri: string): TextEdit[];
