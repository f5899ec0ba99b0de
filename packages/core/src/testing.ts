/**
 * Deterministic generators of credential-shaped values for tests, so that no test
 * file holds a key-shaped literal. Values are real in format (base32 key-id bodies
 * that decode to the requested account, 40-char mixed base64 secrets, STS-prefixed
 * tokens) and never contain `EXAMPLE`, which the allowlist would drop.
 */
import { withoutPadding } from './inspect.js';
import { encodeAccountBits } from './key-id.js';
import type { KeyType } from './types.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand: () => number, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

function hasDigitAndMixedCase(v: string): boolean {
  return /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9+/]/.test(v);
}

export interface FakeKeyIdOptions {
  prefix?: KeyType;
  /** Account the id decodes to (modern format). Default: derived from the seed. */
  account?: number;
  seed?: number;
}

/**
 * A modern-format key id: prefix + 10 base32 chars encoding the account + 6 random base32 chars.
 * Accounts are 12-digit AWS account numbers (0 ≤ account ≤ 999 999 999 999). Tiny accounts
 * (e.g. 42) encode as long `A` runs, which the scanner treats as placeholders like
 * `AKIAAAAAAAAA…`; they still round-trip through decodeAccountId.
 */
export function fakeAccessKeyId(options: FakeKeyIdOptions = {}): string {
  const rand = prng(options.seed ?? 1);
  const account = options.account ?? 100_000_000_000 + Math.floor(rand() * 800_000_000_000);
  if (!Number.isInteger(account) || account < 0 || account > 999_999_999_999) {
    throw new RangeError(`fakeAccessKeyId: account must be a 12-digit AWS account number, got ${account}`);
  }
  let id = '';
  for (let attempt = 0; attempt < 1000; attempt++) {
    id = `${options.prefix ?? 'AKIA'}${encodeAccountBits(account, Math.floor(rand() * 128))}${pick(rand, BASE32, 6)}`;
    // Prefer ids that read as random (a digit 2-7, no 4-character repeat): those pass the scanner's
    // word and placeholder filters. The account part is fixed, so give up on that after 1000 tries.
    if (/[2-7]/.test(id.slice(4)) && !/(.)\1{3}/.test(id) && !id.includes('EXAMPLE')) return id;
  }
  return id;
}

/** A 40-character secret access key (30 random bytes in base64). */
export function fakeSecretAccessKey(seed = 1): string {
  const rand = prng(seed * 7919 + 13);
  for (;;) {
    const v = pick(rand, BASE64, 40);
    if (hasDigitAndMixedCase(v) && !v.includes('EXAMPLE')) return v;
  }
}

/** An STS session token with the current `IQoJb3JpZ2luX2Vj` prefix (or another known prefix). */
export function fakeSessionToken(seed = 1, prefix = 'IQoJb3JpZ2luX2Vj', length = 360): string {
  const rand = prng(seed * 104729 + 7);
  return prefix + pick(rand, BASE64, Math.max(0, length - prefix.length));
}

/** A 40-char lowercase hex string, like a git SHA-1. */
export function fakeGitSha(seed = 1): string {
  return pick(prng(seed * 31 + 3), '0123456789abcdef', 40);
}

/** A base64 blob of `bytes` random bytes, padded (integrity hashes, images). */
export function fakeBase64Blob(bytes: number, seed = 1): string {
  const rand = prng(seed * 131 + 17);
  const chars = Math.ceil(bytes / 3) * 4;
  const pad = (3 - (bytes % 3)) % 3;
  return pick(rand, BASE64, chars - pad) + '='.repeat(pad);
}

export interface FakeBedrockOptions {
  seed?: number;
  /** The 12-digit account of a long-term key. */
  account?: string;
}

/** A long-term Amazon Bedrock API key: `ABSK` + base64 of `BedrockAPIKey-<id>-at-<account>:<secret>`. */
export function fakeBedrockLongTermKey(options: FakeBedrockOptions = {}): string {
  const rand = prng((options.seed ?? 1) * 7727 + 5);
  const account = options.account ?? String(100_000_000_000 + Math.floor(rand() * 800_000_000_000));
  const id = pick(rand, 'abcdefghijklmnopqrstuvwxyz0123456789', 4);
  let secret = '';
  while (!hasDigitAndMixedCase(secret) || secret.includes('EXAMPLE')) secret = pick(rand, BASE64, 44);
  return `ABSK${btoa(`BedrockAPIKey-${id}-at-${account}:${secret}`)}`;
}

export interface FakeBedrockShortTermOptions {
  seed?: number;
  /** The key id that signed the presigned URL (default: a generated ASIA id). */
  keyId?: string;
  /** X-Amz-Date, `YYYYMMDDTHHMMSSZ`. */
  date?: string;
  /** X-Amz-Expires, seconds. */
  expires?: number;
  region?: string;
}

/**
 * A short-term Amazon Bedrock API key as the AWS token generator builds it: `bedrock-api-key-` +
 * base64 of a presigned `bedrock.amazonaws.com/?Action=CallWithBearerToken&…&Version=1` URL
 * signed with temporary credentials (the session token travels in X-Amz-Security-Token).
 */
export function fakeBedrockShortTermKey(options: FakeBedrockShortTermOptions = {}): string {
  const seed = options.seed ?? 1;
  const keyId = options.keyId ?? fakeAccessKeyId({ prefix: 'ASIA', seed: seed + 500 });
  const date = options.date ?? '20260101T120000Z';
  const region = options.region ?? 'us-east-1';
  const signature = pick(prng(seed * 389 + 1), '0123456789abcdef', 64);
  const url =
    `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256` +
    `&X-Amz-Credential=${keyId}%2F${date.slice(0, 8)}%2F${region}%2Fbedrock%2Faws4_request` +
    `&X-Amz-Date=${date}&X-Amz-Expires=${options.expires ?? 43200}` +
    `&X-Amz-Security-Token=${encodeURIComponent(fakeSessionToken(seed + 900, undefined, 600))}` +
    `&X-Amz-Signature=${signature}&X-Amz-SignedHeaders=host&Version=1`;
  return `bedrock-api-key-${btoa(url)}`;
}

/** A signed JWT (HS256 header, random claims and signature in base64url), about `length` characters. */
export function fakeJwt(seed = 1, length = 1000): string {
  const rand = prng(seed * 6151 + 11);
  const url = (s: string): string => withoutPadding(s.replace(/\+/g, '-').replace(/\//g, '_'));
  const header = url(btoa('{"alg":"HS256","typ":"JWT"}'));
  const sig = pick(rand, BASE64, 43);
  const body = pick(rand, BASE64, Math.max(20, length - header.length - sig.length - 2));
  return `${header}.${url(body)}.${url(sig)}`;
}
