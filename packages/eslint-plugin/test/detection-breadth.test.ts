import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeBedrockLongTermKey, fakeBedrockShortTermKey, fakeJwt } from '@credlint/core/testing';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * Issue 13 through the real ESLint class and configs.recommended: Bedrock keys, secrets under
 * aws names without "secret", JWT session tokens (no-hardcoded-credentials); environment-variable
 * names are no credentials and placeholders in test files are not reported (no-static-credentials, item 7).
 */
const LONG = fakeBedrockLongTermKey({ seed: 5 });
const SHORT = fakeBedrockShortTermKey({ seed: 6 });
const JWT = fakeJwt(7, 800);
const PLACEHOLDERS_PY = `import boto3\n\nclient = boto3.client("s3", aws_access_key_id="testing", aws_secret_access_key="testing")\n`;
const PLACEHOLDERS_TS = `const s3 = new S3Client({ credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });\n`;

const FILES: Record<string, string> = {
  'bedrock.ts': `export const apiKey = '${LONG}';\nprocess.env.AWS_BEARER_TOKEN_BEDROCK = "${SHORT}";\n`,
  'bedrock.py': `import os\nos.environ["AWS_BEARER_TOKEN_BEDROCK"] = "${LONG}"\n`,
  'names.py': `aws_key = "${SECRET}"\nAWS_SAK = "${SECRET}"\n`,
  'names.ts': `const awsKey = '${SECRET}';\nconst cfg = { aws_access_key: '${SECRET}' };\n`,
  'minio.py': `AWS_SESSION_TOKEN = "${JWT}"\n`,
  'env_names.py': `class EnvProvider:\n    ACCESS_KEY = 'AWS_ACCESS_KEY_ID'\n    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'\n    TOKENS = ['AWS_SECURITY_TOKEN', 'AWS_SESSION_TOKEN']\n\nclass OriginalEC2Provider:\n    ACCESS_KEY = 'AWSAccessKeyId'\n    SECRET_KEY = 'AWSSecretKey'\n`,
  'env_names.ts': `const ACCESS_KEY = 'AWS_ACCESS_KEY_ID';\nconst SECRET_KEY = \`AWS_SECRET_ACCESS_KEY\`;\nconst map = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'aws_secret_access_key' };\n`,
  // placeholders handed to the SDK in production code shadow the default chain: still reported
  'app/client.py': PLACEHOLDERS_PY,
  'src/client.ts': PLACEHOLDERS_TS,
  'tests/unit/test_client.py': PLACEHOLDERS_PY,
  'pkg/client_test.py': PLACEHOLDERS_PY,
  'pkg/conftest.py': PLACEHOLDERS_PY,
  'test/helper.py': PLACEHOLDERS_PY,
  'src/client.test.ts': PLACEHOLDERS_TS,
  'src/client.spec.ts': PLACEHOLDERS_TS,
  'src/__tests__/client.ts': PLACEHOLDERS_TS,
  // a real key in a test file is still reported (by no-hardcoded-credentials)
  'tests/test_leak.py': `import boto3\nboto3.client("s3", aws_access_key_id="${KEY_ID}", aws_secret_access_key="${SECRET}")\n`,
};

let dir: string;
let results: Record<string, string[]>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-eslint-breadth-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: credlint.configs.recommended });
  const lint = await eslint.lintFiles(Object.keys(FILES));
  results = Object.fromEntries(lint.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.line}:${m.ruleId ?? 'fatal'}:${m.message}`)]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rules = (file: string): string[] => (results[file] ?? []).map((m) => m.split(':').slice(0, 2).join(':'));

describe('no-hardcoded-credentials reaches the new kinds', () => {
  it('Bedrock API keys, long-term and short-term, masked', () => {
    expect(rules('bedrock.ts')).toEqual(['1:credlint/no-hardcoded-credentials', '2:credlint/no-hardcoded-credentials']);
    expect(rules('bedrock.py')).toEqual(['2:credlint/no-hardcoded-credentials']);
    const all = [...(results['bedrock.ts'] ?? []), ...(results['bedrock.py'] ?? [])].join('\n');
    expect(all).toContain('Amazon Bedrock API key ABSK…');
    expect(all).toContain('short-term, signed with ASIA…');
    expect(all).not.toContain(LONG.slice(4, 30));
    expect(all).not.toContain(SHORT.slice(16, 40));
  });

  it('a Bedrock key gets the quick fix to AWS_BEARER_TOKEN_BEDROCK (the variable core\'s KINDS table names)', async () => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: credlint.configs.recommended });
    const [ts] = await eslint.lintText(`export const apiKey = '${LONG}';\n`, { filePath: join(dir, 'fix.ts') });
    const [py] = await eslint.lintText(`key = "${LONG}"\n`, { filePath: join(dir, 'fix.py') });
    expect(ts!.messages[0]!.suggestions?.map((x) => x.fix.text)).toEqual(['process.env.AWS_BEARER_TOKEN_BEDROCK']);
    expect(py!.messages[0]!.suggestions?.[0]?.fix.text).toContain('os.environ["AWS_BEARER_TOKEN_BEDROCK"]');
  });

  it('secrets under aws names without "secret" (aws_key, AWS_SAK, awsKey, aws_access_key)', () => {
    expect(rules('names.py')).toEqual(['1:credlint/no-hardcoded-credentials', '2:credlint/no-hardcoded-credentials']);
    // (the object literal's aws_access_key is also an SDK-style slot for no-static-credentials)
    expect(rules('names.ts').filter((r) => r.endsWith('no-hardcoded-credentials'))).toEqual(['1:credlint/no-hardcoded-credentials', '2:credlint/no-hardcoded-credentials']);
  });

  it('a JWT under AWS_SESSION_TOKEN', () => {
    expect((results['minio.py'] ?? []).join('\n')).toMatch(/no-hardcoded-credentials:AWS session token eyJh…/);
  });
});

describe('no-static-credentials noise (item 7)', () => {
  it('names of environment variables and config keys are not credentials', () => {
    expect(results['env_names.py']).toEqual([]);
    expect(results['env_names.ts']).toEqual([]);
  });

  it('placeholders handed to an SDK are reported in production code', () => {
    expect(rules('app/client.py')).toEqual(['3:credlint/no-static-credentials', '3:credlint/no-static-credentials']);
    expect(rules('src/client.ts')).toEqual(['1:credlint/no-static-credentials', '1:credlint/no-static-credentials']);
  });

  it.each(['tests/unit/test_client.py', 'pkg/client_test.py', 'pkg/conftest.py', 'test/helper.py', 'src/client.test.ts', 'src/client.spec.ts', 'src/__tests__/client.ts'])(
    'and not in the test file %s',
    (file) => {
      expect(results[file]).toEqual([]);
    },
  );

  it('a real key in a test file is still reported', () => {
    expect(rules('tests/test_leak.py')).toEqual(['2:credlint/no-hardcoded-credentials', '2:credlint/no-hardcoded-credentials']);
  });
});
