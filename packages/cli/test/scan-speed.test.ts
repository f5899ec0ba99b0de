// The whole-tree speed work (issue 14) must not change what is found or what is refused:
// the env-name pre-check agrees with the dotenv predicates, and a file the listing called regular
// that was swapped for a link or a FIFO before it was opened is still refused, never read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, prng } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { envFileNames } from '../dist/dotenv-bridge.js';
import { envKindOf, mayBeEnvName, runTask } from '../dist/scan/analyze.js';
import { below } from '../dist/scan/walk.js';
import { displayPath } from '../dist/display-path.js';
import { removeDir, tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});

/** The predicates without the pre-check: what envKindOf must keep answering. */
function slowKind(file: string): string | undefined {
  const aws = envFileNames.awsSharedKind(file);
  if (aws) return aws;
  if (envFileNames.isEnvExampleFile(file)) return 'example';
  if (envFileNames.isEnvFile(file)) return 'env';
  return undefined;
}

describe('env-name pre-check', () => {
  it('never rules out a name the dotenv predicates accept (named cases and 200k random paths)', () => {
    const named = [
      '.env', '.env.local', '.env.example', 'a/b/.env.production', 'prod.env', 'example.env', 'x/sample-app.env',
      '.aws/credentials', '.aws/config', 'home/u/.aws/credentials', 'c:\\u\\.aws\\config', 'a\\.env', '.envrc', 'x.env.bak',
      'credentials', 'config', 'env', 'aws/config', '.awsx/credentials', 'e.nv', '.en/v',
    ];
    const rand = prng(14);
    const parts = ['.', 'e', 'n', 'v', 'env', '.env', 'a', 'w', 's', '.aws', 'aws', '/', '\\', 'x', 'credentials', 'config', 'example', '~', '.bak', 'rc'];
    const random = Array.from({ length: 200_000 }, () => {
      let s = '';
      const n = 1 + Math.floor(rand() * 6);
      for (let i = 0; i < n; i++) s += parts[Math.floor(rand() * parts.length)];
      return s;
    });
    let accepted = 0;
    const wrong: string[] = [];
    for (const f of [...named, ...random]) {
      const kind = slowKind(f);
      if (kind) accepted++;
      if ((kind && !mayBeEnvName(f)) || envKindOf(f, envFileNames) !== kind) wrong.push(f);
    }
    expect(wrong).toEqual([]);
    // The generator reaches the accepted side often enough to mean something.
    expect(accepted).toBeGreaterThan(5_000);
  });
});

describe('display paths by slicing', () => {
  it('match path.relative for paths below and at the cwd; outside it (and any repository) are absolute', () => {
    const cwd = '/nonexistent-credlint/repo';
    for (const abs of [cwd, `${cwd}/a.ts`, `${cwd}/a/b/c.env`]) expect(displayPath(abs, cwd)).toBe(path.relative(cwd, abs) || '.');
    for (const abs of [`${cwd}2/x`, '/nonexistent-credlint/x', '/other']) expect(displayPath(abs, cwd)).toBe(abs);
    expect(displayPath('/etc/x', '/')).toBe('etc/x');
    expect(below('/work/repo', '/work/repo2/x')).toBeUndefined();
  });
});

describe('a file the listing called regular is still checked when opened', () => {
  const options = { maxFileSize: 1 << 20 };

  it('a symbolic link swapped in is refused (O_NOFOLLOW), not followed', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, 'target.ts'), `const k = '${fakeAccessKeyId({ seed: 1401 })}';\n`);
    symlinkSync('target.ts', path.join(dir, 'a.ts'));
    const r = runTask({ file: 'a.ts', abs: path.join(dir, 'a.ts'), git: 'tracked', regular: true }, options, undefined);
    expect(r.scanned).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.note?.code).toBe('symlink');
  });

  it('a FIFO swapped in is opened without waiting and never read', () => {
    const dir = tempDir();
    dirs.push(dir);
    execFileSync('mkfifo', [path.join(dir, 'a.ts')]);
    const r = runTask({ file: 'a.ts', abs: path.join(dir, 'a.ts'), git: 'tracked', regular: true }, options, undefined);
    expect(r.scanned).toBe(false);
    expect(r.note?.code).toBe('not-a-file');
  });

  it('a directory swapped in is not scanned', () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(path.join(dir, 'a.ts'));
    const r = runTask({ file: 'a.ts', abs: path.join(dir, 'a.ts'), git: 'tracked', regular: true }, options, undefined);
    expect(r.scanned).toBe(false);
    expect(r.note).toBeDefined();
  });
});

describe('the readdir hint changes nothing that is found', () => {
  it('tasks with and without `regular` give identical results on UTF-8, UTF-16 LE/BE, Latin-1, binary, empty and env files', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const key = fakeAccessKeyId({ seed: 1402 });
    const line = `const id = '${key}';\n`;
    const utf16 = (text: string, be: boolean) => {
      const body = Buffer.from(text, 'utf16le');
      if (be) body.swap16();
      return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
    };
    const files: Record<string, Buffer> = {
      'a.ts': Buffer.from(`// ok\n${line}`),
      'u16le.ps1': utf16(`# x\r\n${line}`, false),
      'u16be.ps1': utf16(`# x\r\n${line}`, true),
      'latin1.txt': Buffer.concat([Buffer.from([0xe9, 0x0a]), Buffer.from(line)]),
      'bin.dat': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(line)]),
      'empty.txt': Buffer.alloc(0),
      '.env': Buffer.from(`AWS_ACCESS_KEY_ID=${key}\n`),
      'clean.md': Buffer.from('no anchors at all\n'.repeat(100)),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    const { loadDotenv } = await import('../dist/dotenv-bridge.js');
    const dotenv = await loadDotenv();
    for (const name of Object.keys(files)) {
      const env = envKindOf(name, envFileNames);
      const base = { file: name, abs: path.join(dir, name), git: 'tracked' as const, ...(env ? { env } : {}) };
      const plain = runTask(base, { maxFileSize: 1 << 20 }, dotenv);
      const hinted = runTask({ ...base, regular: true }, { maxFileSize: 1 << 20 }, dotenv);
      expect(hinted, name).toEqual(plain);
    }
    // And they find what they should: the key in UTF-8, both UTF-16s and Latin-1; nothing in the binary.
    const found = (name: string) => runTask({ file: name, abs: path.join(dir, name), git: 'tracked', regular: true }, { maxFileSize: 1 << 20 }, dotenv).findings.length;
    expect(['a.ts', 'u16le.ps1', 'u16be.ps1', 'latin1.txt'].map(found)).toEqual([1, 1, 1, 1]);
    expect(found('bin.dat')).toBe(0);
  });
});
