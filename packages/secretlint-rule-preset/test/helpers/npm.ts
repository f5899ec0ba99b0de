// Installs registry packages the tests need at run time (a second secretlint, a Node 24
// binary) into a cache under node_modules/.cache (gitignored), once per version list.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR, run } from './cli.js';

export const CACHE_DIR = join(PACKAGE_DIR, 'node_modules/.cache/credlint-secretlint-tests');

export type Installed = { ok: true; dir: string } | { ok: false; reason: string };

/** `npm install specs` into `<cache>/<name>`, reusing an earlier install of the same specs. */
export async function installCached(name: string, specs: string[]): Promise<Installed> {
  const dir = join(CACHE_DIR, name);
  const stamp = join(dir, '.installed.json');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(specs)) return { ok: true, dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `credlint-test-${name}`, private: true }) + '\n');
  const result = await install(dir, specs);
  if (!result.ok) return result;
  writeFileSync(stamp, JSON.stringify(specs));
  return { ok: true, dir };
}

/** `npm install specs` in an existing project folder. */
export async function install(dir: string, specs: string[]): Promise<Installed> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let r;
  try {
    r = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], dir, 300_000);
  } catch (error) {
    return { ok: false, reason: `npm could not be started: ${(error as Error).message}` };
  }
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-4).join(' | ');
    return { ok: false, reason: `npm install ${specs.join(' ')} failed (exit ${r.code}; no registry access?): ${tail}` };
  }
  return { ok: true, dir };
}
