/** Rule metadata for reports (SARIF `tool.driver.rules`, stylish links). */
import type { DotenvApi } from './dotenv-bridge.js';

export const REPO_URL = 'https://github.com/credlint/credlint';
export const DOCS_URL = `${REPO_URL}/blob/main/docs`;

export interface RuleMeta {
  id: string;
  description: string;
  helpUri: string;
}

const CORE_RULES: Record<string, string> = {
  'aws-access-key-id': 'AWS access key id (AKIA/ASIA/ABIA/ACCA) in a file',
  'aws-secret-access-key': 'AWS secret access key (40 characters of base64, with AWS evidence) in a file',
  'aws-session-token': 'AWS STS session token in a file',
  'aws-account-id': 'AWS account id in a file',
  'aws-bedrock-api-key': 'Amazon Bedrock API key (long-term ABSK…, short-term bedrock-api-key-…) in a file',
};

export function ruleMeta(ruleId: string, dotenv: DotenvApi | undefined): RuleMeta {
  const check = (dotenv?.checks as Readonly<Record<string, { description: string; docsUrl: string } | undefined>> | undefined)?.[ruleId];
  if (check) return { id: ruleId, description: check.description, helpUri: check.docsUrl };
  const core = CORE_RULES[ruleId];
  // Core rule ids are documented together in the CLI reference (one heading per id).
  if (core) return { id: ruleId, description: core, helpUri: `${DOCS_URL}/cli.md#${ruleId}` };
  // Every other id is a @credlint/dotenv check (the repository checks included), described by `checks` above.
  return { id: ruleId, description: ruleId, helpUri: `${DOCS_URL}/checks/${ruleId}.md` };
}
