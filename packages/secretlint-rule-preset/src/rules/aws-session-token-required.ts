import { analyzeSource } from '../analysis.js';
import { compileAllows, isAllowed } from '../allows.js';
import { docsUrl, ruleId } from '../docs.js';
import { maskedMessage } from '../finding-rule.js';
import type { RuleOptions } from '../options.js';
import type { RuleCreator } from '../secretlint-types.js';

interface Props {
  /** The masked temporary key id, e.g. `ASIA…WXYZ`. */
  KEY: string;
}

export const messages = {
  SessionTokenMissing: {
    en: (p: Props) =>
      `temporary AWS access key id ${p.KEY} without a session token in this file: STS credentials do not work without their token, so the rest of this credential set is somewhere else`,
    ja: (p: Props) =>
      `一時アクセスキー ID ${p.KEY} がありますが、このファイルにセッショントークンがありません: STS の認証情報はトークンなしでは使えないため、残りの認証情報が別の場所にあります`,
  },
};

/**
 * File-level: an ASIA (temporary, STS) key id in a file that holds no session token. Such a
 * key cannot sign a request on its own, so the file is half of a credential set: the token
 * (and often the secret) was pasted somewhere else, which is worth knowing when cleaning up.
 */
export const creator: RuleCreator<RuleOptions> = {
  messages,
  meta: {
    id: ruleId('aws-session-token-required'),
    type: 'scanner',
    recommended: true,
    docs: { url: docsUrl('aws-session-token-required') },
    supportedContentTypes: ['text'],
  },
  create(context, options) {
    const allows = compileAllows(options.allows);
    const t = context.createTranslator(messages);
    return {
      file(source) {
        const { findings, ignored } = analyzeSource(source);
        const temporaryIds = findings.filter((f) => f.kind === 'access-key-id' && f.keyType === 'ASIA');
        if (temporaryIds.length === 0) return;
        // A token silenced by credlint-ignore is still present: the set is complete.
        if (findings.some((f) => f.kind === 'session-token') || ignored.some((f) => f.kind === 'session-token')) return;
        for (const f of temporaryIds) {
          if (isAllowed(source.content.slice(f.start, f.end), allows)) continue;
          context.report({ message: maskedMessage(t, 'SessionTokenMissing', { KEY: f.masked } satisfies Props), range: [f.start, f.end] });
        }
      },
    };
  },
};
