import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { awsSharedKind, isEnvExampleFile, isEnvFile, parseAwsShared, validateAwsShared, validateAwsSharedFiles } from '../src/index.js';

const AKIA = fakeAccessKeyId({ prefix: 'AKIA', seed: 21 });
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', seed: 22 });
const SECRET = fakeSecretAccessKey(23);
const TOKEN = fakeSessionToken(24);

describe('file names', () => {
  it.each([
    ['.env', true, false],
    ['.env.local', true, false],
    ['config/prod.env', true, false],
    ['.env.example', true, true],
    ['.env.sample', true, true],
    ['.env.template', true, true],
    ['.env.dist', true, true],
    ['example.env', true, true],
    // React Native's committed build settings (its template commits it; .xcode.env.local holds local overrides)
    ['ios/.xcode.env', true, true],
    ['.envrc', false, false],
    ['.env.bak', false, false],
    ['environment.ts', false, false],
  ])('%s: env %s, example %s', (path, env, example) => {
    expect(isEnvFile(path)).toBe(env);
    expect(isEnvExampleFile(path)).toBe(example);
  });
  it.each([
    ['/home/u/.aws/credentials', 'credentials'],
    ['/home/u/.aws/config', 'config'],
    ['C:\\Users\\u\\.aws\\config', 'config'],
    ['/home/u/project/config', undefined],
  ])('%s → %s', (path, kind) => {
    expect(awsSharedKind(path)).toBe(kind);
  });
});

describe('parseAwsShared', () => {
  it('reads sections, names and entries with positions', () => {
    const text = '[default]\nregion = eu-west-1\n\n[profile dev]\nregion=us-east-1\ns3 =\n  max_concurrent_requests = 20\n[sso-session corp]\nsso_region = eu-west-1\n';
    const doc = parseAwsShared(text, { kind: 'config' });
    expect(doc.sections.map((s) => [s.type, s.name])).toEqual([
      ['default', 'default'],
      ['profile', 'dev'],
      ['sso-session', 'corp'],
    ]);
    const region = doc.sections[1]?.entries[0];
    expect(region && text.slice(region.valueStart, region.valueEnd)).toBe('us-east-1');
    expect(doc.errors).toEqual([]);
  });
  it('reports lines it cannot read', () => {
    const doc = parseAwsShared('key = outside\n[broken\n[ok]\nnot a setting\n', { kind: 'credentials' });
    expect(doc.errors.map((e) => e.line)).toEqual([1, 2, 4]);
  });
});

describe('validateAwsShared', () => {
  const ids = (text: string, kind: 'credentials' | 'config') => validateAwsShared(text, { kind }).map((d) => d.checkId).sort();

  it('ASIA without aws_session_token, per profile', () => {
    expect(ids(`[a]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${SECRET}\n[b]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`, 'credentials')).toEqual(['session-token-required']);
  });
  it('AKIA with a token', () => {
    expect(ids(`[a]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`, 'credentials')).toEqual(['unexpected-session-token']);
  });
  it('duplicate profiles and keys', () => {
    expect(ids('[a]\nx = 1\nx = 2\n[a]\ny = 1\n', 'credentials')).toEqual(['duplicate-key', 'duplicate-key']);
  });
  it('keys in config instead of credentials', () => {
    expect(ids(`[profile a]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\nregion = eu-west-1\n`, 'config')).toEqual(['conflicting-credential-sources', 'conflicting-credential-sources']);
  });
  it('half a key pair, a bad region, a mistyped setting', () => {
    expect(ids(`[profile a]\nregion = eu-west-9x\nmax_attempts = many\n`, 'config')).toEqual(['invalid-region', 'invalid-typed-value']);
    expect(ids(`[a]\naws_access_key_id = ${AKIA}\n`, 'credentials')).toEqual(['incomplete-key-pair']);
  });
  it('a clean pair of files has nothing to say; messages are masked', () => {
    const d = validateAwsShared(`[default]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${SECRET}\n`, { kind: 'credentials' });
    for (const x of d) for (const s of [ASIA, SECRET]) expect(x.message).not.toContain(s);
    expect(ids(`[default]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n`, 'credentials')).toEqual([]);
  });
  it('AWS_PROFILE naming a profile that exists in neither file', () => {
    const credentials = { text: `[dev]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n` };
    const config = { text: '[profile sso]\nsso_session = corp\n' };
    expect(validateAwsSharedFiles({ credentials, config, profile: 'sso' }).profile).toEqual([]);
    expect(validateAwsSharedFiles({ credentials, config, profile: 'dev' }).profile).toEqual([]);
    expect(validateAwsSharedFiles({ credentials, config, profile: 'prod' }).profile.map((d) => d.checkId)).toEqual(['conflicting-credential-sources']);
  });
});
