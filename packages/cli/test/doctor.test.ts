/**
 * `credlint doctor` findings, one table row per situation: a temp HOME with generated shared files and
 * SSO cache, a controlled environment (no inherited AWS_*), run through runDoctor with --format json.
 * The same situations run through the real CLI binary in doctor-cli.test.ts.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupCases, makeCase, parseJson, ruleIds, runInProcess, type CaseSpec } from './doctor-harness.js';

afterAll(cleanupCases);

const AKIA = fakeAccessKeyId({ prefix: 'AKIA', seed: 11 });
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', seed: 12 });
const SECRET = fakeSecretAccessKey(13);
const TOKEN = fakeSessionToken(14);
const SSO_TOKEN = fakeSessionToken(15, 'aoa');
const hour = 3_600_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

const staticProfile = (name = 'default', id = AKIA, secret = SECRET): string =>
  `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;

const ssoConfig = `[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`;

interface Row {
  name: string;
  spec: CaseSpec | ((root: string) => CaseSpec);
  expect: string[];
  code: number;
  /** Extra assertions on the JSON report. */
  check?: (report: ReturnType<typeof parseJson>) => void;
}

const rows: Row[] = [
  // healthy set-ups
  { name: 'healthy: env keys + AWS_REGION', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: [], code: 0 },
  { name: 'healthy: default profile with keys and region', spec: { credentials: staticProfile(), config: '[default]\nregion = us-east-1\n' }, expect: [], code: 0 },
  { name: 'healthy: temporary env keys with their token', spec: { env: { AWS_ACCESS_KEY_ID: ASIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'eu-west-1' } }, expect: [], code: 0 },
  { name: 'healthy: SSO profile with a live token', spec: { config: ssoConfig, env: { AWS_PROFILE: 'dev' }, sso: { corp: { accessToken: SSO_TOKEN, expiresAt: iso(8 * hour), region: 'eu-west-1', startUrl: 'https://corp.awsapps.com/start' } } }, expect: [], code: 0 },

  // the environment: dotenv's AWS checks
  { name: 'ASIA key without AWS_SESSION_TOKEN', spec: { env: { AWS_ACCESS_KEY_ID: ASIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: ['session-token-required'], code: 1 },
  { name: 'AKIA key with a leftover AWS_SESSION_TOKEN', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'us-east-1' } }, expect: ['unexpected-session-token'], code: 1 },
  { name: 'AWS_PROFILE beside static keys', spec: { credentials: staticProfile('work', fakeAccessKeyId({ seed: 21 }), fakeSecretAccessKey(22)), env: { AWS_PROFILE: 'work', AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: ['conflicting-credential-sources'], code: 0 },
  { name: 'key id without its secret', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_REGION: 'us-east-1' } }, expect: ['incomplete-key-pair'], code: 1 },
  { name: 'placeholder secret', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: 'your-secret-access-key', AWS_REGION: 'us-east-1' } }, expect: ['placeholder-credential'], code: 1 },
  { name: 'truncated secret', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET.slice(0, 39), AWS_REGION: 'us-east-1' } }, expect: ['malformed-secret-access-key'], code: 1 },
  { name: 'invalid region', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east' } }, expect: ['invalid-region'], code: 1 },
  { name: 'only AWS_DEFAULT_REGION (JavaScript v3 ignores it)', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'us-east-1' } }, expect: ['missing-region'], code: 0 },
  { name: 'no region anywhere', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET } }, expect: ['region-not-resolved'], code: 1 },
  { name: 'region from the profile satisfies env keys', spec: { config: '[default]\nregion = eu-central-1\n', env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET } }, expect: [], code: 0 },

  // the environment: what only shows in a live shell
  { name: 'key id exported with its quotes', spec: { env: { AWS_ACCESS_KEY_ID: `"${AKIA}"`, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: ['value-has-quotes'], code: 1 },
  { name: 'secret with a trailing space', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: `${SECRET} `, AWS_REGION: 'us-east-1' } }, expect: ['value-has-whitespace'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toMatch(/ends with a space/) },
  { name: 'region with a CRLF carriage return', spec: { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1\r' } }, expect: ['value-has-whitespace'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toMatch(/carriage return/) },
  { name: 'single-quoted profile name (docker --env-file)', spec: { credentials: staticProfile('work'), config: '[profile work]\nregion = us-east-1\n', env: { AWS_PROFILE: "'work'" } }, expect: ['profile-not-found', 'value-has-quotes'], code: 1 },
  { name: '.env differs from the exported key id', spec: { dotenv: `# app settings\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 31 })}\nAWS_REGION=us-east-1\n`, env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: ['env-differs-from-dotenv'], code: 0,
    check: (r) => expect(r.findings[0]).toMatchObject({ file: '.env', line: 2, column: 1, severity: 'warning' }) },
  { name: '.env equal to the environment is fine', spec: { dotenv: `AWS_REGION=us-east-1\n`, env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1' } }, expect: [], code: 0 },

  // shared files
  { name: 'AWS_PROFILE names a missing profile', spec: { credentials: staticProfile(), config: '[default]\nregion = us-east-1\n', env: { AWS_PROFILE: 'prod' } }, expect: ['profile-not-found'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toContain('Known profiles: default') },
  { name: 'profile written [dev] instead of [profile dev] in config', spec: { config: '[dev]\nregion = us-east-1\n', credentials: staticProfile('other'), env: { AWS_PROFILE: 'dev' } }, expect: ['profile-not-found'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toMatch(/profiles are written \[profile dev\]\. Fix: Rename the section/) },
  { name: 'source_profile cycle', spec: { config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = b\nregion = us-east-1\n\n[profile b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = a\nregion = us-east-1\n', env: { AWS_PROFILE: 'a' } }, expect: ['role-chain-cycle'], code: 1,
    check: (r) => expect(r.findings.find((f) => f.ruleId === 'role-chain-cycle')).toMatchObject({ line: 3, column: 1 }) },
  { name: 'source_profile that does not exist', spec: { config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nregion = us-east-1\n', env: { AWS_PROFILE: 'a' } }, expect: ['source-profile-not-found'], code: 1 },
  { name: 'source_profile without credentials', spec: { config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nregion = us-east-1\n\n[profile base]\nregion = us-east-1\n', env: { AWS_PROFILE: 'a' } }, expect: ['source-profile-no-credentials'], code: 1 },
  { name: 'role_arn without a source', spec: { config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nregion = us-east-1\n', env: { AWS_PROFILE: 'a' } }, expect: ['role-without-source'], code: 1 },
  { name: 'role chain that resolves', spec: { credentials: staticProfile('base'), config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nregion = us-east-1\n', env: { AWS_PROFILE: 'a' } }, expect: [], code: 0 },
  { name: 'SSO token expired', spec: { config: ssoConfig, env: { AWS_PROFILE: 'dev' }, sso: { corp: { accessToken: SSO_TOKEN, expiresAt: iso(-3 * hour) } } }, expect: ['sso-token-expired'], code: 1,
    check: (r) => {
      expect(r.findings[0]!.message).toMatch(/expired 3 hours ago/);
      expect(r.summary.files).toBe(2); // config + the SSO cache file
    } },
  { name: 'SSO token expired but refreshable', spec: { config: ssoConfig, env: { AWS_PROFILE: 'dev' }, sso: { corp: { accessToken: SSO_TOKEN, expiresAt: iso(-hour), refreshToken: fakeSessionToken(16, 'Atzr'), clientId: 'client-id', clientSecret: fakeSessionToken(17, 'eyJ'), registrationExpiresAt: iso(48 * hour) } } }, expect: ['sso-token-expired'], code: 0,
    check: (r) => expect(r.findings[0]!.severity).toBe('warning') },
  { name: 'SSO never logged in', spec: { config: ssoConfig, env: { AWS_PROFILE: 'dev' } }, expect: ['sso-token-missing'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toContain('aws sso login') },
  { name: 'legacy SSO profile (sso_start_url) with an expired token', spec: { config: '[profile old]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-east-1\n', env: { AWS_PROFILE: 'old' }, sso: { 'https://legacy.awsapps.com/start': { accessToken: SSO_TOKEN, expiresAt: iso(-30 * 60_000) } } }, expect: ['sso-token-expired'], code: 1 },
  { name: 'sso_session names a missing [sso-session]', spec: { config: '[profile dev]\nsso_session = nope\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1\n', env: { AWS_PROFILE: 'dev' } }, expect: ['sso-session-not-found'], code: 1 },
  { name: 'SSO profile without sso_role_name', spec: { config: ssoConfig.replace('sso_role_name = Developer\n', ''), env: { AWS_PROFILE: 'dev' }, sso: { corp: { accessToken: SSO_TOKEN, expiresAt: iso(hour) } } }, expect: ['sso-profile-incomplete'], code: 1 },
  { name: 'credential_process not on PATH', spec: { config: '[profile p]\ncredential_process = credlint-no-such-helper --profile p\nregion = us-east-1\n', env: { AWS_PROFILE: 'p' } }, expect: ['credential-process-not-found'], code: 1,
    check: (r) => expect(r.findings[0]).toMatchObject({ line: 2, column: 1 }) },
  { name: 'credential_process that exists', spec: (root) => {
    const helper = join(root, 'helper.sh');
    writeFileSync(helper, '#!/bin/sh\necho {}\n');
    chmodSync(helper, 0o755);
    return { config: `[profile p]\ncredential_process = "${helper}" --json\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p' } };
  }, expect: [], code: 0 },
  { name: 'credential_process that is not executable', spec: (root) => {
    const helper = join(root, 'helper.sh');
    writeFileSync(helper, '#!/bin/sh\necho {}\n');
    chmodSync(helper, 0o644);
    return { config: `[profile p]\ncredential_process = ${helper}\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p' } };
  }, expect: ['credential-process-not-executable'], code: 1 },
  { name: 'credentials file readable by everyone', spec: { credentials: staticProfile(), config: '[default]\nregion = us-east-1\n', mode: 0o644 }, expect: ['shared-file-permissions'], code: 1 },
  { name: 'credentials file readable by the group', spec: { credentials: staticProfile(), config: '[default]\nregion = us-east-1\n', mode: 0o640 }, expect: ['shared-file-permissions'], code: 0 },
  { name: 'keys written in the config file', spec: { config: `[default]\nregion = us-east-1\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n` }, expect: ['conflicting-credential-sources'], code: 0,
    check: (r) => expect(r.findings.map((f) => f.line)).toEqual([3, 4]) },
  { name: 'temporary key in a profile without aws_session_token', spec: { credentials: `# work\n[default]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${SECRET}\n`, config: '[default]\nregion = us-east-1\n' }, expect: ['session-token-required'], code: 1,
    check: (r) => expect(r.findings[0]).toMatchObject({ line: 3, kind: 'shared-file' }) },
  { name: 'SSO token cache readable by everyone', spec: { config: ssoConfig, env: { AWS_PROFILE: 'dev' }, sso: { corp: { accessToken: SSO_TOKEN, expiresAt: iso(hour) } }, mode: 0o644 }, expect: ['shared-file-permissions'], code: 1,
    check: (r) => expect(r.findings[0]!.message).toMatch(/SSO token cache/) },
  { name: 'config without keys may be group-readable', spec: { config: '[default]\nregion = us-east-1\n', env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET }, mode: 0o644 }, expect: [], code: 0 },
  { name: 'credentials path is a directory', spec: (root) => ({ env: { AWS_SHARED_CREDENTIALS_FILE: root, AWS_REGION: 'us-east-1' } }), expect: ['no-credentials', 'shared-file-unreadable'], code: 1 },
  { name: 'AWS_SHARED_CREDENTIALS_FILE points nowhere', spec: { env: { AWS_SHARED_CREDENTIALS_FILE: '~/missing/credentials', AWS_REGION: 'us-east-1' } }, expect: ['no-credentials', 'shared-file-not-found'], code: 1 },
  { name: 'AWS_SHARED_CREDENTIALS_FILE with ~ is honoured', spec: (root) => {
    writeFileSync(join(root, 'home', 'creds'), staticProfile(), { mode: 0o600 });
    return { env: { AWS_SHARED_CREDENTIALS_FILE: '~/creds', AWS_REGION: 'us-east-1' } };
  }, expect: [], code: 0 },

  // which credentials the SDKs pick
  { name: 'only AWS_DEFAULT_PROFILE: the CLI and JavaScript v3 differ', spec: { credentials: staticProfile('default') + staticProfile('ops', fakeAccessKeyId({ seed: 41 }), fakeSecretAccessKey(42)), config: '[default]\nregion = us-east-1\n[profile ops]\nregion = us-east-1\n', env: { AWS_DEFAULT_PROFILE: 'ops' } }, expect: ['sdk-sources-differ'], code: 0 },
  { name: 'nothing configured', spec: {}, expect: ['no-credentials'], code: 0 },
  { name: 'web identity from the environment counts as credentials', spec: { env: { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/ci', AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_REGION: 'us-east-1' } }, expect: [], code: 0 },
  { name: 'profile that holds only settings, selected by AWS_PROFILE', spec: { config: '[profile empty]\nregion = us-east-1\n', env: { AWS_PROFILE: 'empty' } }, expect: ['no-credentials'], code: 0 },
];

describe('credlint doctor findings (runDoctor, --format json)', () => {
  it.each(rows)('$name', async (row) => {
    const c = makeCase(row.spec);
    const result = await runInProcess(['--format', 'json'], c);
    expect(result.stderr).toBe('');
    const report = parseJson(result);
    expect(ruleIds(report)).toEqual([...row.expect].sort());
    expect(report.summary.findings).toBe(report.findings.length);
    expect(result.code).toBe(row.code);
    row.check?.(report);
  });
});

describe('the resolution section (human report)', () => {
  const human = async (spec: CaseSpec): Promise<string> => (await runInProcess([], makeCase(spec))).stdout;

  it('names one source when every SDK agrees', async () => {
    const out = await human({ env: { AWS_ACCESS_KEY_ID: ASIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'eu-west-1' } });
    expect(out).toMatch(/AWS CLI, most SDKs and AWS SDK for JavaScript v3: environment variables: AWS_ACCESS_KEY_ID=ASIA…\w{4} \(temporary\) \+ AWS_SECRET_ACCESS_KEY \+ AWS_SESSION_TOKEN/);
    expect(out).toContain('region: "eu-west-1" from AWS_REGION');
    expect(out).toContain('Healthy: no problems found.');
  });

  it('names both when only AWS_DEFAULT_PROFILE and AWS_DEFAULT_REGION are set', async () => {
    const out = await human({ credentials: staticProfile('default') + staticProfile('ops', fakeAccessKeyId({ seed: 41 }), fakeSecretAccessKey(42)), env: { AWS_DEFAULT_PROFILE: 'ops', AWS_DEFAULT_REGION: 'us-west-2' } });
    expect(out).toContain('AWS CLI and most SDKs: profile "ops": static keys in');
    expect(out).toContain('region: "us-west-2" from AWS_DEFAULT_REGION');
    expect(out).toContain('AWS SDK for JavaScript v3: profile "default": static keys in');
    expect(out).toContain('note: Only AWS_DEFAULT_PROFILE is set');
    expect(out).toContain('[sdk-sources-differ]');
    expect(out).toContain('[missing-region]');
  });

  it('notes that boto3 reads AWS_DEFAULT_PROFILE first', async () => {
    const out = await human({ credentials: staticProfile('a') + staticProfile('b', fakeAccessKeyId({ seed: 43 }), fakeSecretAccessKey(44)), config: '[profile a]\nregion = us-east-1\n', env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' } });
    expect(out).toContain('boto3 and AWS CLI v1 read AWS_DEFAULT_PROFILE first');
  });

  it('explains a role chain and the instance-metadata fallback', async () => {
    const chain = await human({ credentials: staticProfile('base'), config: '[profile mid]\nrole_arn = arn:aws:iam::111122223333:role/Mid\nsource_profile = base\n[profile top]\nrole_arn = arn:aws:iam::111122223333:role/Top\nsource_profile = mid\nregion = us-east-1\n', env: { AWS_PROFILE: 'top' } });
    expect(chain).toContain('role arn:aws:iam::111122223333:role/Top assumed with source profile "mid" (chain top → mid → base)');
    const nothing = await human({});
    expect(nothing).toContain('only the EC2 instance metadata service (IMDS) is left');
  });
});
