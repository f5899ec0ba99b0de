import { isAccessKeyIdName, mask, secretNameStrength, tokenNameStrength } from '@credlint/core';

/** Variables and shared-file keys whose values are credentials: only ever shown through core's `mask`. */
const SECRET_NAMES = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_bearer_token_bedrock',
]);

export function isSecretName(name: string): boolean {
  // Core's name judgement covers non-standard spellings (`AWS_SECRET_KEY`, `aws_sessionToken`): mask rather than risk it.
  return SECRET_NAMES.has(name.toLowerCase()) || isAccessKeyIdName(name) || secretNameStrength(name) !== 'none' || tokenNameStrength(name) !== 'none';
}

/** How a value may appear in a message: masked for credentials, quoted (escapes visible) otherwise. */
export function showValue(name: string, value: string): string {
  if (isSecretName(name)) return mask(value.trim());
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}
