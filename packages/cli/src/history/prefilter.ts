/**
 * A byte-level "could core find anything here?" check, so blobs without any anchor are neither
 * decoded to a string nor scanned. Exact, not heuristic: core starts every candidate at an anchor,
 * and every anchor contains one of `anchorLiterals()` (core builds the list from its own anchor
 * tables, so the two cannot drift apart), all ASCII. UTF-8 and Latin-1 text hold an ASCII character
 * exactly where the bytes hold its byte, so a text whose bytes contain none of these literals has
 * no anchor, hence no finding and nothing inline-ignored.
 * UTF-16 is not byte-compatible: callers must not use this for it (see `utf16Bom`).
 * A test checks it against core on texts built around every literal.
 */
import { anchorLiterals } from '@credlint/core/internals';

// The history scan reports the default kinds (no account ids): no account anchors.
const NEEDLES: Buffer[] = anchorLiterals(false).map((n) => Buffer.from(n, 'latin1'));

export function mayHaveFindings(buf: Uint8Array): boolean {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < NEEDLES.length; i++) {
    const n = NEEDLES[i] as Buffer;
    if (b.indexOf(n) !== -1) {
      // The answer is the same in any order: the needle that hit is tried first next time (most
      // blobs that have any anchor share the common ones, `Token`, `aws`).
      if (i > 0) {
        NEEDLES.splice(i, 1);
        NEEDLES.unshift(n);
      }
      return true;
    }
  }
  return false;
}
