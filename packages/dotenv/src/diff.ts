/**
 * A unified diff of a fix, in the form `git apply` accepts: `--- a/PATH` / `+++ b/PATH`, hunks with 3
 * lines of context, CRLF kept as part of a line, `\ No newline at end of file` where a side ends
 * without one. Lines are paired by a greedy walk that resynchronises within a small window after a
 * difference: linear in the file (the fixer edits lines in place, drops blank lines and reorders
 * small groups), and any pairing gives a correct patch — only a minimal one is not promised.
 */

const WINDOW = 32;
const CONTEXT = 3;

/** Lines with their `\n` (a lone `\r` is not a line break for git). */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

type Op = { k: ' ' | '-' | '+'; line: string };

function pairLines(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ k: ' ', line: a[i++] as string });
      j++;
      continue;
    }
    // the nearest resynchronisation (di + dj smallest) within the window
    let best: [number, number] | undefined;
    for (let s = 1; s <= 2 * WINDOW && !best; s++) {
      for (let di = 0; di <= s; di++) {
        const dj = s - di;
        if (di > WINDOW || dj > WINDOW || i + di >= a.length || j + dj >= b.length) continue;
        if (a[i + di] === b[j + dj]) {
          best = [di, dj];
          break;
        }
      }
    }
    // no resync nearby: take one line from each side (or what is left)
    const [di, dj] = best ?? [i < a.length ? 1 : 0, j < b.length ? 1 : 0];
    for (let k = 0; k < di; k++) ops.push({ k: '-', line: a[i++] as string });
    for (let k = 0; k < dj; k++) ops.push({ k: '+', line: b[j++] as string });
  }
  // within each run of changes: removals first, then additions (as diff(1) prints them)
  const out: Op[] = [];
  for (let x = 0; x < ops.length;) {
    if ((ops[x] as Op).k === ' ') {
      out.push(ops[x++] as Op);
      continue;
    }
    let y = x;
    while (y < ops.length && (ops[y] as Op).k !== ' ') y++;
    const run = ops.slice(x, y);
    for (const op of run) if (op.k === '-') out.push(op);
    for (const op of run) if (op.k === '+') out.push(op);
    x = y;
  }
  return out;
}

function emitLine(k: string, line: string): string {
  return line.endsWith('\n') ? `${k}${line}` : `${k}${line}\n\\ No newline at end of file\n`;
}

/** A path as git writes it in a patch header: C-quoted when it has `"`, `\`, control or non-ASCII characters. */
function gitPath(prefix: string, path: string): string {
  const p = prefix + path;
  let plain = true;
  for (let i = 0; i < p.length && plain; i++) {
    const c = p.charCodeAt(i);
    plain = c >= 0x20 && c < 0x7f && c !== 34 && c !== 92;
  }
  if (plain) return p;
  let q = '"';
  for (const byte of Buffer.from(p, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '"' || c === '\\') q += `\\${c}`;
    else if (byte === 9) q += '\\t';
    else if (byte === 10) q += '\\n';
    else if (byte < 0x20 || byte >= 0x7f) q += `\\${byte.toString(8).padStart(3, '0')}`;
    else q += c;
  }
  return `${q}"`;
}

/** The diff from `before` to `after` for `path` (relative, `/`-separated); '' when they are equal. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = pairLines(splitLines(before), splitLines(after));
  let out = `--- ${gitPath('a/', path)}\n+++ ${gitPath('b/', path)}\n`;
  // positions of changes, grouped into hunks whose context touches
  let k = 0;
  let aLine = 1;
  let bLine = 1;
  const aAt: number[] = [];
  const bAt: number[] = [];
  for (const op of ops) {
    aAt.push(aLine);
    bAt.push(bLine);
    if (op.k !== '+') aLine++;
    if (op.k !== '-') bLine++;
  }
  while (k < ops.length) {
    if ((ops[k] as Op).k === ' ') {
      k++;
      continue;
    }
    const from = Math.max(0, k - CONTEXT);
    let to = k; // one past the last change of the hunk
    let m = k;
    while (m < ops.length) {
      if ((ops[m] as Op).k !== ' ') {
        to = m + 1;
        m++;
        continue;
      }
      // a run of unchanged lines: the hunk ends if it is longer than twice the context
      let r = m;
      while (r < ops.length && (ops[r] as Op).k === ' ') r++;
      if (r === ops.length || r - m > 2 * CONTEXT) break;
      m = r;
    }
    const end = Math.min(ops.length, to + CONTEXT);
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let x = from; x < end; x++) {
      const op = ops[x] as Op;
      if (op.k !== '+') aCount++;
      if (op.k !== '-') bCount++;
      body += emitLine(op.k, op.line);
    }
    // an empty side is numbered by the line before it
    const aStart = aCount === 0 ? (aAt[from] as number) - 1 : (aAt[from] as number);
    const bStart = bCount === 0 ? (bAt[from] as number) - 1 : (bAt[from] as number);
    out += `@@ -${aStart},${aCount} +${bStart},${bCount} @@\n${body}`;
    k = end;
  }
  return out;
}
