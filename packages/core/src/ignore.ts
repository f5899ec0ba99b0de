import type { LineIndex } from './lines.js';
import type { Finding } from './types.js';

export type IgnoreDirectiveName = 'credlint-ignore' | 'credlint-ignore-next-line';

export interface IgnoreDirective {
  directive: IgnoreDirectiveName;
  /** 1-based line the directive stands on. */
  line: number;
  /** Rule ids or kinds it is limited to; empty = every credlint finding. */
  only: string[];
}

// A directive counts only inside a comment: after `//`, `#`, `/*`, ` * `, `<!--`, `--`, `;`, `%` or `{#`.
// (Not after `'`: VB comments are rare and `'…' credlint-ignore` is usually a string's end.)
const DIRECTIVE = /(?:\/\/|#|\/\*|^\s*\*|<!--|--|;|%|\{#)[ \t]*credlint-ignore(-next-line)?(?![\w-])([^\r\n]*)/;

/** Parses a credlint inline-ignore directive on one line of text. */
export function parseIgnoreDirective(lineText: string, line: number): IgnoreDirective | undefined {
  if (!lineText.includes('credlint-ignore')) return undefined;
  const m = DIRECTIVE.exec(lineText);
  if (!m) return undefined;
  // Optional list of rule ids / kinds, up to a `--` reason or the comment's end.
  const rest = (m[2] ?? '').split(/--|\*\/|-->|#\}/)[0] ?? '';
  const only = rest.split(/[\s,:]+/).filter((t) => /^(aws-[a-z-]+|access-key-id|secret-access-key|session-token|account-id)$/.test(t));
  return { directive: m[1] ? 'credlint-ignore-next-line' : 'credlint-ignore', line, only };
}

/** Whether a directive covers a finding's rule (an empty list covers every rule). */
export function directiveApplies(d: IgnoreDirective, f: Pick<Finding, 'ruleId' | 'kind'>): boolean {
  return d.only.length === 0 || d.only.includes(f.ruleId) || d.only.includes(f.kind);
}

/**
 * The directive that silences a finding: `credlint-ignore` on the finding's first line or
 * `credlint-ignore-next-line` on the line above it.
 */
export function findIgnoreDirective(lines: LineIndex, finding: Finding): IgnoreDirective | undefined {
  const line = lines.lineOf(finding.start);
  const same = parseIgnoreDirective(lines.lineText(line), line);
  if (same && same.directive === 'credlint-ignore' && directiveApplies(same, finding)) return same;
  if (line > 1) {
    const above = parseIgnoreDirective(lines.lineText(line - 1), line - 1);
    if (above && above.directive === 'credlint-ignore-next-line' && directiveApplies(above, finding)) return above;
  }
  return undefined;
}

/** The directives that can silence findings starting on `line`: its own `credlint-ignore` and the `-next-line` above it. */
export interface LineDirectives {
  same?: IgnoreDirective;
  above?: IgnoreDirective;
}

export function directivesFor(lines: LineIndex, line: number): LineDirectives {
  const out: LineDirectives = {};
  const same = parseIgnoreDirective(lines.lineText(line), line);
  if (same?.directive === 'credlint-ignore') out.same = same;
  if (line > 1) {
    const above = parseIgnoreDirective(lines.lineText(line - 1), line - 1);
    if (above?.directive === 'credlint-ignore-next-line') out.above = above;
  }
  return out;
}
