/**
 * Deterministic generators of credential-shaped values for tests, so that no test
 * file holds a key-shaped literal. Values are real in format (base32 key-id bodies
 * that decode to the requested account, 40-char mixed base64 secrets, STS-prefixed
 * tokens) and never contain `EXAMPLE`, which the allowlist would drop.
 */
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
