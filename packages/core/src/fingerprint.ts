import { createHash } from 'node:crypto';

/**
 * A stable, one-way identifier of a credential value for baselines and
 * de-duplication: the first 32 hex digits of SHA-256 over a domain prefix and the
 * value. Never reversible to the value; never the value itself.
 */
export function fingerprint(value: string, kind = ''): string {
  return createHash('sha256').update(`credlint:v1:${kind}:`).update(value).digest('hex').slice(0, 32);
}
