/** What credential values look like (secret access keys, session tokens), apart from where they are found. */
import { isDocumentationExample, isLowDiversity, isPlaceholder, looksRandom } from './allowlist.js';
import { followsEscape, followsPercentEncoding, isBase64, isHexDigit, isLower, isUpper, shannonEntropy } from './charclass.js';
import { decodeBase64Url } from './codec.js';

export const SECRET_KEY_LENGTH = 40;
/** Shortest value accepted as a session token; real STS tokens run from ~300 to over 1000 characters. */
export const MIN_SESSION_TOKEN_LENGTH = 100;
/** STS session-token prefixes (base64 of `\x17\n\x06er/aws`, `\x15\n\x06er/aws`, `!\n\torigin_ec`, `\x01\n\x03aws`). */
export const SESSION_TOKEN_PREFIXES = ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz', 'AQoDYXdz'] as const;

/**
 * What a real secret access key looks like: 30 random bytes in base64 (40 characters,
 * never padded), so upper and lower case and a digit or `+`/`/` all appear, entropy is
 * high, and it is not hex (git SHAs), a word run, a placeholder or a documentation example.
 */
export function isSecretKeyShaped(value: string): boolean {
  if (value.length !== SECRET_KEY_LENGTH) return false;
  let upper = 0;
  let lower = 0;
  let other = 0;
  let hex = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isBase64(c)) return false;
    if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
    else other++;
    if (hex && !isHexDigit(c)) hex = false;
  }
  if (hex || upper === 0 || lower === 0 || other === 0) return false;
  if (isDocumentationExample(value) || isLowDiversity(value) || isPlaceholder(value)) return false;
  return shannonEntropy(value) >= 4.0;
}

/** A session token: long, random-looking base64 (optionally percent-encoded), not an example. */
export function isTokenShaped(value: string): boolean {
  if (isDocumentationExample(value)) return false;
  const sample = value.length > 4096 ? value.slice(0, 4096) : value;
  return looksRandom(sample, 4.5);
}

/** True when a value starting at i continues a longer token (a word or base64 character before it). */
export function startsInsideToken(text: string, i: number): boolean {
  if (i === 0) return false;
  const p = text.charCodeAt(i - 1);
  return (isBase64(p) || p === 95 || p === 45) && !followsEscape(text, i) && !followsPercentEncoding(text, i);
}

/**
 * What a non-STS token in a session-token slot is, or undefined: a JWT (`eyJ` header that
 * decodes to JSON, three non-empty base64url segments), or one base64url run.
 */
export function opaqueTokenKind(text: string, start: number, end: number, dots: readonly number[]): string | undefined {
  const first = dots[0] ?? -1;
  if (first < 0 || first >= end) return 'a base64url token';
  if (!text.startsWith('eyJ', start)) return undefined;
  const second = dots[1] ?? -1;
  if (second < 0 || second >= end - 1 || second === first + 1) return undefined;
  const third = dots[2] ?? -1;
  if (third >= 0 && third < end) return undefined;
  const header = decodeBase64Url(text.slice(start, Math.min(first, start + 200)));
  return header.startsWith('{') && header.includes('"alg"') ? 'a JWT' : undefined;
}
