import type { Assignment } from './types.js';

export interface NodeAssignment extends Assignment {
  /** Offset (in the original text) of the `=` that ended the key. */
  equals: number;
}

/** `value.replace(/^ +| +$/g, '')` without the regex, which backtracks over every inner run of spaces (quadratic). */
export function trimSpaces(value: string): string {
  let a = 0;
  let b = value.length;
  while (a < b && value.charCodeAt(a) === 32) a++;
  while (b > a && value.charCodeAt(b - 1) === 32) b--;
  return value.slice(a, b);
}

/** Node 22.15+ and 24 trim spaces, tabs and line breaks (not CR, which is gone already, nor other blanks). */
export const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';

export function trimWs(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWs(s[a])) a++;
  while (b > a && isWs(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Every Node line deletes all CRs before parsing: the text without them, and a map back to offsets in `input`. */
export function withoutCr(input: string): { s: string; orig: (i: number) => number } {
  if (!input.includes('\r')) return { s: input, orig: (i) => i };
  const map: number[] = [];
  let s = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '\r') {
      map.push(i);
      s += input[i];
    }
  }
  map.push(input.length);
  return { s, orig: (i) => map[i] ?? input.length };
}
