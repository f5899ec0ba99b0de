import { existsSync } from 'node:fs';
import { redact } from '@credlint/core';
import { parseArgs, UsageError, USAGE } from './args.js';
import { checkCredentialProcess } from './credential-process.js';
import { awsVariables, compareDotenv, inspectAwsVariables, inspectValueShapes } from './environment.js';
import { isSecretName } from './masking.js';
import { displayPath } from './paths.js';
import { chainProfiles, checkRoleChains, profileKind } from './profiles.js';
import { formatHuman, formatJson } from './report.js';
import { resolve } from './resolution.js';
import { loadSharedFiles, permissionFinding, type Profile } from './shared-files.js';
import { checkSso } from './sso.js';
import { ENVIRONMENT, type DoctorFinding, type DoctorReport } from './types.js';

export type { DoctorFinding, DoctorReport } from './types.js';

export interface DoctorIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Builds the whole diagnosis (no output). `--online` is the only part that touches the network. */
export async function diagnose(io: Pick<DoctorIo, 'env' | 'cwd'>, options: { online: boolean; endpointUrl?: string }): Promise<DoctorReport> {
  const { env, cwd } = io;
  const findings: DoctorFinding[] = [];
  const files: string[] = [];

  // 1. The process environment.
  const vars = awsVariables(env);
  findings.push(...inspectValueShapes(vars), ...inspectAwsVariables(vars));

  // 2. Shared files.
  const selected = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const { config, findings: fileFindings } = loadSharedFiles(env, cwd, selected);
  findings.push(...fileFindings);
  for (const f of config.files) {
    files.push(f.display);
    const holdsSecrets = f.kind === 'credentials' || f.doc.sections.some((s) => s.entries.some((e) => isSecretName(e.key)));
    const perm = holdsSecrets ? permissionFinding(f.path, f.display, `AWS ${f.kind} file`) : undefined;
    if (perm) findings.push(perm);
  }
  findings.push(...checkRoleChains(config));

  // 3. Which credentials the SDKs pick; then the profiles in use are checked in depth.
  const { resolution, findings: resolutionFindings } = resolve(env, config);
  const inUse: Profile[] = [];
  for (const r of [resolution.standard, resolution.jsV3]) {
    if (r.source.type !== 'profile') continue;
    const p = config.profiles.get(r.source.profile);
    if (p) for (const q of chainProfiles(p, config)) if (!inUse.includes(q)) inUse.push(q);
  }
  const seenCaches = new Set<string>();
  for (const p of inUse) {
    const kind = profileKind(p);
    if (kind === 'sso') findings.push(...checkSso(p, config, env, cwd, seenCaches));
    if (kind === 'process') findings.push(...checkCredentialProcess(p, env, cwd));
  }
  for (const path of seenCaches) if (existsSync(path)) files.push(displayPath(path, cwd));

  // The dotenv region check sees only variables; doctor also knows the profile's region.
  // JS v3 has a region: the check's condition ("unless the profile sets one") is met, drop it.
  // Only the CLI has one (AWS_DEFAULT_REGION): the check says exactly that, keep it instead of doctor's warning.
  // Neither has one: doctor's region-not-resolved (an error: every call fails) replaces the check's warning.
  const envMissingRegion = findings.some((f) => f.ruleId === 'missing-region' && f.file === ENVIRONMENT);
  const dropCheck = Boolean(resolution.jsV3.region) || !resolution.standard.region;
  for (let i = findings.length - 1; i >= 0; i--) {
    if (dropCheck && findings[i]!.ruleId === 'missing-region' && findings[i]!.file === ENVIRONMENT) findings.splice(i, 1);
  }
  findings.push(...resolutionFindings.filter((f) => !(f.ruleId === 'region-not-resolved' && f.severity === 'warning' && envMissingRegion)));

  // 4. A .env in cwd that the app would load instead.
  const dotenv = compareDotenv(env, cwd, '.env');
  findings.push(...dotenv.findings);
  if (dotenv.inspected) files.push(dotenv.inspected);

  const secrets = secretsOf(env, config.files.flatMap((f) => f.doc.sections.flatMap((s) => s.entries)));
  const report: DoctorReport = {
    findings, files, errors: [], resolution, online: [], secrets,
    inspected: { environment: vars.map((v) => v.key), sharedFiles: config.files.map((f) => f.display), ...(dotenv.inspected ? { dotenv: dotenv.inspected } : {}) },
  };

  // 5. Optional live check.
  if (options.online) {
    const endpoint = options.endpointUrl ?? (env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined);
    const credentials = config.files.find((f) => f.kind === 'credentials')?.path;
    const configPath = config.files.find((f) => f.kind === 'config')?.path;
    // The AWS SDK is loaded only for --online: the offline report stays fast.
    const { checkOnline } = await import('./online.js');
    const online = await checkOnline(resolution, config, {
      ...(endpoint ? { endpoint } : {}),
      files: { ...(credentials ? { credentials } : {}), ...(configPath ? { config: configPath } : {}) },
      secrets,
    });
    report.online = online.results;
    findings.push(...online.findings);
  }
  return report;
}

/** Every credential value doctor has seen: the output is redacted against them as a last line of defence. */
function secretsOf(env: NodeJS.ProcessEnv, entries: { key: string; value: string }[]): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) if (v && isSecretName(k)) out.push(v, v.trim());
  for (const e of entries) if (isSecretName(e.key)) out.push(e.value);
  return out.filter((v) => v.length >= 8).sort((a, b) => b.length - a.length);
}

/** `credlint doctor …` (argv = the arguments after `doctor`). Returns the exit code: 0 healthy, 1 problems, 2 usage. */
export async function runDoctor(argv: string[], io: DoctorIo): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`credlint doctor: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const report = await diagnose(io, { online: options.online, ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}) });
  const color = options.format === 'stylish' && (options.color ?? (Boolean((io.stdout as { isTTY?: boolean }).isTTY) && !io.env.NO_COLOR));
  const text = options.format === 'json' ? formatJson(report) : formatHuman(report, { online: options.online, color });
  io.stdout.write(redact(text, report.secrets));
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
