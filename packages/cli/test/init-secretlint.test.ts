/**
 * secretlint users: the `.secretlintrc.json` init writes next to `@secretlint/secretlint-rule-preset-recommend`
 * reports each AWS credential once (our preset), checked with real secretlint 11 from the registry
 * (installed once into node_modules/.cache) and this workspace's built preset.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, REPO_ROOT, cli, gitRepo, removeDir } from './helpers.js';

const CACHE = path.join(CLI_DIR, 'node_modules', '.cache', 'credlint-init-secretlint');
const SPECS = ['secretlint@^11.7.1', '@secretlint/secretlint-rule-preset-recommend@^11.7.1'];
const KEY = fakeAccessKeyId({ seed: 211 });
const SECRET = fakeSecretAccessKey(211);

let dir: string;

beforeAll(() => {
  const stamp = path.join(CACHE, '.specs');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== SPECS.join(' ')) {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(path.join(CACHE, 'package.json'), '{"private":true}\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...SPECS], { cwd: CACHE, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`npm install ${SPECS.join(' ')} failed:\n${r.stdout}${r.stderr}`);
    writeFileSync(stamp, SPECS.join(' '));
  }
  dir = gitRepo({
    'package.json': `${JSON.stringify({ name: 'app', private: true, devDependencies: { secretlint: '^11.7.1' } }, null, 2)}\n`,
    '.secretlintrc.json': `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2)}\n`,
    'config.ts': `export const accessKeyId = '${KEY}';\nexport const secretAccessKey = '${SECRET}';\n`,
  });
  // Our preset (built) beside the registry packages: secretlint resolves rules from its own
  // (real) location, so the preset is linked into the cache, and the project links the cache.
  const preset = path.join(CACHE, 'node_modules', '@credlint', 'secretlint-rule-preset');
  rmSync(preset, { force: true });
  mkdirSync(path.dirname(preset), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'packages', 'secretlint-rule-preset'), preset);
  symlinkSync(path.join(CACHE, 'node_modules'), path.join(dir, 'node_modules'));
}, 400_000);

afterAll(() => removeDir(dir));

/** secretlint's JSON report for config.ts: the rules reporting on line 1 (the key id) and line 2 (the secret). */
function secretlint() {
  const r = spawnSync(process.execPath, [path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js'), '--format', 'json', '--no-glob', 'config.ts'], { cwd: dir, encoding: 'utf8' });
  const results = JSON.parse(r.stdout) as { messages: { ruleId: string; loc: { start: { line: number } } }[] }[];
  const perLine = new Map<number, string[]>();
  for (const m of results.flatMap((f) => f.messages)) perLine.set(m.loc.start.line, [...(perLine.get(m.loc.start.line) ?? []), m.ruleId]);
  return { code: r.status, perLine };
}

describe('init for secretlint users with preset-recommend', () => {
  it('reports a credential twice before init (rule-aws and our preset both on)', () => {
    // Our preset beside preset-recommend, as a user would add it without init.
    writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }, { id: '@credlint/secretlint-rule-preset' }] }));
    const { perLine } = secretlint();
    expect(perLine.get(2)?.sort()).toEqual(['@credlint/secretlint-rule-aws-secret-access-key', '@secretlint/secretlint-rule-aws']);
    writeFileSync(path.join(dir, '.secretlintrc.json'), `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2)}\n`);
  });

  it('after init, each credential is reported once, by our preset, and never printed whole', async () => {
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("silences @secretlint/secretlint-rule-aws's AWSAccessKeyID, AWSSecretAccessKey inside @secretlint/secretlint-rule-preset-recommend");
    const { code, perLine } = secretlint();
    expect(code).toBe(1);
    expect(Object.fromEntries(perLine)).toEqual({ 1: ['@credlint/secretlint-rule-aws-access-key-id'], 2: ['@credlint/secretlint-rule-aws-secret-access-key'] });
    // What a user sees (the default formatter, default masking): never the whole value.
    const shown = spawnSync(process.execPath, [path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js'), '--no-glob', 'config.ts'], { cwd: dir, encoding: 'utf8' });
    expect(shown.status).toBe(1);
    expect(`${shown.stdout}${shown.stderr}`).not.toContain(KEY);
    expect(`${shown.stdout}${shown.stderr}`).not.toContain(SECRET);
  });
});
