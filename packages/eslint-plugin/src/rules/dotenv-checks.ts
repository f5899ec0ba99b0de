import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { annotate, checks, loadSchema, validate, type CheckId, type CheckMeta, type CheckSetting, type Diagnostic, type EnvSchema } from '@credlint/dotenv';
import type { TSESLint } from '@typescript-eslint/utils';
import { DotenvSourceCode } from '../languages/dotenv/language.js';
import { createRule, type CredlintRule } from '../util/create-rule.js';

/**
 * One ESLint rule per @credlint/dotenv check id, rule name = check id. The rules hold no
 * logic of their own: @credlint/dotenv's `validate` judges the text (once per file, shared by
 * all rules through a WeakMap on the SourceCode), each rule reports the diagnostics of its id,
 * and a fix is offered exactly where dotenv supplies one (`Diagnostic.fix`).
 *
 * Repository checks (`env-file-not-ignored`, `env-file-tracked`, `example-drift`) need git and
 * the neighbouring files: they run through dotenv's file-level `validateFile` — only for a file
 * that exists on disk with the same content as the buffer — in a child process (ESLint rules are
 * synchronous, `validateFile` is not), once per file version (path + mtime + size).
 */
const ALL_IDS = Object.keys(checks) as CheckId[];
const FILE_LEVEL = new Set<CheckId>(ALL_IDS.filter((id) => checks[id].kind === 'repository' && id !== 'credential-in-example'));

const textDiagnostics = new WeakMap<DotenvSourceCode, Diagnostic[]>();
const fileDiagnostics = new Map<string, Diagnostic[]>();

function settings(ids: (id: CheckId) => boolean): Partial<Record<CheckId, CheckSetting>> {
  return Object.fromEntries(ALL_IDS.map((id) => [id, ids(id)])) as Partial<Record<CheckId, CheckSetting>>;
}

function diagnosticsOfText(sc: DotenvSourceCode): Diagnostic[] {
  let diags = textDiagnostics.get(sc);
  if (!diags) {
    // Every check on: the ESLint rule severity is the switch, not dotenv's settings.
    // The inferred reader and why join the format messages, as in the CLI.
    diags = annotate(validate(sc.text, { filename: sc.filename, dialect: sc.dialect, checks: settings((id) => !FILE_LEVEL.has(id)) }), sc.inference);
    textDiagnostics.set(sc, diags);
  }
  return diags;
}

const CHILD = `
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { url, path, cwd, checks, dialect } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const { validateFile } = await import(url);
const r = await validateFile(path, { cwd, git: true, checks, dialect });
process.stdout.write(JSON.stringify(r.diagnostics ?? []));
`;

function diagnosticsOfFile(sc: DotenvSourceCode, cwd: string): Diagnostic[] {
  const path = sc.physicalFilename;
  let stat;
  try {
    stat = statSync(path);
    if (!stat.isFile()) return [];
    // The buffer must be what is on disk, or positions from the file would be wrong (editor, unsaved).
    const disk = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    if (disk !== sc.text) return [];
  } catch {
    return [];
  }
  const key = `${path}\0${stat.mtimeMs}\0${stat.size}\0${sc.dialect}`;
  const cached = fileDiagnostics.get(key);
  if (cached) return cached;
  let diags: Diagnostic[];
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], {
      input: JSON.stringify({ url: import.meta.resolve('@credlint/dotenv'), path, cwd: cwd || dirname(path), checks: settings((id) => FILE_LEVEL.has(id)), dialect: sc.dialect }),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      timeout: 30_000,
    });
    diags = (JSON.parse(out) as Diagnostic[]).filter((d) => FILE_LEVEL.has(d.checkId));
  } catch {
    diags = []; // not a git repository, git missing, …: the repository checks have nothing to say
  }
  fileDiagnostics.set(key, diags);
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
          ? [{ type: 'object', properties: { schema: { type: 'string', description: 'Path of a dotenv-linter schema (JSON), relative to the ESLint cwd.' } }, required: ['schema'], additionalProperties: false }]
          : [],
      languages: ['credlint/dotenv'],
    },
    create(context) {
      const sc = context.sourceCode as unknown as DotenvSourceCode;
      if (!(sc instanceof DotenvSourceCode)) return {};
      const schemaPath = meta.id === 'schema' ? context.options[0]?.schema : undefined;
      if (meta.id === 'schema' && schemaPath === undefined) throw new Error('credlint/schema: give the schema file as an option: ["error", { schema: "env.schema.json" }]');
      return {
        DotenvFile() {
          const diags = schemaPath !== undefined ? diagnosticsOfSchema(sc, resolve(context.cwd, schemaPath)) : FILE_LEVEL.has(meta.id) ? diagnosticsOfFile(sc, context.cwd) : diagnosticsOfText(sc);
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

export const dotenvRules: Record<string, CredlintRule<'diagnostic', Options>> = Object.fromEntries(ALL_IDS.map((id) => [id, dotenvRule(checks[id])]));

/** Recommended severities: format findings warn, AWS and repository findings are errors; opt-in checks are left out. */
export const dotenvRecommended: Record<string, 'warn' | 'error'> = Object.fromEntries(
  ALL_IDS.filter((id) => !checks[id].optIn).map((id) => [`credlint/${id}`, checks[id].kind === 'format' ? 'warn' : 'error']),
);
