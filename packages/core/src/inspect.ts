import { isDocumentationExample, isPlaceholder } from './allowlist.js';
import { isBase64 } from './charclass.js';
import { isSecretKeyShaped, isTokenShaped, MIN_SESSION_TOKEN_LENGTH, SECRET_KEY_LENGTH, SESSION_TOKEN_PREFIXES } from './shapes.js';

export type SecretProblem = 'whitespace' | 'quotes' | 'length' | 'alphabet' | 'padding' | 'not-random' | 'example' | 'placeholder';

export interface SecretInspection {
  ok: boolean;
  problems: SecretProblem[];
}

function unwrap(value: string, problems: SecretProblem[]): string {
  let v = value;
  if (/^\s|\s$/.test(v)) {
    problems.push('whitespace');
    v = v.trim();
  }
  if (v.length >= 2 && /^(["']).*\1$/.test(v)) {
    problems.push('quotes');
    v = v.slice(1, -1);
  }
  return v;
}

/** Judges a value placed in an `AWS_SECRET_ACCESS_KEY` slot (the validator's `malformed-secret-access-key`). */
export function inspectSecretAccessKey(value: string): SecretInspection {
  const problems: SecretProblem[] = [];
  const v = unwrap(value, problems);
  if (isPlaceholder(v)) problems.push('placeholder');
  else if (isDocumentationExample(v)) problems.push('example');
  else {
    if (v.endsWith('=')) problems.push('padding');
    const bare = withoutPadding(v);
    if (bare.length !== SECRET_KEY_LENGTH) problems.push('length');
    for (let i = 0; i < bare.length; i++) {
      if (!isBase64(bare.charCodeAt(i))) {
        problems.push('alphabet');
        break;
      }
    }
    if (problems.length === 0 && !isSecretKeyShaped(bare)) problems.push('not-random');
  }
  return { ok: problems.length === 0, problems };
}

/** Judges a value placed in an `AWS_SESSION_TOKEN` slot. */
export function inspectSessionToken(value: string): SecretInspection {
  const problems: SecretProblem[] = [];
  const v = unwrap(value, problems);
  if (isPlaceholder(v)) problems.push('placeholder');
  else if (isDocumentationExample(v)) problems.push('example');
  else {
    const bare = withoutPadding(v);
    if (bare.length < MIN_SESSION_TOKEN_LENGTH) problems.push('length');
    for (let i = 0; i < bare.length; i++) {
      if (!isBase64(bare.charCodeAt(i))) {
        problems.push('alphabet');
        break;
      }
    }
    if (problems.length === 0 && !SESSION_TOKEN_PREFIXES.some((p) => bare.startsWith(p)) && !isTokenShaped(bare)) problems.push('not-random');
  }
  return { ok: problems.length === 0, problems };
}

/**
 * `v` without its trailing `=` padding. A loop, not `/=+$/`: that regex restarts at every `=` of a
 * long run and reads to its end each time (quadratic on a line of `=`).
 */
export function withoutPadding(v: string): string {
  let end = v.length;
  while (end > 0 && v.charCodeAt(end - 1) === 0x3d) end--;
  return v.slice(0, end);
}
