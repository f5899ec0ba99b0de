import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { displayPath, ssoCacheDir } from './paths.js';
import { get } from './profiles.js';
import { formatBytes, MAX_FILE_BYTES, readCapped } from './read.js';
import { fileFinding, permissionFinding, settingAt, type Profile, type SharedConfig } from './shared-files.js';
import type { DoctorFinding, DoctorReport } from './types.js';

/** The SSO cache file the CLI and SDKs use: sha1 of the sso-session name, or of the start URL for legacy profiles. */
export function ssoCacheFile(env: NodeJS.ProcessEnv, key: string): string {
  return join(ssoCacheDir(env), `${createHash('sha1').update(key).digest('hex')}.json`);
}

function ago(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  if (min < 90) return `${min} minute${min === 1 ? '' : 's'}`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

/**
 * For an SSO profile: the session exists and is complete, and the cached token is there and not expired.
 * Reads only `expiresAt` and the refresh fields' presence from the cache; never prints the token.
 */
export function checkSso(
  profile: Profile,
  config: SharedConfig,
  env: NodeJS.ProcessEnv,
  cwd: string,
  seen: Set<string>,
  errors: DoctorReport['errors'] = [],
  now = Date.now(),
): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const sessionName = get(profile, 'sso_session');
  const anchor = profile.settings.get('sso_session') ?? profile.settings.get('sso_start_url') ?? [...profile.settings.values()][0]!;
  const file = anchor.file.display;
  const session = sessionName ? config.ssoSessions.get(sessionName) : undefined;
  if (sessionName && !session) {
    findings.push(
      fileFinding(
        file,
        'sso-session-not-found',
        'sso',
        'error',
        `Profile "${profile.name}" uses sso_session "${sessionName}", but the config file has no [sso-session ${sessionName}] section.`,
        `Add [sso-session ${sessionName}] with sso_start_url and sso_region (\`aws configure sso-session\`), or fix the name.`,
        settingAt(anchor),
      ),
    );
    return findings;
  }
  const fromSession = (k: string): string | undefined => session?.settings.get(k)?.value || undefined;
  const startUrl = fromSession('sso_start_url') ?? get(profile, 'sso_start_url');
  const region = fromSession('sso_region') ?? get(profile, 'sso_region');
  const missing = [
    ...(startUrl ? [] : ['sso_start_url']),
    ...(region ? [] : ['sso_region']),
    ...(get(profile, 'sso_account_id') ? [] : ['sso_account_id']),
    ...(get(profile, 'sso_role_name') ? [] : ['sso_role_name']),
  ];
  if (missing.length > 0) {
    findings.push(
      fileFinding(
        file,
        'sso-profile-incomplete',
        'sso',
        'error',
        `SSO profile "${profile.name}" lacks ${missing.join(', ')}; the SDKs stop with "Incomplete configuration".`,
        `Run \`aws configure sso --profile ${profile.name}\`, or add ${missing.join(', ')} to the profile${sessionName ? ` or [sso-session ${sessionName}]` : ''}.`,
        settingAt(anchor),
      ),
    );
  }
  const cacheKey = sessionName ?? startUrl;
  if (!cacheKey) return findings;
  const path = ssoCacheFile(env, cacheKey);
  if (seen.has(path)) return findings;
  seen.add(path);
  const display = displayPath(path, cwd);
  const login = sessionName ? `aws sso login --sso-session ${sessionName}` : `aws sso login --profile ${profile.name}`;
  let cached: Record<string, unknown>;
  const read = readCapped(path);
  if (!read.ok && read.code === 'too-large') {
    const message = `The SSO cache file ${display} is ${formatBytes(read.size ?? 0)}, over doctor's limit of ${formatBytes(MAX_FILE_BYTES)}, so doctor did not read or check it.`;
    findings.push(fileFinding(display, 'file-too-large', 'sso', 'error', message, `A token cache file is a few KiB: delete it and run \`${login}\`.`));
    errors.push({ file: display, code: 'too-large', message });
    return findings;
  }
  try {
    if (!read.ok) throw Object.assign(new Error(read.code), { code: read.code });
    cached = JSON.parse(read.text) as Record<string, unknown>;
  } catch (err) {
    const missingFile = (err as NodeJS.ErrnoException).code === 'ENOENT';
    findings.push(
      fileFinding(
        missingFile ? file : display,
        missingFile ? 'sso-token-missing' : 'sso-token-invalid',
        'sso',
        'error',
        missingFile
          ? `No cached SSO token for ${sessionName ? `session "${sessionName}"` : `start URL ${startUrl}`} (profile "${profile.name}"): expected ${display}. The SDKs fail with "The SSO session associated with this profile is invalid".`
          : `The SSO cache file ${display} is not valid JSON, so the token cannot be used.`,
        `Run \`${login}\`.`,
        missingFile ? settingAt(anchor) : undefined,
      ),
    );
    return findings;
  }
  const perm = permissionFinding(path, display, 'SSO token cache');
  if (perm) findings.push(perm);
  const expiresAt = typeof cached.expiresAt === 'string' ? Date.parse(cached.expiresAt) : NaN;
  if (typeof cached.accessToken !== 'string' || Number.isNaN(expiresAt)) {
    findings.push(
      fileFinding(
        display,
        'sso-token-invalid',
        'sso',
        'error',
        `The SSO cache file ${display} has no accessToken or no valid expiresAt, so the token cannot be used.`,
        `Run \`${login}\`.`,
      ),
    );
    return findings;
  }
  if (expiresAt > now) return findings;
  // sso-session tokens with a refresh token and a live client registration are refreshed by the CLI and SDKs.
  const regExpires = typeof cached.registrationExpiresAt === 'string' ? Date.parse(cached.registrationExpiresAt) : NaN;
  const refreshable =
    Boolean(sessionName) &&
    typeof cached.refreshToken === 'string' &&
    typeof cached.clientId === 'string' &&
    typeof cached.clientSecret === 'string' &&
    regExpires > now;
  findings.push(
    fileFinding(
      display,
      'sso-token-expired',
      'sso',
      refreshable ? 'warning' : 'error',
      `The SSO token for ${sessionName ? `session "${sessionName}"` : `start URL ${startUrl}`} (profile "${profile.name}") expired ${ago(now - expiresAt)} ago (${new Date(expiresAt).toISOString()})${refreshable ? '; the CLI and SDKs will try to refresh it with the cached refresh token' : '; the SDKs fail with "The SSO session associated with this profile has expired"'}.`,
      `Run \`${login}\`.`,
    ),
  );
  return findings;
}
