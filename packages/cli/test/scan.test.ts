import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { run } from '../dist/index.js';
import { REPO_ROOT, cli, removeDir, scanJson, tempDir, writeTree } from './helpers.js';
import { openTempDir, runJson } from './fs-harness.js';

const KEY = fakeAccessKeyId({ seed: 11 });
const SECRET = fakeSecretAccessKey(11);
const leak = (seed: number) => `export const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;

describe('credlint scan: what is read (outside git)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, {
      'src/config.ts': `const x = 1;\nconst accessKeyId = "${KEY}";\nconst secretAccessKey = "${SECRET}";\n`,
      'src/clean.ts': 'export const region = process.env.AWS_REGION;\n',
      '.gitignore': 'build/\n*.log\n',
      'build/out.js': leak(12),
      'debug.log': leak(13),
      'node_modules/pkg/index.js': leak(14),
      'nested/.gitignore': 'secret-dir/\n',
      'nested/secret-dir/a.ts': leak(15),
      'nested/kept.ts': leak(16),
      '.credlintignore': 'fixtures/\n',
      'fixtures/key.ts': leak(17),
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, ...Buffer.from(KEY)]),
      'latin1.txt': Buffer.concat([Buffer.from('caf\xe9 accessKeyId = ', 'latin1'), Buffer.from(fakeAccessKeyId({ seed: 18 }))]),
      'big.txt': `${'x'.repeat(3 * 1024 * 1024)}\n${leak(19)}`,
    });
  });
  afterAll(() => removeDir(dir));

  it('reports findings with docs/cli.md positions and masked messages', async () => {
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    const config = report.findings.filter((f) => f.file === 'src/config.ts');
    expect(config.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.severity])).toEqual([
      ['aws-access-key-id', 2, 22, 2, 42, 'error'],
      ['aws-secret-access-key', 3, 26, 3, 66, 'error'],
    ]);
    expect(config[0]?.message).toContain(`${KEY.slice(0, 4)}…${KEY.slice(-4)}`);
  });

  it.each([
    ['build/out.js', '.gitignore'],
    ['debug.log', '.gitignore glob'],
    ['node_modules/pkg/index.js', 'node_modules'],
    ['nested/secret-dir/a.ts', 'nested .gitignore'],
    ['fixtures/key.ts', '.credlintignore'],
  ])('skips %s (%s)', async (file) => {
    const { report } = await scanJson(dir);
    expect(report.findings.map((f) => f.file)).not.toContain(file);
  });

  it('scans files a nested .gitignore does not cover', async () => {
    const { report } = await scanJson(dir);
    expect(report.findings.map((f) => f.file)).toContain('nested/kept.ts');
  });

  it('lists binary and over-size files in summary.errors, and reads non-UTF-8 text as Latin-1', async () => {
    const { code, report } = await scanJson(dir, '--max-file-size', '2MB');
    const notes = Object.fromEntries(report.summary.errors.map((e) => [e.file, [e.code, (e as { fatal?: boolean }).fatal]]));
    expect(notes).toEqual({ 'big.txt': ['too-large', true], 'image.png': ['binary', false], 'latin1.txt': ['invalid-utf8', false] });
    // Over-size text was not scanned: the scan fails closed.
    expect(code).toBe(2);
    expect(report.findings.map((f) => f.file)).toContain('latin1.txt');
    // Scanned: src/config.ts, src/clean.ts, nested/kept.ts, latin1.txt and the three ignore files themselves.
    expect(report.summary.files).toBe(7);
  });

  it('columns count UTF-16 units of the text without its BOM (UTF-8 with non-ASCII, CRLF)', async () => {
    const key = fakeAccessKeyId({ seed: 20 });
    const line2 = `const café = "☕"; const accessKeyId = "${key}";`;
    const sub = tempDir();
    try {
      writeTree(sub, { 'bom.ts': `\uFEFF// héllo\r\n${line2}\r\n` });
      const { report } = await scanJson(sub);
      expect(report.findings.map((f) => [f.line, f.column, f.endColumn])).toEqual([[2, line2.indexOf(key) + 1, line2.indexOf(key) + 21]]);
      expect(report.summary.errors).toEqual([]);
    } finally {
      removeDir(sub);
    }
  });

  it('--max-file-size raises the limit', async () => {
    expect((await scanJson(dir, '--max-file-size', '2MB')).report.summary.errors.map((e) => e.code)).toContain('too-large');
    const { report } = await scanJson(dir, '--max-file-size', '4MB');
    expect(report.findings.map((f) => f.file)).toContain('big.txt');
    expect(report.summary.errors.map((e) => e.code)).not.toContain('too-large');
  });

  it('a named directory that .credlintignore lists is scanned (the override); a named file is not', async () => {
    const { report } = await scanJson(dir, 'fixtures');
    expect(report.findings.map((f) => f.file)).toEqual(['fixtures/key.ts']);
    const named = await scanJson(dir, 'fixtures/key.ts');
    expect(named.report.findings).toEqual([]);
  });
});

describe('credlint scan: exit codes and options', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, {
      'a.ts': leak(21),
      'ignored-inline.ts': `const accessKeyId = '${fakeAccessKeyId({ seed: 22 })}'; // credlint-ignore\n`,
      'clean.ts': 'export {};\n',
    });
  });
  afterAll(() => removeDir(dir));

  it.each<[string, string[], number]>([
    ['clean file', ['clean.ts'], 0],
    ['leaky file', ['a.ts'], 1],
    ['inline-ignored only', ['ignored-inline.ts'], 0],
    ['missing path', ['nope.ts'], 2],
    ['unknown format', ['--format', 'xml'], 2],
    ['unknown flag', ['--bogus'], 2],
    ['bad --max-warnings', ['--max-warnings', 'many'], 2],
    ['--whole-files without --staged', ['--whole-files'], 2],
  ])('%s → exit %i', async (_name, argv, expected) => {
    const r = await cli(['scan', ...argv], dir);
    expect(r.code).toBe(expected);
  });

  it('counts inline credlint-ignore findings in summary.ignored', async () => {
    const { report } = await scanJson(dir, 'ignored-inline.ts');
    expect(report.summary).toMatchObject({ files: 1, findings: 0, ignored: 1 });
  });

  it('JSON has exactly the keys docs/cli.md lists', async () => {
    const { report } = await scanJson(dir, 'a.ts');
    expect(Object.keys(report)).toEqual(['version', 'findings', 'summary']);
    expect(report.version).toBe(1);
    expect(Object.keys(report.findings[0] ?? {})).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'kind', 'severity', 'message']);
    expect(Object.keys(report.summary)).toEqual(['files', 'findings', 'ignored', 'errors']);
    const withNote = await scanJson(dir, 'a.ts', 'nope.ts');
    expect(Object.keys(withNote.report.summary.errors[0] ?? {})).toEqual(['file', 'code', 'message', 'fatal']);
  });

  it('--output writes the report to a file', async () => {
    const r = await cli(['scan', 'a.ts', '--format', 'json', '--output', 'out/report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')) as { summary: { findings: number } };
    expect(report.summary.findings).toBe(1);
  });

  it('stylish shows file:line:col, masked value, rule and hint, without colour when not a TTY', async () => {
    const r = await cli(['scan', 'a.ts'], dir);
    expect(r.stdout).toMatch(/^a\.ts\n {2}1:29 +error +AWS access key id AKIA…\w{4}.* aws-access-key-id\n.*↳ Deactivate/m);
    expect(r.stdout).not.toContain('\u001b[');
    const forced = await cli(['scan', 'a.ts', '--color'], dir);
    expect(forced.stdout).toContain('\u001b[31m');
  });

  it('an unreadable file is an I/O error (exit 2), listed in summary.errors', () => {
    // As nobody when run as root (CI): root reads everything.
    const sub = openTempDir();
    try {
      writeFileSync(path.join(sub, 'locked.ts'), 'x');
      chmodSync(path.join(sub, 'locked.ts'), 0);
      const { code, report } = runJson(['locked.ts'], sub, { asNobody: true });
      expect(code).toBe(2);
      expect(report.summary.errors).toEqual([{ file: 'locked.ts', code: 'unreadable', message: 'could not read: EACCES', fatal: true }]);
    } finally {
      removeDir(sub);
    }
  });
});

describe('credlint scan --baseline', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, { 'old.ts': leak(31) + leak(32) });
  });
  afterAll(() => removeDir(dir));

  it('records existing findings as fingerprints, then fails only on new ones', async () => {
    const write = await cli(['scan', '--baseline', 'credlint-baseline.json', '--update-baseline'], dir);
    expect(write.code).toBe(0);
    const text = readFileSync(path.join(dir, 'credlint-baseline.json'), 'utf8');
    for (const seed of [31, 32]) expect(text).not.toContain(fakeAccessKeyId({ seed }));
    const baseline = JSON.parse(text) as { version: number; findings: { file: string; ruleId: string; fingerprint: string }[] };
    expect(baseline.version).toBe(2);
    expect(baseline.findings).toHaveLength(2);
    expect(baseline.findings[0]).toEqual({ file: 'old.ts', ruleId: 'aws-access-key-id', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });

    const again = await scanJson(dir, '--baseline', 'credlint-baseline.json');
    expect(again.code).toBe(0);
    expect(again.report.summary).toMatchObject({ findings: 0, ignored: 2 });

    writeFileSync(path.join(dir, 'old.ts'), leak(31) + leak(32) + leak(33));
    const withNew = await scanJson(dir, '--baseline', 'credlint-baseline.json');
    expect(withNew.code).toBe(1);
    expect(withNew.report.findings.map((f) => f.line)).toEqual([3]);
  });

  it('a missing or malformed baseline is an error (exit 2)', async () => {
    expect((await cli(['scan', '--baseline', 'nope.json'], dir)).code).toBe(2);
    writeFileSync(path.join(dir, 'bad.json'), '{"findings": 3}');
    expect((await cli(['scan', '--baseline', 'bad.json'], dir)).code).toBe(2);
  });
});

describe('credlint scan: worker pool', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`d${i % 7}/f${i}.ts`] = i % 50 === 0 ? leak(100 + i) : `export const n${i} = ${i};\n`;
    // Env files in the pool's batches: workers load the dotenv validator for them.
    files['d3/.env'] = 'API_URL = https://example.test\n';
    files['d5/.aws/credentials'] = `[default]\naws_access_key_id = ${fakeAccessKeyId({ seed: 99, prefix: 'ASIA' })}\n`;
    writeTree(dir, files);
  });
  afterAll(() => removeDir(dir));

  it('gives the same report, in path order, with and without workers', async () => {
    const pooled = await scanJson(dir, '--jobs', '2');
    const inline = await scanJson(dir, '--jobs', '1');
    expect(pooled.report).toEqual(inline.report);
    expect(pooled.report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['space-around-equals', 'session-token-required']));
    const files = pooled.report.findings.map((f) => f.file);
    expect(files).toEqual([...files].sort());
  });
});

describe('credlint scan examples/ (the README command)', () => {
  it('shows all three parts: credentials, env-file checks and repository checks', async () => {
    const { code, report } = await scanJson(REPO_ROOT, 'examples/');
    expect(code).toBe(1);
    const kinds = new Set(report.findings.map((f) => f.kind));
    for (const k of ['access-key-id', 'secret-access-key', 'format', 'aws', 'repository']) expect(kinds).toContain(k);
    expect(report.findings.every((f) => f.file.startsWith('examples/'))).toBe(true);
  });

  it("the repository's own scan skips examples/ and fixtures through .credlintignore", async () => {
    const { report } = await scanJson(REPO_ROOT, 'packages', '.credlintignore');
    expect(report.findings.filter((f) => /(^|\/)(examples|fixtures|snapshots)\//.test(f.file))).toEqual([]);
  });
});

describe('progress on stderr', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 520; i++) files[`f${i}.txt`] = `line ${i}\n`;
    writeTree(dir, files);
  });
  afterAll(() => removeDir(dir));

  it('is shown for long scans when stderr is a TTY, and cleared at the end', async () => {
    const err = Object.assign(new PassThrough(), { isTTY: true });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    err.on('data', (c: Buffer) => chunks.push(c));
    out.resume();
    const code = await run(['scan', '--jobs', '1'], { stdout: out, stderr: err, env: {}, cwd: dir });
    expect(code).toBe(0);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/credlint: scanned \d+\/520 files/);
    expect(text.endsWith('\r\u001b[K')).toBe(true);
  });

  it('is not shown when stderr is not a TTY', async () => {
    const r = await cli(['scan'], dir);
    expect(r.stderr).toBe('');
  });
});
