/**
 * `credlint init`: wires a git repository so that `git commit` refuses credentials.
 * husky's pre-commit hook runs lint-staged; lint-staged runs secretlint with our preset on every
 * staged file, `credlint dotenv` on env files and ESLint (with our plugin) when the repo uses ESLint.
 * Idempotent: every file is merged, never overwritten; `--dry-run` prints the diff instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ignore from 'ignore';
import { unifiedDiff } from '../diff.js';
import { writeFileAtomic } from '../fs-util.js';
import { gitTopLevel } from '../git.js';
import type { Io } from '../types.js';
import { chmodSync } from 'node:fs';

export const INIT_HELP = `Usage: credlint init [options]

Wires the current git repository so commits are scanned:
  - package.json: "prepare": "husky" and a lint-staged config (merged with yours)
  - .husky/pre-commit running lint-staged
  - lint-staged: secretlint + @credlint/secretlint-rule-preset on all staged files, credlint dotenv on
    env files, ESLint on source files when the repository uses ESLint
  - .secretlintrc.json with the preset (merged)
  - .gitignore entries for env files
Then prints the one step left: the install command for your package manager.

Options:
  --dry-run    show the changes as a diff, write nothing
  -h, --help   show this help`;

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export function detectPackageManager(root: string, pkg: { packageManager?: unknown }): PackageManager {
  if (existsSync(path.join(root, 'pnpm-lock.yaml'))) return 'pnpm';
  if (existsSync(path.join(root, 'yarn.lock'))) return 'yarn';
  if (existsSync(path.join(root, 'bun.lock')) || existsSync(path.join(root, 'bun.lockb'))) return 'bun';
  if (existsSync(path.join(root, 'package-lock.json')) || existsSync(path.join(root, 'npm-shrinkwrap.json'))) return 'npm';
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : undefined;
  if (declared === 'pnpm' || declared === 'yarn' || declared === 'bun' || declared === 'npm') return declared;
  return 'npm';
}

/**
 * The install command for the repo's package manager. `npm install <pkg>` (and `add` in the other
 * managers) does not run the project's own `prepare` script, so the hook is activated explicitly.
 */
export function installCommand(pm: PackageManager, packages: string[], workspaceRoot: boolean): string {
  const list = packages.join(' ');
  switch (pm) {
    case 'pnpm':
      return `pnpm add -D${workspaceRoot ? ' -w' : ''} ${list} && pnpm exec husky`;
    case 'yarn':
      return `yarn add -D ${list} && yarn husky`;
    case 'bun':
      return `bun add -d ${list} && bunx husky`;
    case 'npm':
      return `npm install --save-dev ${list} && npx husky`;
  }
}

const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_ESLINT = ['.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml'];
const LINT_STAGED_JSON = ['.lintstagedrc', '.lintstagedrc.json'];
const LINT_STAGED_OTHER = ['.lintstagedrc.yaml', '.lintstagedrc.yml', '.lintstagedrc.mjs', '.lintstagedrc.cjs', '.lintstagedrc.js', 'lint-staged.config.js', 'lint-staged.config.mjs', 'lint-staged.config.cjs', 'lint-staged.config.ts'];

export const SECRETLINT_TASK = 'secretlint --no-glob';
export const DOTENV_TASK = 'credlint dotenv';
export const ESLINT_TASK = 'eslint --max-warnings=0 --no-warn-ignored';
export const ENV_GLOB = '**/{.env,.env.*,*.env}';
export const SOURCE_GLOB = '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
export const PRESET = '@credlint/secretlint-rule-preset';

type Json = Record<string, unknown>;

interface Change {
  file: string;
  before: string | undefined;
  after: string;
  what: string;
  mode?: number;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** JSON.stringify that keeps the file's indentation and final newline. */
function stringifyLike(original: string | undefined, value: unknown): string {
  const indent = original ? (/^[ \t]+(?=")/m.exec(original)?.[0] ?? '  ') : '  ';
  const eol = original === undefined || original.endsWith('\n') ? '\n' : '';
  return JSON.stringify(value, null, indent) + eol;
}

/** Adds our tasks to a lint-staged config object; returns the names of what it added. */
export function mergeLintStaged(config: Json, usesEslint: boolean): string[] {
  const added: string[] = [];
  const want: [string, string][] = [
    ['*', SECRETLINT_TASK],
    [ENV_GLOB, DOTENV_TASK],
  ];
  if (usesEslint) want.push([SOURCE_GLOB, ESLINT_TASK]);
  const has = (cmd: string) =>
    Object.values(config).some((v) => (Array.isArray(v) ? v : [v]).some((t) => typeof t === 'string' && t.split(' ')[0] === cmd.split(' ')[0]));
  for (const [glob, cmd] of want) {
    if (has(cmd)) continue;
    const current = config[glob];
    if (current === undefined) config[glob] = cmd;
    else config[glob] = [...(Array.isArray(current) ? current : [current]), cmd];
    added.push(`${glob} → ${cmd}`);
  }
  return added;
}

export interface InitPlan {
  changes: Change[];
  notes: string[];
  install: string | undefined;
  eslint: boolean;
}

export function planInit(root: string): InitPlan {
  const changes: Change[] = [];
  const notes: string[] = [];
  const pkgFile = path.join(root, 'package.json');
  const pkgText = readText(pkgFile);
  if (pkgText === undefined) {
    throw new InitError(
      'no package.json at the repository root. Run `npm init -y` first, or use the pre-commit framework instead (see https://github.com/credlint/credlint/blob/main/docs/guides/pre-commit-framework.md).',
    );
  }
  let pkg: Json;
  try {
    pkg = JSON.parse(pkgText) as Json;
  } catch (e) {
    throw new InitError(`package.json is not valid JSON (${(e as Error).message}); fix it and run init again`, { cause: e });
  }
  const newPkg = structuredClone(pkg);
  const pkgWhat: string[] = [];

  // husky: "prepare" installs the hooks on every install (and is a no-op with HUSKY=0 in CI).
  const scripts = (newPkg.scripts ?? {}) as Record<string, string>;
  if (!/\bhusky\b/.test(scripts.prepare ?? '')) {
    scripts.prepare = scripts.prepare ? `${scripts.prepare} && husky` : 'husky';
    newPkg.scripts = scripts;
    pkgWhat.push('scripts.prepare runs husky');
  }

  const deps = { ...(pkg.dependencies as Json | undefined), ...(pkg.devDependencies as Json | undefined) };
  const eslint =
    ESLINT_CONFIGS.some((f) => existsSync(path.join(root, f))) || LEGACY_ESLINT.some((f) => existsSync(path.join(root, f))) || 'eslint' in deps;

  // lint-staged: merge into whichever config the repo already has.
  const jsonRc = LINT_STAGED_JSON.find((f) => existsSync(path.join(root, f)));
  const otherRc = LINT_STAGED_OTHER.find((f) => existsSync(path.join(root, f)));
  if (newPkg['lint-staged'] && typeof newPkg['lint-staged'] === 'object') {
    const added = mergeLintStaged(newPkg['lint-staged'] as Json, eslint);
    if (added.length) pkgWhat.push(`lint-staged: ${added.join('; ')}`);
  } else if (jsonRc) {
    const file = path.join(root, jsonRc);
    const text = readText(file) ?? '{}';
    try {
      const config = JSON.parse(text) as Json;
      const added = mergeLintStaged(config, eslint);
      if (added.length) changes.push({ file: jsonRc, before: text, after: stringifyLike(text, config), what: `lint-staged: ${added.join('; ')}` });
    } catch {
      notes.push(`${jsonRc} is not JSON; add these lint-staged tasks by hand: "*": "${SECRETLINT_TASK}", "${ENV_GLOB}": "${DOTENV_TASK}"`);
    }
  } else if (otherRc) {
    notes.push(
      `${otherRc} is not a JSON file, so it was left alone; add these tasks to it: "*": "${SECRETLINT_TASK}", "${ENV_GLOB}": "${DOTENV_TASK}"` +
        (eslint ? `, "${SOURCE_GLOB}": "${ESLINT_TASK}"` : ''),
    );
  } else {
    const config: Json = {};
    const added = mergeLintStaged(config, eslint);
    newPkg['lint-staged'] = config;
    pkgWhat.push(`lint-staged: ${added.join('; ')}`);
  }
  if (pkgWhat.length) changes.unshift({ file: 'package.json', before: pkgText, after: stringifyLike(pkgText, newPkg), what: pkgWhat.join('; ') });

  // .husky/pre-commit: plain commands (husky 9 puts node_modules/.bin on PATH).
  const hookFile = path.join('.husky', 'pre-commit');
  const hook = readText(path.join(root, hookFile));
  if (hook === undefined) changes.push({ file: hookFile, before: undefined, after: 'lint-staged\n', what: 'pre-commit hook runs lint-staged', mode: 0o755 });
  else if (!/\blint-staged\b/.test(hook)) {
    changes.push({ file: hookFile, before: hook, after: `${hook}${hook.endsWith('\n') || hook === '' ? '' : '\n'}lint-staged\n`, what: 'pre-commit hook also runs lint-staged' });
  }

  // .secretlintrc.json: add the preset, keep every other rule.
  const rcFile = '.secretlintrc.json';
  const rcText = readText(path.join(root, rcFile));
  if (rcText === undefined) {
    changes.push({ file: rcFile, before: undefined, after: stringifyLike(undefined, { rules: [{ id: PRESET }] }), what: 'secretlint uses the credlint preset' });
  } else {
    try {
      const rc = JSON.parse(rcText) as { rules?: { id?: string }[] };
      rc.rules = Array.isArray(rc.rules) ? rc.rules : [];
      if (!rc.rules.some((r) => r?.id === PRESET)) {
        rc.rules.push({ id: PRESET });
        changes.push({ file: rcFile, before: rcText, after: stringifyLike(rcText, rc), what: 'secretlint also uses the credlint preset' });
      }
    } catch {
      notes.push(`${rcFile} is not valid JSON, so it was left alone; add {"id": "${PRESET}"} to its "rules"`);
    }
  }

  // .gitignore: env files are local.
  const giText = readText(path.join(root, '.gitignore'));
  const ig = ignore().add(giText ?? '');
  const adding: string[] = [];
  if (!ig.ignores('.env')) adding.push('.env');
  if (!ig.ignores('.env.local') || !ig.ignores('.env.production')) {
    // `.env.*` would also hide the committed templates: except them.
    adding.push('.env.*', '!.env.example', '!.env.sample', '!.env.template');
  }
  if (adding.length) {
    const sep = giText === undefined || giText === '' || giText.endsWith('\n') ? '' : '\n';
    const after = `${giText ?? ''}${sep}${giText ? '\n' : ''}# env files hold credentials: keep them out of git (credlint init)\n${adding.join('\n')}\n`;
    changes.push({ file: '.gitignore', before: giText, after, what: `ignores ${adding.filter((l) => !l.startsWith('!')).join(', ')}` });
  }

  const wanted = ['husky', 'lint-staged', 'secretlint', PRESET, 'credlint'];
  // lint-staged 17 and secretlint 12+ need Node 22: on older Node, pin the last majors that run.
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const spec = (name: string) => (nodeMajor < 22 && name === 'lint-staged' ? 'lint-staged@^16' : nodeMajor < 22 && name === 'secretlint' ? 'secretlint@^11' : name);
  if (eslint) {
    wanted.push('@credlint/eslint-plugin');
    notes.push(
      'ESLint: add the plugin to your eslint.config.js (it was not edited):\n' +
        "    import credlint from '@credlint/eslint-plugin';\n" +
        '    export default [ /* your configs */, ...credlint.configs.recommended ];',
    );
  }
  const toInstall = wanted.filter((p) => !(p in deps)).map(spec);
  const pm = detectPackageManager(root, pkg);
  const install = toInstall.length ? installCommand(pm, toInstall, existsSync(path.join(root, 'pnpm-workspace.yaml'))) : undefined;
  return { changes, notes, install, eslint };
}

export class InitError extends Error {}

export async function runInit(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout.write(`${INIT_HELP}\n`);
    return 0;
  }
  const root = gitTopLevel(io.cwd);
  if (!root) {
    io.stderr.write('credlint init: not inside a git repository. Run `git init` first (init wires git hooks, so it needs a repository).\n');
    return 2;
  }
  let plan: InitPlan;
  try {
    plan = planInit(root);
  } catch (e) {
    if (e instanceof InitError) {
      io.stderr.write(`credlint init: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dry = values['dry-run'];
  const out: string[] = [];
  if (plan.changes.length === 0) out.push('credlint init: everything is already wired; nothing to change.');
  for (const ch of plan.changes) {
    if (dry) {
      out.push(unifiedDiff(ch.file, ch.before, ch.after).trimEnd());
      continue;
    }
    const file = path.join(root, ch.file);
    writeFileAtomic(file, ch.after);
    if (ch.mode !== undefined) chmodSync(file, ch.mode);
    out.push(`${ch.before === undefined ? 'created' : 'updated'} ${ch.file}: ${ch.what}`);
  }
  if (dry && plan.changes.length) out.push(`(dry run: ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'} would change; nothing was written)`);
  for (const n of plan.notes) out.push(`note: ${n}`);
  if (plan.install) {
    out.push('', 'One step left: install the dev dependencies and activate the hook (later installs re-activate it through "prepare"):', `  ${plan.install}`);
  } else if (!dry && plan.changes.length) {
    out.push('', 'The dev dependencies are already installed: run `npx husky` (or your install again) so the hook is active.');
  }
  out.push('Bypass the hook for one commit, if you must: git commit --no-verify');
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
