import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { checks, CHECK_IDS, loadSchema, validate, validateVariables, type CheckId, type Dialect } from '../src/index.js';

const AKIA = fakeAccessKeyId({ prefix: 'AKIA', seed: 11 });
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', seed: 12 });
const SECRET = fakeSecretAccessKey(13);
const TOKEN = fakeSessionToken(14);

type Expect = 'error' | 'warning' | 'none';
interface Row {
  dialect: Dialect;
  text: string;
  expect: Expect;
  fixable?: boolean;
  filename?: string;
  /** for `schema`: the schema file's JSON */
  schema?: string;
}

const SCHEMA = JSON.stringify({
  version: '1.0.0',
  entries: {
    PORT: { type: 'Integer', required: true },
    RATIO: { type: 'Float' },
    DEBUG: { type: 'Boolean' },
    HOME_URL: { type: 'Url' },
    ADMIN: { type: 'Email' },
    AWS_REGION: { type: 'AwsRegion' },
    AWS_ACCESS_KEY_ID: { type: 'String', max_length: 0 },
    MODE: { type: 'String', enum: ['dev', 'prod'] },
    NAME: { type: 'String', regex: '^[a-z]+(-[a-z]+)*$' },
  },
});

/** For each check: lines that fail and lines that pass, per dialect. */
const SPEC: Record<Exclude<CheckId, 'env-file-not-ignored' | 'env-file-tracked' | 'example-drift'>, Row[]> = {
  'quoted-value': [
    { dialect: 'portable', text: 'K="v"\n', expect: 'error', fixable: true },
    { dialect: 'docker', text: "K='v'\n", expect: 'error', fixable: true },
    { dialect: 'docker', text: 'K="a b"\n', expect: 'error', fixable: true },
    { dialect: 'portable', text: 'K="a b"\n', expect: 'error', fixable: false }, // unquoting breaks bash
    { dialect: 'python', text: 'K=`v`\n', expect: 'error', fixable: false }, // what was meant is ambiguous
    { dialect: 'dotenv', text: 'K="v"\n', expect: 'none' },
    { dialect: 'compose', text: "K='a b'\n", expect: 'none' },
    { dialect: 'node', text: 'K="a\\"b"\n', expect: 'error', fixable: false },
    { dialect: 'portable', text: 'K=v\n', expect: 'none' },
    { dialect: 'compose', text: 'DB_PASSWORD="pa$word"\n', expect: 'error', fixable: false }, // Compose expands $word
    { dialect: 'compose', text: "DB_PASSWORD='pa$word'\n", expect: 'none' },
  ],
  'space-around-equals': [
    { dialect: 'portable', text: 'K = v\n', expect: 'error', fixable: true },
    { dialect: 'bash', text: 'K= v\n', expect: 'error', fixable: true },
    { dialect: 'docker', text: 'K =v\n', expect: 'error', fixable: true },
    { dialect: 'dotenv', text: 'K = v\n', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'K=v\n', expect: 'none' },
  ],
  'trailing-whitespace': [
    { dialect: 'docker', text: 'K=v  \n', expect: 'error', fixable: true },
    { dialect: 'portable', text: 'K=v\t\n', expect: 'error', fixable: true },
    { dialect: 'dotenv', text: 'K=v  \n', expect: 'warning', fixable: true },
    { dialect: 'portable', text: '# note  \n', expect: 'warning', fixable: true },
    { dialect: 'bash', text: 'K=v\r\nL=w\r\n', expect: 'error', fixable: false }, // CRLF: bash keeps the CR
    { dialect: 'dotenv', text: 'K=v\r\n', expect: 'none' },
    { dialect: 'portable', text: 'K="a \n b"\n', expect: 'none' }, // blanks inside a multi-line value are value
    { dialect: 'portable', text: 'K=v\n', expect: 'none' },
  ],
  'inline-comment': [
    { dialect: 'docker', text: 'K=v # note\n', expect: 'error' },
    { dialect: 'compose', text: 'K=v\t# note\n', expect: 'error' },
    { dialect: 'dotenv', text: 'K=v # note\n', expect: 'none' },
    { dialect: 'portable', text: '# note\nK=v\n', expect: 'none' },
  ],
  'unquoted-hash': [
    { dialect: 'portable', text: 'K=abc#def\n', expect: 'error' },
    { dialect: 'dotenv', text: 'K=abc#def\n', expect: 'error' },
    { dialect: 'node', text: 'K=abc#def\n', expect: 'error' },
    { dialect: 'python', text: 'K=abc#def\n', expect: 'none' },
    { dialect: 'dotenv', text: 'K="abc#def"\n', expect: 'none' },
  ],
  'export-prefix': [
    { dialect: 'docker', text: 'export K=v\n', expect: 'error', fixable: true },
    { dialect: 'portable', text: 'export K=v\n', expect: 'error', fixable: false },
    { dialect: 'bash', text: 'export K=v\n', expect: 'none' },
    { dialect: 'dotenv', text: 'export K=v\n', expect: 'none' },
  ],
  'unterminated-quote': [
    { dialect: 'portable', text: 'K="v\nL=1\n', expect: 'error' },
    { dialect: 'dotenv', text: "K='v\n", expect: 'error' },
    { dialect: 'docker', text: 'K="a\nb"\n', expect: 'error' }, // multi-line: docker splits it
    { dialect: 'dotenv', text: 'K="a\nb"\n', expect: 'none' },
  ],
  'unquoted-value': [
    { dialect: 'bash', text: 'K=a b\n', expect: 'error', fixable: true }, // bash runs `b`
    { dialect: 'portable', text: 'K=a b\n', expect: 'error', fixable: false },
    { dialect: 'portable', text: 'K=pa$word\n', expect: 'warning', fixable: false },
    { dialect: 'dotenv', text: 'K=pa$word\n', expect: 'none' },
    { dialect: 'portable', text: 'K=abc\n', expect: 'none' },
  ],
  'duplicate-key': [
    { dialect: 'portable', text: 'K=1\nK=2\n', expect: 'warning' },
    { dialect: 'bash', text: 'P=a\nP=$P:b\n', expect: 'none' },
    { dialect: 'portable', text: 'K=1\nL=2\n', expect: 'none' },
  ],
  'invalid-key': [
    { dialect: 'bash', text: 'DB-NAME=x\n', expect: 'error' },
    { dialect: 'portable', text: '1ABC=x\n', expect: 'error' },
    { dialect: 'node', text: 'DB-NAME=x\n', expect: 'warning' },
    { dialect: 'portable', text: 'NOT AN ASSIGNMENT\n', expect: 'error' },
    { dialect: 'portable', text: '\ufeffK=v\n', expect: 'error' },
    { dialect: 'portable', text: 'K: v\n', expect: 'error' }, // YAML-like: only dotenv and Compose read it
    { dialect: 'dotenv', text: 'K: v\n', expect: 'warning' },
    { dialect: 'portable', text: 'DB_NAME=x\n', expect: 'none' },
  ],
  'session-token-required': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${ASIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${ASIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${ASIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}\n`, expect: 'none' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none' },
  ],
  'unexpected-session-token': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${ASIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}\n`, expect: 'none' },
  ],
  'conflicting-credential-sources': [
    { dialect: 'portable', text: `AWS_PROFILE=dev\nAWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'warning' },
    { dialect: 'portable', text: 'AWS_PROFILE=dev\nAWS_REGION=eu-west-1\n', expect: 'none' },
  ],
  'incomplete-key-pair': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_SESSION_TOKEN=${TOKEN}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none' },
  ],
  'missing-region': [
    { dialect: 'portable', text: 'AWS_PROFILE=dev\nAWS_DEFAULT_REGION=eu-west-1\n', expect: 'warning' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'warning' },
    { dialect: 'portable', text: 'AWS_PROFILE=dev\nAWS_REGION=eu-west-1\n', expect: 'none' },
    { dialect: 'portable', text: 'APP_PORT=8080\n', expect: 'none' },
  ],
  'invalid-region': [
    { dialect: 'portable', text: 'AWS_REGION=us-east-1x\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_REGION=US-EAST-1\n', expect: 'error' },
    { dialect: 'docker', text: 'AWS_REGION=us-east-1 \n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_REGION=eu-north-9\n', expect: 'warning' }, // region-shaped, not (yet) known
    { dialect: 'portable', text: 'AWS_REGION=eu-central-1\nAWS_DEFAULT_REGION=cn-north-1\n', expect: 'none' },
  ],
  'malformed-access-key-id': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA.slice(0, 19)}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA.toLowerCase()}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=AROA${AKIA.slice(4)}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' },
    { dialect: 'docker', text: `AWS_ACCESS_KEY_ID="${AKIA}"\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error' }, // docker keeps the quotes
    { dialect: 'dotenv', text: `AWS_ACCESS_KEY_ID="${AKIA}"\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none' },
  ],
  'malformed-secret-access-key': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET.slice(0, 39)}\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET.slice(0, 38)}-_\n`, expect: 'error' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none' },
  ],
  'placeholder-credential': [
    { dialect: 'portable', text: 'AWS_ACCESS_KEY_ID=your-access-key-id\nAWS_SECRET_ACCESS_KEY=<secret>\n', expect: 'warning' },
    { dialect: 'portable', text: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=changeme\n', expect: 'warning' },
    { dialect: 'portable', text: 'AWS_ACCESS_KEY_ID=your-access-key-id\n', expect: 'none', filename: '.env.example' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none' },
  ],
  'invalid-typed-value': [
    { dialect: 'portable', text: 'AWS_MAX_ATTEMPTS=three\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_MAX_ATTEMPTS=3,4\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_USE_FIPS_ENDPOINT=yes\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_USE_FIPS_ENDPOINT=TRUE\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_RETRY_MODE=fast\n', expect: 'error' },
    { dialect: 'portable', text: 'AWS_MAX_ATTEMPTS=3\nAWS_RETRY_MODE=adaptive\nAWS_USE_FIPS_ENDPOINT=false\nAWS_SDK_LOAD_CONFIG=1\n', expect: 'none' },
  ],
  // opt-in style checks (dotenv-linter's), run with the check turned on
  'unordered-key': [
    { dialect: 'portable', text: 'B=1\nA=2\n', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'b=1\nB=2\n', expect: 'warning', fixable: true }, // code-unit order: upper case first
    { dialect: 'portable', text: 'B=1\nA=$B\n', expect: 'none' }, // a reference to the group starts a new one
    { dialect: 'portable', text: 'B=1\nC=$X\nA=2\n', expect: 'warning', fixable: false }, // moving a `$` value is not certain
    { dialect: 'portable', text: 'B=1\nA=2\nB=3\n', expect: 'warning', fixable: false }, // duplicates: order decides
    { dialect: 'portable', text: 'B=1\n\nA=2\n', expect: 'none' }, // blank line: two groups
    { dialect: 'portable', text: 'A=1\n# c\nB=2\n', expect: 'none' },
  ],
  'lowercase-key': [
    { dialect: 'portable', text: 'foo_bar=1\n', expect: 'warning', fixable: false },
    { dialect: 'portable', text: 'FOo_BAR=1\n', expect: 'warning', fixable: false },
    { dialect: 'portable', text: 'FOO_BAR=1\n', expect: 'none' },
  ],
  'extra-blank-line': [
    { dialect: 'portable', text: 'A=1\n\n\nB=2\n', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'A=1\n\n  \nB=2\n', expect: 'warning', fixable: true },
    { dialect: 'bash', text: 'A=1 \\\n\n\nB=2\n', expect: 'warning', fixable: false }, // bash joins the `\` line with the next
    { dialect: 'portable', text: 'A="x\n\n\ny"\n', expect: 'none' }, // inside a value
    { dialect: 'portable', text: 'A=1\n\nB=2\n', expect: 'none' },
  ],
  'ending-blank-line': [
    { dialect: 'portable', text: 'A=1', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'A=1\r\nB=2', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'A="x', expect: 'warning', fixable: false }, // the open quote would take the line break in
    { dialect: 'portable', text: 'A=1\n', expect: 'none' },
    { dialect: 'portable', text: '', expect: 'none' },
  ],
  'key-without-value': [
    { dialect: 'portable', text: 'FOO\n', expect: 'warning', fixable: true },
    { dialect: 'bash', text: 'export FOO\n', expect: 'warning', fixable: true },
    { dialect: 'portable', text: 'FOO\nBAR=${FOO}\n', expect: 'warning', fixable: false }, // a reader of FOO would change
    { dialect: 'portable', text: 'FOO=1\nFOO\n', expect: 'warning', fixable: false },
    { dialect: 'portable', text: 'FOO BAR\n', expect: 'warning', fixable: false }, // as dotenv-linter: any line without `=`
    { dialect: 'portable', text: 'FOO # note\n', expect: 'warning', fixable: false },
    { dialect: 'portable', text: 'K: v\n', expect: 'warning', fixable: false },
    { dialect: 'portable', text: '# FOO\n', expect: 'none' },
    { dialect: 'portable', text: 'FOO=\n', expect: 'none' },
  ],
  'substitution-key': [
    { dialect: 'portable', text: 'ABC=${BAR\n', expect: 'warning' },
    { dialect: 'portable', text: 'FOO=${BAR!}\n', expect: 'warning' },
    { dialect: 'portable', text: 'XYZ=${FOO${BAR}\n', expect: 'warning' },
    { dialect: 'portable', text: 'ABC=${BAR$XYZ}\n', expect: 'warning' },
    { dialect: 'portable', text: 'ABC=$BAR}\n', expect: 'warning' },
    { dialect: 'portable', text: 'ABC="${BAR"\n', expect: 'warning' },
    { dialect: 'portable', text: "ABC='${BAR'\n", expect: 'none' }, // single quotes: literal
    { dialect: 'portable', text: 'ABC=${ABC-$BAR}\nD=${X:-${Y}}\nE=$F\nG=\\${H\n', expect: 'none' },
  ],
  schema: [
    { dialect: 'portable', text: 'PORT=80a\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=99999999999\n', expect: 'error', schema: SCHEMA }, // beyond i32
    { dialect: 'portable', text: 'PORT=1\nRATIO=x\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nDEBUG=on\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nHOME_URL=example.com\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nADMIN=a@@b\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nAWS_REGION=eu-west-x\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: `PORT=1\nAWS_ACCESS_KEY_ID=${AKIA}\n`, expect: 'error', schema: SCHEMA, filename: '.env.example' },
    { dialect: 'portable', text: 'PORT=1\nMODE=test\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nNAME=a--b\n', expect: 'error', schema: SCHEMA },
    { dialect: 'portable', text: 'PORT=1\nOTHER=1\n', expect: 'error', schema: SCHEMA }, // not in the schema
    { dialect: 'portable', text: 'RATIO=1.5\n', expect: 'error', schema: SCHEMA }, // PORT is required
    {
      dialect: 'portable',
      text: 'PORT=-8\nRATIO=1e3\nDEBUG=YES\nHOME_URL=https://example.com/x\nADMIN=ops@example.com\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=\nMODE=prod\nNAME=my-app\n',
      expect: 'none',
      schema: SCHEMA,
    },
    { dialect: 'portable', text: 'PORT=x\n', expect: 'none' }, // no schema given: the check does not run
  ],
  'credential-in-example': [
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'error', filename: '.env.example' },
    { dialect: 'portable', text: 'AWS_ACCESS_KEY_ID=<your-access-key-id>\n', expect: 'none', filename: '.env.example' },
    { dialect: 'portable', text: `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`, expect: 'none', filename: '.env' },
  ],
};

describe.each(Object.entries(SPEC))('%s', (id, rows) => {
  it.each(rows)('$dialect: $text → $expect', (row) => {
    const optIn = checks[id as CheckId].optIn && id !== 'schema';
    const diags = validate(row.text, {
      dialect: row.dialect,
      ...(row.filename ? { filename: row.filename } : {}),
      ...(optIn ? { checks: { [id]: true } } : {}),
      ...(row.schema ? { schema: loadSchema(row.schema) } : {}),
    }).filter((d) => d.checkId === id);
    if (row.expect === 'none') {
      expect(diags).toEqual([]);
      return;
    }
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]?.severity).toBe(row.expect);
    if (row.fixable !== undefined) expect(diags[0]?.fixable).toBe(row.fixable);
    for (const d of diags) {
      // masked: no whole credential in a message
      for (const secret of [AKIA, ASIA, SECRET, TOKEN]) expect(d.message).not.toContain(secret);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.start).toBeLessThanOrEqual(d.end);
    }
  });
});

describe('opt-in checks', () => {
  const STYLE = ['unordered-key', 'lowercase-key', 'extra-blank-line', 'ending-blank-line', 'key-without-value', 'substitution-key', 'schema'];
  it('are off by default and flagged optIn', () => {
    const text = 'b=1\nA=2\n\n\nFOO\nX=${Y';
    expect(validate(text).filter((d) => STYLE.includes(d.checkId))).toEqual([]);
    for (const id of CHECK_IDS) expect(checks[id].optIn).toBe(STYLE.includes(id));
    const on = validate(text, { checks: Object.fromEntries(STYLE.map((id) => [id, true])) }).map((d) => d.checkId);
    for (const id of STYLE.filter((s) => s !== 'schema')) expect(on).toContain(id);
  });
  it('`off` keeps an opt-in check off, `error` turns it on with that severity', () => {
    expect(validate('B=1\nA=2\n', { checks: { 'unordered-key': 'off' } })).toEqual([]);
    expect(validate('B=1\nA=2\n', { checks: { 'unordered-key': 'error' } }).map((d) => d.severity)).toEqual(['error']);
    expect(validate('PORT=x\n', { schema: loadSchema(SCHEMA), checks: { schema: 'off' } })).toEqual([]);
  });
});

describe('settings', () => {
  it('off drops a check, warning/error override the severity', () => {
    expect(validate('K = v\n', { checks: { 'space-around-equals': 'off' } }).some((d) => d.checkId === 'space-around-equals')).toBe(false);
    expect(validate('K = v\n', { checks: { 'space-around-equals': 'warning' } }).find((d) => d.checkId === 'space-around-equals')?.severity).toBe('warning');
  });
  it('typedKeys adds user settings', () => {
    const d = validate('APP_PORT=eighty\n', { typedKeys: { APP_PORT: 'number' } });
    expect(d.map((x) => x.checkId)).toEqual(['invalid-typed-value']);
  });
});

describe('metadata', () => {
  it('every check id has metadata and a docs page URL', () => {
    expect(CHECK_IDS).toHaveLength(31);
    // the SPEC table above covers every check but the three that need a repository (repository tests)
    expect(Object.keys(SPEC).sort()).toEqual(CHECK_IDS.filter((id) => !['env-file-not-ignored', 'env-file-tracked', 'example-drift'].includes(id)).sort());
    for (const id of CHECK_IDS) expect(checks[id].docsUrl).toMatch(new RegExp(`/docs/checks/${id}\\.md$`));
  });
});

describe('validateVariables (doctor)', () => {
  it('runs the AWS checks over plain variables', () => {
    const d = validateVariables([
      { key: 'AWS_ACCESS_KEY_ID', value: ASIA },
      { key: 'AWS_SECRET_ACCESS_KEY', value: SECRET },
      { key: 'AWS_PROFILE', value: 'dev' },
      { key: 'AWS_DEFAULT_REGION', value: 'eu-west-1' },
    ]);
    expect(d.map((x) => x.checkId).sort()).toEqual(['conflicting-credential-sources', 'missing-region', 'session-token-required']);
    const conflict = d.find((x) => x.checkId === 'conflicting-credential-sources');
    expect(conflict?.message).toMatch(/AWS CLI and most SDKs .* use the environment keys/);
    expect(conflict?.message).toMatch(/JavaScript v3 uses the profile/);
    expect(d.find((x) => x.checkId === 'missing-region')?.message).toMatch(/reads AWS_REGION/);
    for (const x of d) expect(x.message).not.toContain(ASIA);
  });
});

describe('docs', () => {
  it('every check has its page in docs/checks/', async () => {
    const { existsSync } = await import('node:fs');
    for (const id of CHECK_IDS) expect(existsSync(new URL(`../../../docs/checks/${id}.md`, import.meta.url)), id).toBe(true);
  });
});
