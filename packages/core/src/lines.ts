/** 1-based line and column (UTF-16 code units), the convention of credlint's JSON and SARIF output. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Offset ↔ line/column conversion. Line breaks are `\r\n`, `\n` and a lone `\r`.
 * Built once per text in O(n); each lookup is a binary search.
 */
export class LineIndex {
  readonly text: string;
  private starts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Offsets at which each line starts. */
  get lineStarts(): readonly number[] {
    if (!this.starts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.starts = starts;
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line number of an offset. */
  lineOf(offset: number): number {
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, column: offset - (this.lineStarts[line - 1] ?? 0) + 1 };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line - 1];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.column - 1, this.text.length);
  }

  /** Offset of the start of a 1-based line (clamped). */
  lineStart(line: number): number {
    const s = this.lineStarts;
    return s[Math.max(0, Math.min(line, s.length) - 1)] ?? 0;
  }

  /** Offset of the end of a 1-based line, before its line break (clamped). */
  lineEnd(line: number): number {
    const s = this.lineStarts;
    if (line >= s.length) return this.text.length;
    let end = (s[Math.max(line, 1)] ?? this.text.length) - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** One-shot conversion; for many lookups build a LineIndex. */
export function offsetToPosition(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}
