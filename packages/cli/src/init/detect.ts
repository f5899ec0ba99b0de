/** What `credlint init` needs to know about a repository before it plans anything. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PmInfo {
  pm: PackageManager;
  /** Yarn 2+ ("berry"): never runs `prepare`, so husky is activated from `postinstall`. */
  yarnBerry: boolean;
  /** Yarn Plug'n'Play: there is no node_modules/.bin, binaries run through `yarn <bin>`. */
  pnp: boolean;
}

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function lockfileManager(root: string): PackageManager | undefined {
  if (existsSync(path.join(root, 'pnpm-lock.yaml'))) return 'pnpm';
  if (existsSync(path.join(root, 'yarn.lock'))) return 'yarn';
  if (existsSync(path.join(root, 'bun.lock')) || existsSync(path.join(root, 'bun.lockb'))) return 'bun';
  if (existsSync(path.join(root, 'package-lock.json')) || existsSync(path.join(root, 'npm-shrinkwrap.json'))) return 'npm';
  return undefined;
}

export function detectPackageManager(root: string, pkg: { packageManager?: unknown }): PackageManager {
  const fromLock = lockfileManager(root);
  if (fromLock) return fromLock;
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : undefined;
  if (declared === 'pnpm' || declared === 'yarn' || declared === 'bun' || declared === 'npm') return declared;
  return 'npm';
}

/**
 * The package manager and, for Yarn, its generation and linker: a `.yarnrc.yml`, a berry lockfile
 * (`__metadata:`) or `packageManager: yarn@2+` mean Yarn 2+; else the `yarn` on PATH is asked.
 * PnP is Yarn 2+'s default unless `.yarnrc.yml` sets another `nodeLinker`.
 */
export function detectPm(root: string, pkg: { packageManager?: unknown }, env: NodeJS.ProcessEnv = process.env): PmInfo {
  const pm = detectPackageManager(root, pkg);
  if (pm !== 'yarn') return { pm, yarnBerry: false, pnp: false };
  const rc = read(path.join(root, '.yarnrc.yml'));
  const lock = read(path.join(root, 'yarn.lock'));
  const declared = typeof pkg.packageManager === 'string' ? /^yarn@(\d+)/.exec(pkg.packageManager)?.[1] : undefined;
  let berry: boolean;
  if (rc !== undefined || (lock !== undefined && /^__metadata:/m.test(lock))) berry = true;
  else if (lock !== undefined && /^# yarn lockfile v1/m.test(lock)) berry = false;
  else if (declared !== undefined) berry = Number(declared) >= 2;
  else {
    const r = spawnSync('yarn', ['--version'], { cwd: root, env, encoding: 'utf8', timeout: 30_000, windowsHide: true });
    berry = r.status === 0 && Number(r.stdout.trim().split('.')[0]) >= 2;
  }
  if (!berry) return { pm, yarnBerry: false, pnp: false };
  const linker = rc === undefined ? undefined : /^nodeLinker:\s*["']?([\w-]+)/m.exec(rc)?.[1];
  return { pm, yarnBerry: true, pnp: linker === undefined || linker === 'pnp' };
}

/** How the hook runs a project binary: through Yarn under PnP (no node_modules/.bin), else the linked binary itself. */
export function binCommand(info: PmInfo, bin: string): string {
  return info.pnp ? `yarn ${bin}` : `node_modules/.bin/${bin}`;
}
