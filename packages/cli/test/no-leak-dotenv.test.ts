/**
 * No credential in any env-file message through the CLI (issue 10 item 22): the cases that make every
 * dotenv check fire with a generated credential as a name, a value or a comment
 * (packages/dotenv/test/helpers/leak-cases.ts), each in its own directory of one git repository, run
 * through `credlint dotenv` (stylish, JSON) and `credlint scan` (stylish, JSON, SARIF): no output
 * contains a credential whole, and each case's check is reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakCases, SCHEMA } from '../../dotenv/test/helpers/leak-cases.js';
import { cli, git, gitRepo, removeDir, type JsonReport } from './helpers.js';

const cases = leakCases().filter((c) => !c.typedKeys); // typed keys of one's own are an API option, not a CLI one
const secrets = [...new Set(cases.flatMap((c) => c.secrets))];
let dir: string;
const files: string[] = [];

beforeAll(() => {
  dir = gitRepo({});
  writeFileSync(path.join(dir, 'env.schema.json'), SCHEMA);
  cases.forEach((c, i) => {
    const sub = path.join(dir, `case-${i}`);
    mkdirSync(sub);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(sub, name), text);
    const first = `case-${i}/${Object.keys(c.files)[0]}`;
    files.push(first);
    if (c.check === 'env-file-tracked') git(dir, 'add', '--', first);
  });
});
afterAll(() => removeDir(dir));

function noSecret(output: string): void {
  for (const s of secrets) expect(output.includes(s), `a credential (${s.slice(0, 4)}…) appears in the output`).toBe(false);
}

describe('no credential in any dotenv message, in every format', () => {
  it('credlint dotenv --format json: every case fires its check, nothing leaks', async () => {
    // the opt-in checks on, and the schema the `schema` cases are written for
    const r = await cli(['dotenv', '--format', 'json', '--check', 'all-style', '--schema', 'env.schema.json', ...files], dir);
    noSecret(r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary.errors).toEqual([]);
    cases.forEach((c, i) => {
      expect(report.findings.some((f) => f.file === files[i] && f.ruleId === c.check), `${c.check} / ${c.position} / ${c.kind}`).toBe(true);
    });
  }, 120_000);

  it('credlint dotenv (stylish)', async () => {
    const r = await cli(['dotenv', '--check', 'all-style', '--schema', 'env.schema.json', ...files], dir);
    expect(r.stdout).toMatch(/problems/);
    noSecret(r.stdout + r.stderr);
  }, 120_000);

  it.each(['stylish', 'json', 'sarif'])('credlint scan --format %s', async (format) => {
    const r = await cli(['scan', '--format', format, '.'], dir);
    expect(r.stdout.length).toBeGreaterThan(0);
    noSecret(r.stdout + r.stderr);
  }, 120_000);
});
