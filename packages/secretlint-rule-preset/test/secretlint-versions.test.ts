// Other secretlint versions over the same CLI fixtures, against the same expected output as
// cli.test.ts (secretlint 11 on Node 20): the oldest supported (10, Node 20) and the newest
// (13, which needs Node 22+, on a Node 24 runtime from the npm package `node@24`). They are
// installed at test time into a gitignored cache; without registry access the tests are
// skipped with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeJsonOutput, reportedValues, run, tempProject, workspacePackages, type NormalizedResult } from './helpers/cli.js';
import { installCached, type Installed } from './helpers/npm.js';

const CASES_DIR = new URL('./fixtures/cli/', import.meta.url).pathname;
const cases = readdirSync(CASES_DIR).sort();

const versions = [
  { major: 13, nodeMajor: 24, extra: ['node@24'] },
  { major: 10, nodeMajor: 20, extra: [] },
];

for (const { major, nodeMajor, extra } of versions) {
  describe(`secretlint ${major} on Node ${nodeMajor}`, () => {
    let installed: Installed = { ok: false, reason: 'not installed yet' };
    let node = process.execPath;
    let bin = '';
    const dir = () => (installed.ok ? installed.dir : '');

    beforeAll(async () => {
      const specs = [`secretlint@${major}`, `@secretlint/secretlint-rule-aws@${major}`, `@secretlint/secretlint-rule-filter-comments@${major}`, ...extra];
      installed = await installCached(`secretlint-${major}-node-${nodeMajor}`, specs);
      if (!installed.ok) return;
      bin = join(installed.dir, 'node_modules/secretlint/bin/secretlint.js');
      if (extra.length > 0) {
        node = join(installed.dir, 'node_modules/node/bin/node');
        if (!existsSync(node)) installed = { ok: false, reason: `node@${nodeMajor} installed no binary at ${node} (its install script did not run)` };
      }
    }, 300_000);

    it(`runs secretlint ${major}.x on Node ${nodeMajor}`, async (ctx) => {
      if (!installed.ok) ctx.skip(installed.reason);
      expect((await run(node, ['--version'], dir())).stdout.trim()).toMatch(new RegExp(`^v${nodeMajor}\\.`));
      const pkg = JSON.parse(readFileSync(join(dir(), 'node_modules/secretlint/package.json'), 'utf8')) as { version: string };
      expect(pkg.version).toMatch(new RegExp(`^${major}\\.`));
    });

    for (const caseName of cases) {
      it(`${caseName}: same output as secretlint 11`, async (ctx) => {
        if (!installed.ok) ctx.skip(installed.reason);
        // our packages from the workspace; secretlint's rules in this major version
        const project = tempProject(join(CASES_DIR, caseName, 'project'), {
          ...workspacePackages(),
          '@secretlint/secretlint-rule-aws': join(dir(), 'node_modules/@secretlint/secretlint-rule-aws'),
          '@secretlint/secretlint-rule-filter-comments': join(dir(), 'node_modules/@secretlint/secretlint-rule-filter-comments'),
        });
        try {
          const r = await run(node, [bin, '**/*', '--format', 'json', '--no-maskSecrets'], project.dir);
          expect(r.stderr.trim()).toBe('');
          const results = normalizeJsonOutput(r.stdout, project.dir);
          const expected = JSON.parse(readFileSync(join(CASES_DIR, caseName, 'expected.json'), 'utf8')) as { exitCode: number; results: NormalizedResult[] };
          expect({ exitCode: r.code, results }).toEqual(expected);
          // json output carries each file's sourceContent by design; messages and stylish output must not show values
          const stylish = await run(node, [bin, '**/*', '--no-maskSecrets', '--no-color'], project.dir);
          expect(stylish.code).toBe(r.code);
          for (const value of reportedValues(results, project.dir)) {
            expect(stylish.stdout).not.toContain(value);
            expect(JSON.stringify(results)).not.toContain(value);
          }
        } finally {
          project.dispose();
        }
      });
    }
  });
}
