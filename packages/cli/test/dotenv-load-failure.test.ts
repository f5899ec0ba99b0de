/**
 * The validator is a lazy import. If it cannot load (a broken install), `scan` and `dotenv` must exit 2
 * with the reason: never go on without env checks and say "clean". A module-resolution hook makes the
 * import fail in a real process.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, removeDir, tempDir, writeTree } from './helpers.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

const hooks = path.join(dir, 'hooks.mjs');
writeFileSync(hooks, `export async function resolve(specifier, context, next) {
  if (specifier === '@credlint/dotenv') throw Object.assign(new Error('Cannot find package @credlint/dotenv (simulated)'), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}\n`);
const register = path.join(dir, 'register.mjs');
writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function run(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('@credlint/dotenv fails to load', () => {
  const project = path.join(dir, 'p');
  writeTree(project, { '.env': 'AWS_REGION=us-east-1\n', 'a.txt': 'hello\n' });

  it('scan of a tree with an env file exits 2 and says why', () => {
    const r = run(project, 'scan', '.', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('@credlint/dotenv');
  });

  it('dotenv exits 2 and says why', () => {
    const r = run(project, 'dotenv', '.env');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('@credlint/dotenv');
  });

  it('a scan without env files does not need it', () => {
    const r = run(project, 'scan', 'a.txt');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
