/** The file-level API with real files and real git repositories in temp directories. */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../src/index.js';

const AKIA = fakeAccessKeyId({ prefix: 'AKIA', seed: 31 });
const SECRET = fakeSecretAccessKey(32);
let dir: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
const ids = (r: { diagnostics: { checkId: string }[] }) => r.diagnostics.map((d) => d.checkId).sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-dotenv-file-'));
  git('init', '-q');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('repository checks (real git)', () => {
  it('env-file-not-ignored: an env file .gitignore does not cover', async () => {
    writeFileSync(join(dir, '.env'), 'APP=1\n');
    expect(ids(await validateFile('.env', { cwd: dir }))).toEqual(['env-file-not-ignored']);
    writeFileSync(join(dir, '.gitignore'), '.env\n');
    expect(ids(await validateFile('.env', { cwd: dir }))).toEqual([]);
  });

  it('env-file-tracked: a tracked env file, with the credentials found in it', async () => {
    writeFileSync(join(dir, '.env.production'), `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`);
    git('add', '.env.production');
    const r = await validateFile('.env.production', { cwd: dir });
    expect(ids(r)).toEqual(['env-file-tracked']);
    expect(r.diagnostics[0]?.message).toMatch(/2 credentials/);
    expect(r.diagnostics[0]?.message).not.toContain(AKIA);
    git('rm', '-q', '--cached', '.env.production');
  });

  it('credential-in-example and example-drift', async () => {
    writeFileSync(join(dir, '.env.example'), `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_REGION=\nNEW_SETTING=\n`);
    const ex = await validateFile('.env.example', { cwd: dir });
    expect(ids(ex)).toEqual(['credential-in-example']);
    writeFileSync(join(dir, '.env'), 'AWS_REGION=eu-west-1\nLOCAL_ONLY=1\n');
    const r = await validateFile('.env', { cwd: dir });
    expect(ids(r)).toEqual(['example-drift', 'example-drift']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(/AWS_ACCESS_KEY_ID, NEW_SETTING/);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(/LOCAL_ONLY is not in \.env\.example/);
    rmSync(join(dir, '.env.example'));
  });

  it('outside a git work tree the git checks stay silent', async () => {
    const out = mkdtempSync(join(tmpdir(), 'credlint-nogit-'));
    writeFileSync(join(out, '.env'), 'APP=1\n');
    expect(ids(await validateFile(join(out, '.env')))).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });
});

describe('bad input: an error per file, never a throw', () => {
  it.each([
    ['a directory named .env', () => mkdirSync(join(dir, 'd', '.env'), { recursive: true }), 'd/.env', /directory/],
    ['a binary file', () => writeFileSync(join(dir, 'bin.env'), Buffer.from([0x41, 0x3d, 0x00, 0x01])), 'bin.env', /binary/],
    ['invalid UTF-8', () => writeFileSync(join(dir, 'bad.env'), Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x0a])), 'bad.env', /invalid UTF-8/],
    ['a missing file', () => undefined, 'missing.env', /no such file/],
    ['a huge file', () => writeFileSync(join(dir, 'huge.env'), 'A=1\n'.repeat(1_200_000)), 'huge.env', /too large/],
  ])('%s', async (_name, setup, path, error) => {
    setup();
    const r = await validateFile(path, { cwd: dir, git: false });
    expect(r.error).toMatch(error);
    expect(r.diagnostics).toEqual([]);
  });

  it('an unreadable file (as an unprivileged user: root reads anything, so CI drops privileges)', () => {
    writeFileSync(join(dir, 'locked.env'), 'A=1\n');
    chmodSync(join(dir, 'locked.env'), 0o000);
    chmodSync(dir, 0o755);
    const entry = new URL('../dist/index.js', import.meta.url).href;
    const script = `import(${JSON.stringify(entry)}).then(async (m) => process.stdout.write(String((await m.validateFile('locked.env', { cwd: ${JSON.stringify(dir)}, git: false })).error)))`;
    const asRoot = process.getuid?.() === 0;
    const [cmd, args] = asRoot
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script]]
      : [process.execPath, ['--input-type=module', '-e', script]];
    const out = execFileSync(cmd as string, args as string[], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/permission denied/);
  });

  it('an unterminated quote is a diagnostic, and the rest is still checked', async () => {
    writeFileSync(join(dir, 'u.env'), 'A="open\nB = 2\n');
    const r = await validateFile('u.env', { cwd: dir, git: false });
    expect(r.error).toBeUndefined();
    expect(ids(r)).toEqual(['space-around-equals', 'unterminated-quote']);
  });
});

describe('fix on disk: atomic, keeps the mode', () => {
  it('rewrites only when something is certain, keeps mode, leaves no temp file', async () => {
    const sub = join(dir, 'fixme');
    mkdirSync(sub);
    const p = join(sub, '.env');
    writeFileSync(p, 'A = "v"  \n# note\nB=abc#def\n');
    chmodSync(p, 0o640);
    const r = await validateFile(p, { fix: true, git: false, dialect: 'portable' });
    expect(r.fixed).toBe(true);
    expect(readFileSync(p, 'utf8')).toBe('A=v\n# note\nB=abc#def\n');
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(readdirSync(sub)).toEqual(['.env']);
    expect(ids(r)).toEqual(['unquoted-hash']);
    const again = await validateFile(p, { fix: true, git: false });
    expect(again.fixed).toBe(false);
  });

  it('writes through a symlink to its target', async () => {
    const sub = join(dir, 'linked');
    mkdirSync(sub);
    writeFileSync(join(sub, 'real.env'), 'A = 1\n');
    symlinkSync('real.env', join(sub, '.env'));
    const r = await validateFile(join(sub, '.env'), { fix: true, git: false });
    expect(r.fixed).toBe(true);
    expect(lstatSync(join(sub, '.env')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(sub, 'real.env'), 'utf8')).toBe('A=1\n');
  });
});
