import { findingRule } from '../finding-rule.js';
import { encodingProps, jaEncoded, type EncodingProps } from './encoding.js';

interface Props extends EncodingProps {
  /** The masked token, e.g. `IQoJ…Zw==`. */
  KEY: string;
  /** Why core believes it is a session token (an STS prefix, a key name); never the value. */
  EVIDENCE: string;
}

export const messages = {
  AWSSessionToken: {
    en: (p: Props) => `AWS session token ${p.KEY}${p.ENCODED} (${p.EVIDENCE})`,
    ja: (p: Props) => `AWS セッショントークン ${p.KEY}${jaEncoded(p)} が見つかりました (${p.EVIDENCE})`,
  },
};

/** AWS STS session tokens: known STS prefixes, or a token-ish key name with a long base64 value. */
export const creator = findingRule({
  name: 'aws-session-token',
  kind: 'session-token',
  recommended: true,
  messages,
  message: (f) => ({ id: 'AWSSessionToken', props: { KEY: f.masked, EVIDENCE: f.evidence[0] ?? 'AWS context', ...encodingProps(f) } satisfies Props }),
});
