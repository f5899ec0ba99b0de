import { analyze, type Finding, type FindingKind, type ScanOptions } from '../src/index.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '../src/testing.js';

/** What a scan found, as `kind:value` pairs in text order (values are generated fakes). */
export function found(text: string, options: ScanOptions = {}): string[] {
  return analyze(text, options).findings.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);
}

export function only(text: string, kind: FindingKind, options: ScanOptions = {}): Finding[] {
  return analyze(text, options).findings.filter((f) => f.kind === kind);
}

/** Generated credentials shared by the tables: real in format, decoding to known accounts. */
export const ID = fakeAccessKeyId({ account: 123456789012, seed: 11 });
export const ASIA_ID = fakeAccessKeyId({ prefix: 'ASIA', account: 210987654321, seed: 12 });
export const SECRET = fakeSecretAccessKey(21);
export const TOKEN = fakeSessionToken(31);

/** Replaces {ID} {ASIA} {SECRET} {TOKEN} in a template. */
export function fill(template: string): string {
  return template.replaceAll('{ID}', ID).replaceAll('{ASIA}', ASIA_ID).replaceAll('{SECRET}', SECRET).replaceAll('{TOKEN}', TOKEN);
}
