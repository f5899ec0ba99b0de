import { describe, expect, it } from 'vitest';
import { normalizeName, secretNameStrength, tokenNameStrength } from '../src/index.js';
import { accountNameStrength } from '../src/internals.js';
import { BY_NAME, readAccountId, readSecretAccessKey, readSessionToken, type NameSighting, type ReadState } from '../src/values.js';
import { fakeSecretAccessKey, fakeSessionToken } from '../src/testing.js';

/** A fresh reader state over `text`, as the scanner holds it before its first anchor. */
function state(text: string): ReadState {
  return { text, stats: { charsVisited: 0 }, tokenRunEnd: -1, opaqueRunEnd: -1, opaqueDots: [] };
}

function sighting(name: string, strength: 'strong' | 'weak' = 'strong'): NameSighting {
  return { name, normalized: normalizeName(name), strength, start: 0 };
}

describe('value readers (values.ts): one per kind found by a name', () => {
  it('BY_NAME pairs each such kind with its reader and the judgement of a normalised name', () => {
    expect(Object.keys(BY_NAME).sort()).toEqual(['account-id', 'secret-access-key', 'session-token']);
    const judge = { 'secret-access-key': secretNameStrength, 'session-token': tokenNameStrength, 'account-id': accountNameStrength } as const;
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'secret_key', 'aws-session-token', 'x-amz-security-token', 'AWS_ACCOUNT_ID', 'accountId', 'aws_key', 'name']) {
      for (const kind of Object.keys(BY_NAME) as (keyof typeof BY_NAME)[]) {
        expect(BY_NAME[kind].strength(normalizeName(name)), `${kind} ${name}`).toBe(judge[kind](name));
      }
    }
    expect(BY_NAME['secret-access-key'].read).toBe(readSecretAccessKey);
    expect(BY_NAME['session-token'].read).toBe(readSessionToken);
    expect(BY_NAME['account-id'].read).toBe(readAccountId);
  });

  it('a secret: the value and its end, or undefined; weak names carry where AWS context is needed', () => {
    const secret = fakeSecretAccessKey(3);
    const text = `=${secret}"`;
    const c = readSecretAccessKey(state(text), 1, sighting('aws_secret_access_key'));
    expect(c).toMatchObject({ kind: 'secret-access-key', start: 1, end: 41, confidence: 'high', keyName: 'aws_secret_access_key' });
    expect(c?.awsContextAt).toBeUndefined();
    expect(readSecretAccessKey(state(text), 1, { ...sighting('secret_key', 'weak'), start: 7 })?.awsContextAt).toBe(7);
    expect(readSecretAccessKey(state(`=${secret}X"`), 1, sighting('aws_secret_access_key'))).toBeUndefined();
    expect(readSecretAccessKey(state('=short"'), 1, sighting('aws_secret_access_key'))).toBeUndefined();
  });

  it('a session token: consumed once (a second read inside the run is no match)', () => {
    const token = fakeSessionToken(4);
    const s = state(`${token} `);
    const c = readSessionToken(s, 0, sighting('AWS_SESSION_TOKEN'));
    expect(c).toMatchObject({ kind: 'session-token', start: 0, end: token.length, confidence: 'high' });
    expect(s.tokenRunEnd).toBe(token.length);
    expect(readSessionToken(s, 10, sighting('AWS_SESSION_TOKEN'))).toBeUndefined();
    expect(s.stats.charsVisited).toBeLessThanOrEqual(3 * token.length);
  });

  it('an account id: 12 digits, dashes allowed; anything else is no match', () => {
    expect(readAccountId(state('4938-2715-0642'), 0, sighting('aws_account_id'))).toMatchObject({
      kind: 'account-id',
      start: 0,
      end: 14,
      confidence: 'medium',
    });
    expect(readAccountId(state('49382715064'), 0, sighting('aws_account_id'))).toBeUndefined();
    expect(readAccountId(state('493827150642a'), 0, sighting('aws_account_id'))).toBeUndefined();
  });
});
