/**
 * "Could `analyze` find or inline-ignore anything in this text?", answered on bytes, for front ends
 * that skip decoding and scanning what cannot hold a finding (the history scan's blobs, the tree
 * scan's `git grep` prefilter). Exact, not heuristic: every candidate starts at an anchor of
 * anchors.ts (STREAMS), at a base64 blob needle (scan.ts BLOB_NEEDLES) or at an account name
 * (scan.ts ACCOUNT_ANCHORS), and each needle below is one of those spelled out with the characters
 * its stream requires before and after it; test/prefilter.test.ts derives them from those tables.
 * An `aws`/`Aws`/`AWS` anchor only counts when its name run (ASCII letters, digits, `_`, `-`, `.`)
 * ends in `key` or `sak`, in any case (Scanner.endsLikeAwsKeyName): the `aws` word alone is common
 * in AWS code, so it is a needle only with that ending.
 * All ASCII: UTF-8 and Latin-1 bytes hold an ASCII character exactly where the text holds it.
 * UTF-16 is not byte-compatible: never use this for UTF-16 text.
 * No imports: the CLI loads it before anything else.
 */
export const PREFILTER_NEEDLES: readonly string[] = [
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'ABSK',
  'AQoDYXdz',
  'IQoJb3JpZ2luX2Vj',
  'FwoGZXIvYXdz',
  'FQoGZXIvYXdz',
  'secret',
  'Secret',
  'SECRET',
  'token',
  'Token',
  'TOKEN',
  'QUtJQ',
  'QVNJQ',
  'bedrock-api-key-',
  // base64 blobs (BLOB_NEEDLES)
  'FLSU',
  'FTSU',
  'BS0lB',
  'BU0lB',
  // account names (ACCOUNT_ANCHORS)
  'account',
  'Account',
  'ACCOUNT',
];

/** Words that start an AWS-named key (`aws_key`, `AWS_SAK`, `awsKey`) when their name run ends in key/sak. */
export const AWS_NAME_WORDS: readonly string[] = ['aws', 'Aws', 'AWS'];

/**
 * The same test as one Perl-compatible regular expression (for `git grep -P`, byte mode), per line:
 * any needle, or an AWS word followed by name characters holding `key`/`sak` (a superset of a name
 * run ending in them; name runs never cross a line). Linear: literals, and one character-class run
 * per AWS word.
 */
export const PREFILTER_PCRE = `${PREFILTER_NEEDLES.join('|')}|(?:${AWS_NAME_WORDS.join('|')})[A-Za-z0-9_.-]*(?:[Kk][Ee][Yy]|[Ss][Aa][Kk])`;

const NEEDLE_BYTES = PREFILTER_NEEDLES.map((n) => Buffer.from(n, 'latin1'));
const AWS_BYTES = AWS_NAME_WORDS.map((n) => Buffer.from(n, 'latin1'));

function isNameByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
}

/** An AWS word followed by a name run holding `key`/`sak` (any case). Linear: each byte of a run is visited once per word. */
function hasAwsKeyName(buf: Uint8Array, word: Buffer): boolean {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let runEnd = -1;
  for (let i = b.indexOf(word); i !== -1; i = b.indexOf(word, i + 1)) {
    if (i < runEnd) continue; // inside a run already walked
    let j = i + word.length;
    while (j < b.length && isNameByte(b[j] as number)) j++;
    runEnd = j;
    for (let k = i + word.length; k + 3 <= j; k++) {
      const x = (b[k] as number) | 0x20;
      const y = (b[k + 1] as number) | 0x20;
      const z = (b[k + 2] as number) | 0x20;
      if ((x === 107 && y === 101 && z === 121) || (x === 115 && y === 97 && z === 107)) return true;
    }
  }
  return false;
}

/** False only when `analyze` can find (or inline-ignore) nothing in the UTF-8 or Latin-1 text these bytes hold. */
export function mayHaveFindings(buf: Uint8Array): boolean {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (const n of NEEDLE_BYTES) if (b.indexOf(n) !== -1) return true;
  for (const w of AWS_BYTES) if (hasAwsKeyName(b, w)) return true;
  return false;
}
