import { isCredlintIgnored } from '@credlint/core/ignore-file';
import type { TSESLint } from '@typescript-eslint/utils';
import { ruleDocsUrl } from '../meta.js';

/** `meta.docs` of every credlint rule. */
export interface CredlintRuleDocs {
  description: string;
  recommended?: boolean;
}

type Meta<MessageIds extends string, Options extends readonly unknown[]> = Omit<TSESLint.RuleMetaData<MessageIds, CredlintRuleDocs, Options>, 'docs'> & {
  docs: CredlintRuleDocs;
  /** ESLint ≥ 10.2 checks that enabled rules support the file's language. */
  languages?: string[];
};

export type CredlintRule<MessageIds extends string = string, Options extends readonly unknown[] = []> = TSESLint.RuleModule<
  MessageIds,
  Options,
  CredlintRuleDocs
> & {
  name: string;
};

/**
 * The shape of typescript-eslint's `ESLintUtils.RuleCreator(url)` — typed AST and context,
 * `meta.docs.url` pointing at docs/rules/<name>.md — without its runtime: @typescript-eslint/utils
 * is used at type level only, so a Python repository installs this plugin with only `eslint`
 * (no TypeScript peer pulled in).
 */
export function createRule<MessageIds extends string, Options extends readonly unknown[] = []>(rule: {
  name: string;
  meta: Meta<MessageIds, Options>;
  create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>) => TSESLint.RuleListener;
}): CredlintRule<MessageIds, Options> {
  return {
    name: rule.name,
    meta: { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.name) } },
    create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>) => (listedInCredlintIgnore(context) ? {} : rule.create(context)),
  };
}

// Every credlint rule of a file asks the same question: answered once per SourceCode.
const ignoredSources = new WeakMap<object, boolean>();

/**
 * A file `.credlintignore` lists (the cwd's and the repository root's, core's matcher, as the CLI
 * applies it) gets no credlint report. The physical file decides for a processor's code blocks;
 * text linted without a file name (`<input>`, `<text>`) is never ignored.
 */
function listedInCredlintIgnore(context: { sourceCode: object; filename: string; physicalFilename?: string; cwd?: string }): boolean {
  const known = ignoredSources.get(context.sourceCode);
  if (known !== undefined) return known;
  const file = context.physicalFilename ?? context.filename;
  const ignored = !(file.startsWith('<') && file.endsWith('>')) && isCredlintIgnored(file, context.cwd ?? process.cwd());
  ignoredSources.set(context.sourceCode, ignored);
  return ignored;
}
