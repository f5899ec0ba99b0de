import { overlay, type Assignment, type Lookup } from './types.js';

/*
 * python-dotenv 1.2.2 (`dotenv/parser.py` + `variables.py`), `dotenv_values()` with its default
 * `interpolate=True`: `${NAME}` and `${NAME:-default}` are expanded from earlier values (and the
 * process environment, taken as empty here), in every value — single-quoted ones included.
 * Python's `\s` and JavaScript's differ outside ASCII; the sticky regexes below use ASCII classes
 * where python-dotenv uses `[^\S\r\n]` (horizontal whitespace).
 */
const H = '[ \\t\\f\\v]';
const re = (s: string): RegExp => new RegExp(s, 'y');
const multilineWhitespace = re('\\s*');
const exportRe = re(`(?:export${H}+)?`);
const singleQuotedKey = re("'([^']+)'");
const unquotedKey = re('([^=#\\s]+)');
const whitespace = re(`${H}*`);
const equalSign = re(`(=${H}*)`);
const singleQuotedValue = re("'((?:\\\\'|[^'])*)'");
const doubleQuotedValue = re('"((?:\\\\"|[^"])*)"');
const unquotedValue = re('([^\\r\\n]*)');
const comment = re(`(?:${H}*#[^\\r\\n]*)?`);
const endOfLine = re(`${H}*(?:\\r\\n|\\n|\\r|$)`);
const restOfLine = re('[^\\r\\n]*(?:\\r|\\n|\\r\\n)?');

const DOUBLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

class ParseError extends Error {}

function decodeDouble(v: string): string {
  return v.replace(/\\[\\'"abfnrtv]/g, (m) => DOUBLE_ESCAPES[m[1] ?? ''] ?? m);
}

function decodeSingle(v: string): string {
  return v.replace(/\\[\\']/g, (m) => m[1] ?? '');
}

/** Characters examined by the scanners below (tests check it stays linear in the input). */
export interface ScanWork {
  steps: number;
}

/** The next index of `ch` at or after `from`, cached: the scanners ask with growing `from`, so the total search is linear. */
function forwardFinder(value: string, ch: string, work?: ScanWork): (from: number) => number {
  let searchedFrom = -1;
  let at = -1;
  return (from) => {
    if (searchedFrom >= 0 && from >= searchedFrom && (at < 0 || at >= from)) return at;
    at = value.indexOf(ch, from);
    if (work) work.steps += (at < 0 ? value.length : at + 1) - from;
    searchedFrom = from;
    return at;
  };
}

/**
 * `${NAME}` / `${NAME:-default}` against earlier values; unset names become the default or ''.
 * python-dotenv's `\$\{(?P<name>[^}:]*)(?::-(?P<default>[^}]*))?\}`, as a forward scanner: the regex
 * rescans to the end from every `${` of a line without `}` (quadratic), this reads each character once.
 */
export function interpolatePython(value: string, env: Lookup, work?: ScanWork): string {
  const nextOpen = forwardFinder(value, '$', work);
  const nextClose = forwardFinder(value, '}', work);
  const nextColon = forwardFinder(value, ':', work);
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    let start = nextOpen(from);
    while (start >= 0 && value[start + 1] !== '{') start = nextOpen(start + 1);
    if (start < 0) break;
    const body = start + 2;
    const close = nextClose(body);
    const colon = nextColon(body);
    let end = -1;
    let replacement = '';
    if (close >= 0 && (colon < 0 || close < colon)) {
      end = close;
      replacement = env.get(value.slice(body, close)) ?? '';
    } else if (colon >= 0 && close > colon + 1 && value[colon + 1] === '-') {
      // the default runs to the first `}`, which is the first after the colon too
      end = close;
      replacement = env.get(value.slice(body, colon)) ?? value.slice(colon + 2, close);
    }
    if (end < 0) {
      from = start + 1;
      continue;
    }
    out += value.slice(copied, start) + replacement;
    copied = end + 1;
    from = end + 1;
  }
  return out + value.slice(copied);
}

/**
 * python-dotenv's `re.sub(r"\s+#.*", "", value).rstrip()` for unquoted values, in one pass: the
 * regexes backtrack over every blank run not followed by `#` (quadratic on a long line of spaces).
 */
export function stripUnquotedPython(value: string, work?: ScanWork): string {
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  let h = value.indexOf('#');
  while (h >= 0 && !isSpace(value[h - 1])) h = value.indexOf('#', h + 1);
  if (work) work.steps += h < 0 ? value.length : h + 1;
  if (h >= 0) {
    let p = h - 1;
    while (p > 0 && isSpace(value[p - 1])) p--;
    // `.` stops at a line terminator: what follows it stays (as with the regex)
    let stop = h + 1;
    while (stop < value.length && !/[\n\r\u2028\u2029]/.test(value[stop] ?? '')) stop++;
    if (work) work.steps += stop - p;
    value = value.slice(0, p) + value.slice(stop);
  }
  if (work) work.steps += value.length; // trimEnd
  return value.trimEnd();
}

export function readPython(src: string, env: Lookup = new Map()): (Assignment & { keyStart: number })[] {
  let pos = 0;
  const read = (r: RegExp): string[] => {
    r.lastIndex = pos;
    const m = r.exec(src);
    if (!m) throw new ParseError();
    pos = r.lastIndex;
    return m.slice(1).map((g) => g ?? '');
  };
  const out: (Assignment & { keyStart: number })[] = [];
  const own = new Map<string, string>();
  const local = overlay(env, own);
  while (pos < src.length) {
    try {
      read(multilineWhitespace);
      if (pos >= src.length) break;
      read(exportRe);
      let key: string | undefined;
      const c = src[pos];
      const keyStart = c === "'" ? pos + 1 : pos;
      if (c === '#') key = undefined;
      else if (c === "'") key = read(singleQuotedKey)[0];
      else key = read(unquotedKey)[0];
      read(whitespace);
      let value: string | undefined;
      if (src[pos] === '=') {
        read(equalSign);
        const q = src[pos];
        if (q === "'") value = decodeSingle(read(singleQuotedValue)[0] ?? '');
        else if (q === '"') value = decodeDouble(read(doubleQuotedValue)[0] ?? '');
        else if (q === undefined || q === '\n' || q === '\r') value = '';
        else value = stripUnquotedPython(read(unquotedValue)[0] ?? '');
      }
      read(comment);
      read(endOfLine);
      if (key !== undefined) {
        // A key without `=` is recorded as None and kept out of the environment.
        const resolved = value === undefined ? undefined : interpolatePython(value, local);
        if (resolved !== undefined) own.set(key, resolved);
        out.push({ key, value: resolved, keyStart });
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // python-dotenv skips the rest of the line from where it failed (not from the statement start)
      read(restOfLine);
    }
  }
  return out;
}
