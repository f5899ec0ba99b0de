import type { Assignment } from './types.js';

export interface PositionedAssignment extends Assignment {
  /** Offset of the key in the original text. */
  keyStart: number;
}

/**
 * dotenv (npm) 17.4.2 `parse()`, reproduced from `lib/main.js` so that every line can be
 * attributed to a value. The differential test runs the real package against this copy.
 * Linear in the text (see matchLines).
 */
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
/**
 * LINE without its leading `^\s*`, applied where that prefix would end. The global regex retries from
 * every line start inside a run of blank lines and rescans the run each time (quadratic: 40,000
 * empty lines took 13 s); every such start skips to the same first non-blank character, so one try
 * there gives the same match.
 */
const BODY = new RegExp(LINE.source.slice('(?:^|^)\\s*'.length), 'dym');
const isLineTerminator = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isRegexSpace = (c: string): boolean => /\s/.test(c);

/**
 * dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')`, in linear time (the regex retries from every
 * line start and backtracks over the rest of the value each time). At a line start holding a quote, the
 * greedy `[\s\S]*` ends at the value's LAST same quote that ends a line (or the value); the scan resumes
 * after it.
 */
export function unquoteLines(value: string): string {
  const n = value.length;
  const last = new Map<string, number>();
  for (let j = n - 1; j >= 0 && last.size < 3; j--) {
    const q = value[j] as string;
    if ((q === "'" || q === '"' || q === '`') && !last.has(q) && (j + 1 === n || isLineTerminator(value.charCodeAt(j + 1)))) last.set(q, j);
  }
  if (last.size === 0) return value;
  let out = '';
  let copied = 0;
  let p = 0; // a line start
  while (p < n) {
    const j = last.get(value[p] as string);
    if (j !== undefined && j > p) {
      out += value.slice(copied, p) + value.slice(p + 1, j);
      copied = j + 1;
      p = j + 1;
      if (p < n) p++; // past the line terminator that ended the match: the next line start
      continue;
    }
    while (p < n && !isLineTerminator(value.charCodeAt(p))) p++;
    p++;
  }
  return copied === 0 ? value : out + value.slice(copied);
}

/** Each match of LINE in `lines`, in order, in linear time (see BODY). `work` counts characters examined. */
function* matchLines(lines: string, work?: { steps: number }): Generator<{ key: string; value: string | undefined; keyAt: number }> {
  let p = 0; // a line start (`^` with the m flag)
  while (p <= lines.length) {
    let q = p;
    while (q < lines.length && isRegexSpace(lines[q] as string)) q++;
    BODY.lastIndex = q;
    const m = q < lines.length ? BODY.exec(lines) : null;
    if (m) {
      if (work) work.steps += BODY.lastIndex - p;
      yield { key: m[1] ?? '', value: m[2], keyAt: m.indices?.[1]?.[0] ?? q };
      // the next try starts where the match ended: a line start there, or the next one
      p = BODY.lastIndex;
      if (p > 0 && !isLineTerminator(lines.charCodeAt(p - 1))) {
        while (p < lines.length && !isLineTerminator(lines.charCodeAt(p))) p++;
        p++;
      }
      continue;
    }
    // every line start from p to q fails the same way: go to the first line start after q
    let r = q;
    while (r < lines.length && !isLineTerminator(lines.charCodeAt(r))) r++;
    if (work) work.steps += r + 1 - p;
    p = r + 1;
  }
}

export function readDotenv(src: string, work?: { steps: number }): PositionedAssignment[] {
  const out: PositionedAssignment[] = [];
  // dotenv normalises CRLF / CR to LF first; keep a map back to the original offsets
  let map: number[] | undefined;
  let lines = src;
  if (src.includes('\r')) {
    map = [];
    lines = '';
    for (let i = 0; i < src.length; i++) {
      if (src[i] === '\r' && src[i + 1] === '\n') continue;
      map.push(i);
      lines += src[i] === '\r' ? '\n' : src[i];
    }
  }
  for (const match of matchLines(lines, work)) {
    const key = match.key;
    let value = (match.value ?? '').trim();
    const maybeQuote = value[0];
    value = unquoteLines(value);
    if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    const at = match.keyAt;
    out.push({ key, value, keyStart: map ? (map[at] ?? at) : at });
  }
  return out;
}
