import { analyzeSource } from '../analysis.js';
import { compileAllows, isAllowed } from '../allows.js';
import { docsUrl, ruleId } from '../docs.js';
import type { RuleOptions } from '../options.js';
import type { RuleCreator } from '../secretlint-types.js';

interface Props {
  /** The masked secret, e.g. `wJal…MPLE`. */
  KEY: string;
  /** Why core believes it is a secret key (a key name, a key id nearby); never the value. */
  EVIDENCE: string;
}

export const messages = {
  AWSSecretAccessKey: {
    en: (p: Props) => `AWS secret access key ${p.KEY} (${p.EVIDENCE})`,
    ja: (p: Props) => `AWS シークレットアクセスキー ${p.KEY} が見つかりました (${p.EVIDENCE})`,
  },
};

/**
 * AWS secret access keys: 40-character values with evidence (an AWS-ish key name in any
 * casing style, or a key id nearby). The range is the secret itself, not its variable name.
 */
export const creator: RuleCreator<RuleOptions> = {
  messages,
  meta: {
    id: ruleId('aws-secret-access-key'),
    type: 'scanner',
    recommended: true,
    docs: { url: docsUrl('aws-secret-access-key') },
    supportedContentTypes: ['text'],
  },
  create(context, options) {
    const allows = compileAllows(options.allows);
    const t = context.createTranslator(messages);
    return {
      file(source) {
        for (const f of analyzeSource(source).findings) {
          if (f.kind !== 'secret-access-key') continue;
          if (isAllowed(source.content.slice(f.start, f.end), allows)) continue;
          const props: Props = { KEY: f.masked, EVIDENCE: f.evidence[0] ?? 'AWS context' };
          context.report({ message: t('AWSSecretAccessKey', props), range: [f.start, f.end] });
        }
      },
    };
  },
};
