import { fakeAccessKeyId, fakeBedrockLongTermKey, fakeBedrockShortTermKey, fakeJwt, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeDir, scanJson, tempDir, writeTree } from './helpers.js';

/** Issue 13 through `credlint scan`: Bedrock keys, aws names without "secret", JWT session tokens, the S3 guide example. */
const LONG = fakeBedrockLongTermKey({ seed: 41, account: '123456789012' });
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', account: 210987654321, seed: 42 });
const SHORT = fakeBedrockShortTermKey({ seed: 43, keyId: ASIA, date: '20260301T080000Z', expires: 43200 });
const SECRET = fakeSecretAccessKey(44);
const JWT = fakeJwt(45, 1000);

let dir: string;
beforeAll(() => {
  dir = tempDir('credlint-breadth-');
  writeTree(dir, {
    '.env': `AWS_BEARER_TOKEN_BEDROCK=${LONG}\nAWS_SESSION_TOKEN=${JWT}\n`,
    'deploy.sh': `export AWS_BEARER_TOKEN_BEDROCK='${SHORT}'\n`,
    'settings.py': `AWS_SAK = "${SECRET}"\n`,
    'config.yaml': `aws_key: ${SECRET}\n`,
    'clean.txt': 'nothing to see\n',
  });
});
afterAll(() => removeDir(dir));

describe('credlint scan reaches the new detection', () => {
  it('reports each with its rule id and kind, masked, exit 1', async () => {
    const { code, report } = await scanJson(dir, '.');
    expect(code).toBe(1);
    // (the .env file also gets the dotenv checks; this test is about core's kinds)
    const got = report.findings.filter((f) => f.ruleId.startsWith('aws-')).map((f) => `${f.file}:${f.line}:${f.ruleId}:${f.kind}`).sort();
    expect(got).toEqual(
      [
        '.env:1:aws-bedrock-api-key:bedrock-api-key',
        '.env:2:aws-session-token:session-token',
        'config.yaml:1:aws-secret-access-key:secret-access-key',
        'deploy.sh:1:aws-bedrock-api-key:bedrock-api-key',
        'settings.py:1:aws-secret-access-key:secret-access-key',
      ].sort(),
    );
    const short = report.findings.find((f) => f.file === 'deploy.sh');
    expect(short?.message).toContain(`signed with ${ASIA.slice(0, 4)}…${ASIA.slice(-4)} of account 2109…4321, expires 2026-03-01T20:00:00Z`);
  });

  it('no output format prints a whole credential', async () => {
    for (const format of ['stylish', 'json', 'sarif']) {
      const r = await cli(['scan', '--format', format, '.'], dir);
      for (const value of [LONG, SHORT, SECRET, JWT, ASIA]) expect(r.stdout + r.stderr).not.toContain(value);
      expect(r.stdout + r.stderr).not.toContain(LONG.slice(4, 24));
    }
  });
});
