import { formatJson as formatContractJson } from '../format/json.js';
import { shown } from './masking.js';
import { describeSource } from './resolution.js';
import type { DoctorFinding, DoctorKind, DoctorReport } from './types.js';

/** The JSON contract of docs/cli.md through the CLI's one writer; doctor's fix is appended to the message, since the shape has no slot for it. */
export function formatJson(report: DoctorReport): string {
  const findings = report.findings.map((f) => ({ ...f, message: `${f.message} Fix: ${f.fix}` }));
  return formatContractJson(findings, { files: report.files.length, findings: findings.length, ignored: 0, errors: report.errors });
}

const SECTIONS: { title: string; kinds: DoctorKind[] }[] = [
  { title: 'Environment', kinds: ['environment'] },
  { title: 'Shared files', kinds: ['shared-file', 'sso', 'credential-process'] },
  { title: 'Which credentials would be used', kinds: ['resolution'] },
  { title: 'Online check (STS GetCallerIdentity)', kinds: ['sts'] },
];

function location(f: DoctorFinding): string {
  return f.file === '<environment>' ? 'environment' : `${f.file}:${f.line}:${f.column}`;
}

function renderFinding(f: DoctorFinding, c: Colors): string {
  const label = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
  return `  ${label} ${f.message} ${c.dim(`[${f.ruleId}]`)}\n          ${c.dim('at')} ${location(f)}\n          ${c.green('fix:')} ${f.fix}\n`;
}

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function colors(enabled: boolean): Colors {
  const wrap =
    (open: number, close: number) =>
    (s: string): string =>
      enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** The human report: one section per part of the set-up, each finding with its fix; never a whole credential. */
export function formatHuman(report: DoctorReport, options: { online: boolean; color: boolean }): string {
  const c = colors(options.color);
  let out = `${c.bold('credlint doctor')}\n`;
  for (const section of SECTIONS) {
    if (section.kinds.includes('sts') && !options.online) continue;
    out += `\n${c.bold(section.title)}\n`;
    if (section.title === 'Environment') {
      const vars = report.inspected.environment;
      out += `  ${vars.length ? `AWS variables: ${vars.join(', ')}` : 'no AWS_* variables exported'}${report.inspected.dotenv ? `; compared with ${report.inspected.dotenv}` : ''}\n`;
    } else if (section.title === 'Shared files') {
      out += `  ${report.inspected.sharedFiles.length ? `read ${report.inspected.sharedFiles.join(', ')}` : 'no credentials or config file found'}\n`;
    } else if (section.kinds.includes('resolution')) {
      const r = report.resolution;
      const same = JSON.stringify(r.standard.source) === JSON.stringify(r.jsV3.source) && r.standard.region === r.jsV3.region;
      const line = (who: string, x: DoctorReport['resolution']['standard']): string =>
        `  ${who}: ${describeSource(x.source)}\n    region: ${x.region ? `${JSON.stringify(shown(x.region))} from ${x.regionFrom}` : 'none'}\n`;
      if (same) out += line('AWS CLI, most SDKs and AWS SDK for JavaScript v3', r.standard);
      else out += line('AWS CLI and most SDKs', r.standard) + line('AWS SDK for JavaScript v3', r.jsV3);
      for (const n of r.notes) out += `  note: ${n}\n`;
    } else {
      for (const o of report.online.filter((x) => x.ok)) {
        out += `  ${c.green('ok')} ${o.label}: account ${o.account ?? '?'}, ${o.arn ?? ''}\n`;
      }
    }
    const fs = report.findings.filter((f) => section.kinds.includes(f.kind));
    for (const f of fs) out += renderFinding(f, c);
    if (fs.length === 0 && !section.kinds.includes('sts')) out += `  ${c.green('ok')} no problems\n`;
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  out += `\n${errors + warnings === 0 ? c.green('Healthy: no problems found.') : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`}\n`;
  for (const e of report.errors) out += `${c.red('I/O error')} ${e.file}: ${e.message}\n`;
  return out;
}
