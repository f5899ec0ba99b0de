/**
 * `.credlintignore` is honoured by every front end with one matcher (core's `@credlint/core/ignore-file`):
 * the same real git repository through `credlint scan`, ESLint with the plugin's recommended config
 * (the workspace's built plugin) and the real secretlint CLI with the preset. Each reports exactly
 * the files the ignore files leave: a root pattern, a negation, a directory, and a sub-directory
 * `.credlintignore` applying from there (ESLint run from that directory).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, REPO_ROOT, git, gitRepo, removeDir, scanJson } from './helpers.js';

const leak = (seed: number) => `export const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;
const FILES: Record<string, string> = {
  '.credlintignore': 'fixtures/\n*.generated.ts\n!keep.generated.ts\n',
  'fixtures/key.ts': leak(301),
  'a.generated.ts': leak(302),
  'keep.generated.ts': leak(303),
  'src/app.ts': leak(304),
  'src/deep/fixtures/more.ts': leak(305),
};
const REPORTED = ['keep.generated.ts', 'src/app.ts'];

interface EslintModule {
  ESLint: new (o: object) => { lintFiles(p: string[]): Promise<{ filePath: string; messages: { ruleId: string | null }[] }[]> };
}

let dir: string;
beforeAll(() => {
  dir = realpathSync(gitRepo(FILES));
  git(dir, 'add', '-A');
});
afterAll(() => removeDir(dir));

async function eslintReported(cwd: string): Promise<string[]> {
  // ESLint from the workspace root's devDependencies, the plugin as built.
  const { ESLint } = (await import(pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'eslint', 'lib', 'api.js')).href)) as EslintModule;
  const plugin = (await import(pathToFileURL(path.join(REPO_ROOT, 'packages', 'eslint-plugin', 'dist', 'index.js')).href)) as { default: { configs: { recommended: object[] } } };
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.default.configs.recommended });
  const results = await eslint.lintFiles(['**/*.ts']);
  return results
    .filter((r) => r.messages.some((m) => m.ruleId?.startsWith('credlint/')))
    .map((r) => path.relative(dir, r.filePath).split(path.sep).join('/'))
    .sort();
}

function secretlintReported(): string[] {
  // The preset and core linked where secretlint resolves rules from (the project's node_modules).
  for (const [name, target] of [
    ['@credlint/secretlint-rule-preset', path.join(REPO_ROOT, 'packages', 'secretlint-rule-preset')],
    ['@credlint/core', path.join(REPO_ROOT, 'packages', 'core')],
  ] as const) {
    const link = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset' }] }));
  const bin = path.join(CLI_DIR, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const r = spawnSync(process.execPath, [bin, '**/*.ts', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  const results = JSON.parse(r.stdout) as { filePath: string; messages: unknown[] }[];
  return results
    .filter((f) => f.messages.length > 0)
    .map((f) => path.relative(dir, f.filePath).split(path.sep).join('/'))
    .sort();
}

describe('.credlintignore in every front end', () => {
  it('credlint scan', async () => {
    const { report } = await scanJson(dir);
    expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(REPORTED);
  });

  it('ESLint (plugin rules skip listed files)', async () => {
    expect(await eslintReported(dir)).toEqual(REPORTED);
  });

  it('secretlint (the preset skips listed files)', () => {
    expect(secretlintReported()).toEqual(REPORTED);
  });

  it('all three agree when the ignore file changes (ESLint re-reads it)', async () => {
    writeFileSync(path.join(dir, '.credlintignore'), 'src/\n');
    try {
      const { report } = await scanJson(dir);
      const cli = [...new Set(report.findings.map((f) => f.file))].sort();
      expect(cli).toEqual(['a.generated.ts', 'fixtures/key.ts', 'keep.generated.ts']);
      expect(await eslintReported(dir)).toEqual(cli);
    } finally {
      writeFileSync(path.join(dir, '.credlintignore'), FILES['.credlintignore']!);
    }
  });

  it('run from a sub-directory, the repository root .credlintignore still applies', async () => {
    const { report } = await scanJson(path.join(dir, 'src'));
    expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(['app.ts']);
    expect(await eslintReported(path.join(dir, 'src'))).toEqual(['src/app.ts']);
  });
});
