import { KEY_TYPES } from './key-id.js';
import { maskAccountId } from './mask.js';
import type { Finding } from './types.js';

const ENCODING_NOTES: Record<NonNullable<Finding['encoding']>, string> = {
  base64: ' (base64-encoded in the file)',
  percent: ' (percent-encoded in the file)',
  'json-escape': ' (JSON-escaped in the file)',
};

/** Values found encoded are shown decoded (masked); the message says how they were encoded. */
export function encodingNote(f: Pick<Finding, 'encoding'>): string {
  return f.encoding ? ENCODING_NOTES[f.encoding] : '';
}

/** The human message for a finding; built only from masked parts. */
export function messageFor(f: Omit<Finding, 'message'>): string {
  switch (f.kind) {
    case 'access-key-id': {
      const type = f.keyType ? KEY_TYPES[f.keyType] : 'access key id';
      const account = f.accountId ? ` of account ${maskAccountId(f.accountId)}` : '';
      const canary = f.canary ? ' (a canarytokens.org canary: someone will be alerted if it is used)' : '';
      return `AWS access key id ${f.masked}${encodingNote(f)}: ${type}${account}${canary}`;
    }
    case 'secret-access-key':
      return `AWS secret access key ${f.masked}${encodingNote(f)} (${f.evidence[0] ?? 'AWS context'})`;
    case 'session-token':
      return `AWS session token ${f.masked}${encodingNote(f)} (${f.evidence[0] ?? 'AWS context'})`;
    case 'account-id':
      return `AWS account id ${maskAccountId(f.accountId ?? '')} (${f.evidence[0] ?? 'AWS context'})`;
    case 'bedrock-api-key': {
      if (f.embeddedKeyId !== undefined) {
        const account = f.accountId ? ` of account ${maskAccountId(f.accountId)}` : '';
        const expiry = f.expiresAt ? `, expires ${f.expiresAt}` : '';
        return `Amazon Bedrock API key ${f.masked} (short-term, signed with ${f.embeddedKeyId}${account}${expiry})`;
      }
      return `Amazon Bedrock API key ${f.masked} (long-term${f.accountId ? `, account ${maskAccountId(f.accountId)}` : ''})`;
    }
  }
}

/** What to do about a finding, one line; shared by every front end. */
export function hintFor(f: Pick<Finding, 'kind' | 'keyType'>): string {
  switch (f.kind) {
    case 'access-key-id':
      return f.keyType === 'ASIA'
        ? 'Temporary credentials expire but still grant access until then: remove them and load credentials from the environment or a profile.'
        : 'Deactivate and rotate this key in IAM, then load credentials from the environment, a profile or a role instead of the source.';
    case 'secret-access-key':
      return 'Rotate the key pair in IAM and remove the secret from the file (and from git history).';
    case 'session-token':
      return 'Remove the token; temporary credentials belong in the environment or a credential process, not in files.';
    case 'account-id':
      return 'Account ids are not secret, but keep them in configuration rather than hard-coded if your policy requires it.';
    case 'bedrock-api-key':
      return 'Revoke the key (long-term: delete the IAM service-specific credential; short-term: revoke the signing session), then pass it through AWS_BEARER_TOKEN_BEDROCK from the environment.';
  }
}
