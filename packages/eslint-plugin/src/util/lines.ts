import { LineIndex } from '@credlint/core';

/** 1-based line, 0-based column: the ESTree convention our languages declare (lineStart 1, columnStart 0). */
export interface Loc {
  line: number;
  column: number;
}

/**
 * Line starts for `\r\n`, `\r` and `\n` — the same line breaks the languages' SourceCode splits
 * on, so node locations and `getLocFromIndex` agree exactly. Core's LineIndex does the work
 * (1-based columns); this adapts it to ESTree's 0-based columns.
 */
export class LineStarts {
  private readonly index: LineIndex;

  constructor(text: string) {
    this.index = new LineIndex(text);
  }

  get starts(): readonly number[] {
    return this.index.lineStarts;
  }

  loc(offset: number): Loc {
    const { line, column } = this.index.positionAt(offset);
    return { line, column: column - 1 };
  }
}

export const LINE_ENDING = /\r\n|[\r\n]/u;
