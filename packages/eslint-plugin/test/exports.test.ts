// The published surface, imported by package name from the build (Node resolves a package's own
// name through its `exports`), as @eslint/json's tests/package/exports.test.js does: adding or dropping
// a runtime export or an entry point is a deliberate change that updates this list.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('@credlint/eslint-plugin exports', () => {
  it('entry points', () => {
    const pkg = createRequire(import.meta.url)('@credlint/eslint-plugin/package.json') as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './internals', './package.json']);
  });

  it('@credlint/eslint-plugin', async () => {
    expect(Object.keys(await import('@credlint/eslint-plugin')).sort()).toEqual([
      'default',
      'languages',
      'module.exports',
      'rules',
    ]);
  });

  it('@credlint/eslint-plugin/internals', async () => {
    expect(Object.keys(await import('@credlint/eslint-plugin/internals')).sort()).toEqual([
      'DotenvLanguage',
      'DotenvSourceCode',
      'PythonLanguage',
      'PythonSourceCode',
      'parsePython',
      'textParser',
      'toDotenvFile',
      'tokenizePython',
      'typescriptParser',
    ]);
  });
});
