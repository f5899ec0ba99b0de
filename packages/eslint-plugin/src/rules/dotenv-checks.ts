import { isAbsolute, resolve } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { isEnvFile } from '@credlint/dotenv/files';
import {
  annotate,
  checks,
  loadSchema,
  repositoryFacts,
  validate,
  type CheckId,
  type CheckMeta,
  type CheckSetting,
  type Diagnostic,
  type EnvSchema,
  type ValidateOptions,
} from '@credlint/dotenv';
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

/** Loaded schemas by path, mtime and size: a malformed one throws (ESLint shows the message and stops). */
const schemas = new Map<string, EnvSchema>();
function schemaAt(path: string): EnvSchema {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new Error(`credlint/schema: cannot read the schema ${path}: ${(e as Error).message}`, { cause: e });
  }
  const key = `${path}\0${stat.mtimeMs}\0${stat.size}`;
  let s = schemas.get(key);
  if (!s) {
    try {
      s = loadSchema(readFileSync(path, 'utf8'), path);
    } catch (e) {
      throw new Error(`credlint/schema: invalid schema: ${(e as Error).message}`, { cause: e });
    }
    schemas.set(key, s);
  }
  return s;
}

/** The `schema` rule: its own validate run, with the schema file its option names. */
function diagnosticsOfSchema(sc: DotenvSourceCode, path: string): Diagnostic[] {
  const only = Object.fromEntries(ALL_IDS.map((id) => [id, id === 'schema'])) as Partial<Record<CheckId, CheckSetting>>;
  return validate(sc.text, { filename: sc.filename, dialect: sc.dialect, checks: only, schema: schemaAt(path) });
}

type Options = [{ schema?: string }?];

function dotenvRule(meta: CheckMeta): CredlintRule<'diagnostic', Options> {
  return createRule<'diagnostic', Options>({
    name: meta.id,
    meta: {
      type: meta.kind === 'format' || meta.kind === 'style' ? 'layout' : 'problem',
      // opt-in checks (style, schema) are not in configs.recommended
      docs: { description: meta.description, recommended: !meta.optIn },
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      messages: { diagnostic: '{{message}}' },
      schema:
        meta.id === 'schema'
          ? [
              {
                type: 'object',
                properties: { schema: { type: 'string', description: 'Path of a dotenv-linter schema (JSON), relative to the ESLint cwd.' } },
                required: ['schema'],
                additionalProperties: false,
              },
            ]
          : [],
      languages: ['credlint/dotenv'],
    },
    create(context) {
      const sc = context.sourceCode as unknown as DotenvSourceCode;
      if (!(sc instanceof DotenvSourceCode)) return {};
      const schemaPath = meta.id === 'schema' ? context.options[0]?.schema : undefined;
      if (meta.id === 'schema' && schemaPath === undefined)
        throw new Error('credlint/schema: give the schema file as an option: ["error", { schema: "env.schema.json" }]');
      return {
        DotenvFile() {
          const diags = schemaPath !== undefined ? diagnosticsOfSchema(sc, resolve(context.cwd, schemaPath)) : diagnosticsOf(sc);
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
      };
    },
  });
}

export const dotenvRules: Record<string, CredlintRule<'diagnostic', Options>> = Object.fromEntries(ALL_IDS.map((id) => [id, dotenvRule(checks[id])]));

/** Recommended severities: each check's one severity (@credlint/dotenv's table), as in the CLI; opt-in checks are left out. */
export const dotenvRecommended: Record<string, 'warn' | 'error'> = Object.fromEntries(
  ALL_IDS.filter((id) => !checks[id].optIn).map((id) => [`credlint/${id}`, checks[id].severity === 'error' ? 'error' : 'warn']),
);
