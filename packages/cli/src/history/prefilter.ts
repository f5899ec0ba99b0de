/**
 * The history scan's byte-level "could core find anything here?" check, so the ~95% of blobs without
 * any anchor are neither decoded to a string nor scanned: core's own prefilter (`@credlint/core/prefilter`),
 * whose needles a core test derives from the scanner's anchor tables. Exact for UTF-8 and Latin-1;
 * UTF-16 is not byte-compatible: callers must not use this for it (see `utf16Bom`).
 */
export { mayHaveFindings, PREFILTER_REACH } from '@credlint/core/prefilter';
