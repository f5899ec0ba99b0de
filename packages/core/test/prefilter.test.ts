// The byte prefilter must never hide a finding: whenever analyze finds (or inline-ignores) anything
// in a text, mayHaveFindings says so, and whenever mayHaveFindings does, prefilterPattern (as a
// JavaScript regex, per line as git grep reads) matches. Its needles are derived here from the
// scanner's own tables, so a new anchor fails this test until the prefilter knows it; the rules
// after a name word are checked against analyze on texts built around names (the grammar below).
import { describe, expect, it } from 'vitest';
import { AnchorKind, STREAMS } from '../src/anchors.js';
import { analyze } from '../src/index.js';
import {
  ACCOUNT_WORDS,
  AWS_NAME_WORDS,
  KEY_NEEDLES,
  mayHaveFindings,
  NAME_WORDS,
  PREFILTER_NEEDLES,
  PREFILTER_REACH,
  prefilterPattern,
} from '../src/prefilter.js';
import { ACCOUNT_ANCHORS, BLOB_NEEDLES } from '../src/scan.js';
import {
  fakeAccessKeyId,
  fakeBase64Blob,
  fakeBedrockLongTermKey,
  fakeBedrockShortTermKey,
  fakeJwt,
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
    for (const v of caseVariants('account')) expect(re.test(v), v).toBe(ACCOUNT_WORDS.includes(v));
  });

  it('name words are exactly the secret and token anchors; the rest are key needles', () => {
    const named = STREAMS.filter((s) => s.kind === AnchorKind.Secret || s.kind === AnchorKind.Token).flatMap((s) => s.before.map((b) => `${b}${s.needle}`));
    expect([...NAME_WORDS].sort()).toEqual(named.sort());
    expect(new Set([...KEY_NEEDLES, ...NAME_WORDS, ...ACCOUNT_WORDS]).size).toBe(PREFILTER_NEEDLES.length);
    for (const w of NAME_WORDS) expect(KEY_NEEDLES).not.toContain(w);
  });
});

const patterns = {
  named: new RegExp(prefilterPattern({ flavor: 'js' })),
  withAccount: new RegExp(prefilterPattern({ flavor: 'js', accountId: true })),
};
/** git grep's view: lines split at `\n` only (a `\r` stays in the line). */
const patternSays = (text: string, accountId: boolean) => text.split('\n').some((line) => (accountId ? patterns.withAccount : patterns.named).test(line));

/** core ⊆ bytes ⊆ pattern, for one text, with and without the account-id kind. */
function check(text: string, filenames: readonly string[], tally: { found: number; ruledOut: number; wordsRuledOut: number }): void {
  const bytes = Buffer.from(text, 'utf8');
  for (const accountId of [false, true]) {
    const kinds = accountId ? ALL_KINDS : undefined;
    const may = mayHaveFindings(bytes, { accountId });
    for (const filename of filenames) {
      const r = analyze(text, { filename, ...(kinds ? { kinds } : {}) });
      if (r.findings.length || r.ignored.length) {
        tally.found++;
        expect(may, `${accountId ? 'with account ids: ' : ''}${JSON.stringify(text)}`).toBe(true);
      }
    }
    if (may) expect(patternSays(text, accountId), JSON.stringify(text)).toBe(true);
    else {
      tally.ruledOut++;
      if (PREFILTER_NEEDLES.some((n) => text.includes(n))) tally.wordsRuledOut++;
    }
  }
}

describe('mayHaveFindings / prefilterPattern', () => {
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
      'the secret is out; token = getToken(); account: main',
    ];
  };

  it('hold core ⊆ bytes ⊆ pattern on 3,000 random mixes of credentials and code × 3 file names', () => {
    const rand = prng(14);
    const tally = { found: 0, ruledOut: 0, wordsRuledOut: 0 };
    for (let i = 0; i < 3_000; i++) {
      const all = pieces(i + 1);
      const parts: string[] = [];
      const n = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) parts.push(all[Math.floor(rand() * all.length)] ?? '');
      const sep = ['\n', ' ', '\r\n', '', ';', '\r'][Math.floor(rand() * 6)] ?? '\n';
      check(parts.join(sep), ['a.js', '.aws/credentials', 'main.tf'], tally);
    }
    expect(tally.found).toBeGreaterThan(1000);
    expect(tally.ruledOut).toBeGreaterThan(100);
  });

  it('hold core ⊆ bytes ⊆ pattern on 40,000 texts built around names (separators, type annotations, values near every limit)', () => {
    const rand = prng(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const times = (n: number, f: () => string) => Array.from({ length: n }, f).join('');
    const words = [...NAME_WORDS, ...ACCOUNT_WORDS, ...AWS_NAME_WORDS, 'SeCret', 'tOken', 'AcCount', 'aWs'];
    const before = ['', '', 'my_', 'aws_', 'AWS_', 'x.', 'const ', '"', "'", '<', '--', 'export ', '$', 'a'.repeat(55), 'aws'];
    const after = ['', '', '_access_key', 'AccessKey', '_key', 'Key', 'sak', '_SAK', '_id', 'Id', '.value', '-token', 'Token', '_session_token', 'secret'];
    const seps = [' ', ' ', '\t', '\n', '\r\n', '\r', '"', "'", '`', '\\', '=', '=', ':', ':', '>', ',', '(', '[', '|', '+=', '.=', '?=', '!=', '<=', '%=', '&=', '^=', '*=', '/=', '==', ';', '{', '-', '/', '+'];
    const types = ['string', 'str', 'String', 'Optional', 'a'.repeat(23), 'a'.repeat(24), 'x'];
    const value = (seed: number): string => {
      const secret = fakeSecretAccessKey(seed);
      return pick([
        () => secret,
        () => secret.replace('/', '\\/').replace('+', '\\/'),
        () => secret.replace('/', '%2F').replace('+', '%2B'),
        () => secret.replace('/', '\\u002F'),
        () => secret.slice(0, 39),
        () => `${secret}x`,
        () => Buffer.from(secret).toString('base64'),
        () => Buffer.from(`${secret}\n`).toString('base64'),
        () => fakeSessionToken(seed, pick(['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'AQoDYXdz', 'Zm9vYmFy']), 90 + Math.floor(rand() * 60)),
        () => fakeJwt(seed, 80 + Math.floor(rand() * 100)),
        () => fakeJwt(seed, 100).replace(/\./g, '-'),
        () => pick(['123456789012', '1234-5678-9012', '12345678901', '987654321098', '0000-0000-0000']),
        () => pick(['getSecret()', 'os.environ["X"]', '${{ secrets.X }}', 'process.env.TOKEN', 'none', '""']),
        () => fakeBase64Blob(20 + Math.floor(rand() * 100), seed),
      ])();
    };
    const tally = { found: 0, ruledOut: 0, wordsRuledOut: 0 };
    for (let i = 0; i < 40_000; i++) {
      const items: string[] = [];
      for (let k = 0, n = 1 + Math.floor(rand() * 2); k < n; k++) {
        let s = `${pick(before)}${pick(words)}${pick(after)}`;
        if (rand() < 0.05) s += 'x'.repeat(Math.floor(rand() * 70));
        s += times(Math.floor(rand() * (rand() < 0.1 ? 30 : 5)), () => pick(seps));
        if (rand() < 0.2) s += `${pick(types)}${' '.repeat(Math.floor(rand() * 10))}${pick(['=', '==', ':=', ''])}${times(Math.floor(rand() * 4), () => pick(seps))}`;
        s += value(i * 3 + k);
        s += pick(['', '', '"', '\n', ' # aws', '=', '%3D', 'x', ';']);
        items.push(s);
      }
      const context = rand() < 0.5 ? 'import boto3\n' : '';
      check(context + items.join(pick(['\n', ' ', '; ', '\r\n'])), ['a.py', 'main.tf'], tally);
    }
    // Meaningful both ways: many findings, and many texts with a name word but no value ruled out.
    // (16,394 and 35,031 when written)
    expect(tally.found).toBeGreaterThan(12_000);
    expect(tally.wordsRuledOut).toBeGreaterThan(25_000);
  });

  it('AWS words count only with a key/sak name run; name words only with a value after them', () => {
    const secret = fakeSecretAccessKey(3);
    expect(mayHaveFindings(Buffer.from('import aws\nkey = 1\n'))).toBe(false);
    expect(mayHaveFindings(Buffer.from(`AWSAK=${secret}`))).toBe(false);
    expect(mayHaveFindings(Buffer.from(`AWSSAK=${secret}`))).toBe(true);
    expect(mayHaveFindings(Buffer.from(`x = aws_region_key = "${secret}"`))).toBe(true);
    expect(mayHaveFindings(Buffer.from('caf\xe9 AKIA', 'latin1'))).toBe(true);
    expect(mayHaveFindings(Buffer.from('broken spoken taken'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('token = getToken(); the secret is out'))).toBe(false);
    // a value on the next line: the bytes follow the separators, a line-at-a-time pattern stops at the line's end
    expect(mayHaveFindings(Buffer.from(`Token:\n  ${secret}`))).toBe(true);
    expect(mayHaveFindings(Buffer.from('Token:\n  short'))).toBe(false);
    expect(patternSays('Token:\n  short', false)).toBe(true);
    // account names only when account ids are looked for
    expect(mayHaveFindings(Buffer.from('account_id = 123456789012'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('account_id = 123456789012'), { accountId: true })).toBe(true);
  });

  it('finds every word at every alignment of the one-pass search, at the start and the end of the bytes', () => {
    const secret = fakeSecretAccessKey(5);
    for (let pad = 0; pad < 7; pad++) {
      const x = '.'.repeat(pad);
      for (const n of KEY_NEEDLES) {
        expect(mayHaveFindings(Buffer.from(x + n)), `${pad} ${n}`).toBe(true);
        expect(mayHaveFindings(Buffer.from(`${x + n}.`)), `${pad} ${n}.`).toBe(true);
        expect(mayHaveFindings(Buffer.from(x + n.slice(0, -1))), `${pad} ${n} cut`).toBe(false);
      }
      for (const w of [...NAME_WORDS, ...AWS_NAME_WORDS.map((a) => `${a}Key`)]) expect(mayHaveFindings(Buffer.from(`${x}${w}=${secret}`)), `${pad} ${w}`).toBe(true);
      for (const w of ACCOUNT_WORDS) expect(mayHaveFindings(Buffer.from(`${x}${w}=583122974406`), { accountId: true }), `${pad} ${w}`).toBe(true);
    }
  });

  it('does linear work: doubling adversarial input doubles the bytes examined', () => {
    const secret = fakeSecretAccessKey(9);
    const units = [
      'secret',
      'secret ',
      `secret${' '.repeat(23)}`,
      `secret=${secret.slice(0, 39)};`,
      'secret: string = x',
      `tokentokentoken=${'a'.repeat(99)}.`,
      `aws${'k'.repeat(60)}key = `,
      `${'x'.repeat(58)}secret${'='.repeat(23)}`,
      'account-account-1234-5678-901;',
    ];
    for (const unit of units) {
      const work = (size: number) => {
        const stats = { visited: 0 };
        const text = Buffer.from(unit.repeat(Math.ceil(size / unit.length)));
        mayHaveFindings(text, { accountId: true, stats });
        return stats.visited;
      };
      const one = work(1 << 20);
      const two = work(2 << 20);
      expect(two / Math.max(one, 1), unit).toBeLessThan(2.2);
      expect(two, unit).toBeLessThan(300 * (2 << 20));
    }
  });

  it('its pattern finishes on megabytes of adversarial input, in both spellings', () => {
    // No step counter in V8: a linear pattern takes milliseconds per input here, a super-linear one
    // hangs (the test's timeout), so this only tells finished from hung. git's PCRE side: tree-prefilter.test.ts.
    const secret = fakeSecretAccessKey(9);
    const units = [
      'secret', 'Secret_', `secret${' '.repeat(23)}`, `secret${'\t'.repeat(30)}`, `secret=${secret.slice(0, 39)};`, 'secret: string = x',
      `token${'='.repeat(22)}${'a'.repeat(99)}.`, `aws${'k'.repeat(60)}key = `, `awskey${'+='.repeat(11)}`, 'account-account-1234-5678-901;',
      `SECRET ${'a'.repeat(23)}${' '.repeat(8)}=${' '.repeat(23)}`,
    ];
    for (const re of [patterns.withAccount, new RegExp(patterns.withAccount.source, 'g')])
      for (const unit of units) {
        const input = unit.repeat(Math.ceil((2 << 20) / unit.length));
        if (re.global) input.replace(re, '');
        else re.test(input);
      }
    // the PCRE spelling is the same pattern with possessive runs where JavaScript needs lookahead + back-reference
    const pcre = prefilterPattern({ accountId: true });
    expect(pcre).not.toContain('(?=(?<p');
    expect(pcre.match(/\+\+|\*\+|\}\+/g)?.length).toBe(patterns.withAccount.source.match(/\(\?=\(\?<p\d+>/g)?.length);
  }, 120_000);
});

describe('mayHaveFindings from/to: a word decision reads at most PREFILTER_REACH bytes', () => {
  it('the longest-reaching positive text fits in the reach, and needs its last byte', () => {
    // Name run at its reach, separators at their limit (an operator's `=` overshooting by one), a
    // type annotation at its reach and blanks, separators again, then the longest value (a token's: `_` is no secret character).
    const text = `secret${'x'.repeat(58)}${' '.repeat(23)}+=${'a'.repeat(23)}${' '.repeat(8)}=${' '.repeat(22)}+=${'b_'.repeat(50)}`;
    expect(text.length).toBeLessThanOrEqual(PREFILTER_REACH);
    expect(mayHaveFindings(Buffer.from(text))).toBe(true);
    expect(mayHaveFindings(Buffer.from(text), { from: 0, to: 1 })).toBe(true);
    expect(mayHaveFindings(Buffer.from(text.slice(0, -1)))).toBe(false);
    expect(mayHaveFindings(Buffer.from(`${text};`), { from: 1 })).toBe(false);
  });

  const words = [...NAME_WORDS, ...AWS_NAME_WORDS, ...ACCOUNT_WORDS, 'AKIA', 'QVNJQ', 'FLSU', 'Key', 'key', 'SAK'];
  const randomText = (rand: () => number, size: number): Buffer => {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const run = (chars: string, max: number) => {
      let out = '';
      for (let i = Math.floor(rand() * max); i > 0; i--) out += pick([...chars]);
      return out;
    };
    const seps = ' \t\n"\'=:>,([|';
    let out = '';
    while (out.length < size) {
      const r = rand();
      if (r < 0.5) {
        // A name phrase with every part near its limit: name run, separators, a type annotation, a value.
        out += pick(words) + run('abcXYZ_-.09', 62) + run(seps, 26) + pick(['', '', '+=', '!=']);
        if (rand() < 0.5) out += `${run('abcXYZ_09', 25)}${run(' \t', 9)}=${pick(['', '='])}${run(seps, 26)}`;
        out += run(pick(['abcdefXYZ0123456789+/%', 'abcXYZ09._~-=', 'abc_']), 110);
      } else if (r < 0.6) out += run(seps, 30);
      else if (r < 0.65) out += pick(['+=', '!=', ': string = ', ' ==', '%2B', '\\/']);
      else out += run('abcdefXYZ0123456789+/=._~-%', 130);
    }
    return Buffer.from(out.slice(0, size), 'latin1');
  };

  it('bytes at or past p + PREFILTER_REACH never change the decision for words at p; the parts make the whole', () => {
    const rand = prng(7);
    let positives = 0;
    for (let t = 0; t < 150; t++) {
      const buf = randomText(rand, 200 + Math.floor(rand() * 1500));
      let any = false;
      for (let p = 0; p < buf.length; p++) {
        const here = mayHaveFindings(buf, { from: p, to: p + 1, accountId: true });
        any ||= here;
        if (here) positives++;
        if (p + PREFILTER_REACH >= buf.length) continue;
        // The text cut at p + PREFILTER_REACH, or another text from there on.
        const cut = buf.subarray(0, p + PREFILTER_REACH);
        expect(mayHaveFindings(cut, { from: p, to: p + 1, accountId: true }), `${t}@${p} cut`).toBe(here);
        if (rand() > 0.1) continue;
        const other = Buffer.concat([cut, randomText(rand, Math.floor(rand() * 400))]);
        expect(mayHaveFindings(other, { from: p, to: p + 1, accountId: true }), `${t}@${p}`).toBe(here);
      }
      expect(any, `text ${t}`).toBe(mayHaveFindings(buf, { accountId: true }));
      // Ranges split anywhere give the same answer as the whole.
      const cut = Math.floor(rand() * buf.length);
      expect(mayHaveFindings(buf, { to: cut, accountId: true }) || mayHaveFindings(buf, { from: cut, accountId: true })).toBe(any);
    }
    // The texts exercise positive decisions, not only negative ones.
    expect(positives).toBeGreaterThan(150);
  });
});
