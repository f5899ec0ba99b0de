// The history scan's byte prefilter must never hide a finding core would report: whenever core finds
// (or inline-ignores) anything in a text, the prefilter must say "may have findings".
import { analyze } from '@credlint/core';
import { fakeAccessKeyId, fakeBedrockLongTermKey, fakeBedrockShortTermKey, fakeSecretAccessKey, fakeSessionToken, prng } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { mayHaveFindings } from '../dist/history/prefilter.js';

const account = '123456789012';
const credentialsFile = (seed: number) => `[default]\naws_access_key_id = ${fakeAccessKeyId({ seed })}\naws_secret_access_key = ${fakeSecretAccessKey(seed)}\n`;
const pieces = (seed: number): string[] => [
  // names that say AWS but neither secret nor token
  `aws_key = "${fakeSecretAccessKey(seed)}"`,
  `AWS_SAK=${fakeSecretAccessKey(seed)}`,
  `awsKey: '${fakeSecretAccessKey(seed)}'`,
  fakeBedrockLongTermKey({ seed }),
  fakeBedrockShortTermKey({ seed }),
  // base64 blobs with the key id at each offset mod 3 (a Kubernetes Secret's data)
  Buffer.from(credentialsFile(seed)).toString('base64'),
  Buffer.from(`x${credentialsFile(seed)}`).toString('base64'),
  Buffer.from(`xy${credentialsFile(seed)}`).toString('base64'),
  fakeAccessKeyId({ seed }),
  fakeAccessKeyId({ seed, prefix: 'ASIA' }),
  fakeSecretAccessKey(seed),
  fakeSessionToken(seed),
  fakeSessionToken(seed, 'FwoGZXIvYXdz'),
  fakeSessionToken(seed, 'FQoGZXIvYXdz'),
  fakeSessionToken(seed, 'AQoDYXdz'),
  Buffer.from(fakeAccessKeyId({ seed })).toString('base64'),
  `aws_secret_access_key = ${fakeSecretAccessKey(seed)}`,
  // names that say AWS but neither secret nor token, and Bedrock keys (anchors the first prefilter missed)
  `aws_key = "${fakeSecretAccessKey(seed)}"`,
  `AWS_SAK=${fakeSecretAccessKey(seed)}`,
  fakeBedrockLongTermKey({ seed }),
  fakeBedrockShortTermKey({ seed }),
  `SECRET_KEY="${fakeSecretAccessKey(seed)}"`,
  `Secret: ${fakeSecretAccessKey(seed)}`,
  `token: ${fakeSessionToken(seed)}`,
  `TOKEN=${fakeSessionToken(seed)}`,
  `Token = '${fakeSecretAccessKey(seed)}'`,
  `account_id = ${account}`,
  `AWS_ACCOUNT_ID=${account}`,
  `"Account": "${account}"`,
  `arn:aws:iam::${account}:role/x`,
  `aws_access_key_id=${fakeAccessKeyId({ seed })} # credlint-ignore`,
  'é ü — ✓ 日本',
  'const x = 1; // plain code',
  `${fakeSecretAccessKey(seed)}`,
];

describe('history prefilter', () => {
  it('says "may have findings" for every text core finds or ignores something in (4,000 random mixes × 3 file names)', () => {
    const rand = prng(14);
    let withFindings = 0;
    let filtered = 0;
    for (let i = 0; i < 4_000; i++) {
      const all = pieces(i + 1);
      const parts: string[] = [];
      const n = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) parts.push(all[Math.floor(rand() * all.length)] ?? '');
      const sep = ['\n', ' ', '\r\n', '', ';'][Math.floor(rand() * 5)] ?? '\n';
      const text = parts.join(sep);
      for (const filename of ['a.js', '.aws/credentials', 'main.tf']) {
        const r = analyze(text, { filename });
        const bytes = Buffer.from(text, 'utf8');
        if (r.findings.length || r.ignored.length) {
          withFindings++;
          expect(mayHaveFindings(bytes), text).toBe(true);
        } else if (!mayHaveFindings(bytes)) filtered++;
      }
    }
    // Both branches were exercised.
    expect(withFindings).toBeGreaterThan(1000);
    expect(filtered).toBeGreaterThan(100);
  });

  it('is false for text with no anchor, and Latin-1 bytes behave as their characters', () => {
    expect(mayHaveFindings(Buffer.from('const a = 1;\nfunction f() { return b; }\n'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('caf\xe9 AKIA', 'latin1'))).toBe(true);
    // `ken` is an anchor only after `to`/`To`: the needles carry what their stream requires around them.
    expect(mayHaveFindings(Buffer.from('broken'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('a_token'))).toBe(true);
  });
});
