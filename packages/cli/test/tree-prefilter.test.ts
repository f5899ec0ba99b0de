// The whole-tree `git grep` prefilter (src/scan/tree-grep.ts) must change nothing but speed: over a
// repository holding every case the full scan treats specially, a scan with it gives byte-for-byte
// the report and exit code of a scan that reads every file (CREDLINT_GIT_PREFILTER=0), and where git
// cannot answer (no work tree, no PCRE, an unreadable file) the scan reads every file.
import { execFileSync, spawnSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  fakeAccessKeyId,
  fakeBedrockLongTermKey,
  fakeBedrockShortTermKey,
  fakeSecretAccessKey,
  fakeSessionToken,
  prng,
} from '@credlint/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { INVALID_UTF8_PCRE, treeGrepPattern, treeGrepStats } from '../dist/scan/tree-grep.js';
import { cli, cliProcess, git, gitRepo, removeDir, tempDir, writeTree } from './helpers.js';
import { giveToNobody, runCli } from './fs-harness.js';

const made: string[] = [];
const keep = (dir: string) => (made.push(dir), dir);
afterAll(() => made.forEach(removeDir));

const id = (seed: number) => fakeAccessKeyId({ seed });
const secret = fakeSecretAccessKey;
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

/** A repository with every kind of file the scan handles differently, in every git state. */
function specialRepo(): string {
  const repo = keep(
    gitRepo({
      'clean/a.ts': 'export const a = 1;\n'.repeat(50),
      'clean/b.py': 'def f():\n    return 2\n',
      'clean/empty.txt': '',
      'clean/words.md': 'the token is refreshed; the secret is kept; the account is yours\n', // needles, no finding
      'clean/broken.txt': 'broken, spoken, taken; aws s3 cp key.txt s3://bucket/\n', // no anchor
      'keys/id.ts': `const id = "${id(1)}";\n`,
      'keys/named.py': `aws_secret_access_key = "${secret(2)}"\n`,
      'keys/aws-named.tf': `aws_key = "${secret(3)}"\n`,
      'keys/bedrock.txt': `${fakeBedrockLongTermKey({ seed: 4 })}\n${fakeBedrockShortTermKey({ seed: 4 })}\n`,
      'keys/blob.txt': `${Buffer.from(`x[default]\naws_access_key_id = ${id(5)}\naws_secret_access_key = ${secret(5)}\n`).toString('base64')}\n`,
      'keys/session.txt': `${fakeSessionToken(6)}\n`,
      'keys/ignored-inline.ts': `const k = "${id(7)}"; // credlint-ignore\n`,
      'keys/crlf.ps1': `$a = 1\r\n$k = "${id(8)}"\r\n`,
      'keys/lone-cr.txt': `a\rb = "${id(9)}"\r`,
      'keys/account.tf': `aws_account_id = "583122974406"\n`,
      // name words: a value on the next line, after a type annotation, after a compound operator
      'names/next-line.yml': `aws:\n  secret_access_key:\n    ${secret(26)}\n`,
      'names/typed.ts': `const awsSecretAccessKey: string = '${secret(27)}';\n`,
      'names/compound.mk': `AWS_SECRET_KEY += ${secret(28)}\n`,
      'names/prose.md': 'the secret: it is out. token = getToken(); aws_key = 1;\n',
      'names/eol.md': 'secret:\n  short\n', // git grep reads a line at a time: a name at a line's end is listed
      // not UTF-8, each differently (credlint notes invalid-utf8 or binary), and valid UTF-8 at the edges
      'enc/overlong.txt': Buffer.from([0x61, 0xc0, 0xaf, 0x0a]),
      'enc/surrogate.txt': Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x0a]),
      'enc/truncated-end.txt': Buffer.from([0x61, 0x62, 0xe2, 0x82]),
      'enc/stray-continuation.txt': Buffer.from([0x61, 0xc3, 0xa9, 0xa9, 0x0a]),
      'enc/past-max.txt': Buffer.from([0x61, 0xf4, 0x90, 0x80, 0x80, 0x0a]),
      'enc/lead-at-eol.txt': Buffer.from([0x61, 0xc3, 0x0a, 0xa9, 0x0a]),
      'enc/valid-edges.txt': Buffer.from('é\n€\n😀\n\u{10FFFF}\nend é', 'utf8'),
      'enc/utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('plain text\n')]),
      'enc/utf8-key.ts': `// café ☕\nconst k = "${id(10)}";\n`,
      'enc/utf8-clean.md': 'naïve café\n',
      'enc/latin1.txt': Buffer.from('caf\xe9\n', 'latin1'),
      'enc/latin1-key.txt': Buffer.from(`caf\xe9 ${id(11)}\n`, 'latin1'),
      'enc/utf16le.ps1': utf16le(`$k = "${id(12)}"\r\n`),
      'enc/utf16be-clean.txt': utf16be('hello\n'),
      'enc/utf16-cjk.txt': utf16le('日本語'), // no NUL byte at all
      'enc/utf16-odd.txt': Buffer.concat([utf16le('hi'), Buffer.from([0x41])]),
      'bin/blob.bin': Buffer.from([0, 1, 2, 3, 65, 75, 73, 65]),
      'bin/attr-binary.dat': `k = "${id(13)}"\n`,
      'big/large.txt': `${'x'.repeat(3000)}\n`,
      'big/large-key.txt': `${'x'.repeat(3000)}\n${id(14)}\n`,
      'big/large.bin': Buffer.concat([Buffer.alloc(10), Buffer.alloc(3000, 65)]),
      '.gitattributes': 'bin/attr-binary.dat binary\n*.txt -diff\n',
      '.env': 'A=1\nB = 2\n',
      '.aws/config': '[default]\nregion = us-east-1\n',
      'config/app.env.example': 'A=\n',
      'ü/ñame with space.txt': `k=${id(15)}\n`,
      'ü/clean ñame.txt': 'plain\n',
      'mod/assume.ts': 'export const x = 1;\n',
      'mod/skip.ts': 'export const y = 1;\n',
      'mod/changed.ts': 'export const z = 1;\n',
      'mod/deleted.ts': 'export const d = 1;\n',
      'mod/now-link.ts': 'export const l = 1;\n',
      'mod/now-dir.ts': 'export const n = 1;\n',
      'mod/grows.ts': 'export const g = 1;\n',
      'links/target.ts': `const k = "${id(16)}";\n`,
      '.credlintignore': 'skipped/\n',
      'skipped/k.ts': `const k = "${id(17)}";\n`,
      '.gitignore': 'build/\n.env.local\n',
      'build/out.js': `const k = "${id(18)}";\n`,
      '.env.local': `AWS_SECRET_ACCESS_KEY=${secret(19)}\n`,
    }),
  );
  symlinkSync('target.ts', path.join(repo, 'links/link.ts'));
  symlinkSync('../../outside', path.join(repo, 'links/out.ts'));
  git(repo, 'add', '-A');
  git(repo, 'add', '-f', 'build/out.js'); // tracked although ignored
  git(repo, 'commit', '-q', '-m', 'all');
  // Work-tree states git grep reads differently from the work tree, or not at all.
  git(repo, 'update-index', '--assume-unchanged', 'mod/assume.ts');
  writeFileSync(path.join(repo, 'mod/assume.ts'), `const k = "${id(20)}";\n`);
  git(repo, 'update-index', '--skip-worktree', 'mod/skip.ts');
  writeFileSync(path.join(repo, 'mod/skip.ts'), `const k = "${id(21)}";\n`);
  writeFileSync(path.join(repo, 'mod/changed.ts'), `const k = "${id(22)}";\n`);
  writeFileSync(path.join(repo, 'mod/grows.ts'), `${'y'.repeat(3000)}\n`); // past the limit since the index saw it
  unlinkSync(path.join(repo, 'mod/deleted.ts'));
  unlinkSync(path.join(repo, 'mod/now-link.ts'));
  symlinkSync('../links/target.ts', path.join(repo, 'mod/now-link.ts'));
  unlinkSync(path.join(repo, 'mod/now-dir.ts'));
  mkdirSync(path.join(repo, 'mod/now-dir.ts'));
  writeTree(repo, {
    'new/untracked.ts': `const k = "${id(23)}";\n`,
    'new/clean.ts': 'export {};\n',
    'mod/now-dir.ts/inner.ts': `const k = "${id(24)}";\n`,
  });
  // A nested repository (listed by its own git ls-files).
  const nested = path.join(repo, 'nested');
  mkdirSync(nested);
  git(nested, 'init', '-q', '-b', 'main');
  writeTree(nested, { 'n.ts': `const k = "${id(25)}";\n`, 'clean.ts': 'export {};\n' });
  git(nested, 'add', '-A');
  git(nested, '-c', 'user.name=t', '-c', 'user.email=t@credlint.invalid', 'commit', '-q', '-m', 'nested');
  return repo;
}

async function both(cwd: string, argv: string[]) {
  const before = treeGrepStats.runs;
  const pre = await cli(['scan', '--format', 'json', ...argv], cwd);
  const used = treeGrepStats.runs > before;
  const ruledOut = used ? treeGrepStats.ruledOut : 0;
  const full = await cli(['scan', '--format', 'json', ...argv], cwd, { CREDLINT_GIT_PREFILTER: '0' });
  return { pre, full, used, ruledOut };
}

describe('tree prefilter: same report as reading every file', () => {
  const repo = specialRepo();

  it('whole tree, every special case (exit 2: over-size text)', async () => {
    const { pre, full, used, ruledOut } = await both(repo, ['--max-file-size', '2KB']);
    expect(used).toBe(true);
    expect(ruledOut).toBeGreaterThanOrEqual(8);
    expect(pre.stdout).toBe(full.stdout);
    expect(pre.code).toBe(full.code);
    expect(pre.code).toBe(2);
    const report = JSON.parse(pre.stdout) as { findings: { file: string }[]; summary: { errors: { file: string; code: string }[] } };
    const found = new Set(report.findings.map((f) => f.file));
    for (const f of ['names/next-line.yml', 'names/typed.ts', 'names/compound.mk', 'keys/id.ts', 'keys/aws-named.tf', 'keys/bedrock.txt', 'keys/blob.txt', 'enc/latin1-key.txt', 'enc/utf16le.ps1', 'mod/assume.ts', 'mod/skip.ts', 'mod/changed.ts', 'ü/ñame with space.txt', 'new/untracked.ts', 'nested/n.ts']) {
      expect(found, f).toContain(f);
    }
    const errors = report.summary.errors.map((e) => `${e.file}:${e.code}`);
    for (const e of ['enc/overlong.txt:invalid-utf8', 'enc/surrogate.txt:invalid-utf8', 'enc/truncated-end.txt:invalid-utf8', 'enc/stray-continuation.txt:invalid-utf8', 'enc/past-max.txt:invalid-utf8', 'enc/lead-at-eol.txt:invalid-utf8', 'big/large.txt:too-large', 'mod/grows.ts:too-large', 'bin/blob.bin:binary', 'enc/latin1.txt:invalid-utf8', 'mod/deleted.ts:deleted', 'links/link.ts:symlink']) {
      expect(errors, e).toContain(e);
    }
  });

  it('clean valid UTF-8 and prose around name words are ruled out, not read', async () => {
    await both(repo, []);
    const listed = treeGrepStats.listedFiles;
    for (const f of ['enc/valid-edges.txt', 'enc/utf8-bom.txt', 'enc/utf8-clean.md', 'clean/words.md', 'names/prose.md']) expect(listed, f).not.toContain(f);
    for (const f of ['enc/overlong.txt', 'enc/lead-at-eol.txt', 'names/next-line.yml', 'names/eol.md', 'keys/id.ts']) expect(listed, f).toContain(f);
    expect(listed).not.toContain('keys/account.tf'); // account names only when account ids are scanned for
  });

  it('account ids configured: the grep looks for account names too (same report as reading every file)', async () => {
    const copy = specialRepo();
    writeFileSync(path.join(copy, '.credlintrc.json'), JSON.stringify({ accountId: true }));
    const { pre, full, used } = await both(copy, []);
    expect(used).toBe(true);
    expect(pre.stdout).toBe(full.stdout);
    expect(JSON.parse(pre.stdout).findings.map((f: { file: string; kind: string }) => `${f.file}:${f.kind}`)).toContain('keys/account.tf:account-id');
    expect(treeGrepStats.listedFiles).toContain('keys/account.tf');
  });

  it('whole tree with the default size limit, and `scan` without a path', async () => {
    const a = await both(repo, []);
    expect(a.used).toBe(true);
    expect(a.pre.stdout).toBe(a.full.stdout);
    expect(a.pre.code).toBe(a.full.code);
    const b = await both(repo, ['.']);
    expect(b.pre.stdout).toBe(a.pre.stdout);
  });

  it('from a subdirectory (`scan .` there; git grep covers the repository from its top)', async () => {
    const { pre, full, used } = await both(path.join(repo, 'clean'), ['.']);
    expect(used).toBe(true);
    expect(pre.stdout).toBe(full.stdout);
    expect(JSON.parse(pre.stdout).summary.files).toBe(5);
  });

  it('the bin starts git grep first: same report as a process that reads every file', () => {
    const pre = cliProcess(['scan', '--format', 'json', '--max-file-size', '2KB'], repo);
    const full = cliProcess(['scan', '--format', 'json', '--max-file-size', '2KB'], repo, { CREDLINT_GIT_PREFILTER: '0' });
    expect(pre.stdout).toBe(full.stdout);
    expect(pre.code).toBe(full.code);
  });

  it('named paths and --staged do not use it', async () => {
    const before = treeGrepStats.runs;
    await cli(['scan', '--format', 'json', 'clean'], repo);
    await cli(['scan', '--format', 'json', '--staged'], repo);
    expect(treeGrepStats.runs).toBe(before);
  });
});

describe('tree prefilter: falls back to reading every file', () => {
  it('outside a git work tree', async () => {
    const dir = keep(tempDir());
    writeTree(dir, { 'a.ts': 'export {};\n', 'k.ts': `const k = "${id(30)}";\n` });
    const { pre, full, used } = await both(dir, []);
    expect(used).toBe(false);
    expect(pre.stdout).toBe(full.stdout);
    expect(JSON.parse(pre.stdout).summary.files).toBe(2);
  });

  it('when git grep fails (a git without PCRE)', () => {
    const repo = specialRepo();
    const bin = keep(tempDir());
    const log = path.join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // A git that refuses grep -P, as one built without PCRE does; everything else is the real git.
    writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\nfor a in "$@"; do if [ "$a" = grep ]; then echo grep >> "${log}"; echo "fatal: cannot use Perl-compatible regexes when not compiled with USE_LIBPCRE" >&2; exit 128; fi; done\nexec "${realGit}" "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const argv = ['scan', '--format', 'json', '--max-file-size', '2KB'];
    const pre = cliProcess(argv, repo, env);
    expect(existsSync(log)).toBe(true); // grep was tried
    const full = cliProcess(argv, repo, { CREDLINT_GIT_PREFILTER: '0' });
    expect(pre.stdout).toBe(full.stdout);
    expect(pre.code).toBe(2);
  });

  it.skipIf(process.getuid === undefined)('an unreadable tracked file: reported (exit 2) exactly as by the full scan', () => {
    const repo = specialRepo();
    rmSync(path.join(repo, 'nested'), { recursive: true, force: true });
    chmodSync(path.join(repo, 'clean/b.py'), 0);
    giveToNobody(repo);
    const pre = runCli(['scan', '--format', 'json'], repo, { asNobody: true });
    const full = runCli(['scan', '--format', 'json'], repo, { asNobody: true, env: { CREDLINT_GIT_PREFILTER: '0' } });
    expect(pre.stdout).toBe(full.stdout);
    expect(pre.code).toBe(2);
    expect(JSON.parse(pre.stdout).summary.errors.map((e: { file: string; code: string }) => `${e.file}:${e.code}`)).toContain('clean/b.py:unreadable');
  });
});

describe('tree prefilter: the pattern git grep runs', () => {
  it('lists exactly the files that are not valid UTF-8 or hold a NUL (2,000 random byte strings, against isUtf8)', () => {
    const rand = prng(8);
    const pieces = [[0x61], [0x0a], [0x00], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xed, 0x9f, 0xbf], [0xef, 0xbb, 0xbf]];
    const dir = keep(gitRepo({}));
    const invalid = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes: number[] = [];
      for (let k = 0, n = 1 + Math.floor(rand() * 6); k < n; k++) {
        if (rand() < 0.25) bytes.push(0x80 + Math.floor(rand() * 0x80)); // any high byte, anywhere
        else bytes.push(...(pieces[Math.floor(rand() * pieces.length)] as number[]).slice(0, rand() < 0.1 ? 1 : undefined));
      }
      const buf = Buffer.from(bytes);
      writeFileSync(path.join(dir, `f${i}`), buf);
      if (!isUtf8(buf) || buf.includes(0)) invalid.add(`f${i}`); // NUL is UTF-8, but binary to git and credlint
    }
    git(dir, 'add', '-A');
    const out = execFileSync('git', ['grep', '-l', '-z', '-P', '-e', INVALID_UTF8_PCRE], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    const listed = new Set(out.toString('utf8').split('\0').filter(Boolean));
    expect(invalid.size).toBeGreaterThan(500);
    expect(invalid.size).toBeLessThan(1900);
    expect([...listed].sort()).toEqual([...invalid].sort());
  });

  it('git grep finishes on megabytes of adversarial lines (a super-linear pattern would hang)', () => {
    const dir = keep(gitRepo({}));
    const s = secret(40);
    const units = ['secret', `secret${' '.repeat(23)}`, `secret=${s.slice(0, 39)};`, `aws${'k'.repeat(60)}key = `, `token${'+='.repeat(11)}${'a'.repeat(99)}.`, 'secret: string = x', '\xc3\xa9\xa9'];
    // latin1: one byte per character, so the last unit is the bytes C3 A9 A9
    units.forEach((u, i) => writeFileSync(path.join(dir, `adv${i}.txt`), Buffer.from(u.repeat(Math.ceil((2 << 20) / u.length)), 'latin1')));
    git(dir, 'add', '-A');
    const r = spawnSync('git', ['grep', '-l', '-P', '-e', treeGrepPattern(true)], { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 });
    expect({ status: r.status, signal: r.signal, stderr: r.stderr.toString() }).toEqual({ status: 0, signal: null, stderr: '' });
  }, 90_000);
});
