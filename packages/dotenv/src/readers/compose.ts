import { overlay, type Assignment, type Lookup } from './types.js';

/*
 * Docker Compose v2 env files and the project `.env`: compose-go `dotenv/parser.go` at HEAD e70e961
 * (2026-07-21), read from source (no Compose binary on the test machine). Differences from dotenv that
 * matter: an unquoted value ends at ` #` (space-hash; `a#b` stays whole), escapes are kept in single
 * quotes, double quotes expand `\n \t \" \\ \$ …`, and `$VAR` / `${VAR}` are interpolated in unquoted
 * and double-quoted values (unset names become '', Compose prints a warning). A key with a space, an
 * unexpected character in a key, or an unterminated quote makes Compose reject the whole file.
 */
const isSpace = (c: string): boolean => c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === ' ' || c === '\x85' || c === '\xa0';
const isUnicodeSpace = (c: string): boolean => /\s/u.test(c) && c !== '\ufeff';

export class ComposeError extends Error {}

function trimLeft(s: string, f: (c: string) => boolean): string {
  let i = 0;
  while (i < s.length && f(s[i] ?? '')) i++;
  return s.slice(i);
}
function trimRight(s: string, f: (c: string) => boolean): string {
  let i = s.length;
  while (i > 0 && f(s[i - 1] ?? '')) i--;
  return s.slice(0, i);
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

function expandEscapes(s: string): string {
  return s.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (m) => {
    if (m === '\\$') return '$$';
    const c = m[1] ?? '';
    if (c === '0') {
      const code = parseInt(m.slice(2) || '0', 8);
      return m.length === 5 && code < 256 ? String.fromCharCode(code) : m;
    }
    return ESCAPES[c] ?? m;
  });
}

/** compose-go `template.Substitute` for the common forms; anything else is reported as unknown. */
export function interpolateCompose(value: string, env: Lookup): string | undefined {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i] ?? '';
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const n = value[i + 1] ?? '';
    if (n === '$') {
      out += '$';
      i += 2;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
    if (name) {
      out += env.get(name[0]) ?? '';
      i += 1 + name[0].length;
      continue;
    }
    if (n === '{') {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}$]*))?\}/.exec(value.slice(i + 1));
      if (!m) return undefined;
      const v = env.get(m[1] ?? '');
      const op = m[2];
      const arg = m[3] ?? '';
      if (op === undefined) out += v ?? '';
      else if (op === ':-') out += v ? v : arg;
      else if (op === '-') out += v ?? arg;
      else if (op === ':+') out += v ? arg : '';
      else out += v !== undefined ? arg : '';
      i += 1 + m[0].length;
      continue;
    }
    return undefined;
  }
  return out;
}

/** Throws ComposeError where Compose rejects the file. */
export function readCompose(input: string, env: Lookup = new Map()): Assignment[] {
  const out: Assignment[] = [];
  const own = new Map<string, string>();
  const local = overlay(env, own);
  let src = input.startsWith('\ufeff') ? input.slice(1) : input;
  for (;;) {
    // getStatementStart
    for (;;) {
      src = trimLeft(src, isUnicodeSpace);
      if (src.length === 0 || src[0] !== '#') break;
      const nl = src.indexOf('\n');
      src = nl < 0 ? '' : src.slice(nl);
    }
    if (src.length === 0) break;
    // locateKeyName
    if (/^export\s/.test(src)) src = trimLeft(src.slice(6), isSpace);
    let key = '';
    let offset = -1;
    let inherited = false;
    for (let i = 0; i < src.length; i++) {
      const c = src[i] ?? '';
      if (isSpace(c)) continue;
      if (c === '=' || c === ':' || c === '\n') {
        key = src.slice(0, i);
        offset = i + 1;
        inherited = c === '\n';
        break;
      }
      if (c === '_' || c === '.' || c === '-' || c === '[' || c === ']' || /[\p{L}\p{N}]/u.test(c)) continue;
      throw new ComposeError(`unexpected character "${c}" in variable name`);
    }
    key = trimRight(key, isUnicodeSpace);
    src = offset < 0 ? '' : trimLeft(src.slice(offset), isSpace);
    if (key.includes(' ')) throw new ComposeError('key cannot contain a space');
    if (offset < 0) {
      // a last line without `=` or newline: Go's loop ends with an empty key; nothing is set
      break;
    }
    if (inherited) continue; // `KEY` alone: taken from the shell environment
    const q = src[0];
    let value: string | undefined;
    let unknown = false;
    if (q !== '"' && q !== "'") {
      const nl = src.indexOf('\n');
      let raw = nl < 0 ? src : src.slice(0, nl);
      src = nl < 0 ? '' : src.slice(nl + 1);
      const hash = raw.indexOf(' #');
      if (hash >= 0) raw = raw.slice(0, hash);
      value = interpolateCompose(trimRight(raw, isUnicodeSpace), local);
      unknown = value === undefined;
    } else {
      let esc = false;
      let chars = '';
      let closed = -1;
      for (let i = 1; i < src.length; i++) {
        const c = src[i] ?? '';
        if (c !== q) {
          if (!esc && c === '\\') {
            esc = true;
            continue;
          }
          if (esc) {
            esc = false;
            chars += '\\';
          }
          chars += c;
          continue;
        }
        if (esc) {
          esc = false;
          chars += c;
          continue;
        }
        closed = i;
        break;
      }
      if (closed < 0) throw new ComposeError('unterminated quoted value');
      src = src.slice(closed + 1);
      if (q === '"') {
        value = interpolateCompose(expandEscapes(chars), local);
        unknown = value === undefined;
      } else value = chars;
    }
    if (value !== undefined) own.set(key, value);
    out.push(unknown ? { key, value: undefined, unknown: true } : { key, value });
  }
  return out;
}
