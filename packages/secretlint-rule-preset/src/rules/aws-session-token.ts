import { analyzeSource } from '../analysis.js';
import { compileAllows, isAllowed } from '../allows.js';
import { docsUrl, ruleId } from '../docs.js';
import type { RuleOptions } from '../options.js';
import type { RuleCreator } from '../secretlint-types.js';

interface Props {
  /** The masked token, e.g. `IQoJ…Zw==`. */
  KEY: string;
  /** Why core believes it is a session token (an STS prefix, a key name); never the value. */
  EVIDENCE: string;
}

export const messages = {
  AWSSessionToken: {
    en: (p: Props) => `AWS session token ${p.KEY} (${p.EVIDENCE})`,
    ja: (p: Props) => `AWS セッショントークン ${p.KEY} が見つかりました (${p.EVIDENCE})`,
  },
};

/** AWS STS session tokens: known STS prefixes, or a token-ish key name with a long base64 value. */
export const creator: RuleCreator<RuleOptions> = {
  messages,
  meta: {
    id: ruleId('aws-session-token'),
    type: 'scanner',
    recommended: true,
    docs: { url: docsUrl('aws-session-token') },
    supportedContentTypes: ['text'],
  },
  create(context, options) {
    const allows = compileAllows(options.allows);
    const t = context.createTranslator(messages);
    return {
      file(source) {
        for (const f of analyzeSource(source).findings) {
          if (f.kind !== 'session-token') continue;
          if (isAllowed(source.content.slice(f.start, f.end), allows)) continue;
          const props: Props = { KEY: f.masked, EVIDENCE: f.evidence[0] ?? 'AWS context' };
          context.report({ message: t('AWSSessionToken', props), range: [f.start, f.end] });
        }
      },
    };
  },
};
