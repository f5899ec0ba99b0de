import { Linter as Linter10 } from 'eslint';
// ESLint 9.x, installed side by side under an npm alias.
import { Linter as Linter9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { KEY_ID, SECRET } from './helpers/keys.js';

const FILES: Record<string, string> = {
  'app.py': `import boto3\ns3 = boto3.client("s3", aws_access_key_id="changeme")  # eslint-disable-line credlint/no-static-credentials\ns4 = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
  '.env': `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\nAWS_REGION=eu-west-1\n`,
  'cdk.json': `{ "context": { "accessKeyId": "${KEY_ID}" } }`,
  'deploy.yml': `# eslint-disable-next-line credlint/no-hardcoded-credentials\nid: ${KEY_ID}\nsecret_access_key: ${SECRET}\n`,
  'handler.js': `export const c = { credentials: { accessKeyId: '${KEY_ID}' } };\n`,
};

type AnyLinter = { verify(text: string, config: unknown, filename: string): { ruleId: string | null; line: number; column: number; fatal?: boolean }[] };

function lintAll(linter: AnyLinter): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(FILES).map(([name, text]) => [name, linter.verify(text, credlint.configs.recommended, name).map((m) => `${m.ruleId}@${m.line}:${m.column}`)]),
  );
}

describe('ESLint 9.x and 10.x give the same results', () => {
  it('flat config, languages, directives and the text fallback', () => {
    const v10 = lintAll(new Linter10() as unknown as AnyLinter);
    const v9 = lintAll(new Linter9() as unknown as AnyLinter);
    expect(v10).toEqual({
      'app.py': ['credlint/no-hardcoded-credentials@3:44'],
      '.env': ['credlint/space-around-equals@2:22'],
      'cdk.json': ['credlint/no-hardcoded-credentials@1:32'],
      'deploy.yml': ['credlint/no-hardcoded-credentials@3:20'],
      'handler.js': ['credlint/no-hardcoded-credentials@1:49'],
    });
    expect(v9).toEqual(v10);
  });
});
