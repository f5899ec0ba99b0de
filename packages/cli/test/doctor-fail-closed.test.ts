/**
 * `credlint doctor` failing closed (issue 10 items 16, 17, 19, 24, 33): a bounded --online deadline
 * against a local server that accepts and never answers, linear source_profile chains (counted work, not
 * timing), the file size cap, no stack overflow on huge configs, credential-shaped values masked wherever
 * they appear, and credential_process announced or skipped. Real files, processes and sockets; only 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { mask, Redactor } from '@credlint/core';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, runDoctor } from '../src/doctor/index.js';
import { scrub } from '../src/doctor/masking.js';
import { checkRoleChains, roleChain, type ChainStats } from '../src/doctor/profiles.js';
import { MAX_FILE_BYTES } from '../src/doctor/read.js';
import { loadSharedFiles } from '../src/doctor/shared-files.js';
import { cleanupCases, makeCase, parseJson, ruleIds, runCli, runInProcess, type DoctorCase, type RunResult } from './doctor-harness.js';
import { LocalSts } from './doctor-sts-server.js';

const ACCOUNT = 123456789012;
const AKIA = fakeAccessKeyId({ prefix: 'AKIA', account: ACCOUNT, seed: 201 });
const SECRET = fakeSecretAccessKey(202);
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', account: ACCOUNT, seed: 203 });
const ASIA_SECRET = fakeSecretAccessKey(204);
const TOKEN = fakeSessionToken(205);

const envKeys = (extra: Record<string, string> = {}): Record<string, string> =>
  ({ AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1', ...extra });

const sts = new LocalSts();
// Accepts every connection and never writes a byte back.
const silent: Server = createServer((s) => sockets.push(s));
const sockets: Socket[] = [];
let silentUrl = '';

beforeAll(async () => {
  await sts.start();
  sts.identities.set(AKIA, { secretAccessKey: SECRET, account: String(ACCOUNT), arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: 'AIDAEXAMPLEUSERID' });
  sts.identities.set(ASIA, { secretAccessKey: ASIA_SECRET, sessionToken: TOKEN, account: String(ACCOUNT), arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`, userId: 'AROAEXAMPLE:alice' });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const addr = silent.address();
  silentUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await sts.close();
  cleanupCases();
});

/** A node script usable as credential_process: prints the temporary credentials, optionally after a delay or touching a marker. */
function helper(root: string, options: { marker?: string; delayMs?: number } = {}): string {
  const path = join(root, 'creds.mjs');
  writeFileSync(path, `#!${process.execPath}
import { writeFileSync } from 'node:fs';
${options.marker ? `writeFileSync(${JSON.stringify(options.marker)}, 'ran');` : ''}
setTimeout(() => process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(ASIA)}, SecretAccessKey: ${JSON.stringify(ASIA_SECRET)}, SessionToken: ${JSON.stringify(TOKEN)} })), ${options.delayMs ?? 0});
`);
  chmodSync(path, 0o755);
  return path;
}

describe('--online has one overall deadline (item 16)', () => {
  it('reports sts-timeout for a server that accepts and never answers, and returns (--timeout 1)', async () => {
    const before = sockets.length;
    const r = await runCli(['--online', '--format', 'json', '--endpoint-url', silentUrl, '--timeout', '1'], makeCase({ env: envKeys() }));
    // runCli kills a child still running after 60 s (code -1): an exit code of 1 means doctor returned by itself.
    expect(r.code).toBe(1);
    const report = parseJson(r);
    expect(ruleIds(report)).toEqual(['sts-timeout']);
    expect(report.findings[0]).toMatchObject({ file: '<environment>', kind: 'sts', severity: 'error' });
    expect(report.findings[0]!.message).toMatch(/no answer within 1 s from http:\/\/127\.0\.0\.1:\d+ .*Fix: .*--timeout SECONDS/);
    expect(sockets.length).toBeGreaterThan(before); // it did connect: the deadline covers the response
  });

  it('covers obtaining the credentials too: a credential_process that does not answer in time', async () => {
    const c = makeCase((root) => ({
      config: `[profile slow]\ncredential_process = ${helper(root, { delayMs: 4000 })}\nregion = us-east-1\n`,
      env: { AWS_PROFILE: 'slow', AWS_ENDPOINT_URL_STS: sts.url },
    }));
    const r = await runInProcess(['--online', '--format', 'json', '--timeout', '1'], c);
    expect(ruleIds(parseJson(r))).toEqual(['sts-timeout']);
    expect(parseJson(r).findings[0]!.message).toMatch(/running credential_process/);
    expect(r.code).toBe(1);
  });

  it.each([
    { args: ['--online', '--timeout', '0'], message: /--timeout needs a number of seconds/ },
    { args: ['--online', '--timeout', 'soon'], message: /--timeout needs a number of seconds/ },
    { args: ['--online', '--timeout'], message: /--timeout needs a value/ },
    { args: ['--timeout', '5'], message: /--timeout is only used with --online/ },
    { args: ['--no-credential-process'], message: /--no-credential-process is only used with --online/ },
    { args: ['--online=yes'], message: /--online takes no value/ },
  ])('usage error for $args', async ({ args, message }) => {
    const r = await runCli(args, makeCase({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

/** A config of `n` role profiles p0 → p1 → … → p(n-1) → `last`. */
function chainConfig(n: number, last: string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::111122223333:role/R${i}\nsource_profile = ${i + 1 < n ? `p${i + 1}` : last}\n`);
  }
  return parts.join('');
}

function loadCase(c: DoctorCase, selected: string): ReturnType<typeof loadSharedFiles>['config'] {
  return loadSharedFiles(c.env, c.cwd, selected).config;
}

describe('source_profile chains are resolved in linear time (item 17)', () => {
  const N = 10_000;

  it('a 10,000-link chain: each profile is visited a bounded number of times', () => {
    const c = makeCase({ config: chainConfig(N, 'base'), credentials: `[base]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n` });
    const config = loadCase(c, 'p0');
    expect(config.profiles.size).toBe(N + 1);
    const stats: ChainStats = { visits: 0 };
    expect(checkRoleChains(config, stats)).toEqual([]);
    // One walk over all chains plus one look at each profile; the old per-profile walk was ~N²/2 (5·10⁷).
    expect(stats.visits).toBeLessThanOrEqual(3 * (N + 1));
    const one: ChainStats = { visits: 0 };
    expect(roleChain(config.profiles.get('p0')!, config, one)).toHaveLength(N + 1);
    expect(one.visits).toBeLessThanOrEqual(N + 2);
  });

  it('a 10,000-profile cycle is found once, with visits bounded and a bounded message', () => {
    const c = makeCase({ config: `${chainConfig(N, 'p0')}[profile p${N}]\nregion = us-east-1\n` });
    const config = loadCase(c, 'p0');
    const stats: ChainStats = { visits: 0 };
    const findings = checkRoleChains(config, stats);
    expect(findings.map((f) => f.ruleId)).toEqual(['role-chain-cycle']);
    expect(findings[0]!.message).toMatch(/"p0" loops: p0 → p1 → p2 → p3 → … \(9993 more\) → p9997 → p9998 → p9999 → p0/);
    expect(findings[0]!.message.length).toBeLessThan(400);
    // the walk over all chains, one look per profile, and one walk of the cycle for its message
    expect(stats.visits).toBeLessThanOrEqual(4 * (N + 1));
  });

  it('a chain into a missing profile is reported once, at the profile that names it', () => {
    const c = makeCase({ config: chainConfig(N, 'gone') });
    const stats: ChainStats = { visits: 0 };
    const findings = checkRoleChains(loadCase(c, 'p0'), stats);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'source-profile-not-found', line: 3 * N });
    expect(findings[0]!.message).toContain(`Profile "p${N - 1}" uses source_profile "gone"`);
    expect(stats.visits).toBeLessThanOrEqual(3 * (N + 1));
  });

  it('two profiles naming the same source without credentials are each reported', () => {
    const c = makeCase({ config: '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\n[profile b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = base\n[profile base]\nregion = us-east-1\n' });
    const findings = checkRoleChains(loadCase(c, 'a'));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['source-profile-no-credentials', 3], ['source-profile-no-credentials', 6]]);
  });

  it('the whole doctor run on a 10,000-link chain completes with the right answer', async () => {
    const c = makeCase({ config: `${chainConfig(N, 'base')}[profile p0]\nregion = us-east-1\n`, credentials: `[base]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n`, env: { AWS_PROFILE: 'p0' } });
    const r = await runInProcess(['--format', 'json'], c);
    const report = parseJson(r);
    expect(ruleIds(report)).toEqual(['duplicate-key']); // [profile p0] written twice, on purpose
    expect(r.code).toBe(0);
  });
});

describe('files over the size cap are reported, not read (item 17)', () => {
  it('an oversized config file: file-too-large, summary.errors, exit 2', async () => {
    const c = makeCase({ credentials: `[default]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${SECRET}\n`, env: { AWS_REGION: 'us-east-1' } });
    writeFileSync(join(c.home, '.aws', 'config'), `[default]\n${'# padding\n'.repeat(Math.ceil(MAX_FILE_BYTES / 10))}`);
    const r = await runCli(['--format', 'json'], c);
    const report = parseJson(r);
    expect(ruleIds(report)).toEqual(['file-too-large']);
    expect(report.findings[0]!.message).toMatch(/is 4\.0 MiB, over doctor's limit of 4\.0 MiB, so doctor did not read or check it/);
    expect(report.summary.errors).toEqual([{ file: join(c.home, '.aws', 'config'), code: 'too-large', message: expect.stringMatching(/did not read/), fatal: true }]);
    expect(r.code).toBe(2);
    const human = await runCli([], c);
    expect(human.stdout).toMatch(/\[file-too-large\]/);
    expect(human.code).toBe(2);
  });

  it('an oversized .env in cwd is listed in summary.errors (exit 2), not compared silently', async () => {
    const c = makeCase({ env: envKeys() });
    writeFileSync(join(c.cwd, '.env'), 'A=1\n'.repeat(MAX_FILE_BYTES / 4 + 1));
    const r = await runInProcess(['--format', 'json'], c);
    expect(parseJson(r).summary.errors).toEqual([{ file: '.env', code: 'too-large', message: expect.stringMatching(/did not compare it/), fatal: true }]);
    expect(r.code).toBe(2);
  });

  it('a FIFO as AWS_CONFIG_FILE is reported without blocking on open', async () => {
    const c = makeCase({ env: envKeys() });
    const fifo = join(c.root, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['--format', 'json'], { ...c, env: { ...c.env, AWS_CONFIG_FILE: fifo } });
    expect(ruleIds(parseJson(r))).toEqual(['shared-file-unreadable']);
    expect(parseJson(r).findings[0]!.message).toMatch(/not a regular file/);
    expect(r.code).toBe(1);
  });
});

describe('a huge config does not overflow the stack (item 19)', () => {
  it('130,000 findings from one config file (over the ~126k arguments V8 takes in one push) are all reported', async () => {
    const c = makeCase({ config: 'x\n'.repeat(130_000) });
    const report = await diagnose({ env: c.env, cwd: c.cwd }, { online: false });
    expect(report.findings.filter((f) => f.ruleId === 'invalid-key').length).toBe(130_000);
  });
});

describe('credential-shaped values are masked wherever they appear (item 24)', () => {
  const S1 = fakeSecretAccessKey(301);
  const S2 = fakeSecretAccessKey(302);
  const S3 = fakeSecretAccessKey(303);
  const S4 = fakeSecretAccessKey(304);
  const S5 = fakeSecretAccessKey(305);
  const K1 = fakeAccessKeyId({ prefix: 'AKIA', seed: 306 });
  const K2 = fakeAccessKeyId({ prefix: 'ASIA', seed: 307 });
  const K3 = fakeAccessKeyId({ prefix: 'AKIA', seed: 308 });
  const T1 = fakeSessionToken(309);
  const T2 = fakeSessionToken(310);
  const T3 = fakeSessionToken(311, 'aoa');
  const PLANTED = [S1, S2, S3, S4, S5, K1, K2, K3, T1, T2, T3];
  const outputs: { name: string; r: RunResult }[] = [];

  async function both(name: string, c: DoctorCase, extra: string[] = []): Promise<RunResult[]> {
    const rs: RunResult[] = [];
    for (const format of ['stylish', 'json']) {
      const cli = await runCli(['--format', format, ...extra], c);
      const inproc = await runInProcess(['--format', format, ...extra], c);
      outputs.push({ name: `${name} ${format} cli`, r: cli }, { name: `${name} ${format} in-process`, r: inproc });
      rs.push(cli, inproc);
    }
    return rs;
  }

  it('in AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE, AWS_DEFAULT_PROFILE and a config region', async () => {
    const rs = await both('environment', makeCase({
      config: `[default]\nregion = ${S3}\n[profile ${K2}]\nregion = us-east-1\n`,
      env: { AWS_ACCESS_KEY_ID: AKIA, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: S1, AWS_DEFAULT_REGION: ` ${S2}`, AWS_PROFILE: T1, AWS_DEFAULT_PROFILE: K1 },
    }));
    // the values are still talked about, masked
    expect(rs[0]!.stdout).toContain(`AWS_PROFILE="${mask(T1)}"`);
    expect(rs[0]!.stdout).toContain(mask(S1));
  });

  it('in a profile name, a source_profile, an sso_start_url and a region used by the resolution', async () => {
    await both('profiles', makeCase({
      config: `[profile ${K3}]\nsso_start_url = https://corp.awsapps.com/start/${S4}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = ${S5}\n`
        + `[profile chain]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = ${T2}\n`,
      env: { AWS_PROFILE: K3 },
    }));
  });

  it('in credential_process arguments, offline and in the --online notice', async () => {
    const c = makeCase((root) => ({
      config: `[profile proc]\ncredential_process = ${helper(root)} --secret ${S4} --token ${T3} --key ${K1}\nregion = us-east-1\n`
        + `[profile missing]\ncredential_process = /nonexistent/${S5} ${T1}\nregion = us-east-1\n`,
      env: { AWS_PROFILE: 'proc', AWS_ENDPOINT_URL_STS: sts.url },
    }));
    await both('credential_process', c);
    const missing = await both('credential_process not found', { ...c, env: { ...c.env, AWS_PROFILE: 'missing' } });
    expect(missing[0]!.stdout).toContain('[credential-process-not-found]');
    const online = await both('credential_process online', c, ['--online']);
    expect(online[0]!.stderr).toMatch(/runs the credential_process of profile "proc": .*creds\.mjs --secret \S+ --token \S+ --key \S+/);
  });

  it('no output, stdout or stderr, of any case above contains a planted value', () => {
    expect(outputs.length).toBe(20);
    for (const { name, r } of outputs) {
      for (const secret of PLANTED) {
        expect(r.stdout.includes(secret), `${name} prints ${secret.slice(0, 4)}… on stdout`).toBe(false);
        expect(r.stderr.includes(secret), `${name} prints ${secret.slice(0, 4)}… on stderr`).toBe(false);
      }
    }
  });

  it('scrub masks secrets glued to other characters, key ids and long tokens, and leaves ordinary text alone', () => {
    const text = `region "${S1}" url https://x/start/${S2} key ${K1} sso ${T3} path /home/me/.aws/config role arn:aws:iam::111122223333:role/Dev`;
    const out = scrub(text);
    for (const v of [S1, S2, K1, T3]) expect(out).not.toContain(v);
    expect(out).toContain(mask(S1));
    expect(out).toContain('path /home/me/.aws/config role arn:aws:iam::111122223333:role/Dev');
    expect(scrub('AdministratorAccess-123456789012 us-east-1 ee0bfd2552fbd840c02cc48b6e823320543c450f')).toBe('AdministratorAccess-123456789012 us-east-1 ee0bfd2552fbd840c02cc48b6e823320543c450f');
  });

  it('Redactor (core) masks like one split/join per value, for thousands of values in one pass', () => {
    // The oracle is the per-value algorithm Redactor replaced (quadratic in the number of values).
    const redact = (text: string, values: string[]) => values.reduce((t, v) => (v.length >= 8 ? t.split(v).join(mask(v)) : t), text);
    const values = Array.from({ length: 3000 }, (_, i) => `hunter-${i}-password`);
    const text = values.filter((_, i) => i % 7 === 0).map((v, i) => `line ${i}: ${v}; `).join('') + 'short pw1234 stays';
    expect(new Redactor(values).redact(text)).toBe(redact(text, [...values].sort((a, b) => b.length - a.length)));
    expect(new Redactor(['abc']).redact('abc')).toBe('abc'); // under 8 characters: not redacted, as in core
  });
});

describe('credential_process under --online is announced, or skipped (item 33)', () => {
  it('says so on stderr, naming the profile and the command, before it runs', async () => {
    let ranBeforeNotice: boolean | undefined;
    const marker = { path: '' };
    const c = makeCase((root) => {
      marker.path = join(root, 'ran');
      return { config: `[profile p]\ncredential_process = ${helper(root, { marker: marker.path })}\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p', AWS_ENDPOINT_URL_STS: sts.url } };
    });
    let stdout = '';
    let stderr = '';
    const code = await runDoctor(['--online'], {
      stdout: new Writable({ write(chunk, _e, done) { stdout += String(chunk); done(); } }),
      stderr: new Writable({ write(chunk, _e, done) { ranBeforeNotice ??= existsSync(marker.path); stderr += String(chunk); done(); } }),
      env: c.env, cwd: c.cwd,
    });
    expect(stderr).toMatch(/^credlint doctor: --online runs the credential_process of profile "p": \S+creds\.mjs\n/);
    expect(ranBeforeNotice).toBe(false);
    expect(existsSync(marker.path)).toBe(true);
    expect(stdout).toContain('assumed-role/Dev/alice');
    expect(code).toBe(0);
  });

  it('--no-credential-process never runs it and reports the skipped check', async () => {
    const marker = { path: '' };
    const c = makeCase((root) => {
      marker.path = join(root, 'ran');
      return { config: `[profile base]\ncredential_process = ${helper(root, { marker: marker.path })}\n[profile p]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nregion = us-east-1\n`, env: { AWS_PROFILE: 'p', AWS_ENDPOINT_URL_STS: sts.url } };
    });
    const before = sts.requests.length;
    const r = await runCli(['--online', '--no-credential-process', '--format', 'json'], c);
    const report = parseJson(r);
    expect(ruleIds(report)).toEqual(['sts-credential-process-skipped']);
    expect(report.findings[0]).toMatchObject({ kind: 'sts', severity: 'warning' });
    expect(report.findings[0]!.message).toMatch(/credential_process of profile "base" and --no-credential-process forbids running it/);
    expect(r.stderr).not.toMatch(/runs the credential_process/);
    expect(existsSync(marker.path)).toBe(false);
    expect(sts.requests.length).toBe(before);
    expect(r.code).toBe(0);
  });

  it('--help documents both', async () => {
    const r = await runCli(['--help'], makeCase({}));
    expect(r.stdout).toMatch(/RUNS that command/);
    expect(r.stdout).toMatch(/--no-credential-process/);
    expect(r.stdout).toMatch(/--timeout SECONDS/);
  });
});
