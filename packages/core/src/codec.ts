/**
 * The decoders the scanner reads encoded values with (base64 runs and blobs, JSON `\\u002F` escapes, percent
 * escapes, base64url). Pure, linear, bounded by their input: gitleaks' detect/codec is the model.
 */
import { isBase64 } from './charclass.js';

/** Decodes the `%2B`, `%2F`, `%3D` of a percent-encoded base64 value (the only escapes runs admit). */
const BASE64_VALUES = (() => {
  const t = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let k = 0; k < 64; k++) t[alphabet.charCodeAt(k)] = k;
  return t;
})();

/**
 * Decodes up to `n` base64 characters of `text` from `start` (stopping at padding or the first
 * character outside the alphabet) into a latin1 string; undefined when nothing decodes.
 */
export function decodeBase64(text: string, start: number, n: number): string | undefined {
  let out = '';
  let bits = 0;
  let acc = 0;
  const end = Math.min(text.length, start + n);
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    const v = c < 128 ? (BASE64_VALUES[c] ?? -1) : -1;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out.length > 0 ? out : undefined;
}

/** `\u002F` or `\u002B` (either case) at j: a JSON/JavaScript escape of `/` or `+`. */
export function isBase64UrlChar(c: number): boolean {
  return isBase64(c) || c === 45 /* - */ || c === 95; /* _ */
}

/**
 * Decodes base64 or base64url from the [start, end) pieces of `text` (padding or another character
 * ends a piece) into a latin1 string, and tells whether it is text, not binary: at least 85%
 * printable ASCII, tabs and line breaks (UTF-8 text passes too).
 */
export function decodeBase64Runs(text: string, segments: readonly number[]): { decoded: string; text: boolean } {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  let out = '';
  let printable = 0;
  let total = 0;
  for (let k = 0; k < segments.length; k += 2) {
    const end = segments[k + 1] ?? 0;
    for (let j = segments[k] ?? 0; j < end; j++) {
      const c = text.charCodeAt(j);
      const v = c === 45 ? 62 : c === 95 ? 63 : c < 128 ? (BASE64_VALUES[c] ?? -1) : -1;
      if (v < 0) break;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        const b = (acc >> bits) & 0xff;
        total++;
        if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
        bytes.push(b);
        if (bytes.length === 4096) {
          out += String.fromCharCode(...bytes);
          bytes.length = 0;
        }
      }
    }
  }
  return { decoded: out + String.fromCharCode(...bytes), text: total >= 6 && printable >= total * 0.85 };
}

/** What a decoded blob looks like, for the evidence. */
export function decodedShape(s: string): string {
  const t = s.trimStart();
  if (t.startsWith('{') || t.startsWith('[{')) return 'JSON document';
  if (t.startsWith('[')) return 'credentials or config file';
  return 'text';
}

export function isUnicodeEscapedBase64(text: string, j: number): boolean {
  if (text.charCodeAt(j + 1) !== 117 /* u */ || !text.startsWith('002', j + 2)) return false;
  const c = text.charCodeAt(j + 5) | 0x20;
  return c === 102 /* f */ || c === 98; /* b */
}

export function decodeJsonEscapes(raw: string): string {
  return raw
    .replace(/\\\//g, '/')
    .replace(/\\u002[Ff]/g, '/')
    .replace(/\\u002[Bb]/g, '+');
}

export function decodePercentBase64(raw: string): string {
  return raw.replace(/%2B/gi, '+').replace(/%2F/gi, '/').replace(/%3D/gi, '=');
}

export function isPercentBase64(text: string, j: number): boolean {
  // %2B (+), %2F (/), %3D (=), either case
  const a = text.charCodeAt(j + 1);
  const b = text.charCodeAt(j + 2) | 0x20;
  return (a === 50 && (b === 98 || b === 102)) || (a === 51 && b === 100);
}

export function decodeBase64Url(s: string): string {
  return decodeBase64(s.replace(/-/g, '+').replace(/_/g, '/'), 0, s.length) ?? '';
}

export function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
