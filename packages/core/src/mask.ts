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
  let out = text;
  for (const v of values) {
    if (v.length >= 8) out = out.split(v).join(mask(v));
  }
  return out;
}
