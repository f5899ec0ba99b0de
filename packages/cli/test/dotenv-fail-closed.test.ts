/**
 * `credlint dotenv` fails closed and loses nothing (issue 10 items 10, 19, 28, 29, 30), on real files,
 * real git repositories, a PATH without git, a FIFO and a mknod'ed character device.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliProcess, gitRepo, removeDir, tempDir, type JsonReport } from './helpers.js';

const ROOT = process.getuid?.() === 0;
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const repo = (files: Record<string, string | Buffer>) => {
  const d = gitRepo({ '.gitignore': '.env*\n*.env\n', ...files });
  dirs.push(d);
  return d;
};
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('no git on PATH (item 10)', () => {
  it('runs every other check, says once that the repository checks were skipped, no stack trace', () => {
    const dir = tempDir();
    dirs.push(dir);
    const bin = path.join(dir, 'bin');
    const work = path.join(dir, 'work');
    mkdirSync(bin);
    mkdirSync(work);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    writeFileSync(path.join(work, '.env'), 'A = 1\n');
    const r = cliProcess(['dotenv', '--format', 'json'], work, { PATH: bin });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.match(/git was not found on PATH/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/env-file-tracked and env-file-not-ignored were skipped/);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.summary).toMatchObject({ files: 1, errors: [] });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['space-around-equals']);
  });
});

describe('a big file (item 19)', () => {
  it('140,000 diagnostics in JSON and stylish, no stack overflow', async () => {
    const dir = repo({ '.env': 'x\n'.repeat(140_000) });
    const r = await cli(['dotenv', '--format', 'json', '.env'], dir);
    expect(r.code).toBe(1);
    expect(json(r.stdout).summary.findings).toBe(140_000);
    const s = await cli(['dotenv', '.env'], dir);
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(/140000 problems/);
  }, 180_000);
});

describe('the default file set (item 28)', () => {
  it('is the env-file matcher scan uses: not .envrc nor editor backups', async () => {
    const dir = repo({
      '.env': 'A=1\n',
      'prod.env': 'B=1\n',
      '.env.local': 'C=1\n',
      '.envrc': 'export PATH=$PATH:bin\nuse nix\n',
      '.env.bak': 'D = 1\n',
      '.env~': 'E = 1\n',
      '.env.orig': 'F = 1\n',
      '.env.swp': Buffer.from([0x62, 0x30, 0x00, 0x00, 0x41, 0x3d]),
    });
    const r = await cli(['dotenv', '--format', 'json', '--fix'], dir);
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary).toMatchObject({ files: 3, errors: [] });
    // backups are not rewritten by --fix
    expect(readFileSync(path.join(dir, '.env.bak'), 'utf8')).toBe('D = 1\n');
    expect(readFileSync(path.join(dir, '.env~'), 'utf8')).toBe('E = 1\n');
  });

  it('a binary file named explicitly: a clear binary note, not a crash or an I/O error', async () => {
    const dir = repo({ '.env.swp': Buffer.from([0x62, 0x30, 0x00, 0x00, 0x41, 0x3d]), '.env': 'A=1\n' });
    const r = await cli(['dotenv', '--format', 'json', '.env.swp', '.env'], dir);
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary).toMatchObject({ files: 1, errors: [{ file: '.env.swp', code: 'binary' }] });
  });
});

describe('--fix write failures and links (items 26, 30)', () => {
  it('a read-only file: not rewritten, its findings reported, the write failure an error (exit 2)', async () => {
    const dir = repo({ '.env': 'A = 1\n' });
    chmodSync(path.join(dir, '.env'), 0o444);
    const r = await cli(['dotenv', '--format', 'json', '--fix'], dir);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.summary.files).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['space-around-equals']);
    expect(report.summary.errors).toEqual([{ file: '.env', code: 'write-failed', message: expect.stringMatching(/read-only/) as unknown as string, fatal: true }]);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A = 1\n');
    const s = await cli(['dotenv', '--fix'], dir);
    expect(s.stdout).toMatch(/1 problem .* in 1 file scanned/);
    expect(s.stdout).toMatch(/write-failed/);
  });

  it('a hard-linked file: not rewritten, the link kept (exit 2)', async () => {
    const dir = repo({ '.env': 'A = 1\n' });
    linkSync(path.join(dir, '.env'), path.join(dir, 'copy.txt'));
    const r = await cli(['dotenv', '--format', 'json', '--fix'], dir);
    expect(r.code).toBe(2);
    expect(json(r.stdout).summary.errors[0]).toMatchObject({ code: 'write-failed', message: expect.stringMatching(/hard links/) as unknown as string });
    expect(lstatSync(path.join(dir, '.env')).nlink).toBe(2);
  });

  it('a symlinked .env in the default set is checked and fixed through the link', async () => {
    const dir = repo({ 'real.env.txt': 'A = 1\n' });
    symlinkSync('real.env.txt', path.join(dir, '.env'));
    const r = await cli(['dotenv', '--format', 'json', '--fix'], dir);
    expect(json(r.stdout).summary).toMatchObject({ files: 1, errors: [] });
    expect(lstatSync(path.join(dir, '.env')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real.env.txt'), 'utf8')).toBe('A=1\n');
  });

  it.skipIf(!ROOT)('as root: --fix keeps the owner of a file owned by nobody', async () => {
    const dir = repo({ '.env': 'A = 1\n' });
    const f = path.join(dir, '.env');
    chmodSync(f, 0o600);
    execFileSync('chown', ['65534:65534', f]);
    const r = await cli(['dotenv', '--fix', '.env'], dir);
    expect(r.code).toBe(0);
    const st = lstatSync(f);
    expect([st.uid, st.gid, st.mode & 0o777, readFileSync(f, 'utf8')]).toEqual([65534, 65534, 0o600, 'A=1\n']);
  });
});

describe('-o writes through links and never replaces a device (item 29)', () => {
  it('-o to a link to a FIFO: the report goes into the pipe, the FIFO stays', async () => {
    const dir = repo({ 'a.txt': 'nothing here\n' });
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync(fifo, path.join(dir, 'report.json'));
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
    const done = new Promise((r) => reader.on('close', r));
    const r = await cli(['scan', '--format', 'json', '-o', 'report.json', 'a.txt'], dir);
    await done;
    expect(r.code).toBe(0);
    expect(json(got).summary.files).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(path.join(dir, 'report.json')).isSymbolicLink()).toBe(true);
  });

  it.skipIf(!ROOT)('-o to a character device (mknod c 1 3, /dev/null) and a link to it: still a device', () => {
    const dir = repo({ 'a.txt': 'nothing here\n' });
    const dev = path.join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    symlinkSync(dev, path.join(dir, 'out'));
    for (const target of [dev, path.join(dir, 'out')]) {
      const r = cliProcess(['scan', '--format', 'json', '-o', target, 'a.txt'], dir);
      expect(r.code).toBe(0);
      expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    }
    expect(lstatSync(path.join(dir, 'out')).isSymbolicLink()).toBe(true);
  });

  it('-o /dev/stdout in a child process: the report reaches the pipe, /dev/stdout is untouched', () => {
    const dir = repo({ 'a.txt': 'nothing here\n' });
    const before = lstatSync('/dev/stdout');
    const r = cliProcess(['scan', '--format', 'json', '-o', '/dev/stdout', 'a.txt'], dir);
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary.files).toBe(1);
    const after = lstatSync('/dev/stdout');
    expect([after.isSymbolicLink(), after.ino]).toEqual([before.isSymbolicLink(), before.ino]);
  });
});

