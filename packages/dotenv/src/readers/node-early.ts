import { isWs, type NodeAssignment, trimSpaces, trimWs, withoutCr } from './node-common.js';

const isSp = (c: string | undefined): boolean => c === ' ';

/**
 * The `util.parseEnv` / `--env-file` parser of Node 20.19.0–20.19.4 and 22.13–22.14, measured on
 * 20.19.0, 20.19.3, 20.19.4, 22.13.0 and 22.14.0 (agreement on 40,000 generated cases each). Like Node
 * 20.19.5+ (node20.ts) it deletes CRs, trims only spaces and reads a key up to the next `=` across
 * lines; unlike it: a value that ends the file is read again as text (`K=a=b` also sets `a`), so is a
 * quoted value closed on the last line (`K='v' x=1` sets `'v' x`); a quote left open on the last line
 * stops nothing (the text from the quote is read as the next key); and a name of spaces only after a
 * line break becomes "\n" (its trim steps one character back: `remove_prefix(npos)`).
 */
export function readNodeEarly(input: string, work?: { steps: number }): NodeAssignment[] {
  return read(input, work, false);
}

/**
 * Node 22.15.x's parser (measured on 22.15.0 and 22.15.1: 0 mismatches on 60,000 generated cases
 * each): the early one with the trimming of 22.16+ — spaces, tabs and line breaks, so `\tK=v` sets `K`
 * and `K= ⏎x` sets K to `x` — and three changes in order: `K=` right before a line break sets K empty
 * and keeps `export ` in its name, as does an empty value at the end of the file; an empty key is set
 * (to "") when the file ends after its `=`, and otherwise stops parsing (no "\n" key).
 */
export function readNode2215(input: string, work?: { steps: number }): NodeAssignment[] {
  return read(input, work, true);
}

function read(input: string, work: { steps: number } | undefined, v2215: boolean): NodeAssignment[] {
  const blank = v2215 ? isWs : isSp;
  const trim = v2215 ? trimWs : trimSpaces;
  const { s, orig } = withoutCr(input);
  const out: NodeAssignment[] = [];
  const step = (n: number): void => {
    if (work) work.steps += n;
  };
  let p = 0;
  let end = s.length;
  while (p < end && blank(s[p])) p++;
  while (end > p && blank(s[end - 1])) end--;
  // The last line is read again after each `=` in it (see above): remember each search's answer, which
  // stays true for any later start between the first start and that answer, so no stretch is rescanned.
  const seen = new Map<string, { from: number; at: number }>();
  const find = (c: string, from: number): number => {
    const m = seen.get(c);
    let i: number;
    if (m && from >= m.from && (m.at < 0 || from <= m.at)) i = m.at;
    else {
      i = s.indexOf(c, from);
      step((i < 0 ? s.length : i + 1) - from);
      seen.set(c, { from, at: i });
    }
    return i >= 0 && i < end ? i : -1;
  };
  while (p < end) {
    if (s[p] === '\n' || s[p] === '#') {
      const nl = find('\n', p);
      if (nl >= 0) {
        p = nl + 1;
        continue;
      }
    }
    const eq = find('=', p);
    if (eq < 0) break;
    let key = trim(s.slice(p, eq));
    step(eq - p);
    if (key === '' && eq > p && !v2215) key = s[p - 1] ?? '';
    const at = orig(eq);
    p = eq + 1;
    if (v2215 && p < end && s[p] === '\n') {
      out.push({ key, value: '', equals: at });
      continue;
    }
    if (!v2215) {
      if (key === '') break;
      if (key.startsWith('export ')) key = key.slice(7);
    }
    while (p < end && blank(s[p])) p++;
    if (p >= end) {
      out.push({ key, value: '', equals: at });
      break;
    }
    if (v2215) {
      if (key === '') break;
      if (key.startsWith('export ')) key = key.slice(7);
    }
    const q = s[p] ?? '';
    if (q === '"' || q === "'" || q === '`') {
      const close = find(q, p + 1);
      if (close >= 0) {
        const inner = s.slice(p + 1, close);
        out.push({ key, value: q === '"' ? inner.replaceAll('\\n', '\n') : inner, equals: at });
        // no line break after the closing quote: parsing goes on from the opening quote
        const nl = find('\n', close + 1);
        if (nl >= 0) p = nl;
        continue;
      }
      const nl = find('\n', p);
      if (nl >= 0) {
        out.push({ key, value: s.slice(p, nl), equals: at });
        p = nl;
      }
      // no line break: nothing is set, and the quote starts the next key
      continue;
    }
    const nl = find('\n', p);
    const stop = nl < 0 ? end : nl;
    // `#` cuts the value except on the last line
    let cut = stop;
    if (nl >= 0) {
      cut = p;
      while (cut < stop && s[cut] !== '#') cut++;
      step(cut - p + 1);
    }
    out.push({ key, value: trim(s.slice(p, cut)), equals: at });
    // the last line's value is not consumed: it is read again as text
    if (nl >= 0) p = nl;
  }
  return out;
}
