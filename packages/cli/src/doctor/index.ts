import { existsSync } from 'node:fs';
import { parseArgs, UsageError, USAGE, type DoctorOptions } from './args.js';
import { checkCredentialProcess } from './credential-process.js';
import { awsVariables, compareDotenv, inspectAwsVariables, inspectValueShapes } from './environment.js';
import { Redactor } from '@credlint/core';
import { isSecretName, scrub } from './masking.js';
import { displayPath } from './paths.js';
import { chainProfiles, checkRoleChains, profileKind } from './profiles.js';
import { formatHuman, formatJson } from './report.js';
import { resolve } from './resolution.js';
import { loadSharedFiles, permissionFinding, type Profile } from './shared-files.js';
import { checkSso } from './sso.js';
import { ENVIRONMENT, type DoctorFinding, type DoctorReport } from './types.js';

export type { DoctorReport } from './types.js';

export interface DoctorIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Builds the whole diagnosis (no output). `--online` is the only part that touches the network. */
export async function diagnose(
  io: Pick<DoctorIo, 'env' | 'cwd'> & { stderr?: NodeJS.WritableStream },
  options: Partial<Pick<DoctorOptions, 'endpointUrl' | 'timeoutMs' | 'credentialProcess'>> & { online: boolean },
): Promise<DoctorReport> {
  const { env, cwd } = io;
  const findings: DoctorFinding[] = [];
  const files: string[] = [];
  // Loops, never push(...spread): a huge config yields more findings than the stack holds arguments.
  const add = (list: readonly DoctorFinding[]): void => {
    for (const f of list) findings.push(f);
  };

  // 1. The process environment.
  const vars = awsVariables(env);
  add(inspectValueShapes(vars));
  add(inspectAwsVariables(vars));

  // 2. Shared files.
  const selected = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const { config, findings: fileFindings, errors } = loadSharedFiles(env, cwd, selected);
  add(fileFindings);
  for (const f of config.files) {
    files.push(f.display);
    const holdsSecrets = f.kind === 'credentials' || f.doc.sections.some((s) => s.entries.some((e) => isSecretName(e.key)));
    const perm = holdsSecrets ? permissionFinding(f.path, f.display, `AWS ${f.kind} file`) : undefined;
    if (perm) findings.push(perm);
  }
  add(checkRoleChains(config));

  // 3. Which credentials the SDKs pick; then the profiles in use are checked in depth.
  const { resolution, findings: resolutionFindings } = resolve(env, config);
  const inUse = new Set<Profile>();
  for (const r of [resolution.standard, resolution.jsV3]) {
    if (r.source.type !== 'profile') continue;
    const p = config.profiles.get(r.source.profile);
    if (p) for (const q of chainProfiles(p, config)) inUse.add(q);
  }
  const seenCaches = new Set<string>();
  for (const p of inUse) {
    const kind = profileKind(p);
    if (kind === 'sso') add(checkSso(p, config, env, cwd, seenCaches, errors));
    if (kind === 'process') add(checkCredentialProcess(p, env, cwd));
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
  add(resolutionFindings.filter((f) => !(f.ruleId === 'region-not-resolved' && f.severity === 'warning' && envMissingRegion)));

  // 4. A .env in cwd that the app would load instead.
  const dotenv = compareDotenv(env, cwd, '.env');
  add(dotenv.findings);
  for (const e of dotenv.errors) errors.push(e);
  if (dotenv.inspected) files.push(dotenv.inspected);

  const secrets = secretsOf(env, config);
  const redactor = new Redactor(secrets);
  const report: DoctorReport = {
    findings,
    files,
    errors,
    resolution,
    online: [],
    secrets,
    inspected: {
      environment: vars.map((v) => v.key),
      sharedFiles: config.files.map((f) => f.display),
      ...(dotenv.inspected ? { dotenv: dotenv.inspected } : {}),
    },
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
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      credentialProcess: options.credentialProcess ?? true,
      ...(io.stderr ? { notice: (line: string) => io.stderr!.write(`${scrub(redactor.redact(line))}\n`) } : {}),
    });
    report.online = online.results;
    add(online.findings);
  }
  // Last line of defence for the report's own fields: nothing credential-shaped, whatever value it came from.
  // (fixes and files repeat across findings: each distinct text is cleaned once)
  const cleaned = new Map<string, string>();
  const clean = (text: string): string => {
    let out = cleaned.get(text);
    if (out === undefined) cleaned.set(text, (out = scrub(redactor.redact(text))));
    return out;
  };
  for (const f of findings) {
    f.message = scrub(redactor.redact(f.message));
    f.fix = clean(f.fix);
    f.file = clean(f.file);
  }
  return report;
}

/** Every credential value doctor has seen: the output is redacted against them as a last line of defence. */
function secretsOf(env: NodeJS.ProcessEnv, config: { files: { doc: { sections: { entries: { key: string; value: string }[] }[] } }[] }): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(env)) {
    if (v && isSecretName(k)) {
      out.add(v);
      out.add(v.trim());
    }
  }
  for (const f of config.files) for (const s of f.doc.sections) for (const e of s.entries) if (isSecretName(e.key)) out.add(e.value);
  return [...out].filter((v) => v.length >= 8);
}

/** `credlint doctor …` (argv = the arguments after `doctor`). Returns the exit code: 0 healthy, 1 problems, 2 usage or not inspected. */
export async function runDoctor(argv: string[], io: DoctorIo, adjust?: (findings: DoctorFinding[]) => DoctorFinding[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      // (arguments are echoed: a credential typed as a value is masked like any other)
      io.stderr.write(`credlint doctor: ${scrub(err.message)}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const report = await diagnose(io, {
    online: options.online,
    timeoutMs: options.timeoutMs,
    credentialProcess: options.credentialProcess,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
  });
  // The host's configuration (rule severities, ignored paths), applied to the finished findings.
  if (adjust) report.findings = adjust(report.findings);
  const color = options.format === 'stylish' && (options.color ?? (Boolean((io.stdout as { isTTY?: boolean }).isTTY) && !io.env.NO_COLOR));
  const text = options.format === 'json' ? formatJson(report) : formatHuman(report, { online: options.online, color });
  io.stdout.write(scrub(new Redactor(report.secrets).redact(text)));
  // Fail closed: a file doctor did not inspect (too large, not a file) is exit 2, like an unscanned file in scan.
  if (report.errors.length > 0) return 2;
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
