/**
 * Issue 10, file-system items: what the tree scan cannot read fails it (exit 2), what it chooses not
 * to read is noted (exit 0), symbolic links are never followed, FIFOs never opened. Real files,
 * real permissions (the CLI runs as nobody), real git repositories, the real CLI process.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { colors } from '../dist/colors.js';
import { exitCode, isFatal } from '../dist/exit-code.js';
import { stylishFile } from '../dist/format/stylish.js';
import { BIN, git, gitRepo, writeTree } from './helpers.js';
import { giveToNobody, leak, mkfifo, openTempDir, runCli, runJson } from './fs-harness.js';

const dirs: string[] = [];
const keep = (d: string) => (dirs.push(d), d);
afterEach(() => {
  // `rm -rf`, not rmSync: trees deeper than PATH_MAX and chmod 000 directories.
  for (const d of dirs.splice(0)) execFileSync('rm', ['-rf', d]);
});

const codes = (r: { summary: { errors: { file: string; code: string; fatal: boolean }[] } }) =>
  r.summary.errors.map((e) => [e.file, e.code, e.fatal]);

/** A tree deeper than PATH_MAX (4096): built with relative mkdir/cd steps, which have no length limit. */
function deepTree(root: string, leaf: string): void {
  const seg = 'd'.repeat(50);
  // bash: dash's cd fails once $PWD passes PATH_MAX.
  execFileSync('bash', ['-c', `cd "$1" && mkdir deep && cd deep && for i in $(seq 90); do mkdir ${seg} && cd ${seg} || exit 1; done && printf '%s' "$2" > leaf.ts`, 'bash', root, leaf]);
}

describe('the exit-code rule (one function)', () => {
  it.each<[string, Parameters<typeof exitCode>[0], number]>([
    ['nothing', { notes: [], errors: 0, warnings: 0 }, 0],
    ['findings', { notes: [], errors: 1, warnings: 0 }, 1],
    ['too many warnings', { notes: [], errors: 0, warnings: 3, maxWarnings: 2 }, 1],
    [
      'notes only',
      { notes: ['binary', 'not-a-file', 'symlink', 'deleted', 'invalid-utf8', 'submodule', 'submodule-not-checked-out'].map((code) => ({ code })), errors: 0, warnings: 0 },
      0,
    ],
    ...['unreadable', 'too-large', 'missing', 'write-failed', 'analysis-failed', 'a-code-nobody-knows'].map(
      (code): [string, Parameters<typeof exitCode>[0], number] => [`fatal ${code} beats findings`, { notes: [{ code }], errors: 5, warnings: 0 }, 2],
    ),
    ['an explicit flag wins over the code', { notes: [{ code: 'binary', fatal: true }], errors: 0, warnings: 0 }, 2],
  ])('%s', (_name, input, expected) => {
    expect(exitCode(input)).toBe(expected);
  });

  it('unknown codes are fatal (fail closed)', () => {
    expect(isFatal({ code: 'shared-file-unreadable' })).toBe(true);
  });
});

describe('item 4: directories that cannot be listed are reported, exit 2', () => {
  it('a chmod 000 directory outside git, scanned as nobody', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'ok.ts': leak(1), 'locked/secret.ts': leak(2), 'open/inner.ts': leak(3) });
    chmodSync(path.join(dir, 'open'), 0o755);
    chmodSync(path.join(dir, 'locked'), 0);
    const { code, report } = runJson([], dir, { asNobody: true });
    expect(code).toBe(2);
    expect(codes(report)).toEqual([['locked', 'unreadable', true]]);
    expect(report.summary.errors[0]?.message).toContain('EACCES');
    // The rest is still scanned and reported.
    expect(report.findings.map((f) => f.file)).toEqual(['ok.ts', 'open/inner.ts']);
  });

  it('an untracked chmod 000 directory in a git repository (git only warns), scanned as nobody', () => {
    const dir = keep(gitRepo({ 'ok.ts': leak(4), 'sub/locked/secret.ts': leak(5) }));
    git(dir, 'add', 'ok.ts');
    giveToNobody(dir);
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'sub/locked'), 0);
    const top = runJson([], dir, { asNobody: true });
    expect(top.code).toBe(2);
    expect(codes(top.report)).toEqual([['sub/locked', 'unreadable', true]]);
    expect(top.report.findings.map((f) => f.file)).toEqual(['ok.ts']);
    // From a subdirectory, the path is shown relative to it.
    const sub = runJson([], path.join(dir, 'sub'), { asNobody: true });
    expect(sub.code).toBe(2);
    expect(codes(sub.report)).toEqual([['locked', 'unreadable', true]]);
  });

  it('a subtree deeper than PATH_MAX (ENAMETOOLONG), outside git and in a git repository', () => {
    const plain = keep(openTempDir());
    writeTree(plain, { 'ok.ts': leak(6) });
    deepTree(plain, leak(7));
    const walked = runJson([], plain);
    expect(walked.code).toBe(2);
    expect(walked.report.summary.errors).toHaveLength(1);
    expect(walked.report.summary.errors[0]).toMatchObject({ code: 'unreadable', fatal: true, message: expect.stringContaining('ENAMETOOLONG') });
    expect(walked.report.summary.errors[0]?.file.startsWith('deep/')).toBe(true);

    const repo = keep(gitRepo({ 'ok.ts': leak(8) }));
    deepTree(repo, leak(9));
    const listed = runJson([], repo);
    expect(listed.code).toBe(2);
    expect(listed.report.summary.errors.map((e) => [e.code, e.fatal])).toEqual([['unreadable', true]]);
    expect(listed.report.findings.map((f) => f.file)).toEqual(['ok.ts']);
  });

  it('an unreadable file is an I/O error (exit 2) when run as nobody, not skipped as root', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'locked.ts': leak(10) });
    chmodSync(path.join(dir, 'locked.ts'), 0);
    const { code, report } = runJson(['locked.ts'], dir, { asNobody: true });
    expect(code).toBe(2);
    expect(codes(report)).toEqual([['locked.ts', 'unreadable', true]]);
  });
});

describe('item 6: UTF-16 with a BOM is text', () => {
  const key = fakeAccessKeyId({ seed: 60 });
  const line2 = `$café = "☕"; $accessKeyId = "${key}"`;
  const text = `# héllo\r\n${line2}\r\n`;
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

  it.each<[string, Buffer]>([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
  ])('%s: decoded and scanned, positions in the text', (_name, bytes) => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'profile.ps1': bytes });
    const { code, report } = runJson([], dir);
    expect(code).toBe(1);
    expect(report.summary.errors).toEqual([]);
    expect(report.findings.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([['profile.ps1', 2, line2.indexOf(key) + 1, line2.indexOf(key) + 21]]);
  });

  it('an over-size UTF-16 file is too-large text (exit 2), not a binary note', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'big.ps1': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${'x'.repeat(4000)}\n${text}`, 'utf16le')]) });
    const { code, report } = runJson(['--max-file-size', '4KB'], dir);
    expect(code).toBe(2);
    expect(codes(report)).toEqual([['big.ps1', 'too-large', true]]);
  });
});

describe('the size limit: over-limit text fails, over-limit binary is a note', () => {
  it('sniffs the head of an over-limit file', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'big.txt': `${'x'.repeat(20_000)}\n${leak(61)}`, 'big.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.alloc(20_000, 0x41)]) });
    const { code, report, stderr } = runJson(['--max-file-size', '10KB'], dir);
    expect(code).toBe(2);
    expect(codes(report)).toEqual([
      ['big.bin', 'binary', false],
      ['big.txt', 'too-large', true],
    ]);
    expect(report.summary.errors[1]?.message).toContain('--max-file-size');
    expect(stderr).toBe('');
    const stylish = runCli(['scan', '--max-file-size', '10KB'], dir);
    expect(stylish.stdout).toMatch(/big\.txt: not scanned: \d+ bytes is over the size limit/);
    expect(stylish.stdout).toContain('1 path could not be scanned');
  });

  it('the default limit takes a 5 MB lock file', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'pnpm-lock.yaml': `${'  resolution: {integrity: sha512-abc}\n'.repeat(140_000)}${leak(62)}` });
    const { code, report } = runJson([], dir);
    expect(code).toBe(1);
    expect(report.summary.errors).toEqual([]);
  });
});

describe('item 8: ordinary git states are notes, exit 0', () => {
  it('deleted tracked file, sparse checkout, dangling tracked symlink, tracked symlink loop', () => {
    const dir = keep(gitRepo({ 'keep/a.ts': 'export {};\n', 'other/b.ts': 'export {};\n', 'gone.ts': 'export {};\n' }));
    symlinkSync('/nonexistent/credlint-target', path.join(dir, 'dangling'));
    symlinkSync('loop-b', path.join(dir, 'loop-a'));
    symlinkSync('loop-a', path.join(dir, 'loop-b'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    rmSync(path.join(dir, 'gone.ts'));
    git(dir, 'sparse-checkout', 'set', 'keep');
    const { code, report } = runJson([], dir);
    expect(code).toBe(0);
    expect(codes(report)).toEqual([
      ['dangling', 'symlink', false],
      ['gone.ts', 'deleted', false],
      ['loop-a', 'symlink', false],
      ['loop-b', 'symlink', false],
      ['other/b.ts', 'deleted', false],
    ]);
    expect(report.summary.files).toBe(1);
    // Stylish: a clean result; the notes are counted, listed with --verbose.
    const stylish = runCli(['scan'], dir);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toContain('(symlink: 3, deleted: 2)');
    expect(runCli(['scan', '--verbose'], dir).stdout).toContain('gone.ts: skipped: listed by git but absent from the work tree');
  });
});

describe('item 9: symbolic links are never followed', () => {
  it('a committed link to a credentials file outside the tree is not read (git and plain walk)', () => {
    const outside = keep(openTempDir());
    writeFileSync(path.join(outside, 'credentials'), `[default]\naws_access_key_id = ${fakeAccessKeyId({ seed: 90 })}\n`);
    const repo = keep(gitRepo({ 'a.ts': 'export {};\n' }));
    symlinkSync(path.join(outside, 'credentials'), path.join(repo, 'creds.txt'));
    mkdirSync(path.join(repo, 'sub'));
    symlinkSync(outside, path.join(repo, 'sub', 'linkdir'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'links');
    const listed = runJson([], repo);
    expect(listed.code).toBe(0);
    expect(listed.report.findings).toEqual([]);
    expect(codes(listed.report)).toEqual([
      ['creds.txt', 'symlink', false],
      ['sub/linkdir', 'symlink', false],
    ]);

    rmSync(path.join(repo, '.git'), { recursive: true });
    const walked = runJson([], repo);
    expect(walked.code).toBe(0);
    expect(walked.report.findings).toEqual([]);
    expect(codes(walked.report)).toEqual([
      ['creds.txt', 'symlink', false],
      ['sub/linkdir', 'symlink', false],
    ]);
  });

  it('a tracked file under a directory replaced by a link is not read through it', () => {
    const outside = keep(openTempDir());
    writeFileSync(path.join(outside, 'x.ts'), leak(91));
    const repo = keep(gitRepo({ 'dir/x.ts': 'export {};\n' }));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
    rmSync(path.join(repo, 'dir'), { recursive: true });
    symlinkSync(outside, path.join(repo, 'dir'));
    const { code, report } = runJson([], repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    // The link itself (untracked) and the tracked path behind it.
    expect(codes(report)).toEqual([
      ['dir', 'symlink', false],
      ['dir/x.ts', 'symlink', false],
    ]);
  });

  it('a named link is followed only inside the repository (or the directory outside git)', () => {
    const outside = keep(openTempDir());
    writeFileSync(path.join(outside, 'x.ts'), leak(92));
    const dir = keep(openTempDir());
    writeTree(dir, { 'src/real.ts': leak(93) });
    symlinkSync('src/real.ts', path.join(dir, 'inside.ts'));
    symlinkSync(path.join(outside, 'x.ts'), path.join(dir, 'outside.ts'));
    symlinkSync('nowhere.ts', path.join(dir, 'dangling.ts'));
    const { code, report } = runJson(['inside.ts', 'outside.ts', 'dangling.ts'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(['src/real.ts']);
    expect(report.summary.errors.map((e) => [e.file, e.code, e.message])).toEqual([
      ['dangling.ts', 'symlink', 'not followed: dangling symbolic link (its target does not exist)'],
      ['outside.ts', 'symlink', 'not followed: symbolic link to a path outside the scanned repository or directory'],
    ]);
  });
});

describe('item 12: a missing path among several', () => {
  it('is reported (missing, fatal) while the rest is scanned and the JSON emitted', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'a.ts': leak(120) });
    symlinkSync('loop2', path.join(dir, 'loop1'));
    symlinkSync('loop1', path.join(dir, 'loop2'));
    const { code, report } = runJson(['a.ts', 'nope.ts', 'loop1'], dir);
    expect(code).toBe(2);
    expect(report.findings.map((f) => f.file)).toEqual(['a.ts']);
    expect(report.summary.errors.map((e) => [e.file, e.code, e.fatal, e.message])).toEqual([
      ['loop1', 'symlink', false, 'not followed: symbolic link loop'],
      ['nope.ts', 'missing', true, 'no such file or directory'],
    ]);
  });
});

describe('item 14: FIFOs never block the scan', () => {
  it('a FIFO in a walked tree, named, in a git repo, and behind a committed symlink', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { 'a.ts': 'export {};\n' });
    mkfifo(path.join(dir, 'pipe'));
    const walked = runJson([], dir, { timeoutMs: 20_000 });
    expect(walked.code).toBe(0);
    expect(codes(walked.report)).toEqual([['pipe', 'not-a-file', false]]);
    const named = runJson(['pipe', 'a.ts'], dir, { timeoutMs: 20_000 });
    expect(named.code).toBe(0);
    expect(codes(named.report)).toEqual([['pipe', 'not-a-file', false]]);

    const repo = keep(gitRepo({ 'a.ts': 'export {};\n' }));
    mkfifo(path.join(repo, 'fifo'));
    symlinkSync('fifo', path.join(repo, 'to-fifo'));
    git(repo, 'add', 'a.ts', 'to-fifo');
    git(repo, 'commit', '-q', '-m', 'link to a fifo');
    const listed = runJson([], repo, { timeoutMs: 20_000 });
    expect(listed.code).toBe(0);
    expect(codes(listed.report)).toEqual([['to-fifo', 'symlink', false]]);
    const namedLink = runJson(['to-fifo'], repo, { timeoutMs: 20_000 });
    expect(namedLink.code).toBe(0);
    expect(codes(namedLink.report)).toEqual([['fifo', 'not-a-file', false]]);
  });
});

describe('item 14: ignore files that are links or FIFOs are not read', () => {
  it('a committed .credlintignore link to a FIFO and a .gitignore FIFO do not hang the scan', () => {
    const repo = keep(gitRepo({ 'a.ts': leak(140) }));
    mkfifo(path.join(repo, 'fifo'));
    symlinkSync('fifo', path.join(repo, '.credlintignore'));
    git(repo, 'add', 'a.ts', '.credlintignore');
    const listed = runJson([], repo, { timeoutMs: 20_000 });
    expect(listed.code).toBe(1);
    expect(listed.report.findings.map((f) => f.file)).toEqual(['a.ts']);

    const dir = keep(openTempDir());
    writeTree(dir, { 'sub/a.ts': leak(141) });
    mkfifo(path.join(dir, 'sub', '.gitignore'));
    symlinkSync('sub/.gitignore', path.join(dir, '.credlintignore'));
    const walked = runJson([], dir, { timeoutMs: 20_000 });
    expect(walked.code).toBe(1);
    expect(walked.report.findings.map((f) => f.file)).toEqual(['sub/a.ts']);
    expect(codes(walked.report)).toEqual([
      ['.credlintignore', 'symlink', false],
      ['sub/.gitignore', 'not-a-file', false],
    ]);
  });
});

describe('item 31: usage errors quote what was typed, escaped', () => {
  it('an unknown format or command with an ESC in it', () => {
    const dir = keep(openTempDir());
    const r = runCli(['scan', '--format', 'x\u001b[2Jy'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x\\x1b[2Jy');
    expect(r.stderr).not.toContain('\u001b');
    const u = runCli(['sc\u001ban'], dir);
    expect(u.stderr).toContain('sc\\x1ban');
    expect(u.stderr).not.toContain('\u001b');
  });
});

describe('item 19: hundreds of thousands of findings in one file', () => {
  it('200k key ids: full JSON, exit 1, no RangeError', () => {
    const dir = keep(openTempDir());
    const ids = Array.from({ length: 500 }, (_, i) => fakeAccessKeyId({ seed: 1000 + i }));
    let text = '';
    for (let i = 0; i < 200_000; i++) text += `${ids[i % ids.length]}\n`;
    writeTree(dir, { 'keys.txt': text });
    const { code, report, stderr } = runJson([], dir, { timeoutMs: 300_000 });
    expect(stderr).not.toContain('RangeError');
    expect(code).toBe(1);
    expect(report.summary.findings).toBe(200_000);
    expect(report.findings).toHaveLength(200_000);
    expect(report.summary.errors).toEqual([]);
  }, 400_000);

  it('stylish lays out 200k findings of one file (its column width was a Math.max(...spread))', () => {
    const f = { file: 'keys.txt', line: 1, column: 1, endLine: 1, endColumn: 21, ruleId: 'aws-access-key-id', kind: 'access-key-id' as const, severity: 'error' as const, message: 'm', fingerprint: '' };
    const many = Array.from({ length: 200_000 }, (_, i) => ({ ...f, line: i + 1 }));
    const out = stylishFile(many, colors(false));
    expect(out.split('\n')).toHaveLength(200_003);
    expect(out).toContain('\n  200000:1  error');
  });

  it('a 260 KB .env of `x` lines (~130k diagnostics): full JSON, exit 1', () => {
    const dir = keep(openTempDir());
    writeTree(dir, { '.env': 'x\n'.repeat(130_000) });
    const { code, report, stderr } = runJson([], dir, { timeoutMs: 300_000 });
    expect(stderr).not.toContain('RangeError');
    expect(report.summary.errors).toEqual([]);
    expect(report.findings.length).toBeGreaterThanOrEqual(130_000);
    expect(code).toBe(1);
  }, 400_000);
});

describe('item 21: a closed pipe (scan | head -1)', () => {
  it('exits 141 quietly: no "Unhandled \'error\' event", never 1', () => {
    const dir = keep(openTempDir());
    // Enough stylish output to overflow the pipe buffer after head has gone.
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`f${i}.ts`] = leak(2000 + i);
    writeTree(dir, files);
    const script = `set -o pipefail; "$1" "$2" scan 2>"$3" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const err = path.join(dir, 'stderr.txt');
    const out = execFileSync('bash', ['-c', script, 'bash', process.execPath, BIN, err], { cwd: dir, encoding: 'utf8' });
    expect(Number(out.trim())).toBe(141);
    expect(execFileSync('cat', [err], { encoding: 'utf8' })).toBe('');
  });
});

describe('item 31: control characters in file names', () => {
  it('are escaped in stylish output and notes; SARIF URIs are percent-encoded', () => {
    const dir = keep(openTempDir());
    const evil = 'evil\u001b]0;pwned\u0007\nfake.ts:1:1  error\r\u2028#?%.ts';
    writeTree(dir, { [evil]: leak(310), [`${evil}.bin`]: Buffer.from([0, 1, 2]) });
    const stylish = runCli(['scan', '--verbose', '.', 'nope\u001b[2J'], dir);
    expect(stylish.code).toBe(2);
    for (const raw of ['\u001b', '\u0007', '\r', '\u2028']) expect(stylish.stdout.includes(raw), JSON.stringify(raw)).toBe(false);
    expect(stylish.stdout).not.toMatch(/^fake\.ts/m);
    expect(stylish.stdout).toContain('evil\\x1b]0;pwned\\x07\\x0afake.ts:1:1  error\\x0d\\u2028#?%.ts');
    expect(stylish.stdout).toContain('nope\\x1b[2J: no such file or directory');

    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif'], dir).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uri = sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
    expect(uri).toBe(encodeURIComponent(evil));
    expect(decodeURIComponent(uri)).toBe(evil);
  });
});
