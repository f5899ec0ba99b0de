import { compileAllows } from './allows.js';
import { docsUrl, PRESET_ID } from './docs.js';
import { assertObject, type PresetOptions, type RuleOptions } from './options.js';
import { creator as accessKeyId } from './rules/aws-access-key-id.js';
import { creator as accountId } from './rules/aws-account-id.js';
import { creator as bedrockApiKey } from './rules/aws-bedrock-api-key.js';
import { creator as secretAccessKey } from './rules/aws-secret-access-key.js';
import { creator as sessionTokenRequired } from './rules/aws-session-token-required.js';
import { creator as sessionToken } from './rules/aws-session-token.js';
import type { PresetCreator, RuleCreator } from './secretlint-types.js';

/** Member rules on by default, in report order. */
export const recommendedRules: readonly RuleCreator<RuleOptions>[] = [accessKeyId, secretAccessKey, sessionToken, sessionTokenRequired, bedrockApiKey];

/** Every member rule, including the opt-in account-id rule. */
export const rules: RuleCreator<RuleOptions>[] = [...recommendedRules, accountId];

/**
 * The preset's `allows` reach every member rule. secretlint (10 to 13) drops a preset's
 * default options when the user gives none for a rule, so the merge happens here, around
 * `create`, instead of through registerRule's default value.
 */
function withPresetAllows(rule: RuleCreator<RuleOptions>, presetAllows: readonly string[]): RuleCreator<RuleOptions> {
  if (presetAllows.length === 0) return rule;
  return {
    ...rule,
    create(context, options) {
      const own = assertObject(options, `options of ${rule.meta.id}`) as RuleOptions;
      return rule.create(context, { ...own, allows: [...presetAllows, ...(own.allows ?? [])] });
    },
  };
}

function disabledRuleIds(names: unknown): Set<string> {
  if (names === undefined) return new Set();
  if (!Array.isArray(names)) throw new TypeError(`${PRESET_ID}: "disabledRules" must be an array of rule ids`);
  const known = new Map(
    rules.flatMap(
      (r) =>
        [
          [r.meta.id, r.meta.id],
          [r.meta.id.replace('@credlint/secretlint-rule-', ''), r.meta.id],
        ] as const,
    ),
  );
  return new Set(
    names.map((name: unknown) => {
      const id = typeof name === 'string' ? known.get(name) : undefined;
      if (!id) throw new TypeError(`${PRESET_ID}: "disabledRules" names an unknown rule ${JSON.stringify(name)}; known: ${[...known.keys()].join(', ')}`);
      return id;
    }),
  );
}

export const creator: PresetCreator<PresetOptions> = {
  meta: {
    id: PRESET_ID,
    type: 'preset',
    recommended: true,
    docs: { url: docsUrl('preset') },
  },
  rules,
  create(context, options) {
    // secretlint passes `[]` to a preset without options
    const opts = assertObject(Array.isArray(options) && options.length === 0 ? {} : options, `options of ${PRESET_ID}`) as PresetOptions;
    const presetAllows = opts.allows ?? [];
    compileAllows(presetAllows); // fail early, with the pattern named, on a bad pattern
    const disabled = disabledRuleIds(opts.disabledRules);
    const members = opts.enableAccountIdRule === true ? rules : recommendedRules;
    for (const rule of members) {
      if (!disabled.has(rule.meta.id)) context.registerRule(withPresetAllows(rule, presetAllows));
    }
  },
};
