import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import json from '@eslint/json';
import { ESLint, type Linter } from 'eslint';
import toml from 'eslint-plugin-toml';
import yml from 'eslint-plugin-yml';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * The recommended config next to what users already run, through the real ESLint class:
 * the user's language plugins keep their languages and rules, ours report in every file type.
 */
const FILES: Record<string, string> = {
  'app.ts': `import { S3Client } from '@aws-sdk/client-s3';\nconst region: string = 'eu-west-1';\nexport const s3 = new S3Client({ region, credentials: { accessKeyId: '${KEY_ID}', secretAccessKey: process.env.S! } });\n`,
  'deploy.py': `import boto3\n\nclient = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
  '.env': `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY="${SECRET}"\nAWS_REGION=eu-west-1\n`,
  'cdk.json': `{\n  "app": "npx ts-node bin/app.ts",\n  "app": "dup",\n  "context": { "aws_access_key_id": "${KEY_ID}" }\n}\n`,
  'deploy.yml': `env:\n  AWS_ACCESS_KEY_ID: ${KEY_ID}\nempty:\n`,
  'samconfig.toml': `[default.deploy.parameters]\nparameter_overrides = "Key=${KEY_ID}"\nbig = 12345678901234567890\n`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-configs-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(config: Linter.Config[]): Promise<Record<string, { rules: string[]; fatal: string[] }>> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(Object.keys(FILES));
  return Object.fromEntries(
    results.map((r) => [
      r.filePath.slice(dir.length + 1),
      { rules: [...new Set(r.messages.map((m) => m.ruleId ?? 'fatal'))].sort(), fatal: r.messages.filter((m) => m.fatal).map((m) => m.message) },
    ]),
  );
}

const userConfigs: Linter.Config[] = [
  ...(tseslint.configs.recommended as Linter.Config[]),
  { files: ['**/*.json'], plugins: { json }, language: 'json/json', rules: { 'json/no-duplicate-keys': 'error' } },
  ...(yml.configs['flat/recommended'] as Linter.Config[]),
  ...(toml.configs['flat/recommended'] as Linter.Config[]),
];

function expectOurs(result: Awaited<ReturnType<typeof lint>>): void {
  for (const [file, r] of Object.entries(result)) expect(r.fatal, file).toEqual([]);
  // a real key in an SDK slot is one report, no-hardcoded-credentials' (no-static-credentials leaves it)
  expect(result['app.ts']!.rules).toEqual(expect.arrayContaining(['credlint/no-hardcoded-credentials']));
  expect(result['app.ts']!.rules).not.toContain('credlint/no-static-credentials');
  expect(result['deploy.py']!.rules).toEqual(expect.arrayContaining(['credlint/no-hardcoded-credentials']));
  expect(result['deploy.py']!.rules).not.toContain('credlint/no-static-credentials');
  expect(result['.env']!.rules).toEqual(['credlint/quoted-value']); // a local .env may hold keys; only its format is judged
  for (const f of ['cdk.json', 'deploy.yml', 'samconfig.toml']) expect(result[f]!.rules, f).toContain('credlint/no-hardcoded-credentials');
}

describe('configs.recommended', () => {
  it('is an array of objects each scoped by files, with named parts', () => {
    expect(Array.isArray(credlint.configs.recommended)).toBe(true);
    const [base, ...rest] = credlint.configs.recommended;
    expect(base!.plugins).toHaveProperty('credlint', credlint);
    for (const c of rest) expect(c.files?.length).toBeGreaterThan(0);
    const languages = rest.map((c) => c.language).filter(Boolean);
    expect(languages.sort()).toEqual(['credlint/dotenv', 'credlint/python']);
  });

  it('works for a user with only eslint and our plugin (no JSON/YAML/TOML plugins, no typescript-eslint)', async () => {
    // app.ts has TS syntax espree cannot read: recommended's TypeScript parser reads it (test/typescript.test.ts)
    expectOurs(await lint([...credlint.configs.recommended]));
  });

  for (const order of ['ours last', 'ours first'] as const) {
    it(`coexists with typescript-eslint, @eslint/json, eslint-plugin-yml, eslint-plugin-toml (${order})`, async () => {
      const config = order === 'ours last' ? [...userConfigs, ...credlint.configs.recommended] : [...credlint.configs.recommended, ...userConfigs];
      const result = await lint(config);
      expectOurs(result);
      // the user's plugins still own their files
      expect(result['cdk.json']!.rules).toContain('json/no-duplicate-keys');
      expect(result['deploy.yml']!.rules).toContain('yml/no-empty-mapping-value');
      expect(result['samconfig.toml']!.rules).toContain('toml/precision-of-integer');
    });
  }

  it('coexists with typescript-eslint alone (a TS CDK repo) when appended last', async () => {
    const result = await lint([...(tseslint.configs.recommended as Linter.Config[]), ...credlint.configs.recommended]);
    expectOurs(result);
  });
});
