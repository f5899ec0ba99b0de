import { maskAccountId } from '@credlint/core';
import { findingRule } from '../finding-rule.js';

interface Props {
  /** The masked key, e.g. `ABSK…bw==`. */
  KEY: string;
  /** The masked account id the key names (long-term) or its signing key id decodes to (short-term). */
  ACCOUNT?: string;
  /** Short-term keys: the masked key id that signed the presigned URL. */
  SIGNER?: string;
  /** Short-term keys: when the presigned URL expires (ISO 8601). */
  EXPIRES?: string;
}

const enAccount = (p: Props): string => (p.ACCOUNT ? ` of account ${p.ACCOUNT}` : '');
const jaAccount = (p: Props): string => (p.ACCOUNT ? `、アカウント ${p.ACCOUNT}` : '');

// en reads like core's finding message, so every credlint front end says the same.
export const messages = {
  BedrockLongTermAPIKey: {
    en: (p: Props) => `Amazon Bedrock API key ${p.KEY} (long-term${p.ACCOUNT ? `, account ${p.ACCOUNT}` : ''})`,
    ja: (p: Props) => `Amazon Bedrock API キー ${p.KEY} が見つかりました (長期キー${jaAccount(p)})`,
  },
  BedrockShortTermAPIKey: {
    en: (p: Props) =>
      `Amazon Bedrock API key ${p.KEY} (short-term, signed with ${p.SIGNER ?? 'a temporary key'}${enAccount(p)}${p.EXPIRES ? `, expires ${p.EXPIRES}` : ''})`,
    ja: (p: Props) =>
      `Amazon Bedrock API キー ${p.KEY} が見つかりました (短期キー、署名キー ${p.SIGNER ?? '一時キー'}${jaAccount(p)}${p.EXPIRES ? `、有効期限 ${p.EXPIRES}` : ''})`,
  },
};

/** Amazon Bedrock API keys: long-term `ABSK…` and short-term `bedrock-api-key-…` (decoded by core). */
export const creator = findingRule({
  name: 'aws-bedrock-api-key',
  kind: 'bedrock-api-key',
  recommended: true,
  messages,
  message: (f) => {
    const props: Props = { KEY: f.masked };
    if (f.accountId) props.ACCOUNT = maskAccountId(f.accountId);
    if (f.embeddedKeyId === undefined) return { id: 'BedrockLongTermAPIKey', props };
    props.SIGNER = f.embeddedKeyId;
    if (f.expiresAt) props.EXPIRES = f.expiresAt;
    return { id: 'BedrockShortTermAPIKey', props };
  },
});
