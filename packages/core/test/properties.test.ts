import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anchors, STREAMS } from '../src/anchors.js';
import { analyze, mask, scan, type Finding } from '../src/index.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '../src/testing.js';

const ALL_KINDS = ['access-key-id', 'secret-access-key', 'session-token', 'account-id'] as const;

/** Text built from pieces that exercise every path: anchors, names, separators, escapes, comments, credentials. */
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AQoDYXdz', 'IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'secret', 'Secret', 'SECRET', 'token', 'Token',
    'aws_secret_access_key', 'secretAccessKey', 'AWS_SESSION_TOKEN', 'secret_key', 'aws_account_id', 'aws', 'EXAMPLE',
    'AWS', 'Aws', 'aWs', 'ws', 'WS', 'aws_key', 'AWS_SAK', 'ABSK', 'BSK', 'bedrock-api-key-', 'k-api-key-', 'QUtJQ', 'QVNJQ', 'eyJ',
    'FLSU', 'FTSU', 'BS0lB', 'BU0lB', 'YXdzX', 'F3c1', 'hd3Nf', 'QVdTX', 'FXU1', 'BV1Nf', 'NlY3Jl', 'ZWNyZX', 'VjcmV0', '0lB', '3Nf', 'V1Nf',
    ' = ', ': ', '"', "'", '=', '\n', '\r\n', '\\n', '\\t', '%2F', '%3D', '_', '-', '.', '/', '+', '==',
    '// credlint-ignore', '# credlint-ignore-next-line\n', '<!-- credlint-ignore -->', 'credlint-ignore',
    '\u0000', '\uFFFD', '😀', '\uD800',
  ),
  fc.integer({ min: 1, max: 1e6 }).map((seed) => fakeAccessKeyId({ seed, prefix: (['AKIA', 'ASIA', 'ABIA', 'ACCA'] as const)[seed % 4] })),
  fc.integer({ min: 1, max: 1e6 }).map((seed) => fakeSecretAccessKey(seed)),
  fc.integer({ min: 1, max: 1e6 }).map((seed) => fakeSessionToken(seed, undefined, 120 + (seed % 300))),
  fc.stringMatching(/^[A-Za-z0-9+/]{1,60}$/),
  fc.stringMatching(/^[A-Z2-7]{1,24}$/),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

/** The context a finding's value needs when scanned alone: its name, or a key id next to it. */
function rescan(value: string, f: Finding): Finding[] {
  return scan(value, { kinds: [...ALL_KINDS], context: { keyName: f.keyName ?? '', nearbyKeyId: true, awsContext: true }, inlineIgnores: false });
}

/** The anchor set as one regex of literals (what the indexOf streams replace), built from STREAMS, every start position. */
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ANCHOR_REGEX = new RegExp(
  `(?=${STREAMS.flatMap((s) => s.before.flatMap((b) => (s.after ?? ['']).map((a) => escape(b + s.needle + (s.rest ?? '') + a)))).join('|')})`,
  'g',
);

describe('properties', () => {
  it('the oracle regex covers every stream (a new stream cannot go untested)', () => {
    for (const s of STREAMS) for (const b of s.before) expect(ANCHOR_REGEX.source).toContain(escape(b + s.needle + (s.rest ?? '') + (s.after?.[0] ?? '')));
    expect(ANCHOR_REGEX.source).toContain('AKIA');
    expect(ANCHOR_REGEX.source).toContain('bedrock-api-key-');
  });

  it('the indexOf anchor streams find exactly the positions of the literal-alternation regex', () => {
    fc.assert(
      fc.property(text, (t) => {
        const want: number[] = [];
        for (const m of t.matchAll(ANCHOR_REGEX)) want.push(m.index);
        const got: number[] = [];
        const anchors = new Anchors(t);
        for (let i = anchors.nextAt(0); i >= 0; i = anchors.nextAt(i + 1)) got.push(i);
        expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('random text never throws, and findings are well-formed', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = analyze(t, { kinds: [...ALL_KINDS] });
        for (const f of [...r.findings, ...r.ignored]) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(t.length);
          expect(f.end).toBeGreaterThan(f.start);
        }
        // findings are in text order and do not overlap
        const all = [...r.findings, ...r.ignored].sort((a, b) => a.start - b.start);
        for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
      }),
      { numRuns: 1500 },
    );
  });

  it('arbitrary unicode never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (t) => {
        analyze(t, { kinds: [...ALL_KINDS], filename: 'x.tf' });
      }),
      { numRuns: 1000 },
    );
  });

  it("a finding's offsets point at a value that re-scans as the same kind", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const f of analyze(t, { kinds: [...ALL_KINDS] }).findings) {
          const value = t.slice(f.start, f.end);
          const again = rescan(value, f).filter((g) => g.kind === f.kind && g.start === 0 && g.end === value.length);
          expect(again, `${f.kind} ${JSON.stringify(f.evidence)}`).toHaveLength(1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('masking never reveals more than 8 characters of a value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (v) => {
        const m = mask(v);
        const shown = m.replace('…', '');
        expect(shown.length).toBeLessThanOrEqual(8);
        expect(shown.length).toBeLessThanOrEqual(Math.floor(v.length / 2));
        if (v.length >= 8) expect(m).not.toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("no finding's masked form or message reveals more than 8 characters of its value", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const f of analyze(t, { kinds: [...ALL_KINDS] }).findings) {
          const value = t.slice(f.start, f.end);
          const shown = `${f.masked} ${f.message} ${f.evidence.join(' ')} ${f.keyName ?? ''}`;
          for (let i = 0; i + 9 <= value.length; i++) expect(shown).not.toContain(value.slice(i, i + 9));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('generated key ids are found in any surrounding non-word text and decode to their account', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000_000, max: 999_999_999_999 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom(' ', '"', "'", '\n', '\\n', '=', ':', ',', '(', '/', '%2F', '.', '-', '<', '>', ''),
        fc.constantFrom(' ', '"', "'", '\n', '\\n', ',', ')', '/', '%2F', '.', '-', '<', ''),
        (account, seed, before, after) => {
          const id = fakeAccessKeyId({ account, seed });
          const t = `x${before}${id}${after}y`.replace(/^x(?=[A-Za-z0-9_])/, 'x ').replace(/(?<=[A-Za-z0-9_])y$/, ' y');
          const found = scan(t).filter((f) => f.kind === 'access-key-id');
          expect(found.map((f) => t.slice(f.start, f.end))).toEqual([id]);
          expect(found[0]?.accountId).toBe(String(account).padStart(12, '0'));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
