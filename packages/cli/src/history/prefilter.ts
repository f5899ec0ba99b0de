/**
 * A byte-level "could core find anything here?" check, so the ~95% of blobs without any anchor are
 * neither decoded to a string nor scanned. Exact, not heuristic: core starts every candidate at an
 * anchor (packages/core/src/anchors.ts: `AKIA`/`ASIA`/`ABIA`/`ACCA`/`AQoDYXdz`, `IQoJb3JpZ2luX2Vj`,
 * `F[wQ]oGZXIvYXdz`, `[Ss]ecret`/`SECRET`, `[Tt]oken`/`TOKEN`, `QUtJQ`/`QVNJQ`) or at an account
 * anchor (`[Aa]ccount`/`ACCOUNT`), all ASCII. UTF-8 and Latin-1 text hold an ASCII character
 * exactly where the bytes hold its byte, so a text whose bytes contain none of these needles (or a
 * shorter piece of each) has no anchor, hence no finding and nothing inline-ignored.
 * UTF-16 is not byte-compatible: callers must not use this for it (see `utf16Bom`).
 * A test checks it against core on texts built around every needle.
 */
const NEEDLES = [
  'ken',
  'KEN',
  'cret',
  'CRET',
  'ccount',
  'CCOUNT',
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'AQoDYXdz',
  'IQoJb3JpZ2luX2Vj',
  'GZXIvYXdz',
  'QUtJQ',
  'QVNJQ',
].map((n) => Buffer.from(n, 'latin1'));

export function mayHaveFindings(buf: Buffer): boolean {
  for (const n of NEEDLES) if (buf.indexOf(n) !== -1) return true;
  return false;
}
