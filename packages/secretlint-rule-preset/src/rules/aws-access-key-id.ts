import { KEY_TYPES, maskAccountId, type Finding, type KeyType } from '@credlint/core';
import { findingRule } from '../finding-rule.js';
import type { LocalizedMessage } from '../secretlint-types.js';
import { encodingProps, jaEncoded, type EncodingProps } from './encoding.js';

interface Props extends EncodingProps {
  /** The masked key id, e.g. `AKIA…WXYZ`. */
  KEY: string;
  /** The masked account id the key id decodes to, when its format carries one. */
  ACCOUNT?: string;
  /** The key id belongs to a canarytokens.org account. */
  CANARY: boolean;
}

const enAccount = (p: Props): string => (p.ACCOUNT ? ` of account ${p.ACCOUNT}` : '');
const enCanary = (p: Props): string => (p.CANARY ? ' (a canarytokens.org canary: someone will be alerted if it is used)' : '');
const jaAccount = (p: Props): string => (p.ACCOUNT ? `、アカウント ${p.ACCOUNT}` : '');
const jaCanary = (p: Props): string => (p.CANARY ? '（canarytokens.org のカナリアです。使うと通知が飛びます）' : '');

function message(type: KeyType, ja: string): LocalizedMessage<Props> {
  // en reads exactly like core's finding message, so every credlint front end says the same.
  return {
    en: (p) => `AWS access key id ${p.KEY}${p.ENCODED}: ${KEY_TYPES[type]}${enAccount(p)}${enCanary(p)}`,
    ja: (p) => `AWS アクセスキー ID ${p.KEY}${jaEncoded(p)} が見つかりました: ${ja}${jaAccount(p)}${jaCanary(p)}`,
  };
}

/** One message id per key type, so `allowMessageIds` can silence, say, only temporary keys. */
export const messages = {
  LongTermAccessKeyID: message('AKIA', '長期アクセスキー (IAM ユーザーまたはルート)'),
  TemporaryAccessKeyID: message('ASIA', '一時アクセスキー (AWS STS)'),
  BearerTokenID: message('ABIA', 'AWS STS サービスベアラートークン ID'),
  ContextCredentialID: message('ACCA', 'コンテキスト固有の認証情報 ID'),
};

export const MESSAGE_ID_BY_KEY_TYPE: Readonly<Record<KeyType, keyof typeof messages>> = {
  AKIA: 'LongTermAccessKeyID',
  ASIA: 'TemporaryAccessKeyID',
  ABIA: 'BearerTokenID',
  ACCA: 'ContextCredentialID',
};

export function keyIdProps(f: Finding): Props {
  const props: Props = { KEY: f.masked, CANARY: f.canary === true, ...encodingProps(f) };
  if (f.accountId) props.ACCOUNT = maskAccountId(f.accountId);
  return props;
}

/** AWS access key ids (AKIA long-term, ASIA temporary, ABIA, ACCA), anywhere in a file. */
export const creator = findingRule({
  name: 'aws-access-key-id',
  kind: 'access-key-id',
  recommended: true,
  messages,
  message: (f) => ({ id: MESSAGE_ID_BY_KEY_TYPE[f.keyType ?? 'AKIA'], props: keyIdProps(f) }),
});
