// The published surface, imported by package name from the build (Node resolves a package's own
// name through its `exports`), as @eslint/json's tests/package/exports.test.js does: adding or dropping
// a runtime export or an entry point is a deliberate change that updates this list.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('credlint exports', () => {
  it('entry points', () => {
    const pkg = createRequire(import.meta.url)('credlint/package.json') as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './package.json', './credlint.schema.json']);
  });

  it('credlint', async () => {
    expect(Object.keys(await import('credlint')).sort()).toEqual([
      'VERSION',
      'main',
      'run',
    ]);
  });
});
