import {
  analyze,
  isAccessKeyIdName,
  isSecretKeyShaped,
  isTokenShaped,
  mask,
  MIN_SESSION_TOKEN_LENGTH,
  SECRET_KEY_LENGTH,
  secretNameStrength,
  tokenNameStrength,
} from '@credlint/core';

/** Variables and shared-file keys whose values are credentials: only ever shown through core's `mask`. */
const SECRET_NAMES = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_bearer_token_bedrock']);

export function isSecretName(name: string): boolean {
  // Core's name judgement covers non-standard spellings (`AWS_SECRET_KEY`, `aws_sessionToken`): mask rather than risk it.
  return SECRET_NAMES.has(name.toLowerCase()) || isAccessKeyIdName(name) || secretNameStrength(name) !== 'none' || tokenNameStrength(name) !== 'none';
}

/** Longest value, name or command doctor shows (after masking); longer ones are cut with `…`. */
export const MAX_SHOWN = 80;

// Character classes by table (scrub reads every character of the output twice).
const BASE64 = 1;
const TOKEN = 2;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // `[A-Za-z0-9+/]`, the alphabet of secret access keys (as core's)
  if (alnum || c === 43 || c === 47) CLASS[c] = BASE64 | TOKEN;
  // base64url and percent-encoded tokens too: the runs checked for long random tokens
  else if (c === 61 || c === 95 || c === 45 || c === 37) CLASS[c] = TOKEN;
}

/**
 * Maximal runs of characters of class `cls` with a length in [min, max] (max inclusive; Infinity for none),
 * in one pass.
 */
function runs(text: string, cls: number, min: number, max: number, each: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n;) {
    let c = text.charCodeAt(i);
    if (c >= 128 || (CLASS[c]! & cls) === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && (c = text.charCodeAt(i)) < 128 && (CLASS[c]! & cls) !== 0) i++;
    if (i - start >= min && i - start <= max) each(start, i);
  }
}

/**
 * Every credential-shaped part of `text` replaced by its masked form, wherever it appears (a secret pasted
 * into AWS_REGION, a profile name, a credential_process argument, a path): core's detection with the
 * context "a key id is near" (key ids, 40-character secret-shaped runs, STS session tokens, named values),
 * plus any random-looking run of MIN_SESSION_TOKEN_LENGTH+ token characters (SSO access tokens, other
 * bearer tokens). Linear in the length of `text`.
 */
export function scrub(text: string): string {
  const ranges: { start: number; end: number; masked: string }[] = [];
  for (const f of analyze(text, { context: { nearbyKeyId: true }, inlineIgnores: false }).findings) {
    ranges.push({ start: f.start, end: f.end, masked: f.masked });
  }
  // A secret glued to other base64 characters (`…/start/<secret>`) is not a 40-character run of its own:
  // any secret-shaped 40-window of a shorter-than-token run masks the run (at most 60 windows per run).
  runs(text, BASE64, SECRET_KEY_LENGTH + 1, MIN_SESSION_TOKEN_LENGTH - 1, (start, end) => {
    for (let w = start; w + SECRET_KEY_LENGTH <= end; w++) {
      if (isSecretKeyShaped(text.slice(w, w + SECRET_KEY_LENGTH))) {
        ranges.push({ start, end, masked: mask(text.slice(start, end)) });
        return;
      }
    }
  });
  runs(text, TOKEN, MIN_SESSION_TOKEN_LENGTH, Infinity, (start, end) => {
    const run = text.slice(start, end);
    if (isTokenShaped(run)) ranges.push({ start, end, masked: mask(run) });
  });
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) {
      // overlaps a range already masked: hide what sticks out too
      if (r.end > at) {
        out += '…';
        at = r.end;
      }
      continue;
    }
    out += text.slice(at, r.start) + r.masked;
    at = r.end;
  }
  return out + text.slice(at);
}

/** A value, name or command as doctor may show it: credential-shaped parts masked, then cut to MAX_SHOWN. */
export function shown(text: string): string {
  const s = scrub(text.length > MAX_SHOWN * 64 ? text.slice(0, MAX_SHOWN * 64) : text);
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

/** How a value may appear in a message: masked for credentials, else scrubbed, cut and quoted (escapes visible). */
export function showValue(name: string, value: string): string {
  if (isSecretName(name)) return mask(value.trim());
  return JSON.stringify(shown(value));
}
