import type { Check } from '../context.js';
import { diagnostic, entriesOf } from '../context.js';
import type { Diagnostic, EnvEntry } from '../types.js';

const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/** bash's `${NAME<op>word}` operators (`:-`, `-`, `:=`, `=`, `:?`, `?`, `:+`, `+`). */
function operatorLength(s: string, i: number): number {
  const c = s[i];
  if (c === ':' && '-=?+'.includes(s[i + 1] ?? ' ')) return 2;
  return c !== undefined && '-=?+'.includes(c) ? 1 : 0;
}

export interface SubstitutionProblem {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  why: string;
}

/**
 * The `$` references of a value that bash, dotenv-expand, python-dotenv and Compose do not agree on:
 * `${` never closed, `${` not followed by a name (`${BAR!}`, `${FOO${BAR}`, `${BAR$XYZ}`), and an
 * unbraced `$NAME}`. `\$` is an escaped dollar. One forward pass; nested `${…}` in an operator's word
 * are tracked with a depth counter.
 */
export function substitutionProblems(s: string): SubstitutionProblem[] {
  const out: SubstitutionProblem[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    const start = i;
    if (s[i + 1] !== '{') {
      let j = i + 1;
      if (!isNameStart(s[j])) {
        i = j;
        continue;
      }
      while (isNameChar(s[j])) j++;
      if (s[j] === '}') out.push({ start, end: j + 1, why: `\`${s.slice(start, j + 1)}\`: a \`}\` without \`\${\`` });
      i = j;
      continue;
    }
    let j = i + 2;
    if (!isNameStart(s[j])) {
      const close = s.indexOf('}', j);
      out.push({ start, end: close < 0 ? s.length : close + 1, why: close < 0 ? '`${` is never closed' : '`${` is not followed by a variable name' });
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    while (isNameChar(s[j])) j++;
    if (s[j] === '}') {
      i = j + 1;
      continue;
    }
    const op = operatorLength(s, j);
    if (op === 0) {
      // `${BAR!}`, `${BAR$XYZ}`, `${FOO${BAR}`, or `${BAR` at the end
      let k = j;
      while (k < s.length && s[k] !== '}') k++;
      out.push({
        start,
        end: k < s.length ? k + 1 : s.length,
        why: k < s.length ? `\`${s.slice(start, k + 1)}\` is not a valid substitution (bash: "bad substitution")` : '`${` is never closed',
      });
      i = k < s.length ? k + 1 : s.length;
      continue;
    }
    // `${NAME:-word}`: the word may hold `${…}` of its own; find the matching `}`
    let depth = 1;
    let k = j + op;
    while (k < s.length && depth > 0) {
      if (s[k] === '\\') k++;
      else if (s[k] === '$' && s[k + 1] === '{') {
        depth++;
        k++;
      } else if (s[k] === '}') depth--;
      k++;
    }
    if (depth > 0) out.push({ start, end: s.length, why: '`${` is never closed' });
    i = k;
  }
  return out;
}

/** The names a value refers to with `$NAME` or `${NAME…}` (for readers that expand; single quotes do not). */
export function referencedNames(e: EnvEntry, text: string): string[] {
  if (e.quote === 'single') return [];
  const s = text.slice(e.valueStart, e.valueEnd);
  const names: string[] = [];
  for (let i = s.indexOf('$'); i >= 0; i = s.indexOf('$', i + 1)) {
    let j = s[i + 1] === '{' ? i + 2 : i + 1;
    const from = j;
    if (!isNameStart(s[j])) continue;
    while (isNameChar(s[j])) j++;
    names.push(s.slice(from, j));
  }
  return names;
}

export const substitutionKey: Check = {
  id: 'substitution-key',
  kind: 'style',
  description: 'A `$` substitution that is not well formed (`${BAR`, `${BAR!}`, `$BAR}`): bash stops or fails, other readers keep it as text.',
  fixable: false,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      // single quotes: no reader substitutes inside them
      if (e.quote === 'single') continue;
      const from = e.quote === 'none' ? e.valueStart : e.valueStart + 1;
      const to = e.quote === 'none' || e.unterminated ? e.valueEnd : e.valueEnd - 1;
      for (const p of substitutionProblems(ctx.text.slice(from, to))) {
        const message = `The ${e.key} key is not assigned properly: ${p.why}. bash fails on it ("bad substitution", or stops reading the file), while dotenv and python-dotenv keep it as text or substitute part of it. Write \`\${NAME}\`, or single-quote the value if the \`$\` is literal.`;
        out.push(diagnostic(ctx, 'substitution-key', from + p.start, from + p.end, message));
      }
    }
    return out;
  },
};
