/**
 * The one masking function. Shows at most 4 leading and 4 trailing characters
 * (8 in total) of values of 20 or more characters, fewer of shorter ones, nothing
 * of values under 8. `AKIA…MPLE`.
 */
export function mask(value: string): string {
  const n = value.length;
  if (n >= 20) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (n >= 12) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  if (n >= 8) return `${value.slice(0, 1)}…`;
  return '…';
}

/** Account ids are not secret, but a full id and a masked key id together narrow the key: show 4 + 4 digits. */
export function maskAccountId(accountId: string): string {
  return accountId.length === 12 ? `${accountId.slice(0, 4)}…${accountId.slice(-4)}` : mask(accountId);
}

/**
 * Replaces every occurrence of the given secret values in `text` by their masked form.
 * A last line of defence for hosts that echo source lines (code frames, logs).
 */
export function redact(text: string, values: Iterable<string>): string {
  return new Redactor(values).redact(text);
}

const PREFIX = 8;
// Polynomial hash in 32-bit integer arithmetic (wraps mod 2^32 consistently).
const BASE = 257;
let BASE_POW = 1;
for (let k = 1; k < PREFIX; k++) BASE_POW = Math.imul(BASE_POW, BASE);

function prefixHash(s: string, at: number): number {
  let h = 0;
  for (let k = 0; k < PREFIX; k++) h = (Math.imul(h, BASE) + s.charCodeAt(at + k)) | 0;
  return h;
}

/**
 * Masks every occurrence of a set of credential values (what `redact` does; build one to reuse for many texts):
 * a rolling hash of the first 8 characters finds where a value may start, so a text is read once instead
 * of once per value (a config with thousands of secrets made `redact` quadratic). Values under 8
 * characters are not redacted, as in core.
 */
export class Redactor {
  /** prefix hash → the values' lengths (longest first) → the values. */
  private readonly byPrefix = new Map<number, { lengths: number[]; values: Map<number, Set<string>> }>();

  constructor(values: Iterable<string>) {
    for (const v of values) {
      if (v.length < PREFIX) continue;
      const h = prefixHash(v, 0);
      let group = this.byPrefix.get(h);
      if (!group) this.byPrefix.set(h, (group = { lengths: [], values: new Map() }));
      let set = group.values.get(v.length);
      if (!set) {
        group.values.set(v.length, (set = new Set()));
        group.lengths.push(v.length);
        group.lengths.sort((a, b) => b - a);
      }
      set.add(v);
    }
  }

  redact(text: string): string {
    if (this.byPrefix.size === 0 || text.length < PREFIX) return text;
    let out = '';
    let last = 0;
    let h = prefixHash(text, 0);
    for (let i = 0; i + PREFIX <= text.length; i++) {
      if (i > 0) h = (Math.imul((h - Math.imul(text.charCodeAt(i - 1), BASE_POW)) | 0, BASE) + text.charCodeAt(i + PREFIX - 1)) | 0;
      if (i < last) continue;
      const group = this.byPrefix.get(h);
      if (!group) continue;
      for (const len of group.lengths) {
        if (i + len > text.length) continue;
        const candidate = text.slice(i, i + len);
        if (group.values.get(len)!.has(candidate)) {
          out += text.slice(last, i) + mask(candidate);
          last = i + len;
          break;
        }
      }
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
