import type { Assignment } from './types.js';

/**
 * `docker run --env-file` (docker/cli `pkg/kvfile`, every release through v28 — the CLI on the test
 * machine is 28.2.2): leading whitespace of a line is dropped, `#` lines are comments, everything after
 * the first `=` is the value byte for byte — quotes, trailing spaces and ` # comments` included. A key
 * containing a space or tab fails the whole `docker run` (returned as `rejected`). Each line stands alone: no
 * multi-line values.
 */
export function readDockerOrReject(src: string): { assignments: Assignment[] } | { rejected: string } {
  const out: Assignment[] = [];
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.endsWith('\r')) line = line.slice(0, -1); // bufio.ScanLines drops a CR before LF
    if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(/^[^\S\ufeff]+/, ''); // Go's unicode.IsSpace: not U+FEFF
    if (line.length === 0 || line[0] === '#') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key.length === 0) return { rejected: 'no variable name' };
    if (/[ \t]/.test(key)) return { rejected: 'variable name contains whitespace' };
    // `KEY` alone passes the host's value through; it is not defined by the file.
    if (eq >= 0) out.push({ key, value: line.slice(eq + 1) });
  }
  return { assignments: out };
}
