import { analyze, DEFAULT_KINDS, type FindingKind, type ScanResult } from '@credlint/core';
import type { SourceCode } from './secretlint-types.js';
import { isCredlintIgnored } from '@credlint/core/ignore-file';

/** What core reports by default (its KINDS table); the rules for these kinds share one scan per file. */
export { DEFAULT_KINDS };

interface Entry {
  content: string;
  kinds: string;
  result: ScanResult;
}

// secretlint hands every rule the same source object for a file, so rules that need the
// same kinds share one scan: the preset costs one core pass per file, not one per rule.
const cache = new WeakMap<object, Entry[]>();

/**
 * core's analysis of a secretlint source (findings, and those silenced by credlint-ignore). A file
 * `.credlintignore` lists (the cwd's and the repository root's, core's matcher, as the CLI applies
 * it) has none: every member rule reads its findings here.
 */
export function analyzeSource(source: SourceCode, kinds: readonly FindingKind[] = DEFAULT_KINDS): ScanResult {
  if (listed(source)) return { findings: [], ignored: [] };
  const key = kinds.join(',');
  let entries = cache.get(source);
  const hit = entries?.find((e) => e.kinds === key && e.content === source.content);
  if (hit) return hit.result;
  const result = analyze(source.content, { filename: source.filePath, kinds });
  if (!entries) cache.set(source, (entries = []));
  entries.push({ content: source.content, kinds: key, result });
  return result;
}

// Asked once per file, not once per member rule.
const ignoredSources = new WeakMap<object, boolean>();
function listed(source: SourceCode): boolean {
  let ignored = ignoredSources.get(source);
  if (ignored === undefined) {
    ignored = source.filePath !== undefined && isCredlintIgnored(source.filePath);
    ignoredSources.set(source, ignored);
  }
  return ignored;
}
