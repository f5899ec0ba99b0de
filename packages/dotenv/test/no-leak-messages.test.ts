/**
 * No message of any check shows a credential whole (issue 10 item 22): every check is made to fire
 * with a generated credential as the name, the value or a comment of the lines it reports, and no
 * message may contain the credential. Real files in a real git repository (for the repository checks).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, checks, loadSchema, validateFile } from '../src/index.js';
import { leakCases, SCHEMA, TEMPLATES } from './helpers/leak-cases.js';

const root = mkdtempSync(join(tmpdir(), 'credlint-dotenv-leak-'));
execFileSync('git', ['init', '-q'], { cwd: root });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases = leakCases();

describe('no credential in any message', () => {
  it('covers every check', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...CHECK_IDS].sort());
  });

  it.each(cases.map((c, i) => [`${c.check} / ${c.position} / ${c.kind}`, i] as const))('%s', async (_name, i) => {
    const c = cases[i]!;
    const dir = join(root, `case-${i}`);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    const file = Object.keys(c.files)[0]!;
    if (c.check === 'env-file-tracked') execFileSync('git', ['add', '--', file], { cwd: dir });
    const optIn = checks[c.check as keyof typeof checks]?.optIn === true;
    const r = await validateFile(file, {
      cwd: dir,
      ...(c.typedKeys ? { typedKeys: c.typedKeys } : {}),
      ...(optIn && c.check !== 'schema' ? { checks: { [c.check]: true } } : {}),
      ...(c.check === 'schema' ? { schema: loadSchema(SCHEMA) } : {}),
    });
    expect(r.error).toBeUndefined();
    expect(r.diagnostics.map((d) => d.checkId)).toContain(c.check);
    for (const d of r.diagnostics) for (const s of c.secrets) expect(d.message, `${d.checkId}: ${d.message}`).not.toContain(s);
  });
});
