import { describe, expect, it } from 'vitest';
import { analyze, type Finding } from '../src/index.js';
import { fakeAccessKeyId, fakeBase64Blob, fakeBedrockShortTermKey, fakeSecretAccessKey } from '../src/testing.js';

/**
 * Issue 13 item 3: credentials inside a base64 blob (a credentials file or JSON config in a
 * Kubernetes Secret, a JWT claim, `base64` output wrapped at 76 columns), base64 inside base64,
 * and percent-encoded secrets in URL passwords. Reported at the encoded span, masked, with
 * `encoding` saying how. Everything key-shaped is generated here.
 */
const ID = fakeAccessKeyId({ seed: 301 });
const SECRET = fakeSecretAccessKey(302);
// a secret with `/` and `+` so that percent-encoding changes it
const SLASHY = `${fakeSecretAccessKey(303).slice(0, 36)}a/+Z`;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const masked = (v: string): string => `${v.slice(0, 4)}…${v.slice(-4)}`;

const CREDENTIALS_FILE = `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\nregion = eu-west-1\n`;
const JSON_CONFIG = JSON.stringify({ region: 'eu-west-1', accessKeyId: ID, secretAccessKey: SECRET });
const JWT = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: 'svc', aws_access_key_id: ID, aws_secret_access_key: SECRET }))}.${fakeBase64Blob(32, 304).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
// stringData holds the id as is, data the secret base64-encoded: the secret is base64 twice
const MANIFEST = `apiVersion: v1\nkind: Secret\nstringData:\n  AWS_ACCESS_KEY_ID: ${ID}\ndata:\n  AWS_SECRET_ACCESS_KEY: ${b64(SECRET)}\n`;

/** `{N}` is the name, `{V}` the value (as in breadth.test.ts). */
const CONTEXTS: [string, string, string][] = [
  ['TypeScript', 'src/config.ts', 'export const {N} = "{V}";\n'],
  ['Python', 'settings.py', '{N} = "{V}"\n'],
  ['JSON', 'config.json', '{\n  "{N}": "{V}"\n}\n'],
  ['YAML', 'values.yaml', 'data:\n  {N}: {V}\n'],
  ['TOML', 'config.toml', '[deploy]\n{N} = "{V}"\n'],
  ['.env', '.env', '{N}={V}\n'],
  ['INI', 'app.ini', '[default]\n{N} = {V}\n'],
  ['notebook', 'explore.ipynb', '{"cells":[{"cell_type":"code","source":["{N} = \\"{V}\\"\\n"]}]}'],
  ['log', 'app.log', '2026-01-01T00:00:00Z INFO loaded {N}={V} from env\n'],
  ['CSV', 'keys.csv', 'name,value\n{N},{V}\n'],
];
const fill = (template: string, name: string, value: string): string => template.replaceAll('{N}', name).replaceAll('{V}', value);

interface Case {
  what: string;
  name: string;
  value: string;
  /** [kind, decoded value, encoding] in text order. */
  expected: [Finding['kind'], string, Finding['encoding']][];
}

const POSITIVES: Case[] = [
  { what: 'a base64 credentials file', name: 'credentials', value: b64(CREDENTIALS_FILE), expected: [['access-key-id', ID, 'base64'], ['secret-access-key', SECRET, 'base64']] },
  { what: 'a base64 JSON config', name: 'config', value: b64(JSON_CONFIG), expected: [['access-key-id', ID, 'base64'], ['secret-access-key', SECRET, 'base64']] },
  { what: 'a JWT whose payload carries keys', name: 'bearer', value: JWT, expected: [['access-key-id', ID, 'base64'], ['secret-access-key', SECRET, 'base64']] },
  { what: 'a base64 Kubernetes Secret manifest (base64 inside base64)', name: 'manifest', value: b64(MANIFEST), expected: [['access-key-id', ID, 'base64'], ['secret-access-key', SECRET, 'base64']] },
  { what: 'an s3 URL with a percent-encoded password', name: 'url', value: `s3://${ID}:${encodeURIComponent(SLASHY)}@my-bucket/path`, expected: [['access-key-id', ID, undefined], ['secret-access-key', SLASHY, 'percent']] },
  { what: 'an https URL with the key pair as user:password', name: 'endpoint', value: `https://${ID}:${encodeURIComponent(SLASHY)}@minio.internal:9000/`, expected: [['access-key-id', ID, undefined], ['secret-access-key', SLASHY, 'percent']] },
];

const cross = <T>(cases: readonly T[]): [string, string, string, T][] => CONTEXTS.flatMap(([ctx, file, t]) => cases.map((c) => [ctx, file, t, c] as [string, string, string, T]));

describe('item 3: encoded credentials', () => {
  it.each(cross(POSITIVES))('%s (%s): %s', (_ctx, filename, template, c) => {
    const text = fill(template, c.name, c.value);
    const { findings } = analyze(text, { filename });
    expect(findings.map((f) => [f.kind, f.masked, f.encoding])).toEqual(c.expected.map(([k, v, e]) => [k, masked(v), e]));
    const valueAt = text.indexOf(c.value);
    for (const f of findings) {
      // reported inside the encoded value, never showing the credential
      expect(f.start).toBeGreaterThanOrEqual(valueAt);
      expect(f.end).toBeLessThanOrEqual(valueAt + c.value.length);
      for (const [, v] of c.expected) {
        expect(f.message).not.toContain(v);
        expect(JSON.stringify(f)).not.toContain(v);
      }
      if (f.encoding) expect(f.message).toMatch(/(base64|percent)-encoded in the file/);
    }
  });

  // base64 of `aws_…` holds `YXdz`, the marker of a token next to a key id: a credentials file
  // stored as base64 one line below a plain key id was reported as one medium session token.
  const OTHER_ID = fakeAccessKeyId({ seed: 307 });
  it.each(CONTEXTS)('%s (%s): a base64 credentials file next to a plain key id is decoded, not a token', (_ctx, filename, template) => {
    const text = `# AWS_ACCESS_KEY_ID ${OTHER_ID}\n${fill(template, 'credentials', b64(CREDENTIALS_FILE))}`;
    const { findings } = analyze(text, { filename });
    expect(findings.map((f) => [f.kind, f.masked, f.encoding])).toEqual([
      ['access-key-id', masked(OTHER_ID), undefined],
      ['access-key-id', masked(ID), 'base64'],
      ['secret-access-key', masked(SECRET), 'base64'],
    ]);
  });

  it('the span of a blob finding covers the encoded credential', () => {
    const text = `credentials: ${b64(CREDENTIALS_FILE)}\n`;
    const [id, secret] = analyze(text).findings;
    // decoding the reported span (widened to whole base64 quanta) yields the credential
    const decode = (f: Finding | undefined): string => {
      const blob = text.indexOf(b64(CREDENTIALS_FILE));
      const s = blob + Math.floor((f!.start - blob) / 4) * 4;
      const e = blob + Math.ceil((f!.end - blob) / 4) * 4;
      return Buffer.from(text.slice(s, e), 'base64').toString('latin1');
    };
    expect(decode(id)).toContain(ID);
    expect(decode(secret)).toContain(SECRET);
    expect(secret?.evidence).toEqual(expect.arrayContaining(['key name "aws_secret_access_key"']));
    expect(secret?.evidence.join(' ')).toContain('credentials or config file stored as base64');
  });

  it('base64 output wrapped at 76 columns is joined before decoding', () => {
    const wrapped = b64(CREDENTIALS_FILE + CREDENTIALS_FILE).replace(/(.{76})/g, '$1\n');
    expect(wrapped.split('\n').length).toBeGreaterThan(2);
    const { findings } = analyze(`-----\n${wrapped}\n-----\n`);
    expect(findings.map((f) => [f.kind, f.encoding])).toEqual([
      ['access-key-id', 'base64'],
      ['secret-access-key', 'base64'],
      ['access-key-id', 'base64'],
      ['secret-access-key', 'base64'],
    ]);
  });

  it('a presigned URL in base64 that is not a Bedrock key is decoded like any blob', () => {
    const asia = fakeAccessKeyId({ prefix: 'ASIA', seed: 308 });
    const url = Buffer.from(fakeBedrockShortTermKey({ seed: 309, keyId: asia }).slice('bedrock-api-key-'.length), 'base64').toString();
    const text = `token: bedrock-api-key-${b64(url.replace('CallWithBearerToken', 'GetCallerIdentity'))}\n`;
    expect(analyze(text).findings.map((f) => [f.kind, f.encoding])).toEqual([
      ['access-key-id', 'base64'],
      ['session-token', 'base64'],
    ]);
    expect(analyze(text).findings[0]?.masked).toBe(masked(asia));
  });

  it('names the inner encoding of a nested value', () => {
    const { findings } = analyze(`helm: ${b64(MANIFEST)}`);
    expect(findings[1]?.evidence.join(' ')).toContain('base64-encoded twice');
  });

  it('does not decode a blob with a secret and no key id (a documented limit)', () => {
    expect(analyze(`config: ${b64(JSON.stringify({ secretAccessKey: SECRET }))}`).findings).toEqual([]);
  });

  it('a percent-encoded secret under a strong name says so', () => {
    const text = `https://example.com/cb?AWS_SECRET_ACCESS_KEY=${encodeURIComponent(SLASHY)}&x=1`;
    const [f] = analyze(text).findings;
    expect([f?.kind, f?.encoding, f?.masked]).toEqual(['secret-access-key', 'percent', masked(SLASHY)]);
  });

  it('a JSON-escaped secret says so', () => {
    const text = `{"AWS_SECRET_ACCESS_KEY":"${SLASHY.replaceAll('/', '\\/')}"}`;
    const [f] = analyze(text).findings;
    expect([f?.kind, f?.encoding, f?.masked]).toEqual(['secret-access-key', 'json-escape', masked(SLASHY)]);
  });

  const EXAMPLE_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
  const NEGATIVES: [string, string, string][] = [
    ['a base64 config with no credentials', 'config', b64('[default]\naws_region = eu-west-1\noutput = json\nsecret_name = prod/db\n')],
    ['a base64 credentials file holding the documentation example', 'credentials', b64(`[default]\naws_access_key_id = ${EXAMPLE_ID}\naws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'}EXAMPLEKEY\n`)],
    ['a base64 credentials file holding placeholders', 'credentials', b64(`[default]\naws_access_key_id = AKIA${'X'.repeat(16)}\naws_secret_access_key = ${'x'.repeat(40)}\n`)],
    ['random binary in base64', 'blob', fakeBase64Blob(600, 305)],
    ['a JWT with ordinary claims', 'bearer', `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify({ sub: 'aws_user', secret: false, scope: 'read' }))}.${'a'.repeat(43)}`],
    ['a URL whose password is not secret-shaped', 'url', `https://aws_user:${encodeURIComponent('hunter2/hunter2+hunter2/hunter2+hunter2/')}@example.com/`],
    ['a resource id (AIDA, an IAM user) as the URL user', 'url', `s3://${ID.replace('AKIA', 'AIDA')}:${encodeURIComponent(SLASHY)}@bucket`],
    ['a digest under a config name', 'config_sha256', b64(fakeBase64Blob(32, 306))],
  ];
  it.each(cross(NEGATIVES))('not a finding (%s, %s): %s', (_ctx, filename, template, [, name, value]) => {
    const text = fill(template, name, value);
    expect(analyze(text, { filename }).findings.filter((f) => f.kind !== 'access-key-id' || !value.includes('AIDA'))).toEqual([]);
  });
});
