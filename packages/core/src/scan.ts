import { DEFAULT_KINDS, KINDS } from './kinds.js';
import {
  BEDROCK_LONG_TERM,
  BEDROCK_LONG_TERM_MAX,
  BEDROCK_SHORT_TERM_MAX,
  BEDROCK_SHORT_TERM_PREFIX,
  parseBedrockPresignedUrl,
  type BedrockDetails,
} from './bedrock.js';
import {
  decodeBase64,
  decodeBase64Runs,
  decodedShape,
  decodeJsonEscapes,
  decodePercentBase64,
  isBase64UrlChar,
  isPercentBase64,
  isUnicodeEscapedBase64,
} from './codec.js';
import {
  isSecretKeyShaped,
  isSessionTokenName,
  isTokenShaped,
  MIN_SESSION_TOKEN_LENGTH,
  opaqueTokenKind,
  SECRET_KEY_LENGTH,
  SESSION_TOKEN_PREFIXES,
  startsInsideToken,
} from './shapes.js';
import { Anchors, AnchorKind, STREAMS } from './anchors.js';
import { isDocumentationExample, isLowDiversity } from './allowlist.js';
import { followsEscape, followsPercentEncoding, isBase64, isNameChar, isUpper, isWordChar } from './charclass.js';
import { directiveApplies, directivesFor, type LineDirectives } from './ignore.js';
import { classifyKeyIdBody, decodeAccountId, isCanaryAccount, keyTypeOf, KEY_ID_LENGTH } from './key-id.js';
import { accountNameStrength, secretNameStrength, tokenNameStrength, type NameStrength } from './key-name.js';
import { LineIndex } from './lines.js';
import { mask, maskAccountId } from './mask.js';
import { messageFor } from './messages.js';
import type { Confidence, Finding, FindingEncoding, FindingKind, ScanOptions, ScanResult, ScanStats } from './types.js';

const ACCOUNT_ANCHORS = /[Aa]ccount|ACCOUNT/g;

type NameKind = 'secret' | 'token' | 'account';
const NAME_KINDS: readonly NameKind[] = ['secret', 'token'];
const ACCOUNT_KIND: readonly NameKind[] = ['account'];
/** The extent of the last name judged by one anchor pass. */
interface NameRun {
  start: number;
  end: number;
}

/** How far (in characters) a name may reach on either side of its anchor, and how far separators may run. */
const MAX_NAME_REACH = 64;
const MAX_SEPARATOR_RUN = 24;
/** Pairing window around a key id: 3 lines either side, at most this many characters. */
const PAIR_LINES = 3;
const PAIR_REACH = 600;
/** Window searched for the words `aws`/`amazon` when a name is only weakly AWS-ish. */
const AWS_CONTEXT_REACH = 400;
/** Words that put a weakly named value in an AWS context (`laws`, `draws` do not count). */
const AWS_WORDS = /(?<![a-z])aws|amazon|amzn|boto(?:3|core)/gi;

interface Candidate {
  kind: FindingKind;
  start: number;
  end: number;
  confidence: Confidence;
  evidence: string[];
  keyName?: string;
  /** Set for values named only weakly (`secret_key`): kept only if AWS is mentioned near this offset. */
  awsContextAt?: number;
  /** For base64-encoded values: the credential itself (masked and decoded from this, never printed). */
  decoded?: string;
  /** For Bedrock API keys: what the key decodes to. */
  bedrock?: BedrockDetails;
  /** How the value is encoded in the text (Finding.encoding). */
  encoding?: FindingEncoding;
  /** For credentials found inside a decoded base64 blob: the finding in the decoded text. */
  inner?: Finding;
}

/**
 * Base64 blobs are decoded and scanned to this depth (base64 inside base64 inside the file):
 * each level reads at most 3/4 of the characters of the one above, so the work stays linear.
 */
const MAX_DECODE_DEPTH = 2;
/**
 * Inside a base64 blob (a credentials file or JSON config in a Kubernetes Secret, a JWT claim):
 * what `AKIA`/`ASIA` encode to at byte offsets 1 and 2 mod 3 (offset 0 is the anchor pass's
 * QUtJQ/QVNJQ inside a run), whatever bytes surround them — `FLSU`, `FTSU`, `BS0lB`, `BU0lB` — as
 * needles and the strings one of which must precede them. Each needle is one indexOf pass over
 * the text, whose cost depends on how common its first character is: `SU` once instead of
 * `FLSU` and `FTSU`, and `S0lB`/`U0lB` instead of `0lB` (digits are common), 12 ms → 9 ms a pass
 * on the bench corpus. Needles for `secret`/`Secret` found secret-only blobs but cost 12% of
 * core's throughput (docs/detection.md).
 */
const BLOB_NEEDLES: readonly (readonly [string, readonly string[]])[] = [
  ['SU', ['FL', 'FT']],
  ['S0lB', ['B']],
  ['U0lB', ['B']],
];
/** Shorter runs are single values, judged by their own rules (QUtJQ, strong names). */
const MIN_BLOB_LENGTH = 32;

/**
 * Literals one of which every anchor contains (STREAMS with what must precede and follow each
 * needle, BLOB_NEEDLES, and the account anchors when `accountId`): a text holding none of them
 * has no finding and nothing inline-ignored, unless `options.context` names a key or a nearby key
 * id. All ASCII. For byte-level prefilters (the history scan); a test checks it against `analyze`.
 */
export function anchorLiterals(accountId = false): string[] {
  const out: string[] = [];
  for (const s of STREAMS) {
    for (const b of s.before) for (const a of s.after ?? ['']) out.push(`${b}${s.needle}${a}${s.rest ?? ''}`);
  }
  for (const [needle, before] of BLOB_NEEDLES) for (const b of before.length ? before : ['']) out.push(`${b}${needle}`);
  if (accountId) out.push('Account', 'account', 'ACCOUNT');
  return out;
}

/** Scans text for AWS credentials. Pure; linear in the length of `text`. */
export function scan(text: string, options: ScanOptions = {}): Finding[] {
  return analyze(text, options).findings;
}

/** Like scan, and also returns the findings that inline directives silenced. */
export function analyze(text: string, options: ScanOptions = {}): ScanResult {
  const scanner = new Scanner(text, options);
  return scanner.run();
}

class Scanner {
  private readonly text: string;
  private readonly kinds: ReadonlySet<FindingKind>;
  private readonly stats: ScanStats;
  private readonly options: ScanOptions;
  private readonly candidates = new Map<number, Candidate>();
  private readonly keyIds: number[] = [];
  private lines: LineIndex | undefined;
  private fileAwsContext: boolean;
  /** End of the last session-token run consumed, so anchors inside a run are not re-walked. */
  private tokenRunEnd = -1;
  /** End of the last name run an `aws` anchor looked at (see endsLikeAwsKeyName). */
  private awsRunEnd = -1;
  /** End of the last opaque token run walked for a session-token name, and its first dots. */
  private opaqueRunEnd = -1;
  private readonly opaqueDots: number[] = [];
  /** Offsets of `aws`/`amazon`/… words, computed on first need. */
  private awsWords: number[] | undefined;

  /** End of the last base64 blob run walked, so hits inside it do not walk it again. */
  private blobRunEnd = -1;
  /** Base64 values the anchor pass decoded as a whole (Bedrock keys, session tokens): [start, end) pairs, in order. */
  private readonly consumedRuns: number[] = [];
  /** `QUtJQ`/`QVNJQ` inside a longer base64 run, seen by the anchor pass: blob hits too. */
  private readonly blobHits: number[] = [];
  /** Base64 runs decoded with credentials inside: [start, end) pairs, in order. Not session tokens. */
  private readonly decodedBlobs: number[] = [];
  /** How many base64 decodings this text is inside (0 for the caller's text). */
  private readonly depth: number;

  constructor(text: string, options: ScanOptions, depth = 0) {
    this.text = text;
    this.depth = depth;
    this.options = options;
    this.kinds = new Set(options.kinds ?? DEFAULT_KINDS);
    this.stats = options.stats ?? { charsVisited: 0 };
    this.fileAwsContext = options.context?.awsContext === true || isAwsFile(options.filename);
  }

  run(): ScanResult {
    const text = this.text;
    if (this.options.context?.keyName !== undefined) this.namedValue(this.options.context.keyName);

    const anchors = new Anchors(text);
    const names: NameRun = { start: -1, end: -1 };
    let from = 0;
    let i: number;
    while ((i = anchors.nextAt(from)) >= 0) {
      from = i + 1;
      const kind = anchors.kind;
      if (kind === AnchorKind.KeyId) {
        const end = this.keyIdAt(i);
        if (end > i) from = end;
      } else if (kind === AnchorKind.Secret || kind === AnchorKind.Token || kind === AnchorKind.AwsName) {
        // Judge the whole name once. Only a value moves the cursor: a key id may sit inside a
        // name (`my-secret-AKIA…`).
        if (i >= names.start && i < names.end) continue;
        // `aws` is common in AWS code; only names ending in `key`/`sak` are new evidence (those
        // holding `secret`/`token` are judged from those words), so others are not sliced.
        if (kind === AnchorKind.AwsName && (i < this.awsRunEnd || !this.endsLikeAwsKeyName(i))) continue;
        const end = this.namedAt(i, names, NAME_KINDS);
        if (end > from) from = end;
      } else if (kind === AnchorKind.Base64KeyId) {
        const end = this.base64KeyIdAt(i);
        if (end > i) from = end;
      } else if (kind === AnchorKind.BedrockLongTerm || kind === AnchorKind.BedrockShortTerm) {
        const end = kind === AnchorKind.BedrockLongTerm ? this.bedrockLongTermAt(i) : this.bedrockShortTermAt(i);
        if (end > i) from = this.consumed(i, end);
      } else {
        const end = this.tokenPrefixAt(i);
        if (end > i) from = this.consumed(i, end);
      }
    }
    this.stats.anchorChecks = (this.stats.anchorChecks ?? 0) + anchors.checks;
    if (this.depth < MAX_DECODE_DEPTH) this.base64Blobs();
    let m: RegExpExecArray | null;
    if (this.kinds.has('account-id')) {
      const acc = new RegExp(ACCOUNT_ANCHORS.source, 'g');
      const accountNames: NameRun = { start: -1, end: -1 };
      while ((m = acc.exec(text)) !== null) {
        if (m.index >= accountNames.start && m.index < accountNames.end) continue;
        const end = this.namedAt(m.index, accountNames, ACCOUNT_KIND);
        if (end > acc.lastIndex) acc.lastIndex = end;
      }
    }
    if (this.keyIds.length > 0) this.pairWithKeyIds();
    if (this.options.context?.nearbyKeyId === true) this.scanRuns(0, text.length, 'a key id next to this value');
    return this.finish();
  }

  private lineIndex(): LineIndex {
    if (!this.lines) {
      this.lines = new LineIndex(this.text);
      this.stats.charsVisited += this.text.length;
    }
    return this.lines;
  }

  private add(c: Candidate): void {
    const prev = this.candidates.get(c.start);
    if (!prev) {
      this.candidates.set(c.start, c);
      return;
    }
    // Same value found twice (by name and by pairing): keep the stronger, merge evidence.
    const rank = { high: 3, medium: 2, low: 1 } as const;
    const best = rank[c.confidence] > rank[prev.confidence] ? c : prev;
    const other = best === c ? prev : c;
    best.evidence = [...best.evidence, ...other.evidence.filter((e) => !best.evidence.includes(e))];
    best.keyName ??= other.keyName;
    // Needs AWS context only if both sightings need it.
    if (best.awsContextAt !== undefined && other.awsContextAt === undefined) delete best.awsContextAt;
    this.candidates.set(c.start, best);
  }

  // ---- access key ids -------------------------------------------------------------------

  /** Returns the end offset of a key id found at i, or i when there is none. */
  private keyIdAt(i: number): number {
    const text = this.text;
    const end = i + KEY_ID_LENGTH;
    if (end > text.length) return i;
    this.stats.charsVisited += 2;
    if (i > 0 && isWordChar(text.charCodeAt(i - 1)) && !followsEscape(text, i) && !followsPercentEncoding(text, i)) return i;
    if (end < text.length && isWordChar(text.charCodeAt(end))) return i;
    for (let k = i + 4; k < end; k++) {
      this.stats.charsVisited++;
      const ch = text.charCodeAt(k);
      if (!isUpper(ch) && !(ch >= 48 && ch <= 57)) return i;
    }
    this.stats.charsVisited += KEY_ID_LENGTH;
    const id = text.slice(i, end);
    // Documented decision: ids outside base32 (0, 1, 8, 9 in the body) are not AWS-issued;
    // they are reported by the validator (inspectAccessKeyId), not by the scanner.
    if (classifyKeyIdBody(id) !== 'key' || isDocumentationExample(id)) return i;
    const keyType = keyTypeOf(id);
    if (!keyType) return i;
    this.keyIds.push(i);
    if (!this.kinds.has('access-key-id')) return end;
    const evidence = [`${keyType} key id prefix with a base32 body`];
    const accountId = decodeAccountId(id);
    if (isCanaryAccount(accountId)) evidence.push('canarytokens.org canary account');
    const confidence: Confidence = keyType === 'AKIA' || keyType === 'ASIA' ? 'high' : 'medium';
    this.add({ kind: 'access-key-id', start: i, end, confidence, evidence });
    return this.urlPasswordAfterKeyId(end, keyType);
  }

  /**
   * `s3://AKIA…:<secret>@bucket`, `https://AKIA…:<secret>@host`: the password of a URL whose
   * user is a key id, percent-encoded (`%2F %2B`) as URLs require. Returns where scanning resumes.
   */
  private urlPasswordAfterKeyId(idEnd: number, keyType: string): number {
    const text = this.text;
    if (text.charCodeAt(idEnd) !== 58 /* : */ || !this.kinds.has('secret-access-key')) return idEnd;
    const start = idEnd + 1;
    const end = this.secretRunEnd(start);
    if (end < 0 || text.charCodeAt(end) !== 64 /* @ */) return idEnd;
    const raw = text.slice(start, end);
    const percent = raw.includes('%');
    const value = percent ? decodePercentBase64(raw) : raw;
    if (!isSecretKeyShaped(value)) return idEnd;
    const evidence = [`password of a URL whose user is a ${keyType} key id`];
    if (percent) evidence.push('percent-encoded value (%2F, %2B)');
    this.add({ kind: 'secret-access-key', start, end, confidence: 'high', evidence, ...(percent ? { decoded: value, encoding: 'percent' as const } : {}) });
    return end;
  }

  /**
   * A base64 value whose decoded form starts with an AKIA/ASIA key id: a Kubernetes Secret's
   * `data:`, a Helm value or `echo $KEY | base64` output. Decodes at most 21 bytes.
   */
  private base64KeyIdAt(i: number): number {
    const text = this.text;
    // inside a longer run: `AKIA`/`ASIA` at offset 0 of a base64 blob (a file or document)
    if (i > 0 && isBase64UrlChar(text.charCodeAt(i - 1))) {
      if (this.blobHits.length === 0 || (this.blobHits[this.blobHits.length - 1] ?? 0) < i) this.blobHits.push(i);
      return i;
    }
    const decoded = decodeBase64(text, i, 28);
    this.stats.charsVisited += 28;
    if (decoded === undefined || decoded.length < KEY_ID_LENGTH) return i;
    const id = decoded.slice(0, KEY_ID_LENGTH);
    if (decoded.length > KEY_ID_LENGTH && isWordChar(decoded.charCodeAt(KEY_ID_LENGTH))) return i;
    for (let k = 4; k < KEY_ID_LENGTH; k++) {
      const ch = id.charCodeAt(k);
      if (!isUpper(ch) && !(ch >= 48 && ch <= 57)) return i;
    }
    const keyType = keyTypeOf(id);
    if (!keyType || classifyKeyIdBody(id) !== 'key' || isDocumentationExample(id)) return i;
    const end = this.base64RunEnd(i, 64);
    this.keyIds.push(i);
    if (!this.kinds.has('access-key-id')) return end;
    this.add({ kind: 'access-key-id', start: i, end, confidence: 'high', evidence: [`base64-encoded ${keyType} key id`], decoded: id, encoding: 'base64' });
    return end;
  }

  /** End of a base64 value with its `=` padding, looking at no more than `max` characters. */
  private base64RunEnd(start: number, max: number): number {
    const text = this.text;
    const limit = Math.min(text.length, start + max);
    let j = start;
    while (j < limit && isBase64(text.charCodeAt(j))) j++;
    while (j < limit && text.charCodeAt(j) === 61) j++;
    this.stats.charsVisited += j - start;
    return j;
  }

  // ---- names: secret / token / account -------------------------------------------------

  /**
   * At an anchor word inside a name, reads the whole name, judges it, and looks for the
   * value it is assigned right after it (`name = value`, `"name": "value"`, `<name>value`,
   * `name: value`, `--name value`, `name=value` in a URL or an env file). Records the
   * name's extent in `run` so later anchors inside the same name are skipped: every
   * character of a name is read a bounded number of times however many anchors it holds.
   * Returns the end of the value consumed, or -1.
   */
  private namedAt(i: number, run: NameRun, whats: readonly NameKind[]): number {
    const text = this.text;
    let ns = i;
    const minStart = Math.max(0, i - MAX_NAME_REACH);
    while (ns > minStart && isNameChar(text.charCodeAt(ns - 1))) ns--;
    const tooLong = ns === minStart && ns > 0 && isNameChar(text.charCodeAt(ns - 1));
    let ne = i + 1;
    while (ne < text.length && isNameChar(text.charCodeAt(ne))) ne++;
    this.stats.charsVisited += ne - ns;
    run.start = ns;
    run.end = ne;
    // A name-character run longer than any key name (minified chains, base64, DNA): not a name.
    if (tooLong || ne - i > MAX_NAME_REACH) return -1;
    const name = text.slice(ns, ne);
    let consumed = -1;
    let valueStart = -2;
    for (const what of whats) {
      const strength = what === 'secret' ? secretNameStrength(name) : what === 'token' ? tokenNameStrength(name) : accountNameStrength(name);
      if (strength === 'none') continue;
      if (valueStart === -2) {
        valueStart = this.skipSeparators(ne);
        if (valueStart >= 0) valueStart = this.skipTypeAnnotation(valueStart);
      }
      if (valueStart < 0) return -1;
      const end = this.valueAfterName(valueStart, name, strength, what, ns);
      if (end > valueStart) consumed = Math.max(consumed, end);
    }
    return consumed;
  }

  /**
   * Whether the name-character run from i ends in `key` or `sak`, any case. The run's end is
   * kept: other `aws` anchors in the same run (`awsaws…`) have the same ending and are skipped.
   */
  private endsLikeAwsKeyName(i: number): boolean {
    const text = this.text;
    let ne = i + 3;
    while (ne < text.length && isNameChar(text.charCodeAt(ne))) ne++;
    this.stats.charsVisited += ne - i;
    this.awsRunEnd = ne;
    if (ne - i < 6 || ne - i > MAX_NAME_REACH) return false;
    const a = text.charCodeAt(ne - 3) | 0x20;
    const b = text.charCodeAt(ne - 2) | 0x20;
    const c = text.charCodeAt(ne - 1) | 0x20;
    return (a === 107 && b === 101 && c === 121) || (a === 115 && b === 97 && c === 107); // key sak
  }

  /** The value named by the host (ESLint's property/variable name) is the text itself. */
  private namedValue(keyName: string): void {
    const checks: ['secret' | 'token' | 'account', NameStrength][] = [
      ['secret', secretNameStrength(keyName)],
      ['token', tokenNameStrength(keyName)],
      ['account', this.kinds.has('account-id') ? accountNameStrength(keyName) : 'none'],
    ];
    let start = 0;
    while (start < this.text.length && isSkippable(this.text.charCodeAt(start))) start++;
    for (const [what, strength] of checks) {
      if (strength !== 'none') this.valueAfterName(start, keyName, strength, what, 0);
    }
  }

  /** Skips quotes, blanks and one assignment operator; returns where the value starts, or -1. */
  private skipSeparators(from: number): number {
    const text = this.text;
    const limit = Math.min(text.length, from + MAX_SEPARATOR_RUN);
    let j = from;
    for (;;) {
      if (j >= limit) break;
      const c = text.charCodeAt(j);
      if (isSeparator(c)) j++;
      // compound assignments: `+=`, `.=`, `?=`, `|=`, `<=`, `!=`, `*=`, `/=`, `%=`, `&=`, `^=`
      // (Makefile, PHP, shell): the operator character is not part of the value
      else if (isOperatorChar(c) && text.charCodeAt(j + 1) === 61 /* = */) j += 2;
      else break;
    }
    this.stats.charsVisited += j - from;
    if (j === from || j >= text.length) return -1;
    return j;
  }

  /**
   * Skips a type between a name and its value: Go `var name string = "…"`, TypeScript and Kotlin
   * `name: string = "…"`, C# `string name = …` needs nothing. A short word followed by `=` is a
   * type, not the value (values are 40+ characters). Returns where the value starts.
   */
  private skipTypeAnnotation(at: number): number {
    const text = this.text;
    const limit = Math.min(text.length, at + 24);
    let j = at;
    while (j < limit && isWordChar(text.charCodeAt(j))) j++;
    let k = j;
    while (k < text.length && k < j + 8 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    this.stats.charsVisited += k - at;
    if (j === at || j === limit || text.charCodeAt(k) !== 61 /* = */ || text.charCodeAt(k + 1) === 61) return at;
    const after = this.skipSeparators(k);
    return after < 0 ? at : after;
  }

  /** Returns the end of the value it consumed (or `start`). */
  private valueAfterName(start: number, name: string, strength: NameStrength, what: 'secret' | 'token' | 'account', nameStart: number): number {
    const text = this.text;
    if (what === 'secret') {
      const end = this.secretRunEnd(start);
      if (end < 0) return strength === 'strong' ? this.encodedSecretAfterName(start, name) : start;
      const raw = text.slice(start, end);
      const escaped = end - start !== SECRET_KEY_LENGTH && raw.includes('\\');
      const percent = end - start !== SECRET_KEY_LENGTH && raw.includes('%');
      const value = end - start === SECRET_KEY_LENGTH ? raw : decodePercentBase64(escaped ? decodeJsonEscapes(raw) : raw);
      if (!isSecretKeyShaped(value)) return start;
      const evidence = [`key name "${name}"${strength === 'weak' ? ' in an AWS context' : ''}`];
      if (escaped) evidence.push('JSON-escaped value (\\/ or \\u002F)');
      if (percent) evidence.push('percent-encoded value (%2F, %2B)');
      this.add({
        kind: 'secret-access-key',
        start,
        end,
        confidence: strength === 'strong' ? 'high' : 'medium',
        evidence,
        keyName: name,
        ...(strength === 'weak' ? { awsContextAt: nameStart } : {}),
        ...(escaped || percent ? { decoded: value } : {}),
        ...(escaped ? { encoding: 'json-escape' as const } : percent ? { encoding: 'percent' as const } : {}),
      });
      return end;
    } else if (what === 'token') {
      if (start <= this.tokenRunEnd) return start;
      let end = this.tokenRunFrom(start);
      let other: string | undefined;
      if (start >= this.opaqueRunEnd && isSessionTokenName(name)) {
        // MinIO's STS and other S3-compatible services put a JWT or another opaque token in the
        // session-token slot; the name is the evidence, the run admits `. - _ ~`. Each run is
        // walked once: a name inside a run already walked (`T=x.T=x.…`) does not walk it again.
        const wide = this.opaqueTokenRunFrom(start);
        this.opaqueRunEnd = wide;
        const kind = wide > end ? opaqueTokenKind(text, start, wide, this.opaqueDots) : undefined;
        if (kind) {
          end = wide;
          other = kind;
        }
      }
      if (end - start < MIN_SESSION_TOKEN_LENGTH) return start;
      const value = text.slice(start, end);
      if (!isTokenShaped(value)) return start;
      this.tokenRunEnd = end;
      const prefixed = SESSION_TOKEN_PREFIXES.some((p) => value.startsWith(p));
      const evidence = [`key name "${name}"${strength === 'weak' ? ' in an AWS context' : ''}`];
      if (prefixed) evidence.push('known STS session-token prefix');
      if (other) evidence.push(`${other}, not an STS token`);
      this.add({
        kind: 'session-token',
        start,
        end,
        confidence: strength === 'strong' || prefixed ? 'high' : 'medium',
        evidence,
        keyName: name,
        // An STS prefix is AWS evidence by itself; a weak name alone is not.
        ...(strength === 'weak' && !prefixed ? { awsContextAt: nameStart } : {}),
      });
      return end;
    } else {
      // 12 digits, optionally as 1234-5678-9012
      let end = start;
      let digits = '';
      while (end < text.length && end - start < 14) {
        const ch = text.charCodeAt(end);
        if (ch >= 48 && ch <= 57) digits += text[end];
        else if (ch !== 45 /* - */) break;
        end++;
      }
      if (digits.length !== 12 || (end < text.length && isWordChar(text.charCodeAt(end)))) return start;
      if (isLowDiversity(digits)) return start;
      const c: Candidate = {
        kind: 'account-id',
        start,
        end,
        confidence: strength === 'strong' ? 'medium' : 'low',
        evidence: [`key name "${name}"`],
        keyName: name,
        ...(strength === 'weak' ? { awsContextAt: nameStart } : {}),
      };
      this.add(c);
      return end;
    }
  }

  /**
   * End of a 40-character secret starting at `start`, or -1. `%2B`/`%2F` count as one character
   * each (a secret in a URL query); a 41st character or `=` padding (`%3D`) means a longer blob.
   */
  private secretRunEnd(start: number): number {
    const text = this.text;
    let j = start;
    let n = 0;
    while (n <= SECRET_KEY_LENGTH && j < text.length) {
      const ch = text.charCodeAt(j);
      if (isBase64(ch)) j++;
      else if (ch === 37 /* % */ && isPercentBase64(text, j) && text.charCodeAt(j + 1) === 50 /* %2B %2F */) j += 3;
      else if (ch === 92 /* \ */ && text.charCodeAt(j + 1) === 47)
        j += 2; // `\/`: PHP's json_encode, JSON
      else if (ch === 92 && isUnicodeEscapedBase64(text, j))
        j += 6; // `\u002F`, `\u002B`
      else break;
      n++;
    }
    this.stats.charsVisited += j - start;
    if (n !== SECRET_KEY_LENGTH) return -1;
    const next = text.charCodeAt(j);
    if (next === 61 /* = */ || (next === 37 && isPercentBase64(text, j))) return -1;
    return j;
  }

  /**
   * A strongly named secret stored base64-encoded (`AWS_SECRET_ACCESS_KEY: <base64>` in a
   * Kubernetes Secret's `data:`): 40 bytes, or 41 with the newline `echo` adds, encode to 56
   * characters with padding. Returns the end of the value, or `start`.
   */
  private encodedSecretAfterName(start: number, name: string): number {
    const end = this.base64RunEnd(start, 60);
    const len = end - start;
    if (len !== 56 || isBase64(this.text.charCodeAt(end))) return start;
    let decoded = decodeBase64(this.text, start, len);
    if (decoded === undefined) return start;
    if (decoded.endsWith('\n')) decoded = decoded.slice(0, decoded.endsWith('\r\n') ? -2 : -1);
    if (!isSecretKeyShaped(decoded)) return start;
    this.add({
      kind: 'secret-access-key',
      start,
      end,
      confidence: 'high',
      evidence: [`key name "${name}"`, 'base64-encoded value'],
      keyName: name,
      decoded,
      encoding: 'base64',
    });
    return end;
  }

  /** End of a session-token run: base64, percent-encoded `+ / =` (URLs), and trailing `=` padding. */
  private tokenRunFrom(start: number): number {
    const text = this.text;
    let j = start;
    const n = text.length;
    for (;;) {
      const ch = text.charCodeAt(j);
      if (j < n && isBase64(ch)) j++;
      else if (ch === 37 /* % */ && isPercentBase64(text, j)) j += 3;
      else break;
    }
    while (j < n && text.charCodeAt(j) === 61 && j - start > 0) j++;
    this.stats.charsVisited += j - start;
    return j;
  }

  /**
   * End of an opaque token run for a session-token name: base64 and base64url characters, `.`
   * (JWT segments), `~`, `=` and percent-encodings. Only called once per named value.
   */
  private opaqueTokenRunFrom(start: number): number {
    const text = this.text;
    let j = start;
    const n = text.length;
    const dots = this.opaqueDots;
    dots.length = 0;
    for (;;) {
      const ch = text.charCodeAt(j);
      if (j < n && (isBase64(ch) || ch === 45 || ch === 95 || ch === 46 || ch === 126 || ch === 61)) {
        if (ch === 46 && dots.length < 3) dots.push(j);
        j++;
      } else if (ch === 37 /* % */ && isPercentBase64(text, j)) j += 3;
      else break;
    }
    // a sentence-ending dot is not part of the token
    while (j > start && text.charCodeAt(j - 1) === 46) j--;
    this.stats.charsVisited += j - start;
    return j;
  }

  // ---- base64 blobs -------------------------------------------------------------------------

  /** Records a base64 value decoded as a whole, so the blob pass does not decode it again. */
  private consumed(start: number, end: number): number {
    this.consumedRuns.push(start, end);
    return end;
  }

  /**
   * After the anchor pass: each blob needle is searched with its own forward indexOf loop (a
   * stream in the anchor pass would cost every anchor one more comparison), the sorted hit lists
   * are merged and each hit is judged in text order, so every run is walked once.
   */
  private base64Blobs(): void {
    const text = this.text;
    const lists: number[][] = [this.blobHits];
    let checks = 0;
    for (const [needle, before] of BLOB_NEEDLES) {
      const hits: number[] = [];
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
        checks++;
        if (before.length === 0 || before.some((p) => text.startsWith(p, i - p.length))) hits.push(i);
      }
      if (hits.length > 0) lists.push(hits);
    }
    this.stats.anchorChecks = (this.stats.anchorChecks ?? 0) + checks;
    const heads = lists.map(() => 0);
    const consumed = this.consumedRuns;
    let c = 0;
    for (;;) {
      let best = -1;
      let bestList = -1;
      for (let l = 0; l < lists.length; l++) {
        const at = lists[l]?.[heads[l] ?? 0];
        if (at !== undefined && (best < 0 || at < best)) {
          best = at;
          bestList = l;
        }
      }
      if (bestList < 0) return;
      heads[bestList] = (heads[bestList] ?? 0) + 1;
      while (c < consumed.length && (consumed[c + 1] ?? 0) <= best) c += 2;
      if (c < consumed.length && (consumed[c] ?? 0) <= best) continue;
      this.base64BlobAt(best);
    }
  }

  /**
   * At a hit of a base64 blob needle (anchors.ts), finds the run around it — base64 or
   * base64url, lines wrapped at a multiple of 4 characters (`base64` wraps at 76) joined — decodes
   * it once and scans the decoded text, to MAX_DECODE_DEPTH levels. Findings inside are reported
   * at the span of the encoded run that holds them. Returns the run's end when something was
   * found (its characters are the blob's), else `i`.
   */
  private base64BlobAt(i: number): number {
    const text = this.text;
    if (this.depth >= MAX_DECODE_DEPTH || i < this.blobRunEnd) return i;
    let s = i;
    const floor = Math.max(0, this.blobRunEnd);
    while (s > floor && isBase64UrlChar(text.charCodeAt(s - 1))) s--;
    // segments of the run: [textStart, textEnd) pieces, joined across wrapped lines
    const segments: number[] = [];
    let segStart = s;
    let e = i;
    for (;;) {
      while (e < text.length && isBase64UrlChar(text.charCodeAt(e))) e++;
      const len = e - segStart;
      let next = e;
      if (text.charCodeAt(next) === 13) next++;
      if (len >= 60 && len % 4 === 0 && text.charCodeAt(next) === 10 && isBase64UrlChar(text.charCodeAt(next + 1))) {
        segments.push(segStart, e);
        segStart = next + 1;
        e = segStart;
        continue;
      }
      break;
    }
    if (text.charCodeAt(e) === 61) e += text.charCodeAt(e + 1) === 61 ? 2 : 1;
    segments.push(segStart, e);
    this.stats.charsVisited += e - s;
    // Each run is walked once, whatever is in it.
    this.blobRunEnd = e;
    if (e - s < MIN_BLOB_LENGTH) return i;
    // Random binary (images, keys, digests) hits needles too: decode 48 characters around the
    // hit before decoding a run that may be megabytes long (lines are whole quanta, so the line's
    // start gives the alignment).
    const lineStart = segments[segments.length - 2] ?? s;
    const at = i >= lineStart ? lineStart + Math.max(0, Math.floor((i - lineStart - 24) / 4) * 4) : s;
    this.stats.charsVisited += 48;
    if (!decodeBase64Runs(text, [at, Math.min(at + 48, e)]).text) return i;
    const { decoded, text: isText } = decodeBase64Runs(text, segments);
    this.stats.charsVisited += e - s;
    if (!isText) return i;
    const inner = new Scanner(
      decoded,
      { kinds: [...this.kinds], inlineIgnores: false, stats: this.stats, ...(this.fileAwsContext ? { context: { awsContext: true } } : {}) },
      this.depth + 1,
    ).run().findings;
    if (inner.length === 0) return i;
    this.decodedBlobs.push(s, e);
    // compact offset → text offset; findings come in order, so one cursor walks the segments once
    let seg = 0;
    let before = 0;
    const toText = (c: number): number => {
      while (seg + 2 < segments.length && c > before + ((segments[seg + 1] ?? 0) - (segments[seg] ?? 0))) {
        before += (segments[seg + 1] ?? 0) - (segments[seg] ?? 0);
        seg += 2;
      }
      return Math.min(e, (segments[seg] ?? 0) + (c - before));
    };
    for (const f of inner) {
      const start = toText(Math.floor((f.start * 4) / 3));
      const end = Math.min(e, toText(Math.ceil((f.end * 4) / 3)));
      const how =
        f.encoding === 'base64'
          ? 'base64-encoded twice'
          : f.encoding
            ? `base64-encoded, then ${f.encoding === 'percent' ? 'percent-encoded' : 'JSON-escaped'} inside`
            : 'base64-encoded';
      const evidence = [...f.evidence, `${how} (in a ${decodedShape(decoded)} stored as base64)`];
      this.add({ kind: f.kind, start, end, confidence: f.confidence, evidence, inner: f, ...(f.keyName !== undefined ? { keyName: f.keyName } : {}) });
    }
    return e;
  }

  // ---- Amazon Bedrock API keys ------------------------------------------------------------

  /**
   * A long-term Bedrock API key: `ABSK` + base64 of `BedrockAPIKey-<id>-at-<account>:<secret>`
   * (the IAM service-specific credential's user name and password). Decoded to check the
   * shape and name the account. Returns the end of the key, or i.
   */
  private bedrockLongTermAt(i: number): number {
    const text = this.text;
    if (startsInsideToken(text, i)) return i;
    const end = this.base64RunEnd(i + 4, BEDROCK_LONG_TERM_MAX);
    if (end - (i + 4) < 40 || isBase64(text.charCodeAt(end)) || isWordChar(text.charCodeAt(end))) return i;
    const decoded = decodeBase64(text, i + 4, end - (i + 4));
    this.stats.charsVisited += end - i;
    const m = decoded === undefined ? null : BEDROCK_LONG_TERM.exec(decoded);
    if (!m || isDocumentationExample(decoded ?? '')) return i;
    const account = m[2] ?? '';
    this.add({
      kind: 'bedrock-api-key',
      start: i,
      end,
      confidence: 'high',
      evidence: [`long-term Amazon Bedrock API key (ABSK, decodes to BedrockAPIKey-…-at-${maskAccountId(account)})`],
      bedrock: { accountId: account },
    });
    return end;
  }

  /**
   * A short-term Bedrock API key: `bedrock-api-key-` + base64 of a presigned
   * `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=ASIA…` URL (the SDK's
   * token generator). The URL is decoded to name the signing key id (masked) and the expiry.
   */
  private bedrockShortTermAt(i: number): number {
    const text = this.text;
    if (i > 0 && isWordChar(text.charCodeAt(i - 1)) && !followsEscape(text, i) && !followsPercentEncoding(text, i)) return i;
    const valueStart = i + BEDROCK_SHORT_TERM_PREFIX.length;
    const end = this.base64RunEnd(valueStart, BEDROCK_SHORT_TERM_MAX);
    if (end - valueStart < 100 || isBase64(text.charCodeAt(end))) return i;
    const decoded = decodeBase64(text, valueStart, end - valueStart);
    this.stats.charsVisited += end - valueStart;
    const details = decoded === undefined ? undefined : parseBedrockPresignedUrl(decoded);
    if (!details) return i;
    const evidence = ['short-term Amazon Bedrock API key (bedrock-api-key-, a presigned CallWithBearerToken URL)'];
    if (details.embeddedKeyId) evidence.push(`signed with key id ${details.embeddedKeyId}`);
    if (details.expiresAt) evidence.push(`expires ${details.expiresAt}`);
    this.add({ kind: 'bedrock-api-key', start: i, end, confidence: 'high', evidence, bedrock: details });
    return end;
  }

  // ---- STS token prefixes ---------------------------------------------------------------

  private tokenPrefixAt(i: number): number {
    const text = this.text;
    if (i <= this.tokenRunEnd) return i;
    if (i > 0 && isBase64(text.charCodeAt(i - 1)) && !followsEscape(text, i) && !followsPercentEncoding(text, i)) return i;
    const end = this.tokenRunFrom(i);
    this.tokenRunEnd = end;
    if (end - i < MIN_SESSION_TOKEN_LENGTH) return end;
    const value = text.slice(i, end);
    if (isDocumentationExample(value) || !isTokenShaped(value)) return end;
    if (this.kinds.has('session-token')) {
      this.add({ kind: 'session-token', start: i, end, confidence: 'high', evidence: ['known STS session-token prefix'] });
    }
    return end;
  }

  // ---- pairing: 40-character values next to a key id ------------------------------------

  private pairWithKeyIds(): void {
    const text = this.text;
    // Windows are found by walking at most PAIR_REACH characters from each key id, and line
    // numbers (for the evidence) by counting line breaks with indexOf as the ids advance: no
    // full line index, so a file with one key id costs one memchr pass, not a per-character loop.
    const loneCr = !text.includes('\n') && text.includes('\r');
    let line = 1;
    let counted = 0;
    const lineAt = (at: number): number => {
      if (loneCr) return this.lineIndex().lineOf(at);
      for (let p = text.indexOf('\n', counted); p !== -1 && p < at; p = text.indexOf('\n', p + 1)) line++;
      counted = at;
      return line;
    };
    const breakChar = loneCr ? 13 : 10;
    let windowStart = -1;
    let windowEnd = -1;
    let anchorLine = 0;
    const flush = (): void => {
      if (windowStart >= 0) this.scanRuns(windowStart, windowEnd, `a key id on line ${anchorLine}`);
    };
    for (const at of this.keyIds) {
      const idEnd = at + KEY_ID_LENGTH;
      if (windowStart >= 0 && at <= windowEnd) {
        // Extend the current window from where it ends.
        windowEnd = Math.max(windowEnd, this.forwardLines(Math.max(windowEnd, idEnd), idEnd, breakChar));
        continue;
      }
      flush();
      const floor = Math.max(0, at - PAIR_REACH, windowEnd);
      let ws = at;
      let breaks = 0;
      while (ws > floor) {
        if (text.charCodeAt(ws - 1) === breakChar && ++breaks > PAIR_LINES) break;
        ws--;
      }
      this.stats.charsVisited += at - ws;
      windowStart = ws;
      windowEnd = this.forwardLines(idEnd, idEnd, breakChar);
      anchorLine = lineAt(at);
    }
    flush();
  }

  /** End of the PAIR_LINES-th line after the one holding `idEnd`, at most PAIR_REACH past it; walks from `from`. */
  private forwardLines(from: number, idEnd: number, breakChar: number): number {
    const text = this.text;
    const limit = Math.min(text.length, idEnd + PAIR_REACH);
    let breaks = 0;
    for (let p = idEnd; p < from && p < limit; p++) if (text.charCodeAt(p) === breakChar) breaks++;
    let j = from;
    while (j < limit) {
      if (text.charCodeAt(j) === breakChar && ++breaks > PAIR_LINES) break;
      j++;
    }
    this.stats.charsVisited += j - from;
    return j;
  }

  /** Finds 40-character secret-shaped runs (and STS-looking long runs) in [from, to). */
  private scanRuns(from: number, to: number, near: string): void {
    const text = this.text;
    let j = from;
    while (j < to) {
      const ch = text.charCodeAt(j);
      if (!isBase64(ch)) {
        j++;
        continue;
      }
      const start = j;
      while (j < text.length && isBase64(text.charCodeAt(j))) j++;
      this.stats.charsVisited += j - start;
      const len = j - start;
      if (start > 0 && isBase64(text.charCodeAt(start - 1))) continue;
      if (len === SECRET_KEY_LENGTH && text.charCodeAt(j) !== 61 && this.kinds.has('secret-access-key')) {
        const value = text.slice(start, j);
        if (isSecretKeyShaped(value)) {
          this.add({ kind: 'secret-access-key', start, end: j, confidence: 'medium', evidence: [`next to ${near}`] });
        }
      } else if (len >= MIN_SESSION_TOKEN_LENGTH && start > this.tokenRunEnd && this.kinds.has('session-token')) {
        const end = this.tokenRunFrom(start);
        const value = text.slice(start, end);
        // `YXdz` is also how `aws_access_key_id` starts in base64: a blob already decoded to the
        // credentials it holds (a credentials file next to a plain key id) is not a token.
        if (this.inDecodedBlob(start)) {
          j = Math.max(j, end);
          continue;
        }
        if ((value.includes('YXdz') || value.includes('Jb3JpZ2luX2Vj')) && isTokenShaped(value) && !isDocumentationExample(value)) {
          this.add({ kind: 'session-token', start, end, confidence: 'medium', evidence: [`STS-encoded value next to ${near}`] });
        }
        j = Math.max(j, end);
      }
    }
  }

  /** Whether `at` lies in a base64 run decoded with credentials inside (binary search). */
  private inDecodedBlob(at: number): boolean {
    const runs = this.decodedBlobs;
    let lo = 0;
    let hi = runs.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((runs[mid * 2 + 1] ?? 0) <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo < runs.length / 2 && (runs[lo * 2] ?? Infinity) <= at;
  }

  /**
   * Whether a weakly named value has AWS context: the file or host says so, the text holds
   * a key id, or `aws`/`amazon`/`amzn`/`boto3` appears within AWS_CONTEXT_REACH characters
   * of the name (anywhere, in a Terraform file). Decided after the anchor pass, with one
   * linear search for those words, so dense weak names cost nothing extra.
   */
  private hasAwsContext(at: number): boolean {
    if (this.fileAwsContext || this.keyIds.length > 0 || this.options.context?.nearbyKeyId === true) return true;
    if (!this.awsWords) {
      this.awsWords = [];
      const re = new RegExp(AWS_WORDS.source, 'gi');
      let m: RegExpExecArray | null;
      while ((m = re.exec(this.text)) !== null) this.awsWords.push(m.index);
      this.stats.charsVisited += this.text.length;
    }
    const words = this.awsWords;
    if (words.length === 0) return false;
    if (isTerraformFile(this.options.filename)) return true;
    // First word at or after at - reach.
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((words[mid] ?? 0) < at - AWS_CONTEXT_REACH) lo = mid + 1;
      else hi = mid;
    }
    return lo < words.length && (words[lo] ?? Infinity) <= at + AWS_CONTEXT_REACH;
  }

  // ---- results -------------------------------------------------------------------------

  private finish(): ScanResult {
    const findings: Finding[] = [];
    const ignored: Finding[] = [];
    if (this.candidates.size === 0) return { findings, ignored };
    const honour = this.options.inlineIgnores !== false && this.text.includes('credlint-ignore');
    const cache = new Map<number, LineDirectives>();
    const sorted = [...this.candidates.values()].sort((a, b) => a.start - b.start);
    let lastEnd = -1;
    for (const c of sorted) {
      if (!this.kinds.has(c.kind)) continue;
      if (c.awsContextAt !== undefined && !this.hasAwsContext(c.awsContextAt)) continue;
      // Findings never overlap: a value inside one already reported (a key id-shaped piece of
      // a session token after a `/` or `+`) is part of that value.
      if (c.start < lastEnd) continue;
      lastEnd = c.end;
      const finding = this.toFinding(c);
      if (honour) {
        const lines = this.lineIndex();
        const line = lines.lineOf(c.start);
        let ds = cache.get(line);
        if (!ds) {
          // Reads this line and the one above once per line, however many findings it holds.
          this.stats.charsVisited += lines.lineEnd(line) - lines.lineStart(Math.max(1, line - 1));
          ds = directivesFor(lines, line);
          cache.set(line, ds);
        }
        const d = ds.same && directiveApplies(ds.same, finding) ? ds.same : ds.above && directiveApplies(ds.above, finding) ? ds.above : undefined;
        if (d) {
          finding.ignored = { line: d.line, directive: d.directive };
          ignored.push(finding);
          continue;
        }
      }
      findings.push(finding);
    }
    return { findings, ignored };
  }

  private toFinding(c: Candidate): Finding {
    if (c.inner) {
      // Found in a decoded blob: the inner finding's masked form and details, at the encoded span.
      const { message: _m, start: _s, end: _e, evidence: _ev, ignored: _i, encoding: _en, ...rest } = c.inner;
      const base: Omit<Finding, 'message'> = { ...rest, start: c.start, end: c.end, confidence: c.confidence, evidence: c.evidence, encoding: 'base64' };
      return { ...base, message: messageFor(base) };
    }
    const value = c.decoded ?? this.text.slice(c.start, c.end);
    // (slices share the text's storage; masking and account decoding read at most 24 characters)
    this.stats.charsVisited += Math.min(value.length, 24);
    const base: Omit<Finding, 'message'> = {
      kind: c.kind,
      ruleId: KINDS[c.kind].ruleId,
      start: c.start,
      end: c.end,
      confidence: c.confidence,
      evidence: c.evidence,
      masked: c.kind === 'account-id' ? '' : mask(value),
    };
    if (c.keyName !== undefined) base.keyName = c.keyName;
    if (c.encoding !== undefined) base.encoding = c.encoding;
    if (c.kind === 'access-key-id') {
      const keyType = keyTypeOf(value);
      if (keyType) base.keyType = keyType;
      const accountId = decodeAccountId(value);
      if (accountId) base.accountId = accountId;
      if (isCanaryAccount(accountId)) base.canary = true;
    }
    if (c.kind === 'account-id') {
      base.accountId = value.replace(/-/g, '');
      base.masked = maskAccountId(base.accountId);
    }
    if (c.bedrock) {
      if (c.bedrock.accountId) base.accountId = c.bedrock.accountId;
      if (c.bedrock.embeddedKeyId) base.embeddedKeyId = c.bedrock.embeddedKeyId;
      if (c.bedrock.expiresAt) base.expiresAt = c.bedrock.expiresAt;
    }
    return { ...base, message: messageFor(base) };
  }
}

function isSeparator(c: number): boolean {
  // blanks, quotes, backslash (escaped quotes), = : > , ( [ and `|` (YAML block scalars, tables)
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 92 ||
    c === 61 ||
    c === 58 ||
    c === 62 ||
    c === 44 ||
    c === 40 ||
    c === 91 ||
    c === 124
  );
}

function isOperatorChar(c: number): boolean {
  // + . ? | < ! * / % & ^
  return c === 43 || c === 46 || c === 63 || c === 124 || c === 60 || c === 33 || c === 42 || c === 47 || c === 37 || c === 38 || c === 94;
}

function isSkippable(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96;
}

function isTerraformFile(filename: string | undefined): boolean {
  return filename !== undefined && /\.(?:tf|tfvars|hcl)(?:\.json)?$/.test(filename);
}

function isAwsFile(filename: string | undefined): boolean {
  if (!filename) return false;
  const f = filename.replace(/\\/g, '/');
  return /(^|\/)\.aws\//.test(f) || /(^|\/)credentials$/.test(f);
}
