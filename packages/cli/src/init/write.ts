/** Writes init's planned changes: all checked first, then each written atomically. */
import { accessSync, chmodSync, chownSync, constants, existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs-util.js';

export interface Change {
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  before: string | undefined;
  after: string;
  what: string;
  mode?: number;
}

export class InitError extends Error {}

const current = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InitError(`cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
};

/**
 * Refuses before writing anything when a file changed since it was planned (another tool wrote it),
 * then writes each through a temp file + rename: a symlink's target is written (the link stays),
 * mode and owner are kept.
 */
export function applyChanges(root: string, changes: Change[]): void {
  for (const ch of changes) {
    const abs = path.join(root, ch.file);
    if (current(abs) !== ch.before) throw new InitError(`${ch.file} changed while init was running; nothing was written, run init again`);
    // The temp file + rename needs the directory writable: check them all before the first write.
    let dir = path.dirname(existsSync(abs) ? realpathSync(abs) : abs);
    while (!existsSync(dir)) dir = path.dirname(dir);
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      throw new InitError(
        `cannot write ${ch.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message} on ${path.relative(root, dir) || '.'}); nothing was written`,
        { cause: e },
      );
    }
  }
  for (const ch of changes) {
    const abs = path.join(root, ch.file);
    let target = abs;
    let owner: { uid: number; gid: number } | undefined;
    if (ch.before !== undefined) {
      if (lstatSync(abs).isSymbolicLink()) target = realpathSync(abs);
      const st = statSync(target);
      owner = { uid: st.uid, gid: st.gid };
    }
    try {
      writeFileAtomic(target, ch.after);
      if (ch.mode !== undefined) chmodSync(target, ch.mode);
    } catch (e) {
      const done = changes.slice(0, changes.indexOf(ch)).map((c) => c.file);
      throw new InitError(
        `could not write ${ch.file}: ${(e as Error).message}${done.length ? ` (already written: ${done.join(', ')}; run init again once fixed)` : ''}`,
        { cause: e },
      );
    }
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      const now = statSync(target);
      if (now.uid !== owner.uid || now.gid !== owner.gid) chownSync(target, owner.uid, owner.gid);
    }
  }
}
