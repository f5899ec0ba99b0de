/**
 * The real readers, run in batches: one python process and one bash process per batch of cases,
 * never one per line. Each case is a whole file; the result is the map of variables the reader sets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import dotenv from 'dotenv';
import type { NodeLine } from '../../src/index.js';
import { nodeModelOf } from '../../src/internals.js';

export type VarMap = Record<string, string | null>;

export function realDotenv(text: string): VarMap {
  return dotenv.parse(text);
}

export function realNode(text: string): VarMap {
  return parseEnv(text) as VarMap;
}

const NODE_PROBE = `
import { readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
const cases = JSON.parse(readFileSync(process.argv[1], 'utf8'));
writeFileSync(process.argv[2], JSON.stringify({ version: process.versions.node, out: cases.map((c) => parseEnv(c)) }));
`;

/** `util.parseEnv` of another Node binary (or this one, `process.execPath`) on every case: one process per batch. */
export function realNodeBatch(node: string, cases: string[]): { version: string; out: VarMap[] } {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-node-'));
  try {
    writeFileSync(join(dir, 'in.json'), JSON.stringify(cases));
    execFileSync(node, ['--input-type=module', '-e', NODE_PROBE, join(dir, 'in.json'), join(dir, 'out.json')], { env: {}, stdio: ['ignore', 'ignore', 'inherit'] });
    return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { version: string; out: VarMap[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line whose model covers this Node release's `--env-file` parser (20.19.5+, 22.16+, 24+), if a line's does. */
export function modelledNodeLine(version: string): NodeLine | undefined {
  const m = nodeModelOf(version);
  return m === 'early' || m === '22.15' ? undefined : m;
}

/** A python with python-dotenv importable, or the reason there is none. */
export function findPython(): { python: string; version: string } | { reason: string } {
  const reasons: string[] = [];
  // CREDLINT_PYTHON picks one (e.g. Debian's /usr/bin/python3 with python3-dotenv); else the first that works.
  for (const candidate of process.env.CREDLINT_PYTHON ? [process.env.CREDLINT_PYTHON] : ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', 'import sys, importlib.metadata as m, dotenv; print(sys.executable); print(m.version("python-dotenv"))'], { encoding: 'utf8' });
    if (r.status === 0) {
      const [exe, version] = r.stdout.trim().split('\n');
      if (exe && version) return { python: exe, version };
    }
    reasons.push(`${candidate}: ${r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop()}`);
  }
  return { reason: `no python with python-dotenv (${reasons.join('; ')})` };
}

const PY = `
import io, json, sys
from dotenv import dotenv_values
cases = json.load(open(sys.argv[1], encoding="utf-8"))
out = []
for c in cases:
    try:
        out.append(dict(dotenv_values(stream=io.StringIO(c))))
    except Exception as e:
        out.append({"__error__": type(e).__name__})
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
`;

export function realPythonBatch(python: string, cases: string[]): VarMap[] {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-py-'));
  try {
    writeFileSync(join(dir, 'in.json'), JSON.stringify(cases));
    writeFileSync(join(dir, 'run.py'), PY);
    // empty environment: interpolation of unset names gives ''
    execFileSync(python, [join(dir, 'run.py'), join(dir, 'in.json'), join(dir, 'out.json')], { env: {}, stdio: ['ignore', 'ignore', 'ignore'] });
    return JSON.parse(execFileSync('cat', [join(dir, 'out.json')], { encoding: 'utf8' })) as VarMap[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `set -a; . file` in a subshell per case, inside one bash process, with an empty environment and a
 * PATH that finds no programs. Reports the listed names that end up set.
 */
export function realBashBatch(cases: string[], names: string[]): VarMap[] {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-bash-'));
  try {
    cases.forEach((c, i) => writeFileSync(join(dir, `c${i}`), c));
    // the script's own variables use names no generated line does (a leaked `n` would expand in `$n`)
    const script = `
cd "$1" || exit 3
__cl_n=$2
for ((__cl_i=0; __cl_i<__cl_n; __cl_i++)); do
  ( set -a; . "./c$__cl_i" >/dev/null 2>&1
    for __cl_k in ${names.join(' ')}; do
      if [ -n "\${!__cl_k+x}" ]; then printf '%s\\0%s\\0' "$__cl_k" "\${!__cl_k}"; fi
    done )
  printf '\\1\\0'
done
`;
    const bash = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
    const r = spawnSync(bash, ['--norc', '--noprofile', '-c', script, 'bash', dir, String(cases.length)], {
      env: { PATH: '/nonexistent' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const parts = r.stdout.split('\0');
    const out: VarMap[] = [];
    let cur: VarMap = {};
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i] as string;
      if (p === '\u0001') {
        out.push(cur);
        cur = {};
      } else {
        cur[p] = parts[i + 1] as string;
        i++;
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
