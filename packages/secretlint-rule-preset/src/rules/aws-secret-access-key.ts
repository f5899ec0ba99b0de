import { findingRule } from '../finding-rule.js';
import { encodingProps, jaEncoded, type EncodingProps } from './encoding.js';

interface Props extends EncodingProps {
  /** The masked secret, e.g. `wJal…MPLE`. */
  KEY: string;
  /** Why core believes it is a secret key (a key name, a key id nearby); never the value. */
  EVIDENCE: string;
}

export const messages = {
  AWSSecretAccessKey: {
    en: (p: Props) => `AWS secret access key ${p.KEY}${p.ENCODED} (${p.EVIDENCE})`,
    ja: (p: Props) => `AWS シークレットアクセスキー ${p.KEY}${jaEncoded(p)} が見つかりました (${p.EVIDENCE})`,
  },
};

/**
 * AWS secret access keys: 40-character values with evidence (an AWS-ish key name in any
 * casing style, or a key id nearby). The range is the secret itself, not its variable name.
 */
export const creator = findingRule({
  name: 'aws-secret-access-key',
  kind: 'secret-access-key',
  recommended: true,
  messages,
  message: (f) => ({ id: 'AWSSecretAccessKey', props: { KEY: f.masked, EVIDENCE: f.evidence[0] ?? 'AWS context', ...encodingProps(f) } satisfies Props }),
});
