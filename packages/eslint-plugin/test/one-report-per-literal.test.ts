import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * Issue 12 item 7 through the real ESLint class and configs.recommended (both code rules on): a
 * literal in an SDK credentials slot is reported once. A value core calls a credential is
 * no-hardcoded-credentials' (masked message with the kind), a placeholder or split value is
 * no-static-credentials'; either report carries the slot's suggestions.
 */
const FILES: Record<string, string> = {
  'src/app.ts': `const s3 = new S3Client({ region: 'x', credentials: { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET}', sessionToken: 'AKIA' + 'SPLIT' } });\n`,
  'src/app.js': `AWS.config.update({ accessKeyId: '${KEY_ID}', secretAccessKey: 'changeme' });\nprocess.env.AWS_SECRET_ACCESS_KEY = '${SECRET}';\nconst AWS_ACCESS_KEY_ID = '${KEY_ID}';\n`,
  'src/app.py': `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${KEY_ID}", aws_secret_access_key="${SECRET}")\nsession = boto3.Session(aws_secret_access_key="change" "me")\n`,
  // no-static-credentials is off in tests: the real key keeps its report and its suggestions
  'tests/test_app.py': `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
};

let dir: string;
const results: Record<string, Linter.LintMessage[]> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-one-report-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: credlint.configs.recommended });
  for (const r of await eslint.lintFiles(Object.keys(FILES))) results[r.filePath.slice(dir.length + 1)] = r.messages;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `line:column rule [suggestion message ids]` per report. */
function reports(file: string): string[] {
  return (results[file] ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId} [${(m.suggestions ?? []).map((s) => s.messageId).join(',')}]`);
}

/** No two reports overlap (no-static-credentials reports the value with its quotes, the other rule the key inside them). */
function onePerPlace(file: string): void {
  const messages = results[file] ?? [];
  expect(messages.length, file).toBeGreaterThan(0);
  for (const [i, a] of messages.entries()) {
    for (const b of messages.slice(i + 1)) {
      const overlap = a.line === b.line && a.endLine === b.endLine && a.column < (b.endColumn ?? Infinity) && b.column < (a.endColumn ?? Infinity);
      expect(overlap, `${file}: ${reports(file).join(' | ')}`).toBe(false);
    }
  }
}

describe('one report per credential literal (both rules on)', () => {
  it.each(Object.keys(FILES))('%s: no literal is reported twice', (file) => onePerPlace(file));

  it('TypeScript: real keys by no-hardcoded-credentials, a split value by no-static-credentials, all with the slot suggestions', () => {
    const col = (s: string) => FILES['src/app.ts']!.indexOf(s) + 1;
    expect(reports('src/app.ts')).toEqual([
      `1:${col(KEY_ID)} credlint/no-hardcoded-credentials [useEnv,dropCredentials]`,
      `1:${col(SECRET)} credlint/no-hardcoded-credentials [useEnv,dropCredentials]`,
      `1:${col("'AKIA' + ")} credlint/no-static-credentials [useEnv,dropCredentials]`,
    ]);
    const secret = results['src/app.ts']![1]!;
    expect(secret.message).not.toContain(SECRET);
    const text = FILES['src/app.ts']!;
    const [useEnv, drop] = secret.suggestions!;
    const apply = (fix: { range: [number, number]; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    expect(apply(useEnv!.fix)).toBe(text.replace(`'${SECRET}'`, 'process.env.AWS_SECRET_ACCESS_KEY'));
    expect(apply(drop!.fix)).toBe("const s3 = new S3Client({ region: 'x' });\n");
  });

  it('JavaScript: object slot, environment assignment (no suggestion) and variable', () => {
    const lines = FILES['src/app.js']!.split('\n');
    const col = (line: number, s: string) => lines[line - 1]!.indexOf(s) + 1;
    expect(reports('src/app.js')).toEqual([
      `1:${col(1, KEY_ID)} credlint/no-hardcoded-credentials [useEnv]`,
      `1:${col(1, "'changeme'")} credlint/no-static-credentials [useEnv]`,
      `2:${col(2, SECRET)} credlint/no-hardcoded-credentials []`,
      `3:${col(3, KEY_ID)} credlint/no-hardcoded-credentials [useEnv]`,
    ]);
  });

  it('Python: keyword arguments carry os.environ and drop-argument suggestions', () => {
    const line3 = FILES['src/app.py']!.split('\n')[2]!;
    expect(reports('src/app.py')).toEqual([
      `3:${line3.indexOf(KEY_ID) + 1} credlint/no-hardcoded-credentials [useEnv,dropArgument]`,
      `3:${line3.indexOf(SECRET) + 1} credlint/no-hardcoded-credentials [useEnv,dropArgument]`,
      '4:47 credlint/no-static-credentials [useEnv,dropArgument]',
    ]);
    const first = results['src/app.py']![0]!;
    expect(first.suggestions![0]!.desc).toBe('Read it from the environment: os.environ["AWS_ACCESS_KEY_ID"]');
  });

  it('in a test file the real key keeps the suggestions (no-static-credentials is off there)', () => {
    expect(reports('tests/test_app.py')).toEqual([`3:${FILES['tests/test_app.py']!.split('\n')[2]!.indexOf(KEY_ID) + 1} credlint/no-hardcoded-credentials [useEnv,dropArgument]`]);
  });
});

describe('nothing falls between the two rules', () => {
  const lintWith = async (extra: Linter.Config[]): Promise<string[]> => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...credlint.configs.recommended, ...extra] });
    const [r] = await eslint.lintText(`AWS.config.update({ accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET}' });\n`, { filePath: join(dir, 'src/other.js') });
    return r!.messages.map((m) => `${m.column} ${m.ruleId}`);
  };
  const col = (s: string) => `AWS.config.update({ accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET}' });`.indexOf(s) + 1;

  it('with no-hardcoded-credentials off, no-static-credentials reports the real keys in the slots', async () => {
    expect(await lintWith([{ rules: { 'credlint/no-hardcoded-credentials': 'off' } }])).toEqual([
      `${col(KEY_ID) - 1} credlint/no-static-credentials`,
      `${col(SECRET) - 1} credlint/no-static-credentials`,
    ]);
  });

  it('a kind no-hardcoded-credentials leaves out (option off) is reported by no-static-credentials', async () => {
    expect(await lintWith([{ files: ['**/*.js'], rules: { 'credlint/no-hardcoded-credentials': ['error', { off: ['aws-secret-access-key'] }] } }])).toEqual([
      `${col(KEY_ID)} credlint/no-hardcoded-credentials`,
      `${col(SECRET) - 1} credlint/no-static-credentials`,
    ]);
  });
});
