/**
 * `credlint init`: wires a git repository so that `git commit` refuses credentials.
 * With a package.json: husky's pre-commit hook runs `credlint scan --staged` (it reads git's index,
 * so partial staging is judged by what is staged), then lint-staged only when there is other
 * per-file work (ESLint, secretlint); the tools go to devDependencies and one plain install activates
 * the hook. Without one: the pre-commit framework config or a plain git hook (`--hook`).
 * Idempotent: every file is merged, never overwritten; `--dry-run` prints the diff instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unifiedDiff } from '../diff.js';
import { gitTopLevel } from '../git.js';
import { CI_KINDS, type CiKind, planCi } from '../init/ci.js';
import { type InitPlan, planGitHook, planHusky, planPreCommitFramework } from '../init/plan.js';
import { applyChanges, InitError } from '../init/write.js';
import { UsageError, type Io } from '../types.js';

export { detectPackageManager, detectPm } from '../init/detect.js';
export { mergeLintStaged, planHusky } from '../init/plan.js';
export { InitError } from '../init/write.js';

export const INIT_HELP = `Usage: credlint init [options]

Wires the current git repository so commits that add credentials are refused.
With a package.json (npm, pnpm, Yarn 1, Yarn 4 with Plug'n'Play or node_modules, bun):
  - .husky/pre-commit runs \`credlint scan --staged\` (and lint-staged when ESLint or secretlint is used)
  - package.json: devDependencies (husky, credlint, …) and a "prepare" (Yarn 4: "postinstall") that
    activates the hook on install and is skipped in production installs (.husky/install.mjs)
  - .secretlintrc.json gets the credlint preset when the project uses secretlint
  - .gitignore entries for env files (.env, .env.*, *.env)
Then runs the install when interactive, or prints it: after that, every plain install keeps the hook.
Without a package.json: --hook=pre-commit-framework (.pre-commit-config.yaml) or --hook=git
(.git/hooks/pre-commit); the default is the framework if it is in use or installed, else git.

Options:
  --hook KIND   husky | pre-commit-framework | git (default: husky with a package.json)
  --ci KIND     github | gitlab: also add the CI job that scans each pull (merge) request's commits
  --no-install  do not run the install, print it
  --dry-run     show the changes as a diff, write nothing
  -h, --help    show this help`;

const HOOKS = ['husky', 'pre-commit-framework', 'git'] as const;
type HookKind = (typeof HOOKS)[number];

const onPath = (cmd: string, env: NodeJS.ProcessEnv): boolean => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { env, stdio: 'ignore' }).status === 0;

function chooseHook(root: string, asked: string | undefined, env: NodeJS.ProcessEnv): HookKind {
  if (asked !== undefined) {
    if (!(HOOKS as readonly string[]).includes(asked)) throw new UsageError(`--hook must be one of ${HOOKS.join(', ')}`);
    return asked as HookKind;
  }
  if (existsSync(path.join(root, 'package.json'))) return 'husky';
  return existsSync(path.join(root, '.pre-commit-config.yaml')) || onPath('pre-commit', env) ? 'pre-commit-framework' : 'git';
}

export async function runInit(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'no-install': { type: 'boolean', default: false },
      hook: { type: 'string' },
      ci: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
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
  const dry = values['dry-run'];
  const out: string[] = [];
  try {
    const ci = values.ci;
    if (ci !== undefined && !(CI_KINDS as readonly string[]).includes(ci)) throw new UsageError(`--ci must be one of ${CI_KINDS.join(', ')}`);
    const kind = chooseHook(root, values.hook, io.env);
    if (kind === 'husky') plan = planHusky(root, io.env);
    else plan = kind === 'git' ? planGitHook(root) : planPreCommitFramework(root);
    if (ci !== undefined) {
      const { change, note } = planCi(root, ci as CiKind);
      if (change) plan.changes.push(change);
      if (note) plan.notes.push(note);
    }
    if (!dry) applyChanges(root, plan.changes);
  } catch (e) {
    if (e instanceof InitError) {
      io.stderr.write(`credlint init: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (plan.kind !== 'husky' && values.hook === undefined) {
    out.push(
      plan.kind === 'git'
        ? 'No package.json: wiring a plain git hook (--hook=git). With the pre-commit framework, run `credlint init --hook=pre-commit-framework` instead.'
        : 'No package.json: wiring the pre-commit framework (--hook=pre-commit-framework). For a plain git hook, run `credlint init --hook=git` instead.',
    );
  }
  if (plan.changes.length === 0) out.push('credlint init: everything is already wired; nothing to change.');
  for (const ch of plan.changes) {
    if (dry) out.push(unifiedDiff(ch.file, ch.before, ch.after).trimEnd());
    else out.push(`${ch.before === undefined ? 'created' : 'updated'} ${ch.file}: ${ch.what}`);
  }
  if (dry && plan.changes.length) out.push(`(dry run: ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'} would change; nothing was written)`);
  for (const n of plan.notes) out.push(`note: ${n}`);

  let code = 0;
  const next = plan.next;
  if (next) {
    const command = [next.cmd, ...next.args].join(' ');
    // Only a person at a terminal gets the install run for them: scripts and CI get the command.
    const interactive = Boolean(process.stdin.isTTY) && !io.env.CI;
    if (!dry && interactive && !values['no-install'] && onPath(next.cmd, io.env)) {
      io.stdout.write(`${out.join('\n')}\n\nRunning \`${command}\` (${next.why})…\n`);
      out.length = 0;
      const r = spawnSync(next.cmd, next.args, { cwd: root, env: io.env, stdio: 'inherit' });
      if (r.status === 0) out.push(`\`${command}\` done: the hook is active.`);
      else {
        out.push(
          `credlint init: \`${command}\` failed (${r.error?.message ?? `exit ${r.status}`}); the files are wired, run it again once the cause is fixed.`,
        );
        code = 1;
      }
    } else {
      out.push('', `One step left: \`${command}\` (${next.why}).`);
    }
  }
  out.push('Bypass the hook for one commit, if you must: git commit --no-verify');
  (code === 0 ? io.stdout : io.stderr).write(`${out.join('\n')}\n`);
  return code;
}
