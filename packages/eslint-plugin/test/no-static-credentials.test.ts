import type { ESLint, Rule } from 'eslint';
import type { Language } from '@eslint/core';
import { describe } from 'vitest';
import { PythonLanguage } from '../src/languages/python/language.js';
import rule from '../src/rules/no-static-credentials.js';
import { RuleTester, TSRuleTester } from './helpers/rule-tester.js';

const credlint = { meta: { name: 'credlint-test', namespace: 'credlint' }, rules: { 'no-static-credentials': rule as unknown as Rule.RuleModule }, languages: { python: new PythonLanguage() as unknown as Language } } satisfies ESLint.Plugin;

describe('JS/TS', () => {
  new TSRuleTester().run('no-static-credentials', rule, {
    valid: [
      'const s3 = new S3Client({ region: "eu-west-1" });',
      'const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });',
      'const s3 = new S3Client({ credentials: fromIni({ profile: "dev" }) });',
      'const c = { accessKeyId: getKey(), secretAccessKey: await secrets.get("k") };',
      // empty strings are no credential
      "const c = { accessKeyId: '', secretAccessKey: '' };",
      // a weak name alone (no AWS slot beside it) is not an SDK credentials object
      "const form = { secret: 'x', sessionToken: 'y' };",
      'process.env.AWS_REGION = "eu-west-1";',
      'process.env.AWS_SECRET_ACCESS_KEY = loadSecret();',
      "const accessKeyIdLabel = 'Access key id';",
      // (values core calls credentials are no-hardcoded-credentials' reports when that rule is on:
      // one-report-per-literal.test.ts runs both rules; here this rule runs alone and reports them)
    ],
    invalid: [
      {
        // placeholders and split values are reported: static credentials in code are the mistake
        code: "const s3 = new S3Client({ region: 'x', credentials: { accessKeyId: 'AKIA' + 'PLACEHOLDER', secretAccessKey: 'changeme' } });",
        errors: [
          {
            messageId: 'static',
            data: { slot: 'accessKeyId' },
            column: 68,
            suggestions: [
              { messageId: 'useEnv', data: { replacement: 'process.env.AWS_ACCESS_KEY_ID' }, output: "const s3 = new S3Client({ region: 'x', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: 'changeme' } });" },
              { messageId: 'dropCredentials', output: "const s3 = new S3Client({ region: 'x' });" },
            ],
          },
          {
            messageId: 'static',
            data: { slot: 'secretAccessKey' },
            suggestions: [
              { messageId: 'useEnv', data: { replacement: 'process.env.AWS_SECRET_ACCESS_KEY' }, output: "const s3 = new S3Client({ region: 'x', credentials: { accessKeyId: 'AKIA' + 'PLACEHOLDER', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });" },
              { messageId: 'dropCredentials', output: "const s3 = new S3Client({ region: 'x' });" },
            ],
          },
        ],
      },
      {
        code: `const client = new DynamoDBClient({\n  credentials: {\n    accessKeyId: ['A', 'K'].join(''),\n    secretAccessKey: Buffer.from('c2VjcmV0', 'base64').toString(),\n  },\n  region: 'eu-west-1',\n});`,
        errors: [
          {
            messageId: 'static',
            line: 3,
            suggestions: [
              { messageId: 'useEnv', output: `const client = new DynamoDBClient({\n  credentials: {\n    accessKeyId: process.env.AWS_ACCESS_KEY_ID,\n    secretAccessKey: Buffer.from('c2VjcmV0', 'base64').toString(),\n  },\n  region: 'eu-west-1',\n});` },
              { messageId: 'dropCredentials', output: `const client = new DynamoDBClient({\n  region: 'eu-west-1',\n});` },
            ],
          },
          {
            messageId: 'static',
            line: 4,
            suggestions: [
              { messageId: 'useEnv', output: `const client = new DynamoDBClient({\n  credentials: {\n    accessKeyId: ['A', 'K'].join(''),\n    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,\n  },\n  region: 'eu-west-1',\n});` },
              { messageId: 'dropCredentials', output: `const client = new DynamoDBClient({\n  region: 'eu-west-1',\n});` },
            ],
          },
        ],
      },
      {
        code: `AWS.config.update({ accessKeyId: 'AKIA' + 'X', region: 'us-east-1' });`,
        errors: [{ messageId: 'static', suggestions: [{ messageId: 'useEnv', output: "AWS.config.update({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, region: 'us-east-1' });" }] }],
      },
      {
        code: 'const creds = new AWS.Credentials(\'id\', `changeme`);',
        errors: [
          { messageId: 'static', data: { slot: 'AWS_ACCESS_KEY_ID' }, suggestions: [{ messageId: 'useEnv', output: 'const creds = new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, `changeme`);' }] },
          { messageId: 'static', data: { slot: 'AWS_SECRET_ACCESS_KEY' }, suggestions: [{ messageId: 'useEnv', output: "const creds = new AWS.Credentials('id', process.env.AWS_SECRET_ACCESS_KEY);" }] },
        ],
      },
      {
        code: "process.env.AWS_SECRET_ACCESS_KEY = 'not-even-a-key';\nprocess.env['AWS_ACCESS_KEY_ID'] = 'x';",
        errors: [
          { messageId: 'static', line: 1, data: { slot: 'process.env.AWS_SECRET_ACCESS_KEY' }, suggestions: [] },
          { messageId: 'static', line: 2, data: { slot: 'process.env.AWS_ACCESS_KEY_ID' }, suggestions: [] },
        ],
      },
      {
        code: "const AWS_SECRET_ACCESS_KEY = 'abc' as string;",
        errors: [{ messageId: 'static', suggestions: [{ messageId: 'useEnv', output: 'const AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY;' }] }],
      },
    ],
  });
});

describe('Python', () => {
  new RuleTester({ plugins: { credlint }, language: 'credlint/python' }).run('no-static-credentials', rule as never, {
    valid: [
      { code: 'import boto3\ns3 = boto3.client("s3")\n', filename: 'a.py' },
      { code: 's3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"])\n', filename: 'a.py' },
      { code: 's3 = boto3.client("s3", aws_access_key_id=key)\n', filename: 'a.py' },
      { code: 's3 = boto3.client("s3", aws_access_key_id=f"{prefix}X")\n', filename: 'a.py' },
      { code: 'session = boto3.Session(profile_name="dev")\n', filename: 'a.py' },
      { code: 'os.environ["AWS_REGION"] = "eu-west-1"\n', filename: 'a.py' },
      { code: 'aws_access_key_id = ""\n', filename: 'a.py' },
      { code: 's3 = boto3.client("s3", aws_access_key_id="x")  # eslint-disable-line rule-to-test/no-static-credentials\n', filename: 'a.py' },
    ],
    invalid: [
      {
        filename: 'a.py',
        code: 'import os\nimport boto3\n\ns3 = boto3.client("s3", aws_access_key_id="AKIA" "PLACEHOLDER", aws_secret_access_key="changeme")\n',
        errors: [
          {
            messageId: 'static',
            line: 4,
            column: 43,
            endColumn: 63,
            suggestions: [
              { messageId: 'useEnv', output: 'import os\nimport boto3\n\ns3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key="changeme")\n' },
              { messageId: 'dropArgument', output: 'import os\nimport boto3\n\ns3 = boto3.client("s3", aws_secret_access_key="changeme")\n' },
            ],
          },
          {
            messageId: 'static',
            line: 4,
            suggestions: [
              { messageId: 'useEnv', output: 'import os\nimport boto3\n\ns3 = boto3.client("s3", aws_access_key_id="AKIA" "PLACEHOLDER", aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])\n' },
              { messageId: 'dropArgument', output: 'import os\nimport boto3\n\ns3 = boto3.client("s3", aws_access_key_id="AKIA" "PLACEHOLDER")\n' },
            ],
          },
        ],
      },
      {
        filename: 'a.py',
        code: 'session = boto3.Session(\n    aws_secret_access_key="x" + "y",\n)\n',
        errors: [
          {
            messageId: 'static',
            line: 2,
            suggestions: [
              { messageId: 'useEnv', output: 'import os\nsession = boto3.Session(\n    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],\n)\n' },
              { messageId: 'dropArgument', output: 'session = boto3.Session(\n    \n)\n' },
            ],
          },
        ],
      },
      {
        filename: 'a.py',
        code: 'import os\nos.environ["AWS_SECRET_ACCESS_KEY"] = "x" "y"\n',
        errors: [{ messageId: 'static', line: 2, column: 39, suggestions: [] }],
      },
      {
        filename: 'settings.py',
        code: `AWS_ACCESS_KEY_ID = 'placeholder'\nCREDS = {"aws_secret_access_key": "x"}\nboto3.Session(load_key_id_from_env(), 'y')\n`,
        errors: [
          { messageId: 'static', line: 1, suggestions: [{ messageId: 'useEnv', output: `import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\nCREDS = {"aws_secret_access_key": "x"}\nboto3.Session(load_key_id_from_env(), 'y')\n` }] },
          { messageId: 'static', line: 2, suggestions: [{ messageId: 'useEnv', output: `import os\nAWS_ACCESS_KEY_ID = 'placeholder'\nCREDS = {"aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"]}\nboto3.Session(load_key_id_from_env(), 'y')\n` }] },
          { messageId: 'static', line: 3, column: 39, suggestions: [{ messageId: 'useEnv', output: `import os\nAWS_ACCESS_KEY_ID = 'placeholder'\nCREDS = {"aws_secret_access_key": "x"}\nboto3.Session(load_key_id_from_env(), os.environ["AWS_SECRET_ACCESS_KEY"])\n` }] },
        ],
      },
    ],
  });
});
