/**
 * Finds every place a credential or its name can start, in text order, with V8's `indexOf`.
 * indexOf skips ahead with a vectorised search for the needle's first character, so needles
 * start with a character that is rare in source text (`A`, `I`, `G`, `c`, `C`, `k`, `K`, `Q`; the `w`
 * of `aws` names is commoner) and the characters before it are checked afterwards. 2.2–2.5× faster than one regex of the same
 * literal alternatives on 17 MB of JavaScript (`node bench/anchors.mjs`), which yields the same positions
 * (tested against a regex built from STREAMS). Linear: every stream only
 * moves forward. No match: a position is -1 and an object is undefined, in every scanning helper of core.
 */
export const AnchorKind = { KeyId: 1, Secret: 2, Token: 3, TokenPrefix: 4, Base64KeyId: 5, AwsName: 6, BedrockLongTerm: 7, BedrockShortTerm: 8 } as const;
export type AnchorKind = (typeof AnchorKind)[keyof typeof AnchorKind];

// Needle, characters that must precede it, anchor kind; the anchor starts at the first of those.
// V8 searches needles of up to 6 characters with memchr on the first and longer ones with
// Boyer-Moore-Horspool, which is 2-4× slower on source text: longer literals are split into a
// needle and a `rest` checked at each hit.
// `after` lists what may follow a one-character needle; `matches` checks it with char codes (faster
// than startsWith per hit), and the property test builds its oracle regex from this table.
export type Stream = { needle: string; before: readonly string[]; kind: AnchorKind; rest?: string; after?: readonly string[] };
export const STREAMS: readonly Stream[] = [
  { needle: 'A', before: [''], after: ['KIA', 'SIA', 'BIA', 'CCA', 'BSK', 'WS', 'ws', 'QoDYXdz'], kind: AnchorKind.KeyId }, // classified in nextAt
  { needle: 'IQoJb3', rest: 'JpZ2luX2Vj', before: [''], kind: AnchorKind.TokenPrefix },
  { needle: 'GZXIvY', rest: 'Xdz', before: ['Fwo', 'FQo'], kind: AnchorKind.TokenPrefix },
  { needle: 'cret', before: ['se', 'Se'], kind: AnchorKind.Secret },
  { needle: 'CRET', before: ['SE'], kind: AnchorKind.Secret },
  { needle: 'ken', before: ['to', 'To'], kind: AnchorKind.Token },
  { needle: 'KEN', before: ['TO'], kind: AnchorKind.Token },
  // base64 of a value that starts with AKIA / ASIA (Kubernetes Secret `data:`, `echo … | base64`)
  { needle: 'QUtJQ', before: [''], kind: AnchorKind.Base64KeyId },
  { needle: 'QVNJQ', before: [''], kind: AnchorKind.Base64KeyId },
  // Names that say AWS but neither secret nor token (`aws_key`, `AWS_SAK`, `awsKey`, `aws_access_key`);
  // `AWS` and `Aws` ride on the `A` stream, so this costs one more pass, on a rarer character
  { needle: 'ws', before: ['a'], kind: AnchorKind.AwsName },
  // short-term Bedrock API keys: `bedrock-api-key-` + base64 of a presigned URL. A needle of 6
  // characters or fewer is searched for with memchr on its first; longer ones cost 4× more here.
  { needle: 'k-api-', rest: 'key-', before: ['bedroc'], kind: AnchorKind.BedrockShortTerm },
];

export class Anchors {
  private readonly text: string;
  /** Next anchor start per stream (text.length when exhausted). */
  private readonly next: number[];
  private readonly kinds: AnchorKind[];
  kind: AnchorKind = AnchorKind.KeyId;
  /** Needle hits examined (each O(1)): the anchor search's work beyond the native scans. */
  checks = 0;

  constructor(text: string) {
    this.text = text;
    this.next = STREAMS.map(() => -1);
    this.kinds = STREAMS.map((s) => s.kind);
    for (let s = 0; s < STREAMS.length; s++) this.advance(s, 0);
  }

  /** The first anchor at or after `from`, or -1; its kind is left in `this.kind`. */
  nextAt(from: number): number {
    let best = -1;
    let bestStream = -1;
    for (let s = 0; s < STREAMS.length; s++) {
      let at = this.next[s] ?? this.text.length;
      if (at < from) {
        this.advance(s, from);
        at = this.next[s] ?? this.text.length;
      }
      if (at < this.text.length && (best < 0 || at < best)) {
        best = at;
        bestStream = s;
      }
    }
    if (best < 0) return -1;
    this.kind = this.kinds[bestStream] ?? AnchorKind.KeyId;
    if (bestStream === 0) {
      const b = this.text.charCodeAt(best + 1);
      const c = this.text.charCodeAt(best + 2);
      if (b === 81 /* AQoD… */) this.kind = AnchorKind.TokenPrefix;
      else if (b === 66 && c === 83 && this.text.charCodeAt(best + 3) === 75)
        this.kind = AnchorKind.BedrockLongTerm; // ABSK
      else if ((b === 87 && c === 83) || (b === 119 && c === 115)) this.kind = AnchorKind.AwsName; // AWS Aws
    }
    return best;
  }

  /** Moves stream `s` to its first anchor starting at or after `from`. */
  private advance(s: number, from: number): void {
    const { needle, before } = STREAMS[s] as Stream;
    const text = this.text;
    const back = (before[0] ?? '').length;
    let i = from + back - 1;
    for (;;) {
      i = text.indexOf(needle, i + 1);
      if (i < 0) {
        this.next[s] = text.length;
        return;
      }
      this.checks++;
      const start = i - back;
      if (start >= from && this.matches(s, i, start)) {
        this.next[s] = start;
        return;
      }
    }
  }

  private matches(s: number, i: number, start: number): boolean {
    const text = this.text;
    if (s === 0) {
      // A + KIA | SIA | BIA | CCA | BSK | WS | ws | QoDYXdz
      const b = text.charCodeAt(i + 1);
      const c = text.charCodeAt(i + 2);
      const d = text.charCodeAt(i + 3);
      if ((b === 75 || b === 83 || b === 66) && c === 73 && d === 65) return true; // KIA SIA BIA
      if (b === 67 && c === 67 && d === 65) return true; // CCA
      if (b === 66 && c === 83 && d === 75) return true; // BSK (long-term Bedrock API key)
      if ((b === 87 && c === 83) || (b === 119 && c === 115)) return true; // WS ws (a name saying AWS)
      return b === 81 && text.startsWith('QoDYXdz', i + 1);
    }
    const { before, needle, rest } = STREAMS[s] as Stream;
    if (rest !== undefined && !text.startsWith(rest, i + needle.length)) return false;
    if (before.length === 1 && before[0] === '') return true;
    for (const p of before) if (text.startsWith(p, start)) return true;
    return false;
  }
}
