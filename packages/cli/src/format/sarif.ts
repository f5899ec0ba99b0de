/** SARIF 2.1.0 through node-sarif-builder, with rule metadata and help links GitHub shows inline. */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { DotenvApi } from '../dotenv-bridge.js';
import { REPO_URL, ruleMeta } from '../rules.js';
import { isFatal } from '../exit-code.js';
import type { ReportFinding, Summary } from '../types.js';
import { pathToUri } from './escape.js';

/** The scanned repository and revision (history scans): SARIF's versionControlProvenance. */
export interface Provenance {
  repositoryUri: string;
  revisionId: string;
}

type WithCommit = ReportFinding & { commit?: string; date?: string; inHead?: boolean };

export function formatSarif(findings: WithCommit[], summary: Summary, version: string, dotenv: DotenvApi | undefined, provenance?: Provenance): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'credlint', toolDriverVersion: version, url: REPO_URL });
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  for (const id of ruleIds) {
    const meta = ruleMeta(id, dotenv);
    const rule = new SarifRuleBuilder().initSimple({ ruleId: id, shortDescriptionText: meta.description, helpUri: meta.helpUri });
    run.addRule(rule);
  }
  for (const f of findings) {
    const result = new SarifResultBuilder().initSimple({
      level: f.severity === 'error' ? 'error' : 'warning',
      messageText: f.hint ? `${f.message}. ${f.hint}` : f.message,
      ruleId: f.ruleId,
      fileUri: pathToUri(f.file),
      startLine: f.line,
      startColumn: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    });
    // GitHub code scanning de-duplicates alerts across runs by this (a one-way hash, never the value).
    result.result.partialFingerprints = { 'credlint/v1': f.fingerprint };
    // History scans: the commit that introduced the credential (the location is in that commit's tree).
    if (f.commit) result.result.properties = { commit: f.commit, date: f.date, inHead: f.inHead };
    run.addResult(result);
  }
  // Files that could not be scanned become tool notifications, so CI shows them too.
  if (summary.errors.length) {
    run.run.invocations = [
      {
        executionSuccessful: !summary.errors.some(isFatal),
        toolExecutionNotifications: summary.errors.map((e) => ({
          level: isFatal(e) ? 'error' : 'note',
          message: { text: `${e.file}: ${e.message}` },
          descriptor: { id: e.code },
          locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(e.file) } } }],
        })),
      },
    ];
  }
  if (provenance) run.run.versionControlProvenance = [{ repositoryUri: provenance.repositoryUri, revisionId: provenance.revisionId }];
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}
