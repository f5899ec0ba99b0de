import { isFatal } from '../exit-code.js';
import type { DoctorKind } from '../doctor/types.js';
import type { ReportFinding, Summary } from '../types.js';

/** The fields of a finding the JSON contract carries: scan's and dotenv's kinds, or doctor's (`environment`, `sts`, …). */
export type ContractFinding = Pick<ReportFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'ruleId' | 'severity' | 'message'> & {
  kind: ReportFinding['kind'] | DoctorKind;
};
/**
 * `summary` as the contract has it; `errors` codes are each command's own (`binary`,
 * `shared-file-unreadable`, …). `fatal` is filled from the code when a command leaves it out.
 */
export type ContractSummary = Omit<Summary, 'errors'> & { errors: readonly { file: string; code: string; message: string; fatal?: boolean }[] };

/** The JSON contract of docs/cli.md (Output), exactly: version 1, findings[], summary. Used by scan, dotenv and doctor. */
export function formatJson(findings: readonly ContractFinding[], summary: ContractSummary): string {
  const out = {
    version: 1,
    findings: findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ruleId: f.ruleId,
      kind: f.kind,
      severity: f.severity,
      message: f.message,
    })),
    summary: {
      files: summary.files,
      findings: summary.findings,
      ignored: summary.ignored,
      // `fatal`: true = not scanned, exit 2; false = a note (binary, symlink, …).
      errors: summary.errors.map((e) => ({ file: e.file, code: e.code, message: e.message, fatal: isFatal(e) })),
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
