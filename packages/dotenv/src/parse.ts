import { readBash } from './readers/bash.js';
import { ComposeError, readCompose } from './readers/compose.js';
import { readDockerOrReject } from './readers/docker.js';
import { readDotenv } from './readers/dotenv.js';
import { defaultNodeLine, type NodeLine, readNodeFile } from './readers/node.js';
import { readPython } from './readers/python.js';
import type { Assignment, Env } from './readers/types.js';
import type { EnvDocument, EnvEntry, EnvNode, QuoteStyle, Reader } from './types.js';

interface PhysicalLine {
  text: string;
  start: number;
  eol: string;
}

function splitLines(text: string, from: number): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = from;
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const eol = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : (text[i] ?? '');
      lines.push({ text: text.slice(start, i), start, eol });
      i += eol.length;
      start = i;
    } else i++;
  }
  if (start < text.length || lines.length === 0 || start === text.length) {
    if (start < text.length) lines.push({ text: text.slice(start), start, eol: '' });
  }
  return lines;
}

const QUOTES: Record<string, QuoteStyle> = { '"': 'double', "'": 'single', '`': 'backtick' };

/** Index of the closing quote in `s` from `from`, skipping backslash-escaped characters; -1 if none. */
function findClose(s: string, q: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === q) return i;
  }
  return -1;
}

/** After `findClose` failed on `s` from `from`: does `s` end inside an escape (an unpaired backslash)? */
function endsWithOddBackslashes(s: string, from: number): boolean {
  let escaped = false;
  for (let i = from; i < s.length; i++) escaped = escaped ? false : s[i] === '\\';
  return escaped;
}

const isHSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** The structural layer: lines become entries, comments, blanks or errors; quoted values may span lines. */
function tokenize(text: string): { bom: boolean; nodes: EnvNode[] } {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines = splitLines(text, bom ? 1 : 0);
  const nodes: EnvNode[] = [];
  for (let li = 0; li < lines.length; li++) {
    const L = lines[li] as PhysicalLine;
    const lineNo = li + 1;
    const t = L.text;
    const base = { start: L.start, end: L.start + t.length, raw: t, eol: L.eol, line: lineNo, endLine: lineNo };
    let i = 0;
    while (isHSpace(t[i])) i++;
    if (i === t.length) {
      nodes.push({ type: 'blank', ...base });
      continue;
    }
    if (t[i] === '#') {
      nodes.push({ type: 'comment', text: t.slice(i), ...base });
      continue;
    }
    let exported = false;
    if (t.startsWith('export', i) && isHSpace(t[i + 6])) {
      let j = i + 6;
      while (isHSpace(t[j])) j++;
      // `export` followed by a name and `=`; `export=1` or `export KEY` are not export prefixes
      if (j < t.length && t[j] !== '=' && (t.indexOf('=', j) > 0 || /^[\w.-]+:[ \t]/.test(t.slice(j)))) {
        exported = true;
        i = j;
      }
    }
    const keyStart = i;
    while (i < t.length && t[i] !== '=' && !isHSpace(t[i])) i++;
    let keyEnd = i;
    let colon = false;
    // dotenv and Compose also read the YAML-like `KEY: value`
    const yaml = /^[\w.-]+:[ \t]/.exec(t.slice(keyStart));
    if (yaml && t.slice(keyStart, keyEnd).indexOf(':') === yaml[0].length - 2) {
      keyEnd = keyStart + yaml[0].length - 2;
      i = keyEnd;
      colon = true;
    }
    while (isHSpace(t[i])) i++;
    if (keyEnd === keyStart || (t[i] !== '=' && !colon)) {
      const message =
        keyEnd === keyStart
          ? 'no variable name before `=`'
          : t.indexOf('=') < 0
            ? 'no `=`: not an assignment (readers skip it, bash runs it as a command)'
            : 'the variable name contains whitespace';
      nodes.push({ type: 'error', message, ...base });
      continue;
    }
    const equals = i;
    i++;
    while (isHSpace(t[i])) i++;
    const valueStartCol = i;
    const q = t[i] ?? '';
    const quote: QuoteStyle = QUOTES[q] ?? 'none';
    let raw = t;
    let endLi = li;
    let valueEnd: number; // offset within raw
    let unterminated = false;
    let comment: EnvEntry['comment'];
    let trailing: EnvEntry['trailing'];
    if (quote !== 'none') {
      let close = findClose(t, q, i + 1);
      if (close < 0) {
        // Look for the closing quote on later lines: a multi-line value. One pass over the text itself
        // (growing a string line by line and indexing it flattens the rope each time: quadratic).
        let k = li + 1;
        let found = -1;
        let p = L.start + t.length;
        let escaped = endsWithOddBackslashes(t, i + 1);
        while (k < lines.length) {
          const next = lines[k] as PhysicalLine;
          const stop = next.start + next.text.length;
          for (; p < stop; p++) {
            const c = text[p];
            if (escaped) escaped = false;
            else if (c === '\\') escaped = true;
            else if (c === q) {
              found = p - L.start;
              break;
            }
          }
          if (found >= 0) break;
          k++;
        }
        const acc = found >= 0 ? text.slice(L.start, (lines[k] as PhysicalLine).start + (lines[k] as PhysicalLine).text.length) : '';
        // As dotenv: a quote closed on a later line only ends the value if nothing but blanks or a
        // comment follows it; otherwise the opening quote was not one.
        const after = found >= 0 ? acc.slice(found + 1) : '';
        if (found >= 0 && /^[ \t]*(#.*)?$/.test(after)) {
          raw = acc;
          endLi = k;
          close = found;
        }
      }
      if (close < 0) {
        unterminated = true;
        let e = t.length;
        while (e > valueStartCol && isHSpace(t[e - 1])) e--;
        valueEnd = e;
      } else {
        valueEnd = close + 1;
        let j = valueEnd;
        while (isHSpace(raw[j])) j++;
        if (raw[j] === '#') {
          let e = raw.length;
          while (e > j && isHSpace(raw[e - 1])) e--;
          comment = { start: L.start + j, end: L.start + e, text: raw.slice(j, e) };
        } else if (j < raw.length) {
          let e = raw.length;
          while (e > j && isHSpace(raw[e - 1])) e--;
          trailing = { start: L.start + j, end: L.start + e, text: raw.slice(j, e) };
        }
      }
    } else {
      // Unquoted: the value ends before a whitespace-preceded `#` (where every reader but docker agrees).
      let j = valueStartCol;
      let commentAt = -1;
      while (j < t.length) {
        if (t[j] === '#' && (j === valueStartCol || isHSpace(t[j - 1]))) {
          commentAt = j;
          break;
        }
        j++;
      }
      let e = commentAt < 0 ? t.length : commentAt;
      while (e > valueStartCol && isHSpace(t[e - 1])) e--;
      valueEnd = e;
      if (commentAt >= 0) {
        let ce = t.length;
        while (ce > commentAt && isHSpace(t[ce - 1])) ce--;
        comment = { start: L.start + commentAt, end: L.start + ce, text: t.slice(commentAt, ce) };
      }
    }
    const last = lines[endLi] as PhysicalLine;
    const entry: EnvEntry = {
      type: 'entry',
      key: t.slice(keyStart, keyEnd),
      exported,
      quote,
      raw,
      start: L.start,
      end: L.start + raw.length,
      eol: last.eol,
      line: lineNo,
      endLine: endLi + 1,
      keyStart: L.start + keyStart,
      keyEnd: L.start + keyEnd,
      equals: L.start + equals,
      valueStart: L.start + valueStartCol,
      valueEnd: L.start + valueEnd,
      values: { dotenv: undefined, node: undefined, python: undefined, compose: undefined, docker: undefined, bash: undefined },
    };
    if (colon) entry.separator = ':';
    if (comment) entry.comment = comment;
    if (unterminated) entry.unterminated = true;
    if (trailing) entry.trailing = trailing;
    nodes.push(entry);
    li = endLi;
  }
  return { bom, nodes };
}

function pick(assignments: Assignment[], key: string): { value: string | undefined; unknown: boolean } {
  for (let i = assignments.length - 1; i >= 0; i--) {
    const a = assignments[i] as Assignment;
    if (a.key === key) return { value: a.value, unknown: a.unknown === true };
  }
  return { value: undefined, unknown: false };
}

/** The readers that read line by line: each entry is read on its own (with the values earlier entries set). */
const LINE_READERS = ['compose', 'docker', 'bash'] as const;
type LineReader = (typeof LINE_READERS)[number];

/**
 * What each line-based reader makes of one entry, given the values earlier entries gave it (for the
 * readers that interpolate). Readers that reject a whole file (Compose, docker) reject the entry here.
 * dotenv, Node and python-dotenv are not line-based: `parse` reads the whole file with them, once.
 */
function readEntry(
  entry: Pick<EnvEntry, 'key' | 'raw' | 'eol'>,
  envs: Record<LineReader, Env>,
  values: Record<Reader, string | undefined>,
  unknown: Reader[],
  work: ParseWork,
): void {
  for (const reader of LINE_READERS) {
    work.chars += entry.raw.length + 1;
    let assignments: Assignment[];
    try {
      switch (reader) {
        case 'compose':
          assignments = readCompose(entry.raw, envs.compose);
          break;
        case 'docker':
          // docker reads line by line: only the first physical line carries this key
          {
            const r = readDockerOrReject(entry.raw.split(/\r\n|\n|\r/)[0] ?? '');
            assignments = 'rejected' in r ? [] : r.assignments;
          }
          break;
        case 'bash':
          // bash does not treat CR as a line break: a CRLF file puts `\r` at the end of every value
          assignments = readBash(entry.raw + (entry.eol === '\r\n' || entry.eol === '\r' ? '\r' : ''), envs.bash);
          break;
      }
    } catch (e) {
      if (e instanceof ComposeError) assignments = [];
      else throw e;
    }
    const r = pick(assignments, entry.key);
    values[reader] = r.value;
    if (r.unknown) unknown.push(reader);
    if (r.value !== undefined) envs[reader].set(entry.key, r.value);
  }
}

type Ctx = 'single' | 'double' | 'backtick' | 'brace';
/** bash's quoting contexts still open after a node: nested `` ` `` and `${` inside double quotes included. */
interface ShellState {
  stack: Ctx[];
  /** the last line ended with an escaped line break */
  continued: boolean;
}

function shellScan(text: string, from: ShellState): ShellState {
  const stack = [...from.stack];
  let wordStart = !from.continued;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (top === 'single') {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') {
      if (top === undefined && text[i + 1] === '\n' && i + 2 === text.length) return { stack, continued: true };
      i++;
      wordStart = false;
      continue;
    }
    if (top === 'double') {
      if (c === '"') stack.pop();
      else if (c === '`') stack.push('backtick');
      else if (c === '$' && text[i + 1] === '{') {
        stack.push('brace');
        i++;
      }
      continue;
    }
    if (top === 'backtick') {
      if (c === '`') stack.pop();
      continue;
    }
    if (top === 'brace') {
      if (c === '}') stack.pop();
      else if (c === '$' && text[i + 1] === '{') {
        // bash pairs braces: `${FOO${BAR}` is still open after the first `}`
        stack.push('brace');
        i++;
      } else if (c === '"') stack.push('double');
      else if (c === "'") stack.push('single');
      continue;
    }
    if (c === '#' && wordStart) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      wordStart = true;
      continue;
    }
    if (c === "'") stack.push('single');
    else if (c === '"') stack.push('double');
    else if (c === '`') stack.push('backtick');
    else if (c === '$' && text[i + 1] === '{') {
      stack.push('brace');
      i++;
    }
    wordStart = c === ' ' || c === '\t' || c === '\n';
  }
  return { stack, continued: false };
}

/**
 * bash reads commands, not lines: a quote left open (or a trailing `\`) carries the command into the
 * next lines, whose entries are then not assignments of their own; a quote never closed is a syntax
 * error that stops `source` there.
 */
function bashAcrossLines(nodes: EnvNode[], work: ParseWork): void {
  let state: ShellState = { stack: [], continued: false };
  let commandStart = 0;
  const clear = (node: EnvEntry): void => {
    node.values.bash = undefined;
    if (node.unknown) node.unknown = node.unknown.filter((r) => r !== 'bash');
    if (node.unknown?.length === 0) delete node.unknown;
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as EnvNode;
    const inside = state.stack.length > 0 || state.continued;
    if (!inside) commandStart = i;
    work.chars += node.raw.length + 1;
    state = shellScan(node.raw + (node.eol === '' ? '' : '\n'), state);
    if (node.type !== 'entry') continue;
    if (inside) clear(node);
    else if (state.stack.length > 0 || state.continued) {
      node.values.bash = undefined;
      if (!node.unknown?.includes('bash')) node.unknown = [...(node.unknown ?? []), 'bash'];
    }
  }
  if (state.stack[0] === 'brace') {
    // A `${` never closed: bash stops with "unexpected EOF while looking for matching `}'" before
    // running the command it started, so nothing from there on is set.
    for (let i = commandStart; i < nodes.length; i++) {
      const node = nodes[i] as EnvNode;
      if (node.type === 'entry') clear(node);
    }
  } else if (state.stack.length > 0) {
    // A quote still open at the end of the file is a syntax error; how much of the command bash ran
    // before giving up is not modelled: unknown.
    for (let i = commandStart; i < nodes.length; i++) {
      const node = nodes[i] as EnvNode;
      if (node.type !== 'entry') continue;
      clear(node);
      node.unknown = [...(node.unknown ?? []), 'bash'];
    }
  }
}

/**
 * Per node: is it part of a bash command that spans lines? A quote left open, a trailing `\`, or a
 * lone CR (bash breaks lines at LF only, so `A=1\rB=2` is one line to it) joins a node to the next.
 * The model's per-line bash values are not certain there: the fixer leaves such nodes as they are.
 */
export function bashMultiLine(nodes: EnvNode[]): boolean[] {
  const out = nodes.map(() => false);
  let state: ShellState = { stack: [], continued: false };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as EnvNode;
    const inside = state.stack.length > 0 || state.continued;
    state = shellScan(node.raw + (node.eol === '' ? '' : '\n'), state);
    const joinsNext = state.stack.length > 0 || state.continued || node.eol === '\r' || /\r(?!\n)/.test(node.raw);
    if (inside || joinsNext) out[i] = true;
    if (joinsNext && i + 1 < nodes.length) out[i + 1] = true;
  }
  return out;
}

/**
 * Work done by one parse, for the linear-time test: characters handed to the readers and to the shell
 * scanner. Each reader is linear in its input (reader-linear-time.test.ts), so this bounds the parse.
 */
export interface ParseWork {
  chars: number;
}

/** Lossless parse: `print(parse(text)) === text`, byte for byte. */
/** Characters parsed (the input's length, once per parse) in this process: tests count the fixer's re-parses with it. */
export const parseWork = { chars: 0 };

export function parse(text: string, options: { filename?: string; work?: ParseWork; nodeLine?: NodeLine } = {}): EnvDocument {
  const work = options.work ?? { chars: 0 };
  parseWork.chars += text.length;
  const { bom, nodes } = tokenize(text);
  work.chars += 3 * text.length;
  // Node's, dotenv's and python-dotenv's parsers are not line-based (Node glues a line without `=` to the
  // next key; a quote left open in dotenv or python-dotenv can run into later lines): each reads the whole
  // file once and every entry gets the assignment that starts at its key (Node: at its `=`). With a BOM,
  // Node and python-dotenv read `\uFEFFKEY` as the first name, so it matches no entry there.
  const byEquals = new Map<number, { key: string; value: string | undefined }>();
  // the line named in findings; the parser is that line's, or the running release's when none is set
  const nodeLine = options.nodeLine ?? defaultNodeLine();
  for (const a of readNodeFile(text, options.nodeLine)) byEquals.set(a.equals, a);
  const dotenvAt = new Map<number, { key: string; value: string | undefined }>();
  for (const a of readDotenv(text)) dotenvAt.set(a.keyStart, a);
  const pythonAt = new Map<number, { key: string; value: string | undefined }>();
  for (const a of readPython(text)) pythonAt.set(a.keyStart, a);
  const envs: Record<LineReader, Env> = { compose: new Map(), docker: new Map(), bash: new Map() };
  for (const node of nodes) {
    if (node.type !== 'entry') continue;
    const n = byEquals.get(node.equals);
    const d = dotenvAt.get(node.keyStart);
    const p = pythonAt.get(node.keyStart);
    const values: Record<Reader, string | undefined> = {
      dotenv: d && d.key === node.key ? d.value : undefined,
      node: n && n.key === node.key ? n.value : undefined,
      python: p && p.key === node.key ? p.value : undefined,
      compose: undefined,
      docker: undefined,
      bash: undefined,
    };
    const unknown: Reader[] = [];
    readEntry(node, envs, values, unknown, work);
    // A BOM glues itself to bash's first word too.
    if (bom && node === nodes[0]) values.bash = undefined;
    node.values = values;
    if (unknown.length > 0) node.unknown = unknown;
  }
  bashAcrossLines(nodes, work);
  // What a reader sets outside the entries (see EnvDocument.readerOnly).
  const claimed = new Set<string>();
  for (const node of nodes) if (node.type === 'entry') claimed.add(`${node.keyStart}`).add(`e${node.equals}`);
  const readerOnly: NonNullable<EnvDocument['readerOnly']> = [];
  const lineOf = (offset: number): number => {
    const n = nodes[lastNodeStartingBy(nodes, offset)];
    return n ? n.line + (text.slice(n.start, Math.max(n.start, offset)).match(/\r\n|\n|\r/g)?.length ?? 0) : 1;
  };
  for (const [offset, a] of dotenvAt)
    if (!claimed.has(`${offset}`)) readerOnly.push({ reader: 'dotenv', key: a.key, value: a.value, offset, line: lineOf(offset) });
  for (const [offset, a] of pythonAt)
    if (!claimed.has(`${offset}`) && a.value !== undefined) readerOnly.push({ reader: 'python', key: a.key, value: a.value, offset, line: lineOf(offset) });
  for (const [eq, a] of byEquals) if (!claimed.has(`e${eq}`)) readerOnly.push({ reader: 'node', key: a.key, value: a.value, offset: eq, line: lineOf(eq) });
  // `export 'a'=b`: bash removes the quotes before `export` sees the word, so it exports `a`.
  for (const node of nodes) {
    if (node.type !== 'entry' || !node.exported || node.line !== node.endLine) continue;
    const inner = node.key.length > 2 && node.key.startsWith("'") && node.key.endsWith("'") ? node.key.slice(1, -1) : '';
    const rest = node.raw.slice(node.keyEnd - node.start);
    if (!isPosixName(inner) || rest.includes('$') || rest.includes('`')) continue;
    work.chars += node.raw.length + 8;
    const a = readBash(`export ${inner}${rest}${node.eol === '\r\n' || node.eol === '\r' ? '\r' : ''}`).find((x) => x.key === inner);
    if (a && !a.unknown) readerOnly.push({ reader: 'bash', key: inner, value: a.value, offset: node.keyStart + 1, line: node.line });
  }
  const doc: EnvDocument = { bom, nodes, nodeLine };
  if (readerOnly.length > 0) doc.readerOnly = readerOnly.sort((x, y) => x.offset - y.offset);
  return doc;
}

function isPosixName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

export function print(doc: EnvDocument): string {
  let out = doc.bom ? '\ufeff' : '';
  for (const n of doc.nodes) out += n.raw + n.eol;
  return out;
}

export function entries(doc: EnvDocument): EnvEntry[] {
  return doc.nodes.filter((n): n is EnvEntry => n.type === 'entry');
}

/** Index of the last node (nodes are in text order) that starts at or before `offset`: a binary search; 0 when none. */
export function lastNodeStartingBy(nodes: readonly EnvNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((nodes[mid] as EnvNode).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
