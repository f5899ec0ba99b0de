/**
 * Offsets → 1-based line/column for offsets visited in ascending order, with the same line
 * breaks as core's LineIndex (`\r\n`, `\n`, lone `\r`). Finds breaks with a native regex scan
 * and stops at the last offset asked for, instead of indexing every line of the file first:
 * files with findings are often large, and findings are few.
 */
import type { Position } from '@credlint/core';

export class SequentialPositions {
  private readonly text: string;
  private readonly breaks = /\r\n|\r|\n/g;
  /** Most text has no `\r` at all: then `indexOf('\n')` (a native memchr) finds every break. */
  private readonly lfOnly: boolean;
  private line = 1;
  private lineStart = 0;
  /** Offset of the next line break not yet consumed (or Infinity). */
  private nextBreak = -1;
  private nextBreakEnd = -1;

  constructor(text: string) {
    this.text = text;
    this.lfOnly = !text.includes('\r');
  }

  private advance(): void {
    if (this.lfOnly) {
      const i = this.text.indexOf('\n', this.nextBreakEnd < 0 ? 0 : this.nextBreakEnd);
      this.nextBreak = i < 0 ? Infinity : i;
      this.nextBreakEnd = i < 0 ? Infinity : i + 1;
      return;
    }
    const m = this.breaks.exec(this.text);
    if (m) {
      this.nextBreak = m.index;
      this.nextBreakEnd = m.index + m[0].length;
    } else {
      this.nextBreak = Infinity;
      this.nextBreakEnd = Infinity;
    }
  }

  /** Position of `offset`; offsets must not decrease between calls. */
  positionAt(offset: number): Position {
    if (offset < this.lineStart) throw new RangeError('SequentialPositions: offsets must be ascending');
    if (this.nextBreak === -1) this.advance();
    // A `\r\n` pair is one break: an offset between its two characters still belongs to the line.
    while (this.nextBreakEnd <= offset) {
      this.line++;
      this.lineStart = this.nextBreakEnd;
      this.advance();
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
