import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../src/testing.js';

/**
 * Credentials stored base64-encoded: a Kubernetes Secret's `data:`, Helm values, the output of
 * `echo $KEY | base64` (with its trailing newline). Reported at the encoded value, shown
 * decoded and masked.
 */
const ID = fakeAccessKeyId({ seed: 21 });
const ASIA = fakeAccessKeyId({ seed: 22, prefix: 'ASIA' });
const SECRET = fakeSecretAccessKey(23);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const SECRET_MANIFEST = `apiVersion: v1
kind: Secret
metadata:
  name: aws-credentials
type: Opaque
data:
  AWS_ACCESS_KEY_ID: ${b64(ID)}
  AWS_SECRET_ACCESS_KEY: ${b64(SECRET)}
  AWS_REGION: ${b64('eu-west-1')}
`;

describe('base64-encoded credentials', () => {
  it('finds the key id and the secret of a Kubernetes Secret, at the encoded values', () => {
    const { findings } = analyze(SECRET_MANIFEST, { filename: 'k8s/secret.yaml' });
    expect(findings.map((f) => [f.kind, SECRET_MANIFEST.slice(f.start, f.end)])).toEqual([
      ['access-key-id', b64(ID)],
      ['secret-access-key', b64(SECRET)],
    ]);
    const [id, secret] = findings;
    expect(id?.masked).toBe(`${ID.slice(0, 4)}…${ID.slice(-4)}`);
    expect(id?.keyType).toBe('AKIA');
    expect(id?.message).toContain('base64-encoded');
    expect(secret?.masked).toBe(`${SECRET.slice(0, 4)}…${SECRET.slice(-4)}`);
    expect(secret?.evidence).toContain('base64-encoded value');
    for (const f of findings) expect(f.message).not.toContain(SECRET_MANIFEST.slice(f.start, f.end));
  });

  it('decodes values encoded with the newline `echo` adds', () => {
    const text = `AWS_ACCESS_KEY_ID: ${b64(`${ASIA}\n`)}\nAWS_SECRET_ACCESS_KEY: ${b64(`${SECRET}\n`)}\n`;
    const kinds = analyze(text).findings.map((f) => [f.kind, f.keyType ?? '']);
    expect(kinds).toEqual([
      ['access-key-id', 'ASIA'],
      ['secret-access-key', ''],
    ]);
  });

  it.each([
    ['a documentation example', b64('AKIAIOSFODNN7EXAMPLE')],
    ['a placeholder', b64('AKIAXXXXXXXXXXXXXXXX')],
    ['a longer token that starts like a key id', b64(`${ID}ABC`)],
    ['the encoded prefix inside a longer base64 run', `xyz${b64(ID)}`],
    ['a secret-shaped value under a name that says nothing about AWS', `PASSWORD: ${b64(SECRET)}`],
    ['base64 of 40 bytes that are not a secret key', `AWS_SECRET_ACCESS_KEY: ${b64('a'.repeat(40))}`],
  ])('not a finding: %s', (_name, text) => {
    expect(analyze(text).findings).toEqual([]);
  });
});
