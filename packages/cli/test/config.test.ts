// Issue 12 ("One configuration", item 6): the configuration file, through the built binary
// (bin/credlint.js) in real git repositories: discovery, precedence, fail-closed validation, and
// what each key changes in `scan`, `dotenv` and `doctor` output.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess, git, gitRepo, removeDir, tempDir, writeTree, type JsonReport } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});

function repo(files: Record<string, string> = {}): string {
  const dir = gitRepo(files);
  dirs.push(dir);
  return dir;
}

/** `credlint <argv…> --format json` through the binary; the report parsed. */
function json(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): { code: number; report: JsonReport; stderr: string } {
  const r = cliProcess([...argv, '--format', 'json'], cwd, env);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

const ids = (r: JsonReport) => r.findings.map((f) => `${f.file}:${f.ruleId}:${f.severity}`).sort();

/** A committed source file holding one access key id: exit 1 by default (an error). */
const KEY_FILE = () => ({ 'src/app.txt': `key = ${fakeAccessKeyId({ seed: 901 })}\n` });
const XCODE_ENV = 'export NODE_BINARY=$(command -v node)\n';

describe('discovery', () => {
  const RULES = { rules: { 'aws-access-key-id': 'warn' } };
  it.each([
    ['credlint.config.json', JSON.stringify(RULES)],
    ['.credlintrc.json', JSON.stringify(RULES)],
    ['.credlintrc', JSON.stringify(RULES)],
    ['credlint.config.mjs', `export default ${JSON.stringify(RULES)};\n`],
    ['credlint.config.cjs', `module.exports = ${JSON.stringify(RULES)};\n`],
    ['credlint.config.js', `export default ${JSON.stringify(RULES)};\n`],
    ['package.json', JSON.stringify({ name: 'x', type: 'module', credlint: RULES })],
  ])('%s is found and applied', (name, text) => {
    const dir = repo({ ...KEY_FILE(), [name]: text });
    // A credlint.config.js in an ESM package: a package.json without a credlint key is passed over.
    if (name === 'credlint.config.js') writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    const before = json(dir, ['scan', 'src', '--no-config']);
    expect(ids(before.report)).toEqual(['src/app.txt:aws-access-key-id:error']);
    expect(before.code).toBe(1);
    const after = json(dir, ['scan', 'src']);
    expect(ids(after.report)).toEqual(['src/app.txt:aws-access-key-id:warning']);
    expect(after.code).toBe(0);
  });

  it('is searched from the scanned directory (or cwd) up to the repository root', () => {
    const dir = repo({ ...KEY_FILE(), '.credlintrc.json': JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }) });
    expect(json(path.join(dir, 'src'), ['scan']).report.findings).toEqual([]);
    expect(json(dir, ['scan', 'src/app.txt']).report.findings).toEqual([]);
  });

  it('stops at the repository root: a config above the repository is not read', () => {
    const outer = tempDir('credlint-outer-');
    dirs.push(outer);
    writeFileSync(path.join(outer, '.credlintrc.json'), JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }));
    const inner = path.join(outer, 'project');
    mkdirSync(inner);
    git(inner, 'init', '-q');
    writeTree(inner, KEY_FILE());
    const r = json(inner, ['scan'], { HOME: outer });
    expect(ids(r.report)).toEqual(['src/app.txt:aws-access-key-id:error']);
  });

  it('outside a repository, stops at the home directory', () => {
    const home = tempDir('credlint-home-');
    dirs.push(home);
    writeFileSync(path.join(home, '.credlintrc.json'), JSON.stringify({ rules: { 'aws-access-key-id': 'warn' } }));
    writeTree(home, { 'work/a/key.txt': `key = ${fakeAccessKeyId({ seed: 902 })}\n` });
    const r = json(path.join(home, 'work', 'a'), ['scan'], { HOME: home });
    expect(ids(r.report)).toEqual(['key.txt:aws-access-key-id:warning']);
  });
});

describe('precedence', () => {
  it('in one directory, the first of the search order wins; package.json#credlint comes last', () => {
    const dir = repo({
      ...KEY_FILE(),
      'credlint.config.json': JSON.stringify({ rules: { 'aws-access-key-id': 'warn' } }),
      '.credlintrc.json': JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }),
      'package.json': JSON.stringify({ credlint: { rules: { 'aws-access-key-id': 'off' } } }),
    });
    expect(ids(json(dir, ['scan', 'src']).report)).toEqual(['src/app.txt:aws-access-key-id:warning']);
  });

  it('the nearest directory wins over the repository root', () => {
    const dir = repo({
      ...KEY_FILE(),
      '.credlintrc.json': JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }),
      'src/.credlintrc.json': JSON.stringify({ rules: { 'aws-access-key-id': 'warn' } }),
    });
    expect(ids(json(dir, ['scan', 'src']).report)).toEqual(['src/app.txt:aws-access-key-id:warning']);
    expect(json(dir, ['scan', '.credlintrc.json']).report.findings).toEqual([]);
  });

  it('--config FILE replaces the search; --no-config reads none', () => {
    const dir = repo({
      ...KEY_FILE(),
      '.credlintrc.json': JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }),
      'ci/credlint.json': JSON.stringify({ rules: { 'aws-access-key-id': 'warn' } }),
    });
    expect(json(dir, ['scan', 'src']).report.findings).toEqual([]);
    expect(ids(json(dir, ['scan', 'src', '--config', 'ci/credlint.json']).report)).toEqual(['src/app.txt:aws-access-key-id:warning']);
    expect(ids(json(dir, ['scan', 'src', '--no-config']).report)).toEqual(['src/app.txt:aws-access-key-id:error']);
    const both = cliProcess(['scan', '--config', 'ci/credlint.json', '--no-config'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--config and --no-config cannot be combined');
  });

  it('package.json without a credlint key is not a configuration; --config package.json without one is an error', () => {
    const dir = repo({ ...KEY_FILE(), 'package.json': '{ "name": "x" }' });
    expect(ids(json(dir, ['scan', 'src']).report)).toEqual(['src/app.txt:aws-access-key-id:error']);
    const r = cliProcess(['scan', '--config', 'package.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no "credlint" key');
  });
});

describe('an invalid configuration fails closed (exit 2, the file and the key named)', () => {
  it.each([
    ['an unknown key', { rulez: {} }, '"rulez" is not a configuration key'],
    ['an unknown rule id', { rules: { 'no-such-check': 'off' } }, '"rules.no-such-check" is not a credlint check or rule id'],
    ['a bad severity', { rules: { 'quoted-value': 'warning' } }, '"rules.quoted-value" must be "error", "warn" or "off"'],
    ['an unknown dialect', { dialects: { '**/.xcode.env': 'zsh' } }, '"dialects.**/.xcode.env" must be one of portable'],
    ['a negated dialect glob', { dialects: { '!x.env': 'bash' } }, '"dialects.!x.env" must be a glob'],
    ['ignore not an array', { ignore: 'fixtures/' }, '"ignore" must be an array'],
    ['an empty ignore glob', { ignore: ['ok/', ''] }, '"ignore[1]" must be a non-empty glob'],
    ['accountId not a boolean', { accountId: 'yes' }, '"accountId" must be true or false'],
    ['baseline not a path', { baseline: 3 }, '"baseline" must be a file path'],
    ['an unreadable maxFileSize', { maxFileSize: '12 parsecs' }, '"maxFileSize" cannot read'],
    ['a non-object', ['ignore'], 'must be an object'],
  ])('%s', (_what, config, message) => {
    const dir = repo({ ...KEY_FILE(), '.credlintrc.json': JSON.stringify(config) });
    for (const argv of [['scan'], ['dotenv'], ['doctor']]) {
      const r = cliProcess(argv, dir, { HOME: dir });
      expect(r.code, `${argv[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(path.join(dir, '.credlintrc.json'));
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });

  it('broken JSON names the file', () => {
    const dir = repo({ ...KEY_FILE(), '.credlintrc': '{ "rules": ' });
    const r = cliProcess(['scan'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, '.credlintrc')}: not valid JSON`);
  });

  it('a JS config that throws names the file', () => {
    const dir = repo({ ...KEY_FILE(), 'credlint.config.mjs': 'throw new Error("boom");\n' });
    const r = cliProcess(['scan'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'credlint.config.mjs')}: could not be loaded (boom)`);
  });

  it('--config naming a missing file', () => {
    const dir = repo(KEY_FILE());
    const r = cliProcess(['scan', '--config', 'nope.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--config nope.json: no such file');
  });

  it('a message never echoes a whole long value (a pasted secret)', () => {
    const secret = fakeSecretAccessKey(903);
    const dir = repo({ '.credlintrc.json': JSON.stringify({ baseline: [secret] }) });
    const r = cliProcess(['scan'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(secret);
  });
});

describe('each key changes the output', () => {
  it('dialects: the configuration decides over the inference, and --dialect over both (React Native ios/.xcode.env)', () => {
    const dir = repo({ 'ios/.xcode.env': XCODE_ENV, '.gitignore': 'node_modules\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
    // No configuration: the inference reads .xcode.env as a file bash sources, so `export` is right.
    const inferred = json(dir, ['scan', '--no-config']);
    expect(ids(inferred.report).filter((i) => i.includes('export-prefix'))).toEqual([]);
    expect(ids(inferred.report)).toContain('ios/.xcode.env:env-file-tracked:warning');
    // A configuration naming another reader wins over the inference…
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ dialects: { '**/.xcode.env': 'docker' } }));
    const configured = json(dir, ['scan']);
    expect(ids(configured.report)).toContain('ios/.xcode.env:export-prefix:error');
    expect(configured.code).toBe(1);
    expect(json(dir, ['dotenv', 'ios/.xcode.env']).report.findings.map((f) => f.ruleId)).toContain('export-prefix');
    // …and --dialect wins over the configuration.
    expect(json(dir, ['dotenv', 'ios/.xcode.env', '--dialect', 'bash']).report.findings.map((f) => f.ruleId)).not.toContain('export-prefix');
  });

  it('dialects: globs are relative to the config file; the last matching glob wins', () => {
    const dir = repo({
      'app/.credlintrc.json': JSON.stringify({ dialects: { '**/.xcode.env': 'docker', 'ios/.xcode.env': 'bash' } }),
      'app/ios/.xcode.env': XCODE_ENV,
      'app/other/.xcode.env': XCODE_ENV,
    });
    const r = json(path.join(dir, 'app'), ['scan', '.']);
    // ios/ matches the later bash glob; other/ matches only the docker one.
    expect(ids(r.report).filter((i) => i.includes('export-prefix'))).toEqual(['other/.xcode.env:export-prefix:error']);
  });

  it('dialects: Laravel’s stock MAIL_FROM_NAME="${APP_NAME}" in .env.example, judged for a reader that strips the quotes', () => {
    const text = 'APP_NAME=Laravel\nMAIL_FROM_NAME="${APP_NAME}"\n';
    const dir = repo({ '.env.example': text });
    git(dir, 'add', '.');
    const formatErrors = (r: JsonReport) => r.findings.filter((f) => f.severity === 'error' && f.kind === 'format').map((f) => `${f.line}:${f.ruleId}`);
    // Portable: docker keeps the quotes, bash and Compose expand `$`: an error on line 2.
    expect(formatErrors(json(dir, ['scan', '--no-config']).report)).toEqual(['2:quoted-value']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ dialects: { '.env.example': 'dotenv' } }));
    expect(formatErrors(json(dir, ['scan']).report)).toEqual([]);
    expect(formatErrors(json(dir, ['dotenv', '.env.example']).report)).toEqual([]);
  });

  it('ignore: gitignore-style globs relative to the config file, like .credlintignore (which still applies)', () => {
    const dir = repo({
      ...KEY_FILE(),
      'fixtures/keys.txt': `key = ${fakeAccessKeyId({ seed: 904 })}\n`,
      'legacy/old.txt': `key = ${fakeAccessKeyId({ seed: 905 })}\n`,
      '.credlintignore': 'legacy/\n',
    });
    expect(ids(json(dir, ['scan']).report)).toEqual(['fixtures/keys.txt:aws-access-key-id:error', 'src/app.txt:aws-access-key-id:error']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ ignore: ['fixtures/'] }));
    expect(ids(json(dir, ['scan']).report)).toEqual(['src/app.txt:aws-access-key-id:error']);
    // --staged honours it too.
    git(dir, 'add', '.');
    expect(ids(json(dir, ['scan', '--staged']).report)).toEqual(['src/app.txt:aws-access-key-id:error']);
    // and dotenv skips an ignored env file.
    writeTree(dir, { 'fixtures/.env': 'A = 1\n', '.env.local': 'A = 1\n' });
    const d = json(dir, ['dotenv', 'fixtures/.env', '.env.local']);
    expect([...new Set(d.report.findings.map((f) => f.file))]).toEqual(['.env.local']);
  });

  it('rules: a dotenv check turned off or to warn, in scan and dotenv (and dotenv --fix leaves an off check alone)', () => {
    const dir = repo({ '.gitignore': '.env\n', '.env': 'A = 1\nB="two"\n' });
    const base = ids(json(dir, ['scan']).report);
    expect(base).toEqual(['.env:quoted-value:error', '.env:space-around-equals:error']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ rules: { 'quoted-value': 'off', 'space-around-equals': 'warn' } }));
    const scan = json(dir, ['scan']);
    expect(ids(scan.report)).toEqual(['.env:space-around-equals:warning']);
    expect(scan.code).toBe(0);
    const dotenv = json(dir, ['dotenv']);
    expect(ids(dotenv.report)).toEqual(['.env:space-around-equals:warning']);
    expect(dotenv.code).toBe(0);
    cliProcess(['dotenv', '--fix'], dir);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A=1\nB="two"\n');
  });

  it('rules: a severity turns an opt-in style check on in dotenv (as --check does), and dotenv --fix applies its fix', () => {
    const dir = repo({ '.env': 'B=1\nA=2\n', '.gitignore': '.env\n' });
    expect(ids(json(dir, ['dotenv', '.env']).report)).toEqual([]);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ rules: { 'unordered-key': 'error' } }));
    const on = json(dir, ['dotenv', '.env']);
    expect(ids(on.report)).toEqual(['.env:unordered-key:error']);
    expect(on.code).toBe(1);
    expect(json(dir, ['dotenv', '.env', '--fix']).code).toBe(0);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A=2\nB=1\n');
  });

  it('rules: a core kind to warn or off; exit code follows', () => {
    const dir = repo(KEY_FILE());
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }));
    const r = json(dir, ['scan']);
    expect(r.report.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('rules: repository checks too (env-file-tracked)', () => {
    const dir = repo({ '.env': 'A=1\n' });
    git(dir, 'add', '.env');
    expect(ids(json(dir, ['scan']).report)).toEqual(['.env:env-file-tracked:warning']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ rules: { 'env-file-tracked': 'error' } }));
    const r = json(dir, ['scan']);
    expect(ids(r.report)).toEqual(['.env:env-file-tracked:error']);
    expect(r.code).toBe(1);
  });

  it('accountId: true turns the aws-account-id rule on in scan (and rules can set its severity)', () => {
    const dir = repo({ 'infra/vars.tf': 'aws_account_id = "583122974406"\n' });
    expect(json(dir, ['scan']).report.findings).toEqual([]);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ accountId: true }));
    const on = json(dir, ['scan']);
    expect(on.report.findings.map((f) => [f.file, f.ruleId])).toEqual([['infra/vars.tf', 'aws-account-id']]);
    expect(on.report.findings[0]?.message).not.toContain('583122974406');
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ accountId: true, rules: { 'aws-account-id': 'warn' } }));
    expect(ids(json(dir, ['scan']).report)).toEqual(['infra/vars.tf:aws-account-id:warning']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ accountId: false }));
    expect(json(dir, ['scan']).report.findings).toEqual([]);
  });

  it('baseline: a path relative to the config file, used when --baseline is not given', () => {
    const dir = repo({ ...KEY_FILE(), 'config/.credlintrc.json': JSON.stringify({ baseline: '../.credlint-baseline.json' }) });
    const cfg = ['--config', 'config/.credlintrc.json'];
    expect(cliProcess(['scan', ...cfg, '--update-baseline'], dir).code).toBe(0);
    const r = json(dir, ['scan', ...cfg]);
    expect(r.report.findings).toEqual([]);
    expect(r.report.summary.ignored).toBe(1);
    expect(r.code).toBe(0);
    // --baseline on the command line wins (an empty baseline: the finding is back).
    writeFileSync(path.join(dir, 'empty.json'), JSON.stringify({ version: 1, findings: [] }));
    expect(json(dir, ['scan', ...cfg, '--baseline', 'empty.json']).report.findings).toHaveLength(1);
    // A configured baseline that does not exist fails closed, like --baseline.
    writeFileSync(path.join(dir, 'config/.credlintrc.json'), JSON.stringify({ baseline: 'missing.json' }));
    expect(cliProcess(['scan', ...cfg], dir).code).toBe(2);
  });

  it('maxFileSize: files over it are not scanned (exit 2); --max-file-size wins', () => {
    const dir = repo({ 'big.txt': 'x'.repeat(3000) + '\n', '.credlintrc.json': JSON.stringify({ maxFileSize: '2KB' }) });
    const r = json(dir, ['scan']);
    expect(r.report.summary.errors.map((e) => [e.file, e.code])).toEqual([['big.txt', 'too-large']]);
    expect(r.code).toBe(2);
    expect(json(dir, ['scan', '--max-file-size', '1MB']).code).toBe(0);
  });

  it('scan --history: ignore and rules apply to history findings too', () => {
    const dir = repo({ ...KEY_FILE(), 'fixtures/keys.txt': `key = ${fakeAccessKeyId({ seed: 907 })}\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'keys');
    expect(ids(json(dir, ['scan', '--history']).report)).toEqual(['fixtures/keys.txt:aws-access-key-id:error', 'src/app.txt:aws-access-key-id:error']);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ ignore: ['fixtures/'], rules: { 'aws-access-key-id': 'warn' } }));
    const r = json(dir, ['scan', '--history']);
    expect(ids(r.report)).toEqual(['src/app.txt:aws-access-key-id:warning']);
    expect(r.code).toBe(0);
  });

  it('doctor: rules apply to its findings (ids shared with the checks)', () => {
    const dir = repo();
    const env = { HOME: dir, AWS_ACCESS_KEY_ID: 'AKIAshort', AWS_SECRET_ACCESS_KEY: fakeSecretAccessKey(906), AWS_REGION: 'us-east-1' };
    const before = json(dir, ['doctor'], env);
    expect(before.report.findings.map((f) => f.ruleId)).toContain('malformed-access-key-id');
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ rules: { 'malformed-access-key-id': 'off' } }));
    const after = json(dir, ['doctor'], env);
    expect(after.report.findings.map((f) => f.ruleId)).not.toContain('malformed-access-key-id');
    expect(json(dir, ['doctor', '--no-config'], env).report.findings.map((f) => f.ruleId)).toContain('malformed-access-key-id');
  });

  it('doctor: findings on a file the configuration ignores are dropped (the environment never is)', () => {
    const dir = repo({ '.env': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 908 })}\nAWS_REGION=us-east-1\n` });
    const env = { HOME: dir, AWS_ACCESS_KEY_ID: fakeAccessKeyId({ seed: 909 }), AWS_SECRET_ACCESS_KEY: fakeSecretAccessKey(910), AWS_REGION: 'us-east-1' };
    const files = (r: JsonReport) => [...new Set(r.findings.map((f) => `${f.file}:${f.ruleId}`))];
    expect(files(json(dir, ['doctor'], env).report)).toContain('.env:env-differs-from-dotenv');
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ ignore: ['.env'] }));
    expect(files(json(dir, ['doctor'], env).report).filter((f) => f.startsWith('.env'))).toEqual([]);
    // The same config with --config=FILE spelling, and --no-config brings the finding back.
    expect(files(json(dir, ['doctor', '--config=.credlintrc.json'], env).report).filter((f) => f.startsWith('.env'))).toEqual([]);
    expect(files(json(dir, ['doctor', '--no-config'], env).report)).toContain('.env:env-differs-from-dotenv');
  });
});
