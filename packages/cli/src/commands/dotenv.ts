import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { colors, useColor } from '../colors.js';
import { DIALECTS } from '@credlint/dotenv/ids';
import { applyRules, checksOff, CONFIG_HELP, CONFIG_OPTIONS, configIgnores, configuredDialect, loadConfig, repoRelative, searchStart } from '../config.js';
import { loadDotenv, type Dialect } from '../dotenv-bridge.js';
import { formatJson } from '../format/json.js';
import { stylishFile, stylishNotes, stylishSummary } from '../format/stylish.js';
import { credlintIgnores, ignoredBy } from '../scan/walk.js';
import { displayPath } from '../display-path.js';
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
  --dry-run             with --fix: print the fix as a unified diff (\`git apply\` accepts it) and
                        write nothing
  --backup              with --fix: keep the original as NAME.bak (NAME.1.bak, … if that exists;
                        a backup is never overwritten)
  --check ID[,ID]       turn on opt-in checks: unordered-key, lowercase-key, extra-blank-line,
                        ending-blank-line, key-without-value, substitution-key, or all-style
                        for all six (repeatable)
  --schema FILE         check values against a dotenv-linter schema (JSON); a malformed schema is
                        a usage error (exit 2). Format:
                        https://github.com/credlint/credlint/blob/main/docs/checks/schema.md
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
      'dry-run': { type: 'boolean', default: false },
      backup: { type: 'boolean', default: false },
      check: { type: 'string', multiple: true },
      schema: { type: 'string' },
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

  const dryRun = values['dry-run'] === true;
  if ((dryRun || values.backup) && !values.fix) throw new UsageError(`--${dryRun ? 'dry-run' : 'backup'} needs --fix`);
  if (dryRun && values.backup) throw new UsageError('--dry-run writes nothing: --backup has nothing to keep');
  if (dryRun && values.format === 'json') throw new UsageError('--dry-run prints a diff: it cannot be combined with --format json');

  const config = await loadConfig(
    { ...(values.config !== undefined ? { config: values.config } : {}), ...(values['no-config'] ? { noConfig: true } : {}) },
    searchStart(positionals, io.cwd, isDirectory),
    io.cwd,
  );
  const dotenv = await loadDotenv();
  // Checks the configuration turns off are not run at all, so --fix does not apply their fixes either;
  // an opt-in check the configuration gives a severity, or --check names, is turned on.
  const checks: Record<string, boolean | 'off'> = {};
  for (const id of checksOff(config)) checks[id] = 'off';
  for (const [id, setting] of Object.entries(config?.config.rules ?? {})) {
    if (setting !== 'off' && (dotenv.STYLE_CHECKS as readonly string[]).includes(id)) checks[id] = true;
  }
  for (const id of (values.check ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')) {
    if (id === 'all-style') for (const s of dotenv.STYLE_CHECKS) checks[s] = true;
    else if (id in dotenv.checks && id !== 'schema') checks[id] = true;
    else
      throw new UsageError(
        `--check: unknown check "${id}" (${
          id === 'schema'
            ? 'use --schema FILE'
            : `one of ${Object.keys(dotenv.checks)
                .filter((c) => c !== 'schema')
                .join(', ')}, all-style`
        })`,
      );
  }
  let schema: ReturnType<typeof dotenv.loadSchema> | undefined;
  if (values.schema !== undefined) {
    let json: string;
    try {
      json = readFileSync(path.resolve(io.cwd, values.schema), 'utf8');
    } catch (e) {
      io.stderr.write(`credlint dotenv: --schema ${escapeMessage(values.schema)}: ${escapeMessage((e as Error).message)}\n`);
      return 2;
    }
    try {
      schema = dotenv.loadSchema(json, values.schema);
    } catch (e) {
      if (!(e instanceof dotenv.SchemaError)) throw e;
      io.stderr.write(`credlint dotenv: invalid schema: ${escapeMessage(e.message)}\n`);
      return 2;
    }
  }
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
  if (gitMissing)
    io.stderr.write(
      'credlint dotenv: git was not found on PATH: the repository checks env-file-tracked and env-file-not-ignored were skipped; every other check ran\n',
    );
  // .credlintignore applies to named files too (lint-staged passes every staged env file, fixtures included).
  const scopes = [...credlintIgnores(io.cwd, top), ...configIgnores(config)];
  files = files.filter((f) => !ignoredBy(scopes, path.resolve(io.cwd, f), false));
  const findings: ReportFinding[] = [];
  const notes: FileNote[] = [];
  let scanned = 0;
  let fixed = 0;
  const c = colors(useColor(io.stdout, io.env, values['no-color'] ? false : values.color));
  // `configured` joins when the configuration file lands (helper "cfg").
  const choose = dialectChooser(new dotenv.DialectInferrer(), {
    flag,
    configured: config ? (abs) => configuredDialect(config, repoRelative(config, abs)) : undefined,
  });
  for (const f of files) {
    const abs = path.resolve(io.cwd, f);
    const file = displayPath(abs, io.cwd);
    // --dialect > the configuration's dialect for this path > inferred > portable (dialect.ts).
    const choice = choose(abs);
    const r = await dotenv.validateFile(abs, {
      cwd: io.cwd,
      dialect: choice.dialect,
      git: !gitMissing,
      fix: values.fix,
      ...(dryRun ? { dryRun } : {}),
      ...(values.backup ? { backup: true } : {}),
      ...(Object.keys(checks).length > 0 ? { checks } : {}),
      ...(schema ? { schema } : {}),
    });
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
    const mine = applyRules(
      dotenv.annotate(r.diagnostics, choice.inference).map((d) => fromDotenv(d, dotenv, file, '')),
      config,
    );
    for (const f of mine) findings.push(f);
    if (dryRun) {
      // stdout is the patch alone (pipe it to `git apply`); the diff names the file as given
      if (r.diff) {
        io.stdout.write(r.diff);
        fixed++;
      }
      continue;
    }
    if (r.backupFile) io.stderr.write(`credlint dotenv: kept the original of ${file} as ${displayPath(r.backupFile, io.cwd)}\n`);
    if (values.format === 'stylish') io.stdout.write(stylishFile(mine, c));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary: Summary = { files: scanned, findings: findings.length, ignored: 0, errors: notes };
  if (dryRun) {
    // the summary goes to stderr: stdout stays a clean patch
    io.stderr.write(
      stylishNotes(notes, true, c) +
        `credlint dotenv --dry-run: ${fixed} file${fixed === 1 ? '' : 's'} would change; nothing written; ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} would remain\n`,
    );
  } else if (values.format === 'json') io.stdout.write(formatJson(findings, summary));
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
