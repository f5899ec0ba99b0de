import type { NodeAssignment } from './node-common.js';
import { trimSpaces } from './node-common.js';

const isSp = (c: string | undefined): boolean => c === ' ';

/**
 * Node 20's `util.parseEnv` / `--env-file` (src/node_dotenv.cc `Dotenv::ParseContent`) from 20.19.5 on,
 * as measured on 20.19.5, 20.19.6, 20.20.0 and 20.20.2, over a whole file — it is not line-based: CRs are deleted everywhere; only spaces
 * are trimmed (not tabs); a key runs from the current position to the next `=`, across line breaks, so
 * a line without `=` or an indented comment glues itself to the next key (`x\nK`); an empty key stops
 * parsing; the first `"` after the opening one closes a double-quoted value (no escapes but `\n`);
 * `#` anywhere in an unquoted value starts a comment; an unterminated quote keeps the raw line (and is
 * dropped on the last line); `export ` is stripped once, without re-trimming.
 */
export function readNode20(input: string): NodeAssignment[] {
  let s = input;
  let map: number[] | undefined;
  if (input.includes('\r')) {
    map = [];
    s = '';
    for (let i = 0; i < input.length; i++) {
      if (input[i] !== '\r') {
        map.push(i);
        s += input[i];
      }
    }
    map.push(input.length);
  }
  const orig = (i: number): number => (map ? (map[i] ?? input.length) : i);
  const out: NodeAssignment[] = [];
  let p = 0;
  const n = s.length;
  let end = n;
  const trim = (): void => {
    while (p < end && isSp(s[p])) p++;
    while (end > p && isSp(s[end - 1])) end--;
  };
  const trimStr = (a: number, b: number): string => {
    while (a < b && isSp(s[a])) a++;
    while (b > a && isSp(s[b - 1])) b--;
    return s.slice(a, b);
  };
  trim();
  while (p < end) {
    const c = s[p];
    if (c === '\n' || c === '#') {
      const nl = s.indexOf('\n', p);
      if (nl >= 0 && nl < end) {
        p = nl + 1;
        continue;
      }
    }
    const eq = s.indexOf('=', p);
    if (eq < 0 || eq >= end) break;
    let key = trimStr(p, eq);
    p = eq + 1;
    if (key.length === 0) break;
    if (key.startsWith('export ')) key = key.slice(7);
    const at = orig(eq);
    if (p >= end || s[p] === '\n') {
      out.push({ key, value: '', equals: at });
      continue;
    }
    trim();
    if (p >= end) {
      out.push({ key, value: '', equals: at });
      break;
    }
    const q = s[p] ?? '';
    if (q === '"') {
      const close = s.indexOf('"', p + 1);
      if (close >= 0 && close < end) {
        out.push({ key, value: s.slice(p + 1, close).replace(/\\n/g, '\n'), equals: at });
        const nl = s.indexOf('\n', close + 1);
        p = nl < 0 || nl >= end ? end : nl + 1;
        continue;
      }
    }
    if (q === "'" || q === '"' || q === '`') {
      const close = s.indexOf(q, p + 1);
      if (close < 0 || close >= end) {
        const nl = s.indexOf('\n', p);
        if (nl >= 0 && nl < end) {
          out.push({ key, value: s.slice(p, nl), equals: at });
          p = nl;
        } else p = end; // the last line's unterminated value is dropped
      } else {
        out.push({ key, value: s.slice(p + 1, close), equals: at });
        const nl = s.indexOf('\n', close + 1);
        p = nl < 0 || nl >= end ? end : nl;
      }
    } else {
      const nl = s.indexOf('\n', p);
      const stop = nl < 0 || nl >= end ? end : nl;
      let value = s.slice(p, stop);
      const hash = value.indexOf('#');
      if (hash >= 0) value = value.slice(0, hash);
      out.push({ key, value: trimSpaces(value), equals: at });
      p = stop;
    }
    trim();
  }
  return out;
}
