import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile } from '../src/index.js';

// env-file-tracked says "in the history now" only when a commit holds the file: a file that is only
// staged can still be unstaged, and telling its owner to rotate keys that never left the machine is wrong.
describe('env-file-tracked: staged only vs committed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-tracked-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tracked = async () => (await validateFile('.env', { cwd: dir })).diagnostics.find((d) => d.checkId === 'env-file-tracked')?.message ?? '';

  it('staged, never committed: unstage it; nothing is in the history yet', async () => {
    writeFileSync(join(dir, '.env'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 3 })}\n`);
    git('add', '.env');
    const m = await tracked();
    expect(m).toMatch(/staged for commit \(not committed yet\)/);
    expect(m).toMatch(/git restore --staged \.env/);
    expect(m).not.toMatch(/history now/);
  });

  it('committed: the credentials are in the history; rotate them', async () => {
    git('commit', '-q', '--no-verify', '-m', 'env');
    const m = await tracked();
    expect(m).toMatch(/in the history now: rotate them/);
    expect(m).toMatch(/git rm --cached \.env/);
  });
});
