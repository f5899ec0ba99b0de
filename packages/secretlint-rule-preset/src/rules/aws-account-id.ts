import { maskAccountId } from '@credlint/core';
import { analyzeSource } from '../analysis.js';
import { compileAllows, isAllowed } from '../allows.js';
import { docsUrl, ruleId } from '../docs.js';
import type { RuleOptions } from '../options.js';
import type { RuleCreator } from '../secretlint-types.js';

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
export const creator: RuleCreator<RuleOptions> = {
  messages,
  meta: {
    id: ruleId('aws-account-id'),
    type: 'scanner',
    recommended: false,
    docs: { url: docsUrl('aws-account-id') },
    supportedContentTypes: ['text'],
  },
  create(context, options) {
    const allows = compileAllows(options.allows);
    const t = context.createTranslator(messages);
    return {
      file(source) {
        for (const f of analyzeSource(source, ACCOUNT_KINDS).findings) {
          if (f.kind !== 'account-id' || !f.accountId) continue;
          // allows match the value as written (with or without dashes) and the bare digits
          if (isAllowed(source.content.slice(f.start, f.end), allows) || isAllowed(f.accountId, allows)) continue;
          const props: Props = { ACCOUNT: maskAccountId(f.accountId), EVIDENCE: f.evidence[0] ?? 'AWS context' };
          context.report({ message: t('AWSAccountID', props), range: [f.start, f.end] });
        }
      },
    };
  },
};
