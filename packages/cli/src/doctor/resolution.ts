import { keyTypeOf, mask } from '@credlint/core';
import { unwrap } from './environment.js';
import { shown } from './masking.js';
import { describeProfile, get, profileKind } from './profiles.js';
import type { SharedConfig } from './shared-files.js';
import { ENVIRONMENT, type CredentialSource, type DoctorFinding, type Resolution } from './types.js';

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

function envFinding(ruleId: string, severity: 'error' | 'warning', kind: DoctorFinding['kind'], message: string, fix: string): DoctorFinding {
  return { file: ENVIRONMENT, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, kind, severity, message, fix };
}

/** The chain after the profile: web identity from env, container credentials, then instance metadata. */
function ambient(env: NodeJS.ProcessEnv): CredentialSource {
  if (nonEmpty(env.AWS_ROLE_ARN) && nonEmpty(env.AWS_WEB_IDENTITY_TOKEN_FILE)) {
    return { type: 'web-identity', roleArn: env.AWS_ROLE_ARN!, tokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE! };
  }
  for (const variable of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
    if (nonEmpty(env[variable])) return { type: 'container', variable };
  }
  if ((env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true')
    return { type: 'none', reason: 'no credentials found and AWS_EC2_METADATA_DISABLED=true' };
  return { type: 'instance-metadata' };
}

function envKeys(env: NodeJS.ProcessEnv): CredentialSource | undefined {
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  return { type: 'environment', accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function profileSource(name: string, config: SharedConfig): CredentialSource | undefined {
  const p = config.profiles.get(name);
  if (!p || profileKind(p) === 'none') return undefined;
  return { type: 'profile', profile: name, via: describeProfile(p, config) };
}

export function describeSource(source: CredentialSource): string {
  switch (source.type) {
    case 'environment': {
      const id = unwrap(source.accessKeyId);
      const kt = keyTypeOf(id);
      return `environment variables: AWS_ACCESS_KEY_ID=${mask(id)}${kt === 'ASIA' ? ' (temporary)' : kt === 'AKIA' ? ' (long-term)' : ''} + AWS_SECRET_ACCESS_KEY${source.sessionToken ? ' + AWS_SESSION_TOKEN' : ''}`;
    }
    case 'profile':
      return `profile "${shown(source.profile)}": ${source.via}`;
    case 'web-identity':
      return `web identity: role ${source.roleArn} with the token in ${source.tokenFile} (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE)`;
    case 'container':
      return `container credentials endpoint (${source.variable})`;
    case 'instance-metadata':
      return 'nothing in this shell; only the EC2 instance metadata service (IMDS) is left, which works on EC2 with an instance role and nowhere else';
    case 'none':
      return `nothing (${source.reason})`;
  }
}

function sameSource(a: CredentialSource, b: CredentialSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Which credential and region each SDK family would pick, and the doctor findings that follow from it:
 * a selected profile that does not exist, no credentials anywhere, no region, or two tools that disagree.
 */
export function resolve(env: NodeJS.ProcessEnv, config: SharedConfig): { resolution: Resolution; findings: DoctorFinding[] } {
  const findings: DoctorFinding[] = [];
  const notes: string[] = [];
  const awsProfile = nonEmpty(env.AWS_PROFILE);
  const awsDefaultProfile = nonEmpty(env.AWS_DEFAULT_PROFILE);

  // AWS CLI v2: AWS_PROFILE, then AWS_DEFAULT_PROFILE. boto3/CLI v1 read AWS_DEFAULT_PROFILE first (botocore #1725).
  const stdProfile = awsProfile ?? awsDefaultProfile ?? 'default';
  const stdProfileFrom = awsProfile ? 'AWS_PROFILE' : awsDefaultProfile ? 'AWS_DEFAULT_PROFILE' : 'the default profile';
  const jsProfile = awsProfile ?? 'default';
  const jsProfileFrom = awsProfile ? 'AWS_PROFILE' : 'the default profile';
  if (awsProfile && awsDefaultProfile && awsProfile !== awsDefaultProfile) {
    notes.push(
      `AWS_PROFILE="${shown(awsProfile)}" and AWS_DEFAULT_PROFILE="${shown(awsDefaultProfile)}" differ: AWS CLI v2 uses AWS_PROFILE, but boto3 and AWS CLI v1 read AWS_DEFAULT_PROFILE first.`,
    );
  }
  if (awsDefaultProfile && !awsProfile) {
    notes.push(`Only AWS_DEFAULT_PROFILE is set: the AWS CLI uses "${shown(awsDefaultProfile)}", the AWS SDK for JavaScript v3 ignores it and uses "default".`);
  }

  for (const [variable, rawName] of [
    ['AWS_PROFILE', awsProfile],
    ['AWS_DEFAULT_PROFILE', awsDefaultProfile],
  ] as const) {
    if (rawName && !config.profiles.has(rawName)) {
      // (a list for a person: a config with thousands of profiles shows the first 20)
      const all = [...config.profiles.keys()].sort();
      const known = all.length > 20 ? [...all.slice(0, 20).map(shown), `and ${all.length - 20} more`] : all.map(shown);
      const name = shown(rawName);
      // `[dev]` in config is not a profile there (it must be `[profile dev]`): the classic near miss.
      const bare = config.files.find((f) => f.kind === 'config' && f.doc.sections.some((s) => s.type === 'other' && s.name === rawName));
      const hint = bare ? ` ${bare.display} has a section [${name}], but in the config file profiles are written [profile ${name}].` : '';
      findings.push(
        envFinding(
          'profile-not-found',
          'error',
          'resolution',
          `${variable}="${name}", but no profile "${name}" exists in ${config.files.length ? config.files.map((f) => f.display).join(' or ') : 'the shared files (none found)'}; the AWS CLI stops with "The config profile (${name}) could not be found".${known.length ? ` Known profiles: ${known.join(', ')}.` : ''}${hint}`,
          bare
            ? `Rename the section in ${bare.display} to [profile ${name}].`
            : `Fix the name (\`export ${variable}=…\`), create the profile (\`aws configure --profile ${name}\`), or \`unset ${variable}\`.`,
        ),
      );
    }
  }

  const keys = envKeys(env);
  const stdSource = keys ?? profileSource(stdProfile, config) ?? ambient(env);
  const jsSource = (awsProfile ? undefined : keys) ?? profileSource(jsProfile, config) ?? ambient(env);

  // Region: CLI v2 reads AWS_REGION, AWS_DEFAULT_REGION, then the profile; JS v3 never reads AWS_DEFAULT_REGION.
  const regionOf = (name: string): string | undefined => {
    const p = config.profiles.get(name);
    return p ? get(p, 'region') : undefined;
  };
  const stdRegion = nonEmpty(env.AWS_REGION)
    ? { region: env.AWS_REGION!, from: 'AWS_REGION' }
    : nonEmpty(env.AWS_DEFAULT_REGION)
      ? { region: env.AWS_DEFAULT_REGION!, from: 'AWS_DEFAULT_REGION' }
      : regionOf(stdProfile)
        ? { region: regionOf(stdProfile)!, from: `profile "${shown(stdProfile)}"` }
        : undefined;
  const jsRegion = nonEmpty(env.AWS_REGION)
    ? { region: env.AWS_REGION!, from: 'AWS_REGION' }
    : regionOf(jsProfile)
      ? { region: regionOf(jsProfile)!, from: `profile "${shown(jsProfile)}"` }
      : undefined;

  const resolution: Resolution = {
    standard: {
      source: stdSource,
      profile: stdProfile,
      profileFrom: stdProfileFrom,
      ...(stdRegion ? { region: stdRegion.region, regionFrom: stdRegion.from } : {}),
    },
    jsV3: { source: jsSource, profile: jsProfile, profileFrom: jsProfileFrom, ...(jsRegion ? { region: jsRegion.region, regionFrom: jsRegion.from } : {}) },
    notes,
  };

  const hasCreds = (s: CredentialSource): boolean => s.type !== 'none' && s.type !== 'instance-metadata';
  // No credentials at all — unless a finding above or a dotenv check (incomplete pair) already says why.
  const explained = findings.some((f) => f.ruleId === 'profile-not-found') || Boolean(nonEmpty(env.AWS_ACCESS_KEY_ID) || nonEmpty(env.AWS_SECRET_ACCESS_KEY));
  if (!hasCreds(stdSource) && !hasCreds(jsSource)) {
    if (!explained) {
      findings.push(
        envFinding(
          'no-credentials',
          'warning',
          'resolution',
          `No credentials in the environment or the shared files: the AWS CLI and SDKs will fail with "Unable to locate credentials" / "Could not load credentials from any providers" unless this runs on EC2 with an instance role.`,
          'Run `aws configure` (keys), `aws configure sso` (IAM Identity Center), or export AWS_PROFILE for an existing profile.',
        ),
      );
    }
  } else if (!sameSource(stdSource, jsSource) && !(keys && awsProfile)) {
    // (AWS_PROFILE beside env keys is the dotenv check conflicting-credential-sources.)
    findings.push(
      envFinding(
        'sdk-sources-differ',
        'warning',
        'resolution',
        `The AWS CLI and the AWS SDK for JavaScript v3 use different credentials here: the CLI uses ${describeSource(stdSource)}; JavaScript v3 uses ${describeSource(jsSource)}.`,
        awsDefaultProfile && !awsProfile
          ? `\`export AWS_PROFILE=${awsDefaultProfile}\` (every tool reads it) and \`unset AWS_DEFAULT_PROFILE\`.`
          : 'Set AWS_PROFILE to the profile you mean, so that every tool reads the same one.',
      ),
    );
  }
  if (hasCreds(stdSource) || hasCreds(jsSource)) {
    if (!stdRegion && !jsRegion) {
      findings.push(
        envFinding(
          'region-not-resolved',
          'error',
          'resolution',
          `No region: neither AWS_REGION nor AWS_DEFAULT_REGION is set and profile "${jsProfile}" has no region. The AWS CLI asks "You must specify a region" and the JavaScript SDK throws "Region is missing".`,
          'Export AWS_REGION (e.g. `export AWS_REGION=us-east-1`) or add `region = …` to the profile.',
        ),
      );
    } else if (!jsRegion && stdRegion) {
      findings.push(
        envFinding(
          'region-not-resolved',
          'warning',
          'resolution',
          `The region comes from ${stdRegion.from} only; the AWS SDK for JavaScript v3 does not read it and throws "Region is missing".`,
          `\`export AWS_REGION=${shown(stdRegion.region)}\` (every SDK reads AWS_REGION).`,
        ),
      );
    }
  }
  return { resolution, findings };
}
