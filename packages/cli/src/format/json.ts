import type { ReportFinding, Summary } from '../types.js';

/** DESIGN.md's JSON contract, exactly: version 1, findings[], summary. */
export function formatJson(findings: ReportFinding[], summary: Summary): string {
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
    summary: { files: summary.files, findings: summary.findings, ignored: summary.ignored, errors: summary.errors },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
