// Character tests on char codes: the scanner's inner loops call these, so they
// avoid regexes and allocations.

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAlnum(c: number): boolean {
  return isUpper(c) || isLower(c) || isDigit(c);
}
/** `[A-Za-z0-9+/]`: the alphabet of secret access keys and session tokens. */
export function isBase64(c: number): boolean {
  return isAlnum(c) || c === 43 /* + */ || c === 47; /* / */
}
/** RFC 4648 base32 alphabet used in the 16 characters after an access key id's prefix. */
export function isBase32(c: number): boolean {
  return isUpper(c) || (c >= 50 && c <= 55); /* 2-7 */
}
/** Characters that continue a word: a key next to one of these is part of a longer token. */
export function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95; /* _ */
}
/** Characters of a key/property/variable name in any casing style. */
export function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 /* - */ || c === 46; /* . */
}
export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * True when `text[i - 1]` is the letter of an escape sequence such as `\n` or `\t`
 * (JSON strings, minified code, logs): the key after it starts a new token.
 */
export function followsEscape(text: string, i: number): boolean {
  if (i < 2 || text.charCodeAt(i - 2) !== 92 /* \ */) return false;
  const e = text.charCodeAt(i - 1);
  // n r t b f v 0
  return e === 110 || e === 114 || e === 116 || e === 98 || e === 102 || e === 118 || e === 48;
}

/** True when `text[i - 3 .. i)` is a percent-encoding such as `%3D` or `%2F` (URLs). */
export function followsPercentEncoding(text: string, i: number): boolean {
  return i >= 3 && text.charCodeAt(i - 3) === 37 /* % */ && isHexDigit(text.charCodeAt(i - 2)) && isHexDigit(text.charCodeAt(i - 1));
}
