import { isAbsolute } from 'node:path';
import { projectNodeLine } from './node-line.js';
import { type NodeLine, withNodeLine } from './readers/node.js';
import { LineIndex, redact, scan } from '@credlint/core';
import { ALL_CHECKS } from './checks/index.js';
import type { AwsVar, CheckContext } from './context.js';
import { intended, readersOf } from './context.js';
import { isEnvExampleFile } from './files.js';
import { entries, parse } from './parse.js';
import type { CheckId, CheckSetting, Diagnostic, Dialect, EnvDocument, ValidateOptions, Variable } from './types.js';
import { append } from './append.js';
import { severityOf } from './checks/severity.js';
import { OPT_IN } from './opt-in.js';

/** Applies user settings through `severityOf`: `off`/false drops, `warning`/`error` overrides the severity. */
export function applySettings(diags: Diagnostic[], settings: Partial<Record<CheckId, CheckSetting>> = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const s = severityOf(d.checkId, settings);
    if (s === 'off') continue;
    out.push(s === d.severity ? d : { ...d, severity: s });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.checkId.localeCompare(b.checkId));
}

export function enabled(id: CheckId, settings: Partial<Record<CheckId, CheckSetting>> = {}): boolean {
  // opt-in checks run only when a setting names them
  if (OPT_IN.has(id)) {
    const s = settings[id];
    return s === true || s === 'warning' || s === 'error';
  }
  return severityOf(id, settings) !== 'off';
}

/** The variables an env file gives the chosen reader (for `portable`: what the author meant). */
export function variablesOf(doc: EnvDocument, dialect: Dialect): AwsVar[] {
  const out: AwsVar[] = [];
  for (const e of entries(doc)) {
    const value = dialect === 'portable' ? intended(e) : e.values[dialect];
    if (value === undefined) continue;
    out.push({ key: e.key, value, start: e.valueStart, end: e.valueEnd, entryStart: e.start, entryEnd: e.end });
  }
  return out;
}

/**
 * Example and template files hold placeholders, not credentials: the checks about a working credential
 * set-up would only be noise there (`credential-in-example` covers what matters).
 */
const NOT_FOR_EXAMPLES = new Set<CheckId>([
  'session-token-required',
  'unexpected-session-token',
  'conflicting-credential-sources',
  'incomplete-key-pair',
  'missing-region',
  'malformed-access-key-id',
  'malformed-secret-access-key',
  'placeholder-credential',
]);

function run(ctx: CheckContext, settings: Partial<Record<CheckId, CheckSetting>> | undefined, kinds: readonly string[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const check of ALL_CHECKS) {
    if (!kinds.includes(check.kind) || !enabled(check.id, settings)) continue;
    if (ctx.isExample && NOT_FOR_EXAMPLES.has(check.id)) continue;
    append(diags, check.run(ctx));
  }
  return applySettings(diags, settings);
}

/** Pure: format checks for the dialect, AWS checks, and `credential-in-example` when the filename says example. */
export function validate(text: string, options: ValidateOptions = {}): Diagnostic[] {
  return validateParsed(text, options);
}

/**
 * validate(), given the parse of `text` when the caller has it (the fixer re-validates texts it parsed to
 * prove a fix): `parsed(nodeLine)` must return what `parse(text, { nodeLine })` would.
 */
export function validateParsed(text: string, options: ValidateOptions, parsed?: (nodeLine: NodeLine | undefined) => EnvDocument): Diagnostic[] {
  const dialect = options.dialect ?? 'portable';
  // the Node line: given, or the one the file's project supports (engines; looked up only for an absolute
  // filename, never against this process's cwd), or the running Node's (parse's default)
  const nodeLine = options.nodeLine ?? (options.filename && isAbsolute(options.filename) ? projectNodeLine(options.filename) : undefined);
  return nodeLine ? withNodeLine(nodeLine, () => validateOn(text, options, dialect, nodeLine, parsed)) : validateOn(text, options, dialect, undefined, parsed);
}

function validateOn(
  text: string,
  options: ValidateOptions,
  dialect: Dialect,
  nodeLine: NodeLine | undefined,
  parsed: ((nodeLine: NodeLine | undefined) => EnvDocument) | undefined,
): Diagnostic[] {
  const doc = parsed ? parsed(nodeLine) : parse(text, { ...(options.filename ? { filename: options.filename } : {}), ...(nodeLine ? { nodeLine } : {}) });
  const ctx: CheckContext = {
    text,
    dialect,
    readers: readersOf(dialect),
    doc,
    vars: variablesOf(doc, dialect),
    isExample: options.filename ? isEnvExampleFile(options.filename) : false,
    typedKeys: options.typedKeys ?? {},
    source: options.filename ? (options.filename.split(/[\\/]/).pop() ?? 'the file') : 'the file',
    lines: new LineIndex(text),
  };
  if (options.filename) ctx.filename = options.filename;
  if (options.repository) ctx.repo = options.repository;
  let settings = options.checks;
  if (options.schema) {
    ctx.schema = options.schema;
    // giving a schema asks for the check, unless a setting turns it off
    if (settings?.schema === undefined) settings = { ...settings, schema: true };
  }
  const diags = run(ctx, settings, ['format', 'aws', 'repository', 'style']);
  // Last line of defence: whatever a message quotes, no credential core can find leaves unmasked.
  const secrets = scan(text, { inlineIgnores: false }).map((f) => text.slice(f.start, f.end));
  return secrets.length === 0 ? diags : diags.map((d) => ({ ...d, message: redact(d.message, secrets) }));
}

/**
 * The AWS checks over plain variables (e.g. `process.env` for `credlint doctor`). Positions are
 * optional: without them a diagnostic points at 0 (line 1, column 1).
 */
export function validateVariables(
  vars: Variable[],
  options: { checks?: Partial<Record<CheckId, CheckSetting>>; source?: string; typedKeys?: ValidateOptions['typedKeys'] } = {},
): Diagnostic[] {
  const awsVars: AwsVar[] = vars.map((v) => ({
    key: v.key,
    value: v.value,
    start: v.start ?? 0,
    end: v.end ?? v.start ?? 0,
    entryStart: v.start ?? 0,
    entryEnd: v.end ?? v.start ?? 0,
  }));
  const lines = new LineIndex('');
  const ctx: CheckContext = {
    text: '',
    dialect: 'portable',
    readers: [],
    vars: awsVars,
    isExample: false,
    typedKeys: options.typedKeys ?? {},
    source: options.source ?? 'the environment',
    lines,
  };
  const diags = run(ctx, options.checks, ['aws']);
  // Positions: use the caller's line when given; offsets are not into any text.
  return diags.map((d) => {
    const v = vars.find((x) => (x.start ?? 0) === d.start && x.line !== undefined);
    return v?.line !== undefined ? { ...d, line: v.line, endLine: v.line } : d;
  });
}
