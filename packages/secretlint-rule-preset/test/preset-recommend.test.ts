// The preset next to @secretlint/secretlint-rule-preset-recommend, configured exactly as
// docs/guides/secretlint-comparison.md says (the JSON block after its preset-recommend-config
// marker): the real secretlint 11 CLI with default options reports each credential once, readably.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkPackages, PACKAGE_DIR, run, SECRETLINT_11_BIN, workspacePackages } from './helpers/cli.js';

const GUIDE = join(PACKAGE_DIR, '../../docs/guides/secretlint-comparison.md');

interface JsonMessage {
  ruleId: string;
  messageId: string;
  message: string;
  range: [number, number];
}

const keyId = fakeAccessKeyId({ seed: 81 });
const secret = fakeSecretAccessKey(81);
const token = fakeSessionToken(81);
const preview = (v: string) => `${v.slice(0, 4)}…${v.slice(-4)}`;

/** The guide's config: the first ```json block after the marker. */
function documentedConfig(): unknown {
  const guide = readFileSync(GUIDE, 'utf8');
  const at = guide.indexOf('<!-- preset-recommend-config');
  const block = /```json\n([\s\S]*?)\n```/.exec(guide.slice(at));
  if (at < 0 || !block?.[1]) throw new Error(`${GUIDE}: no preset-recommend-config JSON block`);
  return JSON.parse(block[1]);
}

let dir = '';

async function lint(config: unknown) {
  writeFileSync(join(dir, '.secretlintrc.json'), JSON.stringify(config, null, 2) + '\n');
  const r = await run(process.execPath, [SECRETLINT_11_BIN, '**/*', '--format', 'json'], dir);
  if (r.code !== 1) throw new Error(`secretlint exited ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { messages: JsonMessage[] }[]).flatMap((f) => f.messages);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-secretlint-recommend-'));
  linkPackages(dir, {
    ...workspacePackages(),
    '@secretlint/secretlint-rule-preset-recommend': join(PACKAGE_DIR, 'node_modules/@secretlint/secretlint-rule-preset-recommend'),
  });
  writeFileSync(join(dir, 'creds.env'), `AWS_ACCESS_KEY_ID=${keyId}\nAWS_SECRET_ACCESS_KEY=${secret}\nAWS_SESSION_TOKEN=${token}\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('with @secretlint/secretlint-rule-preset-recommend', () => {
  it('without the documented override, secretlint-rule-aws reports the secret a second time', async () => {
    const messages = await lint({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }, { id: '@credlint/secretlint-rule-preset' }] });
    expect(messages.filter((m) => m.ruleId === '@secretlint/secretlint-rule-aws').map((m) => m.messageId)).toContain('AWSSecretAccessKey');
  });

  it('configured as the guide documents, each credential is reported once, by the preset, readably', async () => {
    const messages = await lint(documentedConfig());
    expect(messages.map((m) => m.messageId)).toEqual(['LongTermAccessKeyID', 'AWSSecretAccessKey', 'AWSSessionToken']);
    for (const m of messages) {
      expect(m.ruleId).toMatch(/^@credlint\/secretlint-rule-/);
      expect(m.message).not.toMatch(/\*{3}/);
    }
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringContaining(`AWS access key id ${preview(keyId)}: long-term access key`),
      `AWS secret access key ${preview(secret)} (key name "AWS_SECRET_ACCESS_KEY")`,
      expect.stringContaining(`AWS session token ${preview(token)}`),
    ]);
    const content = readFileSync(join(dir, 'creds.env'), 'utf8');
    expect(messages.map((m) => content.slice(m.range[0], m.range[1]))).toEqual([keyId, secret, token]);
  });
});
