import { maskAccountId } from '@credlint/core';
import { isAllowed } from '../allows.js';
import { findingRule } from '../finding-rule.js';

interface Props {
  /** The masked 12-digit account id, e.g. `1234…9012`. */
  ACCOUNT: string;
  /** The key name that named it; never the value. */
  EVIDENCE: string;
}

export const messages = {
  AWSAccountID: {
    en: (p: Props) => `AWS account id ${p.ACCOUNT} (${p.EVIDENCE})`,
    ja: (p: Props) => `AWS アカウント ID ${p.ACCOUNT} が見つかりました (${p.EVIDENCE})`,
  },
};

const ACCOUNT_KINDS = ['account-id'] as const;

/**
 * AWS account ids assigned to an account-ish name. Off by default: account ids are not
 * secret. The preset registers it only with `enableAccountIdRule: true`.
 */
export const creator = findingRule({
  name: 'aws-account-id',
  kind: 'account-id',
  recommended: false,
  messages,
  kinds: ACCOUNT_KINDS,
  message: (f) =>
    f.accountId ? { id: 'AWSAccountID', props: { ACCOUNT: maskAccountId(f.accountId), EVIDENCE: f.evidence[0] ?? 'AWS context' } satisfies Props } : undefined,
  // allows match the value as written (with or without dashes) and the bare digits
  allowedToo: (f, allows) => f.accountId !== undefined && isAllowed(f.accountId, allows),
});
