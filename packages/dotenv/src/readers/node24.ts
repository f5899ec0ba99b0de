import { isWs, type NodeAssignment, trimWs, withoutCr } from './node-common.js';

/**
 * Node 24's `util.parseEnv` / `--env-file` (src/node_dotenv.cc `Dotenv::ParseContent`; the same parser
 * ships in Node 22.16 and later), measured on 24.0.0, 24.21.0, 22.16.0, 22.17.1, 22.18.0, 22.20.0, 22.22.0 and
 * 22.23.3. Differences from Node 20.20
 * (readers/node20.ts): trimming takes spaces, tabs and line breaks, so `\tK=v` sets `K` and `K=` followed
 * by blanks and a line break… takes the next line as its value only when blanks stand between `=` and the
 * break (`K= ⏎x` sets K to `x`; `K=⏎x` sets K empty); a key stops at a line break (a line without `=` is
 * skipped, not glued to the next key); an empty key skips only itself (`=a=b` sets `a`); `export ` is
 * stripped and the rest re-trimmed (but not for a value that ends the file right after `=`); an
 * unterminated quote on the last line keeps the rest of the file. CRs are deleted everywhere, as before.
 */
export function readNode24(input: string, work?: { steps: number }): NodeAssignment[] {
  const { s, orig } = withoutCr(input);
  // characters examined, for the linear-time test (reader-linear-time.test.ts)
  const step = (n: number): void => {
    if (work) work.steps += n;
  };
  const out: NodeAssignment[] = [];
  let end = s.length;
  let p = 0;
  while (p < end && isWs(s[p])) p++;
  while (end > p && isWs(s[end - 1])) end--;
  const skipWs = (): void => {
    const from = p;
    while (p < end && isWs(s[p])) p++;
    step(p - from + 1);
  };
  /** Offset of the next `c` at or after `from`, before `end`; -1 if none. */
  const find = (c: string, from: number): number => {
    const i = s.indexOf(c, from);
    step((i < 0 ? s.length : i + 1) - from);
    return i >= 0 && i < end ? i : -1;
  };
  /** One past the next line break after `from`, or `end`. */
  const nextLine = (from: number): number => {
    const nl = find('\n', from);
    return nl < 0 ? end : nl + 1;
  };
  while (p < end) {
    const c = s[p];
    if (c === '\n' || c === '#') {
      p = nextLine(p);
      continue;
    }
    // the first `=` or line break
    let eq = p;
    while (eq < end && s[eq] !== '=' && s[eq] !== '\n') eq++;
    step(eq - p + 1);
    if (eq >= end) break;
    if (s[eq] === '\n') {
      p = eq + 1;
      skipWs();
      continue;
    }
    let key = trimWs(s.slice(p, eq));
    step(eq - p);
    const at = orig(eq);
    p = eq + 1;
    if (p >= end || s[p] === '\n') {
      // before `export ` is stripped
      out.push({ key, value: '', equals: at });
      continue;
    }
    skipWs();
    if (key.length === 0) continue;
    if (key.startsWith('export ')) key = trimWs(key.slice(7));
    if (p >= end) {
      out.push({ key, value: '', equals: at });
      break;
    }
    const q = s[p] ?? '';
    if (q === '"' || q === "'" || q === '`') {
      const close = find(q, p + 1);
      if (close >= 0) {
        const inner = s.slice(p + 1, close);
        out.push({ key, value: q === '"' ? inner.replaceAll('\\n', '\n') : inner, equals: at });
        p = nextLine(close + 1);
        continue;
      }
      const nl = find('\n', p);
      if (nl < 0) {
        out.push({ key, value: s.slice(p, end), equals: at });
        break;
      }
      out.push({ key, value: s.slice(p, nl), equals: at });
      p = nl + 1;
    } else {
      const nl = find('\n', p);
      const stop = nl < 0 ? end : nl;
      let cut = p;
      while (cut < stop && s[cut] !== '#') cut++;
      step(2 * (cut - p) + 1); // the scan, then the trim
      out.push({ key, value: trimWs(s.slice(p, cut)), equals: at });
      p = nl < 0 ? end : nl + 1;
    }
    skipWs();
  }
  return out;
}
