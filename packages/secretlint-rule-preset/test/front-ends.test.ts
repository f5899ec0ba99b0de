// Issue 13 items 1–6 through all three front ends on the same files: `credlint scan` (the CLI
// process), secretlint's engine (@secretlint/core lintSource with the preset) and ESLint (the real
// ESLint class with the plugin's configs.recommended). Each must report exactly the kinds listed,
// on the listed lines, with core's one message. Everything key-shaped is generated here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type FindingKind } from '@credlint/core';
import { fakeAccessKeyId, fakeBedrockLongTermKey, fakeBedrockShortTermKey, fakeJwt, fakeSecretAccessKey } from '@credlint/core/testing';
import { lintSource } from '@secretlint/core';
import type { SecretLintCoreConfig, SecretLintRulePresetCreator } from '@secretlint/types';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import eslintPlugin from '../../eslint-plugin/src/index.js';
import { creator as preset } from '../src/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'packages/cli/bin/credlint.js');

const ID = fakeAccessKeyId({ seed: 1301 });
const OTHER_ID = fakeAccessKeyId({ seed: 1302 });
// secrets with a `/` so that escaping and percent-encoding change them
const S: string[] = [];
for (let seed = 1300; S.length < 8; seed++) {
  const v = fakeSecretAccessKey(seed);
  if (v.includes('/')) S.push(v);
}
const s = (i: number): string => S[i] ?? '';
const JWT = fakeJwt(1303, 1000);
const LONG = fakeBedrockLongTermKey({ seed: 1304 });
const SHORT = fakeBedrockShortTermKey({ seed: 1305 });
const b64 = (v: string): string => Buffer.from(v).toString('base64');
const b64url = (v: string): string => Buffer.from(v).toString('base64url');
const CREDENTIALS_FILE = `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${s(0)}\n`;
const JWT_WITH_KEYS = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: 'svc', aws: { accessKeyId: ID, secretAccessKey: s(1) } }))}.${b64url('signature-bytes-0123456789')}`;
// published examples (allowlisted), assembled so this file does not spell them whole
const S3_GUIDE_ID = ['44CF9590006B', 'F252F707'].join('');
const S3_GUIDE_SECRET = ['OtxrzxIsfpFjA7SwPzILwy8Bw21TLhqu', 'hboDYROV'].join('');
const SIGV4_SECRET = ['wJalrXUtnFEMI/K7MDENG+bPxRfiCY', 'EXAMPLEKEY'].join('');

const NAMES = ['aws_key', 'AWS_KEY', 'awsKey', 'aws_private_key', 'AWS_SAK', 'aws_access_key'];
const six = (line: (name: string, value: string) => string): string => NAMES.map((n, i) => line(n, s(i))).join('');
const SECRETS_ON_6_LINES = NAMES.map((_n, i) => `${i + 1}:secret-access-key`);

/** file → [content, expected `line:kind` in order]. ESLint lints the .ts and .py files. */
const FILES: Record<string, [string, string[]]> = {
  // item 1: aws names without "secret"/"token"
  'item1/names.py': [six((n, v) => `${n} = "${v}"\n`), SECRETS_ON_6_LINES],
  'item1/names.ts': [six((n, v) => `export const ${n} = '${v}';\n`), SECRETS_ON_6_LINES],
  'item1/names.yaml': [six((n, v) => `${n}: ${v}\n`), SECRETS_ON_6_LINES],
  'item1/names.cfg': [six((n, v) => `${n} = ${v}\n`), SECRETS_ON_6_LINES],
  // item 2: Bedrock API keys
  'item2/bedrock.ts': [`export const apiKey = '${LONG}';\nprocess.env.AWS_BEARER_TOKEN_BEDROCK = "${SHORT}";\n`, ['1:bedrock-api-key', '2:bedrock-api-key']],
  'item2/bedrock.py': [`import os\nos.environ["AWS_BEARER_TOKEN_BEDROCK"] = "${LONG}"\nTOKEN = "${SHORT}"\n`, ['2:bedrock-api-key', '3:bedrock-api-key']],
  'item2/run.sh': [`export AWS_BEARER_TOKEN_BEDROCK=${SHORT}\ncurl -H "Authorization: Bearer ${LONG}" https://bedrock-runtime.us-east-1.amazonaws.com\n`, ['1:bedrock-api-key', '2:bedrock-api-key']],
  // item 3: encodings
  'item3/secret.yaml': [`apiVersion: v1\nkind: Secret\nmetadata:\n  name: aws\ndata:\n  credentials: ${b64(CREDENTIALS_FILE)}\n`, ['6:access-key-id', '6:secret-access-key']],
  'item3/secret-next-to-id.yaml': [`stringData:\n  AWS_ACCESS_KEY_ID: ${OTHER_ID}\ndata:\n  credentials: ${b64(CREDENTIALS_FILE)}\n`, ['2:access-key-id', '4:access-key-id', '4:secret-access-key']],
  'item3/php.json': [`{"aws_secret_access_key":"${s(2).replaceAll('/', '\\/')}"}\n`, ['1:secret-access-key']],
  'item3/unicode.json': [`{"aws_secret_access_key":"${s(3).replaceAll('/', '\\u002F')}"}\n`, ['1:secret-access-key']],
  'item3/url.txt': [`s3://${ID}:${encodeURIComponent(s(4))}@bucket/path\n`, ['1:access-key-id', '1:secret-access-key']],
  'item3/claims.txt': [`Authorization: Bearer ${JWT_WITH_KEYS}\n`, ['1:access-key-id', '1:secret-access-key']],
  'item3/encoded.ts': [`export const credentials = '${b64(CREDENTIALS_FILE)}';\nexport const u = 's3://${ID}:${encodeURIComponent(s(4))}@bucket/path';\n`, ['1:access-key-id', '1:secret-access-key', '2:access-key-id', '2:secret-access-key']],
  'item3/encoded.py': [`CREDS = "${b64(CREDENTIALS_FILE)}"\nconfig = r'{"aws_secret_access_key":"${s(2).replaceAll('/', '\\/')}"}'\n`, ['1:access-key-id', '1:secret-access-key', '2:secret-access-key']],
  // item 4: a JWT under a session-token name
  'item4/minio.ts': [`export const AWS_SESSION_TOKEN = "${JWT}";\n`, ['1:session-token']],
  'item4/minio.py': [`AWS_SESSION_TOKEN = "${JWT}"\n`, ['1:session-token']],
  'item4/minio.yaml': [`aws_session_token: ${JWT}\n`, ['1:session-token']],
  'item4/id_token.ts': [`export const id_token = "${JWT}";\nexport const accessToken = "${JWT}";\n`, []],
  // item 5: words are not key ids, key ids are not words
  'item5/words.ts': [`export const region = 'ASIAPACIFICSOUTHEAST';\nexport const w = 'AKIAMAGAZINEARTICLES';\nexport const id = '${ID}';\n`, ['3:access-key-id']],
  'item5/words.py': [`region = 'ASIAPACIFICSOUTHEAST'\nw = 'AKIAMAGAZINEARTICLES'\nkey_id = '${ID}'\n`, ['3:access-key-id']],
  // item 6: published examples are allowlisted; one character changed is not
  'item6/signer.py': [`ACCESS_KEY = '${S3_GUIDE_ID}'\naws_secret_access_key = '${S3_GUIDE_SECRET}'\n`, []],
  'item6/sigv4.ts': [`export const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '${SIGV4_SECRET}' };\n`, []],
  'item6/changed.py': [`aws_secret_access_key = '${S3_GUIDE_SECRET.slice(0, -1)}W'\n`, ['1:secret-access-key']],
};

const KIND_OF_RULE: Record<string, FindingKind> = {
  'aws-access-key-id': 'access-key-id',
  'aws-secret-access-key': 'secret-access-key',
  'aws-session-token': 'session-token',
  'aws-bedrock-api-key': 'bedrock-api-key',
};

/** Core's own answer for a file: `line:kind` and message per finding (the one implementation). */
function core(name: string, text: string): { kinds: string[]; messages: string[] } {
  const findings = analyze(text, { filename: name }).findings;
  const line = (at: number): number => text.slice(0, at).split('\n').length;
  return { kinds: findings.map((f) => `${line(f.start)}:${f.kind}`), messages: findings.map((f) => `${line(f.start)}:${f.message}`) };
}

type Seen = { kinds: string[]; messages: string[] };
let dir: string;
const cli: Record<string, Seen> = {};
const secretlint: Record<string, Seen> = {};
const eslint: Record<string, Seen> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-front-ends-'));
  for (const [name, [content]] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  for (const name of Object.keys(FILES)) for (const seen of [cli, secretlint, eslint]) seen[name] = { kinds: [], messages: [] };

  const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 1) throw new Error(`credlint scan exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { findings: { file: string; line: number; kind: string; message: string }[] };
  for (const f of report.findings) {
    cli[f.file]?.kinds.push(`${f.line}:${f.kind}`);
    cli[f.file]?.messages.push(`${f.line}:${f.message}`);
  }

  const config: SecretLintCoreConfig = { rules: [{ id: '@credlint/secretlint-rule-preset', rule: preset as unknown as SecretLintRulePresetCreator, options: {} }] };
  for (const [name, [content]] of Object.entries(FILES)) {
    const res = await lintSource({
      source: { content, filePath: join(dir, name), ext: name.slice(name.lastIndexOf('.')), contentType: 'text' },
      options: { config, locale: 'en', maskSecrets: false },
    });
    for (const m of res.messages) {
      const kind = KIND_OF_RULE[m.ruleId.replace('@credlint/secretlint-rule-', '')] ?? m.ruleId;
      secretlint[name]?.kinds.push(`${m.loc.start.line}:${kind}`);
      secretlint[name]?.messages.push(`${m.loc.start.line}:${m.message}`);
    }
  }

  const lint = await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: eslintPlugin.configs.recommended }).lintFiles(
    Object.keys(FILES).filter((n) => /\.(ts|py)$/.test(n)),
  );
  for (const res of lint) {
    const name = res.filePath.slice(dir.length + 1);
    const ours = core(name, FILES[name]?.[0] ?? '');
    for (const m of res.messages) {
      if (m.ruleId !== 'credlint/no-hardcoded-credentials') continue; // no-static-credentials judges SDK calls, not values
      // ESLint's message is core's, then a hint on what to do
      const k = ours.messages.findIndex((x) => x.startsWith(`${m.line}:`) && m.message.startsWith(`${x.slice(x.indexOf(':') + 1)}. `));
      eslint[name]?.kinds.push(k >= 0 ? (ours.kinds[k] ?? '') : `${m.line}:?`);
      eslint[name]?.messages.push(k >= 0 ? (ours.messages[k] ?? '') : `${m.line}:${m.message}`);
    }
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byLine = (xs: string[]): string[] => [...xs].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));

describe('issue 13 through the CLI, secretlint and ESLint', () => {
  it.each(Object.entries(FILES).map(([name, [content, expected]]) => [name, content, expected] as const))('%s', (name, content, expected) => {
    const ours = core(name, content);
    expect(byLine(ours.kinds)).toEqual(byLine(expected));
    expect(byLine(cli[name]?.kinds ?? [])).toEqual(byLine(expected));
    expect(byLine(cli[name]?.messages ?? [])).toEqual(byLine(ours.messages));
    expect(byLine(secretlint[name]?.kinds ?? [])).toEqual(byLine(expected));
    expect(byLine(secretlint[name]?.messages ?? [])).toEqual(byLine(ours.messages));
    if (/\.(ts|py)$/.test(name)) {
      expect(byLine(eslint[name]?.kinds ?? [])).toEqual(byLine(expected));
      expect(byLine(eslint[name]?.messages ?? [])).toEqual(byLine(ours.messages));
    }
  });

  it('secretlint says how a value was encoded in Japanese too', async () => {
    const config: SecretLintCoreConfig = { rules: [{ id: '@credlint/secretlint-rule-preset', rule: preset as unknown as SecretLintRulePresetCreator, options: {} }] };
    const [content] = FILES['item3/url.txt'] ?? [''];
    const res = await lintSource({ source: { content, filePath: join(dir, 'url.txt'), ext: '.txt', contentType: 'text' }, options: { config, locale: 'ja', maskSecrets: false } });
    expect(res.messages.map((m) => m.message)).toEqual([
      expect.stringMatching(/^AWS アクセスキー ID \S+ が見つかりました/),
      expect.stringMatching(/^AWS シークレットアクセスキー \S+（ファイル内ではパーセントエンコード） が見つかりました/),
    ]);
  });

  it('no front end prints a generated credential', () => {
    const all = JSON.stringify([cli, secretlint, eslint]);
    for (const v of [ID, OTHER_ID, ...S, JWT, LONG, SHORT]) expect(all).not.toContain(v);
  });
});
