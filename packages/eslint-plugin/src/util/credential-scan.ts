import { analyze, DEFAULT_KINDS, findIgnoreDirective, LineIndex, type Finding, type FindingKind, type ScanResult } from '@credlint/core';
import { isEvidenceName } from './names.js';

/** Values shorter than this cannot hold a finding that a name adds (secrets are 40, tokens ≥ 100). */
const MIN_NAMED_LENGTH = 40;

/**
 * core's findings for one file, as `no-hardcoded-credentials` reports them: the whole text once, then
 * each string again with the name the syntax tree gives it. `no-static-credentials` asks the same
 * object which slot values that rule reports, so a literal is reported once (see credential-slots.ts).
 */
export class CredentialScan {
  private wholeResult: ScanResult | undefined;
  private readonly wholeKeys = new Set<string>();
  private readonly ignoredStarts = new Set<number>();
  private readonly named = new Map<string, Finding[]>();
  private lines: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly filename: string,
    readonly kinds: readonly FindingKind[] = DEFAULT_KINDS,
  ) {}

  /** core on the whole text (findings, and those a `credlint-ignore` directive silenced): computed on first use. */
  get whole(): ScanResult {
    if (!this.wholeResult) {
      const result = analyze(this.text, { filename: this.filename, kinds: this.kinds });
      for (const f of result.findings) this.wholeKeys.add(`${f.start}:${f.end}`);
      for (const f of result.ignored) this.ignoredStarts.add(f.start);
      this.wholeResult = result;
    }
    return this.wholeResult;
  }

  /**
   * core again on one string (`range` includes its quotes), with its name: the findings the whole-text
   * pass did not give and no `credlint-ignore` directive silences. Memoised: both rules ask.
   */
  namedFindings(range: [number, number], nameOf: () => string | undefined, awsContext: () => boolean): Finding[] {
    const [start, end] = range;
    // Cheap test first: only values long enough for a secret or a token gain from a name.
    if (end - start < MIN_NAMED_LENGTH) return [];
    const key = `${start}:${end}`;
    const known = this.named.get(key);
    if (known) return known;
    const out: Finding[] = [];
    const name = nameOf();
    if (isEvidenceName(name)) {
      const result = analyze(this.text.slice(start, end), { filename: this.filename, kinds: this.kinds, context: { keyName: name, awsContext: awsContext() } });
      if (result.findings.length > 0) void this.whole;
      for (const f of result.findings) {
        const abs: Finding = { ...f, start: f.start + start, end: f.end + start };
        if (this.wholeKeys.has(`${abs.start}:${abs.end}`) || this.ignoredStarts.has(abs.start)) continue;
        // Inline `credlint-ignore` directives live outside the string: ask core about the whole file.
        this.lines ??= new LineIndex(this.text);
        if (findIgnoreDirective(this.lines, abs)) continue;
        out.push(abs);
      }
    }
    this.named.set(key, out);
    return out;
  }
}

// Both rules run over the same SourceCode object in one lint pass: one scan per file (and kind set:
// no-hardcoded-credentials' options can add account ids or leave kinds out; no-static-credentials
// asks with the default kinds).
const scans = new WeakMap<object, CredentialScan>();

export function credentialScanFor(sourceCode: object & { text: string }, filename: string, kinds: readonly FindingKind[] = DEFAULT_KINDS): CredentialScan {
  let scan = scans.get(sourceCode);
  if (!scan || scan.text !== sourceCode.text || scan.filename !== filename || scan.kinds.join() !== kinds.join()) {
    scan = new CredentialScan(sourceCode.text, filename, kinds);
    scans.set(sourceCode, scan);
  }
  return scan;
}

// Which scan no-hardcoded-credentials reports from, per SourceCode: registered in its `create`, which ESLint
// runs for every enabled rule before traversal. no-static-credentials leaves to it exactly what it will
// report (its kinds, its options) and reports everything itself when it is off.
const reporters = new WeakMap<object, CredentialScan>();

export function claimReports(sourceCode: object, scan: CredentialScan): void {
  reporters.set(sourceCode, scan);
}

/** The scan no-hardcoded-credentials reports from for this file, or undefined when it is not enabled. */
export function reporterOf(sourceCode: object): CredentialScan | undefined {
  return reporters.get(sourceCode);
}
