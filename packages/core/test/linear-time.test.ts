import { describe, expect, it } from 'vitest';
import { analyze, type ScanStats } from '../src/index.js';
import { fakeAccessKeyId, fakeBase64Blob, fakeBedrockLongTermKey, fakeBedrockShortTermKey, fakeJwt, fakeSecretAccessKey, fakeSessionToken } from '../src/testing.js';

/**
 * The scanner's work is linear in its input: ScanStats.charsVisited counts every character
 * any loop of the scanner reads (anchor checks, names, separators, values, pairing windows,
 * context searches, line index, ignore directives, findings). We check it stays under
 * C × length on adversarial inputs, and that doubling the input doubles the work.
 */
// Measured worst case ≈ 4 (a minified line where anchors, pairing windows, the line index and
// the ignore directive each read every character once); 6 leaves room without hiding a quadratic.
const C = 6;
const MB = 1 << 20;

const ID = fakeAccessKeyId({ seed: 3 });
const SECRET = fakeSecretAccessKey(5);

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const CREDENTIALS_FILE = `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
const MANIFEST = `kind: Secret\ndata:\n  AWS_ACCESS_KEY_ID: ${b64(ID)}\n  AWS_SECRET_ACCESS_KEY: ${b64(SECRET)}\n`;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const ADVERSARIAL: [string, (size: number) => string][] = [
  ['a long A-Z run', (n) => fill('ABCDEFGHIJKLMNOPQRSTUVWXYZ', n)],
  ['a long run of one letter', (n) => 'A'.repeat(n)],
  ['anchor needles without their prefixes', (n) => fill('ccretkenKENGZXIvYXdzCRETAQoX', n)],
  ['AKIA repeated', (n) => fill('AKIA', n)],
  ['ASIA + base32 repeated (every anchor reads a body)', (n) => fill('ASIAQRST2345', n)],
  ['key ids back to back (no boundaries)', (n) => fill(ID, n)],
  ['a base64 line', (n) => fakeBase64Blob(Math.floor((n * 3) / 4), 1)],
  ['STS prefixes repeated (one long token run)', (n) => fill('IQoJb3JpZ2luX2Vj', n)],
  ['STS prefixes separated by spaces', (n) => fill('FwoGZXIvYXdz ', n)],
  ['"secret" repeated (one long name)', (n) => fill('secret', n)],
  ['"token" names with separators', (n) => fill('aws_session_token= ', n)],
  ['secret names with separators and no value', (n) => fill('AWS_SECRET_ACCESS_KEY="', n)],
  ['weak names with secret-shaped values (AWS-context search)', (n) => fill(`secret_key="${SECRET}" `, n)],
  ['a long name-character run', (n) => fill('a_b-c.d', n)],
  ['a name run with anchors every few characters', (n) => fill('x.secret_token-', n)],
  ['separator runs after names', (n) => fill(`secret${' '.repeat(40)}`, n)],
  ['key ids and secrets paired densely', (n) => fill(`${ID} ${SECRET}\n`, n)],
  ['account names (opt-in kind)', (n) => fill('aws_account_id=583122974406 ', n)],
  ['base64 key-id prefixes repeated (one run)', (n) => fill('QUtJQ', n)],
  ['base64-encoded key ids separated by spaces', (n) => fill(`${Buffer.from(ID).toString('base64')} `, n)],
  ['strong names with 56-character base64 values', (n) => fill(`AWS_SECRET_ACCESS_KEY: ${Buffer.from(SECRET).toString('base64')}\n`, n)],
  // issue 13: the `aws` name anchors, Bedrock keys, non-STS tokens under session-token names
  ['"aws" repeated (one long name)', (n) => fill('aws', n)],
  ['"AWS " words with separators', (n) => fill('AWS aws Aws ', n)],
  ['aws names with secret-shaped values', (n) => fill(`aws_key="${SECRET}" `, n)],
  ['ABSK repeated (one base64 run)', (n) => fill('ABSK', n)],
  ['ABSK keys separated by spaces', (n) => fill(`${fakeBedrockLongTermKey({ seed: 2 })} `, n)],
  ['ABSK + one long base64 run', (n) => `ABSK${fakeBase64Blob(Math.floor((n * 3) / 4), 4)}`],
  ['bedrock-api-key- prefixes repeated', (n) => fill('bedrock-api-key-', n)],
  ['short-term Bedrock keys back to back', (n) => fill(`${fakeBedrockShortTermKey({ seed: 3 })}\n`, n)],
  ['bedrock-api-key- + one long base64 run', (n) => `bedrock-api-key-${fakeBase64Blob(Math.floor((n * 3) / 4), 5)}`],
  ['session-token names with one long dotted run', (n) => `AWS_SESSION_TOKEN=${fill('eyJ.a-b_c~', n)}`],
  ['secret names with escaped-slash runs', (n) => fill('AWS_SECRET_ACCESS_KEY="\\/\\u002F', n)],
  ['session-token names inside one opaque run', (n) => fill('AWS_SESSION_TOKEN=x.', n)],
  ['session-token names with JWTs, densely', (n) => fill(`AWS_SESSION_TOKEN=${fakeJwt(6, 300)}\n`, n)],
  // issue 13 item 3: base64 blobs decoded and scanned (to depth 2), URL passwords after key ids
  ['base64 blob needles repeated (one run)', (n) => fill('FLSUFTSUBS0lBBU0lBQUtJQ', n)],
  ['base64 blob needles in short runs', (n) => fill('FLSU QUtJQ BS0lB ', n)],
  ['blob needles without what must precede them', (n) => fill('SUxSUS0lBU0lB', n)],
  ['base64 credentials files back to back', (n) => fill(`${b64(CREDENTIALS_FILE)} `, n)],
  ['one long run of base64 credentials files', (n) => fill(b64(CREDENTIALS_FILE.repeat(3)), n)],
  ['base64 of base64 manifests (depth 2)', (n) => fill(`${b64(MANIFEST)}\n`, n)],
  ['one long base64 run of base64 text (every level decodes)', (n) => b64(b64(fill(`AWS_${CREDENTIALS_FILE}`, Math.floor((n * 9) / 16))))],
  ['base64 wrapped at 76 columns', (n) => fill(`${b64(CREDENTIALS_FILE.repeat(4)).replace(/(.{76})/g, '$1\n')}\n`, n)],
  ['URL passwords after key ids', (n) => fill(`s3://${ID}:${encodeURIComponent(SECRET)}@bucket `, n)],
  ['key ids followed by colons', (n) => fill(`${ID}:`, n)],
];

function work(text: string): { visited: number; findings: number } {
  const stats: ScanStats = { charsVisited: 0, anchorChecks: 0 };
  const r = analyze(text, { stats, kinds: ['access-key-id', 'secret-access-key', 'session-token', 'account-id'] });
  // The anchor search: forward-only indexOf streams whose needles start with different
  // characters, so at most one candidate per position is examined.
  expect(stats.anchorChecks).toBeLessThanOrEqual(text.length);
  return { visited: stats.charsVisited, findings: r.findings.length + r.ignored.length };
}

describe('linear time', () => {
  it.each(ADVERSARIAL)('%s: work ≤ C × length and proportional to size', (_name, make) => {
    const small = make(1 * MB);
    const large = make(2 * MB);
    const a = work(small);
    const b = work(large);
    expect(a.visited).toBeLessThanOrEqual(C * small.length);
    expect(b.visited).toBeLessThanOrEqual(C * large.length);
    // Doubling the input at most doubles the work (with slack for a partial unit at the end).
    expect(b.visited).toBeLessThanOrEqual(2.05 * a.visited + 1000);
  });

  it('a 5 MB base64 line', () => {
    const text = fakeBase64Blob(Math.floor((5 * MB * 3) / 4), 9);
    expect(work(text).visited).toBeLessThanOrEqual(C * text.length);
  });

  it('a 10 MB minified line with many findings and a credlint-ignore directive at its end', () => {
    const unit = `var a${'x'}={k:"${ID}",s:"${SECRET}",t:"${fakeSessionToken(4)}"};`;
    const text = `${fill(unit, 10 * MB)} // credlint-ignore`;
    const stats: ScanStats = { charsVisited: 0 };
    const r = analyze(text, { stats });
    expect(r.findings).toEqual([]);
    expect(r.ignored.length).toBeGreaterThan(60_000);
    expect(stats.charsVisited).toBeLessThanOrEqual(C * text.length);
  });

  it('many lines each with findings and directives', () => {
    const text = fill(`k = "${ID}" # credlint-ignore\n# credlint-ignore-next-line\ns = "${SECRET}"\n`, 4 * MB);
    const stats: ScanStats = { charsVisited: 0 };
    const r = analyze(text, { stats });
    expect(r.ignored.length).toBeGreaterThan(50_000);
    expect(stats.charsVisited).toBeLessThanOrEqual(C * text.length);
  });
});
