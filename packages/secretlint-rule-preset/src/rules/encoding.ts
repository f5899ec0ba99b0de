import { encodingNote, type Finding } from '@credlint/core';

/** How a value found encoded was written in the file: core's English note, and the encoding for other locales. */
export interface EncodingProps {
  /** core's note, e.g. ` (base64-encoded in the file)`; empty for a plain value */
  ENCODED: string;
  ENCODING?: NonNullable<Finding['encoding']>;
}

export function encodingProps(f: Finding): EncodingProps {
  const e = f.encoding;
  return e ? { ENCODED: encodingNote(f), ENCODING: e } : { ENCODED: '' };
}

const JA: Record<NonNullable<Finding['encoding']>, string> = {
  base64: '（ファイル内では base64 エンコード）',
  percent: '（ファイル内ではパーセントエンコード）',
  'json-escape': '（ファイル内では JSON エスケープ）',
};

export const jaEncoded = (p: EncodingProps): string => (p.ENCODING ? JA[p.ENCODING] : '');
