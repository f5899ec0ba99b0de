// docs/configuration.md "ESLint": each key of the CLI configuration has an ESLint equivalent. These
// run the mapping through the real ESLint class: rule options (accountId, off), languageOptions.dialect
// per glob, rule severities, and ignores.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { KEY_ID } from './helpers/keys.js';

const FILES: Record<string, string> = {
  'infra.js': `export const awsAccountId = "583122974406";\nexport const key = "${KEY_ID}";\n`,
  'fixtures/keys.js': `export const key = "${KEY_ID}";\n`,
  // nothing around it names a reader, so it is judged portable (inference finds nothing)
  'deploy/app.env': 'export API_URL=https://example.com\n',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-mapping-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(extra: Linter.Config[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...credlint.configs.recommended, ...extra] });
  // The directory, not the names: ESLint warns about an ignored file named on the command line.
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.ruleId ?? 'fatal'}:${m.severity === 2 ? 'error' : 'warn'}`))
    .sort();
}

describe('the CLI configuration, mapped to ESLint', () => {
  it('by default: the key ids are errors, the account id is not reported, export-prefix is an error', async () => {
    const got = await lint([]);
    expect(got.filter((m) => m.startsWith('infra.js'))).toEqual(['infra.js:credlint/no-hardcoded-credentials:error']);
    expect(got).toContain('fixtures/keys.js:credlint/no-hardcoded-credentials:error');
    expect(got).toContain('deploy/app.env:credlint/export-prefix:warn');
  });

  it('accountId: true → no-hardcoded-credentials option accountId', async () => {
    const got = await lint([{ files: ['**/*.js'], rules: { 'credlint/no-hardcoded-credentials': ['error', { accountId: true }] } }]);
    expect(got.filter((m) => m.startsWith('infra.js'))).toEqual(['infra.js:credlint/no-hardcoded-credentials:error', 'infra.js:credlint/no-hardcoded-credentials:error']);
  });

  it('rules: { "aws-access-key-id": "off" } → option off', async () => {
    const got = await lint([{ files: ['**/*.js'], rules: { 'credlint/no-hardcoded-credentials': ['error', { off: ['aws-access-key-id'] }] } }]);
    expect(got.filter((m) => m.includes('no-hardcoded-credentials'))).toEqual([]);
  });

  it('an unknown id in the option is refused by the rule schema', async () => {
    await expect(lint([{ files: ['**/*.js'], rules: { 'credlint/no-hardcoded-credentials': ['error', { off: ['aws-access-key'] }] } }])).rejects.toThrow(/allowed values/);
  });

  it('dialects: { "deploy/*.env": "bash" } → languageOptions.dialect for those files', async () => {
    const got = await lint([{ files: ['deploy/*.env'], languageOptions: { dialect: 'bash' } }]);
    expect(got.filter((m) => m.includes('export-prefix'))).toEqual([]);
  });

  it('rules: { "export-prefix": "error" } → credlint/export-prefix: error; ignore → ignores', async () => {
    // Dotenv rules only exist for the credlint/dotenv language: scope them to env files.
    const got = await lint([{ files: ['**/.env', '**/.env.*', '**/*.env'], rules: { 'credlint/export-prefix': 'error' } }, { ignores: ['fixtures/'] }]);
    expect(got).toContain('deploy/app.env:credlint/export-prefix:error');
    expect(got.filter((m) => m.startsWith('fixtures/'))).toEqual([]);
  });
});
