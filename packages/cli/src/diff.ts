/** A small unified diff for `init --dry-run` (config files: LCS over lines is plenty). */
export function unifiedDiff(file: string, before: string | undefined, after: string): string {
  const a = before === undefined ? [] : before.split('\n');
  const b = after.split('\n');
  if (a.at(-1) === '') a.pop();
  if (b.at(-1) === '') b.pop();
  const n = a.length;
  const m = b.length;
  const ops: string[] = [];
  if (n * m > 4_000_000) {
    for (const l of a) ops.push(`-${l}`);
    for (const l of b) ops.push(`+${l}`);
  } else {
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i] as number[];
      const below = lcs[i + 1] as number[];
      for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        ops.push(` ${a[i]}`);
        i++;
        j++;
      } else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) ops.push(`+${b[j++]}`);
      else ops.push(`-${a[i++]}`);
    }
  }
  // Keep 3 lines of context around changes.
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - 3), k + 4).some((o) => o[0] !== ' '));
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${file}`}`, `+++ b/${file}`];
  let gap = false;
  ops.forEach((op, k) => {
    if (keep[k]) {
      if (gap) out.push('@@ … @@');
      gap = false;
      out.push(op);
    } else gap = true;
  });
  return `${out.join('\n')}\n`;
}
