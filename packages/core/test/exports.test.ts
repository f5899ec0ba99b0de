// The published surface, imported by package name from the build (Node resolves a package's own
// name through its `exports`), as @eslint/json's tests/package/exports.test.js does: adding or dropping
// a runtime export or an entry point is a deliberate change that updates this list.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('@credlint/core exports', () => {
  it('entry points', () => {
    const pkg = createRequire(import.meta.url)('@credlint/core/package.json') as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './ignore-file', './internals', './prefilter', './package.json']);
  });

  it('@credlint/core', async () => {
    expect(Object.keys(await import('@credlint/core')).sort()).toEqual([
      'DEFAULT_KINDS',
      'FINDING_KINDS',
      'KEY_TYPES',
      'KINDS',
      'LineIndex',
      'MIN_SESSION_TOKEN_LENGTH',
      'Redactor',
      'SECRET_KEY_LENGTH',
      'analyze',
      'decodeAccountId',
      'docsUrlOf',
      'encodingNote',
      'findIgnoreDirective',
      'fingerprint',
      'hintFor',
      'inspectAccessKeyId',
      'inspectSecretAccessKey',
      'inspectSessionToken',
      'isAccessKeyIdName',
      'isDocumentationExample',
      'isPlaceholder',
      'isSecretKeyShaped',
      'isTokenShaped',
      'keyTypeOf',
      'kindOfRule',
      'looksRandom',
      'mask',
      'maskAccountId',
      'messageFor',
      'normalizeName',
      'redact',
      'scan',
      'secretNameStrength',
      'tokenNameStrength',
    ]);
  });

  it('@credlint/core/testing', async () => {
    expect(Object.keys(await import('@credlint/core/testing')).sort()).toEqual([
      'fakeAccessKeyId',
      'fakeBase64Blob',
      'fakeBedrockLongTermKey',
      'fakeBedrockShortTermKey',
      'fakeGitSha',
      'fakeJwt',
      'fakeSecretAccessKey',
      'fakeSessionToken',
      'prng',
    ]);
  });

  it('@credlint/core/ignore-file', async () => {
    expect(Object.keys(await import('@credlint/core/ignore-file')).sort()).toEqual([
      'below',
      'credlintIgnores',
      'findRepoTop',
      'ignoredBy',
      'isCredlintIgnored',
      'loadIgnoreFile',
      'toPosix',
    ]);
  });

  it('@credlint/core/internals', async () => {
    expect(Object.keys(await import('@credlint/core/internals')).sort()).toEqual([
      'KEY_ID_LENGTH',
      'RESOURCE_ID_PREFIXES',
      'SESSION_TOKEN_PREFIXES',
      'accountNameStrength',
      'classifyKeyIdBody',
      'directiveApplies',
      'directivesFor',
      'isCanaryAccount',
      'isLowDiversity',
      'isWordLike',
      'offsetToPosition',
      'parseIgnoreDirective',
      'shannonEntropy',
    ]);
  });

  it('@credlint/core/prefilter', async () => {
    expect(Object.keys(await import('@credlint/core/prefilter')).sort()).toEqual(['ACCOUNT_WORDS', 'AWS_NAME_WORDS', 'KEY_NEEDLES', 'NAME_WORDS', 'PREFILTER_NEEDLES', 'PREFILTER_REACH', 'mayHaveFindings', 'prefilterPattern']);
  });
});
