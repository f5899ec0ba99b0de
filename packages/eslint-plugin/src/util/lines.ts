/** 1-based line, 0-based column: the ESTree convention our languages declare (lineStart 1, columnStart 0). */
export interface Loc {
  line: number;
  column: number;
}

/**
 * Line starts for `\r\n`, `\r` and `\n` — the same line breaks the languages' SourceCode
 * splits on, so node locations and `getLocFromIndex` agree exactly.
 */
export class LineStarts {
  readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  loc(offset: number): Loc {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (s[lo] ?? 0) };
  }
}

export const LINE_ENDING = /\r\n|[\r\n]/u;
