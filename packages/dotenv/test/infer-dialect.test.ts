import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { annotate, DialectInferrer, inferDialect, validate, validateFile } from '../src/index.js';
import { exampleTarget, INFER_LIMITS, nodeFacts, type FsFacts } from '../src/internals.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp directory with these files (and a real `git init` unless `git: false`). */
function project(files: Record<string, string>, git = true): string {
  const root = mkdtempSync(join(tmpdir(), 'credlint-infer-'));
  dirs.push(root);
  if (git) execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** A public key shaped like `ssh-rsa AAAA…`, made at run time. */
function sshPublicKey(): string {
  const body = Buffer.from(Array.from({ length: 80 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
  return `ssh-rsa AAAAB3NzaC1yc2E${body} user@host`;
}

function counting(): FsFacts & { reads: string[]; lists: string[] } {
  const reads: string[] = [];
  const lists: string[] = [];
  return {
    reads,
    lists,
    list: (d) => {
      lists.push(d);
      return nodeFacts.list(d);
    },
    read: (f, n) => {
      reads.push(f);
      return nodeFacts.read(f, n);
    },
    exists: (p) => nodeFacts.exists(p),
  };
}

describe('inferDialect: fixtures shaped like real projects', () => {
  it('Compose project: env_file (string, list, long syntax) and the project .env', () => {
    const root = project({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: nginx',
        '    env_file: ./web.env',
        '  api:',
        '    env_file:',
        '      - config/api.env # shared',
        '      - path: "./config/secrets.env"',
        '        required: false',
        '  worker:',
        '    env_file: [worker.env, "other.env"]',
        '',
      ].join('\n'),
      '.env': 'TAG=1\n',
      'web.env': 'A=1\n',
      'config/api.env': 'A=1\n',
      'config/secrets.env': 'A=1\n',
      'worker.env': 'A=1\n',
      'other.env': 'A=1\n',
      'unrelated.env': 'A=1\n',
    });
    const web = inferDialect(join(root, 'web.env'));
    expect(web).toMatchObject({ dialect: 'compose', reason: 'env_file in compose.yaml line 4', line: 4 });
    expect(inferDialect(join(root, 'config/api.env'))).toMatchObject({ dialect: 'compose', line: 7 });
    expect(inferDialect(join(root, 'config/secrets.env'))).toMatchObject({ dialect: 'compose', line: 8 });
    expect(inferDialect(join(root, 'worker.env'))).toMatchObject({ dialect: 'compose', line: 11 });
    expect(inferDialect(join(root, 'other.env'))).toMatchObject({ dialect: 'compose', line: 11 });
    expect(inferDialect(join(root, '.env'))).toMatchObject({ dialect: 'compose', reason: 'the project .env of compose.yaml' });
    // Named by nothing: no evidence, portable.
    expect(inferDialect(join(root, 'unrelated.env'))).toBeUndefined();
  });

  it('docker-compose.override.yml in a parent directory, path relative to the Compose file', () => {
    const root = project({ 'docker-compose.override.yml': 'services:\n  a:\n    env_file:\n      - ./svc/a.env\n', 'svc/a.env': 'A=1\n' });
    expect(inferDialect(join(root, 'svc/a.env'))).toMatchObject({ dialect: 'compose', reason: 'env_file in docker-compose.override.yml line 4' });
  });

  it('Laravel app: composer.json with vlucas/phpdotenv → the closest model and a note; the stock .env.example passes', () => {
    const example = 'APP_NAME=Laravel\nMAIL_FROM_ADDRESS="hello@example.com"\nMAIL_FROM_NAME="${APP_NAME}"\nMIX_PUSHER_APP_KEY="${PUSHER_APP_KEY}"\n';
    const root = project({
      'composer.json': JSON.stringify({ require: { php: '^8.1', 'vlucas/phpdotenv': '^5.6' } }, null, 4),
      'package.json': JSON.stringify({ private: true, devDependencies: { vite: '^5' } }, null, 2),
      '.env.example': example,
    });
    const inf = inferDialect(join(root, '.env.example'));
    expect(inf).toMatchObject({ dialect: 'python', reader: 'vlucas/phpdotenv (PHP)', reason: 'vlucas/phpdotenv in composer.json line 4' });
    expect(inf?.note).toContain('PHP dotenv is not modelled; judged as python-dotenv');
    // Portable reports the `${APP_NAME}` and quotes as errors; the reader PHP stands in for reads them as meant.
    expect(validate(example, { filename: '.env.example' }).filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    expect(validate(example, { filename: '.env.example', dialect: inf?.dialect ?? 'portable' }).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a stock Laravel composer.json (laravel/framework only) counts as phpdotenv', () => {
    const root = project({ 'composer.json': JSON.stringify({ require: { 'laravel/framework': '^10.0' } }), '.env.example': 'A=1\n' });
    expect(inferDialect(join(root, '.env.example'))).toMatchObject({ dialect: 'python', reason: 'laravel/framework in composer.json line 1' });
  });

  it('React Native app: ios/.xcode.env is sourced by bash: `export` is right', () => {
    const text = '# NODE_BINARY variable contains the PATH to the node executable.\nexport NODE_BINARY=$(command -v node)\n';
    const root = project({ 'package.json': JSON.stringify({ dependencies: { 'react-native': '0.74' } }), 'Gemfile': "gem 'cocoapods'\n", 'ios/.xcode.env': text });
    const inf = inferDialect(join(root, 'ios/.xcode.env'));
    expect(inf).toMatchObject({ dialect: 'bash' });
    expect(validate(text, { filename: '.xcode.env' }).map((d) => d.checkId)).toContain('export-prefix');
    expect(validate(text, { filename: '.xcode.env', dialect: 'bash' }).filter((d) => d.checkId === 'export-prefix')).toEqual([]);
  });

  it('Node app: node --env-file=.env in package.json scripts (also --env-file X and --env-file-if-exists)', () => {
    const root = project({
      'package.json': JSON.stringify({ scripts: { start: 'node --env-file=.env server.js', dev: 'node --watch --env-file .env.development server.js', ci: 'node --env-file-if-exists=config/.env.ci x.js' } }, null, 2),
      '.env': 'A=1\n',
      '.env.development': 'A=1\n',
      'config/.env.ci': 'A=1\n',
      '.env.example': 'A=1\n',
    });
    expect(inferDialect(join(root, '.env'))).toMatchObject({ dialect: 'node', reason: `Node's --env-file in package.json script "start" line 3` });
    expect(inferDialect(join(root, '.env.development'))).toMatchObject({ dialect: 'node', line: 4 });
    expect(inferDialect(join(root, 'config/.env.ci'))).toMatchObject({ dialect: 'node', line: 5 });
    // The example is the template of `.env`: judged as what `.env` is read by.
    expect(inferDialect(join(root, '.env.example'))).toMatchObject({ dialect: 'node' });
  });

  it('Python app: python-dotenv in requirements.txt, pyproject.toml, Pipfile or setup.cfg', () => {
    const cases: Record<string, string> = {
      'requirements.txt': 'flask==3.0\n# python-dotenv is optional\npython-dotenv[cli]>=1.0\n',
      'requirements-dev.txt': 'pytest\nPython_Dotenv==1.0.1\n',
      'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "boto3",\n  "python-dotenv>=1",\n]\n',
      Pipfile: '[packages]\npython-dotenv = "*"\n',
      'setup.cfg': '[options]\ninstall_requires =\n    python-dotenv\n',
    };
    const lines: Record<string, number> = { 'requirements.txt': 3, 'requirements-dev.txt': 2, 'pyproject.toml': 5, Pipfile: 2, 'setup.cfg': 3 };
    for (const [name, text] of Object.entries(cases)) {
      const root = project({ [name]: text, 'web/.env.example': 'A=1\n' });
      expect(inferDialect(join(root, 'web/.env.example')), name).toMatchObject({ dialect: 'python', reader: 'python-dotenv', reason: `python-dotenv in ${name} line ${lines[name]}` });
    }
    // Not python-dotenv: a package whose name only contains it.
    const other = project({ 'requirements.txt': 'python-dotenv-vault\nmy-python-dotenv\n', '.env': 'A=1\n' });
    expect(inferDialect(join(other, '.env'))).toBeUndefined();
  });

  it('aws-cdk-examples: an ssh public key in .env.example next to a package.json depending on dotenv', () => {
    const text = `SSH_PUB_KEY=${sshPublicKey()}\n`;
    const root = project({ 'package.json': JSON.stringify({ dependencies: { 'aws-cdk-lib': '^2', dotenv: '^16.4.5' } }, null, 2), '.env.example': text });
    const inf = inferDialect(join(root, '.env.example'));
    expect(inf).toMatchObject({ dialect: 'dotenv', reader: 'dotenv (npm)', reason: 'dotenv in package.json line 4' });
    expect(validate(text, { filename: '.env.example' }).map((d) => d.checkId)).toContain('unquoted-value');
    expect(validate(text, { filename: '.env.example', dialect: inf?.dialect ?? 'portable' }).filter((d) => d.checkId === 'unquoted-value')).toEqual([]);
  });

  it('dotenvx, @dotenvx/dotenvx and dotenv-cli → dotenv; the Ruby dotenv gem → closest model and a note', () => {
    for (const dep of ['dotenvx', '@dotenvx/dotenvx', 'dotenv-cli']) {
      const root = project({ 'package.json': JSON.stringify({ devDependencies: { [dep]: '1' } }), '.env': 'A=1\n' });
      expect(inferDialect(join(root, '.env')), dep).toMatchObject({ dialect: 'dotenv', reason: `${dep} in package.json line 1` });
    }
    const ruby = project({ Gemfile: "source 'https://rubygems.org'\ngem \"dotenv-rails\", groups: [:development]\n", '.env': 'A=1\n' });
    const inf = inferDialect(join(ruby, '.env'));
    expect(inf).toMatchObject({ dialect: 'compose', reader: 'dotenv (Ruby gem)', reason: 'the dotenv gem in Gemfile line 2' });
    expect(inf?.note).toContain('Ruby dotenv is not modelled');
  });

  it('docker run --env-file in scripts, Makefiles and workflows; docker compose --env-file → compose', () => {
    const root = project({
      'deploy/run.sh': '#!/bin/sh\nset -e\ndocker run --rm --env-file "$(dirname "$0")/prod.env" app\n',
      'deploy/prod.env': 'A=1\n',
      Makefile: 'run:\n\tdocker container run --env-file=.env.docker app\nup:\n\tdocker compose --env-file .env.compose up\n',
      '.env.docker': 'A=1\n',
      '.env.compose': 'A=1\n',
      '.github/workflows/ci.yml': 'jobs:\n  t:\n    steps:\n      - run: docker run --env-file ci/test.env img\n',
      'ci/test.env': 'A=1\n',
    });
    expect(inferDialect(join(root, 'deploy/prod.env'))).toMatchObject({ dialect: 'docker', reason: 'docker run --env-file in deploy/run.sh line 3' });
    expect(inferDialect(join(root, '.env.docker'))).toMatchObject({ dialect: 'docker', reason: 'docker run --env-file in Makefile line 2' });
    expect(inferDialect(join(root, '.env.compose'))).toMatchObject({ dialect: 'compose', line: 4 });
    expect(inferDialect(join(root, 'ci/test.env'))).toMatchObject({ dialect: 'docker', reason: 'docker run --env-file in .github/workflows/ci.yml line 4' });
  });

  it('the command is the first word of its command: continued lines, arguments named like commands, YAML run blocks', () => {
    const root = project({
      '.github/workflows/ci.yml': [
        'jobs:',
        '  t:',
        '    steps:',
        '      - name: test',
        '        run: |',
        '          npm ci && docker run --rm \\',
        '            -v "$(pwd):/src" \\',
        '            --env-file ci/multi.env \\',
        '            img',
        '      - run: sudo docker run --name node --env-file ci/named.env img',
        '      - run: docker build --env-file ci/not-run.env .',
        '      - run: echo node --env-file ci/echo.env',
        '',
      ].join('\n'),
      'ci/multi.env': 'A=1\n',
      'ci/named.env': 'A=1\n',
      'ci/not-run.env': 'A=1\n',
      'ci/echo.env': 'A=1\n',
    });
    expect(inferDialect(join(root, 'ci/multi.env'))).toMatchObject({ dialect: 'docker', reason: 'docker run --env-file in .github/workflows/ci.yml line 6' });
    expect(inferDialect(join(root, 'ci/named.env'))).toMatchObject({ dialect: 'docker', line: 10 });
    expect(inferDialect(join(root, 'ci/not-run.env'))).toBeUndefined();
    expect(inferDialect(join(root, 'ci/echo.env'))).toBeUndefined();
  });

  it('files sourced by shell scripts → bash (source X, . X, after set -a; and with $DIR/)', () => {
    const root = project({
      'scripts/a.sh': 'set -a; source ../.env.shared; set +a\n',
      'scripts/b.sh': 'if true; then . "$SCRIPT_DIR/local.env"; fi\n',
      'scripts/local.env': 'A=1\n',
      '.env.shared': 'A=1\n',
      '.envrc': 'export A=1\n',
    });
    expect(inferDialect(join(root, '.env.shared'))).toMatchObject({ dialect: 'bash', reason: 'sourced by scripts/a.sh line 1' });
    expect(inferDialect(join(root, 'scripts/local.env'))).toMatchObject({ dialect: 'bash', reason: 'sourced by scripts/b.sh line 1' });
    expect(inferDialect(join(root, '.envrc'))).toMatchObject({ dialect: 'bash' });
  });

  it('precedence: a reference beats a manifest; the nearest manifest wins; disagreement → portable', () => {
    const root = project({
      'package.json': JSON.stringify({ dependencies: { dotenv: '1' } }),
      'compose.yml': 'services:\n  a:\n    env_file: svc/app.env\n',
      'svc/app.env': 'A=1\n',
      'py/requirements.txt': 'python-dotenv\n',
      'py/.env': 'A=1\n',
      'both/requirements.txt': 'python-dotenv\n',
      'both/package.json': JSON.stringify({ dependencies: { dotenv: '1' } }),
      'both/.env': 'A=1\n',
      'twice.env': 'A=1\n',
      'run.sh': 'docker run --env-file twice.env x\nsource twice.env\n',
    });
    expect(inferDialect(join(root, 'svc/app.env'))).toMatchObject({ dialect: 'compose' });
    expect(inferDialect(join(root, 'py/.env'))).toMatchObject({ dialect: 'python' });
    expect(inferDialect(join(root, 'both/.env'))).toBeUndefined();
    expect(inferDialect(join(root, 'twice.env'))).toBeUndefined();
    // A dependency speaks for `.env` / `.env.*` (what those libraries load), not for a `deploy/web.env`.
    writeFileSync(join(root, 'py/web.env'), 'A=1\n');
    expect(inferDialect(join(root, 'py/web.env'))).toBeUndefined();
    writeFileSync(join(root, 'py/.env.local'), 'A=1\n');
    expect(inferDialect(join(root, 'py/.env.local'))).toMatchObject({ dialect: 'python' });
    // The project .env next to compose.yml, with dotenv in the same directory: read by both → portable.
    writeFileSync(join(root, '.env'), 'A=1\n');
    expect(inferDialect(join(root, '.env'))).toBeUndefined();
  });

  it('unknown → undefined; nothing above the repository root is read', () => {
    const outer = project({ 'package.json': JSON.stringify({ dependencies: { dotenv: '1' } }) }, false);
    const inner = join(outer, 'repo');
    mkdirSync(join(inner, 'app'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: inner });
    writeFileSync(join(inner, 'app/.env'), 'A=1\n');
    const facts = counting();
    expect(inferDialect(join(inner, 'app/.env'), undefined, facts)).toBeUndefined();
    expect(facts.reads.filter((f) => !f.startsWith(inner))).toEqual([]);
    expect(facts.lists.filter((d) => !d.startsWith(inner))).toEqual([]);
    // Without a repository, only the file's own directory.
    const loose = project({ 'package.json': JSON.stringify({ dependencies: { dotenv: '1' } }), 'sub/.env': 'A=1\n' }, false);
    expect(inferDialect(join(loose, 'sub/.env'), undefined, counting())).toBeUndefined();
    expect(inferDialect(join(loose, 'sub/.env'), loose)).toMatchObject({ dialect: 'dotenv' });
  });

  it('bounded work: files per directory, levels, bytes; one read per file per run with a DialectInferrer', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`s${String(i).padStart(2, '0')}.sh`] = 'echo hi\n';
    files['zz.sh'] = 'source .env\n'; // sorted after the cap: not read
    let deep = 'a';
    for (let i = 0; i < 20; i++) deep += '/d';
    files[`${deep}/.env`] = 'A=1\n';
    files[`${deep}/x.env`] = 'A=1\n';
    files['.env'] = 'A=1\n';
    // A package.json over the byte cap is cut, not parsed: no evidence from it.
    files['big/package.json'] = `{"dependencies":{"dotenv":"1"},"x":"${'y'.repeat(INFER_LIMITS.MAX_FILE_BYTES)}"}`;
    files['big/.env'] = 'A=1\n';
    const root = project(files);
    const facts = counting();
    const inf = new DialectInferrer(facts);
    expect(inf.infer(join(root, '.env'))).toBeUndefined();
    expect(facts.reads.length).toBe(INFER_LIMITS.MAX_FILES_PER_DIR);
    expect(inf.infer(join(root, deep, '.env'))).toBeUndefined();
    expect(inf.infer(join(root, deep, 'x.env'))).toBeUndefined();
    // The deep file's walk stops after MAX_LEVELS directories; the second file in that directory reads nothing new.
    const dirsListed = new Set(facts.lists).size;
    expect(facts.lists.length).toBe(dirsListed);
    expect(dirsListed).toBe(1 + 1 + INFER_LIMITS.MAX_LEVELS); // root, workflows, the deep walk
    expect(inf.infer(join(root, 'big/.env'))).toBeUndefined();
    expect(new Set(facts.reads).size).toBe(facts.reads.length);
    expect(inf.stats).toEqual({ listed: facts.lists.length, read: facts.reads.length });
  });

  it('exampleTarget maps a template to the file it is the template of', () => {
    expect(exampleTarget('/p/.env.example')).toBe('/p/.env');
    expect(exampleTarget('/p/.env.local.sample')).toBe('/p/.env.local');
    expect(exampleTarget('/p/example.env')).toBe('/p/.env');
    expect(exampleTarget('/p/.env')).toBeUndefined();
  });

  it('annotate adds the reader and why to format findings only; validateFile with the inferred dialect', async () => {
    const root = project({ 'requirements.txt': 'python-dotenv\n', '.env': 'A="${B}"\nK = v\nAWS_REGION=nowhere-1\n' });
    const inf = inferDialect(join(root, '.env'));
    expect(inf).toBeDefined();
    const r = await validateFile(join(root, '.env'), { cwd: root, dialect: inf?.dialect ?? 'portable', git: false });
    const out = annotate(r.diagnostics, inf);
    const fmt = out.find((d) => d.checkId === 'space-around-equals');
    expect(fmt?.message).toMatch(/\[judged as python-dotenv \(python-dotenv in requirements\.txt line 1\)\]$/);
    const aws = out.find((d) => d.checkId === 'invalid-region');
    expect(aws?.message).not.toContain('judged as');
    expect(annotate(r.diagnostics, undefined)).toBe(r.diagnostics);
  });

  it('the reason is masked like any message: a token-shaped directory name is not printed whole', () => {
    const token = randomBytes(30).toString('base64').replace(/[+/=]/g, 'x');
    const root = project({ [`${token}/requirements.txt`]: 'python-dotenv\n', [`${token}/.env`]: 'K = v\n' });
    const inf = inferDialect(join(root, token, '.env'));
    expect(inf?.reason).toContain(token); // the structured field keeps the path
    const [d] = annotate(validate('K = v\n', { dialect: 'python' }), inf);
    expect(d?.message).toContain('judged as python-dotenv');
    expect(d?.message).not.toContain(token);
  });
});
