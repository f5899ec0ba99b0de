/**
 * What `credlint init` changes, planned without writing: the husky wiring for a package.json
 * project, or the pre-commit framework / plain git hook for a repository without one.
 * Every input is validated before anything is planned, so a refusal leaves the repository as it was.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { git } from '../git.js';
import { VERSION } from '../version.js';
import { binCommand, detectPm, type PmInfo } from './detect.js';
import { addPreCommitRepo, appendBlock, insertHookLines, lintStagedThroughYarn, runsCommand, runsCredlintScan, stringifyLike } from './edit.js';
import { type Change, InitError } from './write.js';

export const ESLINT_TASK = 'eslint --max-warnings=0 --no-warn-ignored';
export const SECRETLINT_TASK = 'secretlint --no-glob';
export const SOURCE_GLOB = '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
export const PRESET = '@credlint/secretlint-rule-preset';
export const PRESET_RECOMMEND = '@secretlint/secretlint-rule-preset-recommend';
export const RULE_AWS = '@secretlint/secretlint-rule-aws';
/** rule-aws's messages that the credlint preset also reports. */
export const RULE_AWS_OVERLAP = ['AWSAccessKeyID', 'AWSSecretAccessKey'];
/** husky's production-safe activation (its docs' `.husky/install.mjs`). */
export const ACTIVATE = 'node .husky/install.mjs';

/**
 * Dev dependency ranges that run on every Node credlint supports (^20.19 || ^22.13 || >=24):
 * lint-staged 17 needs Node 22.22+, 16 runs from 20.17.
 */
export const DEV_RANGES: Record<string, string> = {
  husky: '^9.1.7',
  'lint-staged': '^16.4.0',
  pinst: '^3.0.0',
  credlint: `^${VERSION}`,
  [PRESET]: `^${VERSION}`,
  '@credlint/eslint-plugin': `^${VERSION}`,
};

const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LEGACY_ESLINT = ['.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml'];
const SECRETLINT_RCS = [
  '.secretlintrc',
  '.secretlintrc.json',
  '.secretlintrc.yml',
  '.secretlintrc.yaml',
  '.secretlintrc.js',
  '.secretlintrc.cjs',
  '.secretlintrc.mjs',
];
const LINT_STAGED_JSON = ['.lintstagedrc', '.lintstagedrc.json'];
const LINT_STAGED_OTHER = [
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
];

export const INSTALL_MJS = `// Activates the git hooks on install (written by credlint init; husky's documented pattern).
// Production installs (npm ci --omit=dev sets NODE_ENV=production) and CI skip it: husky is a dev
// dependency and may not be installed there.
if (process.env.NODE_ENV === 'production' || process.env.CI === 'true' || process.env.HUSKY === '0') process.exit(0);
let husky;
try {
  husky = (await import('husky')).default;
} catch (e) {
  // Not installed (npm's ERR_MODULE_NOT_FOUND, Yarn PnP's undeclared-dependency error): warn, never fail the install.
  console.warn(\`husky could not be loaded (\${e?.code ?? e?.message}), so the git hooks are not active: install the dev dependencies.\`);
  process.exit(0);
}
const message = husky();
if (message) console.log(message);
`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new InitError(`${file} is a directory, not a file; move it away and run init again`, { cause: e });
    throw new InitError(`cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
}

export interface InitPlan {
  kind: 'husky' | 'pre-commit-framework' | 'git';
  changes: Change[];
  notes: string[];
  /** The command that finishes the job (installs and activates the hook), run or printed. */
  next: { cmd: string; args: string[]; why: string } | undefined;
}

/** Adds our tasks to a lint-staged config object; returns the names of what it added. */
export function mergeLintStaged(config: Json, tasks: [string, string][]): string[] {
  const added: string[] = [];
  const has = (cmd: string) =>
    Object.values(config).some((v) => (Array.isArray(v) ? v : [v]).some((t) => typeof t === 'string' && t.split(' ')[0] === cmd.split(' ')[0]));
  for (const [glob, cmd] of tasks) {
    if (has(cmd)) continue;
    const current = config[glob];
    if (current === undefined) config[glob] = cmd;
    else config[glob] = [...(Array.isArray(current) ? current : [current]), cmd];
    added.push(`${glob} → ${cmd}`);
  }
  return added;
}

const lintStagedRunsCredlint = (config: unknown): boolean =>
  isObject(config) && Object.values(config).some((v) => (Array.isArray(v) ? v : [v]).some((t) => typeof t === 'string' && /\bcredlint\s+scan\b/.test(t)));

/** package.json must be an object with object-valued sections where init writes; anything else is refused. */
function validatePackageJson(pkg: unknown): asserts pkg is Json {
  if (!isObject(pkg))
    throw new InitError(
      `package.json must hold a JSON object, not ${pkg === null ? 'null' : Array.isArray(pkg) ? 'an array' : `a ${typeof pkg}`}; fix it and run init again`,
    );
  for (const key of ['scripts', 'devDependencies', 'dependencies', 'lint-staged']) {
    const v = pkg[key];
    if (v !== undefined && !isObject(v))
      throw new InitError(
        `package.json "${key}" must be an object, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`}; fix it and run init again`,
      );
  }
  const scripts = (pkg.scripts ?? {}) as Json;
  for (const key of ['prepare', 'postinstall', 'prepack', 'postpack']) {
    if (scripts[key] !== undefined && typeof scripts[key] !== 'string')
      throw new InitError(`package.json "scripts.${key}" must be a string; fix it and run init again`);
  }
}

function eslintNote(root: string, pkg: Json): string {
  const found = ESLINT_CONFIGS.find((f) => existsSync(path.join(root, f)));
  const legacy = LEGACY_ESLINT.find((f) => existsSync(path.join(root, f)));
  if (!found && legacy)
    return `ESLint: ${legacy} is a legacy config; @credlint/eslint-plugin needs a flat config (eslint.config.mjs) — see the plugin's README.`;
  const file = found ?? 'eslint.config.mjs';
  const cjs = file.endsWith('.cjs') || file.endsWith('.cts') || (file.endsWith('.js') && pkg.type !== 'module');
  const lines = cjs
    ? ["    const credlint = require('@credlint/eslint-plugin');", '    module.exports = [ /* your configs */, ...credlint.configs.recommended ];']
    : ["    import credlint from '@credlint/eslint-plugin';", '    export default [ /* your configs */, ...credlint.configs.recommended ];'];
  return `ESLint: init does not edit ${file}; to see credentials in your editor too, add:\n${lines.join('\n')}`;
}

export function planHusky(root: string, env: NodeJS.ProcessEnv): InitPlan {
  const changes: Change[] = [];
  const notes: string[] = [];
  const pkgText = readText(path.join(root, 'package.json'));
  if (pkgText === undefined) throw new InitError('no package.json at the repository root (use --hook=pre-commit-framework or --hook=git without one)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(pkgText.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InitError(`package.json is not valid JSON (${(e as Error).message}); fix it and run init again`, { cause: e });
  }
  validatePackageJson(parsed);
  const pkg = parsed;
  const huskyDir = path.join(root, '.husky');
  if (existsSync(huskyDir) && !statSync(huskyDir).isDirectory())
    throw new InitError('.husky exists but is not a directory; husky keeps its hooks there: move it away and run init again');
  const hookText = readText(path.join(huskyDir, 'pre-commit'));
  const installText = readText(path.join(huskyDir, 'install.mjs'));

  const info: PmInfo = detectPm(root, pkg, env);
  const deps = { ...(pkg.dependencies as Json | undefined), ...(pkg.devDependencies as Json | undefined) };
  const exists = (f: string) => existsSync(path.join(root, f));
  const eslint = ESLINT_CONFIGS.some(exists) || LEGACY_ESLINT.some(exists) || 'eslint' in deps;
  const secretlint = 'secretlint' in deps || SECRETLINT_RCS.some(exists);
  const jsonRc = LINT_STAGED_JSON.find(exists);
  const otherRc = LINT_STAGED_OTHER.find(exists);
  const hasLintStagedConfig = pkg['lint-staged'] !== undefined || jsonRc !== undefined || otherRc !== undefined;
  // lint-staged only when there is per-file work besides credentials: it costs most of the hook's time.
  const useLintStaged = eslint || secretlint || hasLintStagedConfig || (hookText !== undefined && runsCommand(hookText, /\blint-staged\b/));

  const newPkg = structuredClone(pkg);
  const pkgWhat: string[] = [];

  // lint-staged tasks: the user's lint, and secretlint when the project already runs it.
  const tasks: [string, string][] = [];
  if (eslint) tasks.push([SOURCE_GLOB, ESLINT_TASK]);
  if (secretlint) tasks.push(['*', SECRETLINT_TASK]);
  let credlintInLintStaged = false;
  const jsonRcChange = (() => {
    if (!useLintStaged) return undefined;
    if (isObject(newPkg['lint-staged'])) {
      credlintInLintStaged = lintStagedRunsCredlint(newPkg['lint-staged']);
      const added = mergeLintStaged(newPkg['lint-staged'], tasks);
      if (added.length) pkgWhat.push(`lint-staged: ${added.join('; ')}`);
      return undefined;
    }
    if (jsonRc) {
      const text = readText(path.join(root, jsonRc)) ?? '{}';
      let config: unknown;
      try {
        config = JSON.parse(text);
      } catch {
        config = undefined;
      }
      if (!isObject(config)) {
        if (tasks.length)
          notes.push(
            `${jsonRc} is not a JSON object, so it was left alone; add these lint-staged tasks by hand: ${tasks.map(([g, c]) => `"${g}": "${c}"`).join(', ')}`,
          );
        return undefined;
      }
      credlintInLintStaged = lintStagedRunsCredlint(config);
      const added = mergeLintStaged(config, tasks);
      return added.length ? { file: jsonRc, before: text, after: stringifyLike(text, config), what: `lint-staged: ${added.join('; ')}` } : undefined;
    }
    if (otherRc) {
      if (tasks.length)
        notes.push(`${otherRc} is not a JSON file, so it was left alone; add these tasks to it: ${tasks.map(([g, c]) => `"${g}": "${c}"`).join(', ')}`);
      return undefined;
    }
    const config: Json = {};
    const added = mergeLintStaged(config, tasks);
    if (added.length) {
      newPkg['lint-staged'] = config;
      pkgWhat.push(`lint-staged: ${added.join('; ')}`);
    }
    return undefined;
  })();

  // The activation script: husky's production-safe install.mjs from `prepare`; Yarn 2+ never runs
  // `prepare`, so there it is `postinstall` (with pinst so a published package does not run it).
  const scripts = { ...((newPkg.scripts as Json | undefined) ?? {}) } as Record<string, string>;
  const scriptKey = info.yarnBerry ? 'postinstall' : 'prepare';
  const existing = scripts[scriptKey];
  if (existing === undefined || /^\s*husky(\s+install)?\s*$/.test(existing)) {
    scripts[scriptKey] = ACTIVATE;
    pkgWhat.push(`scripts.${scriptKey} activates the hook (${ACTIVATE}; skipped in production installs)`);
  } else if (!existing.includes(ACTIVATE)) {
    if (/\bhusky\b/.test(existing))
      notes.push(
        `scripts.${scriptKey} already runs husky ("${existing}"), so it was left alone; \`${ACTIVATE}\` is the form that does not fail production installs (npm ci --omit=dev).`,
      );
    else {
      scripts[scriptKey] = `${existing} && ${ACTIVATE}`;
      pkgWhat.push(`scripts.${scriptKey} also activates the hook`);
    }
  }
  const usesPinst = info.yarnBerry && pkg.private !== true;
  if (usesPinst) {
    if (scripts.prepack === undefined) scripts.prepack = 'pinst --disable';
    if (scripts.postpack === undefined) scripts.postpack = 'pinst --enable';
  }
  if (JSON.stringify(scripts) !== JSON.stringify(pkg.scripts ?? {})) newPkg.scripts = scripts;

  // devDependencies: what the wiring runs, so a plain install provides it.
  const wanted = ['husky', 'credlint'];
  if (useLintStaged) wanted.push('lint-staged');
  if (secretlint) wanted.push(PRESET);
  if (eslint) wanted.push('@credlint/eslint-plugin');
  if (usesPinst) wanted.push('pinst');
  const missing = wanted.filter((p) => !(p in deps));
  if (missing.length) {
    const devDeps = { ...((pkg.devDependencies as Json | undefined) ?? {}) };
    const keys = Object.keys(devDeps);
    const sorted = keys.every((k, i) => i === 0 || (keys[i - 1] as string).localeCompare(k) <= 0);
    for (const p of missing) devDeps[p] = DEV_RANGES[p];
    newPkg.devDependencies = sorted ? Object.fromEntries(Object.entries(devDeps).sort(([a], [b]) => a.localeCompare(b))) : devDeps;
    pkgWhat.push(`devDependencies: ${missing.map((p) => `${p}@${DEV_RANGES[p]}`).join(', ')}`);
  }
  if (usesPinst && pkgWhat.length) pkgWhat.push('prepack/postpack run pinst so the published package has no postinstall');

  const pkgAfter = stringifyLike(pkgText, newPkg);
  if (pkgWhat.length && pkgAfter !== pkgText) changes.push({ file: 'package.json', before: pkgText, after: pkgAfter, what: pkgWhat.join('; ') });
  if (jsonRcChange) changes.push(jsonRcChange);

  // .husky/pre-commit: credlint reads the index itself (partial staging is judged by what is
  // staged); lint-staged after it, so a credential stops the commit before any second report.
  const credlintLine = `${binCommand(info, 'credlint')} scan --staged`;
  const lintStagedLine = binCommand(info, 'lint-staged');
  const hookLines: string[] = [];
  const hookHasCredlint = hookText !== undefined && runsCommand(hookText, runsCredlintScan);
  if (!hookHasCredlint && !credlintInLintStaged) hookLines.push(credlintLine);
  let hookBase = hookText;
  if (useLintStaged) {
    if (hookBase !== undefined && info.pnp) {
      // A bare `lint-staged` is not on PATH under Plug'n'Play: run it through Yarn.
      hookBase = lintStagedThroughYarn(hookBase);
    }
    if (hookBase === undefined || !runsCommand(hookBase, /\blint-staged\b/)) hookLines.push(lintStagedLine);
  }
  const hookFile = '.husky/pre-commit';
  if (hookText === undefined) {
    const body = ['# credlint: refuse commits that add credentials, judged by what is staged (credlint init)', ...hookLines];
    changes.push({ file: hookFile, before: undefined, after: `${body.join('\n')}\n`, what: `pre-commit hook runs ${hookLines.join(', then ')}`, mode: 0o755 });
  } else {
    const after = hookLines.length ? insertHookLines(hookBase as string, hookLines) : (hookBase as string);
    if (after !== hookText)
      changes.push({
        file: hookFile,
        before: hookText,
        after,
        what: hookLines.length ? `pre-commit hook also runs ${hookLines.join(', then ')}` : "pre-commit hook runs lint-staged through yarn (Plug'n'Play)",
      });
  }
  if (installText === undefined && Object.values(newPkg.scripts ?? {}).some((s) => typeof s === 'string' && s.includes(ACTIVATE))) {
    changes.push({
      file: '.husky/install.mjs',
      before: undefined,
      after: INSTALL_MJS,
      what: 'activates husky on install, skipped in production installs and CI',
    });
  }

  // .secretlintrc.json: our preset for secretlint users; rule-aws off inside preset-recommend so no
  // credential is reported twice.
  if (secretlint) {
    const rcFile = SECRETLINT_RCS.find(exists) ?? '.secretlintrc.json';
    const rcText = readText(path.join(root, rcFile));
    let rc: unknown;
    if (rcText !== undefined && (rcFile === '.secretlintrc' || rcFile === '.secretlintrc.json')) {
      try {
        rc = JSON.parse(rcText);
      } catch {
        rc = undefined;
      }
    }
    if (rcText === undefined) {
      changes.push({
        file: rcFile,
        before: undefined,
        after: stringifyLike(undefined, { rules: [{ id: PRESET }] }),
        what: 'secretlint uses the credlint preset',
      });
    } else if (!isObject(rc) || (rc.rules !== undefined && !Array.isArray(rc.rules))) {
      notes.push(
        `${rcFile} was left alone (not a JSON object with a "rules" list); add {"id": "${PRESET}"} to its rules, and {"id": "${RULE_AWS}", "allowMessageIds": ${JSON.stringify(RULE_AWS_OVERLAP)}} to the "rules" of ${PRESET_RECOMMEND} if you use it`,
      );
    } else {
      const rules = (rc.rules ?? []) as unknown[];
      const what: string[] = [];
      if (!rules.some((r) => isObject(r) && r.id === PRESET)) {
        rules.push({ id: PRESET });
        what.push('adds the credlint preset');
      }
      const recommend = rules.find((r): r is Json => isObject(r) && r.id === PRESET_RECOMMEND);
      if (recommend) {
        const inner = Array.isArray(recommend.rules) ? (recommend.rules as unknown[]) : [];
        // secretlint 11 ignores `disabled` on a rule inside a preset but honours `allowMessageIds`;
        // only the overlapping messages go (rule-aws's account-id message stays).
        let aws = inner.find((r): r is Json => isObject(r) && r.id === RULE_AWS);
        if (!aws) inner.push((aws = { id: RULE_AWS }));
        const allowed = Array.isArray(aws.allowMessageIds) ? (aws.allowMessageIds as unknown[]) : [];
        const adding = RULE_AWS_OVERLAP.filter((m) => !allowed.includes(m));
        if (adding.length) {
          aws.allowMessageIds = [...allowed, ...adding];
          what.push(`silences ${RULE_AWS}'s ${adding.join(', ')} inside ${PRESET_RECOMMEND} (the credlint preset reports those credentials)`);
        }
        recommend.rules = inner;
      }
      rc.rules = rules;
      const after = stringifyLike(rcText, rc);
      if (after !== rcText) changes.push({ file: rcFile, before: rcText, after, what: what.join('; ') || 'secretlint configuration' });
    }
  }

  const gi = gitignoreChange(root);
  if (gi) changes.push(gi);
  if (eslint) notes.push(eslintNote(root, pkg));

  // Also when everything is declared but not installed yet (a second init before the install).
  const installed = info.pnp ? exists('.pnp.cjs') : exists('node_modules/husky') && exists('node_modules/.bin/credlint');
  const pending = !installed || missing.length > 0 || changes.some((c) => c.file === 'package.json' || c.file === '.husky/install.mjs');
  const why = info.yarnBerry
    ? 'installs the dev dependencies; its postinstall activates the hook'
    : 'installs the dev dependencies; its prepare activates the hook';
  return { kind: 'husky', changes, notes, next: pending ? { cmd: info.pm, args: ['install'], why } : undefined };
}

/** `.gitignore` entries for env files: `.env`, `.env.*`, `*.env`, keeping the committed templates. */
export function gitignoreChange(root: string): Change | undefined {
  const giText = readText(path.join(root, '.gitignore'));
  const ig = ignore().add(giText ?? '');
  const adding: string[] = [];
  if (!ig.ignores('.env')) adding.push('.env');
  if (!ig.ignores('.env.local') || !ig.ignores('.env.production')) adding.push('.env.*');
  if (!ig.ignores('prod.env')) adding.push('*.env');
  if (!adding.length) return undefined;
  // The patterns would also hide the committed templates: except them.
  for (const t of ['.env.example', '.env.sample', '.env.template'])
    if (
      ignore()
        .add(giText ?? '')
        .add(adding)
        .ignores(t)
    )
      adding.push(`!${t}`);
  const after = appendBlock(giText, ['# env files hold credentials: keep them out of git (credlint init)', ...adding]);
  return { file: '.gitignore', before: giText, after, what: `ignores ${adding.filter((l) => !l.startsWith('!')).join(', ')}` };
}

/** Without package.json: credlint's hook in `.pre-commit-config.yaml` (the pre-commit framework installs it). */
export function planPreCommitFramework(root: string): InitPlan {
  const file = '.pre-commit-config.yaml';
  const text = readText(path.join(root, file));
  const changes: Change[] = [];
  const notes: string[] = [];
  if (text !== undefined && /\bcredlint-scan\b/.test(text)) {
    // already wired
  } else {
    const after = addPreCommitRepo(text, `v${VERSION}`);
    if (after === undefined) {
      throw new InitError(
        `${file} has a layout init cannot extend safely (it needs "repos:" as the last top-level key, as a block list); add this entry to its repos and run \`pre-commit install\`:\n  - repo: https://github.com/credlint/credlint\n    rev: v${VERSION}\n    hooks:\n      - id: credlint-scan`,
      );
    }
    changes.push({ file, before: text, after, what: 'pre-commit framework runs credlint-scan (credlint scan --staged)' });
  }
  const gi = gitignoreChange(root);
  if (gi) changes.push(gi);
  return { kind: 'pre-commit-framework', changes, notes, next: { cmd: 'pre-commit', args: ['install'], why: 'installs the git hook that runs the config' } };
}

export const GIT_HOOK_LINE = `if command -v credlint >/dev/null 2>&1; then credlint scan --staged; else npx --yes credlint@${VERSION} scan --staged; fi || exit $?`;

/** Without package.json: a plain `pre-commit` hook in git's hooks directory (honours core.hooksPath). */
export function planGitHook(root: string): InitPlan {
  const r = git(['rev-parse', '--git-path', 'hooks/pre-commit'], root);
  if (r.status !== 0) throw new InitError(`cannot find git's hooks directory: ${r.stderr.trim()}`);
  const abs = path.resolve(root, r.stdout.toString('utf8').trim());
  const rel = path.relative(root, abs).split(path.sep).join('/');
  const text = readText(abs);
  const changes: Change[] = [];
  const notes: string[] = [];
  if (text === undefined) {
    const body = ['#!/bin/sh', '# credlint: refuse commits that add credentials, judged by what is staged (credlint init --hook=git)', GIT_HOOK_LINE];
    changes.push({ file: rel, before: undefined, after: `${body.join('\n')}\n`, what: 'pre-commit hook runs credlint scan --staged', mode: 0o755 });
  } else if (!runsCommand(text, runsCredlintScan)) {
    changes.push({ file: rel, before: text, after: insertHookLines(text, [GIT_HOOK_LINE]), what: 'pre-commit hook also runs credlint scan --staged' });
    try {
      if ((statSync(abs).mode & 0o111) === 0) notes.push(`${rel} is not executable, so git does not run it: chmod +x ${rel}`);
    } catch {
      // checked when written
    }
  }
  if (rel.startsWith('.git/'))
    notes.push(`${rel} lives in .git, so it is not shared: each clone runs \`credlint init --hook=git\` (or use --hook=pre-commit-framework).`);
  const gi = gitignoreChange(root);
  if (gi) changes.push(gi);
  return { kind: 'git', changes, notes, next: undefined };
}
