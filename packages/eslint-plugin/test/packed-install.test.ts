import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * What a user gets from npm: `pnpm pack` the plugin and its workspace dependencies, install the
 * tarballs with only `eslint` into fresh projects — an ES module package, a CommonJS package as
 * `npm init -y` writes it, a Python-only repository, and one with typescript-eslint — and run
 * `npx eslint` with the README's configs.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const eslintVersion = (JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("eslint/package.json"))'], { cwd: join(repo, 'packages/eslint-plugin'), encoding: 'utf8' })) as { version: string }).version;

/** The README's snippets, so the documented configs are the ones tested. */
const readme = readFileSync(join(repo, 'packages/eslint-plugin/README.md'), 'utf8');
function snippet(firstLine: string): string {
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith(firstLine));
  if (!block) throw new Error(`README.md has no js block starting with ${firstLine}`);
  return block;
}
const ESM_SNIPPET = snippet('// eslint.config.mjs');
const CJS_SNIPPET = snippet('// eslint.config.js in a CommonJS package');

const FILES: Record<string, string> = {
  'app.py': `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
  '.env': `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY = ${SECRET}\nAWS_REGION=eu-west-1\n`,
  'cdk.json': `{ "app": "python3 app.py", "context": { "accessKeyId": "${KEY_ID}" } }\n`,
  '.github/workflows/deploy.yml': `env:\n  AWS_SECRET_ACCESS_KEY: ${SECRET}\n  AWS_ACCESS_KEY_ID: ${KEY_ID}\n`,
  // TypeScript and JSX syntax espree cannot read
  'lambda/handler.ts': `interface Event { id: string }\nexport const handler = async (e: Event) => ({ id: e.id, key: '${KEY_ID}' as string });\n`,
  'web/Login.tsx': `import { Aws } from './aws';\ntype P = { region: string };\nexport const Login = (p: P) => <Aws region={p.region} accessKey="${KEY_ID}" />;\n`,
  'web/Legacy.jsx': `import { Aws } from './aws';\nexport const Legacy = () => <Aws accessKey="${KEY_ID}" />;\n`,
  'clean.py': 'import os\nkey = os.environ["AWS_ACCESS_KEY_ID"]\n',
};
const EXPECTED: Record<string, string[]> = {
  'app.py': ['credlint/no-hardcoded-credentials@3:44'],
  '.env': ['credlint/space-around-equals@2:22'],
  'cdk.json': ['credlint/no-hardcoded-credentials@1:57'],
  '.github/workflows/deploy.yml': ['credlint/no-hardcoded-credentials@2:26', 'credlint/no-hardcoded-credentials@3:22'],
  'lambda/handler.ts': ['credlint/no-hardcoded-credentials@2:63'],
  'web/Login.tsx': ['credlint/no-hardcoded-credentials@3:66'],
  'web/Legacy.jsx': ['credlint/no-hardcoded-credentials@2:45'],
  'clean.py': [],
};

let dir: string;
let tarballs: { plugin: string; core: string; dotenv: string };
const npm = (cwd: string, ...args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, stdio: 'pipe', timeout: 240_000 });

/** A project directory with the fixtures, the plugin installed from the tarballs with only `eslint` (plus `extra`). */
function project(name: string, packageJson: Record<string, unknown> | 'npm init -y' | 'none', extra: string[] = []): string {
  const app = join(dir, name);
  mkdirSync(app);
  if (packageJson === 'npm init -y') npm(app, 'init', '-y');
  else if (packageJson !== 'none') writeFileSync(join(app, 'package.json'), JSON.stringify({ name, private: true, ...packageJson }));
  // core and dotenv from their tarballs too: they satisfy the plugin's dependencies, so npm asks no registry for them
  npm(app, 'install', '--save-dev', `eslint@${eslintVersion}`, tarballs.plugin, tarballs.core, tarballs.dotenv, ...extra);
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  return app;
}

type Message = { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string };
function eslint(app: string, ...args: string[]): { status: number | null; byFile: Record<string, string[]>; messages: string; stderr: string } {
  const run = spawnSync('npx', ['--no-install', 'eslint', '--format', 'json', ...args], { cwd: app, encoding: 'utf8', timeout: 120_000 });
  let results: { filePath: string; messages: Message[] }[] = [];
  try {
    results = JSON.parse(run.stdout) as typeof results;
  } catch {
    throw new Error(`eslint printed no JSON (exit ${run.status}): ${run.stdout}${run.stderr}`);
  }
  const byFile = Object.fromEntries(
    results.map((r) => [r.filePath.slice(app.length + 1), r.messages.map((m) => (m.fatal ? `fatal ${m.message}` : `${m.ruleId}@${m.line}:${m.column}`))]),
  );
  return { status: run.status, byFile, messages: JSON.stringify(results.flatMap((r) => r.messages.map((m) => m.message))), stderr: run.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-packed-'));
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  for (const pkg of ['core', 'dotenv', 'eslint-plugin']) {
    execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(repo, 'packages', pkg), stdio: 'pipe' });
  }
  const tarball = (prefix: string) => join(packs, readdirSync(packs).find((f) => f.startsWith(prefix))!);
  tarballs = { plugin: tarball('credlint-eslint-plugin-'), core: tarball('credlint-core-'), dotenv: tarball('credlint-dotenv-') };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('packed install with only eslint, in an ES module package', () => {
  let app: string;
  beforeAll(() => {
    app = project('esm', { type: 'module' });
    writeFileSync(join(app, 'eslint.config.js'), ESM_SNIPPET);
  }, 300_000);

  it('installs without TypeScript or typescript-eslint', () => {
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/typescript-eslint'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@typescript-eslint/parser'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@credlint/eslint-plugin/dist/index.js'))).toBe(true);
  });

  it('npx eslint reports in .py, .env, cdk.json, .yml, .ts, .tsx and .jsx files and exits 1', () => {
    const run = eslint(app, '.');
    expect(run.status, run.stderr).toBe(1);
    expect(run.byFile).toEqual({ ...EXPECTED, 'package.json': [], 'package-lock.json': [], 'eslint.config.js': [] });
    // messages are masked (the JSON formatter's `source` field holds the file itself, by design)
    expect(run.messages).not.toContain(KEY_ID);
    expect(run.messages).not.toContain(SECRET);
  });

  it('exits 0 on a clean project', () => {
    const run = spawnSync('npx', ['--no-install', 'eslint', 'clean.py'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});

describe('packed install in a CommonJS package (`npm init -y`)', () => {
  let app: string;
  beforeAll(() => {
    app = project('cjs', 'npm init -y');
    writeFileSync(join(app, 'eslint.config.js'), CJS_SNIPPET);
    writeFileSync(join(app, 'eslint.config.mjs'), ESM_SNIPPET);
  }, 300_000);

  it('is the CommonJS package npm 11 writes', () => {
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { type?: string };
    expect(pkg.type ?? 'commonjs').toBe('commonjs');
  });

  it("require('@credlint/eslint-plugin') is the plugin itself", () => {
    const out = execFileSync('node', ['-e', "const p = require('@credlint/eslint-plugin'); console.log(JSON.stringify([p.meta.name, Array.isArray(p.configs.recommended), Object.keys(p.rules).length > 2]))"], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(['@credlint/eslint-plugin', true, true]);
  });

  for (const config of ['eslint.config.js', 'eslint.config.mjs'] as const) {
    it(`the README's ${config} reports at the right line and column`, () => {
      const run = eslint(app, '--config', config, '.');
      expect(run.status, run.stderr).toBe(1);
      expect(run.byFile).toEqual({ ...EXPECTED, 'package.json': [], 'package-lock.json': [], 'eslint.config.js': [], 'eslint.config.mjs': [] });
    });
  }
});

describe('packed install in a Python-only repository (no package.json before `npm install -D`)', () => {
  let app: string;
  beforeAll(() => {
    app = project('python', 'none');
    writeFileSync(join(app, 'eslint.config.mjs'), ESM_SNIPPET);
  }, 300_000);

  it('npm wrote a package.json without "type"', () => {
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))).not.toHaveProperty('type');
  });

  it("the README's eslint.config.mjs reports at the right line and column", () => {
    const run = eslint(app, '.');
    expect(run.status, run.stderr).toBe(1);
    expect(run.byFile).toEqual({ ...EXPECTED, 'package.json': [], 'package-lock.json': [], 'eslint.config.mjs': [] });
  });
});

describe('packed install next to typescript-eslint (credlint appended last)', () => {
  let app: string;
  beforeAll(() => {
    const lock = JSON.parse(readFileSync(join(repo, 'node_modules/typescript-eslint/package.json'), 'utf8')) as { version: string };
    const ts = JSON.parse(readFileSync(join(repo, 'node_modules/typescript/package.json'), 'utf8')) as { version: string };
    app = project('typed', { type: 'module' }, [`typescript-eslint@${lock.version}`, `typescript@${ts.version}`]);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', jsx: 'preserve', noEmit: true }, include: ['**/*.ts', '**/*.tsx'] }));
    writeFileSync(join(app, 'lambda/deploy.ts'), 'async function deploy(): Promise<void> {}\ndeploy();\n');
    writeFileSync(
      join(app, 'eslint.config.js'),
      [
        "import tseslint from 'typescript-eslint';",
        "import credlint from '@credlint/eslint-plugin';",
        '',
        'export default [',
        '  ...tseslint.configs.recommendedTypeChecked,',
        '  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },',
        '  ...credlint.configs.recommended,',
        '];',
        '',
      ].join('\n'),
    );
  }, 300_000);

  it("typescript-eslint's parser still parses TS: its type-aware rules report, and so does credlint", () => {
    const run = eslint(app, 'lambda', 'web/Login.tsx');
    expect(run.byFile['lambda/deploy.ts']).toEqual(['@typescript-eslint/no-floating-promises@2:1']);
    const ours = (file: string) => run.byFile[file]?.filter((m) => m.startsWith('credlint/') || m.startsWith('fatal'));
    expect(ours('lambda/handler.ts')).toEqual(EXPECTED['lambda/handler.ts']);
    expect(ours('web/Login.tsx')).toEqual(EXPECTED['web/Login.tsx']);
  });
});
