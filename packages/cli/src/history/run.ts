/** Reporting for `credlint scan --history`: baseline by fingerprint, then JSON / SARIF / stylish. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Baseline, BaselineEntry } from '../baseline.js';
import { writeBaseline } from '../baseline.js';
import { colors, useColor, type Colors } from '../colors.js';
import { exitCode, isFatal, withFatal } from '../exit-code.js';
import { escapeControl } from '../format/escape.js';
import { formatJson } from '../format/json.js';
import { stylishNotes } from '../format/stylish.js';
import { writeFileAtomic } from '../fs-util.js';
import { git } from '../git.js';
import type { ScanArgs } from '../commands/scan.js';
import { applyRules, configIgnores, type LoadedConfig } from '../config.js';
import type { Io, Summary } from '../types.js';
import { VERSION } from '../version.js';
import { scanHistory, type HistoryFinding, type HistoryResult } from './scan.js';

/** The scan flags history mode reads: the one `ScanArgs` shape, not a copy of it. */
export type HistoryArgs = Pick<
  ScanArgs,
  'range' | 'since' | 'format' | 'output' | 'baseline' | 'updateBaseline' | 'maxWarnings' | 'maxFileSize' | 'jobs' | 'color' | 'verbose'
>;

const creditKey = (e: Pick<BaselineEntry, 'ruleId' | 'fingerprint'>) => `${e.ruleId}\0${e.fingerprint}`;

/**
 * History entries match by rule + fingerprint only, not by path: a rebase, a rename or a rewritten
 * history changes commits and paths but not the credential, and must not resurface it.
 */
export function historyBaselineFilter(baseline: Baseline | undefined, findings: HistoryFinding[]): { kept: HistoryFinding[]; baselined: number } {
  if (!baseline) return { kept: findings, baselined: 0 };
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(creditKey(e), (remaining.get(creditKey(e)) ?? 0) + 1);
  const kept: HistoryFinding[] = [];
  let baselined = 0;
  for (const f of findings) {
    const n = remaining.get(creditKey(f)) ?? 0;
    if (n > 0) {
      remaining.set(creditKey(f), n - 1);
      baselined++;
    } else kept.push(f);
  }
  return { kept, baselined };
}

/** The repository's URL for SARIF, without any user:password@ part. */
function repositoryUri(cwd: string, root: string): string {
  const r = git(['remote', 'get-url', 'origin'], cwd);
  const url = r.status === 0 ? r.stdout.toString('utf8').trim() : '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      const u = new URL(url);
      u.username = '';
      u.password = '';
      return u.toString();
    } catch {
      // fall through to the local path
    }
  }
  // scp-like `git@host:owner/repo.git` carries no secret; anything else is named by its local path.
  if (/^[\w.-]+@[\w.-]+:/.test(url)) return url;
  return pathToFileURL(root).href;
}

function stylishHistory(findings: HistoryFinding[], c: Colors): string {
  const lines: string[] = [];
  for (const f of findings) {
    const where = `${f.commit.slice(0, 12)}:${escapeControl(f.file)}:${f.line}:${f.column}`;
    const sev = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`${c.underline(where)}  ${sev}  ${escapeControl(f.message)}  ${c.dim(f.ruleId)}`);
    const state = f.inHead ? 'still in the tree at HEAD' : 'no longer at HEAD, but still in the history of every clone';
    lines.push(`  ${c.dim(`↳ committed ${f.date}; ${state}`)}`);
    if (f.hint) lines.push(`  ${c.dim(`↳ ${escapeControl(f.hint)}`)}`);
  }
  return lines.length ? `${lines.join('\n')}\n\n` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function runHistory(
  args: HistoryArgs,
  io: Io,
  baseline: Baseline | undefined,
  baselineFile: string | undefined,
  config?: LoadedConfig,
): Promise<number> {
  const ignores = configIgnores(config);
  const options = {
    cwd: io.cwd,
    maxFileSize: args.maxFileSize,
    ...(config?.config.accountId ? { accountId: true } : {}),
    ...(ignores.length ? { ignores } : {}),
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
    ...(args.range ? { range: args.range } : {}),
    ...(args.since ? { since: args.since } : {}),
  };
  const result: HistoryResult = await scanHistory(options);
  // The configuration's severities, at the reporting boundary (before the baseline).
  result.findings = applyRules(result.findings, config);
  const notes = result.notes.map(withFatal);

  if (args.updateBaseline && baselineFile) {
    // Old entries are kept (they may be the tree scan's); credentials not yet in the file are added.
    const old = baseline?.entries ?? [];
    const { kept } = historyBaselineFilter(baseline, result.findings);
    const entries = [...old, ...kept.map((f) => ({ file: f.file, ruleId: f.ruleId, fingerprint: f.fingerprint }))];
    try {
      writeBaseline(baselineFile, entries);
    } catch (e) {
      io.stderr.write(
        `credlint: cannot write ${escapeControl(args.baseline ?? '')}: ${escapeControl((e as NodeJS.ErrnoException).code ?? (e as Error).message)}\n`,
      );
      return 2;
    }
    io.stderr.write(stylishNotes(notes, args.verbose, colors(false)));
    io.stderr.write(
      `credlint: wrote ${plural(entries.length, 'finding')} to ${escapeControl(args.baseline ?? '')} (${kept.length} new from history; fingerprints only, no values)\n`,
    );
    return exitCode({ notes, errors: 0, warnings: 0 });
  }

  const { kept, baselined } = historyBaselineFilter(baseline, result.findings);
  const errors = kept.filter((f) => f.severity === 'error').length;
  const warnings = kept.length - errors;
  const summary: Summary = { files: result.blobs, findings: kept.length, ignored: result.ignored + baselined, errors: notes };

  const summaryLines = (c: Colors) => {
    const scanned = `${plural(result.commits, 'commit')} (${plural(result.blobs, 'unique blob')})`;
    const tail: string[] = [];
    if (kept.length) {
      const mark = errors ? c.red(c.bold('✖')) : c.yellow(c.bold('⚠'));
      tail.push(
        `${mark} ${c.bold(`${plural(kept.length, 'credential')} in the history (${plural(errors, 'error')}, ${plural(warnings, 'warning')}); ${scanned} scanned`)}`,
      );
    } else tail.push(`${c.green('✔')} no credentials in ${scanned} scanned`);
    const fatal = notes.filter(isFatal).length;
    if (fatal) tail.push(c.red(c.bold(`✖ ${plural(fatal, 'item')} could not be scanned (listed above): the scan fails`)));
    if (summary.ignored) tail.push(c.dim(`${summary.ignored} ignored (${result.ignored} by credlint-ignore comments, ${baselined} by the baseline)`));
    return `${tail.join('\n')}\n`;
  };

  let report: string;
  if (args.format === 'json') {
    // The JSON contract, plus additive fields: findings[].commit/date/inHead and summary.commits.
    const out = JSON.parse(formatJson(kept, summary)) as { findings: Record<string, unknown>[]; summary: Record<string, unknown> };
    out.findings.forEach((f, i) => {
      const h = kept[i];
      if (h) Object.assign(f, { commit: h.commit, date: h.date, inHead: h.inHead });
    });
    out.summary.commits = result.commits;
    report = `${JSON.stringify(out, null, 2)}\n`;
  } else if (args.format === 'sarif') {
    const provenance = result.head ? { repositoryUri: repositoryUri(io.cwd, result.root), revisionId: result.head } : undefined;
    report = (await import('../format/sarif.js')).formatSarif(kept, summary, VERSION, undefined, provenance);
  } else {
    const c = colors(args.output ? false : useColor(io.stdout, io.env, args.color));
    report = `${stylishHistory(kept, c)}${stylishNotes(notes, args.verbose, c)}${summaryLines(c)}`;
  }
  if (args.output) {
    try {
      writeFileAtomic(path.resolve(io.cwd, args.output), report);
    } catch (e) {
      io.stderr.write(`credlint: cannot write ${escapeControl(args.output)}: ${escapeControl((e as NodeJS.ErrnoException).code ?? (e as Error).message)}\n`);
      return 2;
    }
    // The job log still shows the outcome (and what was not scanned) when the report goes to a file.
    if (args.format !== 'stylish') io.stderr.write(`${stylishNotes(notes, args.verbose, colors(false))}${summaryLines(colors(false))}`);
  } else io.stdout.write(report);
  return exitCode({ notes, errors, warnings, maxWarnings: args.maxWarnings });
}
