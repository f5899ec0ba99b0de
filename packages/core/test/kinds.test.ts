import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_KINDS, docsUrlOf, FINDING_KINDS, kindOfRule, KINDS, type FindingKind } from '../src/index.js';
import { fakeAccessKeyId, fakeBedrockLongTermKey, fakeSecretAccessKey, fakeSessionToken } from '../src/testing.js';

describe('KINDS: one descriptor per finding kind', () => {
  it('every finding carries the rule id of its kind', () => {
    const text = [
      `aws_access_key_id = ${fakeAccessKeyId({ seed: 7 })}`,
      `aws_secret_access_key = ${fakeSecretAccessKey(7)}`,
      `aws_session_token = ${fakeSessionToken(7)}`,
      `aws_account_id = 583122974406`,
      `AWS_BEARER_TOKEN_BEDROCK=${fakeBedrockLongTermKey()}`,
    ].join('\n');
    const found = analyze(text, { kinds: FINDING_KINDS }).findings;
    expect(new Set(found.map((f) => f.kind))).toEqual(new Set(FINDING_KINDS));
    for (const f of found) {
      expect(f.ruleId).toBe(KINDS[f.kind].ruleId);
      expect(kindOfRule(f.ruleId)).toBe(f.kind);
    }
  });

  it('the default kinds are the ones marked defaultOn, and analyze uses them', () => {
    expect(DEFAULT_KINDS).toEqual(FINDING_KINDS.filter((k) => KINDS[k].defaultOn));
    expect(DEFAULT_KINDS).not.toContain('account-id');
    expect(analyze('aws_account_id = 583122974406').findings).toEqual([]);
  });

  it('rule ids are unique, docs pages point into docs/, unknown rule ids have no kind', () => {
    const ids = FINDING_KINDS.map((k) => KINDS[k].ruleId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of FINDING_KINDS as FindingKind[]) expect(docsUrlOf(k)).toMatch(/\/docs\/cli\.md#aws-/);
    expect(kindOfRule('env-file-tracked')).toBeUndefined();
  });
});
