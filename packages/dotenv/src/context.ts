import { mask, type LineIndex } from '@credlint/core';
import { parse } from './parse.js';
import { defaultNodeLine, nodeReaderName } from './readers/node.js';
import { safeMessage } from './safe-message.js';
import { defaultSeverity } from './checks/severity.js';
import type { CheckId, CheckKind, Diagnostic, Dialect, EnvDocument, EnvEntry, EnvSchema, Reader, RepositoryFacts, TextEdit, TypedKeySpec } from './types.js';
import { READER_NAMES, READERS } from './types.js';

/** The readers a dialect stands for. */
export function readersOf(dialect: Dialect): Reader[] {
  return dialect === 'portable' ? [...READERS] : [dialect];
}

/** A variable as the AWS checks see it: a name, the value the chosen reader gets, and where it is. */
export interface AwsVar {
  key: string;
  value: string;
  start: number;
  end: number;
  /** The whole entry (for diagnostics that point at the assignment rather than the value). */
  entryStart: number;
  entryEnd: number;
}

export interface CheckContext {
  text: string;
  filename?: string;
  dialect: Dialect;
  readers: Reader[];
  /** Set for env text; absent for plain variables (`validateVariables`). */
  doc?: EnvDocument;
  vars: AwsVar[];
  isExample: boolean;
  typedKeys: Record<string, TypedKeySpec>;
  /** Set by hosts that know the repository: the repository checks need it and say nothing without it. */
  repo?: RepositoryFacts;
  schema?: EnvSchema;
  /** Label of where variables came from, for messages (`the environment`, `.env`). */
  source: string;
  lines: LineIndex;
}

export interface Check {
  id: CheckId;
  kind: CheckKind;
  description: string;
  fixable: boolean;
  /** Each diagnostic restates a core finding at the same span (see CheckMeta.restatesCore). */
  restatesCore?: boolean;
  /** Runs only when a setting turns it on (see OPT_IN in opt-in.ts). */
  optIn?: boolean;
  run(ctx: CheckContext): Diagnostic[];
}

export function diagnostic(
  ctx: Pick<CheckContext, 'lines' | 'text'>,
  checkId: CheckId,
  start: number,
  end: number,
  message: string,
  readers?: Reader[],
  fix?: TextEdit,
): Diagnostic {
  const hasText = ctx.text.length > 0 || start > 0;
  const a = hasText ? ctx.lines.positionAt(start) : { line: 1, column: 1 };
  const b = hasText ? ctx.lines.positionAt(end) : { line: 1, column: 1 };
  const d: Diagnostic = {
    checkId,
    severity: defaultSeverity(checkId),
    // a name or value quoted in a message can be a credential: mask it here, for every check
    message: safeMessage(message),
    start,
    end,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
    fixable: fix !== undefined,
  };
  if (readers && readers.length > 0) d.readers = readers;
  if (fix) d.fix = fix;
  return d;
}

/** "a", "a and b", "a, b and c" */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How findings name a reader; Node by the line being modelled ("Node 24's --env-file (util.parseEnv)"). */
export function readerName(r: Reader): string {
  return r === 'node' ? `${nodeReaderName(defaultNodeLine())} (util.parseEnv)` : READER_NAMES[r];
}

export function readerList(readers: Reader[]): string {
  return list(readers.map(readerName));
}

/** The quote-stripping readers agree: what the author meant. `undefined` when they disagree. */
export function meant(entry: EnvEntry): string | undefined {
  const { dotenv, python, compose } = entry.values;
  if (dotenv !== undefined && dotenv === python && python === compose) return dotenv;
  return undefined;
}

/** What the author most likely meant, for messages: the consensus, else dotenv's reading. */
export function intended(entry: EnvEntry): string | undefined {
  return meant(entry) ?? entry.values.dotenv ?? entry.values.python ?? entry.values.compose;
}

/** Readers (of those given) that read the entry differently from `intended`, runtime-dependent ones excluded. */
export function disagreeing(entry: EnvEntry, readers: Reader[], expected = intended(entry)): Reader[] {
  return readers.filter((r) => !entry.unknown?.includes(r) && entry.values[r] !== expected);
}

/** How a reader's value is described in a message: masked, or why there is none. */
export function describeValue(v: string | undefined): string {
  if (v === undefined) return 'no value (the line is skipped or rejected)';
  if (v === '') return 'an empty value';
  return `${JSON.stringify(mask(v))} (${v.length} character${v.length === 1 ? '' : 's'})`;
}

/** One entry's text read on its own. Pure, so cached: checks ask about the same entry several times. */
const REREAD_CACHE = new Map<string, EnvEntry | null>();
const REREAD_LIMIT = 1 << 16;
function rereadAlone(text: string, key: string): EnvEntry | undefined {
  const id = `${defaultNodeLine()}\u0000${key}\u0000${text}`;
  let hit = REREAD_CACHE.get(id);
  if (hit === undefined) {
    const doc = parse(text);
    const only = doc.nodes[0];
    hit = doc.nodes.length === 1 && only?.type === 'entry' ? only : null;
    // room for every entry of a big file (the fixer validates each text it makes, mostly the same
    // entries): when full, the oldest quarter goes
    if (REREAD_CACHE.size >= REREAD_LIMIT) {
      let drop = REREAD_LIMIT >> 2;
      for (const k of REREAD_CACHE.keys()) {
        if (drop-- <= 0) break;
        REREAD_CACHE.delete(k);
      }
    }
    REREAD_CACHE.set(id, hit);
  }
  return hit && hit.key === key ? hit : undefined;
}

/**
 * Would replacing `edit` inside the entry give every reader in `readers` the value the author meant?
 * Both the original and the edited entry are re-read on their own with the same (empty) interpolation
 * environment; an edit that changes the entry's shape (one entry, same lines) is refused.
 */
export function editKeepsMeaning(entry: EnvEntry, edit: TextEdit, readers: Reader[]): boolean {
  const rel = { start: edit.start - entry.start, end: edit.end - entry.start };
  if (rel.start < 0 || rel.end > entry.raw.length) return false;
  const raw = entry.raw.slice(0, rel.start) + edit.text + entry.raw.slice(rel.end);
  const before = rereadAlone(entry.raw + entry.eol, entry.key);
  const after = rereadAlone(raw + entry.eol, entry.key);
  // An edit that leaves a quote open would swallow the following lines.
  if (!before || !after || after.unterminated) return false;
  const expected = meant(before);
  if (expected === undefined) return false;
  // Every reader of the dialect ends with the meant value, or — if it misread the line before for a
  // reason this edit does not touch — with exactly what it read before: never a different wrong value.
  const ok = readers.every((r) => {
    if (before.unknown?.includes(r)) return after.unknown?.includes(r) === true || after.values[r] === expected;
    if (after.unknown?.includes(r)) return false;
    return after.values[r] === expected || (before.values[r] !== expected && after.values[r] === before.values[r]);
  });
  // …and the file keeps its meaning: the quote-stripping readers still agree on the same value
  // (otherwise the next run would "fix" towards a new meaning).
  return ok && meant(after) === expected && raw !== entry.raw;
}

export function entriesOf(ctx: CheckContext): EnvEntry[] {
  return ctx.doc ? ctx.doc.nodes.filter((n): n is EnvEntry => n.type === 'entry') : [];
}

/** Readers (of those given) whose value for the entry changes when `edit` is applied: the ones the construct matters to. */
export function readersChangedBy(entry: EnvEntry, edit: TextEdit, readers: Reader[]): Reader[] {
  const rel = { start: edit.start - entry.start, end: edit.end - entry.start };
  const raw = entry.raw.slice(0, rel.start) + edit.text + entry.raw.slice(rel.end);
  const before = rereadAlone(entry.raw + entry.eol, entry.key);
  const after = rereadAlone(raw + entry.eol, entry.key);
  if (!before) return [];
  return readers.filter((r) => !before.unknown?.includes(r) && (after === undefined || after.key !== entry.key || before.values[r] !== after.values[r]));
}
