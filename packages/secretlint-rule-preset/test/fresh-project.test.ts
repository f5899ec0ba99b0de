// "Done when": `{"rules":[{"id":"@credlint/secretlint-rule-preset"}]}` works in a fresh
// project with secretlint installed. The packages are packed as they would be published
// (pnpm pack: dist/ only, workspace ranges rewritten), installed with npm next to
// secretlint 11, and run through `npx secretlint "**/*"`.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_DIR, PACKAGE_DIR, run } from './helpers/cli.js';
import { install, type Installed } from './helpers/npm.js';

const dir = mkdtempSync(join(tmpdir(), 'credlint-fresh-project-'));
const keyId = fakeAccessKeyId({ seed: 41 });
const secret = fakeSecretAccessKey(42);
let installed: Installed = { ok: false, reason: 'not installed yet' };

/** Packs into a folder of its own and returns the tarball's path. */
async function pack(packageDir: string, into: string): Promise<string> {
  mkdirSync(into, { recursive: true });
  const r = await run('pnpm', ['pack', '--pack-destination', into], packageDir);
  if (r.code !== 0) throw new Error(`pnpm pack failed in ${packageDir}: ${r.stderr}`);
  const name = readdirSync(into).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`no tarball from ${packageDir}`);
  return join(into, name);
}

/** npm's own notices about the environment it was started from (pnpm's npm_config_*) are not secretlint output. */
const withoutNpmNotices = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn')).join('\n');

describe('a fresh project with secretlint and the packed preset', () => {
  beforeAll(async () => {
    const core = await pack(CORE_DIR, join(dir, 'tarballs/core'));
    const preset = await pack(PACKAGE_DIR, join(dir, 'tarballs/preset'));
    const project = join(dir, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh', private: true }) + '\n');
    writeFileSync(join(project, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset' }] }) + '\n');
    writeFileSync(join(project, 'src/aws.ts'), `export const config = {\n  accessKeyId: '${keyId}',\n  secretAccessKey: '${secret}',\n};\n`);
    writeFileSync(join(project, 'src/clean.ts'), `export const region = process.env.AWS_REGION;\n`);
    installed = await install(project, ['secretlint@11', core, preset]);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs the preset with @credlint/core as its only dependency', (ctx) => {
    if (!installed.ok) ctx.skip(installed.reason);
    const pkg = JSON.parse(readFileSync(join(dir, 'project/node_modules/@credlint/secretlint-rule-preset/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).toEqual(['@credlint/core']);
    // published from dist/ only: no sources, tests or fixtures
    const files = readdirSync(join(dir, 'project/node_modules/@credlint/secretlint-rule-preset'));
    expect(files).toContain('dist');
    expect(files.filter((f) => ['src', 'test', 'scripts', 'bench'].includes(f))).toEqual([]);
  });

  it('npx secretlint "**/*" reports the key id and the secret, masked, and exits 1', async (ctx) => {
    if (!installed.ok) ctx.skip(installed.reason);
    const r = await run('npx', ['--no-install', 'secretlint', '**/*', '--no-maskSecrets', '--no-color'], join(dir, 'project'));
    expect(withoutNpmNotices(r.stderr)).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/aws.ts');
    expect(r.stdout).toContain(`[LongTermAccessKeyID] AWS access key id ${keyId.slice(0, 4)}…${keyId.slice(-4)}`);
    expect(r.stdout).toContain(`[AWSSecretAccessKey] AWS secret access key ${secret.slice(0, 4)}…${secret.slice(-4)}`);
    expect(r.stdout).toMatch(/2 problems \(2 errors/);
    expect(r.stdout).not.toContain(keyId);
    expect(r.stdout).not.toContain(secret);
    expect(r.stdout).not.toContain('clean.ts');
  });

  it('exits 0 on a clean file', async (ctx) => {
    if (!installed.ok) ctx.skip(installed.reason);
    const r = await run('npx', ['--no-install', 'secretlint', 'src/clean.ts'], join(dir, 'project'));
    expect({ code: r.code, stdout: r.stdout.trim(), stderr: withoutNpmNotices(r.stderr) }).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
