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
  const where = p.sections
    .map((s) => s.file.display)
    .filter((v, i, a) => a.indexOf(v) === i)
    .join(' + ');
  switch (kind) {
    case 'static':
      return `static keys in ${where}`;
    case 'role': {
      const from = get(p, 'source_profile')
        ? `source profile "${get(p, 'source_profile')}"`
        : get(p, 'credential_source')
          ? `credential_source ${get(p, 'credential_source')}`
          : 'web identity token';
      const chain = roleChain(p, config);
      return `role ${get(p, 'role_arn')} assumed with ${from}${chain.length > 2 ? ` (chain ${showChain(chain)})` : ''}, in ${where}`;
    }
    case 'sso':
      return `IAM Identity Center (SSO)${get(p, 'sso_session') ? ` session "${get(p, 'sso_session')}"` : ` start URL ${get(p, 'sso_start_url')}`}, in ${where}`;
    case 'process':
      return `credential_process, in ${where}`;
    case 'web-identity':
      return `web identity token file, in ${where}`;
    default:
      return `no credentials (only settings), in ${where}`;
  }
}

/** Work counters for the linear-time tests: one `visits` per profile step taken. */
export interface ChainStats {
  visits: number;
}

/** The next profile of a chain: a role profile's source_profile (a profile naming itself ends its chain). */
function nextOf(p: Profile): string | undefined {
  if (profileKind(p) !== 'role') return undefined;
  const src = get(p, 'source_profile');
  return src && src !== p.name ? src : undefined;
}

/**
 * The profiles a role profile goes through: [p, source, source's source, …] until a non-role profile, a
 * missing one, or the first repeat (then the repeated name ends the list). Linear: a Set, not indexOf.
 */
export function roleChain(p: Profile, config: SharedConfig, stats?: ChainStats): string[] {
  const chain = [p.name];
  const seen = new Set(chain);
  let current: Profile | undefined = p;
  while (current) {
    if (stats) stats.visits++;
    const src = nextOf(current);
    if (src === undefined) break;
    chain.push(src);
    if (seen.has(src)) break;
    seen.add(src);
    current = config.profiles.get(src);
  }
  return chain;
}

/** A chain for a message: at most `max` names, the middle elided. */
export function showChain(chain: string[], max = 8): string {
  if (chain.length <= max) return chain.join(' → ');
  const head = chain.slice(0, max / 2);
  const tail = chain.slice(chain.length - max / 2);
  return `${head.join(' → ')} → … (${chain.length - max} more) → ${tail.join(' → ')}`;
}

/** The profiles whose credentials a profile needs (itself and its source profiles). */
export function chainProfiles(p: Profile, config: SharedConfig, stats?: ChainStats): Profile[] {
  const out = new Set<Profile>();
  for (const name of roleChain(p, config, stats)) {
    const q = config.profiles.get(name);
    if (q) out.add(q);
  }
  return [...out];
}

/** Where every profile's source_profile chain ends: computed once for all profiles. */
interface ChainEnd {
  /** The last name: a profile that obtains credentials itself, a missing profile, or (cycle) the repeated one. */
  last: string;
  /** The profile whose source_profile names `last`, when the chain has more than one profile. */
  from?: string;
  /** Set when the chain runs into a loop: the same number for every profile that reaches that loop. */
  cycle?: number;
}

/**
 * Resolves every chain in one pass: the source_profile links form a graph where each profile has at most
 * one successor, so each profile is walked once and its end shared by every profile that leads to it
 * (memoised), and loops are found with the set of profiles on the current walk. O(profiles) in total.
 */
function resolveChains(config: SharedConfig, stats?: ChainStats): Map<string, ChainEnd> {
  const ends = new Map<string, ChainEnd>();
  let cycles = 0;
  for (const startName of config.profiles.keys()) {
    if (ends.has(startName)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let name = startName;
    let end: ChainEnd;
    for (;;) {
      if (stats) stats.visits++;
      const known = ends.get(name);
      if (known) {
        // Reaching a chain's last profile: on this walk the profile before it is the one that names it.
        end = known.cycle === undefined && known.last === name ? { last: name, from: path[path.length - 1]! } : known;
        break;
      }
      if (onPath.has(name)) {
        end = { last: name, from: path[path.length - 1]!, cycle: cycles++ };
        break;
      }
      const p = config.profiles.get(name);
      if (!p) {
        end = { last: name, from: path[path.length - 1]! };
        break;
      }
      path.push(name);
      onPath.add(name);
      const next = nextOf(p);
      if (next === undefined) {
        end = path.length > 1 ? { last: name, from: path[path.length - 2]! } : { last: name };
        break;
      }
      name = next;
    }
    // The last profile's own chain is itself alone.
    for (const n of path) ends.set(n, n === end.last && end.cycle === undefined ? { last: n } : end);
  }
  return ends;
}

/**
 * Structural checks over every profile: role profiles have a source that exists and has credentials,
 * and source_profile chains end (AWS CLI: "Infinite loop in credential configuration detected").
 * Each loop, missing source and source without credentials is reported once, however many profiles lead to it.
 */
export function checkRoleChains(config: SharedConfig, stats?: ChainStats): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const reportedCycles = new Set<number>();
  const reportedFrom = new Set<string>();
  const ends = resolveChains(config, stats);
  for (const p of config.profiles.values()) {
    if (stats) stats.visits++;
    if (profileKind(p) !== 'role') continue;
    const roleArn = p.settings.get('role_arn');
    const src = p.settings.get('source_profile');
    const at = settingAt(src ?? roleArn!);
    const file = (src ?? roleArn!).file.display;
    if (!get(p, 'source_profile') && !get(p, 'credential_source') && !get(p, 'web_identity_token_file')) {
      findings.push(
        fileFinding(
          file,
          'role-without-source',
          'shared-file',
          'error',
          `Profile "${p.name}" has role_arn but no source_profile, credential_source or web_identity_token_file, so nothing can assume the role.`,
          `Add \`source_profile = <a profile with credentials>\` (or \`credential_source = Environment|Ec2InstanceMetadata|EcsContainer\`) to [${p.name}].`,
          at,
        ),
      );
      continue;
    }
    const srcName = get(p, 'source_profile');
    if (!srcName) continue;
    if (srcName === p.name) {
      // Allowed by the CLI and SDKs when the profile also holds static keys.
      if (!get(p, 'aws_access_key_id')) {
        findings.push(
          fileFinding(
            file,
            'role-chain-cycle',
            'shared-file',
            'error',
            `Profile "${p.name}" names itself as source_profile but has no static keys to start from.`,
            `Point source_profile at a profile with credentials, or add aws_access_key_id/aws_secret_access_key to [${p.name}].`,
            at,
          ),
        );
      }
      continue;
    }
    const end = ends.get(p.name)!;
    if (end.cycle !== undefined) {
      if (!reportedCycles.has(end.cycle)) {
        reportedCycles.add(end.cycle);
        // Walked once per loop (its chain is bounded by the profiles leading to that loop).
        const chain = roleChain(p, config, stats);
        findings.push(
          fileFinding(
            file,
            'role-chain-cycle',
            'shared-file',
            'error',
            `source_profile chain of profile "${p.name}" loops: ${showChain(chain)}. The AWS CLI stops with "Infinite loop in credential configuration detected" and the JS SDK with "Detected a cycle".`,
            `Make the last profile of the chain hold credentials (static keys, sso_session, credential_process) instead of pointing back.`,
            at,
          ),
        );
      }
      continue;
    }
    if (end.from === undefined || reportedFrom.has(end.from)) continue;
    const last = end.last;
    const lastProfile = config.profiles.get(last);
    if (lastProfile && (profileKind(lastProfile) !== 'none' || lastProfile === p)) continue;
    reportedFrom.add(end.from);
    const from = config.profiles.get(end.from)!;
    const s = from.settings.get('source_profile')!;
    if (!lastProfile) {
      findings.push(
        fileFinding(
          s.file.display,
          'source-profile-not-found',
          'shared-file',
          'error',
          `Profile "${from.name}" uses source_profile "${last}", which is in neither the credentials nor the config file.`,
          `Create [${s.file.kind === 'config' ? `profile ${last}` : last}] with credentials, or fix the name.`,
          settingAt(s),
        ),
      );
    } else {
      findings.push(
        fileFinding(
          s.file.display,
          'source-profile-no-credentials',
          'shared-file',
          'error',
          `Profile "${from.name}" uses source_profile "${last}", which has no credentials (no keys, sso_session or credential_process).`,
          `Give [${last}] credentials, or point source_profile at a profile that has them.`,
          settingAt(s),
        ),
      );
    }
  }
  return findings;
}
