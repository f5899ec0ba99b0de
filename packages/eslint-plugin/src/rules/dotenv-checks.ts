import { isAbsolute } from 'node:path';
import { isEnvFile } from '@credlint/dotenv/files';
import { annotate, checks, repositoryFacts, validate, type CheckId, type CheckMeta, type CheckSetting, type Diagnostic, type ValidateOptions } from '@credlint/dotenv';
import type { TSESLint } from '@typescript-eslint/utils';
import { DotenvSourceCode } from '../languages/dotenv/language.js';
import { createRule, type CredlintRule } from '../util/create-rule.js';

/**
 * One ESLint rule per @credlint/dotenv check id, rule name = check id. The rules hold no logic of
 * their own: @credlint/dotenv's `validate` judges the text once per file (shared by all rules through
 * a WeakMap on the SourceCode), each rule reports the diagnostics of its id, and a fix is offered
 * exactly where dotenv supplies one (`Diagnostic.fix`).
 *
 * The repository checks run in that same `validate` call, on `repositoryFacts(path)`: git's state of the
 * path (asked once per repository and cached — see @credlint/dotenv's repository.ts) and the example file
 * next to it. The facts depend on the path, not on the buffer, so `eslint --fix` (which lints the fixed
 * text again) and an unsaved editor buffer get the same repository findings as a plain run.
 */
const ALL_IDS = Object.keys(checks) as CheckId[];

const textDiagnostics = new WeakMap<DotenvSourceCode, Diagnostic[]>();

// Every check on: the ESLint rule severity is the switch, not dotenv's settings.
const ALL_ON = Object.fromEntries(ALL_IDS.map((id) => [id, true])) as Partial<Record<CheckId, CheckSetting>>;

function diagnosticsOf(sc: DotenvSourceCode): Diagnostic[] {
  let diags = textDiagnostics.get(sc);
  if (!diags) {
    const options: ValidateOptions = { filename: sc.filename, dialect: sc.dialect, checks: ALL_ON };
    const physical = sc.physicalFilename;
    if (physical && isAbsolute(physical) && isEnvFile(physical)) options.repository = repositoryFacts(physical);
    // The inferred reader and why join the format messages, as in the CLI.
    diags = annotate(validate(sc.text, options), sc.inference);
    textDiagnostics.set(sc, diags);
  }
  return diags;
}

function dotenvRule(meta: CheckMeta): CredlintRule<'diagnostic'> {
  return createRule<'diagnostic', []>({
    name: meta.id,
    meta: {
      type: meta.kind === 'format' ? 'layout' : 'problem',
      docs: { description: meta.description, recommended: true },
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      messages: { diagnostic: '{{message}}' },
      schema: [],
      languages: ['credlint/dotenv'],
    },
    create(context) {
      const sc = context.sourceCode as unknown as DotenvSourceCode;
      if (!(sc instanceof DotenvSourceCode)) return {};
      return {
        DotenvFile() {
          const diags = diagnosticsOf(sc);
          for (const d of diags) {
            if (d.checkId !== meta.id) continue;
            const edit = meta.fixable ? d.fix : undefined;
            context.report({
              loc: { start: sc.getLocFromIndex(d.start), end: sc.getLocFromIndex(Math.max(d.start, d.end)) },
              messageId: 'diagnostic',
              data: { message: d.message },
              ...(edit ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([edit.start, edit.end], edit.text) } : {}),
            });
          }
        },
      } as TSESLint.RuleListener;
    },
  });
}

export const dotenvRules: Record<string, CredlintRule<'diagnostic'>> = Object.fromEntries(ALL_IDS.map((id) => [id, dotenvRule(checks[id])]));

/** Recommended severities: each check's one severity (@credlint/dotenv's table), as in the CLI. */
export const dotenvRecommended: Record<string, 'warn' | 'error'> = Object.fromEntries(
  ALL_IDS.map((id) => [`credlint/${id}`, checks[id].severity === 'error' ? 'error' : 'warn']),
);
