import { describe, expect, it } from 'vitest';
import { isDocumentationExample, isPlaceholder, scan } from '../src/index.js';
import { isLowDiversity } from '../src/internals.js';
import { DOC_EXAMPLES, PEER_CASES } from './fixtures/public-vectors.js';
import { ID, SECRET, TOKEN } from './helpers.js';

describe('AWS documentation examples are not findings', () => {
  it.each(DOC_EXAMPLES.keyIds)('key id %s', (id) => {
    expect(scan(`aws_access_key_id = ${id}`)).toEqual([]);
  });
  it.each(DOC_EXAMPLES.secrets)('secret %s, even under a strong name and next to a key id', (secret) => {
    expect(scan(`aws_secret_access_key = ${secret}`)).toEqual([]);
    expect(scan(`${ID}\n${secret}`).map((f) => f.kind)).toEqual(['access-key-id']);
  });
  it('the CLI guide session token', () => {
    expect(scan(`aws_session_token = ${DOC_EXAMPLES.sessionToken}`)).toEqual([]);
  });
  it('the SigV4 test-suite pair', () => {
    expect(scan(`Credential=${DOC_EXAMPLES.sigv4KeyId}/20150830/us-east-1/service/aws4_request\nsecret = ${DOC_EXAMPLES.secrets[2]}`)).toEqual([]);
  });
  it('EXAMPLE anywhere in an id, EXAMPLEKEY anywhere in a secret', () => {
    expect(scan(`AKIAEXAMPLE${ID.slice(11)}`)).toEqual([]);
    expect(scan(`${ID.slice(0, 9)}EXAMPLE${ID.slice(16)}`)).toEqual([]);
    expect(scan(`aws_secret_access_key=EXAMPLEKEY${SECRET.slice(10)}`)).toEqual([]);
    expect(isDocumentationExample('AKIAIOSFODNN7EXAMPLE')).toBe(true);
  });
  it('but a fake that does not say EXAMPLE is reported (users test the tool with fakes: trufflehog#1021)', () => {
    expect(scan(`AKIAIOSFODNN7${ID.slice(13)}`)).toHaveLength(1);
  });
});

describe('placeholders are not findings', () => {
  const keyIdPlaceholders = ['AKIAXXXXXXXXXXXXXXXX', 'AKIA0000000000000000', 'AKIAAAAAAAAAAAAAAAAA', 'AKIA2222222222222222', 'AKIAABCDEFGHIJKLMNOP', 'ASIAXXXXXXXXXXXXXXXX', 'AKIA****************', 'AKIA…'];
  it.each(keyIdPlaceholders)('key id %s', (v) => {
    expect(scan(`aws_access_key_id = ${v}`)).toEqual([]);
  });

  const values = ['your-secret-key', 'YOUR_SECRET_ACCESS_KEY', '<secret>', '<YOUR_AWS_SECRET>', '${AWS_SECRET}', '${{ secrets.AWS }}', '{{ aws_secret }}', '$(pass aws)', '%AWS_SECRET%', '$AWS_SECRET', '****', '••••••', 'changeme', 'CHANGE_ME', 'replace-me', 'dummy', 'xxxxxxxx', 'redacted', 'TODO', 'null', ''];
  it.each(values)('isPlaceholder(%j)', (v) => {
    expect(isPlaceholder(v)).toBe(true);
    expect(scan(`aws_secret_access_key = ${v}`)).toEqual([]);
  });

  it('generated credentials are not placeholders', () => {
    for (const v of [ID, SECRET, TOKEN]) expect(isPlaceholder(v)).toBe(false);
  });

  it('isLowDiversity: repeats, runs and sequences', () => {
    for (const v of ['XXXXXXXXXXXXXXXX', 'ABCDEFGHIJKLMNOP', 'TESTTESTTESTTEST', '1234567890123456']) expect(isLowDiversity(v)).toBe(true);
    expect(isLowDiversity(ID.slice(4))).toBe(false);
  });
});

describe('cases from other scanners\' test suites', () => {
  it.each(PEER_CASES.map((c) => [c.source, c.text, c.expect] as const))('%s', (_source, text, expected) => {
    expect(scan(text).map((f) => f.kind)).toEqual(expected);
  });
});
