import { execFile } from 'node:child_process';
import { dirname, basename, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { LineIndex, scan } from '@credlint/core';
import { diagnostic } from './context.js';
import { isEnvExampleFile } from './files.js';
import { entries, parse } from './parse.js';
import type { Diagnostic } from './types.js';

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', windowsHide: true, maxBuffer: 1 << 20 }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 128) : 0;
      resolve({ code, stdout: String(stdout ?? '') });
    });
  });
}

/** Is `dir` inside a git work tree? (false without git, too) */
export async function inGitWorkTree(dir: string): Promise<boolean> {
  const r = await git(['rev-parse', '--is-inside-work-tree'], dir);
  return r.code === 0 && r.stdout.trim() === 'true';
}

/** `env-file-not-ignored` and `env-file-tracked` for one file, with real git. */
export async function repositoryDiagnostics(path: string, text: string): Promise<Diagnostic[]> {
  const dir = dirname(path);
  if (!(await inGitWorkTree(dir))) return [];
  const name = basename(path);
  const ctx = { text, lines: new LineIndex(text) };
  const out: Diagnostic[] = [];
  const example = isEnvExampleFile(path);
  const tracked = (await git(['ls-files', '--error-unmatch', '--', name], dir)).code === 0;
  if (tracked && !example) {
    const found = scan(text, { filename: path }).length;
    // Only staged, never committed: nothing is in the history yet, and unstaging is enough.
    const committed = (await git(['log', '-1', '--format=%H', '--', name], dir)).stdout.trim() !== '';
    const creds = `${found} credential${found === 1 ? '' : 's'} (core scan)`;
    if (committed) {
      const what = found > 0 ? ` It holds ${creds}, which are in the history now: rotate them.` : '';
      out.push(diagnostic(ctx, 'env-file-tracked', 0, 0, `${name} is tracked by git: every value in it is shared with anyone who can read the repository.${what} Run \`git rm --cached ${name}\` and add it to .gitignore.`));
    } else {
      const what = found > 0 ? ` It holds ${creds}: committing it puts ${found === 1 ? 'that' : 'them'} in the history.` : '';
      out.push(diagnostic(ctx, 'env-file-tracked', 0, 0, `${name} is staged for commit (not committed yet).${what} Run \`git restore --staged ${name}\` and add it to .gitignore.`));
    }
  }
  if (!example && !tracked) {
    const ignored = (await git(['check-ignore', '-q', '--', name], dir)).code === 0;
    if (!ignored) out.push(diagnostic(ctx, 'env-file-not-ignored', 0, 0, `${name} is not covered by .gitignore: one \`git add .\` puts its values in the history. Add \`${name}\` (or \`.env*\` with \`!.env.example\`) to .gitignore.`));
  }
  return out;
}

/** Keys of two env texts compared, both directions. */
export function compareKeys(envText: string, exampleText: string): { missing: string[]; extra: string[] } {
  const envKeys = new Set(entries(parse(envText)).map((e) => e.key));
  const exKeys = new Set(entries(parse(exampleText)).map((e) => e.key));
  return { missing: [...exKeys].filter((k) => !envKeys.has(k)), extra: [...envKeys].filter((k) => !exKeys.has(k)) };
}

const EXAMPLE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** The example file that documents `path` (`.env` → `.env.example`; `.env.local` → `.env.local.example` or `.env.example`). */
export function exampleFor(path: string): string | undefined {
  const dir = dirname(path);
  const name = basename(path);
  if (isEnvExampleFile(path)) return undefined;
  for (const suffix of ['.example', '.sample', '.template', '.dist']) {
    const p = join(dir, name + suffix);
    if (existsSync(p)) return p;
  }
  if (name === '.env' || name.startsWith('.env.')) {
    for (const n of EXAMPLE_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** `example-drift` for an env file against its example. */
export function exampleDrift(path: string, text: string): Diagnostic[] {
  const ex = exampleFor(path);
  if (!ex) return [];
  let exText: string;
  try {
    exText = readFileSync(ex, 'utf8');
  } catch {
    return [];
  }
  const { missing, extra } = compareKeys(text, exText);
  const ctx = { text, lines: new LineIndex(text) };
  const exName = basename(ex);
  const out: Diagnostic[] = [];
  if (missing.length > 0) out.push(diagnostic(ctx, 'example-drift', 0, 0, `${missing.length} key${missing.length === 1 ? '' : 's'} in ${exName} missing here: ${missing.join(', ')}.`));
  const doc = parse(text);
  const reported = new Set<string>();
  for (const e of entries(doc)) {
    if (reported.has(e.key)) continue;
    reported.add(e.key);
    if (extra.includes(e.key)) out.push(diagnostic(ctx, 'example-drift', e.keyStart, e.keyEnd, `${e.key} is not in ${exName}: document it there (with a placeholder value) so others know to set it.`));
  }
  return out;
}
