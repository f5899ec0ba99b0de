import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { keyTypeOf } from '@credlint/core';
import { Redactor } from '@credlint/core';
import { MAX_SHOWN, scrub } from './masking.js';
import { chainProfiles, get, profileKind } from './profiles.js';
import type { SharedConfig } from './shared-files.js';
import { ENVIRONMENT, type CredentialSource, type DoctorFinding, type OnlineResult, type Resolution } from './types.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type CredentialInput = Credentials | (() => Promise<Credentials>);

interface Target {
  label: string;
  source: CredentialSource;
  region?: string;
  regionFrom?: string;
}

function finding(ruleId: string, message: string, fix: string, severity: 'error' | 'warning' = 'error'): DoctorFinding {
  return { file: ENVIRONMENT, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, kind: 'sts', severity, message, fix };
}

/** The credentials to sign with, exactly as the SDK would use them (no trimming: that is what is being tested). */
function credentialsFor(source: CredentialSource, config: SharedConfig, files: { credentials?: string; config?: string }): CredentialInput | undefined {
  if (source.type === 'environment') {
    return { accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey, ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}) };
  }
  if (source.type !== 'profile') return undefined;
  const p = config.profiles.get(source.profile);
  if (p && profileKind(p) === 'static') {
    const accessKeyId = get(p, 'aws_access_key_id') ?? '';
    const secretAccessKey = get(p, 'aws_secret_access_key') ?? '';
    const sessionToken = get(p, 'aws_session_token');
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  // SSO, roles and credential_process: let the SDK's own provider resolve them from the same files.
  return fromIni({
    profile: source.profile,
    ...(files.credentials ? { filepath: files.credentials } : {}),
    ...(files.config ? { configFilepath: files.config } : {}),
    ignoreCache: true,
  });
}

/** STS error codes users search for, translated into what is wrong with this set-up. */
function translate(code: string, awsMessage: string, target: Target, creds: CredentialInput): { ruleId: string; message: string; fix: string } {
  const who = `${target.label} (${target.source.type === 'profile' ? `profile "${target.source.profile}"` : target.source.type === 'environment' ? 'environment keys' : target.source.type})`;
  const keyId = typeof creds === 'function' ? undefined : creds.accessKeyId;
  const temporary = keyId ? keyTypeOf(keyId.trim()) === 'ASIA' : false;
  const hasToken = typeof creds !== 'function' && Boolean(creds.sessionToken);
  switch (code) {
    case 'InvalidClientTokenId':
      return {
        ruleId: 'sts-invalid-client-token-id',
        message: `STS rejected the access key id of ${who}: InvalidClientTokenId "${awsMessage}". ${temporary && !hasToken ? 'It is a temporary ASIA key sent without its session token.' : temporary ? 'The temporary key and its session token do not belong together, or the session was revoked.' : 'The key does not exist in this partition: it was deleted or deactivated, or belongs to AWS China/GovCloud.'}`,
        fix: temporary
          ? 'Export the AWS_SESSION_TOKEN that came with this ASIA key, or get a fresh set of temporary credentials.'
          : 'Check the key in the IAM console (Security credentials): create a new access key if it was deleted or deactivated.',
      };
    case 'SignatureDoesNotMatch':
      return {
        ruleId: 'sts-signature-does-not-match',
        message: `STS rejected the signature of ${who}: SignatureDoesNotMatch "${awsMessage}". The secret access key does not belong to this access key id (wrong, truncated, or carrying quotes/whitespace).`,
        fix: 'Copy the secret access key again, from the same key pair as the key id, without quotes or spaces; if it was lost, create a new access key.',
      };
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
      return {
        ruleId: 'sts-expired-token',
        message: `STS says the credentials of ${who} have expired: ${code} "${awsMessage}".`,
        fix:
          target.source.type === 'profile'
            ? `Refresh them: \`aws sso login --profile ${target.source.profile}\` for SSO, or get new temporary credentials from whatever wrote this profile.`
            : 'Get new temporary credentials (re-run the command that exported them, e.g. `aws sts assume-role` or your SSO helper) and export all three variables again.',
      };
    case 'AccessDenied':
    case 'AccessDeniedException':
      return {
        ruleId: 'sts-access-denied',
        message: `STS denied GetCallerIdentity for ${who}: ${code} "${awsMessage}".`,
        fix: 'GetCallerIdentity needs no permission; an explicit deny or a VPC endpoint policy is blocking STS. Ask the account administrator.',
      };
    default:
      return {
        ruleId: 'sts-error',
        message: `STS GetCallerIdentity failed for ${who}: ${code} "${awsMessage}".`,
        fix: 'Search the error code in https://github.com/credlint/credlint/blob/main/docs/guides/troubleshooting.md.',
      };
  }
}

/** The credential_process commands the SDK's provider would run for a source: its profile's chain's. */
function processesFor(source: CredentialSource, config: SharedConfig): { profile: string; command: string }[] {
  if (source.type !== 'profile') return [];
  const p = config.profiles.get(source.profile);
  if (!p || profileKind(p) === 'static') return [];
  const out: { profile: string; command: string }[] = [];
  for (const q of chainProfiles(p, config)) {
    const command = get(q, 'credential_process');
    if (command && profileKind(q) === 'process') out.push({ profile: q.name, command });
  }
  return out;
}

/** A command line as announced: credential-shaped arguments masked, cut to a readable length. */
function showCommand(command: string): string {
  const s = scrub(command.length > MAX_SHOWN * 64 ? command.slice(0, MAX_SHOWN * 64) : command);
  return s.length > MAX_SHOWN * 3 ? `${s.slice(0, MAX_SHOWN * 3 - 1)}…` : s;
}

class Deadline extends Error {}

export interface OnlineOptions {
  endpoint?: string;
  files: { credentials?: string; config?: string };
  secrets: string[];
  /** Overall deadline per check: obtaining the credentials, connect, TLS and the response. Default 10 s. */
  timeoutMs?: number;
  /** false: do not run credential_process commands (the check is skipped and reported). Default true. */
  credentialProcess?: boolean;
  /** Receives one line before each credential_process command runs (doctor writes it to stderr). */
  notice?: (line: string) => void;
}

/**
 * The optional live check: STS GetCallerIdentity through the AWS SDK for JavaScript v3, once per distinct
 * source the resolution names (the AWS CLI's and JavaScript v3's), against `endpoint` when given.
 */
export async function checkOnline(
  resolution: Resolution,
  config: SharedConfig,
  options: OnlineOptions,
): Promise<{ results: OnlineResult[]; findings: DoctorFinding[] }> {
  const targets: Target[] = [];
  const push = (label: string, r: Resolution['standard']): void => {
    const same = targets.find((t) => JSON.stringify(t.source) === JSON.stringify(r.source) && t.region === r.region);
    if (same) same.label += ` and ${label}`;
    else targets.push({ label, source: r.source, ...(r.region ? { region: r.region, regionFrom: r.regionFrom! } : {}) });
  };
  push('AWS CLI', resolution.standard);
  push('AWS SDK for JavaScript v3', resolution.jsV3);

  const timeoutMs = options.timeoutMs ?? 10_000;
  const seconds = `${Number((timeoutMs / 1000).toFixed(3))} s`;
  const results: OnlineResult[] = [];
  const findings: DoctorFinding[] = [];
  const redactor = new Redactor(options.secrets);
  const clean = (s: string): string => scrub(redactor.redact(s));
  const announced = new Set<string>();
  for (const target of targets) {
    const creds = credentialsFor(target.source, config, options.files);
    if (!creds) {
      findings.push(
        finding(
          'sts-no-credentials',
          `${target.label}: nothing to check online (${target.source.type === 'instance-metadata' ? 'only the EC2 instance metadata service is left' : 'no credentials'}).`,
          'Configure credentials first (see the findings above).',
          'warning',
        ),
      );
      continue;
    }
    if (!target.region) {
      findings.push(
        finding(
          'sts-missing-region',
          `${target.label}: no region, so the SDK cannot build the STS request ("Region is missing").`,
          'Export AWS_REGION or set `region` in the profile.',
        ),
      );
      continue;
    }
    const processes = processesFor(target.source, config);
    if (processes.length > 0 && options.credentialProcess === false) {
      const which = processes.map((x) => `"${x.profile}"`).join(', ');
      findings.push(
        finding(
          'sts-credential-process-skipped',
          `${target.label}: not checked online, because its credentials come from the credential_process of profile ${which} and --no-credential-process forbids running it.`,
          'Run without --no-credential-process to let doctor run the command (it is announced on stderr first), or check with `aws sts get-caller-identity`.',
          'warning',
        ),
      );
      continue;
    }
    for (const x of processes) {
      if (announced.has(x.profile)) continue;
      announced.add(x.profile);
      // Running a command is a side effect: say so before it happens.
      options.notice?.(`credlint doctor: --online runs the credential_process of profile "${x.profile}": ${showCommand(x.command)}`);
    }
    const client = new STSClient({
      region: target.region.trim(),
      credentials: creds,
      maxAttempts: 1,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
    });
    // One deadline over the whole check: the SDK's own timeouts do not cover a server that accepts the
    // connection and never answers, nor a credential provider that hangs.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Deadline());
      }, timeoutMs);
    });
    try {
      const out = await Promise.race([client.send(new GetCallerIdentityCommand({}), { abortSignal: abort.signal }), deadline]);
      results.push({
        label: target.label,
        ok: true,
        ...(out.Account ? { account: out.Account } : {}),
        ...(out.Arn ? { arn: out.Arn } : {}),
        ...(out.UserId ? { userId: out.UserId } : {}),
      });
    } catch (err) {
      const e = err as Error & { name?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
      results.push({ label: target.label, ok: false });
      const code = e.Code ?? e.name ?? 'Error';
      if (err instanceof Deadline || abort.signal.aborted) {
        findings.push(
          finding(
            'sts-timeout',
            clean(
              `${target.label}: no answer within ${seconds}${options.endpoint ? ` from ${options.endpoint}` : ''} (obtaining the credentials${processes.length ? ', running credential_process' : ''}, connecting, TLS and the STS response together).`,
            ),
            'Check the network, proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL_STS / --endpoint-url; on a slow link raise --timeout SECONDS.',
          ),
        );
      } else if (e.$metadata?.httpStatusCode !== undefined) {
        const t = translate(code, clean(e.message), target, creds);
        findings.push(finding(t.ruleId, clean(t.message), t.fix));
      } else if (code === 'CredentialsProviderError' || /credential/i.test(code)) {
        findings.push(
          finding(
            'sts-credentials-unavailable',
            clean(
              `${target.label}: the SDK could not obtain credentials from profile${target.source.type === 'profile' ? ` "${target.source.profile}"` : ''}: ${e.message}`,
            ),
            'Fix the profile findings above (SSO login, role source, credential_process), then run doctor again.',
          ),
        );
      } else if (/region/i.test(e.message)) {
        findings.push(finding('sts-missing-region', clean(`${target.label}: ${e.message}`), 'Export AWS_REGION with a valid region code.'));
      } else {
        findings.push(
          finding(
            'sts-unreachable',
            clean(`${target.label}: could not reach STS${options.endpoint ? ` at ${options.endpoint}` : ''}: ${e.message}${e.code ? ` (${e.code})` : ''}.`),
            'Check the network, proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL_STS / --endpoint-url.',
          ),
        );
      }
    } finally {
      clearTimeout(timer);
      client.destroy();
    }
  }
  return { results, findings };
}
