import { chmodSync, existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, removeDir, type JsonReport } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const repo = (files: Record<string, string>) => {
  const d = gitRepo({ '.gitignore': '*.env\n.env*\n', ...files });
  dirs.push(d);
  return d;
};
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

describe('credlint dotenv --check (opt-in style checks)', () => {
  it('style checks run only when asked for', async () => {
    const dir = repo({ '.env': 'B=1\nA=2\n\n\nfoo=1\nBAR\nX=${Y' });
    const ids = async (argv: string[]) => (JSON.parse((await cli(['dotenv', '--format', 'json', '.env', ...argv], dir)).stdout) as JsonReport).findings.map((f) => f.ruleId);
    const plain = await ids([]);
    for (const id of ['unordered-key', 'lowercase-key', 'extra-blank-line', 'ending-blank-line', 'key-without-value', 'substitution-key']) expect(plain).not.toContain(id);
    const all = await ids(['--check', 'all-style']);
    for (const id of ['unordered-key', 'lowercase-key', 'extra-blank-line', 'ending-blank-line', 'key-without-value', 'substitution-key']) expect(all).toContain(id);
    const two = await ids(['--check', 'lowercase-key,unordered-key']);
    expect(two).toContain('lowercase-key');
    expect(two).toContain('unordered-key');
    expect(two).not.toContain('extra-blank-line');
  });

  it.each([['nope'], ['schema']])('--check %s is a usage error (exit 2)', async (id) => {
    const dir = repo({ '.env': 'A=1\n' });
    const r = await cli(['dotenv', '--check', id, '.env'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(id);
  });
});

describe('credlint dotenv --fix --dry-run', () => {
  it.each([
    ['style and format fixes', { '.env': 'B = "v"\nA=2\n\n\n\nC=3  \nFOO\nZ="x y"' }],
    ['CRLF and a missing final line break', { '.env': 'B=1\r\nA=2\r\n\r\n\r\nC="x"' }],
    ['several files, one in a subdirectory', { '.env': 'K="v"\n', 'app/.env': 'B=1\nA=2\n\n\n# end\n', 'clean.env': 'A=1\n' }],
    ['a long file with scattered fixes', { '.env': Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `K${i} = "v${i}"` : i % 11 === 0 ? '' : `K${i}=v${i}`)).join('\n') + '\n\n\n' }],
  ])('%s: prints a patch `git apply` accepts, giving exactly what --fix writes; writes nothing', async (_name, files) => {
    const dir = repo(files);
    const names = Object.keys(files);
    const args = ['--fix', '--check', 'all-style', ...names];
    const dry = await cli(['dotenv', '--dry-run', ...args], dir);
    expect(dry.code).not.toBe(2);
    for (const f of names) expect(read(dir, f)).toBe(files[f as keyof typeof files]);
    expect(dry.stdout.startsWith('--- a/')).toBe(true);
    expect(dry.stderr).toContain('nothing written');
    writeFileSync(path.join(dir, 'fix.patch'), dry.stdout);
    git(dir, 'apply', '--check', 'fix.patch');
    git(dir, 'apply', 'fix.patch');
    const applied = Object.fromEntries(names.map((f) => [f, read(dir, f)]));
    // back to the originals, then the real fix
    for (const f of names) writeFileSync(path.join(dir, f), files[f as keyof typeof files]);
    const real = await cli(['dotenv', ...args], dir);
    expect(real.code).not.toBe(2);
    for (const f of names) expect(read(dir, f)).toBe(applied[f]);
    expect(Object.values(applied).some((t, i) => t !== files[names[i] as keyof typeof files])).toBe(true);
    expect(existsSync(path.join(dir, '.env.bak'))).toBe(false); // no backup unless asked
  });

  it('a BOM and file names git must quote (space, quote, non-ASCII): the patch still applies', async () => {
    const files = { '.env': '\ufeffA = 1\nB=2\n', 'my file.env': 'A = 1\n', 'h\u00e9llo "q".env': 'A = "1"\n' };
    const dir = repo(files);
    const names = Object.keys(files);
    const dry = await cli(['dotenv', '--fix', '--dry-run', '--dialect', 'dotenv', ...names], dir);
    expect(dry.stdout).toContain('--- "a/h\\303\\251llo \\"q\\".env"');
    writeFileSync(path.join(dir, 'fix.patch'), dry.stdout);
    git(dir, 'apply', '--check', 'fix.patch');
    git(dir, 'apply', 'fix.patch');
    expect(read(dir, '.env')).toBe('\ufeffA=1\nB=2\n');
    expect(read(dir, 'my file.env')).toBe('A=1\n');
    expect(read(dir, 'h\u00e9llo "q".env')).toBe('A="1"\n');
  });

  it('prints nothing when there is nothing to fix', async () => {
    const dir = repo({ '.env': 'A=1\n' });
    const r = await cli(['dotenv', '--fix', '--dry-run', '.env'], dir);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    [['--dry-run']],
    [['--backup']],
    [['--fix', '--dry-run', '--backup']],
    [['--fix', '--dry-run', '--format', 'json']],
  ])('%j is a usage error', async (argv) => {
    const dir = repo({ '.env': 'A = 1\n' });
    expect((await cli(['dotenv', ...argv, '.env'], dir)).code).toBe(2);
    expect(read(dir, '.env')).toBe('A = 1\n');
  });
});

describe('credlint dotenv --fix --backup', () => {
  it('keeps NAME.bak with the original bytes and mode, never overwrites a backup', async () => {
    const dir = repo({ '.env': 'A = 1\n', '.env.bak': 'an older backup\n' });
    chmodSync(path.join(dir, '.env'), 0o600);
    const r = await cli(['dotenv', '--fix', '--backup', '.env'], dir);
    expect(r.code).toBe(0);
    expect(read(dir, '.env')).toBe('A=1\n');
    expect(read(dir, '.env.bak')).toBe('an older backup\n');
    expect(read(dir, '.env.1.bak')).toBe('A = 1\n');
    expect(statSync(path.join(dir, '.env.1.bak')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain('.env.1.bak');
    writeFileSync(path.join(dir, '.env'), 'B = 2\n');
    await cli(['dotenv', '--fix', '--backup', '.env'], dir);
    expect(read(dir, '.env.2.bak')).toBe('B = 2\n');
    // backups are not env files: a default run neither lints nor rewrites them
    const all = await cli(['dotenv', '--fix', '--format', 'json'], dir);
    expect((JSON.parse(all.stdout) as JsonReport).findings.map((f) => f.file).filter((f) => f.includes('bak'))).toEqual([]);
    expect(read(dir, '.env.1.bak')).toBe('A = 1\n');
  });

  it('without --backup, no backup; nothing to fix, no backup', async () => {
    const dir = repo({ '.env': 'A = 1\n', 'ok.env': 'A=1\n' });
    await cli(['dotenv', '--fix', '.env'], dir);
    await cli(['dotenv', '--fix', '--backup', 'ok.env'], dir);
    expect(existsSync(path.join(dir, '.env.bak'))).toBe(false);
    expect(existsSync(path.join(dir, 'ok.env.bak'))).toBe(false);
  });

  it('a symbolic link: the target is fixed, the link stays, the backup sits next to the link', async () => {
    const dir = repo({ 'real.env': 'A = 1\n' });
    symlinkSync('real.env', path.join(dir, '.env'));
    await cli(['dotenv', '--fix', '--backup', '.env'], dir);
    expect(lstatSync(path.join(dir, '.env')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real.env')).toBe('A=1\n');
    expect(lstatSync(path.join(dir, '.env.bak')).isFile()).toBe(true);
    expect(read(dir, '.env.bak')).toBe('A = 1\n');
  });

  it('a fix that is not written leaves no backup behind', async () => {
    const dir = repo({ '.env': 'A = 1\n' });
    chmodSync(path.join(dir, '.env'), 0o444);
    const r = await cli(['dotenv', '--fix', '--backup', '.env'], dir);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, '.env.bak'))).toBe(false);
  });
});

describe('credlint dotenv --schema', () => {
  const schema = (entries: unknown) => JSON.stringify({ version: '1.0.0', entries });
  it('reports schema violations as errors', async () => {
    const dir = repo({ 'schema.json': schema({ PORT: { type: 'Integer', required: true }, AWS_REGION: { type: 'AwsRegion' } }), '.env': 'PORT=eighty\nAWS_REGION=eu-west-1\nEXTRA=1\n' });
    const r = await cli(['dotenv', '--format', 'json', '--schema', 'schema.json', '.env'], dir);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as JsonReport).findings.filter((f) => f.ruleId === 'schema');
    expect(found.map((f) => f.line)).toEqual([1, 3]);
    expect(found[0]?.message).toContain('not a valid Integer');
  });

  it.each([
    ['duplicate keys', '{"version":"1.0.0","entries":{"A":{"type":"String"},\n"A":{"type":"Integer"}}}', 'appears twice'],
    ['an unknown type', schema({ A: { type: 'Number' } }), 'unknown type'],
    ['not JSON', '{version: 1}', 'not valid JSON'],
    ['a backreference', schema({ A: { type: 'String', regex: '(a)\\1' } }), 'backreferences'],
    ['look-ahead', schema({ A: { type: 'String', regex: '(?=a)a' } }), 'look-around'],
    ['a regex on a non-string', schema({ A: { type: 'Integer', regex: '1' } }), 'String only'],
  ])('a schema with %s is rejected with exit 2', async (_name, json, words) => {
    const dir = repo({ 'schema.json': json, '.env': 'A=1\n' });
    const r = await cli(['dotenv', '--schema', 'schema.json', '.env'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid schema');
    expect(r.stderr).toContain(words);
  });

  it('a missing schema file is exit 2', async () => {
    const dir = repo({ '.env': 'A=1\n' });
    expect((await cli(['dotenv', '--schema', 'nope.json', '.env'], dir)).code).toBe(2);
  });
});
