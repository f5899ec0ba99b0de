import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, removeDir, type CliResult } from './helpers.js';

// Every credential the fixtures hold. No output may contain any 12-character run of one of them
// (masking shows at most 4 + 4 characters), let alone the whole value.
const SECRETS = [
  fakeAccessKeyId({ seed: 51 }),
  fakeAccessKeyId({ seed: 52, prefix: 'ASIA' }),
  fakeSecretAccessKey(51),
  fakeSecretAccessKey(52),
  fakeSessionToken(51),
];

function windows(secret: string, n = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= secret.length; i++) out.push(secret.slice(i, i + n));
  return out;
}

function assertMasked(label: string, text: string): void {
  for (const s of SECRETS) {
    expect(text.includes(s), `${label} contains a whole credential`).toBe(false);
    const hit = windows(s).find((w) => text.includes(w));
    expect(hit, `${label} contains 12+ characters of a credential`).toBeUndefined();
  }
}

describe('no output ever contains a credential', () => {
  let dir: string;
  beforeAll(() => {
    dir = gitRepo({
      'src/app.ts': `const accessKeyId = '${SECRETS[0]}';\nconst secretAccessKey = '${SECRETS[2]}';\n`,
      'deploy.sh': `export AWS_ACCESS_KEY_ID=${SECRETS[1]}\nexport AWS_SECRET_ACCESS_KEY=${SECRETS[3]}\nexport AWS_SESSION_TOKEN=${SECRETS[4]}\n`,
      'config/.env': `AWS_ACCESS_KEY_ID=${SECRETS[0]}\nAWS_SECRET_ACCESS_KEY="${SECRETS[2]}"\n`,
      '.aws/credentials': `[default]\naws_access_key_id = ${SECRETS[1]}\naws_secret_access_key = ${SECRETS[3]}\n`,
      '.env.example': `AWS_ACCESS_KEY_ID=${SECRETS[0]}\n`,
      // UTF-16 (PowerShell 5) is decoded and scanned: its findings are masked like any other.
      'win/profile.ps1': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$env:AWS_ACCESS_KEY_ID = "${SECRETS[1]}"\r\n$env:AWS_SECRET_ACCESS_KEY = "${SECRETS[3]}"\r\n`, 'utf16le')]),
      'huge.txt': `${'x'.repeat(5000)}\nconst secretAccessKey = '${SECRETS[2]}';\n`,
    });
    git(dir, 'add', '.');
  });
  afterAll(() => removeDir(dir));

  // [label, argv, file written, exit code when not 1]
  const runs: [string, string[], string?, number?][] = [
    ['stylish', ['scan']],
    ['stylish --verbose --color', ['scan', '--verbose', '--color']],
    ['json', ['scan', '--format', 'json']],
    ['sarif', ['scan', '--format', 'sarif']],
    ['sarif to file', ['scan', '--format', 'sarif', '--output', 'out.sarif'], 'out.sarif'],
    ['json to file', ['scan', '--format', 'json', '-o', 'out.json'], 'out.json'],
    ['stylish to file', ['scan', '-o', 'out.txt'], 'out.txt'],
    ['baseline file', ['scan', '--baseline', 'baseline.json', '--update-baseline'], 'baseline.json'],
    ['staged', ['scan', '--staged']],
    ['staged json', ['scan', '--staged', '--whole-files', '--format', 'json']],
    ['workers', ['scan', '--jobs', '2', '--format', 'json']],
    ['dotenv', ['dotenv', 'config/.env', '.env.example']],
    ['dotenv json', ['dotenv', '--format', 'json', 'config/.env', '.env.example']],
    // Notes and fatal entries (over-size text, a missing path) in every format.
    ['notes stylish', ['scan', '--verbose', '--max-file-size', '4KB', '.', 'missing.ts'], undefined, 2],
    ['notes json', ['scan', '--format', 'json', '--max-file-size', '4KB', '.', 'missing.ts'], undefined, 2],
    ['notes sarif', ['scan', '--format', 'sarif', '--max-file-size', '4KB', '.', 'missing.ts'], undefined, 2],
    ['baseline merge (subset)', ['scan', 'src', '--baseline', 'baseline.json', '--update-baseline'], 'baseline.json'],
    ['baseline from a subdirectory', ['scan', '--baseline', '../baseline.json', '--max-warnings', '1000', '.'], undefined, 0],
  ];

  it.each(runs)('%s', async (label, argv, file, code) => {
    // The subdirectory run reads the baseline recorded by the runs before it.
    const cwd = label === 'baseline from a subdirectory' ? path.join(dir, 'config') : dir;
    const r: CliResult = await cli(argv, cwd);
    assertMasked(`${label} stdout`, r.stdout);
    assertMasked(`${label} stderr`, r.stderr);
    if (file) assertMasked(file, readFileSync(path.join(dir, file), 'utf8'));
    if (argv[0] === 'scan' && !argv.includes('--update-baseline')) expect(r.code).toBe(code ?? 1);
  });

  it('the check itself catches an unmasked value', () => {
    expect(() => assertMasked('probe', `leaked ${SECRETS[2]?.slice(5, 20)}`)).toThrow();
  });
});
