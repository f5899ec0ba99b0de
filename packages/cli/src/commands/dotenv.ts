import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { colors, useColor } from '../colors.js';
import { DIALECTS } from '@credlint/dotenv/ids';
import { applyRules, checksOff, CONFIG_HELP, CONFIG_OPTIONS, configIgnores, configuredDialect, loadConfig, repoRelative, searchStart } from '../config.js';
import { loadDotenv, type Dialect } from '../dotenv-bridge.js';
import { formatJson } from '../format/json.js';
import { stylishFile, stylishNotes, stylishSummary } from '../format/stylish.js';
import { credlintIgnores, display, ignoredBy } from '../scan/walk.js';
import { fromDotenv } from '../scan/analyze.js';
import { findWorkTree, GitError, type WorkTree } from '../git.js';
import { dialectChooser } from '../dialect.js';
import { exitCode, fileNote } from '../exit-code.js';
import { escapeMessage } from '../format/escape.js';
import { UsageError, type FileNote, type Io, type ReportFinding, type Summary } from '../types.js';

export const DOTENV_HELP = `Usage: credlint dotenv [files...] [options]

Validates env files (default: the env files in the current directory — .env, .env.*, *.env; not
.envrc or editor backups such as .env.swp, .env~, .env.bak, .env.orig) against how each common
reader (dotenv, Node's --env-file, docker --env-file, Compose, bash, python-dotenv) reads them,
plus the AWS checks and whether git tracks or ignores the file (skipped, with a note, without git).

Options:
  --dialect NAME        portable | dotenv | node | docker | compose | bash | python. Default: the
                        configuration's "dialects" for the file, else the reader the files around
                        each env file point to (Compose env_file, --env-file, source, a
                        dotenv/python-dotenv/phpdotenv dependency; the messages say which and
                        why), else portable (what any reader reads differently)
  --fix                 repair what can be repaired without changing any value (atomic write,
                        through symbolic links; read-only and hard-linked files, and files
                        changed meanwhile, are not written: exit 2)
  -f, --format NAME     stylish (default) | json
  --max-warnings N      exit 1 when there are more than N warnings
  --color / --no-color  force colour on or off
${CONFIG_HELP}
  -h, --help            show this help

Configuration (https://github.com/credlint/credlint/blob/main/docs/configuration.md): ignore
globs, rule severities and dialects apply here too.

Exit codes: 0 clean, 1 errors (or more than --max-warnings warnings), 2 usage or I/O error (a file
not read, or a fix not written).`;


export async function runDotenv(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      dialect: { type: 'string' },
      fix: { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'stylish' },
      'max-warnings': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
      ...CONFIG_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout.write(`${DOTENV_HELP}\n`);
    return 0;
  }
  const flag = values.dialect as Dialect | undefined;
  if (flag !== undefined && !DIALECTS.includes(flag)) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')} (got "${values.dialect}")`);
  if (values.format !== 'stylish' && values.format !== 'json') throw new UsageError(`--format must be stylish or json (got "${values.format}")`);
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings needs a whole number, got "${maxWarnings}"`);

  const config = await loadConfig(
    { ...(values.config !== undefined ? { config: values.config } : {}), ...(values['no-config'] ? { noConfig: true } : {}) },
    searchStart(positionals, io.cwd, isDirectory),
    io.cwd,
  );
  // Checks the configuration turns off are not run at all, so --fix does not apply their fixes either.
  const off = checksOff(config);
  const checks = off.length ? (Object.fromEntries(off.map((id) => [id, 'off'])) as Record<string, 'off'>) : undefined;

  const dotenv = await loadDotenv();
  let files = positionals;
  if (files.length === 0) {
    // The matcher `scan` uses: not `.envrc` (a shell script) nor editor backups (`.env.swp`, `.env~`).
    // Symbolic links are included and read (and fixed) through the link, like any named file.
    files = readdirSync(io.cwd, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && dotenv.isEnvFile(e.name))
      .map((e) => e.name)
      .sort();
  }
  // No git on PATH (e.g. node:alpine): the repository checks are skipped, once and said so; the rest runs.
  // A repository git refuses (dubious ownership, a broken .git) is an error: those checks would be wrong.
  let where: WorkTree;
  try {
    where = findWorkTree(io.cwd);
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    io.stderr.write(`credlint dotenv: ${escapeMessage(e.message)}\n`);
    return 2;
  }
  const top = where.kind === 'repo' ? where.top : undefined;
  const gitMissing = where.kind === 'no-git';
  if (gitMissing) io.stderr.write('credlint dotenv: git was not found on PATH: the repository checks env-file-tracked and env-file-not-ignored were skipped; every other check ran\n');
  // .credlintignore applies to named files too (lint-staged passes every staged env file, fixtures included).
  const scopes = [...credlintIgnores(io.cwd, top), ...configIgnores(config)];
  files = files.filter((f) => !ignoredBy(scopes, path.resolve(io.cwd, f), false));
  const findings: ReportFinding[] = [];
  const notes: FileNote[] = [];
  let scanned = 0;
  let fixed = 0;
  const c = colors(useColor(io.stdout, io.env, values['no-color'] ? false : values.color));
  // `configured` joins when the configuration file lands (helper "cfg").
  const choose = dialectChooser(new dotenv.DialectInferrer(), { flag, configured: config ? (abs) => configuredDialect(config, repoRelative(config, abs)) : undefined });
  for (const f of files) {
    const abs = path.resolve(io.cwd, f);
    const file = display(io.cwd, abs);
    // --dialect > the configuration's dialect for this path > inferred > portable (dialect.ts).
    const choice = choose(abs);
    const r = await dotenv.validateFile(abs, { cwd: io.cwd, dialect: choice.dialect, git: !gitMissing, fix: values.fix, ...(checks ? { checks } : {}) });
    if (r.error) {
      // The same fail-closed rule as `scan` (exit-code.ts): a binary is a note, a file not read is fatal.
      notes.push(fileNote(file, r.errorCode ?? 'unreadable', r.error));
      continue;
    }
    scanned++;
    if (r.fixed) fixed++;
    if (r.writeError) {
      // The diagnostics stand (the file is unchanged); the failed write is an error of its own.
      notes.push(fileNote(file, 'write-failed', r.writeError));
    }
    const mine = applyRules(dotenv.annotate(r.diagnostics, choice.inference).map((d) => fromDotenv(d, dotenv, file, '')), config);
    for (const f of mine) findings.push(f);
    if (values.format === 'stylish') io.stdout.write(stylishFile(mine, c));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary: Summary = { files: scanned, findings: findings.length, ignored: 0, errors: notes };
  if (values.format === 'json') io.stdout.write(formatJson(findings, summary));
  else {
    io.stdout.write(stylishNotes(notes, true, c) + stylishSummary(summary, { errors, warnings, inline: 0, baselined: 0 }, c));
    if (fixed) io.stdout.write(`fixed ${fixed} file${fixed === 1 ? '' : 's'}\n`);
  }
  return exitCode({ notes, errors, warnings, maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings) });
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
