/**
 * The value readers: for each kind found by a name (secret access key, session token, account id), one
 * function that reads the value the name is assigned and judges it, and the run helpers they share with
 * the scanner. scan.ts finds and judges the names, and keeps or drops what these return.
 * No match: a position is -1 and an object is undefined, in every scanning helper of core.
 */
import type { BedrockDetails } from './bedrock.js';
import { isLowDiversity } from './allowlist.js';
import { isBase64, isWordChar } from './charclass.js';
import { decodeBase64, decodeJsonEscapes, decodePercentBase64, isPercentBase64, isUnicodeEscapedBase64 } from './codec.js';
import { accountStrength, isSessionTokenName, secretStrength, tokenStrength, type NameStrength, type NormalizedName } from './key-name.js';
import { isSecretKeyShaped, isTokenShaped, MIN_SESSION_TOKEN_LENGTH, opaqueTokenKind, SECRET_KEY_LENGTH, SESSION_TOKEN_PREFIXES } from './shapes.js';
import type { Confidence, Finding, FindingEncoding, FindingKind, ScanStats } from './types.js';

/** A value the scan found, before it becomes a Finding. */
export interface Candidate {
  kind: FindingKind;
  start: number;
  end: number;
  confidence: Confidence;
  evidence: string[];
  keyName?: string;
  /** Set for values named only weakly (`secret_key`): kept only if AWS is mentioned near this offset. */
  awsContextAt?: number;
  /** For encoded values: the credential itself (masked and decoded from this, never printed). */
  decoded?: string;
  /** For Bedrock API keys: what the key decodes to. */
  bedrock?: BedrockDetails;
  /** How the value is encoded in the text (Finding.encoding). */
  encoding?: FindingEncoding;
  /** For credentials found inside a decoded base64 blob: the finding in the decoded text. */
  inner?: Finding;
}

/** What the readers share with the scanner: the text, the work counter, and the token runs already walked. */
export interface ReadState {
  readonly text: string;
  readonly stats: ScanStats;
  /** End of the last session-token run consumed, so anchors inside a run are not re-walked. */
  tokenRunEnd: number;
  /** End of the last opaque token run walked for a session-token name, and its first dots. */
  opaqueRunEnd: number;
  readonly opaqueDots: number[];
}

/** A name judged strong or weak for a kind, and where it starts (weak names need AWS context near it). */
export interface NameSighting {
  name: string;
  normalized: NormalizedName;
  strength: Exclude<NameStrength, 'none'>;
  start: number;
}

/** A kind found by a name: how strongly a name names it, and the reader of the value after the name. */
export interface NamedKind {
  strength(name: NormalizedName): NameStrength;
  read(s: ReadState, start: number, n: NameSighting): Candidate | undefined;
}

/** Each kind found by a name, with its reader (below). */
export const BY_NAME = {
  'secret-access-key': { strength: secretStrength, read: readSecretAccessKey },
  'session-token': { strength: tokenStrength, read: readSessionToken },
  'account-id': { strength: accountStrength, read: readAccountId },
} as const satisfies Partial<Record<FindingKind, NamedKind>>;

/** The evidence a name gives. */
function nameEvidence(n: NameSighting): string {
  return `key name "${n.name}"${n.strength === 'weak' ? ' in an AWS context' : ''}`;
}

/**
 * A secret access key after its name: 40 base64 characters (`%2B`/`%2F`, `\/` and `\u002F` count as one),
 * or, after a strong name only, the same 40 bytes base64-encoded.
 */
export function readSecretAccessKey(s: ReadState, start: number, n: NameSighting): Candidate | undefined {
  const end = secretRunEnd(s, start);
  if (end < 0) return n.strength === 'strong' ? readBase64Secret(s, start, n.name) : undefined;
  const raw = s.text.slice(start, end);
  const escaped = end - start !== SECRET_KEY_LENGTH && raw.includes('\\');
  const percent = end - start !== SECRET_KEY_LENGTH && raw.includes('%');
  const value = end - start === SECRET_KEY_LENGTH ? raw : decodePercentBase64(escaped ? decodeJsonEscapes(raw) : raw);
  if (!isSecretKeyShaped(value)) return undefined;
  const evidence = [nameEvidence(n)];
  if (escaped) evidence.push('JSON-escaped value (\\/ or \\u002F)');
  if (percent) evidence.push('percent-encoded value (%2F, %2B)');
  return {
    kind: 'secret-access-key',
    start,
    end,
    confidence: n.strength === 'strong' ? 'high' : 'medium',
    evidence,
    keyName: n.name,
    ...(n.strength === 'weak' ? { awsContextAt: n.start } : {}),
    ...(escaped || percent ? { decoded: value } : {}),
    ...(escaped ? { encoding: 'json-escape' as const } : percent ? { encoding: 'percent' as const } : {}),
  };
}

/**
 * A strongly named secret stored base64-encoded (`AWS_SECRET_ACCESS_KEY: <base64>` in a Kubernetes
 * Secret's `data:`): 40 bytes, or 41 with the newline `echo` adds, encode to 56 characters with padding.
 */
function readBase64Secret(s: ReadState, start: number, name: string): Candidate | undefined {
  const end = base64RunEnd(s, start, 60);
  const len = end - start;
  if (len !== 56 || isBase64(s.text.charCodeAt(end))) return undefined;
  let decoded = decodeBase64(s.text, start, len);
  if (decoded === undefined) return undefined;
  if (decoded.endsWith('\n')) decoded = decoded.slice(0, decoded.endsWith('\r\n') ? -2 : -1);
  if (!isSecretKeyShaped(decoded)) return undefined;
  return {
    kind: 'secret-access-key',
    start,
    end,
    confidence: 'high',
    evidence: [`key name "${name}"`, 'base64-encoded value'],
    keyName: name,
    decoded,
    encoding: 'base64',
  };
}

/**
 * A session token after its name: a long random base64 run (percent-encodings allowed), or under a
 * session-token name proper, an opaque token (a JWT, a base64url run) as S3-compatible services issue.
 */
export function readSessionToken(s: ReadState, start: number, n: NameSighting): Candidate | undefined {
  if (start <= s.tokenRunEnd) return undefined;
  const text = s.text;
  let end = tokenRunFrom(s, start);
  let other: string | undefined;
  if (start >= s.opaqueRunEnd && isSessionTokenName(n.normalized)) {
    // MinIO's STS and other S3-compatible services put a JWT or another opaque token in the
    // session-token slot; the name is the evidence, the run admits `. - _ ~`. Each run is
    // walked once: a name inside a run already walked (`T=x.T=x.…`) does not walk it again.
    const wide = opaqueTokenRunFrom(s, start);
    s.opaqueRunEnd = wide;
    const kind = wide > end ? opaqueTokenKind(text, start, wide, s.opaqueDots) : undefined;
    if (kind) {
      end = wide;
      other = kind;
    }
  }
  if (end - start < MIN_SESSION_TOKEN_LENGTH) return undefined;
  const value = text.slice(start, end);
  if (!isTokenShaped(value)) return undefined;
  s.tokenRunEnd = end;
  const prefixed = SESSION_TOKEN_PREFIXES.some((p) => value.startsWith(p));
  const evidence = [nameEvidence(n)];
  if (prefixed) evidence.push('known STS session-token prefix');
  if (other) evidence.push(`${other}, not an STS token`);
  return {
    kind: 'session-token',
    start,
    end,
    confidence: n.strength === 'strong' || prefixed ? 'high' : 'medium',
    evidence,
    keyName: n.name,
    // An STS prefix is AWS evidence by itself; a weak name alone is not.
    ...(n.strength === 'weak' && !prefixed ? { awsContextAt: n.start } : {}),
  };
}

/** An account id after its name: 12 digits, optionally as 1234-5678-9012. */
export function readAccountId(s: ReadState, start: number, n: NameSighting): Candidate | undefined {
  const text = s.text;
  let end = start;
  let digits = '';
  while (end < text.length && end - start < 14) {
    const ch = text.charCodeAt(end);
    if (ch >= 48 && ch <= 57) digits += text[end];
    else if (ch !== 45 /* - */) break;
    end++;
  }
  if (digits.length !== 12 || (end < text.length && isWordChar(text.charCodeAt(end)))) return undefined;
  if (isLowDiversity(digits)) return undefined;
  return {
    kind: 'account-id',
    start,
    end,
    confidence: n.strength === 'strong' ? 'medium' : 'low',
    evidence: [`key name "${n.name}"`],
    keyName: n.name,
    ...(n.strength === 'weak' ? { awsContextAt: n.start } : {}),
  };
}

// ---- runs ---------------------------------------------------------------------------------

/**
 * End of a 40-character secret starting at `start`, or -1. `%2B`/`%2F` count as one character
 * each (a secret in a URL query); a 41st character or `=` padding (`%3D`) means a longer blob.
 */
export function secretRunEnd(s: ReadState, start: number): number {
  const text = s.text;
  let j = start;
  let n = 0;
  while (n <= SECRET_KEY_LENGTH && j < text.length) {
    const ch = text.charCodeAt(j);
    if (isBase64(ch)) j++;
    else if (ch === 37 /* % */ && isPercentBase64(text, j) && text.charCodeAt(j + 1) === 50 /* %2B %2F */) j += 3;
    else if (ch === 92 /* \ */ && text.charCodeAt(j + 1) === 47)
      j += 2; // `\/`: PHP's json_encode, JSON
    else if (ch === 92 && isUnicodeEscapedBase64(text, j))
      j += 6; // `\u002F`, `\u002B`
    else break;
    n++;
  }
  s.stats.charsVisited += j - start;
  if (n !== SECRET_KEY_LENGTH) return -1;
  const next = text.charCodeAt(j);
  if (next === 61 /* = */ || (next === 37 && isPercentBase64(text, j))) return -1;
  return j;
}

/** End of a base64 value with its `=` padding, looking at no more than `max` characters. */
export function base64RunEnd(s: ReadState, start: number, max: number): number {
  const text = s.text;
  const limit = Math.min(text.length, start + max);
  let j = start;
  while (j < limit && isBase64(text.charCodeAt(j))) j++;
  while (j < limit && text.charCodeAt(j) === 61) j++;
  s.stats.charsVisited += j - start;
  return j;
}

/** End of a session-token run: base64, percent-encoded `+ / =` (URLs), and trailing `=` padding. */
export function tokenRunFrom(s: ReadState, start: number): number {
  const text = s.text;
  let j = start;
  const n = text.length;
  for (;;) {
    const ch = text.charCodeAt(j);
    if (j < n && isBase64(ch)) j++;
    else if (ch === 37 /* % */ && isPercentBase64(text, j)) j += 3;
    else break;
  }
  while (j < n && text.charCodeAt(j) === 61 && j - start > 0) j++;
  s.stats.charsVisited += j - start;
  return j;
}

/**
 * End of an opaque token run for a session-token name: base64 and base64url characters, `.`
 * (JWT segments), `~`, `=` and percent-encodings; its first three dots go to `s.opaqueDots`.
 * Only called once per named value.
 */
function opaqueTokenRunFrom(s: ReadState, start: number): number {
  const text = s.text;
  let j = start;
  const n = text.length;
  const dots = s.opaqueDots;
  dots.length = 0;
  for (;;) {
    const ch = text.charCodeAt(j);
    if (j < n && (isBase64(ch) || ch === 45 || ch === 95 || ch === 46 || ch === 126 || ch === 61)) {
      if (ch === 46 && dots.length < 3) dots.push(j);
      j++;
    } else if (ch === 37 /* % */ && isPercentBase64(text, j)) j += 3;
    else break;
  }
  // a sentence-ending dot is not part of the token
  while (j > start && text.charCodeAt(j - 1) === 46) j--;
  s.stats.charsVisited += j - start;
  return j;
}
