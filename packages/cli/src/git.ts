/** The few git plumbing calls the CLI makes: one process each, never one per file. */
import { spawn, spawnSync } from 'node:child_process';

export class GitError extends Error {}

export interface GitRun {
  stdout: Buffer;
  stderr: string;
  status: number;
}

export function git(args: string[], cwd: string, input?: string | Buffer): GitRun {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, windowsHide: true });
  if (r.error) throw new GitError(`could not run git: ${r.error.message}`);
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status ?? 1 };
}

export function gitOk(args: string[], cwd: string, input?: string | Buffer): Buffer {
  const r = git(args, cwd, input);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  return r.stdout;
}

/** The work tree's top directory, or undefined outside a git work tree. */
export function gitTopLevel(cwd: string): string | undefined {
  const r = git(['rev-parse', '--show-toplevel'], cwd);
  if (r.status !== 0) return undefined;
  return r.stdout.toString('utf8').trim() || undefined;
}

export function splitZ(buf: Buffer): string[] {
  const out = buf.toString('utf8').split('\0');
  if (out.at(-1) === '') out.pop();
  return out;
}

/**
 * Reads many blobs through one `git cat-file --batch`. Returns content by object id
 * (or a size for blobs over `maxSize`, which are drained but not kept).
 */
export function readBlobs(ids: string[], cwd: string, maxSize: number): Promise<Map<string, Buffer | number>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer | number>();
    if (ids.length === 0) return resolve(out);
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let pending: Buffer = Buffer.alloc(0);
    let want = 0; // bytes of the current object's content (+1 for the trailing LF) still expected
    let current: { id: string; size: number; parts: Buffer[]; keep: boolean } | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (!current) {
          const nl = pending.indexOf(10);
          if (nl < 0) return;
          const header = pending.subarray(0, nl).toString('utf8');
          pending = pending.subarray(nl + 1);
          const [id = '', type, sizeText] = header.split(' ');
          if (type === 'missing' || sizeText === undefined) continue;
          const size = Number(sizeText);
          current = { id, size, parts: [], keep: size <= maxSize };
          want = size + 1;
        }
        if (pending.length === 0) return;
        const take = Math.min(want, pending.length);
        if (current.keep) current.parts.push(pending.subarray(0, take));
        pending = pending.subarray(take);
        want -= take;
        if (want > 0) return;
        out.set(current.id, current.keep ? Buffer.concat(current.parts).subarray(0, current.size) : current.size);
        current = undefined;
      }
    });
    child.on('error', (e) => reject(new GitError(`could not run git: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) reject(new GitError(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`));
      else resolve(out);
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(''));
  });
}

/** Undoes git's C-style quoting of paths in diff headers (`"b/tab\there"`, octal UTF-8 bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, p.endsWith('"') ? -1 : undefined);
  const map: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(map[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
