/**
 * "Could `analyze` find or inline-ignore anything in this text?", answered on bytes, for front ends
 * that skip decoding and scanning what cannot hold a finding (the history scan's blobs, the tree
 * scan's `git grep` prefilter). Exact, not heuristic: every candidate starts at an anchor of
 * anchors.ts (STREAMS), at a base64 blob needle (scan.ts BLOB_NEEDLES) or at an account name
 * (scan.ts ACCOUNT_ANCHORS); test/prefilter.test.ts derives the needles below from those tables.
 *
 * KEY_NEEDLES are evidence by themselves. A name word (`secret`, `token`, `account`, an `aws` name
 * ending in `key`/`sak`) counts only where core's name reader (Scanner.namedAt) could reach a value
 * after it — the word is common in code and prose, a value after it is not:
 * - the name run (ASCII letters, digits, `_`, `-`, `.`) reaches at most 64 characters past the
 *   word's start (MAX_NAME_REACH); an `aws` run must end in `key`/`sak` (endsLikeAwsKeyName);
 * - then at least one separator (blanks, newlines, quotes, `\ = : > , ( [ |`, or an operator
 *   before `=`), at most 24 characters of them: skipSeparators;
 * - then, there or after a type annotation (`name: string = …`, skipTypeAnnotation), the start of a
 *   value: 40 characters that a secret access key's raw text can hold (base64, `%2B`, `\/`,
 *   `\u002F`), 100 that a session token's can (base64, `% = . _ ~ -`), or for account names 12 of
 *   `0-9 -` (readSecretAccessKey, readSessionToken, readAccountId need at least that many).
 * Each condition is implied by what core does, so a text core finds anything in always passes.
 * All ASCII: UTF-8 and Latin-1 bytes hold an ASCII character exactly where the text holds it.
 * UTF-16 is not byte-compatible: never use this for UTF-16 text.
 * No imports: the CLI loads it before anything else.
 */

/** Needles that are evidence by themselves: key ids, STS token prefixes, base64 of key ids and of blobs, Bedrock keys. */
export const KEY_NEEDLES: readonly string[] = [
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'ABSK',
  'AQoDYXdz',
  'IQoJb3JpZ2luX2Vj',
  'FwoGZXIvYXdz',
  'FQoGZXIvYXdz',
  'QUtJQ',
  'QVNJQ',
  'bedrock-api-key-',
  // base64 blobs (BLOB_NEEDLES)
  'FLSU',
  'FTSU',
  'BS0lB',
  'BU0lB',
];

/** Words that start a secret or session-token name (`aws_secret_access_key`, `SessionToken`). */
export const NAME_WORDS: readonly string[] = ['secret', 'Secret', 'SECRET', 'token', 'Token', 'TOKEN'];

/** Account names (ACCOUNT_ANCHORS): only with the account-id kind, which is off by default. */
export const ACCOUNT_WORDS: readonly string[] = ['account', 'Account', 'ACCOUNT'];

/** Words that start an AWS-named key (`aws_key`, `AWS_SAK`, `awsKey`) when their name run ends in key/sak. */
export const AWS_NAME_WORDS: readonly string[] = ['aws', 'Aws', 'AWS'];

/** Every anchor literal the prefilter knows (AWS words aside): what the anchor-table test checks. */
export const PREFILTER_NEEDLES: readonly string[] = [...KEY_NEEDLES, ...NAME_WORDS, ...ACCOUNT_WORDS];

export interface PrefilterOptions {
  /** Whether the scan looks for account ids (core's `account-id` kind, off by default). */
  accountId?: boolean;
  /** Bytes the checks after name-word hits examined, added to `visited` (the linear-time test counts them). */
  stats?: { visited: number };
  /**
   * Test only words that start in [from, to) (bytes past `to` are still read: a name's value may
   * lie there). The decision for a word at p depends on bytes [p, p + PREFILTER_REACH) alone (and
   * on whether the buffer ends inside them), so a caller that knows those bytes are a copy of text
   * already found negative may skip p: the history scan's delta test (cli history/blobs.ts).
   */
  from?: number;
  to?: number;
}

/**
 * How far past a word's first byte its decision may read: the name reach (64 + 1), separators
 * (24 + 1 for an operator's `=`), a type annotation (24 + 8 blanks + `=` + 1 look) and separators
 * again (25), then the longest value (100): 249, rounded up. test/prefilter.test.ts builds the
 * longest-reaching text and checks every decision is blind to bytes this far on.
 */
export const PREFILTER_REACH = 320;

// ---- the byte test ---------------------------------------------------------------------------

/** Core's name reach (scan.ts MAX_NAME_REACH) and separator limit (MAX_SEPARATOR_RUN). */
const NAME_REACH = 64;
const SEPARATOR_RUN = 24;
/** Raw characters a value needs at least (SECRET_KEY_LENGTH, MIN_SESSION_TOKEN_LENGTH, 12 digits). */
const SECRET_RAW = 40;
const TOKEN_RAW = 100;
const ACCOUNT_RAW = 12;
const TYPE_REACH = 24;
const TYPE_BLANKS = 8;
/** Bytes examined by the runs below since the module loaded (what `stats.visited` reports). */
let visited = 0;

const enum Value {
  Named,
  Account,
}

// Byte classes, one bit each in one table: name characters, separators (scan.ts isSeparator),
// operators before `=` (isOperatorChar), word characters, and what the raw text of a secret key, a
// session token and an account id can hold.
const enum Bit {
  Name = 1,
  Sep = 2,
  Op = 4,
  Word = 8,
  SecretCh = 16,
  TokenCh = 32,
  AccountCh = 64,
}
const CLASS = new Uint8Array(256);
{
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const members: [string, number][] = [
    [`${alnum}_-.`, Bit.Name],
    [' \t\n\r"\'`\\=:>,([|', Bit.Sep],
    ['+.?|<!*/%&^', Bit.Op],
    [`${alnum}_`, Bit.Word],
    [`${alnum}+/%\\`, Bit.SecretCh],
    [`${alnum}+/%=._~-`, Bit.TokenCh],
    ['0123456789-', Bit.AccountCh],
  ];
  for (const [chars, bit] of members) for (let i = 0; i < chars.length; i++) (CLASS[chars.charCodeAt(i)] as number) |= bit;
}

/** Length of the run of `bit` bytes at `at`, counted up to `max`. */
function runOf(b: Uint8Array, at: number, bit: number, max: number): number {
  const end = Math.min(b.length, at + max);
  let j = at;
  while (j < end && ((CLASS[b[j] as number] as number) & bit) !== 0) j++;
  visited += j - at + 1;
  return j - at;
}

/** Where skipSeparators stops from `at` (separators, operator + `=`, up to its limit), or -1 as it returns. */
function separatorsEnd(b: Uint8Array, at: number): number {
  const limit = Math.min(b.length, at + SEPARATOR_RUN);
  let j = at;
  while (j < limit) {
    const c = CLASS[b[j] as number] as number;
    if ((c & Bit.Sep) !== 0) j++;
    else if ((c & Bit.Op) !== 0 && b[j + 1] === 61) j += 2;
    else break;
  }
  visited += j - at + 1;
  return j === at || j >= b.length ? -1 : j;
}

function valueAt(b: Uint8Array, at: number, value: Value): boolean {
  if (value === Value.Account) return runOf(b, at, Bit.AccountCh, ACCOUNT_RAW) === ACCOUNT_RAW;
  return runOf(b, at, Bit.SecretCh, SECRET_RAW) === SECRET_RAW || runOf(b, at, Bit.TokenCh, TOKEN_RAW) === TOKEN_RAW;
}

/** Whether core's name reader could reach a value after the name run ending at `end` (namedAt). */
function valueFollows(b: Uint8Array, end: number, value: Value): boolean {
  const at = separatorsEnd(b, end);
  if (at < 0) return false;
  if (valueAt(b, at, value)) return true;
  // skipTypeAnnotation: a word (shorter than its reach), blanks, one `=` (not `==`), separators.
  const word = runOf(b, at, Bit.Word, TYPE_REACH);
  if (word === 0 || at + word === Math.min(b.length, at + TYPE_REACH)) return false;
  let k = at + word;
  const blanksEnd = k + TYPE_BLANKS;
  while (k < b.length && k < blanksEnd && (b[k] === 32 || b[k] === 9)) k++;
  visited += k - at - word + 2;
  if (b[k] !== 61 || b[k + 1] === 61) return false;
  const after = separatorsEnd(b, k);
  return after >= 0 && valueAt(b, after, value);
}

/** At a name word at `i` (length `len`): its run's end when within reach (and, for AWS words, ending in key/sak), else -1. */
function nameEnd(b: Uint8Array, i: number, len: number, aws: boolean): number {
  const run = runOf(b, i + len, Bit.Name, NAME_REACH - len + 1);
  if (len + run > NAME_REACH) return -1;
  const end = i + len + run;
  if (!aws) return end;
  if (end - i < 6) return -1;
  const x = (b[end - 3] as number) | 0x20;
  const y = (b[end - 2] as number) | 0x20;
  const z = (b[end - 1] as number) | 0x20;
  return (x === 107 && y === 101 && z === 121) || (x === 115 && y === 97 && z === 107) ? end : -1; // key sak
}

const enum Word {
  Key,
  Name,
  Aws,
  Account,
}
const WORDS: readonly (readonly [string, Word])[] = [
  ...KEY_NEEDLES.map((n) => [n, Word.Key] as const),
  ...NAME_WORDS.map((n) => [n, Word.Name] as const),
  ...AWS_NAME_WORDS.map((n) => [n, Word.Aws] as const),
  ...ACCOUNT_WORDS.map((n) => [n, Word.Account] as const),
];
const WORD_BYTES = WORDS.map(([w]) => Buffer.from(w, 'latin1'));
/**
 * One pass finds every word, looking at every third byte pair: an occurrence at p has a pair at
 * p+o, p+o+1 or p+o+2 that is its characters o..o+3, for a window o chosen per word (the one with
 * the fewest lower-case pairs, the commonest in text); a 3-character AWS word's third pair is its
 * `s`/`S` and the next byte, which must be a name character for nameEnd to accept it (6+ bytes).
 * 3-4× less CPU than one indexOf pass per word (25 passes, and those for 7+ characters use a
 * slower search than memchr) on aws-cli's history.
 */
const STRIDE = 3;

interface PairTable {
  /** Bit `pair` set where `candidates` has a list: the loop's one test per pair (8 KB: stays in L1). */
  pairs: Int32Array;
  /** Per byte pair: (word << 4 | offset of the pair in the word). */
  candidates: (Int32Array | undefined)[];
}

function pairTable(accountId: boolean): PairTable {
  const lists = new Map<number, number[]>();
  const add = (pair: number, entry: number) => {
    const list = lists.get(pair) ?? [];
    if (!list.includes(entry)) list.push(entry);
    lists.set(pair, list);
  };
  const lower = (c: number | undefined) => c !== undefined && c >= 97 && c <= 122;
  WORD_BYTES.forEach((w, k) => {
    const kind = (WORDS[k] as readonly [string, Word])[1];
    if (kind === Word.Account && !accountId) return;
    let window = 0;
    let best = Infinity;
    for (let o = 0; o + STRIDE < w.length; o++) {
      let score = 0;
      for (let i = o; i < o + STRIDE; i++) if (lower(w[i]) && lower(w[i + 1])) score++;
      if (score < best) [best, window] = [score, o];
    }
    for (let o = window; o < window + STRIDE; o++) {
      if (o + 1 < w.length) add(((w[o] as number) << 8) | (w[o + 1] as number), (k << 4) | o);
      else if (o < w.length && kind === Word.Aws) {
        for (let c = 0; c < 256; c++) if (((CLASS[c] as number) & Bit.Name) !== 0) add(((w[o] as number) << 8) | c, (k << 4) | o);
      } else throw new Error(`prefilter word ${WORDS[k]?.[0]} is shorter than the stride`);
    }
  });
  const table: PairTable = { pairs: new Int32Array(2048), candidates: [] };
  for (let pair = 0; pair < 65536; pair++) table.candidates.push(undefined);
  for (const [pair, list] of lists) {
    table.candidates[pair] = Int32Array.from(list);
    (table.pairs[pair >> 5] as number) |= 1 << (pair & 31);
  }
  return table;
}
/** Built on first use (~25 ms): the CLI loads this module first, for every command. */
const TABLES: (PairTable | undefined)[] = [undefined, undefined];

function wordAt(b: Uint8Array, at: number, w: Uint8Array): boolean {
  if (at < 0 || at + w.length > b.length) return false;
  for (let i = 0; i < w.length; i++) if (b[at + i] !== w[i]) return false;
  return true;
}

/**
 * False only when `analyze` can find (or inline-ignore) nothing in the UTF-8 or Latin-1 text these
 * bytes hold, with its default kinds (plus `account-id` when `options.accountId`). Linear: one pass,
 * and each word found does bounded work (the name reach, the separator limit, the type reach, the
 * value length).
 */
export function mayHaveFindings(buf: Uint8Array, options: PrefilterOptions = {}): boolean {
  const b = buf;
  const n = b.length;
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(n, options.to ?? n);
  if (from >= to) return false;
  // Pairs past `to`: a word starting before it is seen at most 14 bytes on (its window's last pair).
  const last = Math.min(n, to + 16);
  const t = options.accountId === true ? 1 : 0;
  const { pairs, candidates } = TABLES[t] ?? (TABLES[t] = pairTable(t === 1));
  const before = visited;
  try {
    // The stride stays aligned to 0 (an occurrence at p is seen at the multiple of 3 in its window).
    for (let j = from - (from % STRIDE); j + 1 < last; j += STRIDE) {
      const pair = ((b[j] as number) << 8) | (b[j + 1] as number);
      if ((((pairs[pair >> 5] as number) >>> (pair & 31)) & 1) === 0) continue;
      const list = candidates[pair] as Int32Array;
      for (let c = 0; c < list.length; c++) {
        const k = (list[c] as number) >> 4;
        const at = j - ((list[c] as number) & 15);
        const w = WORD_BYTES[k] as Buffer;
        if (at < from || at >= to || !wordAt(b, at, w)) continue;
        const kind = (WORDS[k] as readonly [string, Word])[1];
        visited += w.length;
        if (kind === Word.Key) return true;
        const end = nameEnd(b, at, w.length, kind === Word.Aws);
        if (end >= 0 && valueFollows(b, end, kind === Word.Account ? Value.Account : Value.Named)) return true;
      }
    }
    return false;
  } finally {
    if (options.stats) options.stats.visited += visited - before;
  }
}

// ---- the same test as a regular expression ------------------------------------------------------

/**
 * The same test as one regular expression, matched a line at a time (`git grep -P`, byte mode): a
 * superset of mayHaveFindings, which also follows separators across line ends — here a name whose
 * separators reach the end of its line counts. Linear: literals, and after each hit runs bounded
 * by the name reach, the separator limit and the value length; possessive, so nothing is retried.
 * `flavor: 'js'` spells the possessive runs as `(?=(x*))\k` (JavaScript has no `*+`), for tests.
 */
export function prefilterPattern(options: PrefilterOptions & { flavor?: 'pcre' | 'js' } = {}): string {
  let groups = 0;
  const atomic = (x: string, q: string) => (options.flavor === 'js' ? `(?=(?<p${++groups}>${x}${q}))\\k<p${groups}>` : `${x}${q}+`);
  const name = '[A-Za-z0-9_.-]';
  const sepClass = String.raw`[ \t\r"'\x60\\=:>,(\[|+.?<!*/%&^]`;
  const sep = String.raw`(?:[ \t\r"'\x60\\=:>,(\[|]|[+.?|<!*/%&^]=)`;
  const named = String.raw`[A-Za-z0-9+/%\\]{40}|[A-Za-z0-9+/%=._~-]{100}`;
  const account = '[0-9-]{12}';
  // The line's end (a newline separates), or separators then the line's end or a value, or 24
  // characters that may be separators (skipSeparators' limit: the value may start inside them).
  // After a type annotation the separators start at its `=`, as skipSeparators does.
  const separated = (value: string) => `(?:(?=${sepClass}{24})|$|${atomic(sep, '+')}(?:$|${value}|%TYPE%))`;
  const after = (value: string) => separated(value).replace('%TYPE%', `[A-Za-z0-9_]{1,23}[ \\t]{0,8}(?==(?!=))${separated(value).replace('|%TYPE%', '')}`);
  const reach = (len: number) => `${atomic(name, `{0,${NAME_REACH - len}}`)}(?!${name})`;
  const parts = [
    ...KEY_NEEDLES,
    `(?:${NAME_WORDS.filter((w) => w.length === 6).join('|')})${reach(6)}${after(named)}`,
    `(?:${NAME_WORDS.filter((w) => w.length === 5).join('|')})${reach(5)}${after(named)}`,
    `(?:${AWS_NAME_WORDS.join('|')})${reach(3)}(?<=[Kk][Ee][Yy]|[Ss][Aa][Kk])${after(named)}`,
  ];
  if (options.accountId) parts.push(`(?:${ACCOUNT_WORDS.join('|')})${reach(7)}${after(account)}`);
  return parts.join('|');
}
