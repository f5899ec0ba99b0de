import { isAbsolute } from 'node:path';
import { projectNodeLine } from './node-line.js';
import { type NodeLine, withNodeLine } from './readers/node.js';
import { editKeepsMeaning, meant, readersOf } from './context.js';
import { bashMultiLine, entries, lastNodeStartingBy, parse } from './parse.js';
import type { CheckId, CheckSetting, Diagnostic, Dialect, EnvDocument, EnvEntry, Reader, TextEdit, ValidateOptions } from './types.js';
import { enabled, validateParsed } from './validate.js';
import { append } from './append.js';
import { STYLE_CHECKS } from './opt-in.js';
import { ALL_CHECKS, CHECK_IDS } from './checks/index.js';

/** Style fixes add, remove or move lines: they are applied after the others, under a law by name (keepsValues). */
const STYLE = new Set<CheckId>(STYLE_CHECKS);
/** The checks the format passes look at: those that can offer a fix, less the style ones. */
const FORMAT_FIXERS = new Set<CheckId>(ALL_CHECKS.filter((c) => c.fixable && !STYLE.has(c.id)).map((c) => c.id));

export interface FixOptions {
  dialect?: Dialect;
  checks?: Partial<Record<CheckId, CheckSetting>>;
  filename?: string;
  /** See ValidateOptions.nodeLine. */
  nodeLine?: NodeLine;
}

export interface FixResult {
  output: string;
  changed: boolean;
  /** The diagnostics whose fixes were applied (positions refer to the text they were found in). */
  fixed: Diagnostic[];
  /** What is left in the output. */
  remaining: Diagnostic[];
}

/** Applies non-overlapping edits; edits are sorted and any that overlap an earlier one wait for the next pass. */
export function applyEdits(text: string, edits: TextEdit[]): { output: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
    applied.push(e);
  }
  return { output: out + text.slice(pos), applied };
}

type Vopts = { dialect: Dialect; checks?: FixOptions['checks']; filename?: string; nodeLine?: NodeLine };

/**
 * One fix's parses and validations, by text. The passes, the laws and the style checks re-read the same
 * few texts again and again (each pass's output is the next one's input and the law's subject): each
 * text is parsed once and validated once per set of checks, which keeps a fix a small multiple of one
 * validation. Nothing mutates a parsed document, so sharing them is safe. The last few texts are kept.
 */
class Memo {
  private readonly docs = new Map<string, EnvDocument>();
  private readonly diags = new Map<string, Map<string, Diagnostic[]>>();
  private readonly multiLines = new WeakMap<EnvDocument, boolean[]>();
  constructor(private readonly vopts: Vopts) {}

  parse(text: string): EnvDocument {
    let doc = this.docs.get(text);
    if (!doc) {
      doc = parse(text, this.vopts.nodeLine ? { nodeLine: this.vopts.nodeLine } : {});
      this.docs.set(text, doc);
      // a fix moves forward: older texts are not read again
      if (this.docs.size > 4) this.docs.delete(this.docs.keys().next().value as string);
    }
    return doc;
  }

  /** validate(text, options), through this memo's parse of `text` when the Node line is the same. */
  validateOther(text: string, options: ValidateOptions): Diagnostic[] {
    return validateParsed(text, options, (line) =>
      line === this.vopts.nodeLine && this.docs.has(text) ? this.parse(text) : parse(text, line ? { nodeLine: line } : {}),
    );
  }

  /** bashMultiLine of a parsed text (the law reads it for the baseline and for each text it checks). */
  multiLine(doc: EnvDocument): boolean[] {
    let m = this.multiLines.get(doc);
    if (!m) this.multiLines.set(doc, (m = bashMultiLine(doc.nodes)));
    return m;
  }

  /**
   * validate(text) with the fix's options; with `fixers`, only the format checks that can offer a fix
   * (as the user set them: what the passes look for); with a style check's id, that check alone.
   */
  validate(text: string, only?: CheckId | 'fixers'): Diagnostic[] {
    const key = only ?? '';
    let byText = this.diags.get(key);
    if (!byText) this.diags.set(key, (byText = new Map()));
    let diags = byText.get(text);
    if (!diags) {
      const checks =
        only === 'fixers'
          ? { ...this.vopts.checks, ...Object.fromEntries(CHECK_IDS.filter((c) => !FORMAT_FIXERS.has(c)).map((c) => [c, false])) }
          : only
            ? (Object.fromEntries(CHECK_IDS.map((c) => [c, c === only])) as Partial<Record<CheckId, CheckSetting>>)
            : this.vopts.checks;
      const options = { ...this.vopts, ...(checks ? { checks } : {}) };
      // the same Node line as this.parse (the memo's line, or none given: parse's default either way)
      diags = validateParsed(text, options, (line) => (line === this.vopts.nodeLine ? this.parse(text) : parse(text, line ? { nodeLine: line } : {})));
      byText.set(text, diags);
      if (byText.size > 4) byText.delete(byText.keys().next().value as string);
    }
    return diags;
  }
}

/** Per entry (by index): the value meant, and which readers of the dialect read it so. */
interface Baseline {
  types: string[];
  /** With bash among the readers: nodes of multi-line bash commands, which stay byte for byte. */
  multiLine: boolean[] | undefined;
  raws: string[];
  /** The node index of each entry. */
  entryNode: number[];
  entries: { key: string; meant: string | undefined; ok: Reader[]; values: Record<Reader, string | undefined>; unknown: Reader[] }[];
}

function baseline(doc: EnvDocument, readers: Reader[], memo: Memo): Baseline {
  return {
    types: doc.nodes.map((n) => n.type),
    multiLine: readers.includes('bash') ? memo.multiLine(doc) : undefined,
    raws: doc.nodes.map((n) => n.raw + n.eol),
    entryNode: doc.nodes.flatMap((n, i) => (n.type === 'entry' ? [i] : [])),
    entries: entries(doc).map((e) => {
      const m = meant(e);
      return {
        key: e.key,
        meant: m,
        ok: m === undefined ? [] : readers.filter((r) => !e.unknown?.includes(r) && e.values[r] === m),
        values: { ...e.values },
        unknown: e.unknown ?? [],
      };
    }),
  };
}

/**
 * The fixer's law over the whole file: the same nodes, and every reader that read an entry as meant in
 * the original still does. (Edits are checked on their own entry first; this catches what one entry
 * cannot show: a quote that now pairs with one on another line, a whole-file reader that now reads on.)
 */
function lawBreaks(base: Baseline, text: string, readers: Reader[], memo: Memo): Set<number> | undefined {
  const doc = memo.parse(text);
  if (doc.nodes.length !== base.types.length || doc.nodes.some((n, i) => n.type !== base.types[i])) return undefined;
  const breaks = new Set<number>();
  if (base.multiLine) {
    // bash joins these lines into one command (`A= \` + `C=x`, `C="y"\rD = 3`): an edit there can
    // change what bash reads for another line, which the per-entry model does not see. Leave them,
    // and do not make new ones (a trimmed blank after `\` would start a continuation).
    const now = memo.multiLine(doc);
    for (let i = 0; i < now.length; i++) {
      const n = doc.nodes[i] as (typeof doc.nodes)[number];
      if (now[i] !== base.multiLine[i] || (base.multiLine[i] && n.raw + n.eol !== base.raws[i])) breaks.add(i);
    }
  }
  const es = entries(doc);
  base.entries.forEach((b, i) => {
    const e = es[i];
    const kept =
      e !== undefined &&
      e.key === b.key &&
      (b.meant === undefined || meant(e) === b.meant) &&
      // readers that read the meant value keep it; the others read the meant value now, or what they read before
      readers.every((r) => {
        if (b.ok.includes(r)) return !e.unknown?.includes(r) && e.values[r] === b.meant;
        if (b.unknown.includes(r)) return true;
        return !e.unknown?.includes(r) && (e.values[r] === b.values[r] || (b.meant !== undefined && e.values[r] === b.meant));
      });
    if (!kept) breaks.add(base.entryNode[i] as number);
  });
  return breaks;
}

function keepsLaw(base: Baseline, text: string, readers: Reader[], memo: Memo): boolean {
  return lawBreaks(base, text, readers, memo)?.size === 0;
}

/**
 * Fixes only what is certain: each edit was checked, on its own entry, to give every reader of the
 * dialect exactly the value the author meant, and every pass is checked again over the whole file.
 * Comments, order, blank lines and line endings are kept. Passes repeat (an entry can need two fixes:
 * spaces around `=`, then quotes) until nothing is left.
 */
export function fix(text: string, options: FixOptions = {}): FixResult {
  return fixWithMemo(text, options).result;
}

/**
 * fix(), and a validate() for what follows (validateFile validates the text it keeps with more options:
 * the repository facts, the schema): it reuses the fix's parse of that text.
 */
export function fixThenValidate(text: string, options: FixOptions): FixResult & { validate: (text: string, options?: ValidateOptions) => Diagnostic[] } {
  const { result, memo } = fixWithMemo(text, options);
  return { ...result, validate: (t, vopts = {}) => memo.validateOther(t, vopts) };
}

function fixWithMemo(text: string, options: FixOptions): { result: FixResult; memo: Memo } {
  // one Node line for the findings and for every re-read that proves a fix safe
  const nodeLine = options.nodeLine ?? (options.filename && isAbsolute(options.filename) ? projectNodeLine(options.filename) : undefined);
  return nodeLine ? withNodeLine(nodeLine, () => fixOn(text, { ...options, nodeLine })) : fixOn(text, options);
}

function fixOn(text: string, options: FixOptions): { result: FixResult; memo: Memo } {
  const dialect = options.dialect ?? 'portable';
  const readers = readersOf(dialect);
  const vopts: Vopts = {
    dialect,
    ...(options.checks ? { checks: options.checks } : {}),
    ...(options.filename ? { filename: options.filename } : {}),
    ...(options.nodeLine ? { nodeLine: options.nodeLine } : {}),
  };
  const memo = new Memo(vopts);
  const fixed: Diagnostic[] = [];
  let current = text;
  // A style fix can make room for a format fix (a final line break after a blank-only last line makes
  // its blanks trimmable): a few rounds, each under the laws taken afresh from its own start.
  for (let round = 0; round < 3; round++) {
    const formatted = formatFixes(current, dialect, readers, options.checks, fixed, memo);
    current = styleFixes(formatted, vopts, readers, fixed, memo);
    if (current === formatted) break;
  }
  const remaining = memo.validate(current);
  return { result: { output: current, changed: current !== text, fixed, remaining }, memo };
}

/** The in-line fixes (quotes, blanks, `export`), which keep every node in place: the law by position (keepsLaw). */
function formatFixes(text: string, dialect: Dialect, readers: Reader[], checks: FixOptions['checks'], fixed: Diagnostic[], memo: Memo): string {
  const base = baseline(memo.parse(text), readers, memo);
  let current = text;
  for (let pass = 0; pass < 8; pass++) {
    const fixable = memo.validate(current, 'fixers').filter((d) => d.fix && !STYLE.has(d.checkId));
    if (fixable.length === 0) break;
    let { output, applied } = applyEdits(
      current,
      fixable.map((d) => d.fix as TextEdit),
    );
    if (!keepsLaw(base, output, readers, memo)) {
      // Some edit interacts with another line: keep the edits that keep the law (see lawful)
      ({ output, applied } = lawful(
        memo.parse(current),
        current,
        fixable.map((d) => d.fix as TextEdit),
        (t) => lawBreaks(base, t, readers, memo),
      ));
    }
    const appliedSet = new Set(applied);
    append(
      fixed,
      fixable.filter((d) => appliedSet.has(d.fix as TextEdit)),
    );
    if (output === current) break;
    current = output;
  }
  // Some lines need several fixes at once (`A = "v"` for docker: each fix alone leaves docker with a
  // different wrong value). Try the certain rewrites of each entry together, largest set first.
  const before = memo.validate(current, 'fixers');
  const combined: TextEdit[] = [];
  for (const e of entries(memo.parse(current))) {
    const edit = combinedFix(current, e, dialect, readers, checks, before);
    if (edit) combined.push(edit);
  }
  if (combined.length > 0) {
    let { output, applied: used } = applyEdits(current, combined);
    if (!keepsLaw(base, output, readers, memo))
      ({ output, applied: used } = lawful(memo.parse(current), current, combined, (t) => lawBreaks(base, t, readers, memo)));
    const FIXERS = new Set<CheckId>(['quoted-value', 'space-around-equals', 'trailing-whitespace', 'export-prefix']);
    const usedSorted = [...used].sort((a, b) => a.start - b.start);
    append(
      fixed,
      before.filter((d) => FIXERS.has(d.checkId) && within(usedSorted, d)),
    );
    current = output;
  }
  return current;
}

/**
 * Some of `edits` break the law once applied together (`breaks`: the nodes whose reading it no longer
 * keeps; undefined when the nodes themselves changed): keep those that do not. The edits are taken last
 * first, those overlapping a later one left for the next pass. A run of them is tried at once; if the law
 * fails, the edits on the nodes it names are dropped (their diagnostics stay, so the next pass can try
 * them again) and the rest tried again; if it names none of them, the run is tried as its later half,
 * then its earlier half. Each try re-reads the whole file: a few tries, not one per edit (which made a
 * file with one unterminated quote quadratic).
 */
function lawful(doc: EnvDocument, text: string, edits: TextEdit[], breaks: (text: string) => Set<number> | undefined): { output: string; applied: TextEdit[] } {
  const todo: TextEdit[] = [];
  let floor = Infinity;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    if (e.end > floor) continue;
    todo.push(e);
    floor = e.start;
  }
  let output = text;
  const applied: TextEdit[] = [];
  // the nodes an edit touches (by its offsets in `text`, which the nodes of `doc` cover)
  const touches = (e: TextEdit, nodes: Set<number>): boolean => {
    for (let i = lastNodeStartingBy(doc.nodes, e.start); i <= lastNodeStartingBy(doc.nodes, Math.max(e.start, e.end - 1)); i++) if (nodes.has(i)) return true;
    return false;
  };
  // every edit of `run` lies before every applied one: its offsets still hold in `output`
  const attempt = (first: TextEdit[]): void => {
    let run = first;
    while (run.length > 0) {
      const next = applyEdits(output, run).output;
      const broken = breaks(next);
      if (broken?.size === 0) {
        output = next;
        applied.push(...run);
        return;
      }
      const rest = broken ? run.filter((e) => !touches(e, broken)) : run;
      if (rest.length === run.length) break;
      run = rest;
    }
    if (run.length > 1) {
      const half = run.length >> 1;
      attempt(run.slice(0, half));
      attempt(run.slice(half));
    }
  };
  if (todo.length > 0) attempt(todo);
  return { output, applied };
}

interface Final {
  meant: string | undefined;
  values: (string | undefined)[];
  unknown: boolean[];
}

/** What each reader ends up with, by name (the last assignment wins), plus what readers set outside entries. */
function finalValues(doc: EnvDocument, readers: Reader[]): { byKey: Map<string, Final>; readerOnly: Set<string> } {
  const byKey = new Map<string, Final>();
  for (const e of entries(doc)) {
    byKey.set(e.key, { meant: meant(e), values: readers.map((r) => e.values[r]), unknown: readers.map((r) => e.unknown?.includes(r) === true) });
  }
  const readerOnly = new Set((doc.readerOnly ?? []).filter((a) => readers.includes(a.reader)).map((a) => `${a.reader}\u0000${a.key}\u0000${a.value ?? ''}`));
  return { byKey, readerOnly };
}

/**
 * The law for style fixes (which add, remove or reorder lines), by name: the fixer's law — a reader
 * that got the meant value still does, the others get the meant value now or what they got before —
 * over the values every name ends with; readers set nothing new outside the entries; the only new
 * names are those `key-without-value` gave an `=`.
 */
function keepsValues(before: ReturnType<typeof finalValues>, now: ReturnType<typeof finalValues>, added: Set<string>): boolean {
  for (const [k, b] of before.byKey) {
    const a = now.byKey.get(k);
    if (!a || a.meant !== b.meant) return false;
    const ok = b.values.every((_, i) => {
      if (b.unknown[i]) return a.unknown[i] || (b.meant !== undefined && a.values[i] === b.meant);
      if (a.unknown[i]) return false;
      if (b.meant !== undefined && b.values[i] === b.meant) return a.values[i] === b.meant;
      return a.values[i] === b.values[i] || (b.meant !== undefined && a.values[i] === b.meant);
    });
    if (!ok) return false;
  }
  // a new name (`NAME` → `NAME=`) must read as empty for every reader: none may take the line into another value
  for (const [k, a] of now.byKey)
    if (!before.byKey.has(k) && (!added.has(k) || a.meant !== '' || a.values.some((v, i) => v !== '' || a.unknown[i]))) return false;
  for (const r of now.readerOnly) if (!before.readerOnly.has(r)) return false;
  return true;
}

/**
 * The style checks' certain fixes (extra blank lines, the final line break, `=` after a lone name,
 * sorted groups), one check at a time, each kept only if the whole file keeps its values by name.
 * One parse per check and per law check: linear in the file.
 */
function styleFixes(text: string, vopts: Vopts, readers: Reader[], fixed: Diagnostic[], memo: Memo): string {
  if (!STYLE_CHECKS.some((id) => enabled(id, vopts.checks))) return text;
  let current = text;
  let values: ReturnType<typeof finalValues> | undefined;
  for (const id of ['key-without-value', 'extra-blank-line', 'unordered-key', 'ending-blank-line'] as const) {
    if (!enabled(id, vopts.checks)) continue;
    // this check alone: a style pass need not pay for every other check
    const diags = memo.validate(current, id).filter((d) => d.checkId === id && d.fix);
    if (diags.length === 0) continue;
    // several diagnostics of one group share its edit: apply it once
    const edits = [...new Map(diags.map((d) => [`${d.fix?.start}:${d.fix?.end}`, d.fix as TextEdit])).values()];
    const { output } = applyEdits(current, edits);
    if (output === current) continue;
    const added = new Set<string>(id === 'key-without-value' ? diags.map((d) => current.slice(d.start, d.end)) : []);
    values ??= finalValues(memo.parse(current), readers);
    const now = finalValues(memo.parse(output), readers);
    if (keepsValues(values, now, added)) {
      append(fixed, diags);
      current = output;
      values = now;
    }
  }
  return current;
}

/** The entry's certain rewrites (export for docker, blanks around `=`, quotes, trailing blanks), as one edit. */
function combinedFix(
  text: string,
  e: EnvEntry,
  dialect: Dialect,
  readers: Reader[],
  checks: FixOptions['checks'],
  reported: Diagnostic[],
): TextEdit | undefined {
  if (e.unterminated || e.endLine !== e.line || e.separator === ':') return undefined;
  const parts: { id: CheckId; start: number; end: number; text: string }[] = [];
  const lead = e.start + (e.raw.length - e.raw.trimStart().length);
  if (e.exported && dialect === 'docker') parts.push({ id: 'export-prefix', start: lead, end: e.keyStart, text: '' });
  if (e.valueStart > e.keyEnd + 1) parts.push({ id: 'space-around-equals', start: e.keyEnd, end: e.valueStart, text: '=' });
  if (e.quote !== 'none' && !e.trailing)
    parts.push({ id: 'quoted-value', start: e.valueStart, end: e.valueEnd, text: text.slice(e.valueStart + 1, e.valueEnd - 1) });
  let t = e.end;
  while (t > e.start && (text[t - 1] === ' ' || text[t - 1] === '\t')) t--;
  if (t < e.end) parts.push({ id: 'trailing-whitespace', start: t, end: e.end, text: '' });
  // Only for an entry one of these checks reports: otherwise the rewrite fixes nothing anyone asked for
  // (and unquoting a value nobody misreads can make another check report it on the next run).
  const here = new Set<CheckId>();
  // `reported` is sorted by start (validate's order): only those that start inside the entry are looked at
  for (let i = firstStartingAt(reported, e.start); i < reported.length; i++) {
    const d = reported[i] as Diagnostic;
    if (d.start > e.end + 1) break;
    if (d.end <= e.end + 1) here.add(d.checkId);
  }
  if (!parts.some((p) => here.has(p.id))) return undefined;
  const usable = parts.filter((p) => enabled(p.id, checks));
  if (usable.length < 2) return undefined; // single fixes are the diagnostics' business
  // every subset, largest first (at most 4 parts: 15 subsets)
  const subsets: (typeof usable)[] = [];
  for (let mask = (1 << usable.length) - 1; mask > 0; mask--) subsets.push(usable.filter((_, i) => mask & (1 << i)));
  subsets.sort((a, b) => b.length - a.length);
  for (const subset of subsets) {
    if (subset.length < 2) break;
    let raw = '';
    let pos = e.start;
    for (const p of subset) {
      raw += text.slice(pos, p.start) + p.text;
      pos = p.end;
    }
    raw += text.slice(pos, e.end);
    const edit = { start: e.start, end: e.end, text: raw };
    if (editKeepsMeaning(e, edit, readers)) return edit;
  }
  return undefined;
}

/** The certain fix of one diagnostic, as a text edit (for hosts such as ESLint). */
export function fixesFor(_text: string, diagnostic: Diagnostic): TextEdit[] {
  return diagnostic.fix ? [diagnostic.fix] : [];
}

/** The index of the first of `sorted` (by start) that starts at or after `offset`. */
function firstStartingAt(sorted: { start: number }[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as { start: number }).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is `d` inside one of `sorted` (non-overlapping, by start)? A binary search: a big file has ~10⁵ of each. */
function within(sorted: TextEdit[], d: { start: number; end: number }): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = sorted[mid] as TextEdit;
    if (e.start > d.start) hi = mid - 1;
    else if (e.end < d.end) lo = mid + 1;
    else return true;
  }
  return false;
}
