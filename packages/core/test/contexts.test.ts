import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { fill, ID, ASIA_ID, SECRET, TOKEN } from './helpers.js';

/**
 * True positives in every file type the front ends scan. Each template holds a key id,
 * a secret and (where the format has one) a session token; every one must be found with
 * its exact offsets.
 */
const FILES: [string, string, string][] = [
  ['TypeScript', 'src/aws.ts', "import { S3Client } from '@aws-sdk/client-s3';\nconst client = new S3Client({\n  credentials: { accessKeyId: '{ID}', secretAccessKey: '{SECRET}', sessionToken: '{TOKEN}' },\n});\n"],
  ['JavaScript (SDK v2)', 'index.js', "AWS.config.credentials = new AWS.Credentials('{ID}', '{SECRET}');\n"],
  ['JavaScript (minified)', 'dist/app.min.js', '!function(){var e={accessKeyId:"{ID}",secretAccessKey:"{SECRET}"};window.c=e}();'],
  ['Python', 'app.py', 'import boto3\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="{ID}",\n    aws_secret_access_key="{SECRET}",\n    aws_session_token="{TOKEN}",\n)\n'],
  ['JSON (sts assume-role output)', 'creds.json', '{\n  "Credentials": {\n    "AccessKeyId": "{ASIA}",\n    "SecretAccessKey": "{SECRET}",\n    "SessionToken": "{TOKEN}",\n    "Expiration": "2024-01-01T00:00:00Z"\n  }\n}\n'],
  ['JSON, one line with escaped newlines (a log record)', 'log.json', '{"msg":"env dump:\\nAWS_ACCESS_KEY_ID={ID}\\nAWS_SECRET_ACCESS_KEY={SECRET}\\n"}'],
  ['YAML (GitHub Actions, leaked literally)', '.github/workflows/ci.yml', 'env:\n  AWS_ACCESS_KEY_ID: {ID}\n  AWS_SECRET_ACCESS_KEY: "{SECRET}"\n  AWS_SESSION_TOKEN: {TOKEN}\n'],
  ['TOML', 'config.toml', '[aws]\naccess_key_id = "{ID}"\nsecret_access_key = "{SECRET}"\nsession_token = "{TOKEN}"\n'],
  ['INI (~/.aws/credentials)', '.aws/credentials', '[default]\naws_access_key_id = {ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n'],
  ['shell', 'deploy.sh', '#!/bin/sh\nexport AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY="{SECRET}"\nexport AWS_SESSION_TOKEN=\'{TOKEN}\'\naws s3 ls\n'],
  ['.env', '.env', 'AWS_ACCESS_KEY_ID={ID}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SESSION_TOKEN={TOKEN}\n'],
  ['Dockerfile', 'Dockerfile', 'FROM node:20\nENV AWS_ACCESS_KEY_ID {ID}\nENV AWS_SECRET_ACCESS_KEY {SECRET}\nARG AWS_SESSION_TOKEN={TOKEN}\n'],
  ['Terraform', 'main.tf', 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "{ID}"\n  secret_key = "{SECRET}"\n  token      = "{TOKEN}"\n}\n'],
  ['Markdown code block', 'README.md', '# Setup\n\n```ini\n[default]\naws_access_key_id = {ID}\naws_secret_access_key = {SECRET}\n```\n'],
  ['Jupyter notebook', 'explore.ipynb', '{"cells":[{"cell_type":"code","source":["import boto3\\n","aws_access_key_id = \\"{ID}\\"\\n","aws_secret_access_key = \\"{SECRET}\\"\\n"]}]}'],
  ['XML (Java properties / Jenkins)', 'credentials.xml', '<credentials>\n  <accessKey>{ID}</accessKey>\n  <secretKey>{SECRET}</secretKey>\n</credentials>\n'],
  ['Java properties', 'app.properties', 'aws.accessKeyId={ID}\naws.secretKey={SECRET}\n'],
  ['Go', 'main.go', 'creds := credentials.NewStaticCredentials("{ID}", "{SECRET}", "")\n'],
  ['C#', 'Program.cs', 'var creds = new BasicAWSCredentials("{ID}", "{SECRET}");\n'],
  ['PHP', 'config.php', "<?php return ['credentials' => ['key' => '{ID}', 'secret' => '{SECRET}']];\n"],
  ['Ruby', 'config.rb', "Aws.config.update(credentials: Aws::Credentials.new('{ID}', '{SECRET}'))\n"],
  ['CSV (IAM console download)', 'ci_accessKeys.csv', 'Access key ID,Secret access key\n{ID},{SECRET}\n'],
  ['presigned URL in HTML', 'page.html', '<a href="https://b.s3.amazonaws.com/f?X-Amz-Credential={ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&amp;X-Amz-Date=20240101T000000Z">f</a>'],
];

describe('true positives in every file type', () => {
  it.each(FILES)('%s (%s)', (_name, filename, template) => {
    const text = fill(template);
    const r = analyze(text, { filename });
    const got = r.findings.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);
    const want: string[] = [];
    for (const [marker, kind, value] of [
      ['{ID}', 'access-key-id', ID],
      ['{ASIA}', 'access-key-id', ASIA_ID],
      ['{SECRET}', 'secret-access-key', SECRET],
      ['{TOKEN}', 'session-token', TOKEN],
    ] as const) {
      if (template.includes(marker)) want.push(`${kind}:${value}`);
    }
    expect(got.sort()).toEqual(want.sort());
  });
});

describe('account ids (opt-in kind)', () => {
  const kinds = ['account-id'] as const;
  it.each([
    ['aws_account_id = "583122974406"', '583122974406'],
    ['AWS_ACCOUNT_ID=5831-2297-4406', '5831-2297-4406'],
    ['"AwsAccountId": 583122974406', '583122974406'],
  ])('%s', (text, value) => {
    const r = analyze(text, { kinds: [...kinds] });
    expect(r.findings.map((f) => text.slice(f.start, f.end))).toEqual([value]);
    expect(r.findings[0]?.accountId).toBe('583122974406');
    expect(r.findings[0]?.masked).toBe('5831…4406');
  });
  it.each(['account_id = 583122974406', 'aws_account_id = 123456789012', 'aws_account_id = 58312297440', 'aws_account_id = 5831229744061'])('not: %s', (text) => {
    expect(analyze(text, { kinds: [...kinds] }).findings).toEqual([]);
  });
  it('is off by default', () => {
    expect(analyze('aws_account_id = "583122974406"').findings).toEqual([]);
  });
});

describe('host context (ESLint/secretlint front ends pass what their syntax tree knows)', () => {
  it('keyName: the scanned text is the value of that property', () => {
    expect(analyze(SECRET, { context: { keyName: 'secretAccessKey' } }).findings.map((f) => [f.kind, f.start, f.end, f.keyName])).toEqual([
      ['secret-access-key', 0, 40, 'secretAccessKey'],
    ]);
    expect(analyze(`"${SECRET}"`, { context: { keyName: 'aws_secret_access_key' } }).findings.map((f) => [f.start, f.end])).toEqual([[1, 41]]);
    expect(analyze(TOKEN, { context: { keyName: 'sessionToken' } }).findings.map((f) => f.kind)).toEqual(['session-token']);
  });
  it('a weak keyName needs awsContext from the host', () => {
    expect(analyze(SECRET, { context: { keyName: 'secret_key' } }).findings).toEqual([]);
    expect(analyze(SECRET, { context: { keyName: 'secret_key', awsContext: true } }).findings).toHaveLength(1);
  });
  it('kinds limits what is reported', () => {
    const text = `${ID}\n${SECRET}`;
    expect(analyze(text, { kinds: ['secret-access-key'] }).findings.map((f) => f.kind)).toEqual(['secret-access-key']);
    expect(analyze(text, { kinds: ['access-key-id'] }).findings.map((f) => f.kind)).toEqual(['access-key-id']);
  });
});
