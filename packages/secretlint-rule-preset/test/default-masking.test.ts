// secretlint's default `--maskSecrets` (on since v11) stars every string a rule hands over as
// message `data`, and each place it appears in the message. The preset's messages carry only
// core's masked text, so they must read the same with and without masking: key type, masked
// preview, key name, account. Run through the real secretlint 11 CLI with default options.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkPackages, run, SECRETLINT_11_BIN, workspacePackages } from './helpers/cli.js';

interface JsonMessage {
  ruleId: string;
  messageId: string;
  message: string;
  data?: unknown;
  loc: { start: { line: number } };
}

const keyId = fakeAccessKeyId({ seed: 71 });
const secret = fakeSecretAccessKey(71);
const tempKeyId = fakeAccessKeyId({ seed: 72, prefix: 'ASIA' });
const token = fakeSessionToken(72);
const lonelyTempKeyId = fakeAccessKeyId({ seed: 73, prefix: 'ASIA' });
const preview = (v: string) => `${v.slice(0, 4)}…${v.slice(-4)}`;

let dir = '';

async function lint(args: string[]) {
  const r = await run(process.execPath, [SECRETLINT_11_BIN, '**/*', ...args], dir);
  return { ...r, all: r.stdout + r.stderr };
}

function messages(stdout: string): JsonMessage[] {
  return (JSON.parse(stdout) as { messages: JsonMessage[] }[]).flatMap((r) => r.messages);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-secretlint-masking-'));
  linkPackages(dir, workspacePackages());
  writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset', options: { enableAccountIdRule: true } }] }) + '\n');
  writeFileSync(join(dir, 'creds.env'), `AWS_ACCESS_KEY_ID=${keyId}\nAWS_SECRET_ACCESS_KEY=${secret}\nAWS_ACCOUNT_ID=480263917452\n`);
  writeFileSync(join(dir, 'sts.json'), JSON.stringify({ AccessKeyId: tempKeyId, SessionToken: token }, null, 2) + '\n');
  writeFileSync(join(dir, 'half.sh'), `export AWS_ACCESS_KEY_ID=${lonelyTempKeyId}\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('preset messages under secretlint 11 default masking', () => {
  it('read the same as without masking, and hand secretlint no data to star', async () => {
    const masked = await lint(['--format', 'json']);
    const unmasked = await lint(['--format', 'json', '--no-maskSecrets']);
    expect(masked.code).toBe(1);
    const got = messages(masked.stdout);
    // key id, secret, account id, temporary key id, token, session-token-required for half.sh's key
    expect(got.map((m) => m.messageId).sort()).toEqual(
      ['AWSAccountID', 'AWSSecretAccessKey', 'AWSSessionToken', 'LongTermAccessKeyID', 'SessionTokenMissing', 'TemporaryAccessKeyID', 'TemporaryAccessKeyID'].sort(),
    );
    expect(got.map((m) => m.message)).toEqual(messages(unmasked.stdout).map((m) => m.message));
    for (const m of got) {
      expect(m.message).not.toMatch(/\*{3}/);
      expect(m.data).toBeUndefined();
    }
    const text = got.map((m) => m.message).join('\n');
    expect(text).toContain(`AWS access key id ${preview(keyId)}: long-term access key`);
    expect(text).toMatch(/ of account \d{4}…\d{4}/);
    expect(text).toContain(`AWS secret access key ${preview(secret)} (key name "AWS_SECRET_ACCESS_KEY")`);
    expect(text).toContain(`AWS session token ${preview(token)}`);
    expect(text).toContain(`temporary AWS access key id ${preview(lonelyTempKeyId)} without a session token`);
  });

  it('the default stylish output names each credential, masked, and shows no value', async () => {
    const r = await lint(['--no-color']);
    expect(r.code).toBe(1);
    expect(r.all).not.toMatch(/\*{3}/);
    expect(r.all).toContain(preview(keyId));
    expect(r.all).toContain(preview(secret));
    for (const value of [keyId, secret, tempKeyId, token, lonelyTempKeyId]) expect(r.all).not.toContain(value);
  });
});
