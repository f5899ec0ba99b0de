/**
 * The one atomic writer (issue 10 items 25, 26, 29) and the fixer's use of it (item 30), on real files:
 * symbolic links, a FIFO, a character device made with mknod, hard links, 0444 files, files owned by
 * another user (as root), a non-root writer (setpriv to nobody), and a file changed between read and write.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateFile } from '../src/index.js';
import { snapshotOf, writeFileAtomicSync, WriteRefusedError } from '../src/write.js';

const ROOT = process.getuid?.() === 0;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-write-'));
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const temps = () => readdirSync(dir).filter((f) => f.includes('.credlint-'));
const refusal = (f: () => void): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof WriteRefusedError) return e.reason;
    throw e;
  }
  return undefined;
};

describe('writeFileAtomicSync', () => {
  it('replaces a regular file, keeping its mode', () => {
    const f = join(dir, 'a.env');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o640);
    writeFileAtomicSync(f, 'new\n');
    expect(readFileSync(f, 'utf8')).toBe('new\n');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(temps()).toEqual([]);
  });

  it('writes through a symbolic link: the link stays a link, its target changes', () => {
    const target = join(dir, 'real.env');
    const link = join(dir, 'link.env');
    writeFileSync(target, 'old\n');
    symlinkSync('real.env', link);
    writeFileAtomicSync(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });

  it('a dangling link: creates the file it points to, keeps the link', () => {
    const link = join(dir, 'out.json');
    symlinkSync('made.json', link);
    writeFileAtomicSync(link, '{}\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made.json'), 'utf8')).toBe('{}\n');
  });

  it('creates a new file (and its directories with mkdir)', () => {
    writeFileAtomicSync(join(dir, 'sub', 'deep', 'b.json'), 'x', { mkdir: true });
    expect(readFileSync(join(dir, 'sub', 'deep', 'b.json'), 'utf8')).toBe('x');
  });

  it('a FIFO (through a link) is written to, never replaced', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('pipe', join(dir, 'report.json'));
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
    const done = new Promise((r) => reader.on('close', r));
    writeFileAtomicSync(join(dir, 'report.json'), 'through the pipe\n');
    await done;
    expect(got).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(temps()).toEqual([]);
  });

  it.skipIf(!ROOT)('a character device (mknod, like /dev/null; through a link) is written to, never replaced', () => {
    const dev = join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    symlinkSync(dev, join(dir, 'out'));
    writeFileAtomicSync(join(dir, 'out'), 'discarded');
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
  });

  it('refuses a read-only file (0444): nothing changes', () => {
    const f = join(dir, 'ro.env');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o444);
    expect(refusal(() => writeFileAtomicSync(f, 'new\n'))).toBe('read-only');
    expect(readFileSync(f, 'utf8')).toBe('old\n');
    expect(statSync(f).mode & 0o777).toBe(0o444);
    expect(temps()).toEqual([]);
  });

  it('refuses a file with several hard links: the link is not broken', () => {
    const a = join(dir, 'a.env');
    const b = join(dir, 'b.env');
    writeFileSync(a, 'old\n');
    linkSync(a, b);
    expect(refusal(() => writeFileAtomicSync(a, 'new\n'))).toBe('hard-links');
    expect(statSync(a).ino).toBe(statSync(b).ino);
    expect(readFileSync(b, 'utf8')).toBe('old\n');
  });

  it.skipIf(!ROOT)('as root: keeps the owner and group of a file owned by nobody', () => {
    const f = join(dir, 'theirs.env');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o600);
    chownSync(f, 65534, 65534);
    writeFileAtomicSync(f, 'new\n');
    const st = statSync(f);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([65534, 65534, 0o600]);
    expect(readFileSync(f, 'utf8')).toBe('new\n');
  });

  it.skipIf(!ROOT)('as nobody: a root-owned file it cannot give the same owner is refused, and the temp file removed', () => {
    chmodSync(dir, 0o777);
    const f = join(dir, 'roots.env');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o666);
    const writer = fileURLToPath(new URL('../dist/write.js', import.meta.url));
    const script = `import(${JSON.stringify(writer)}).then((m) => { try { m.writeFileAtomicSync(${JSON.stringify(f)}, 'new\\n'); console.log('written'); } catch (e) { console.log(e.reason ?? e.code); } });`;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('owner');
    expect(readFileSync(f, 'utf8')).toBe('old\n');
    expect(statSync(f).uid).toBe(0);
    expect(temps()).toEqual([]);
  });

  it('refuses when the file changed since it was read: appended, replaced, or same size and time with other bytes', () => {
    const f = join(dir, 'c.env');
    const read = () => {
      const bytes = readFileSync(f);
      return snapshotOf(statSync(f), bytes);
    };
    writeFileSync(f, 'A=1\n');
    let snap = read();
    appendFileSync(f, 'B=2\n');
    expect(refusal(() => writeFileAtomicSync(f, 'A=1\n', { expected: snap }))).toBe('changed');
    expect(readFileSync(f, 'utf8')).toBe('A=1\nB=2\n');

    snap = read();
    writeFileSync(join(dir, 'other'), 'X=1\n');
    execFileSync('mv', [join(dir, 'other'), f]);
    expect(refusal(() => writeFileAtomicSync(f, 'A=1\n', { expected: snap }))).toBe('changed');

    writeFileSync(f, 'A=1\n');
    const t = new Date('2026-01-01T00:00:00Z');
    utimesSync(f, t, t);
    snap = read();
    writeFileSync(f, 'A=2\n');
    utimesSync(f, t, t);
    expect(refusal(() => writeFileAtomicSync(f, 'A=3\n', { expected: snap }))).toBe('changed');
    expect(readFileSync(f, 'utf8')).toBe('A=2\n');
    expect(temps()).toEqual([]);

    snap = read();
    writeFileAtomicSync(f, 'A=3\n', { expected: snap });
    expect(readFileSync(f, 'utf8')).toBe('A=3\n');
  });
});

describe('validateFile with fix', () => {
  it('a concurrent edit between read and write is not lost: refused, diagnostics kept', async () => {
    const f = join(dir, '.env');
    writeFileSync(f, 'A = 1\n');
    const r = await validateFile(f, { cwd: dir, fix: true, git: false, beforeWrite: () => appendFileSync(f, 'B=2\n') });
    expect(r.fixed).toBe(false);
    expect(r.writeError).toMatch(/changed since it was read/);
    expect(r.error).toBeUndefined();
    expect(r.diagnostics.map((d) => d.checkId)).toContain('space-around-equals');
    expect(readFileSync(f, 'utf8')).toBe('A = 1\nB=2\n');
  });

  it('a read-only file: not rewritten, the diagnostics and the reason reported', async () => {
    const f = join(dir, '.env');
    writeFileSync(f, 'A = 1\n');
    chmodSync(f, 0o444);
    const r = await validateFile(f, { cwd: dir, fix: true, git: false });
    expect(r.writeError).toMatch(/read-only/);
    expect(r.diagnostics.map((d) => d.checkId)).toContain('space-around-equals');
    expect(readFileSync(f, 'utf8')).toBe('A = 1\n');
  });

  it('a hard-linked file: not rewritten', async () => {
    const f = join(dir, '.env');
    writeFileSync(f, 'A = 1\n');
    linkSync(f, join(dir, 'shared.env'));
    const r = await validateFile(f, { cwd: dir, fix: true, git: false });
    expect(r.writeError).toMatch(/hard links/);
    expect(readFileSync(join(dir, 'shared.env'), 'utf8')).toBe('A = 1\n');
  });

  it('a symlinked .env is fixed through the link', async () => {
    writeFileSync(join(dir, 'real.env'), 'A = 1\n');
    symlinkSync('real.env', join(dir, '.env'));
    const r = await validateFile(join(dir, '.env'), { cwd: dir, fix: true, git: false });
    expect(r.fixed).toBe(true);
    expect(lstatSync(join(dir, '.env')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.env'), 'utf8')).toBe('A=1\n');
  });

  it.skipIf(!ROOT)('as root: keeps the owner of a file owned by nobody', async () => {
    const f = join(dir, '.env');
    writeFileSync(f, 'A = 1\n');
    chmodSync(f, 0o600);
    chownSync(f, 65534, 65534);
    const r = await validateFile(f, { cwd: dir, fix: true, git: false });
    expect(r.fixed).toBe(true);
    const st = statSync(f);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([65534, 65534, 0o600]);
  });
});
