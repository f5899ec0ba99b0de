import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * What a user gets from npm: `pnpm pack` the plugin and its workspace dependencies, install the
 * tarballs with only `eslint` into a fresh project (no TypeScript anywhere), run `npx eslint`.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const eslintVersion = (JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("eslint/package.json"))'], { cwd: join(repo, 'packages/eslint-plugin'), encoding: 'utf8' })) as { version: string }).version;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-packed-'));
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  for (const pkg of ['core', 'dotenv', 'eslint-plugin']) {
    execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(repo, 'packages', pkg), stdio: 'pipe' });
  }
  const tarball = (prefix: string) => `file:./packs/${readdirSync(packs).find((f) => f.startsWith(prefix))}`;
  const core = tarball('credlint-core-');
  const dotenv = tarball('credlint-dotenv-');
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'python-cdk-app',
      private: true,
      type: 'module',
      devDependencies: { eslint: eslintVersion, '@credlint/eslint-plugin': tarball('credlint-eslint-plugin-').replace('./', '../') },
      overrides: { '@credlint/core': core.replace('./', '../'), '@credlint/dotenv': dotenv.replace('./', '../') },
    }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'pipe', timeout: 240_000 });
  // The README's three lines.
  writeFileSync(join(app, 'eslint.config.js'), "import credlint from '@credlint/eslint-plugin';\n\nexport default [...credlint.configs.recommended];\n");
  const files: Record<string, string> = {
    'app.py': `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
    '.env': `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY = ${SECRET}\nAWS_REGION=eu-west-1\n`,
    'cdk.json': `{ "app": "python3 app.py", "context": { "accessKeyId": "${KEY_ID}" } }\n`,
    '.github/workflows/deploy.yml': `env:\n  AWS_SECRET_ACCESS_KEY: ${SECRET}\n  AWS_ACCESS_KEY_ID: ${KEY_ID}\n`,
    'lambda/handler.ts': `export const handler = async () => ({ key: '${KEY_ID}' });\n`,
    'clean.py': 'import os\nkey = os.environ["AWS_ACCESS_KEY_ID"]\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, name)), { recursive: true });
    writeFileSync(join(app, name), text);
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('packed install with only eslint', () => {
  it('installs without TypeScript or typescript-eslint', () => {
    const app = join(dir, 'app');
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@typescript-eslint'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@credlint/eslint-plugin/dist/index.js'))).toBe(true);
  });

  it('npx eslint reports in .py, .env, cdk.json, .yml and .ts files and exits 1', () => {
    const app = join(dir, 'app');
    const run = spawnSync('npx', ['--no-install', 'eslint', '--format', 'json', '.'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[] }[];
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(app.length + 1), r.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)]));
    expect(byFile).toEqual({
      'app.py': ['credlint/no-static-credentials@3:43', 'credlint/no-hardcoded-credentials@3:44'],
      '.env': ['credlint/space-around-equals@2:22'],
      'cdk.json': ['credlint/no-hardcoded-credentials@1:57'],
      '.github/workflows/deploy.yml': ['credlint/no-hardcoded-credentials@2:26', 'credlint/no-hardcoded-credentials@3:22'],
      'lambda/handler.ts': ['credlint/no-hardcoded-credentials@1:45'],
      'package.json': [],
      'package-lock.json': [],
      'clean.py': [],
      'eslint.config.js': [],
    });
    // messages are masked (the JSON formatter's `source` field holds the file itself, by design)
    const messages = JSON.stringify(results.flatMap((r) => r.messages.map((m) => m.message)));
    expect(messages).not.toContain(KEY_ID);
    expect(messages).not.toContain(SECRET);
  });

  it('exits 0 on a clean project', () => {
    const app = join(dir, 'app');
    const run = spawnSync('npx', ['--no-install', 'eslint', 'clean.py'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
