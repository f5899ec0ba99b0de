/** Amazon Bedrock API keys: the long-term key's decoded form and the short-term key's presigned URL. */
import { isDocumentationExample } from './allowlist.js';
import { percentDecode } from './codec.js';
import { decodeAccountId, KEY_ID_LENGTH, keyTypeOf } from './key-id.js';
import { mask } from './mask.js';

export interface BedrockDetails {
  accountId?: string;
  embeddedKeyId?: string;
  expiresAt?: string;
}

export const BEDROCK_SHORT_TERM_PREFIX = 'bedrock-api-key-';
/** Long-term keys decode to ~100 bytes; short-term keys carry a session token (a few KB). */
export const BEDROCK_LONG_TERM_MAX = 1024;
export const BEDROCK_SHORT_TERM_MAX = 16384;
// Bounded input (≤ 768 decoded bytes); classes are disjoint around each literal, so no backtracking blow-up.
export const BEDROCK_LONG_TERM = /^BedrockAPIKey-([A-Za-z0-9_+=,.@]{1,64})-at-(\d{12}):([\x21-\x7e]{20,})$/;
export const BEDROCK_HOST = /^bedrock(?:[.-][a-z0-9-]{1,30}){0,2}\.amazonaws\.com(?:\.cn)?\/\?/;

/** Reads a presigned CallWithBearerToken URL (the decoded short-term key); undefined if it is not one. */
export function parseBedrockPresignedUrl(url: string): BedrockDetails | undefined {
  if (!BEDROCK_HOST.test(url.slice(0, 100))) return undefined;
  const params = new Map<string, string>();
  for (const part of url.slice(url.indexOf('?') + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  if (params.get('Action') !== 'CallWithBearerToken') return undefined;
  const credential = percentDecode(params.get('X-Amz-Credential') ?? '');
  const keyId = credential.slice(0, KEY_ID_LENGTH);
  if (!keyTypeOf(keyId) || (credential.length > KEY_ID_LENGTH && credential[KEY_ID_LENGTH] !== '/')) return undefined;
  if (isDocumentationExample(url)) return undefined;
  const details: BedrockDetails = { embeddedKeyId: mask(keyId) };
  const accountId = decodeAccountId(keyId);
  if (accountId) details.accountId = accountId;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
  const expires = Number(params.get('X-Amz-Expires') ?? 'NaN');
  if (date && Number.isInteger(expires) && expires >= 0) {
    const [, y, mo, d, h, mi, se] = date.map<number>(Number);
    const at = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, se) + expires * 1000;
    if (Number.isFinite(at)) details.expiresAt = new Date(at).toISOString().replace('.000Z', 'Z');
  }
  return details;
}
