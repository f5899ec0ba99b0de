// The published surface, imported by package name from the build (Node resolves a package's own
// name through its `exports`), as @eslint/json's tests/package/exports.test.js does: adding or dropping
// a runtime export or an entry point is a deliberate change that updates this list.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('@credlint/secretlint-rule-preset exports', () => {
  it('entry points', () => {
    const pkg = createRequire(import.meta.url)('@credlint/secretlint-rule-preset/package.json') as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './internals', './package.json']);
  });

  it('@credlint/secretlint-rule-preset', async () => {
    expect(Object.keys(await import('@credlint/secretlint-rule-preset')).sort()).toEqual([
      'creator',
      'rules',
    ]);
  });

  it('@credlint/secretlint-rule-preset/internals', async () => {
    expect(Object.keys(await import('@credlint/secretlint-rule-preset/internals')).sort()).toEqual([
      'DOCS_BASE_URL',
      'PRESET_ID',
      'awsAccessKeyId',
      'awsAccountId',
      'awsBedrockApiKey',
      'awsSecretAccessKey',
      'awsSessionToken',
      'awsSessionTokenRequired',
      'compileAllowPattern',
      'isAllowed',
      'recommendedRules',
    ]);
  });
});
