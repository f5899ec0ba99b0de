import { fileFinding, settingAt, type Profile, type SharedConfig } from './shared-files.js';
import type { DoctorFinding } from './types.js';

/** What a profile obtains credentials with, in the order the SDKs try them. */
export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'web-identity' | 'none';

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'sso_region'];

export function get(p: Profile, key: string): string | undefined {
  const v = p.settings.get(key)?.value;
  return v === undefined || v === '' ? undefined : v;
}

export function profileKind(p: Profile): ProfileKind {
  if (get(p, 'role_arn')) return get(p, 'web_identity_token_file') && !get(p, 'source_profile') && !get(p, 'credential_source') ? 'web-identity' : 'role';
  if (SSO_KEYS.some((k) => get(p, k))) return 'sso';
  if (get(p, 'aws_access_key_id') || get(p, 'aws_secret_access_key')) return 'static';
  if (get(p, 'credential_process')) return 'process';
  return 'none';
}

export function describeProfile(p: Profile, config: SharedConfig): string {
  const kind = profileKind(p);
  const where = p.sections.map((s) => s.file.display).filter((v, i, a) => a.indexOf(v) === i).join(' + ');
  switch (kind) {
    case 'static': return `static keys in ${where}`;
    case 'role': {
      const from = get(p, 'source_profile') ? `source profile "${get(p, 'source_profile')}"` : get(p, 'credential_source') ? `credential_source ${get(p, 'credential_source')}` : 'web identity token';
      const chain = roleChain(p, config);
      return `role ${get(p, 'role_arn')} assumed with ${from}${chain.length > 2 ? ` (chain ${chain.join(' → ')})` : ''}, in ${where}`;
    }
    case 'sso': return `IAM Identity Center (SSO)${get(p, 'sso_session') ? ` session "${get(p, 'sso_session')}"` : ` start URL ${get(p, 'sso_start_url')}`}, in ${where}`;
    case 'process': return `credential_process, in ${where}`;
    case 'web-identity': return `web identity token file, in ${where}`;
    default: return `no credentials (only settings), in ${where}`;
  }
}

/** The profiles a role profile goes through: [p, source, source's source, …] until a non-role profile or a repeat. */
export function roleChain(p: Profile, config: SharedConfig): string[] {
  const chain = [p.name];
  let current: Profile | undefined = p;
  while (current && profileKind(current) === 'role') {
    const src = get(current, 'source_profile');
    if (!src || src === current.name) break;
    chain.push(src);
    if (chain.indexOf(src) !== chain.length - 1) break;
    current = config.profiles.get(src);
  }
  return chain;
}

/** The profiles whose credentials a profile needs (itself and its source profiles). */
export function chainProfiles(p: Profile, config: SharedConfig): Profile[] {
  const out: Profile[] = [];
  for (const name of roleChain(p, config)) {
    const q = config.profiles.get(name);
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}

/**
 * Structural checks over every profile: role profiles have a source that exists and has credentials,
 * and source_profile chains end (AWS CLI: "Infinite loop in credential configuration detected").
 */
export function checkRoleChains(config: SharedConfig): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const reportedCycles = new Set<string>();
  for (const p of config.profiles.values()) {
    if (profileKind(p) !== 'role') continue;
    const roleArn = p.settings.get('role_arn');
    const src = p.settings.get('source_profile');
    const at = settingAt(src ?? roleArn!);
    const file = (src ?? roleArn!).file.display;
    if (!get(p, 'source_profile') && !get(p, 'credential_source') && !get(p, 'web_identity_token_file')) {
      findings.push(fileFinding(file, 'role-without-source', 'shared-file', 'error',
        `Profile "${p.name}" has role_arn but no source_profile, credential_source or web_identity_token_file, so nothing can assume the role.`,
        `Add \`source_profile = <a profile with credentials>\` (or \`credential_source = Environment|Ec2InstanceMetadata|EcsContainer\`) to [${p.name}].`, at));
      continue;
    }
    const srcName = get(p, 'source_profile');
    if (!srcName) continue;
    if (srcName === p.name) {
      // Allowed by the CLI and SDKs when the profile also holds static keys.
      if (!get(p, 'aws_access_key_id')) {
        findings.push(fileFinding(file, 'role-chain-cycle', 'shared-file', 'error',
          `Profile "${p.name}" names itself as source_profile but has no static keys to start from.`,
          `Point source_profile at a profile with credentials, or add aws_access_key_id/aws_secret_access_key to [${p.name}].`, at));
      }
      continue;
    }
    const chain = roleChain(p, config);
    const last = chain[chain.length - 1]!;
    const repeat = chain.indexOf(last) !== chain.length - 1;
    if (repeat) {
      const cycle = chain.slice(chain.indexOf(last));
      const id = [...new Set(cycle)].sort().join('\0');
      if (!reportedCycles.has(id)) {
        reportedCycles.add(id);
        findings.push(fileFinding(file, 'role-chain-cycle', 'shared-file', 'error',
          `source_profile chain of profile "${p.name}" loops: ${chain.join(' → ')}. The AWS CLI stops with "Infinite loop in credential configuration detected" and the JS SDK with "Detected a cycle".`,
          `Make the last profile of the chain hold credentials (static keys, sso_session, credential_process) instead of pointing back.`, at));
      }
      continue;
    }
    const end = config.profiles.get(last);
    if (!end) {
      const from = config.profiles.get(chain[chain.length - 2]!)!;
      const s = from.settings.get('source_profile')!;
      findings.push(fileFinding(s.file.display, 'source-profile-not-found', 'shared-file', 'error',
        `Profile "${from.name}" uses source_profile "${last}", which is in neither the credentials nor the config file.`,
        `Create [${s.file.kind === 'config' ? `profile ${last}` : last}] with credentials, or fix the name.`, settingAt(s)));
      continue;
    }
    if (profileKind(end) === 'none' && end !== p) {
      const from = config.profiles.get(chain[chain.length - 2]!)!;
      const s = from.settings.get('source_profile')!;
      findings.push(fileFinding(s.file.display, 'source-profile-no-credentials', 'shared-file', 'error',
        `Profile "${from.name}" uses source_profile "${last}", which has no credentials (no keys, sso_session or credential_process).`,
        `Give [${last}] credentials, or point source_profile at a profile that has them.`, settingAt(s)));
    }
  }
  return findings;
}
