// The suite again on Node 24, the newest runtime line we support (engines: ^20.19 || ^22.13 || >=24).
// The binary comes from the npm package `node@24`, installed once into node_modules/.cache (node-binaries.mjs).
// Left out: the secretlint version matrix (its own test runs secretlint 10 on Node 20 and 13 on
// Node 24 from the Node 20 suite, and its harness resolves the workspace preset through symlinks
// that a Node 24 runner does not follow the same way). Also left out, to keep CI well under its time
// budget: the package-manager and pre-commit-framework end-to-end installs (they exercise npm, pnpm, Yarn
// and pre-commit, not the runtime; every other CLI test runs credlint on Node 24) and the regex audit
// (recheck's verdicts do not depend on the Node line; core's linear-time tests still run).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeBinaries } from './node-binaries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [node] = await ensureNodeBinaries(['24']);
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`test:node24: running the suite on Node ${version}`);
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const excluded = ['**/secretlint-versions.test.ts', '**/pre-commit-framework.test.ts', '**/init-e2e.test.ts', '**/regex-audit.test.ts'];
const r = spawnSync(node, [vitest, 'run', ...excluded.flatMap((glob) => ['--exclude', glob])], {
  cwd: root,
  stdio: 'inherit',
  // Child processes the tests start (`node …`) must be Node 24 too.
  env: { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` },
});
process.exit(r.status ?? 1);
