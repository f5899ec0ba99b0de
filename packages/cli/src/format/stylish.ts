/** Human output, streamed file by file: file:line:col, masked message, rule, hint; colour on a TTY only. */
import type { Colors } from '../colors.js';
import { isFatal } from '../exit-code.js';
import type { FileNote, ReportFinding, Summary } from '../types.js';
import { escapeControl } from './escape.js';

export interface StylishTotals {
  errors: number;
  warnings: number;
  baselined: number;
  inline: number;
}

export function stylishFile(findings: ReportFinding[], c: Colors): string {
  if (findings.length === 0) return '';
  const first = findings[0];
  if (!first) return '';
  // A loop, not Math.max(...spread): one file can hold hundreds of thousands of findings.
  let width = 0;
  for (const f of findings) width = Math.max(width, `${f.line}:${f.column}`.length);
  const lines = [c.underline(escapeControl(first.file))];
  for (const f of findings) {
    const pos = `${f.line}:${f.column}`.padEnd(width);
    const sev = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    // `file:line:col` is what editors and terminals turn into a link.
    lines.push(`  ${c.dim(pos)}  ${sev}  ${escapeControl(f.message)}  ${c.dim(f.ruleId)}`);
    if (f.hint) lines.push(`  ${' '.repeat(width)}  ${c.dim(`↳ ${escapeControl(f.hint)}`)}`);
  }
  return `${lines.join('\n')}\n\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const QUIET_NOTES = new Set(['binary', 'symlink', 'deleted']);

export function stylishNotes(notes: FileNote[], verbose: boolean, c: Colors): string {
  if (notes.length === 0) return '';
  const byCode = new Map<string, number>();
  for (const n of notes) byCode.set(n.code, (byCode.get(n.code) ?? 0) + 1);
  const parts = [...byCode].map(([code, n]) => `${code}: ${n}`).join(', ');
  const lines = [c.dim(`${plural(notes.length, 'path')} not fully scanned (${parts})`)];
  // What could not be scanned is always listed (in red); notes too, except the common and
  // harmless ones (binaries, links, deleted tracked files), which --verbose lists.
  for (const n of notes) {
    const text = `  ${escapeControl(n.file)}: ${escapeControl(n.message)}`;
    if (isFatal(n)) lines.push(c.red(text));
    else if (verbose || !QUIET_NOTES.has(n.code)) lines.push(c.dim(text));
  }
  return `${lines.join('\n')}\n`;
}

export function stylishSummary(summary: Summary, t: StylishTotals, c: Colors): string {
  const lines: string[] = [];
  const total = t.errors + t.warnings;
  if (total > 0) {
    const mark = t.errors ? c.red(c.bold('✖')) : c.yellow(c.bold('⚠'));
    lines.push(
      `${mark} ${c.bold(`${plural(total, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}) in ${plural(summary.files, 'file')} scanned`)}`,
    );
  } else {
    lines.push(`${c.green('✔')} no problems in ${plural(summary.files, 'file')} scanned`);
  }
  const fatal = summary.errors.filter(isFatal).length;
  if (fatal) lines.push(c.red(c.bold(`✖ ${plural(fatal, 'path')} could not be scanned (listed above): the scan fails`)));
  if (summary.ignored) {
    const how = [t.inline ? `${t.inline} by credlint-ignore comments` : '', t.baselined ? `${t.baselined} by the baseline` : ''].filter(Boolean).join(', ');
    lines.push(c.dim(`${summary.ignored} ignored (${how})`));
  }
  return `${lines.join('\n')}\n`;
}
