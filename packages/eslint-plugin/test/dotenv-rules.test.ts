import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checks, CHECK_IDS } from '@credlint/dotenv';
import { ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { DotenvLanguage } from '../src/languages/dotenv/language.js';
import { dotenvRules } from '../src/rules/dotenv-checks.js';
import { KEY_ID, SECRET, TEMP_KEY_ID } from './helpers/keys.js';
import { RuleTester } from './helpers/rule-tester.js';

const plugin = { meta: { name: 'credlint-test', namespace: 'credlint' }, languages: { dotenv: new DotenvLanguage() } };
const tester = new RuleTester({ plugins: { credlint: plugin }, language: 'credlint/dotenv' });
const run = (id: string, tests: Parameters<RuleTester['run']>[2]): void => tester.run(id, dotenvRules[id] as never, tests);

/** A local .env as it should be: keys are allowed here, only format and AWS consistency are judged. */
const GOOD = `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`;

describe('one rule per @credlint/dotenv check id', () => {
  it('exists for every check id, with docs url, fixability and language from dotenv', () => {
    expect(Object.keys(dotenvRules).sort()).toEqual([...CHECK_IDS].sort());
    for (const id of CHECK_IDS) {
      const rule = dotenvRules[id]!;
      expect(rule.meta.docs?.url).toBe(`https://github.com/credlint/credlint/blob/main/docs/rules/${id}.md`);
      expect(rule.meta.fixable === 'code').toBe(checks[id].fixable);
      expect((rule.meta as { languages?: string[] }).languages).toEqual(['credlint/dotenv']);
      expect(rule.meta.docs?.description).toBe(checks[id].description);
    }
  });
});

describe('format checks (with dotenv\'s fixes)', () => {
  run('quoted-value', {
    valid: [{ code: GOOD, filename: '.env' }, { code: 'A=b\n', filename: '.env' }],
    invalid: [{ code: 'A="b"\n', filename: '.env', output: 'A=b\n', errors: [{ messageId: 'diagnostic', line: 1, column: 3, endColumn: 6 }] }],
  });
  run('space-around-equals', {
    valid: [{ code: 'A=b\n', filename: '.env' }],
    invalid: [{ code: 'A = b\n', filename: '.env', output: 'A=b\n', errors: [{ messageId: 'diagnostic', line: 1 }] }],
  });
  run('trailing-whitespace', {
    valid: [{ code: 'A=b\n', filename: '.env' }],
    invalid: [{ code: 'A=b   \nB=c\n', filename: '.env', output: 'A=b\nB=c\n', errors: [{ messageId: 'diagnostic', line: 1, column: 4, endColumn: 7 }] }],
  });
  run('unterminated-quote', {
    valid: [{ code: 'A="b"\n', filename: '.env' }],
    invalid: [{ code: 'A="b\nB=c\n', filename: '.env', output: null, errors: [{ messageId: 'diagnostic', line: 1, column: 3 }] }],
  });
  run('duplicate-key', {
    valid: [{ code: 'A=1\nB=2\n', filename: '.env' }],
    invalid: [{ code: 'A=1\nA=2\n', filename: '.env', errors: [{ messageId: 'diagnostic', line: 2, column: 1 }] }],
  });
  run('inline-comment', {
    valid: [
      { code: 'A=b\n', filename: '.env' },
      // eslint directives in the file's own comment syntax
      { code: 'A=b # eslint-disable-line rule-to-test/inline-comment\n', filename: '.env' },
      { code: '# eslint-disable-next-line rule-to-test/inline-comment\nA=b # c\n', filename: '.env' },
    ],
    invalid: [{ code: 'A=b # c\n', filename: '.env', errors: [{ messageId: 'diagnostic', line: 1, column: 5 }] }],
  });
});

describe('AWS checks', () => {
  run('session-token-required', {
    valid: [{ code: GOOD, filename: '.env' }],
    invalid: [{ code: `AWS_ACCESS_KEY_ID=${TEMP_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`, filename: '.env', errors: [{ messageId: 'diagnostic', line: 1, column: 19, endColumn: 39 }] }],
  });
  run('invalid-region', {
    valid: [{ code: GOOD, filename: '.env' }],
    invalid: [{ code: 'AWS_REGION=eu-west-9\n', filename: '.env', errors: [{ messageId: 'diagnostic', line: 1, column: 12 }] }],
  });
  run('conflicting-credential-sources', {
    valid: [{ code: 'AWS_PROFILE=dev\nAWS_REGION=eu-west-1\n', filename: '.env' }],
    invalid: [{ code: `AWS_PROFILE=dev\n${GOOD}`, filename: '.env', errors: 1 }],
  });
});

describe('keys belong in local env files, not in examples', () => {
  run('credential-in-example', {
    valid: [
      { code: GOOD, filename: '.env' },
      { code: 'AWS_ACCESS_KEY_ID=<your-access-key-id>\n', filename: '.env.example' },
    ],
    invalid: [
      { code: GOOD, filename: '.env.example', errors: 2 },
      { code: GOOD, filename: 'config/.env.sample', errors: 2 },
    ],
  });
});

describe('messages are masked', () => {
  it('never shows a whole key', () => {
    const messages = new Linter().verify(`AWS_ACCESS_KEY_ID=${TEMP_KEY_ID}\nAWS_SECRET_ACCESS_KEY="${SECRET}"\n`, credlint.configs.recommended, '.env.example');
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(m.message).not.toContain(TEMP_KEY_ID);
      expect(m.message).not.toContain(SECRET);
    }
  });
});

describe('languageOptions.dialect', () => {
  it('is passed to dotenv (docker keeps quotes; dotenv alone does not care)', () => {
    const linter = new Linter();
    const config = (dialect: string) => [
      ...credlint.configs.recommended,
      { files: ['**/.env'], languageOptions: { dialect } },
    ];
    const ids = (dialect: string) => linter.verify('A="b"\n', config(dialect), '.env').map((m) => m.ruleId);
    expect(ids('docker')).toContain('credlint/quoted-value');
    expect(ids('dotenv')).not.toContain('credlint/quoted-value');
  });

  it('rejects an unknown dialect', () => {
    const linter = new Linter();
    expect(() => linter.verify('A=b\n', [...credlint.configs.recommended, { files: ['**/.env'], languageOptions: { dialect: 'zsh' } }], '.env')).toThrow(/dialect/);
  });
});

describe('repository checks: real git, files on disk', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

  it('reports a tracked .env and one git does not ignore; not an ignored, untracked one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-git-'));
    dirs.push(dir);
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.env'), GOOD);
    writeFileSync(join(dir, '.env.local'), GOOD);
    writeFileSync(join(dir, '.gitignore'), '.env.local\n');
    git(dir, 'add', '.env', '.gitignore');
    git(dir, 'commit', '-qm', 'init');
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: credlint.configs.recommended });
    const results = await eslint.lintFiles(['.env', '.env.local']);
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId)]));
    expect(byFile['.env']).toEqual(expect.arrayContaining(['credlint/env-file-tracked']));
    expect(byFile['.env.local']).toEqual([]);
    expect(existsSync(join(dir, '.env'))).toBe(true);
  });
});

describe('dialect inference (no dialect option): the reader the files around the .env name', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-infer-'));
    dirs.push(dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };
  const lint = async (dir: string, files: string[], extra: Linter.Config[] = []) => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...credlint.configs.recommended, ...extra] });
    const results = await eslint.lintFiles(files);
    return Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.filter((m) => m.ruleId !== 'credlint/env-file-not-ignored')]));
  };

  it('Laravel (phpdotenv → closest model), React Native .xcode.env (bash): no false findings; the option still wins', async () => {
    const dir = project({
      'composer.json': JSON.stringify({ require: { 'laravel/framework': '^10' } }),
      '.env.example': 'APP_NAME=Laravel\nMAIL_FROM_NAME="${APP_NAME}"\n',
      'ios/.xcode.env': 'export NODE_BINARY=$(command -v node)\n',
    });
    const inferred = await lint(dir, ['.env.example', 'ios/.xcode.env']);
    expect(inferred['.env.example']?.map((m) => m.ruleId)).toEqual([]);
    expect(inferred['ios/.xcode.env']?.map((m) => m.ruleId)).toEqual([]);
    const portable = await lint(dir, ['.env.example', 'ios/.xcode.env'], [{ files: ['**/*.env', '**/.env*'], languageOptions: { dialect: 'portable' } }]);
    expect(portable['.env.example']?.map((m) => m.ruleId)).toContain('credlint/quoted-value');
    expect(portable['ios/.xcode.env']?.map((m) => m.ruleId)).toContain('credlint/export-prefix');
  });

  it('says the reader and why in the message, the same text as the CLI', async () => {
    const dir = project({ 'requirements.txt': 'python-dotenv\n', '.env': 'A = b\n', '.gitignore': '.env\n' });
    const out = await lint(dir, ['.env']);
    const m = out['.env']?.find((x) => x.ruleId === 'credlint/space-around-equals');
    expect(m?.message).toMatch(/\[judged as python-dotenv \(python-dotenv in requirements\.txt line 1\)\]$/);
  });
});

describe('opt-in style checks (dotenv-linter\'s): rules with dotenv\'s certain fixes, not in recommended', () => {
  it('configs.recommended leaves every opt-in check out; the others stay in', () => {
    const rules = credlint.configs.recommended.flatMap((c) => Object.keys(c.rules ?? {}));
    for (const id of CHECK_IDS) expect(rules.includes(`credlint/${id}`), id).toBe(!checks[id].optIn);
    const messages = new Linter().verify('b=1\nA=2\n\n\nFOO', credlint.configs.recommended, '.env');
    expect(messages.map((m) => m.ruleId).filter((r) => ['credlint/unordered-key', 'credlint/lowercase-key', 'credlint/extra-blank-line', 'credlint/ending-blank-line', 'credlint/key-without-value'].includes(r ?? ''))).toEqual([]);
  });
  run('unordered-key', {
    valid: [{ code: 'A=1\nB=2\n', filename: '.env' }, { code: 'B=1\n\nA=2\n', filename: '.env' }],
    invalid: [{ code: '# b\nB=1\nA=2\n', filename: '.env', output: 'A=2\n# b\nB=1\n', errors: [{ messageId: 'diagnostic', line: 3 }] }],
  });
  run('lowercase-key', {
    valid: [{ code: 'A_B=1\n', filename: '.env' }],
    invalid: [{ code: 'a_b=1\n', filename: '.env', output: null, errors: [{ messageId: 'diagnostic', line: 1 }] }],
  });
  run('extra-blank-line', {
    valid: [{ code: 'A=1\n\nB=2\n', filename: '.env' }],
    // one pass of RuleTester: ESLint applies one of two touching fixes per pass (`eslint --fix` runs passes until done)
    invalid: [{ code: 'A=1\n\n\n\nB=2\n', filename: '.env', output: 'A=1\n\n\nB=2\n', errors: [{ messageId: 'diagnostic', line: 3 }, { messageId: 'diagnostic', line: 4 }] }],
  });
  run('ending-blank-line', {
    valid: [{ code: 'A=1\n', filename: '.env' }],
    invalid: [{ code: 'A=1', filename: '.env', output: 'A=1\n', errors: [{ messageId: 'diagnostic', line: 1 }] }],
  });
  run('key-without-value', {
    valid: [{ code: 'A=\n', filename: '.env' }],
    invalid: [
      { code: 'FOO\n', filename: '.env', output: 'FOO=\n', errors: [{ messageId: 'diagnostic', line: 1 }] },
      { code: 'FOO\nB=$FOO\n', filename: '.env', output: null, errors: [{ messageId: 'diagnostic', line: 1 }] },
    ],
  });
  run('substitution-key', {
    valid: [{ code: 'A=${B}\nC=${D:-x}\n', filename: '.env' }],
    invalid: [{ code: 'A=${B\n', filename: '.env', output: null, errors: [{ messageId: 'diagnostic', line: 1 }] }],
  });
});

describe('credlint/schema: the schema file is the rule option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'env.schema.json');
  writeFileSync(good, JSON.stringify({ version: '1.0.0', entries: { PORT: { type: 'Integer', required: true }, AWS_REGION: { type: 'AwsRegion' } } }));
  const bad = join(dir, 'bad.schema.json');
  writeFileSync(bad, '{"version":"1.0.0","entries":{"A":{"type":"Number"}}}');
  const lint = (code: string, options: unknown[]) =>
    new Linter().verify(code, [...credlint.configs.recommended, { files: ['**/.env'], rules: { 'credlint/schema': ['error', ...options] } }], '.env').filter((m) => m.ruleId === 'credlint/schema' || m.fatal);

  it('reports values that break the schema, and required names that are missing', () => {
    const messages = lint('PORT=http\nAWS_REGION=mars-1\n', [{ schema: good }]);
    expect(messages.map((m) => m.line)).toEqual([1, 2]);
    expect(lint('AWS_REGION=eu-west-1\n', [{ schema: good }]).map((m) => m.message)).toEqual([expect.stringContaining('PORT key is required')]);
    expect(lint('PORT=8080\nAWS_REGION=eu-west-1\n', [{ schema: good }])).toEqual([]);
  });

  it('a malformed schema, or none, is a clear error', () => {
    expect(() => lint('A=1\n', [{ schema: bad }])).toThrow(/invalid schema.*unknown type/);
    expect(() => lint('A=1\n', [])).toThrow(/give the schema file/);
    expect(() => lint('A=1\n', [{ schema: join(dir, 'nope.json') }])).toThrow(/cannot read the schema/);
  });
});
