import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const PLUGIN_NAME = pkg.name;
export const PLUGIN_VERSION = pkg.version;
export const NAMESPACE = 'credlint';
export const REPO_DOCS = 'https://github.com/credlint/credlint/blob/main/docs';

export function ruleDocsUrl(name: string): string {
  return `${REPO_DOCS}/rules/${name}.md`;
}
