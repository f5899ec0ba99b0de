// The published surface, imported by package name from the build (Node resolves a package's own
// name through its `exports`), as @eslint/json's tests/package/exports.test.js does: adding or dropping
// a runtime export or an entry point is a deliberate change that updates this list.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('@credlint/dotenv exports', () => {
  it('entry points', () => {
    const pkg = createRequire(import.meta.url)('@credlint/dotenv/package.json') as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './files', './ids', './write', './internals', './package.json']);
  });

  it('@credlint/dotenv', async () => {
    expect(Object.keys(await import('@credlint/dotenv')).sort()).toEqual([
      'CHECK_IDS',
      'CHECK_ID_LIST',
      'CHECK_SEVERITY',
      'DIALECTS',
      'DialectInferrer',
      'READERS',
      'READER_NAMES',
      'STYLE_CHECKS',
      'SchemaError',
      'annotate',
      'awsSharedKind',
      'checks',
      'compareKeys',
      'entries',
      'exampleFor',
      'fix',
      'gitStateStamp',
      'inferDialect',
      'isEnvExampleFile',
      'isEnvFile',
      'loadSchema',
      'parse',
      'parseAwsShared',
      'print',
      'profileName',
      'projectNodeLine',
      'repositoriesSeen',
      'repositoryFacts',
      'severityOf',
      'validate',
      'validateAwsShared',
      'validateAwsSharedFiles',
      'validateFile',
      'validateVariables',
    ]);
  });

  it('@credlint/dotenv/files', async () => {
    expect(Object.keys(await import('@credlint/dotenv/files')).sort()).toEqual([
      'awsSharedKind',
      'isEnvExampleFile',
      'isEnvFile',
    ]);
  });

  it('@credlint/dotenv/write', async () => {
    expect(Object.keys(await import('@credlint/dotenv/write')).sort()).toEqual([
      'WriteRefusedError',
      'hashBytes',
      'snapshotOf',
      'writeFileAtomicSync',
      'writeTarget',
    ]);
  });

  it('@credlint/dotenv/internals', async () => {
    expect(Object.keys(await import('@credlint/dotenv/internals')).sort()).toEqual([
      'AWS_TYPED_KEYS',
      'DOCS_BASE_URL',
      'INFER_LIMITS',
      'MAX_FILE_BYTES',
      'NODE_LINES',
      'OPT_IN',
      'PARTITIONS_SOURCE',
      'RegexSyntaxError',
      'applyEdits',
      'compileLinear',
      'decodeText',
      'defaultSeverity',
      'describeInference',
      'exampleTarget',
      'fixesFor',
      'gitProcesses',
      'gitStateOf',
      'judgeRegion',
      'nodeFacts',
      'nodeLineFor',
      'nodeLineOf',
      'nodeLineOfEngines',
      'nodeModelOf',
      'nodeReaderName',
      'readersOf',
      'runningNodeLine',
      'typeOf',
      'unifiedDiff',
      'writeAtomic',
    ]);
  });
});
