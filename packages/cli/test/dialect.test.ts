import type { DialectInference } from '@credlint/dotenv';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseDialect } from '../src/dialect.js';
import { cli, gitRepo, removeDir, type JsonReport } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const repo = (files: Record<string, string>) => {
  const d = gitRepo({ '.gitignore': '.env\n', ...files });
  dirs.push(d);
  return d;
};

/** A public key shaped like `ssh-rsa AAAA…`, made at run time. */
function sshPublicKey(): string {
  const body = Buffer.from(Array.from({ length: 80 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
  return `ssh-rsa AAAAB3NzaC1yc2E${body} user@host`;
}

const LARAVEL_EXAMPLE = 'APP_NAME=Laravel\nMAIL_FROM_ADDRESS="hello@example.com"\nMAIL_FROM_NAME="${APP_NAME}"\n';
const XCODE_ENV = '# NODE_BINARY variable contains the PATH to the node executable.\nexport NODE_BINARY=$(command -v node)\n';

/** Error-level format findings (the repository checks' severities are another helper's work). */
const errors = (r: JsonReport) => r.findings.filter((f) => f.severity === 'error' && f.kind === 'format').map((f) => `${f.file}:${f.ruleId}`);

describe('chooseDialect: flag > configured > inferred > portable', () => {
  const inf: DialectInference = { dialect: 'python', reader: 'python-dotenv', reason: 'python-dotenv in requirements.txt line 1', file: '/r/requirements.txt', line: 1 };
  it('takes the first that is given, and computes the inference only when needed', () => {
    let calls = 0;
    const lazy = () => {
      calls++;
      return inf;
    };
    expect(chooseDialect({ flag: 'docker', configured: 'bash', inferred: lazy })).toEqual({ dialect: 'docker', source: 'flag' });
    expect(chooseDialect({ configured: 'bash', inferred: lazy })).toEqual({ dialect: 'bash', source: 'config' });
    expect(calls).toBe(0);
    expect(chooseDialect({ inferred: lazy })).toEqual({ dialect: 'python', source: 'inferred', inference: inf });
    expect(calls).toBe(1);
    expect(chooseDialect({ inferred: inf })).toMatchObject({ dialect: 'python', source: 'inferred' });
    expect(chooseDialect({ inferred: () => undefined })).toEqual({ dialect: 'portable', source: 'default' });
    expect(chooseDialect({})).toEqual({ dialect: 'portable', source: 'default' });
  });
});

describe('credlint scan / dotenv judge each env file by its inferred reader', () => {
  const project = () =>
    repo({
      // A Laravel app, a React Native app and a CDK app using dotenv, in one repository.
      'php/app/composer.json': JSON.stringify({ require: { 'laravel/framework': '^10.0' } }, null, 4),
      'php/app/.env.example': LARAVEL_EXAMPLE,
      'rn/App/package.json': JSON.stringify({ dependencies: { 'react-native': '0.74' } }),
      'rn/App/ios/.xcode.env': XCODE_ENV,
      'cdk/package.json': JSON.stringify({ dependencies: { 'aws-cdk-lib': '^2', dotenv: '^16' } }, null, 2),
      'cdk/.env.example': `SSH_PUB_KEY=${sshPublicKey()}\n`,
      // No evidence: judged portable, as before.
      'misc/.env.example': 'A="x"\n',
    });

  it('scan: no error-level format finding that is right for the real reader; unknown stays portable', async () => {
    const dir = project();
    const r = await cli(['scan', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(errors(report)).toEqual(['misc/.env.example:quoted-value']);
    // The same files, all judged portable (as before inference), would fail on each.
    const before = await cli(['dotenv', '--format', 'json', '--dialect', 'portable', 'php/app/.env.example', 'rn/App/ios/.xcode.env', 'cdk/.env.example'], dir);
    expect(errors(JSON.parse(before.stdout) as JsonReport)).toEqual([
      'php/app/.env.example:quoted-value',
      'php/app/.env.example:quoted-value',
      'rn/App/ios/.xcode.env:export-prefix',
      'cdk/.env.example:unquoted-value',
    ]);
  });

  it('scan with worker threads gives the same answer (the choice travels with the task)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`pad/f${i}.txt`] = 'nothing here\n';
    const dir = project();
    const { writeTree } = await import('./helpers.js');
    writeTree(dir, files);
    const r = await cli(['scan', '--format', 'json', '--jobs', '2'], dir);
    expect(errors(JSON.parse(r.stdout) as JsonReport)).toEqual(['misc/.env.example:quoted-value']);
  });

  it('scan --staged judges a staged env file by the work tree around it', async () => {
    const dir = repo({ 'composer.json': JSON.stringify({ require: { 'vlucas/phpdotenv': '^5' } }), '.env.example': LARAVEL_EXAMPLE });
    const { git } = await import('./helpers.js');
    git(dir, 'add', '.env.example', 'composer.json');
    const staged = await cli(['scan', '--staged', '--format', 'json'], dir);
    expect(errors(JSON.parse(staged.stdout) as JsonReport)).toEqual([]);
    writeFileSync(path.join(dir, 'composer.json'), '{}');
    const without = await cli(['scan', '--staged', '--format', 'json'], dir);
    expect(errors(JSON.parse(without.stdout) as JsonReport)).toEqual(['.env.example:quoted-value', '.env.example:quoted-value']);
  });

  it('the messages say the reader and why (stylish and JSON); a flag overrides the inference', async () => {
    const dir = repo({ 'requirements.txt': 'flask\npython-dotenv==1.0.1\n', '.env': 'A = "x"\n' });
    const json = JSON.parse((await cli(['dotenv', '--format', 'json'], dir)).stdout) as JsonReport;
    expect(json.findings.find((f) => f.ruleId === 'space-around-equals')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/\[judged as python-dotenv \(python-dotenv in requirements\.txt line 2\)\]$/) as unknown as string,
    });
    const stylish = await cli(['scan', '--no-color'], dir);
    expect(stylish.stdout).toContain('[judged as python-dotenv (python-dotenv in requirements.txt line 2)]');
    expect(stylish.code).toBe(0);
    const flagged = await cli(['dotenv', '--format', 'json', '--dialect', 'portable'], dir);
    const f = (JSON.parse(flagged.stdout) as JsonReport).findings.find((x) => x.ruleId === 'space-around-equals');
    expect(f).toMatchObject({ severity: 'error' });
    expect(f?.message).not.toContain('judged as');
    expect(flagged.code).toBe(1);
  });

  it('a PHP reader gets the closest model and a note, not a false error', async () => {
    const dir = repo({ 'composer.json': JSON.stringify({ require: { 'vlucas/phpdotenv': '^5' } }), '.env.example': `${LARAVEL_EXAMPLE}K = v\n` });
    const r = await cli(['dotenv', '--format', 'json', '.env.example'], dir);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((x) => x.message).join('\n')).toContain('PHP dotenv is not modelled; judged as python-dotenv');
  });

  it('unknown → portable: the output is the same as with --dialect portable', async () => {
    const dir = repo({ '.env': 'A = "x"\nB=a b\nexport C=1\n', 'package.json': JSON.stringify({ dependencies: { express: '4' } }) });
    const inferred = await cli(['dotenv', '--format', 'json'], dir);
    const portable = await cli(['dotenv', '--format', 'json', '--dialect', 'portable'], dir);
    expect(inferred.stdout).toBe(portable.stdout);
    expect(inferred.code).toBe(portable.code);
  });
});
