/**
 * `credlint doctor` through the real CLI binary (node packages/cli/bin/credlint.js doctor …) with a
 * controlled environment and temp HOME: the human report, JSON, exit codes, and `--online` against a
 * local STS endpoint that verifies SigV4 (never the real AWS).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCases, makeCase, parseJson, ruleIds, runCli, runInProcess, type CaseSpec, type RunResult } from './doctor-harness.js';
import { LocalSts } from './doctor-sts-server.js';

const ACCOUNT = 123456789012;
const USER_ID = fakeAccessKeyId({ prefix: 'AKIA', seed: 90 }).replace(/^AKIA/, 'AIDA');
const AKIA = fakeAccessKeyId({ prefix: 'AKIA', account: ACCOUNT, seed: 1 });
const SECRET = fakeSecretAccessKey(2);
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', account: ACCOUNT, seed: 3 });
const ASIA_SECRET = fakeSecretAccessKey(4);
const TOKEN = fakeSessionToken(5);
const EXPIRED_ASIA = fakeAccessKeyId({ prefix: 'ASIA', account: ACCOUNT, seed: 6 });
const EXPIRED_SECRET = fakeSecretAccessKey(7);
const EXPIRED_TOKEN = fakeSessionToken(8);
const UNKNOWN_AKIA = fakeAccessKeyId({ prefix: 'AKIA', seed: 9 });
const PROFILE_AKIA = fakeAccessKeyId({ prefix: 'AKIA', account: ACCOUNT, seed: 10 });
const PROFILE_SECRET = fakeSecretAccessKey(11);
const SSO_TOKEN = fakeSessionToken(12, 'aoa');
const ALL_SECRETS = [AKIA, SECRET, ASIA, ASIA_SECRET, TOKEN, EXPIRED_ASIA, EXPIRED_SECRET, EXPIRED_TOKEN, UNKNOWN_AKIA, PROFILE_AKIA, PROFILE_SECRET, SSO_TOKEN];

const sts = new LocalSts();
const outputs: { name: string; text: string }[] = [];

beforeAll(async () => {
  await sts.start();
  const arn = (name: string): string => `arn:aws:iam::${ACCOUNT}:user/${name}`;
  sts.identities.set(AKIA, { secretAccessKey: SECRET, account: String(ACCOUNT), arn: arn('alice'), userId: USER_ID });
  sts.identities.set(PROFILE_AKIA, { secretAccessKey: PROFILE_SECRET, account: String(ACCOUNT), arn: arn('bob'), userId: USER_ID });
  sts.identities.set(ASIA, { secretAccessKey: ASIA_SECRET, sessionToken: TOKEN, account: String(ACCOUNT), arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`, userId: `${USER_ID}:alice` });
  sts.identities.set(EXPIRED_ASIA, { secretAccessKey: EXPIRED_SECRET, sessionToken: EXPIRED_TOKEN, expired: true, account: String(ACCOUNT), arn: arn('old'), userId: USER_ID });
});
afterAll(async () => {
  await sts.close();
  cleanupCases();
});

async function run(name: string, args: string[], spec: CaseSpec | ((root: string) => CaseSpec)): Promise<RunResult> {
  const r = await runCli(args, makeCase(spec));
  outputs.push({ name, text: r.stdout + r.stderr });
  return r;
}

const envKeys = (id = AKIA, secret = SECRET, extra: Record<string, string> = {}): Record<string, string> =>
  ({ AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: 'us-east-1', ...extra });

describe('credlint doctor (real CLI binary)', () => {
  it('reports a healthy set-up as clean, with the resolution, and exits 0', async () => {
    const r = await run('healthy', [], { credentials: `[default]\naws_access_key_id = ${PROFILE_AKIA}\naws_secret_access_key = ${PROFILE_SECRET}\n`, config: '[default]\nregion = eu-west-1\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Healthy: no problems found.');
    expect(r.stdout).toContain('AWS CLI, most SDKs and AWS SDK for JavaScript v3: profile "default": static keys in');
    expect(r.stdout).toContain('region: "eu-west-1" from profile "default"');
  });

  it('explains which source each SDK picks when AWS_PROFILE sits beside env keys', async () => {
    const r = await run('conflict', [], {
      credentials: `[work]\naws_access_key_id = ${PROFILE_AKIA}\naws_secret_access_key = ${PROFILE_SECRET}\n`,
      env: envKeys(AKIA, SECRET, { AWS_PROFILE: 'work' }),
    });
    expect(r.stdout).toMatch(/AWS CLI and most SDKs: environment variables: AWS_ACCESS_KEY_ID=AKIA…\w{4} \(long-term\)/);
    expect(r.stdout).toContain('AWS SDK for JavaScript v3: profile "work": static keys in');
    expect(r.stdout).toContain('[conflicting-credential-sources]');
    expect(r.stdout).toMatch(/fix: Keep one source/);
    expect(r.code).toBe(0);
  });

  it('prints each finding with its location, rule id and fix, and exits 1 on errors', async () => {
    const r = await run('asia', [], { env: envKeys(ASIA, ASIA_SECRET) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+AWS_ACCESS_KEY_ID ASIA…\w{4} is a temporary key/);
    expect(r.stdout).toContain('[session-token-required]');
    expect(r.stdout).toContain('at environment');
    expect(r.stdout).toContain('fix: Export AWS_SESSION_TOKEN');
    expect(r.stdout).toMatch(/1 error, 0 warnings\./);
  });

  it('writes the JSON shape of docs/cli.md with file paths relative to cwd or absolute outside it', async () => {
    const c = makeCase({ credentials: `[default]\naws_access_key_id = ${PROFILE_AKIA}\naws_secret_access_key = ${PROFILE_SECRET}\n`, config: '[default]\nregion = us-east-1\n', mode: 0o644 });
    const outside = parseJson(await runCli(['--format', 'json'], c));
    expect(Object.keys(outside)).toEqual(['version', 'findings', 'summary']);
    expect(outside.version).toBe(1);
    expect(outside.findings).toHaveLength(1);
    expect(Object.keys(outside.findings[0]!)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'kind', 'severity', 'message']);
    expect(outside.findings[0]).toMatchObject({ file: join(c.home, '.aws', 'credentials'), line: 1, column: 1, ruleId: 'shared-file-permissions', kind: 'shared-file', severity: 'error' });
    expect(outside.findings[0]!.message).toMatch(/has mode 644: every user on this machine can read it\. Fix: `chmod 600 /);
    expect(outside.summary).toEqual({ files: 2, findings: 1, ignored: 0, errors: [] });
    const inside = parseJson(await runCli(['--format', 'json'], { ...c, cwd: c.home }));
    expect(inside.findings[0]!.file).toBe('.aws/credentials');
  });

  it.each([
    { args: ['--format', 'xml'], message: /--format must be stylish or json/ },
    { args: ['--bogus'], message: /unknown option --bogus/ },
    { args: ['some/path'], message: /doctor takes no paths/ },
    { args: ['--endpoint-url', 'http://127.0.0.1:1'], message: /only used with --online/ },
    { args: ['--online', '--endpoint-url', 'ftp://x'], message: /must be http\(s\)/ },
  ])('exits 2 on usage error $args', async ({ args, message }) => {
    const r = await run('usage', args, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('prints usage with --help and exits 0', async () => {
    const r = await run('help', ['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: credlint doctor');
  });
});

describe('credlint doctor --online (local STS endpoint)', () => {
  it('is off by default: no request reaches STS', async () => {
    const before = sts.requests.length;
    const r = await run('offline', [], { env: envKeys(AKIA, SECRET, { AWS_ENDPOINT_URL_STS: sts.url }) });
    expect(r.code).toBe(0);
    expect(sts.requests.length).toBe(before);
    expect(r.stdout).not.toContain('Online check');
  });

  it('reports account and ARN for valid env keys (--endpoint-url)', async () => {
    const r = await run('online-ok', ['--online', '--endpoint-url', sts.url], { env: envKeys() });
    // (stderr may carry the SDK's own NodeVersionSupportWarning on Node 20)
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ok AWS CLI and AWS SDK for JavaScript v3: account ${ACCOUNT}, arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(sts.requests.at(-1)).toMatchObject({ accessKeyId: AKIA, region: 'us-east-1', service: 'sts', outcome: 'ok' });
  });

  it('signs temporary keys with their session token (AWS_ENDPOINT_URL_STS)', async () => {
    const r = await run('online-asia', ['--online', '--format', 'json'], { env: envKeys(ASIA, ASIA_SECRET, { AWS_SESSION_TOKEN: TOKEN, AWS_ENDPOINT_URL_STS: sts.url }) });
    expect(parseJson(r).findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(sts.requests.at(-1)?.outcome).toBe('ok');
  });

  it('checks a profile with static keys', async () => {
    const r = await run('online-profile', ['--online'], {
      credentials: `[ci]\naws_access_key_id = ${PROFILE_AKIA}\naws_secret_access_key = ${PROFILE_SECRET}\n`,
      config: '[profile ci]\nregion = eu-west-1\n',
      env: { AWS_PROFILE: 'ci', AWS_ENDPOINT_URL_STS: sts.url },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`user/bob`);
    expect(sts.requests.at(-1)).toMatchObject({ accessKeyId: PROFILE_AKIA, region: 'eu-west-1' });
  });

  it('checks a credential_process profile through the SDK\'s own provider', async () => {
    const r = await run('online-process', ['--online'], (root) => {
      const helper = join(root, 'creds.mjs');
      writeFileSync(helper, `#!${process.execPath}\nprocess.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(ASIA)}, SecretAccessKey: ${JSON.stringify(ASIA_SECRET)}, SessionToken: ${JSON.stringify(TOKEN)} }));\n`);
      chmodSync(helper, 0o755);
      return { config: `[profile p]\ncredential_process = ${helper}\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p', AWS_ENDPOINT_URL_STS: sts.url } };
    });
    expect(r.stdout).toContain('assumed-role/Dev/alice');
    expect(r.code).toBe(0);
  });

  it('stops at --timeout when a credential_process hangs, and the process exits', async () => {
    const started = Date.now();
    const r = await run('online-process-hangs', ['--online', '--timeout', '1', '--format', 'json'], (root) => {
      const helper = join(root, 'hang.mjs');
      // A credential helper stuck for 20 s (an SSO prompt nobody answers): doctor must answer and exit at
      // its 1 s deadline. (The helper then ends by itself, so the test leaves no process behind.)
      writeFileSync(helper, `#!${process.execPath}\nsetTimeout(() => {}, 20_000);\n`);
      chmodSync(helper, 0o755);
      return { config: `[profile p]\ncredential_process = ${helper}\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p', AWS_ENDPOINT_URL_STS: sts.url } };
    });
    expect(ruleIds(parseJson(r))).toContain('sts-timeout');
    expect(r.code).toBe(1);
    // runCli kills a child still alive after 60 s; exiting well before that is the behaviour under test.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it.each([
    { name: 'unknown key id', env: envKeys(UNKNOWN_AKIA, SECRET), rule: 'sts-invalid-client-token-id', text: /does not exist in this partition/ },
    { name: 'temporary key without its token', env: envKeys(ASIA, ASIA_SECRET), rule: 'sts-invalid-client-token-id', text: /temporary ASIA key sent without its session token/, also: ['session-token-required'] },
    { name: 'wrong secret', env: envKeys(AKIA, fakeSecretAccessKey(99)), rule: 'sts-signature-does-not-match', text: /secret access key does not belong to this access key id/ },
    { name: 'expired session token', env: envKeys(EXPIRED_ASIA, EXPIRED_SECRET, { AWS_SESSION_TOKEN: EXPIRED_TOKEN }), rule: 'sts-expired-token', text: /have expired: ExpiredToken/ },
    { name: 'secret with a trailing space', env: envKeys(AKIA, `${SECRET} `), rule: 'sts-signature-does-not-match', text: /quotes\/whitespace/, also: ['value-has-whitespace'] },
  ])('translates $rule ($name) into a fix', async ({ name, env, rule, text, also }) => {
    const r = await run(`online-${name}`, ['--online', '--format', 'json', '--endpoint-url', sts.url], { env });
    const report = parseJson(r);
    expect(ruleIds(report)).toEqual([rule, ...(also ?? [])].sort());
    const f = report.findings.find((x) => x.ruleId === rule)!;
    expect(f).toMatchObject({ file: '<environment>', kind: 'sts', severity: 'error' });
    expect(f.message).toMatch(text);
    expect(f.message).toContain('Fix: ');
    expect(r.code).toBe(1);
  });

  it('reports a missing region without calling STS', async () => {
    const before = sts.requests.length;
    const r = await run('online-no-region', ['--online', '--format', 'json', '--endpoint-url', sts.url], { env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET } });
    expect(ruleIds(parseJson(r))).toEqual(['region-not-resolved', 'sts-missing-region']);
    expect(sts.requests.length).toBe(before);
    expect(r.code).toBe(1);
  });

  it('reports an unreachable endpoint', async () => {
    const closed = new LocalSts();
    const url = await closed.start();
    await closed.close();
    const r = await run('online-unreachable', ['--online', '--format', 'json', '--endpoint-url', url], { env: envKeys() });
    expect(ruleIds(parseJson(r))).toEqual(['sts-unreachable']);
    expect(r.code).toBe(1);
  });
});

describe('never a whole credential', () => {
  it('no output of doctor (human or JSON, in-process or CLI) contains a generated credential', async () => {
    // Every situation above, plus an SSO cache and a .env, in both formats.
    const c = makeCase({
      config: '[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
      credentials: `[default]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${ASIA_SECRET}\n`,
      sso: { corp: { accessToken: SSO_TOKEN, expiresAt: new Date(Date.now() - 60_000).toISOString() } },
      dotenv: `AWS_ACCESS_KEY_ID=${PROFILE_AKIA}\nAWS_SECRET_ACCESS_KEY=${PROFILE_SECRET}\nAWS_SESSION_TOKEN=${EXPIRED_TOKEN}\n`,
      env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: `'${AKIA}'`, AWS_SECRET_ACCESS_KEY: `${SECRET}\r`, AWS_SESSION_TOKEN: TOKEN },
      mode: 0o644,
    });
    for (const format of ['stylish', 'json']) {
      const cli = await runCli(['--format', format], c);
      const inproc = await runInProcess(['--format', format], c);
      outputs.push({ name: `mixed ${format} cli`, text: cli.stdout + cli.stderr }, { name: `mixed ${format} in-process`, text: inproc.stdout + inproc.stderr });
      expect(cli.code).toBe(1);
    }
    expect(outputs.length).toBeGreaterThan(20);
    for (const { name, text } of outputs) {
      for (const secret of ALL_SECRETS) {
        expect(text.includes(secret), `${name} prints ${secret.slice(0, 4)}…`).toBe(false);
      }
    }
  });
});
