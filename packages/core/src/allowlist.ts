import { isDigit, isLower, isUpper, shannonEntropy } from './charclass.js';

/**
 * AWS documentation example credentials. Every published example contains
 * `EXAMPLE` (AKIAIOSFODNN7EXAMPLE, AKIAI44QH8DHBEXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,
 * the SigV4 test-suite secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, the CLI guide's
 * session token AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT…), and so do the
 * examples other scanners allowlist. Case matters: real keys are random, so an
 * upper-case `EXAMPLE` run in a key id or secret is a deliberate marker.
 */
export function isDocumentationExample(value: string): boolean {
  return value.includes('EXAMPLE') || DOCUMENTED_EXAMPLES.has(value);
}

/**
 * Published examples without `EXAMPLE` in them, by exact value. The Amazon S3 REST
 * authentication guide (signature version 2, "Signing and authenticating REST requests")
 * signs its examples with this key id and secret; botocore's signer tests carry them. The
 * SigV4 test suite's AKIDEXAMPLE and its secret contain `EXAMPLE` already.
 */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set(['44CF9590006BF252F707', 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV']);

const PLACEHOLDER_WORDS = [
  'your',
  'changeme',
  'change_me',
  'change-me',
  'replace',
  'placeholder',
  'dummy',
  'redacted',
  'todo',
  'fixme',
  'insert',
  'enter',
  'secret_here',
  'key_here',
  'goes_here',
  'xxxx',
  'null',
  'none',
  'undefined',
];

/**
 * A value a person wrote to stand for a credential: `your-secret-key`, `<secret>`,
 * `${AWS_SECRET}`, `{{ secret }}`, `****`, `changeme`, `AKIAXXXXXXXXXXXXXXXX`, an empty string.
 * Used for the `placeholder-credential` check and to keep placeholders out of findings.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  // Templating and references: <…>, ${…}, $(…), {{…}}, %…%, $NAME, [[…]]
  if (/^<[^<>]*>$/.test(v) || /^\$\{[^}]*\}$/.test(v) || /^\$\{\{[^}]*\}\}$/.test(v) || /^\$\([^)]*\)$/.test(v) || /^\{\{[^}]*\}\}$/.test(v)) return true;
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) || /^\[\[[^\]]*\]\]$/.test(v)) return true;
  if (/^[*•.xX#-]+$/.test(v) || /^\*{3,}/.test(v)) return true;
  const lower = v.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) {
    if (lower.includes(w)) {
      // `your…` and friends only count when the value reads like prose, not a random key
      // that happens to contain the letters (a 40-char base64 key contains "none" now and then).
      if (!looksRandom(v) || w === 'xxxx') return true;
    }
  }
  return isLowDiversity(v.replace(/^(AKIA|ASIA|ABIA|ACCA)/, ''));
}

/**
 * Values with too little variety to be random: `XXXXXXXXXXXXXXXX`, `0000000000000000`,
 * `ABCDEFGHIJKLMNOP`, `TESTTESTTESTTEST`, `1234567890123456`.
 */
export function isLowDiversity(body: string): boolean {
  if (body.length < 8) return false;
  const distinct = new Set(body).size;
  if (distinct <= Math.max(4, Math.floor(body.length / 8))) return true;
  let run = 1;
  let seq = 1;
  for (let i = 1; i < body.length; i++) {
    const a = body.charCodeAt(i - 1);
    const b = body.charCodeAt(i);
    run = a === b ? run + 1 : 1;
    seq = b === a + 1 ? seq + 1 : 1;
    if (run >= 6 || seq >= 8) return true;
  }
  return false;
}

/** A mix of character classes and enough entropy to be machine-generated. */
export function looksRandom(value: string, minEntropy = 3.5): boolean {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
    else if (isDigit(c)) digit++;
  }
  const classes = (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digit > 0 ? 1 : 0);
  return classes >= 2 && shannonEntropy(value) >= minEntropy;
}
