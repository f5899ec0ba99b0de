import type { Assignment } from './types.js';

export interface PositionedAssignment extends Assignment {
  /** Offset of the key in the original text. */
  keyStart: number;
}

/**
 * dotenv (npm) 17.4.2 `parse()`, reproduced from `lib/main.js` so that every line can be
 * attributed to a value. The differential test runs the real package against this copy.
 * Linear per entry: the parser only ever sees one entry's text.
 */
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

export function readDotenv(src: string): PositionedAssignment[] {
  const out: PositionedAssignment[] = [];
  // dotenv normalises CRLF / CR to LF first; keep a map back to the original offsets
  let map: number[] | undefined;
  let lines = src;
  if (src.includes('\r')) {
    map = [];
    lines = '';
    for (let i = 0; i < src.length; i++) {
      if (src[i] === '\r' && src[i + 1] === '\n') continue;
      map.push(i);
      lines += src[i] === '\r' ? '\n' : src[i];
    }
  }
  LINE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINE.exec(lines)) !== null) {
    const key = match[1] ?? '';
    let value = (match[2] ?? '').trim();
    const maybeQuote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    const at = match.indices?.[1]?.[0] ?? match.index;
    out.push({ key, value, keyStart: map ? (map[at] ?? at) : at });
  }
  return out;
}
