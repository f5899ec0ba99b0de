// Root `postinstall` (the root has no `prepare`/`prepack` on purpose: npm prints a banner for them
// on stdout during `npm pack`, and the pre-commit framework reads that stdout as the tarball name).
// It must never fail an install. Two jobs:
//  - a development clone (pnpm install): activate this repository's git hooks with husky;
//  - this repository installed with npm as a pre-commit framework hook repository: build the
//    `credlint` CLI into hook/ (scripts/build-hook-package.mjs), which the root `bin` points at.
// In the installed hook package itself (`npm install -g` of the packed root), packages/ is absent:
// nothing to do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (existsSync(path.join(root, 'packages/cli/src'))) {
  try {
    const { default: husky } = await import('husky');
    const note = husky();
    if (note) console.log(`husky: ${note}`);
  } catch (error) {
    // husky not installed (a production install): nothing to activate.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') console.log(`husky not activated: ${error?.message ?? error}`);
  }
  // This repository is developed with pnpm; npm installs it only as a pre-commit hook repository.
  // npm_execpath, unlike npm_config_user_agent, is set by the package manager running this script.
  if (/npm-cli\.[cm]?js$/.test(process.env.npm_execpath ?? '')) await import('./build-hook-package.mjs');
}
