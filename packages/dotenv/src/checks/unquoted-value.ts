import type { Check } from '../context.js';
import { describeValue, diagnostic, disagreeing, editKeepsMeaning, entriesOf, intended, readerList, readerName } from '../context.js';
import type { Diagnostic, EnvEntry, Reader } from '../types.js';

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/** What in an unquoted value readers disagree on (one pass, no regex). */
export interface ValueShape {
  /** whitespace between two words: bash runs the second as a command */
  blank: boolean;
  dollar: boolean;
  /** a `${` whose `}` never comes (bash pairs nested `${`) */
  unclosedBrace: boolean;
  /** every `$` starts `${NAME}` or `${NAME:-default}` (python-dotenv's and Compose's interpolation) */
  bracedRefsOnly: boolean;
  /** …or a bare `$NAME` (Compose's) */
  refsOnly: boolean;
}

export function valueShape(v: string): ValueShape {
  const shape: ValueShape = { blank: false, dollar: false, unclosedBrace: false, bracedRefsOnly: true, refsOnly: true };
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (isBlank(c)) shape.blank = true;
    if (c === '}' && depth > 0) depth--;
    if (c !== '$') continue;
    shape.dollar = true;
    if (v[i + 1] === '{') {
      depth++;
      let j = i + 2;
      if (!isNameStart(v[j])) {
        shape.bracedRefsOnly = shape.refsOnly = false;
        continue;
      }
      while (isNameChar(v[j])) j++;
      if (v[j] === ':' && v[j + 1] === '-') {
        j += 2;
        while (j < v.length && v[j] !== '}' && v[j] !== '$') j++;
      }
      if (v[j] !== '}') shape.bracedRefsOnly = shape.refsOnly = false;
    } else {
      shape.bracedRefsOnly = false;
      if (!isNameStart(v[i + 1])) shape.refsOnly = false;
    }
  }
  shape.unclosedBrace = depth > 0;
  return shape;
}

/** Why bash reads the value differently, in words (never quoting the value: it may be a credential). */
function bashWhy(e: EnvEntry, shape: ValueShape): string {
  const v = e.values.bash;
  if (v === undefined && shape.unclosedBrace)
    return 'bash `source` stops at the `${` that is never closed ("unexpected EOF"): neither this line nor any later one is set';
  if (v === undefined && shape.dollar && !shape.blank)
    return 'bash `source` reports "bad substitution" for the `${…}` and leaves the variable unset (a subshell or a POSIX-mode shell stops reading there)';
  if (v === undefined && shape.blank) return `bash \`source\` runs the text after the whitespace as a command and leaves ${e.key} unset`;
  return `bash \`source\` expands \`$\` and reads ${describeValue(v)}`;
}

function why(e: EnvEntry, r: Reader, shape: ValueShape): string {
  if (r === 'bash') return bashWhy(e, shape);
  if (r === 'compose') return `Docker Compose interpolates \`$\` and reads ${describeValue(e.values.compose)}`;
  if (r === 'python')
    return `python-dotenv reads \`\${…}\` as a reference${shape.bracedRefsOnly ? '' : ' (up to the first `}`, with `:-` as the only operator)'} and gets ${describeValue(e.values.python)}`;
  return `${readerName(r)} reads ${describeValue(e.values[r])}`;
}

/**
 * In a dialect of one reader, that reader's own interpolation syntax is what the author wrote it for:
 * python-dotenv's `${NAME}` and Compose's `$NAME` are not findings there. bash's are (as in
 * `quoted-value`): a `$` in a value is more often a literal than a reference.
 */
function expected(r: Reader, shape: ValueShape, portable: boolean): boolean {
  if (portable || r === 'bash') return false;
  if (r === 'python') return shape.bracedRefsOnly;
  if (r === 'compose') return shape.refsOnly;
  return false;
}

/** What to do, naming only the readers the finding is about. */
function advice(affected: Reader[], shape: ValueShape): string {
  if (!shape.dollar) return 'Quote it.';
  const literal = affected.filter((r) => r === 'bash' || r === 'compose');
  const parts: string[] = [];
  if (literal.length > 0) parts.push(`Quote it in single quotes to keep \`$\` literal for ${readerList(literal)}`);
  if (affected.includes('python'))
    parts.push('python-dotenv interpolates in every quote style: write a well-formed `${NAME}` or `${NAME:-default}`, or no `${` at all');
  return `${parts.join('; ')}.`;
}

export const unquotedValue: Check = {
  id: 'unquoted-value',
  kind: 'format',
  description:
    'An unquoted value readers read differently: inner whitespace (bash runs the rest as a command), `$` (bash, Compose and python-dotenv expand it), or a broken `${…}` (bash stops reading the file or leaves the variable unset).',
  fixable: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const portable = ctx.dialect === 'portable';
    for (const e of entriesOf(ctx)) {
      if (e.quote !== 'none' || e.separator === ':' || e.valueEnd <= e.valueStart) continue;
      const text = ctx.text.slice(e.valueStart, e.valueEnd);
      const shape = valueShape(text);
      if (!shape.blank && !shape.dollar) continue;
      const affected = disagreeing(e, ctx.readers).filter((r) => {
        if (expected(r, shape, portable)) return false;
        // only what this check is about: words for bash, `$` for the readers that expand it
        if (r === 'bash') return shape.blank || shape.dollar;
        return shape.dollar && (r === 'compose' || r === 'python');
      });
      if (affected.length === 0) continue;
      const agree = ctx.readers.filter((r) => !affected.includes(r) && !e.unknown?.includes(r) && e.values[r] === intended(e));
      const message = `Unquoted value: ${affected.map((r) => why(e, r, shape)).join('; ')}${agree.length > 0 ? `; ${readerList(agree)} read ${describeValue(intended(e))}` : ''}. ${advice(affected, shape)}`;
      const quote = shape.dollar ? "'" : '"';
      const edit = { start: e.valueStart, end: e.valueEnd, text: `${quote}${text}${quote}` };
      const quotable = !text.includes("'") && !text.includes('"') && !text.includes('\\') && !text.includes('`');
      const fix = quotable && editKeepsMeaning(e, edit, ctx.readers) ? edit : undefined;
      out.push(diagnostic(ctx, 'unquoted-value', e.valueStart, e.valueEnd, message, affected, fix));
    }
    return out;
  },
};
