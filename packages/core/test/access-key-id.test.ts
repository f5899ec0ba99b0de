import { describe, expect, it } from 'vitest';
import {
  decodeAccountId,
  inspectAccessKeyId,
  keyTypeOf,
  scan,
} from '../src/index.js';
import {
  classifyKeyIdBody,
  isCanaryAccount,
  RESOURCE_ID_PREFIXES,
} from '../src/internals.js';
import { fakeAccessKeyId } from '../src/testing.js';
import { found, ID, ASIA_ID, only } from './helpers.js';

const ABIA = fakeAccessKeyId({ prefix: 'ABIA', seed: 5 });
const ACCA = fakeAccessKeyId({ prefix: 'ACCA', seed: 6 });

describe('access key ids: found in every context', () => {
  // [name, text, the id it must find]
  const cases: [string, string, string][] = [
    ['alone', ID, ID],
    ['after a space', `key ${ID}`, ID],
    ['single-quoted (JS)', `const k = '${ID}';`, ID],
    ['double-quoted (JSON)', `{"accessKeyId":"${ID}"}`, ID],
    ['backticks (template literal)', 'const k = `' + ID + '`;', ID],
    ['after a JSON-escaped \\n', `{"log":"a=1\\n${ID}\\nb=2"}`, ID],
    ['after an escaped \\t', `"cols\\t${ID}\\tend"`, ID],
    ['after an escaped \\r', `"x\\r${ID}"`, ID],
    ['in a presigned URL (X-Amz-Credential, %2F after)', `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request`, ID],
    ['after a percent-encoding (%3D)', `cred%3D${ID}%26x`, ID],
    ['in a // comment', `// old key: ${ID}`, ID],
    ['in a # comment', `# ${ID} rotated`, ID],
    ['in a /* block */ comment', `/*${ID}*/`, ID],
    ['in an HTML comment', `<!--${ID}-->`, ID],
    ['minified code', `var a={k:"${ID}",r:"us-east-1"},b=a.k;`, ID],
    ['comma separated (CSV)', `user,${ID},2024-01-01`, ID],
    ['in parentheses', `creds(${ID})`, ID],
    ['XML element', `<AccessKeyId>${ID}</AccessKeyId>`, ID],
    ['YAML value', `aws_access_key_id: ${ID}\n`, ID],
    ['end of input after =', `AWS_ACCESS_KEY_ID=${ID}`, ID],
    ['CRLF line', `AWS_ACCESS_KEY_ID=${ID}\r\n`, ID],
    ['after a dash (kebab name)', `my-secret-${ID}`, ID],
    ['after a dot', `config.${ID}.json`, ID],
    ['after a slash (path)', `s3://bucket/${ID}/file`, ID],
    ['temporary ASIA id', `"AccessKeyId": "${ASIA_ID}"`, ASIA_ID],
  ];
  it.each(cases)('%s', (_name, text, id) => {
    expect(found(text)).toContain(`access-key-id:${id}`);
  });

  it('reports the offsets of the id itself', () => {
    const text = `aws_access_key_id = "${ID}"`;
    const [f] = scan(text);
    expect(f).toMatchObject({ kind: 'access-key-id', ruleId: 'aws-access-key-id', start: 21, end: 41, keyType: 'AKIA', confidence: 'high' });
  });

  it('finds several ids on one line and across lines', () => {
    const text = `${ID} ${ASIA_ID}\n${ID}`;
    expect(scan(text).map((f) => f.start)).toEqual([0, 21, 42]);
  });
});

describe('access key ids: exact boundaries (not part of a longer token)', () => {
  const cases: [string, string][] = [
    ['a 21-character run (letter after)', `${ID}X`],
    ['a letter before', `x${ID}`],
    ['a digit before', `7${ID}`],
    ['a digit after', `${ID}2`],
    ['an underscore after (`_OLD`)', `${ID}_OLD`],
    ['an underscore before', `OLD_${ID}`],
    ['inside a long upper-case run', `ABCDEFG${ID}HIJKLMN`],
    ['a 19-character id', ID.slice(0, 19)],
    ['a backslash not forming an escape', `\\q${ID}`],
    ['lower-case id (trufflehog negative)', ID.toLowerCase()],
    ['mixed case body', ID.slice(0, 10) + ID.slice(10).toLowerCase()],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(only(text, 'access-key-id')).toEqual([]);
  });
});

describe('access key ids: prefixes and alphabet', () => {
  it('AKIA and ASIA are high confidence; ABIA and ACCA medium', () => {
    const text = [ID, ASIA_ID, ABIA, ACCA].join('\n');
    expect(scan(text).map((f) => [f.keyType, f.confidence])).toEqual([
      ['AKIA', 'high'],
      ['ASIA', 'high'],
      ['ABIA', 'medium'],
      ['ACCA', 'medium'],
    ]);
  });

  it.each(Object.keys(RESOURCE_ID_PREFIXES))('%s (a resource id, not a credential) is never reported', (prefix) => {
    const body = ID.slice(4);
    expect(scan(`${prefix}${body}`)).toEqual([]);
    // and the validator says what it is
    const inspection = inspectAccessKeyId(`${prefix}${body}`);
    expect(inspection.problems).toContain('resource-id');
    expect(inspection.resource).toBe(RESOURCE_ID_PREFIXES[prefix]);
  });

  it('21-character role/user unique ids (AROA…, AIDA…) are not key ids', () => {
    expect(scan(`"RoleId": "AROA${ID.slice(4)}Q"`)).toEqual([]);
    expect(scan(`"UserId": "AIDA${ID.slice(4)}Q"`)).toEqual([]);
  });

  it('A3T (git-secrets legacy pattern, not in the IAM table) is not a key id', () => {
    expect(scan(`A3TX${ID.slice(4)}`)).toEqual([]);
  });

  it.each(['0', '1', '8', '9'])('a body with %s (outside base32) is not AWS-issued: not reported, explained by the validator', (digit) => {
    const id = `${ID.slice(0, 10)}${digit}${ID.slice(11)}`;
    expect(scan(id)).toEqual([]);
    expect(classifyKeyIdBody(id)).toBe('non-base32');
    expect(inspectAccessKeyId(id).problems).toEqual(['non-base32']);
  });

  it('word-like bodies without digits are not keys (region enums, prose)', () => {
    for (const text of ['ASIAPACIFICSOUTHEAST', 'region: ASIAPACIFICSOUTHEAST,', 'AKIAMAGAZINEARTICLES', 'EUROPEASIAAUSTRALIAAMERICA']) {
      expect(scan(text)).toEqual([]);
    }
    expect(classifyKeyIdBody('ASIAPACIFICSOUTHEAST')).toBe('word');
  });
});

describe('account id decoding', () => {
  it('decodes the public vectors (trufflehog canary, Tal Be\'ery)', async () => {
    const { PUBLIC_VECTORS } = await import('./fixtures/public-vectors.js');
    for (const v of PUBLIC_VECTORS) expect(decodeAccountId(v.id)).toBe(v.account);
    expect(isCanaryAccount(PUBLIC_VECTORS[0]?.account)).toBe(true);
  });

  it('fakeAccessKeyId round-trips the account through decodeAccountId', () => {
    for (const [account, seed] of [
      [1, 1],
      [123456789012, 2],
      [999999999999, 3],
      [42, 4],
      [609629065308, 5],
    ] as const) {
      for (const prefix of ['AKIA', 'ASIA'] as const) {
        const id = fakeAccessKeyId({ prefix, account, seed });
        expect(decodeAccountId(id)).toBe(String(account).padStart(12, '0'));
        expect(keyTypeOf(id)).toBe(prefix);
      }
    }
  });

  it('puts the decoded account in the finding and a 4+4 masked form in the message', () => {
    const [f] = scan(`k=${ID}`);
    expect(f?.accountId).toBe('123456789012');
    expect(f?.message).toContain('account 1234…9012');
    expect(f?.message).not.toContain('123456789012');
  });

  it('legacy ids (fifth character I or J) carry no account', () => {
    const legacy = `AKIAI${ID.slice(5)}`;
    expect(decodeAccountId(legacy)).toBeUndefined();
    const [f] = scan(legacy);
    expect(f?.accountId).toBeUndefined();
    expect(f?.message).not.toContain('account');
  });

  it('refuses ids of the wrong length or alphabet', () => {
    expect(decodeAccountId(ID.slice(0, 19))).toBeUndefined();
    expect(decodeAccountId(`${ID.slice(0, 6)}0${ID.slice(7)}`)).toBeUndefined();
  });

  it('reports a canarytokens.org key with a warning that using it alerts someone', async () => {
    const { PUBLIC_VECTORS } = await import('./fixtures/public-vectors.js');
    const [f] = scan(`key: ${PUBLIC_VECTORS[0]?.id}`);
    expect(f?.evidence).toContain('canarytokens.org canary account');
    expect(f?.canary).toBe(true);
    expect(f?.message).toMatch(/canary/);
    expect(scan(`key: ${ID}`)[0]?.canary).toBeUndefined();
  });
});

describe('inspectAccessKeyId (validator judgements)', () => {
  const cases: [string, string, string[]][] = [
    ['a good id', ID, []],
    ['surrounding whitespace', ` ${ID} `, ['whitespace']],
    ['quotes kept as part of the value', `"${ID}"`, ['quotes']],
    ['lower case', ID.toLowerCase(), ['lowercase']],
    ['too short', ID.slice(0, 16), ['length']],
    ['unknown prefix', `AKIV${ID.slice(4)}`, ['unknown-prefix']],
  ];
  it.each(cases)('%s', (_name, value, problems) => {
    const r = inspectAccessKeyId(value);
    expect(r.problems).toEqual(problems);
    expect(r.ok).toBe(problems.length === 0);
  });
  it('a good id carries its type and account', () => {
    expect(inspectAccessKeyId(ASIA_ID)).toMatchObject({ ok: true, keyType: 'ASIA', accountId: '210987654321' });
  });
});
