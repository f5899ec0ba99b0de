/**
 * A Python tokenizer good enough for credentials: names, strings (every prefix, triple
 * quotes, f-string replacement fields with nested strings), comments, brackets and
 * operators, with exact offsets. Total: any input yields tokens, nothing throws, and
 * every loop advances, so it is linear in the input.
 */
export type TokenType = 'name' | 'number' | 'string' | 'comment' | 'op' | 'newline';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The token's text; for strings the prefix as written (`rb`, `f`, ``). */
  value: string;
}

export interface StringToken extends Token {
  type: 'string';
  prefix: string;
  quote: '"' | "'";
  triple: boolean;
  /** Offsets of the text between the quotes. */
  contentStart: number;
  contentEnd: number;
  /** An f-/t-string with at least one replacement field. */
  interpolated: boolean;
  unterminated: boolean;
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf', 't', 'tr', 'rt']);
const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=', '->', '**', '//', '<<', '>>']);
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isNameStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return (code >= 0xd800 && code <= 0xdbff) || NAME_START.test(c);
}

function isNamePart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
  return (code >= 0xd800 && code <= 0xdfff) || NAME_PART.test(c);
}

/**
 * Scans a string body from `i` (just after the opening quote). Returns the offset just past
 * the closing quote (or where the unterminated string stops) and whether a replacement field occurred.
 */
function scanStringBody(
  text: string,
  i: number,
  quote: string,
  triple: boolean,
  formatted: boolean,
): { end: number; contentEnd: number; interpolated: boolean; unterminated: boolean } {
  const n = text.length;
  let interpolated = false;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      // a backslash keeps the next character (also in raw strings, for tokenizing); `\r\n` counts as one
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return { end: i + 1, contentEnd: i, interpolated, unterminated: false };
      if (text[i + 1] === quote && text[i + 2] === quote) return { end: i + 3, contentEnd: i, interpolated, unterminated: false };
      i++;
      continue;
    }
    if ((c === '\n' || c === '\r') && !triple) return { end: i, contentEnd: i, interpolated, unterminated: true };
    if (formatted && c === '{') {
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      interpolated = true;
      i = scanReplacementField(text, i + 1, triple);
      continue;
    }
    i++;
  }
  return { end: n, contentEnd: n, interpolated, unterminated: true };
}

/** Skips an f-string replacement field (nested brackets and strings) and returns the offset after its `}`. */
function scanReplacementField(text: string, i: number, triple: boolean): number {
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '}' && depth === 0) return i + 1;
    if (c === '{' || c === '(' || c === '[') depth++;
    else if ((c === '}' || c === ')' || c === ']') && depth > 0) depth--;
    else if ((c === '\n' || c === '\r') && !triple) return i;
    else if (c === '"' || c === "'") {
      const inner = text[i + 1] === c && text[i + 2] === c;
      const body = scanStringBody(text, i + (inner ? 3 : 1), c, inner, false);
      if (body.unterminated) return body.end;
      i = body.end;
      continue;
    }
    i++;
  }
  return n;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
    } else if (c === '\n' || c === '\r') {
      const end = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      if (depth === 0) tokens.push({ type: 'newline', start: i, end, value: text.slice(i, end) });
      i = end;
    } else if (c === '#') {
      let j = i + 1;
      while (j < n && text[j] !== '\n' && text[j] !== '\r') j++;
      tokens.push({ type: 'comment', start: i, end: j, value: text.slice(i + 1, j) });
      i = j;
    } else if (c === '"' || c === "'") {
      tokens.push(readString(text, i, i, ''));
      i = tokens[tokens.length - 1]!.end;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNamePart(text[j]!)) j++;
      const word = text.slice(i, j);
      const q = text[j];
      if ((q === '"' || q === "'") && j - i <= 2 && STRING_PREFIXES.has(word.toLowerCase())) {
        tokens.push(readString(text, i, j, word));
        i = tokens[tokens.length - 1]!.end;
      } else {
        tokens.push({ type: 'name', start: i, end: j, value: word });
        i = j;
      }
    } else if ((code >= 48 && code <= 57) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n) {
        const d = text[j]!;
        if (/[0-9A-Za-z_.]/.test(d)) j++;
        else if ((d === '+' || d === '-') && /[eE]/.test(text[j - 1]!) && !/^0[xX]/.test(text.slice(i, j))) j++;
        else break;
      }
      tokens.push({ type: 'number', start: i, end: j, value: text.slice(i, j) });
      i = j;
    } else {
      let len = 1;
      const three = text.slice(i, i + 3);
      if (three === '**=' || three === '//=' || three === '>>=' || three === '<<=' || three === '...') len = 3;
      else if (TWO_CHAR_OPS.has(text.slice(i, i + 2))) len = 2;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) len = 2; // keep surrogate pairs whole
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      tokens.push({ type: 'op', start: i, end: i + len, value: text.slice(i, i + len) });
      i += len;
    }
  }
  return tokens;
}

function readString(text: string, start: number, quoteAt: number, prefix: string): StringToken {
  const quote = text[quoteAt] as '"' | "'";
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
  const contentStart = quoteAt + (triple ? 3 : 1);
  const p = prefix.toLowerCase();
  const formatted = p.includes('f') || p.includes('t');
  const body = scanStringBody(text, contentStart, quote, triple, formatted);
  return {
    type: 'string',
    start,
    end: body.end,
    value: prefix,
    prefix,
    quote,
    triple,
    contentStart,
    contentEnd: body.contentEnd,
    interpolated: body.interpolated,
    unterminated: body.unterminated,
  };
}
