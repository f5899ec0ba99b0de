/** Rule metadata for reports (SARIF `tool.driver.rules`, stylish links). */
import { docsUrlOf, kindOfRule, KINDS } from '@credlint/core';
import type { DotenvApi } from './dotenv-bridge.js';

export const REPO_URL = 'https://github.com/credlint/credlint';
export const DOCS_URL = `${REPO_URL}/blob/main/docs`;

export interface RuleMeta {
  id: string;
  description: string;
  helpUri: string;
}

const REPOSITORY_RULES: Record<string, string> = {
  'env-file-tracked': 'An env file is tracked (or staged) by git',
  'env-file-not-ignored': 'An env file is not ignored by git',
};

export function ruleMeta(ruleId: string, dotenv: DotenvApi | undefined): RuleMeta {
  const check = (dotenv?.checks as Readonly<Record<string, { description: string; docsUrl: string } | undefined>> | undefined)?.[ruleId];
  if (check) return { id: ruleId, description: check.description, helpUri: check.docsUrl };
  const kind = kindOfRule(ruleId);
  if (kind) return { id: ruleId, description: KINDS[kind].title, helpUri: docsUrlOf(kind) };
  return { id: ruleId, description: REPOSITORY_RULES[ruleId] ?? ruleId, helpUri: `${DOCS_URL}/checks/${ruleId}.md` };
}
