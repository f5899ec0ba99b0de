import { describe, expect, it } from 'vitest';
import { analyze, fingerprint, hintFor, mask, maskAccountId, messageFor, redact } from '../src/index.js';
import { fill, ID, SECRET, TOKEN } from './helpers.js';

describe('masking: one function, at most 8 characters of a value', () => {
  it.each([
    [ID, `${ID.slice(0, 4)}…${ID.slice(-4)}`],
    [SECRET, `${SECRET.slice(0, 4)}…${SECRET.slice(-4)}`],
    ['123456789012', '12…12'],
    ['abcdefgh', 'a…'],
    ['short', '…'],
    ['', '…'],
  ])('mask(%s)', (value, masked) => {
    expect(mask(value)).toBe(masked);
  });

  it('account ids show 4 + 4 digits', () => {
    expect(maskAccountId('123456789012')).toBe('1234…9012');
  });

  it('no finding carries the value outside start/end: masked, message, evidence, keyName', () => {
    const text = fill('[default]\naws_access_key_id={ID}\naws_secret_access_key={SECRET}\naws_session_token={TOKEN}\n');
    const r = analyze(text, { kinds: ['access-key-id', 'secret-access-key', 'session-token', 'account-id'] });
    expect(r.findings).toHaveLength(3);
    for (const f of r.findings) {
      const value = text.slice(f.start, f.end);
      const shown = JSON.stringify({ ...f, start: 0, end: 0 });
      // no run of 9 consecutive characters of the value appears anywhere in the finding
      for (let i = 0; i + 9 <= value.length; i++) expect(shown).not.toContain(value.slice(i, i + 9));
      expect(f.message).toContain(f.masked);
    }
  });

  it('redact masks every occurrence', () => {
    expect(redact(`a ${ID} b ${ID} ${SECRET}`, [ID, SECRET])).toBe(`a ${mask(ID)} b ${mask(ID)} ${mask(SECRET)}`);
  });

  it('messages and hints for every kind', () => {
    const r = analyze(fill('{ID}\n{SECRET}\naws_session_token={TOKEN}\naws_account_id = 5831-2297-4406'), {
      kinds: ['access-key-id', 'secret-access-key', 'session-token', 'account-id'],
    });
    expect(r.findings.map((f) => f.message)).toEqual([
      `AWS access key id ${mask(ID)}: long-term access key (IAM user or root) of account 1234…9012`,
      `AWS secret access key ${mask(SECRET)} (next to a key id on line 1)`,
      `AWS session token ${mask(TOKEN)} (key name "aws_session_token"; known STS session-token prefix)`.replace('; known STS session-token prefix', ''),
      'AWS account id 5831…4406 (key name "aws_account_id")',
    ]);
    for (const f of r.findings) {
      expect(hintFor(f).length).toBeGreaterThan(20);
      expect(messageFor(f)).toBe(f.message);
    }
  });
});

describe('fingerprint', () => {
  it('is stable, one-way and kind-scoped', () => {
    expect(fingerprint(ID, 'access-key-id')).toBe(fingerprint(ID, 'access-key-id'));
    expect(fingerprint(ID, 'access-key-id')).not.toBe(fingerprint(ID, 'secret-access-key'));
    expect(fingerprint(ID)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(ID)).not.toContain(ID.slice(4, 12).toLowerCase());
  });
});
