import { describe, expect, it } from 'vitest';
import { analyze, scan, type Finding } from '../src/index.js';
import { DOCUMENTED_EXAMPLES } from '../src/allowlist.js';
import {
  fakeAccessKeyId,
  fakeBase64Blob,
  fakeBedrockLongTermKey,
  fakeBedrockShortTermKey,
  fakeGitSha,
  fakeJwt,
  fakeSecretAccessKey,
} from '../src/testing.js';

/**
 * Issue 13: names without "secret"/"token" (item 1), Amazon Bedrock API keys (item 2), non-STS
 * session tokens (item 4) and more AWS documentation examples (item 6), in every context core
 * scans. `{N}` is the name, `{V}` the value; everything key-shaped is generated here.
 */
const CONTEXTS: [string, string, string][] = [
  ['TypeScript', 'src/config.ts', 'export const {N} = "{V}";\n'],
  ['Python', 'settings.py', '{N} = "{V}"\n'],
  ['JSON', 'config.json', '{\n  "{N}": "{V}"\n}\n'],
  ['YAML', 'values.yaml', 'env:\n  {N}: {V}\n'],
  ['TOML', 'config.toml', '[deploy]\n{N} = "{V}"\n'],
  ['.env', '.env', '{N}={V}\n'],
  ['INI', 'app.ini', '[default]\n{N} = {V}\n'],
  ['notebook', 'explore.ipynb', '{"cells":[{"cell_type":"code","source":["{N} = \\"{V}\\"\\n"]}]}'],
  ['log', 'app.log', '2026-01-01T00:00:00Z INFO loaded config {N}={V} from env\n'],
  ['CSV', 'keys.csv', 'name,value\n{N},{V}\n'],
];

function fill(template: string, name: string, value: string): string {
  return template.replaceAll('{N}', name).replaceAll('{V}', value);
}

function values(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);
}

const cross = <T>(names: readonly T[]): [string, string, string, T][] => CONTEXTS.flatMap(([ctx, file, t]) => names.map((n) => [ctx, file, t, n] as [string, string, string, T]));

describe('item 1: secrets under AWS names without "secret" or "token"', () => {
  const NAMES = ['aws_key', 'AWS_KEY', 'awsKey', 'aws_private_key', 'AWS_SAK', 'aws_access_key', 'AwsKey'] as const;
  const secret = fakeSecretAccessKey(101);

  it.each(cross(NAMES))('%s (%s): %s', (_ctx, filename, template, name) => {
    const text = fill(template, name, secret);
    const r = analyze(text, { filename });
    expect(values(text, r.findings)).toEqual([`secret-access-key:${secret}`]);
    expect(r.findings[0]?.keyName).toBe(name);
  });

  const id = fakeAccessKeyId({ seed: 102 });
  const NEGATIVES: [string, string, string][] = [
    ['a key id under aws_access_key is a key id, not a secret', 'aws_access_key', id],
    ['a git SHA', 'aws_key', fakeGitSha(103)],
    ['a placeholder', 'AWS_KEY', 'your-aws-secret-key-goes-here-0000000000'],
    ['a reference', 'awsKey', '${AWS_SECRET_ACCESS_KEY}'],
    ['a 44-character digest', 'aws_private_key', fakeBase64Blob(32, 104)],
    ['a KMS key ARN', 'aws_kms_key', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['an identifier', 'aws_key', 'AwsKeyRotationScheduleForTheDefaultStack'],
    ['AppSync API key in Amplify config (public by design)', 'aws_appsync_apiKey', `da2-${fakeGitSha(105).slice(0, 26)}`],
    ['a word that contains "aws" is not a name', 'laws_key', secret],
  ];
  it.each(NEGATIVES)('not a secret: %s', (_why, name, value) => {
    for (const [, filename, template] of CONTEXTS) {
      const text = fill(template, name, value);
      expect(values(text, scan(text, { filename })).filter((v) => v.startsWith('secret'))).toEqual([]);
    }
  });

  it('the key id under aws_access_key is still reported as a key id', () => {
    expect(values(`aws_access_key = "${id}"`, scan(`aws_access_key = "${id}"`))).toEqual([`access-key-id:${id}`]);
  });
});

describe('item 2: Amazon Bedrock API keys', () => {
  const longTerm = fakeBedrockLongTermKey({ seed: 201, account: '123456789012' });
  const asia = fakeAccessKeyId({ prefix: 'ASIA', account: 210987654321, seed: 202 });
  const shortTerm = fakeBedrockShortTermKey({ seed: 203, keyId: asia, date: '20260301T080000Z', expires: 43200 });
  const NAMES = ['AWS_BEARER_TOKEN_BEDROCK', 'bedrockApiKey', 'api_key'] as const;

  it.each(cross(NAMES))('long-term, %s (%s): %s', (_ctx, filename, template, name) => {
    const text = fill(template, name, longTerm);
    const [f, ...rest] = analyze(text, { filename }).findings;
    expect(rest).toEqual([]);
    expect(f && `${f.kind}:${text.slice(f.start, f.end)}`).toBe(`bedrock-api-key:${longTerm}`);
    expect(f?.ruleId).toBe('aws-bedrock-api-key');
    expect(f?.accountId).toBe('123456789012');
    expect(f?.embeddedKeyId).toBeUndefined();
    expect(f?.masked).toBe(`${longTerm.slice(0, 4)}…${longTerm.slice(-4)}`);
    expect(f?.message).toBe(`Amazon Bedrock API key ${f?.masked} (long-term, account 1234…9012)`);
  });

  it.each(cross(NAMES))('short-term, %s (%s): %s', (_ctx, filename, template, name) => {
    const text = fill(template, name, shortTerm);
    const [f, ...rest] = analyze(text, { filename }).findings;
    expect(rest).toEqual([]);
    expect(f && `${f.kind}:${text.slice(f.start, f.end)}`).toBe(`bedrock-api-key:${shortTerm}`);
    expect(f?.embeddedKeyId).toBe(`${asia.slice(0, 4)}…${asia.slice(-4)}`);
    expect(f?.accountId).toBe('210987654321');
    expect(f?.expiresAt).toBe('2026-03-01T20:00:00Z');
    expect(f?.message).toBe(`Amazon Bedrock API key bedr…${shortTerm.slice(-4)} (short-term, signed with ${f?.embeddedKeyId} of account 2109…4321, expires 2026-03-01T20:00:00Z)`);
    // the session token and key id inside the presigned URL are never shown
    expect(JSON.stringify(f)).not.toContain(asia);
  });

  it('in the CLI-style contexts without a name: shell history, a curl header', () => {
    for (const text of [`curl -H "Authorization: Bearer ${longTerm}" https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse`, `export AWS_BEARER_TOKEN_BEDROCK=${shortTerm}`]) {
      expect(scan(text).map((f) => f.kind)).toEqual(['bedrock-api-key']);
    }
  });

  const b64 = (s: string): string => btoa(s);
  const NEGATIVES: [string, string][] = [
    ['ABSK + base64 of something else', `ABSK${b64(`SomethingElse-abcd-at-123456789012:${fakeSecretAccessKey(204)}`)}`],
    ['ABSK + base64 without a secret', `ABSK${b64('BedrockAPIKey-abcd-at-123456789012:')}`],
    ['ABSK + a non-numeric account', `ABSK${b64(`BedrockAPIKey-abcd-at-account:${fakeSecretAccessKey(205)}`)}`],
    ['ABSK inside a longer token', `xABSK${b64(`BedrockAPIKey-abcd-at-123456789012:${fakeSecretAccessKey(206)}`)}`],
    ['a documentation example', `ABSK${b64('BedrockAPIKey-abcd-at-123456789012:EXAMPLEKEYEXAMPLEKEYEXAMPLEKEY')}`],
    ['bedrock-api-key- + a presigned URL of another action', `bedrock-api-key-${b64(`bedrock.amazonaws.com/?Action=ListFoundationModels&X-Amz-Credential=${asia}%2F20260101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&Version=1`)}`],
    ['bedrock-api-key- + another host', `bedrock-api-key-${b64(`attacker.example.com/?Action=CallWithBearerToken&X-Amz-Credential=${asia}%2F20260101&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&Version=1`)}`],
    ['bedrock-api-key- + a credential that is no key id', `bedrock-api-key-${b64('bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=notakeyid%2F20260101&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&Version=1&pad=0123456789')}`],
    ['the prefix alone in prose', 'set AWS_BEARER_TOKEN_BEDROCK to your bedrock-api-key-… value or an ABSK… key'],
    ['AppSync da2- key in Amplify config', `{"aws_appsync_authenticationType": "API_KEY", "aws_appsync_apiKey": "da2-${fakeGitSha(207).slice(0, 26)}"}`],
  ];
  it.each(NEGATIVES)('not a Bedrock key: %s', (_why, value) => {
    for (const [, filename, template] of CONTEXTS) {
      const text = fill(template, 'AWS_BEARER_TOKEN_BEDROCK', value);
      // (the ASIA id inside a base64 presigned URL is still a key id, found by the blob decoder)
      expect(values(text, scan(text, { filename })).filter((v) => v.startsWith('bedrock'))).toEqual([]);
    }
  });
});

describe('item 4: non-STS session tokens under the strongest names', () => {
  const jwt = fakeJwt(401, 1000);
  const opaque = fakeBase64Blob(300, 402).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

  it.each(cross(['AWS_SESSION_TOKEN', 'aws_session_token'] as const))('a 1,000-character JWT, %s (%s): %s', (_ctx, filename, template, name) => {
    const text = fill(template, name, jwt);
    const r = analyze(text, { filename });
    expect(values(text, r.findings)).toEqual([`session-token:${jwt}`]);
    expect(r.findings[0]?.evidence).toContain('a JWT, not an STS token');
    expect(r.findings[0]?.confidence).toBe('high');
  });

  it('SessionToken in an STS-style JSON answer (MinIO AssumeRoleWithWebIdentity)', () => {
    const id = fakeAccessKeyId({ seed: 403 });
    const text = `{"Credentials":{"AccessKeyId":"${id}","SecretAccessKey":"${fakeSecretAccessKey(404)}","SessionToken":"${jwt}"}}`;
    expect(scan(text).map((f) => f.kind)).toEqual(['access-key-id', 'secret-access-key', 'session-token']);
  });

  it('a base64url token under AWS_SESSION_TOKEN', () => {
    const text = `AWS_SESSION_TOKEN=${opaque}\n`;
    expect(values(text, scan(text))).toEqual([`session-token:${opaque}`]);
  });

  const NEGATIVES: [string, string][] = [
    ['a JWT under an OIDC token name', `id_token = "${jwt}"`],
    ['a JWT under a generic access token name', `accessToken: ${jwt}`],
    ['a JWT under a weak session-token name without AWS context', `const sessionToken = "${jwt}";`],
    ['a dotted config path', `AWS_SESSION_TOKEN=${'settings.credentials.session.token.'.repeat(4)}value`],
    ['an eyJ value that is not a JWT', `AWS_SESSION_TOKEN=eyJ${'x'.repeat(60)}.${'y'.repeat(60)}.z.w`],
    ['a JWT shorter than any session token', `AWS_SESSION_TOKEN=${fakeJwt(405).split('.')[0]}.e30.${'s'.repeat(20)}`],
    ['a kebab-case word run', `AWS_SESSION_TOKEN=${'use-the-default-credential-chain-'.repeat(4)}`],
  ];
  it.each(NEGATIVES)('not reported: %s', (_why, text) => {
    expect(values(text, scan(text))).toEqual([]);
  });
});

describe('item 6: AWS documentation examples without EXAMPLE', () => {
  it('the S3 REST authentication guide pair is allowlisted (and nothing else by accident)', () => {
    const secrets = [...DOCUMENTED_EXAMPLES].filter((v) => v.length === 40);
    expect(secrets.length).toBe(1);
    for (const v of DOCUMENTED_EXAMPLES) {
      const text = `import boto3\naws_access_key_id = 'x'\naws_secret_access_key = '${v}'\naccess_key = '${v}'\n`;
      expect(scan(text)).toEqual([]);
    }
    // the same value with one character changed is a secret: the allowlist is by exact value
    const secret = secrets[0] ?? '';
    const changed = `${secret.slice(0, 10)}${secret[10] === 'Q' ? 'R' : 'Q'}${secret.slice(11)}`;
    expect(scan(`aws_secret_access_key = '${changed}'`).map((f) => f.kind)).toEqual(['secret-access-key']);
  });

  it("the SigV4 test suite's AKIDEXAMPLE and its secret (they carry EXAMPLE)", () => {
    const secret = `wJalrXUtnFEMI/K7MDENG+bPxRfiCY${'EXAMPLE'}KEY`;
    const text = `[default]\naws_access_key_id = AKID${'EXAMPLE'}\naws_secret_access_key = ${secret}\n`;
    expect(scan(text, { filename: '.aws/credentials' })).toEqual([]);
  });
});

describe('item 3 (part): JSON-escaped secrets under a name', () => {
  // a secret with both `/` and `+`, so every escape has something to escape
  let secret = '';
  for (let seed = 300; !(secret.includes('/') && secret.includes('+')); seed++) secret = fakeSecretAccessKey(seed);
  const ESCAPES: [string, string][] = [
    ['PHP json_encode `\\/`', secret.replaceAll('/', '\\/')],
    ['`\\u002F` and `\\u002B`', secret.replaceAll('/', '\\u002F').replaceAll('+', '\\u002B')],
    ['lower-case `\\u002f`', secret.replaceAll('/', '\\u002f')],
  ];
  const FORMATS: [string, string, string][] = [
    ['JSON (PHP)', 'config.json', '{"aws":{"secret_access_key":"{V}","region":"us-east-1"}}'],
    ['JSON log record', 'app.log', '{"level":"info","msg":"boot","env":{"AWS_SECRET_ACCESS_KEY":"{V}"}}\n'],
    ['notebook output', 'explore.ipynb', '{"outputs":[{"text":["{\\"SecretAccessKey\\": \\"{V}\\"}"]}]}'],
    ['JavaScript string', 'bundle.js', 'var c={secretAccessKey:"{V}"};'],
  ];
  const cases = FORMATS.flatMap(([f, file, t]) => ESCAPES.map(([e, v]) => [f, e, file, t.replace('{V}', v), v] as const));

  it.each(cases)('%s, %s', (_f, _e, filename, text, escaped) => {
    const [f, ...rest] = analyze(text, { filename }).findings;
    expect(rest).toEqual([]);
    expect(f?.kind).toBe('secret-access-key');
    expect(text.slice(f?.start, f?.end)).toBe(escaped);
    expect(f?.masked).toBe(`${secret.slice(0, 4)}…${secret.slice(-4)}`);
    expect(f?.evidence).toContain('JSON-escaped value (\\/ or \\u002F)');
  });

  it('not a secret: escapes that make the value 39 or 41 characters, hex, an unnamed escaped value', () => {
    const long = `${secret}Q`.replaceAll('/', '\\/');
    const short = secret.slice(1).replaceAll('/', '\\/');
    expect(scan(`{"aws_secret_access_key":"${long}"}`)).toEqual([]);
    expect(scan(`{"aws_secret_access_key":"${short}"}`)).toEqual([]);
    expect(scan(`{"aws_secret_access_key":"${fakeGitSha(301).slice(0, 20)}\\/${fakeGitSha(302).slice(0, 19)}"}`)).toEqual([]);
    expect(scan(`{"note":"${secret.replaceAll('/', '\\/')}"}`)).toEqual([]);
  });
});
