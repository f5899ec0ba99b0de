import type { Finding, FindingKind } from '@credlint/core';
import { analyzeSource, DEFAULT_KINDS } from './analysis.js';
import { compileAllows, isAllowed } from './allows.js';
import { docsUrl, ruleId } from './docs.js';
import type { RuleOptions } from './options.js';
import type { LocalizedMessage, RuleContext, RuleCreator, SourceCode, TranslateResult } from './secretlint-types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each message has its own props type
type Messages = Record<string, LocalizedMessage<any>>;

export interface FindingRuleSpec<M extends Messages> {
  /** Rule name: `@credlint/secretlint-rule-<name>`, docs at `docs/rules/secretlint-<name>.md`. */
  name: string;
  kind: FindingKind;
  recommended: boolean;
  messages: M;
  /** Kinds core scans for (one shared scan per file per kind list). */
  kinds?: readonly FindingKind[];
  /** The message for a finding, or undefined to skip it. */
  message(f: Finding): { id: keyof M & string; props: unknown } | undefined;
  /** Extra `allows` matching beyond the value as written (e.g. an account id without dashes). */
  allowedToo?(f: Finding, allows: readonly RegExp[]): boolean;
}

/**
 * The translated message without its `data`. secretlint's default `--maskSecrets` stars every
 * string in `data` and each place it appears in the message, which turned our already-masked
 * previews, key names and account ids into `*****`. Nothing secret is ever in our messages
 * (they carry core's masked text), so no data is handed over to be masked.
 */
export function maskedMessage(t: ReturnType<RuleContext['createTranslator']>, id: string, props: unknown): TranslateResult {
  return { ...t(id, props), data: undefined };
}

/**
 * A secretlint rule that reports core's findings of one kind, at the value's own range,
 * through secretlint's translator, minus what `allows` matches. Every member rule but the
 * file-level one is this with its own messages.
 */
export function findingRule<M extends Messages>(spec: FindingRuleSpec<M>): RuleCreator<RuleOptions> {
  return {
    messages: spec.messages,
    meta: {
      id: ruleId(spec.name),
      type: 'scanner',
      recommended: spec.recommended,
      docs: { url: docsUrl(spec.name) },
      supportedContentTypes: ['text'],
    },
    create(context, options) {
      const allows = compileAllows(options.allows);
      const t = context.createTranslator(spec.messages);
      return {
        file(source: SourceCode) {
          for (const f of analyzeSource(source, spec.kinds ?? DEFAULT_KINDS).findings) {
            if (f.kind !== spec.kind) continue;
            if (isAllowed(source.content.slice(f.start, f.end), allows) || spec.allowedToo?.(f, allows)) continue;
            const m = spec.message(f);
            if (m) context.report({ message: maskedMessage(t, m.id, m.props), range: [f.start, f.end] });
          }
        },
      };
    },
  };
}
