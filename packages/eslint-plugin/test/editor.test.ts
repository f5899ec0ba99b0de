import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * The editor path with real components: vscode-eslint's language server (as shipped in
 * vscode-langservers-extracted) over stdio, a client that answers `workspace/configuration`
 * the way the VS Code extension does for the settings in docs/guides/editor.md, and a
 * project with ESLint 10, typescript-eslint and this plugin.
 */
const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(pkgDir, 'package.json'));
const serverBin = join(dirname(require.resolve('vscode-langservers-extracted/package.json')), 'bin', 'vscode-eslint-language-server');

/** `.vscode/settings.json` from docs/guides/editor.md: the language ids ESLint validates. */
const VALIDATE = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml', 'toml', 'python', 'dotenv'];

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | number;
  message: string;
  source?: string;
}

const FILES: Record<string, { languageId: string; text: string }> = {
  'lib/stack.ts': {
    languageId: 'typescript',
    text: `const region: string = 'eu-west-1';\nexport const id: string = '${KEY_ID}';\nexport const r = region;\n`,
  },
  'web/Login.tsx': {
    languageId: 'typescriptreact',
    text: `type P = { region: string };\nexport const Login = (p: P) => <aws-login region={p.region} accessKey="${KEY_ID}" />;\n`,
  },
  'app.py': { languageId: 'python', text: `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n` },
  '.env': { languageId: 'dotenv', text: `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY = ${SECRET}\nAWS_REGION=eu-west-1\n` },
  'cdk.json': { languageId: 'json', text: `{\n  "app": "npx ts-node bin/app.ts",\n  "context": { "accessKeyId": "${KEY_ID}" }\n}\n` },
};

let dir: string;
let server: ChildProcess;
let connection: MessageConnection;
const diagnostics = new Map<string, Diagnostic[]>();
const languageOf = new Map<string, string>();
const stderr: string[] = [];

function settingsFor(uri: string): Record<string, unknown> {
  const languageId = languageOf.get(uri);
  return {
    validate: languageId !== undefined && VALIDATE.includes(languageId) ? 'on' : 'off',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: 'app', uri: pathToFileURL(dir).href },
  };
}

/** Pull diagnostics (`textDocument/diagnostic`), as VS Code asks this server version for them. */
async function diagnosticsFor(uri: string): Promise<Diagnostic[]> {
  const cached = diagnostics.get(uri);
  if (cached) return cached;
  const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items?: Diagnostic[] };
  if (report.kind !== 'full' || !report.items) throw new Error(`unexpected report ${JSON.stringify(report)}; server said: ${stderr.join('').slice(-2000)}`);
  diagnostics.set(uri, report.items);
  return report.items;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credlint-editor-'));
  // The project has eslint, typescript-eslint and our plugin installed (linked from this workspace).
  mkdirSync(join(dir, 'node_modules/@credlint'), { recursive: true });
  for (const name of ['eslint', 'typescript-eslint', 'typescript']) {
    symlinkSync(dirname(require.resolve(`${name}/package.json`)), join(dir, 'node_modules', name), 'dir');
  }
  symlinkSync(pkgDir, join(dir, 'node_modules/@credlint/eslint-plugin'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'eslint.config.js'),
    "import tseslint from 'typescript-eslint';\nimport credlint from '@credlint/eslint-plugin';\n\nexport default [...tseslint.configs.recommended, ...credlint.configs.recommended];\n",
  );
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(join(dir, '.vscode/settings.json'), JSON.stringify({ 'eslint.validate': VALIDATE }, null, 2));
  for (const [name, f] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), f.text);
  }

  server = spawn(process.execPath, [serverBin, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  server.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => params.items.map((i) => settingsFor(i.scopeUri ?? '')));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('eslint/noLibrary', () => ({}));
  connection.onRequest('eslint/noConfig', () => ({}));
  connection.onRequest('eslint/probeFailed', () => ({}));
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    stderr.push(`${p.message}\n`);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ name: 'app', uri: pathToFileURL(dir).href }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: {
        publishDiagnostics: { relatedInformation: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll.eslint'] } } },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  for (const [name, f] of Object.entries(FILES)) {
    const uri = pathToFileURL(join(dir, name)).href;
    languageOf.set(uri, f.languageId);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: f.languageId, version: 1, text: f.text } });
  }
}, 60_000);

afterAll(async () => {
  try {
    await connection?.sendRequest('shutdown');
    await connection?.sendNotification('exit');
  } catch {
    // the server may already be gone
  }
  connection?.dispose();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;
const summary = (d: Diagnostic[]) => d.map((x) => ({ code: x.code, start: x.range.start, end: x.range.end }));
const at = (line: number, character: number) => ({ line, character });

describe('VS Code ESLint language server with the editor.md settings', () => {
  it('TypeScript: the key id, with its exact range', async () => {
    expect(summary(await diagnosticsFor(uriOf('lib/stack.ts')))).toEqual([{ code: 'credlint/no-hardcoded-credentials', start: at(1, 27), end: at(1, 47) }]);
  });

  it('TSX: the key id in a JSX attribute, with its exact range', async () => {
    expect(summary(await diagnosticsFor(uriOf('web/Login.tsx')))).toEqual([{ code: 'credlint/no-hardcoded-credentials', start: at(1, 71), end: at(1, 91) }]);
  });

  it('Python: static credentials and the key id', async () => {
    expect(summary(await diagnosticsFor(uriOf('app.py')))).toEqual([
      { code: 'credlint/no-hardcoded-credentials', start: at(2, 43), end: at(2, 63) },
    ]);
  });

  it('.env: format checks, not the presence of keys', async () => {
    expect(summary(await diagnosticsFor(uriOf('.env')))).toEqual([{ code: 'credlint/space-around-equals', start: at(1, 21), end: at(1, 24) }]);
  });

  it('cdk.json: the key id', async () => {
    expect(summary(await diagnosticsFor(uriOf('cdk.json')))).toEqual([{ code: 'credlint/no-hardcoded-credentials', start: at(2, 31), end: at(2, 51) }]);
  });

  it('messages are masked', async () => {
    for (const name of Object.keys(FILES)) {
      for (const d of await diagnosticsFor(uriOf(name))) {
        expect(d.message).not.toContain(KEY_ID);
        expect(d.message).not.toContain(SECRET);
      }
    }
  });

  it('offers our suggestions as code actions (TypeScript and Python)', async () => {
    const titles = async (name: string, code: string): Promise<string[]> => {
      const uri = uriOf(name);
      const diag = (await diagnosticsFor(uri)).find((d) => d.code === code)!;
      const actions = (await connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag], only: ['quickfix'] },
      })) as { title: string }[];
      return actions.map((a) => a.title);
    };
    expect(await titles('lib/stack.ts', 'credlint/no-hardcoded-credentials')).toContain(
      'Read it from the environment: process.env.AWS_ACCESS_KEY_ID (credlint/no-hardcoded-credentials)',
    );
    // one report for the key in the boto3 slot, with the slot's suggestions
    expect(await titles('app.py', 'credlint/no-hardcoded-credentials')).toEqual(
      expect.arrayContaining([
        'Read it from the environment: os.environ["AWS_ACCESS_KEY_ID"] (credlint/no-hardcoded-credentials)',
        "Remove the `aws_access_key_id` argument so boto3's default credential chain applies (credlint/no-hardcoded-credentials)",
      ]),
    );
  });

  it('offers dotenv\'s certain fix as a quick fix in .env', async () => {
    const uri = uriOf('.env');
    const diag = (await diagnosticsFor(uri)).find((d) => d.code === 'credlint/space-around-equals')!;
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    })) as { title: string }[];
    expect(actions.map((a) => a.title)).toContain('Fix this credlint/space-around-equals problem');
  });

  it('the documented settings file is the one this test uses', () => {
    const doc = readFileSync(resolve(pkgDir, '../../docs/guides/editor.md'), 'utf8');
    for (const id of VALIDATE) expect(doc).toContain(`"${id}"`);
  });
});
