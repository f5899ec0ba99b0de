import { looksRandom, mask } from '@credlint/core';

/**
 * Runs of characters a credential is made of (base64, base64url, base32, hex), 16 or more long. A
 * plain character class and a bounded tail: no backtracking, linear in the message.
 */
const TOKEN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;

/**
 * Would this run of a name or value give away a credential? Long machine-generated strings (a digit or
 * a base64 character, several character classes, enough entropy) in one piece of 16+ characters:
 * session tokens, secret keys, key ids, API tokens, hex digests. Names such as
 * `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` or `DB_PASSWORD_2024` are words joined by `_`, `-`, `.`:
 * no piece is long enough to be kept secret, so they stay readable.
 */
export function looksSecret(token: string): boolean {
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 0x3d) end--; // padding `=`, without a backtracking regex
  const bare = token.slice(0, end);
  if (bare.length < 16 || !/[0-9+/]/.test(bare)) return false;
  if (!bare.split(/[_.-]/).some((piece) => piece.length >= 16)) return false;
  return looksRandom(bare);
}

/**
 * Every message goes through this before it leaves a check: names and values are quoted in messages
 * (`"<name>" is not a portable variable name`), and a name can be a whole session token pasted on its
 * own line. Credential-shaped runs are shown as core's `mask` shows them (4 + 4 characters at most).
 */
export function safeMessage(message: string): string {
  return message.replace(TOKEN, (token) => (looksSecret(token) ? mask(token) : token));
}
