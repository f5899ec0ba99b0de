import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeDir, tempDir, writeTree } from './helpers.js';
import { sarifValidator } from './sarif-schema.js';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; partialFingerprints?: Record<string, string> }[];
    invocations?: { toolExecutionNotifications: { descriptor: { id: string } }[] }[];
  }[];
}

describe('credlint scan --format sarif', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, {
      'src/app.ts': `const accessKeyId = '${fakeAccessKeyId({ seed: 41 })}';\nconst secretAccessKey = '${fakeSecretAccessKey(41)}';\n`,
      'deploy/creds.sh': `export AWS_SESSION_TOKEN=${fakeSessionToken(41)}\n`,
      'docs/a file with spaces.md': `key: ${fakeAccessKeyId({ seed: 42, prefix: 'ASIA' })}\n`,
      'logo.png': Buffer.from([0x89, 0, 0, 0]),
    });
  });
  afterAll(() => removeDir(dir));

  it('validates against the SARIF 2.1.0 schema', async () => {
    const r = await cli(['scan', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const validate = sarifValidator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has rule metadata with help links, one result per finding, regions and fingerprints', async () => {
    const r = await cli(['scan', '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run?.tool.driver.name).toBe('credlint');
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']);
    for (const rule of run?.tool.driver.rules ?? []) {
      expect(rule.helpUri).toMatch(new RegExp(`^https://.+/docs/cli\\.md#${rule.id}$`));
      expect(rule.shortDescription?.text).toBeTruthy();
    }
    const results = run?.results ?? [];
    expect(results).toHaveLength(4);
    const first = results.find((x) => x.ruleId === 'aws-access-key-id' && x.locations[0]?.physicalLocation.artifactLocation.uri === 'src/app.ts');
    expect(first?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 22, endLine: 1, endColumn: 42 });
    expect(first?.partialFingerprints?.['credlint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri)).toContain('docs/a%20file%20with%20spaces.md');
    expect(run?.invocations?.[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['binary']);
  });

  it('the schema check can fail (a log without runs[].tool is rejected)', () => {
    expect(sarifValidator()({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('a clean tree is still a valid SARIF log with an empty result list', async () => {
    const clean = tempDir();
    try {
      writeTree(clean, { 'a.ts': 'export {};\n' });
      const r = await cli(['scan', '--format', 'sarif'], clean);
      expect(r.code).toBe(0);
      const log = JSON.parse(r.stdout) as SarifLog;
      expect(sarifValidator()(log)).toBe(true);
      expect(log.runs[0]?.results).toEqual([]);
    } finally {
      removeDir(clean);
    }
  });
});
