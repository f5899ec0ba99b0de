import { parseArgs } from 'node:util';
import path from 'node:path';
import { lstatSync, type Stats } from 'node:fs';
import { Baseline, baselinePath, baselineRoot, mergeBaseline, writeBaseline, type BaselinePaths, type Coverage } from '../baseline.js';
import { colors, useColor } from '../colors.js';
import {
  applyRules,
  CONFIG_HELP,
  CONFIG_OPTIONS,
  configIgnores,
  configuredDialect,
  loadConfig,
  repoRelative,
  searchStart,
  type LoadedConfig,
} from '../config.js';
import { envFileNames, loadDotenv, type DotenvApi } from '../dotenv-bridge.js';
import { dialectChooser } from '../dialect.js';
import { exitCode, isFatal, withFatal } from '../exit-code.js';
import { escapeControl, escapeMessage } from '../format/escape.js';
import { formatJson } from '../format/json.js';
import { stylishFile, stylishNotes, stylishSummary, type StylishTotals } from '../format/stylish.js';
import { writeFileAtomic } from '../fs-util.js';
import { GitError, gitTopLevel } from '../git.js';
import { tagEnvFiles, type FileTask } from '../scan/analyze.js';
import { analyzeAll } from '../scan/pool.js';
import { stagedTasks } from '../scan/staged.js';
import { cancelGitPrefetch, takeGitPrefetch } from '../scan/git-prefetch.js';
import { mayBeWorkTree, startTreeGrep, takeTreeGrep, treeGrepStats, type TreeGrep } from '../scan/tree-grep.js';
import { walk } from '../scan/walk.js';
import { UsageError, type FileNote, type ScannedFile, type Io, type ReportFinding, type Summary } from '../types.js';
import { VERSION } from '../version.js';

export const SCAN_HELP = `Usage: credlint scan [paths...] [options]

Scans files and directories (default: .) for AWS credentials and broken env / AWS config files.
Honours .gitignore and .credlintignore; skips node_modules and .git. Never follows symbolic links.
Binaries, links and special files are noted; what cannot be scanned (unreadable, missing, over the
size limit) is reported and fails the scan (exit 2).

Options:
  --staged              scan what is staged in git's index (the next commit), not the work tree
  --whole-files         with --staged: report whole staged files, not only the lines the commit adds
  --repo-checks         also run the repository checks (env-file-tracked, env-file-not-ignored,
                        example-drift) on env files named as files; directory scans and --staged
                        always run them
  --history [RANGE]     scan git history instead of files: every commit reachable from any ref, or
                        only RANGE (e.g. origin/main..HEAD); each credential once, with the commit
                        that introduced it (https://github.com/credlint/credlint/blob/main/docs/guides/history.md)
  --since DATE          with --history: only commits after DATE (e.g. 2024-01-01, "2 weeks ago")
  -f, --format NAME     stylish (default) | json | sarif
  -o, --output FILE     write the report to FILE instead of stdout
  --baseline FILE       do not fail on findings recorded in FILE (they count as ignored)
  --update-baseline     record the current findings in the --baseline FILE (merged: entries for
                        files this run did not scan are kept) and exit 0
  --max-warnings N      exit 1 when there are more than N warnings
  --max-file-size SIZE  text files larger than SIZE are not scanned and fail the scan (exit 2)
                        (default 16MB; e.g. 500KB, 64MB)
  -j, --jobs N          worker threads (default: CPU count - 1, at most 8; 0 or 1 = no workers;
                        with --history: default one per core on 2+ cores, at most 4, 0 = none)
  --color / --no-color  force colour on or off (default: on a TTY only; NO_COLOR respected)
  -v, --verbose         also list the binary files, symbolic links and deleted tracked files noted
${CONFIG_HELP}
  -h, --help            show this help

Configuration (https://github.com/credlint/credlint/blob/main/docs/configuration.md): ignore
globs, rule severities, dialects, accountId, baseline and maxFileSize; the flags above win over it.

Exit codes: 0 clean, 1 errors found (or more than --max-warnings warnings), 2 usage error or
something not scanned (listed in the report), 141 stdout closed early (e.g. | head).`;

// Core scans at ~500 MB/s: 16 MB is ~30 ms, and generated files (lock files, bundles, minified
// assets) often pass 2 MB. Larger text fails the scan rather than passing unread.
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size: cannot read "${text}" (use bytes or e.g. 500KB, 10MB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

function parseCount(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} needs a whole number, got "${text}"`);
  return Number(text);
}

export interface ScanArgs {
  paths: string[];
  staged: boolean;
  wholeFiles: boolean;
  repoChecks: boolean;
  history: boolean;
  range?: string;
  since?: string;
  format: 'stylish' | 'json' | 'sarif';
  output?: string;
  baseline?: string;
  updateBaseline: boolean;
  maxWarnings?: number;
  maxFileSize: number;
  /** --max-file-size was given (it wins over the configuration's maxFileSize). */
  maxFileSizeGiven?: boolean;
  /** --config FILE / --no-config */
  config?: string;
  noConfig?: boolean;
  jobs?: number;
  color?: boolean;
  verbose: boolean;
  help: boolean;
}

export function parseScanArgs(argv: string[]): ScanArgs {
  // `--history=RANGE` is `--history RANGE`: in history mode the one positional is the range.
  const { values, positionals } = parseArgs({
    args: argv.flatMap((a) => (a.startsWith('--history=') ? ['--history', a.slice('--history='.length)] : [a])),
    allowPositionals: true,
    strict: true,
    options: {
      staged: { type: 'boolean', default: false },
      'whole-files': { type: 'boolean', default: false },
      'repo-checks': { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
      since: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      'max-file-size': { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...CONFIG_OPTIONS,
    },
  });
  const format = values.format;
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be stylish, json or sarif (got "${format}")`);
  }
  if (values['whole-files'] && !values.staged) throw new UsageError('--whole-files only applies with --staged');
  if (values.since !== undefined && !values.history) throw new UsageError('--since only applies with --history');
  if (values.history && values.staged) throw new UsageError('--history and --staged cannot be combined');
  if (values.history && positionals.length > 1) throw new UsageError('--history takes one revision range (e.g. origin/main..HEAD), not paths');
  const range = values.history ? positionals[0] : undefined;
  if (range !== undefined && (range === '' || range.startsWith('-'))) throw new UsageError(`--history: "${range}" is not a revision range`);
  if (values.since !== undefined && (values.since === '' || values.since.startsWith('-'))) throw new UsageError(`--since: "${values.since}" is not a date`);
  const args: ScanArgs = {
    paths: values.history ? [] : positionals,
    staged: values.staged,
    wholeFiles: values['whole-files'],
    repoChecks: values['repo-checks'],
    history: values.history,
    format,
    updateBaseline: values['update-baseline'],
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size']) : DEFAULT_MAX_FILE_SIZE,
    verbose: values.verbose,
    help: values.help,
  };
  if (range !== undefined) args.range = range;
  if (values.since !== undefined) args.since = values.since;
  if (values.output) args.output = values.output;
  if (values.baseline) args.baseline = values.baseline;
  if (values['max-file-size']) args.maxFileSizeGiven = true;
  if (values.config !== undefined) args.config = values.config;
  if (values['no-config']) args.noConfig = true;
  const maxWarnings = parseCount('--max-warnings', values['max-warnings']);
  if (maxWarnings !== undefined) args.maxWarnings = maxWarnings;
  const jobs = parseCount('--jobs', values.jobs);
  if (jobs !== undefined) args.jobs = jobs;
  if (values['no-color']) args.color = false;
  else if (values.color) args.color = true;
  return args;
}

/** A one-line progress indicator on stderr, for long scans on a TTY only. */
function progress(io: Io, total: number): { tick(done: number): void; done(): void } {
  const enabled = io.stderr.isTTY === true && total >= 500 && !io.env.CI;
  let last = 0;
  return {
    tick(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      io.stderr.write(`\r\u001b[Kcredlint: scanned ${done}/${total} files`);
    },
    done() {
      if (enabled) io.stderr.write('\r\u001b[K');
    },
  };
}

export async function runScan(argv: string[], io: Io): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.help) {
    io.stdout.write(`${SCAN_HELP}\n`);
    return 0;
  }

  // A whole-tree scan in a git work tree reads only the files `git grep` says may hold a finding
  // (tree-grep.ts); bin/credlint.js has usually started it already.
  const wholeTree =
    !args.staged && !args.history && (args.paths.length === 0 || (args.paths.length === 1 && args.paths[0] === '.')) && io.env.CREDLINT_GIT_PREFILTER !== '0';
  const prefetched = takeTreeGrep(io.cwd);
  if (!wholeTree) prefetched?.cancel();
  const grep: GrepSlot = { grep: wholeTree ? (prefetched ?? (mayBeWorkTree(io.cwd, process.env) ? startTreeGrep(io.cwd) : undefined)) : undefined };
  // bin/credlint.js may also have started the tree's rev-parse and ls-files (git-prefetch.ts): the walk uses them.
  const early =
    io.env.CREDLINT_GIT_PREFETCH !== '0' && !args.history && (args.staged || args.paths.length === 0 || (args.paths.length === 1 && args.paths[0] === '.'));
  if (!early) cancelGitPrefetch();
  try {
    return await scanWith(args, io, grep, early);
  } finally {
    grep.grep?.cancel();
    cancelGitPrefetch();
  }
}

/** The tree scan's grep, replaced once the configuration is read if it asks for account ids. */
interface GrepSlot {
  grep: TreeGrep | undefined;
}

async function scanWith(args: ScanArgs, io: Io, slot: GrepSlot, early: boolean): Promise<number> {
  // The configuration: searched from the scanned paths (cwd for --staged/--history) up to the repository root.
  const config = await loadConfig(
    { ...(args.config !== undefined ? { config: args.config } : {}), ...(args.noConfig ? { noConfig: true } : {}) },
    args.staged || args.history ? io.cwd : searchStart(args.paths, io.cwd, isDirectory),
    io.cwd,
  );
  if (config?.maxFileSize !== undefined && !args.maxFileSizeGiven) args.maxFileSize = config.maxFileSize;
  // The grep started before the configuration was read looks for no account names.
  if (config?.config.accountId && slot.grep && !slot.grep.accountId) {
    slot.grep.cancel();
    slot.grep = startTreeGrep(io.cwd, true);
  }
  const grep = slot.grep;
  if (!args.baseline && config?.config.baseline) args.baseline = path.relative(io.cwd, path.resolve(config.dir, config.config.baseline)) || '.';
  if (args.updateBaseline && !args.baseline) throw new UsageError('--update-baseline needs --baseline FILE (or "baseline" in the configuration)');
  const ignores = configIgnores(config);

  // Read first: a bad baseline is reported before any work. With --update-baseline an absent file
  // starts empty, and a present one is merged into, not replaced.
  const baselineFile = args.baseline ? path.resolve(io.cwd, args.baseline) : undefined;
  let baseline: Baseline | undefined;
  if (baselineFile) {
    try {
      baseline = Baseline.read(baselineFile, args.updateBaseline);
    } catch (e) {
      io.stderr.write(`credlint: ${escapeMessage((e as Error).message)}\n`);
      return 2;
    }
  }

  if (args.history) {
    const { runHistory } = await import('../history/run.js');
    try {
      return await runHistory(args, io, baseline, baselineFile, config);
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      io.stderr.write(`credlint: ${escapeMessage(e.message)}\n`);
      return 2;
    }
  }

  let tasks: FileTask[];
  const notes: FileNote[] = [];
  let gitTop: string | undefined;
  try {
    if (args.staged) {
      const ready = early ? await takeGitPrefetch(io.cwd) : undefined;
      const staged = await stagedTasks(args.paths, io.cwd, { wholeFiles: args.wholeFiles, maxFileSize: args.maxFileSize, ignores }, ready);
      tasks = staged.tasks;
      for (const n of staged.notes) notes.push(n);
    } else {
      const ready = early ? await takeGitPrefetch(io.cwd) : undefined;
      const walked = walk(args.paths, io.cwd, envFileNames, ignores, ready);
      // Missing paths, unreadable directories, links and special files: reported, and the rest still scanned.
      for (const n of walked.notes) notes.push(n);
      tasks = walked.tasks;
      if (walked.gitMissing) {
        io.stderr.write(
          'credlint: note: git was not found on PATH: scanned the directory tree without git (.gitignore files applied by credlint; tracked/untracked checks on env files are off)\n',
        );
      }
      gitTop = walked.gitTop;
    }
    if (args.staged && baselineFile) gitTop = gitTopLevel(io.cwd);
  } catch (e) {
    if (e instanceof GitError) {
      io.stderr.write(`credlint: ${escapeMessage(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  const baselinePaths: BaselinePaths | undefined = baselineFile ? { cwd: io.cwd, root: baselineRoot(baselineFile, gitTop) } : undefined;

  tagEnvFiles(tasks, envFileNames);
  const ruledOut = grep && gitTop ? await ruleOut(tasks, grep, gitTop, args.maxFileSize) : [];
  // The validator (~60 ms of module loading) is loaded only when there is an env or AWS config file to check.
  const dotenv = tasks.some((t) => t.env) || args.format === 'sarif' ? await loadDotenv() : undefined;
  if (dotenv) chooseDialects(tasks, dotenv, config, io.cwd);
  if (dotenv) addRepositoryFacts(tasks, dotenv, io.cwd, { staged: args.staged, repoChecks: args.repoChecks, git: gitTop !== undefined || args.staged });

  // Stylish output to a terminal/pipe streams in path order as results arrive; others wait for the end.
  const stream = args.format === 'stylish' && !args.output && !args.updateBaseline;
  const c = colors(args.output ? false : useColor(io.stdout, io.env, args.color));
  const results: (ScannedFile | undefined)[] = new Array(tasks.length);
  const all: ReportFinding[] = [];
  const totals: StylishTotals = { errors: 0, warnings: 0, baselined: 0, inline: 0 };
  let files = 0;
  let flushed = 0;
  let done = 0;
  const bar = progress(io, tasks.length);
  // Baseline merge: how this run covered each file (root-relative).
  const coverage = new Map<string, Coverage>();
  const partial = args.staged && !args.wholeFiles;
  const take = (r: ScannedFile) => {
    if (r.scanned) files++;
    if (r.note) notes.push(r.note);
    if (baselinePaths && args.updateBaseline && (r.scanned || (r.note && !isFatal(r.note)))) {
      coverage.set(baselinePath(baselinePaths, r.file), partial ? 'partial' : 'full');
    }
    totals.inline += r.ignored;
    // The configuration's severities, at the reporting boundary (before the baseline).
    const findings = applyRules(r.findings, config);
    const kept =
      baseline && baselinePaths && !args.updateBaseline ? findings.filter((f) => !(baseline.take(f, baselinePaths) && ++totals.baselined > 0)) : findings;
    for (const f of kept) {
      if (f.severity === 'error') totals.errors++;
      else totals.warnings++;
      // One at a time: push(...kept) overflows the stack at ~125k findings in one file.
      all.push(f);
    }
    if (stream && kept.length) {
      bar.done();
      io.stdout.write(stylishFile(kept, c));
    }
  };
  const poolOptions = {
    maxFileSize: args.maxFileSize,
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
    ...(config?.config.accountId ? { accountId: true } : {}),
  };
  const onResult = (i: number, r: ScannedFile) => {
    results[i] = r;
    done++;
    for (let next = results[flushed]; next !== undefined; next = results[flushed]) {
      take(next);
      results[flushed++] = undefined;
    }
    bar.tick(done);
  };
  // Files the prefilter ruled out: scanned (git grep read them whole), nothing found.
  const skip = new Uint8Array(tasks.length);
  for (const i of ruledOut) skip[i] = 1;
  const rest: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i] as FileTask;
    if (skip[i]) onResult(i, { file: t.file, findings: [], ignored: 0, scanned: true });
    else rest.push(i);
  }
  await analyzeAll(
    rest.map((i) => tasks[i] as FileTask),
    poolOptions,
    (k, r) => onResult(rest[k] as number, r),
  );
  bar.done();

  notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const summary: Summary = { files, findings: all.length, ignored: totals.inline + totals.baselined, errors: notes.map(withFatal) };

  if (args.updateBaseline && baselineFile && baselinePaths) {
    const current = all.map((f) => ({ file: baselinePath(baselinePaths, f.file), ruleId: f.ruleId, fingerprint: f.fingerprint }));
    const scannedDirs = args.staged
      ? []
      : (args.paths.length ? args.paths : ['.'])
          .map((p) => path.resolve(io.cwd, p))
          .filter(isDirectory)
          .map((d) => baselinePath(baselinePaths, d));
    const entries = mergeBaseline({
      old: baseline?.entries ?? [],
      current,
      coverage,
      scannedDirs: scannedDirs.map((d) => (d === '.' ? '' : d)),
      unscanned: notes.filter(isFatal).map((n) => baselinePath(baselinePaths, n.file)),
    });
    try {
      writeBaseline(baselineFile, entries);
    } catch (e) {
      io.stderr.write(`credlint: cannot write ${escapeControl(args.baseline ?? '')}: ${errorText(e)}\n`);
      return 2;
    }
    io.stderr.write(stylishNotes(summary.errors, args.verbose, colors(false)));
    const kept = entries.length - current.length;
    io.stderr.write(
      `credlint: wrote ${entries.length} finding${entries.length === 1 ? '' : 's'} to ${escapeControl(args.baseline ?? '')} ` +
        `(${current.length} from this scan${kept > 0 ? `, ${kept} kept for files it did not cover` : ''}; fingerprints only, no values)\n`,
    );
    return exitCode({ notes, errors: 0, warnings: 0 });
  }

  let report: string | undefined;
  if (args.format === 'json') report = formatJson(all, summary);
  // node-sarif-builder loads only for SARIF: the commit hook does not pay for it.
  else if (args.format === 'sarif') report = (await import('../format/sarif.js')).formatSarif(all, summary, VERSION, dotenv);
  else {
    const body = stream
      ? ''
      : all.length
        ? groupByFile(all)
            .map((g) => stylishFile(g, c))
            .join('')
        : '';
    report = `${body}${stylishNotes(notes, args.verbose, c)}${stylishSummary(summary, totals, c)}`;
  }
  if (args.output) {
    try {
      writeFileAtomic(path.resolve(io.cwd, args.output), report);
    } catch (e) {
      io.stderr.write(`credlint: cannot write ${escapeControl(args.output)}: ${errorText(e)}\n`);
      return 2;
    }
    if (args.format !== 'stylish') io.stderr.write(stylishSummary(summary, totals, colors(false)));
  } else io.stdout.write(report);

  if (args.staged && totals.errors > 0) {
    io.stderr.write(
      'credlint: the commit contains credentials. Remove them from the staged files (git restore --staged <file>, then edit), ' +
        'or, only if this is a false positive, mark it with a `credlint-ignore` comment. `git commit --no-verify` skips the hook entirely.\n',
    );
  }
  return exitCode({ notes, errors: totals.errors, warnings: totals.warnings, maxWarnings: args.maxWarnings });
}

/**
 * Indexes of the tasks the tree prefilter rules out: regular files (lstat: not a link or special file
 * swapped in) of at most `maxFileSize` bytes that `git grep` read from the work tree and did not list,
 * and that are not env or AWS config files (validated whatever they hold). Everything else is read.
 */
async function ruleOut(tasks: FileTask[], grep: TreeGrep, top: string, maxFileSize: number): Promise<number[]> {
  const listed = await grep.result;
  if (!listed) return [];
  const prefix = top.endsWith(path.sep) ? top : top + path.sep;
  const out: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i] as FileTask;
    if (!t.grepped || t.env || !t.abs?.startsWith(prefix)) continue;
    const rel = t.abs.slice(prefix.length);
    if (listed.has(path.sep === '/' ? rel : rel.split(path.sep).join('/'))) continue;
    let st: Stats | undefined;
    try {
      st = lstatSync(t.abs, { throwIfNoEntry: false });
    } catch {
      continue; // runTask reports it
    }
    if (st?.isFile() && st.size <= maxFileSize) out.push(i);
  }
  treeGrepStats.runs++;
  treeGrepStats.listed = listed.size;
  treeGrepStats.listedFiles = [...listed];
  treeGrepStats.ruledOut = out.length;
  return out;
}

/**
 * Each env file's dialect, on the main thread (workers get plain data): no `--dialect` on scan, so the
 * configuration or the inference decides, else portable (dialect.ts).
 */
function chooseDialects(tasks: FileTask[], dotenv: DotenvApi, config: LoadedConfig | undefined, cwd: string): void {
  const choose = dialectChooser(new dotenv.DialectInferrer(), {
    configured: config ? (abs) => configuredDialect(config, repoRelative(config, abs)) : undefined,
  });
  for (const t of tasks) {
    if (t.env !== 'env' && t.env !== 'example') continue;
    const abs = t.abs ?? path.resolve(cwd, t.file);
    const choice = choose(abs);
    t.dialect = choice.dialect;
    if (choice.inference) t.inference = choice.inference;
    const nodeLine = dotenv.projectNodeLine(abs);
    if (nodeLine) t.nodeLine = nodeLine;
  }
}

/**
 * The repository checks' facts for env files, on the main thread (workers get plain data): dotenv's
 * `repositoryFacts`, the one way every front end asks git (once per repository) and reads the sibling
 * example. With `--staged` the state is the index's: `committed` for a modified file, else `staged`.
 * A file named on the command line gets them only with `--repo-checks`: `scan FILE` checks the file.
 */
function addRepositoryFacts(tasks: FileTask[], dotenv: DotenvApi, cwd: string, options: { staged: boolean; repoChecks: boolean; git: boolean }): void {
  for (const t of tasks) {
    if (t.env !== 'env' && t.env !== 'example') continue;
    if (t.named && !options.staged && !options.repoChecks) continue;
    const abs = t.abs ?? path.resolve(cwd, t.file);
    if (options.staged) {
      t.repo = { ...dotenv.repositoryFacts(abs, { git: false }), git: t.inHead ? 'committed' : 'staged' };
    } else t.repo = dotenv.repositoryFacts(abs, { git: options.git && t.git !== 'none' });
  }
}

function errorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  // The writer's refusals (read-only, hard links, changed meanwhile) say why in their message.
  return escapeControl(code && code !== 'EREFUSED' ? code : (e as Error).message);
}

function isDirectory(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function groupByFile(findings: ReportFinding[]): ReportFinding[][] {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const g = groups.get(f.file);
    if (g) g.push(f);
    else groups.set(f.file, [f]);
  }
  return [...groups.values()];
}
