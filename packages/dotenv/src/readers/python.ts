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

/** `${NAME}` / `${NAME:-default}` against earlier values; unset names become the default or ''. */
export function interpolatePython(value: string, env: Lookup): string {
  return value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_m, name: string, def: string | undefined) => env.get(name) ?? def ?? '');
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
        else value = (read(unquotedValue)[0] ?? '').replace(/\s+#.*/, '').replace(/\s+$/, '');
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
