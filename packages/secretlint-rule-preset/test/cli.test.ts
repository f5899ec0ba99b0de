// The real secretlint CLI (the version the workspace installs, 11.x on Node 20) over the
// project folders in test/fixtures/cli/<case>/project, each with a .secretlintrc.json
// naming the preset. Expected output: test/fixtures/cli/<case>/expected.json
// (UPDATE_SNAPSHOT=1 rewrites it; review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeJsonOutput, reportedValues, run, SECRETLINT_11_BIN, tempProject, workspacePackages, type NormalizedResult } from './helpers/cli.js';

const CASES_DIR = new URL('./fixtures/cli/', import.meta.url).pathname;
const cases = readdirSync(CASES_DIR).sort();

interface Expected {
  exitCode: number;
  results: NormalizedResult[];
}

async function lint(caseName: string, extraArgs: string[] = []) {
  const project = tempProject(join(CASES_DIR, caseName, 'project'), workspacePackages());
  try {
    const json = await run(process.execPath, [SECRETLINT_11_BIN, '**/*', '--format', 'json', '--no-maskSecrets', ...extraArgs], project.dir);
    if (json.stderr.trim()) throw new Error(`secretlint wrote to stderr: ${json.stderr}`);
    const results = normalizeJsonOutput(json.stdout, project.dir);
    const stylish = await run(process.execPath, [SECRETLINT_11_BIN, '**/*', '--no-maskSecrets', '--no-color', ...extraArgs], project.dir);
    return { exitCode: json.code, results, stylish, values: reportedValues(results, project.dir) };
  } finally {
    project.dispose();
  }
}

describe('secretlint CLI with .secretlintrc.json naming the preset', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  for (const caseName of cases) {
    it(caseName, async () => {
      const { exitCode, results, stylish, values } = await lint(caseName);
      const expectedPath = join(CASES_DIR, caseName, 'expected.json');
      const actual: Expected = { exitCode: exitCode ?? -1, results };
      if (process.env.UPDATE_SNAPSHOT || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
        if (!process.env.UPDATE_SNAPSHOT) throw new Error(`${expectedPath} was missing and has been written; review it`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected);
      // Safe without secretlint's masking: no reported value appears in any output format.
      expect(stylish.code).toBe(exitCode);
      for (const value of values) {
        expect(stylish.stdout).not.toContain(value);
        expect(JSON.stringify(results)).not.toContain(value);
      }
    });
  }

  it('secretlint-disable comments are what silence the with-filter-comments lines', async () => {
    const withFilter = await lint('with-filter-comments');
    const withoutFilter = await lint('with-filter-comments', ['--secretlintrcJSON', JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset' }] })]);
    const lines = (r: NormalizedResult[]) => r.flatMap((x) => x.messages.map((m) => m.line));
    // lines 2, 4 and 6 carry or follow secretlint-disable comments; the credlint-ignore lines (8, 10) stay silent either way
    expect(lines(withoutFilter.results)).toEqual([2, 4, 6, 11]);
    expect(lines(withFilter.results)).toEqual([11]);
  });
});
