import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { git, gitRepo, removeDir, scanJson } from './helpers.js';

const ENV_WITH_KEYS = `AWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 61 })}\nAWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey(61)}\nAWS_REGION=eu-west-1\n`;
const ENV_FORMAT_ONLY = 'API_URL = https://example.test\n';

const repos: string[] = [];
afterEach(() => {
  while (repos.length) removeDir(repos.pop() as string);
});

type Setup = 'tracked' | 'staged' | 'untracked' | 'gitignored';

function prepare(setup: Setup, content: string): string {
  const dir = gitRepo({ '.gitignore': setup === 'gitignored' ? '.env\n' : 'node_modules/\n', '.env': content });
  repos.push(dir);
  git(dir, 'add', '.gitignore');
  if (setup === 'tracked' || setup === 'staged') git(dir, 'add', '.env');
  if (setup === 'tracked') git(dir, 'commit', '-q', '-m', 'env');
  return dir;
}

/** [ruleId, severity] pairs reported for .env, sorted. */
async function envFindings(dir: string, ...argv: string[]): Promise<string[]> {
  const { report } = await scanJson(dir, ...argv);
  return report.findings.filter((f) => f.file === '.env').map((f) => `${f.ruleId}:${f.severity}`).sort();
}

describe('env files: a leak depends on git, the format checks do not', () => {
  it.each<[Setup, string, string[]]>([
    ['tracked', ENV_WITH_KEYS, ['aws-access-key-id:error', 'aws-secret-access-key:error', 'env-file-tracked:error']],
    ['untracked', ENV_WITH_KEYS, ['aws-access-key-id:error', 'aws-secret-access-key:error', 'env-file-not-ignored:error']],
    ['gitignored', ENV_WITH_KEYS, []],
    // One severity per check (docs/checks/env-file-tracked.md): an env file in the history is an error, keys or not.
    ['tracked', ENV_FORMAT_ONLY, ['env-file-tracked:error', 'space-around-equals:error']],
    ['gitignored', ENV_FORMAT_ONLY, ['space-around-equals:error']],
  ])('%s .env (%#)', async (setup, content, expected) => {
    const dir = prepare(setup, content);
    expect(await envFindings(dir)).toEqual(expected);
  });

  it('a staged .env is reported by --staged (as about to be tracked), with its keys', async () => {
    const dir = prepare('staged', ENV_WITH_KEYS);
    expect(await envFindings(dir, '--staged')).toEqual(['aws-access-key-id:error', 'aws-secret-access-key:error', 'env-file-tracked:error']);
  });

  it('a gitignored .env with keys does not fail the scan', async () => {
    const dir = prepare('gitignored', ENV_WITH_KEYS);
    const { code, report } = await scanJson(dir);
    expect(code).toBe(0);
    expect(report.summary.files).toBe(2); // .gitignore and the ignored .env (validated, not a leak)
  });

  it('validates AWS shared credentials files found in the tree', async () => {
    const dir = gitRepo({ '.aws/credentials': `[default]\naws_access_key_id = ${fakeAccessKeyId({ seed: 62, prefix: 'ASIA' })}\n` });
    repos.push(dir);
    const { report } = await scanJson(dir);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['aws-access-key-id', 'incomplete-key-pair', 'session-token-required']);
  });
});
