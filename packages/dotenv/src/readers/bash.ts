import type { Assignment, Lookup } from './types.js';

/*
 * `set -a; source .env` in bash, for one entry. Shell grammar, not a dotenv parser: a value is one
 * shell word — quotes are removed, `\x` is `x` outside quotes, `#` starts a comment only at the start
 * of a word, unquoted whitespace ends the word and whatever follows is run as a command (so `KEY=a b`
 * runs `b` and leaves KEY unset, and `KEY = v` runs `KEY`). `$NAME` / `${NAME}` expand from earlier
 * values (the process environment is taken as empty). Command substitution, `~`, `$'…'`, special
 * parameters and operators (`; & | < > ( )`) are runtime matters: the value is reported as unknown.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BLANK = (c: string | undefined): boolean => c === ' ' || c === '\t';
const OPERATOR = (c: string | undefined): boolean => c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';

class Unknown extends Error {}
class Syntax extends Error {}
/** `${BAR!}`, `${BAR$XYZ}`, `${}`: bash prints "bad substitution" and the command (the assignment) is not run. */
class BadSubstitution extends Error {}

const isNameChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '_');
/** Parameter-expansion operators that may follow a name inside `${…}`. */
const PARAM_OPERATORS = ':-=?+#%/^,@';

/**
 * `rest` starts with `{` (after a `$`): is it a `${…}` bash rejects as "bad substitution"? Only the
 * certain cases — `${}` and a name followed by something that is neither `}` nor an operator; a
 * `${` without `}` on the line (bash reads on, see parse.ts) and special parameters are not judged.
 */
function badSubstitution(rest: string): boolean {
  if (rest[1] === '}') return true;
  const first = rest[1];
  if (first === undefined || !(isNameChar(first) && !(first >= '0' && first <= '9'))) return false;
  let j = 2;
  while (isNameChar(rest[j])) j++;
  const c = rest[j];
  if (c === undefined || c === '\n' || c === '\r') return false;
  return c !== '}' && !PARAM_OPERATORS.includes(c);
}

function expandDollar(s: string, i: number, env: Lookup): { text: string; next: number } {
  // s[i] === '$'
  const rest = s.slice(i + 1);
  const name = NAME.exec(rest);
  if (name) return { text: env.get(name[0]) ?? '', next: i + 1 + name[0].length };
  if (rest[0] === '{') {
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    if (m) return { text: env.get(m[1] ?? '') ?? '', next: i + 1 + m[0].length };
    if (badSubstitution(rest)) throw new BadSubstitution();
    const d = withDefault(rest, env);
    if (d) return { text: d.text, next: i + 1 + d.length };
    throw new Unknown();
  }
  const n = rest[0];
  // A `$` that cannot start an expansion is literal.
  if (
    n === undefined ||
    BLANK(n) ||
    n === '\n' ||
    n === '\r' ||
    n === '"' ||
    n === '/' ||
    n === ':' ||
    n === '=' ||
    n === '.' ||
    n === ',' ||
    n === '%' ||
    n === '+' ||
    n === '}' ||
    n === ']' ||
    n === '^'
  ) {
    return { text: '$', next: i + 1 };
  }
  throw new Unknown();
}

const isPlainWordChar = (c: string): boolean => isNameChar(c) || './,@%+=-:'.includes(c);

/**
 * `${NAME-word}` / `${NAME:-word}` (`rest` starts at `{`) with a plain word — letters, digits, a few
 * punctuation marks and `$NAME` — the forms dotenv-linter's and python-dotenv's tests use
 * (`${ABC-$BAR}`); anything richer stays runtime-dependent. Assignments are not word-split.
 */
function withDefault(rest: string, env: Lookup): { text: string; length: number } | undefined {
  let j = 1;
  if (!isNameChar(rest[j]) || (rest[j] ?? '0') <= '9') return undefined;
  while (isNameChar(rest[j])) j++;
  const name = rest.slice(1, j);
  const colon = rest[j] === ':';
  if (colon) j++;
  if (rest[j] !== '-') return undefined;
  j++;
  let word = '';
  for (;;) {
    const c = rest[j];
    if (c === undefined) return undefined;
    if (c === '}') break;
    if (c === '$') {
      let k = j + 1;
      if (!isNameChar(rest[k]) || (rest[k] ?? '0') <= '9') return undefined;
      while (isNameChar(rest[k])) k++;
      word += env.get(rest.slice(j + 1, k)) ?? '';
      j = k;
    } else if (isPlainWordChar(c)) {
      word += c;
      j++;
    } else return undefined;
  }
  const value = env.get(name);
  const useDefault = value === undefined || (colon && value === '');
  return { text: useDefault ? word : value, length: j + 1 };
}

/** Reads one shell word starting at `i`; returns the word and the index after it. */
function readWord(s: string, start: number, env: Lookup): { word: string; next: number; quoted: boolean } {
  let i = start;
  let word = '';
  let quoted = false;
  if (s[i] === '~') throw new Unknown();
  while (i < s.length) {
    const c = s[i] ?? '';
    if (BLANK(c) || c === '\n') break;
    if (OPERATOR(c) || c === '`') throw new Unknown();
    if (c === "'") {
      quoted = true;
      const close = s.indexOf("'", i + 1);
      if (close < 0) throw new Syntax();
      word += s.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      quoted = true;
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i] ?? '';
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          const e = s[i + 1];
          if (e === '$' || e === '`' || e === '"' || e === '\\') {
            word += e;
            i += 2;
          } else if (e === '\n') i += 2;
          else {
            word += '\\';
            i++;
          }
          continue;
        }
        if (d === '`') throw new Unknown();
        if (d === '$') {
          const x = expandDollar(s, i, env);
          word += x.text;
          i = x.next;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) throw new Syntax();
    } else if (c === '\\') {
      quoted = true;
      const e = s[i + 1];
      if (e === undefined) {
        word += '\\'; // a backslash at the very end of the input stays
        i++;
      } else if (e === '\n') i += 2;
      else {
        word += e;
        i += 2;
      }
    } else if (c === '$') {
      if (s[i + 1] === "'" || s[i + 1] === '"') throw new Unknown();
      const x = expandDollar(s, i, env);
      word += x.text;
      i = x.next;
    } else {
      if (c === ':' && s[i + 1] === '~') throw new Unknown();
      word += c;
      i++;
    }
  }
  return { word, next: i, quoted };
}

export function readBash(src: string, env: Lookup = new Map()): Assignment[] {
  let i = 0;
  while (BLANK(src[i])) i++;
  let exported = false;
  if (src.startsWith('export', i) && BLANK(src[i + 6])) {
    exported = true;
    i += 6;
    while (BLANK(src[i])) i++;
  }
  const name = NAME.exec(src.slice(i));
  if (!name || src[i + name[0].length] !== '=') return []; // not an assignment: bash runs it as a command
  const key = name[0];
  try {
    const { word, next } = readWord(src, i + name[0].length + 1, env);
    let j = next;
    while (BLANK(src[j])) j++;
    const rest = src[j];
    if (rest === undefined || rest === '\n' || rest === '#') return [{ key, value: word }];
    // The rest of the line is parsed before anything runs: a syntax error there sets nothing.
    let command = false;
    while (j < src.length) {
      while (BLANK(src[j])) j++;
      const c = src[j];
      if (c === undefined || c === '\n' || c === '#') break;
      if (OPERATOR(c)) throw new Unknown();
      const assignment = !command && /^[A-Za-z_][A-Za-z0-9_]*=/.test(src.slice(j, j + 200));
      let w: ReturnType<typeof readWord>;
      try {
        w = readWord(src, j, env);
      } catch (e) {
        // which of several words' expansions bash performs before giving up is not modelled
        if (e instanceof BadSubstitution) throw new Unknown();
        throw e;
      }
      // an unquoted word that expands to nothing disappears (`KEY= $EMPTY` is a plain assignment);
      // `KEY= OTHER=x` is two assignments, not a command
      if (!assignment && (w.word !== '' || w.quoted)) command = true;
      j = w.next;
    }
    // `KEY=v cmd`: a temporary assignment for `cmd`; `export KEY=v more` exports KEY=v and `more`.
    return exported || !command ? [{ key, value: word }] : [];
  } catch (e) {
    if (e instanceof BadSubstitution) return [];
    if (e instanceof Unknown) return [{ key, value: undefined, unknown: true }];
    // An unclosed quote may close on a later line (bash reads on): without the rest of the file, unknown.
    if (e instanceof Syntax) return [{ key, value: undefined, unknown: true }];
    throw e;
  }
}
