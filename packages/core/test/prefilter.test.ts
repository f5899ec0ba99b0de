// The byte prefilter must never hide a finding: whenever analyze finds (or inline-ignores) anything
// in a text, mayHaveFindings says so, and PREFILTER_PCRE (as a JavaScript regex, per line) matches.
// Its needles are derived here from the scanner's own tables, so a new anchor fails this test until
// the prefilter knows it.
import { describe, expect, it } from 'vitest';
import { STREAMS } from '../src/anchors.js';
import { analyze } from '../src/index.js';
import { AWS_NAME_WORDS, mayHaveFindings, PREFILTER_NEEDLES, PREFILTER_PCRE } from '../src/prefilter.js';
import { ACCOUNT_ANCHORS, BLOB_NEEDLES } from '../src/scan.js';
import {
  fakeAccessKeyId,
  fakeBedrockLongTermKey,
  fakeBedrockShortTermKey,
  fakeSecretAccessKey,
  fakeSessionToken,
  prng,
} from '../src/testing.js';

const ALL_KINDS = ['access-key-id', 'secret-access-key', 'session-token', 'bedrock-api-key', 'account-id'] as const;

/** Every literal the anchor tables require for an anchor: what precedes the needle, the needle, what must follow. */
function anchorLiterals(): string[] {
  const out: string[] = [];
  for (const s of STREAMS) {
    for (const b of s.before) {
      if (s.after) for (const a of s.after) out.push(`${b}${s.needle}${a}`);
      else out.push(`${b}${s.needle}${s.rest ?? ''}`);
    }
  }
  for (const [needle, before] of BLOB_NEEDLES) {
    if (before.length === 0) out.push(needle);
    for (const b of before) out.push(`${b}${needle}`);
  }
  return out;
}

/** Every upper/lower-case spelling of a word. */
function caseVariants(word: string): string[] {
  let out = [''];
  for (const c of word) out = out.flatMap((p) => [...new Set([p + c.toLowerCase(), p + c.toUpperCase()])]);
  return out;
}

const pcre = new RegExp(PREFILTER_PCRE);
const pcreSays = (text: string) => text.split(/\r\n|\r|\n/).some((line) => pcre.test(line));

describe('prefilter needles', () => {
  it('cover every anchor literal of STREAMS and BLOB_NEEDLES (AWS words only with a key/sak name)', () => {
    for (const lit of anchorLiterals()) {
      if (AWS_NAME_WORDS.includes(lit)) continue;
      expect(PREFILTER_NEEDLES, lit).toContain(lit);
    }
    // The AWS-name anchors: A+WS, A+ws and a+ws.
    expect(anchorLiterals().filter((l) => /^aws$/i.test(l)).sort()).toEqual([...AWS_NAME_WORDS].sort());
  });

  it('cover exactly the account names ACCOUNT_ANCHORS matches', () => {
    const re = new RegExp(`^(?:${ACCOUNT_ANCHORS.source})$`);
    for (const v of caseVariants('account')) expect(re.test(v), v).toBe(PREFILTER_NEEDLES.includes(v));
  });
});

describe('mayHaveFindings / PREFILTER_PCRE', () => {
  const account = '123456789012';
  const pieces = (seed: number): string[] => {
    const id = fakeAccessKeyId({ seed });
    const secret = fakeSecretAccessKey(seed);
    const file = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
    return [
      id,
      fakeAccessKeyId({ seed, prefix: 'ASIA' }),
      secret,
      fakeSessionToken(seed),
      fakeSessionToken(seed, 'FwoGZXIvYXdz'),
      fakeSessionToken(seed, 'FQoGZXIvYXdz'),
      fakeSessionToken(seed, 'AQoDYXdz'),
      fakeBedrockLongTermKey({ seed }),
      fakeBedrockShortTermKey({ seed }),
      Buffer.from(id).toString('base64'),
      // a whole credentials file in base64, at each of the three alignments
      Buffer.from(file).toString('base64'),
      Buffer.from(`x${file}`).toString('base64'),
      Buffer.from(`xy${file}`).toString('base64'),
      `aws_secret_access_key = ${secret}`,
      `aws_key = "${secret}"`,
      `AWS_SAK=${secret}`,
      `awsKey: '${secret}'`,
      `my.Aws-Api.KEY = ${secret}`,
      `SECRET_KEY="${secret}"`,
      `Secret: ${secret}`,
      `token: ${fakeSessionToken(seed)}`,
      `TOKEN=${fakeSessionToken(seed)}`,
      `Token = '${secret}'`,
      `account_id = ${account}`,
      `AWS_ACCOUNT_ID=${account}`,
      `"Account": "${account}"`,
      `arn:aws:iam::${account}:role/x`,
      `aws_access_key_id=${id} # credlint-ignore`,
      'é ü — ✓ 日本',
      'const x = 1; // plain code',
      'aws s3 cp key.txt s3://bucket/', // `aws` and `key`, but not one name
    ];
  };

  it('say "may have findings" for every text analyze finds or ignores something in (3,000 random mixes × 3 file names)', () => {
    const rand = prng(14);
    let withFindings = 0;
    let filtered = 0;
    for (let i = 0; i < 3_000; i++) {
      const all = pieces(i + 1);
      const parts: string[] = [];
      const n = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) parts.push(all[Math.floor(rand() * all.length)] ?? '');
      const sep = ['\n', ' ', '\r\n', '', ';', '\r'][Math.floor(rand() * 6)] ?? '\n';
      const text = parts.join(sep);
      const bytes = Buffer.from(text, 'utf8');
      for (const filename of ['a.js', '.aws/credentials', 'main.tf']) {
        const r = analyze(text, { filename, kinds: ALL_KINDS });
        if (r.findings.length || r.ignored.length) {
          withFindings++;
          expect(mayHaveFindings(bytes), text).toBe(true);
          expect(pcreSays(text), text).toBe(true);
        } else if (!mayHaveFindings(bytes)) filtered++;
      }
      // The two forms agree on every text (the regex reads a line at a time; names never cross a line).
      expect(pcreSays(text), text).toBe(mayHaveFindings(bytes));
    }
    expect(withFindings).toBeGreaterThan(1000);
    expect(filtered).toBeGreaterThan(100);
  });

  it('AWS words count only with a key/sak name run; Latin-1 bytes behave as their characters', () => {
    expect(mayHaveFindings(Buffer.from('import aws\nkey = 1\n'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('AWSAK'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('AWSSAK'))).toBe(true);
    expect(mayHaveFindings(Buffer.from('x = aws_region_key'))).toBe(true);
    expect(mayHaveFindings(Buffer.from('caf\xe9 AKIA', 'latin1'))).toBe(true);
    expect(mayHaveFindings(Buffer.from('broken spoken taken'))).toBe(false);
    expect(mayHaveFindings(new Uint8Array(Buffer.from('Token')))).toBe(true);
  });

  it('a long run of AWS words without key/sak is no hit', () => {
    const text = Buffer.from(`${'aws_'.repeat(200_000)}x`);
    expect(mayHaveFindings(text)).toBe(false);
  });
});
