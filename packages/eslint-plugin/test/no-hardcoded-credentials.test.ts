import type { ESLint, Rule } from 'eslint';
import type { Language } from '@eslint/core';
import json from '@eslint/json';
import { mask } from '@credlint/core';
import { fakeGitSha } from '@credlint/core/testing';
import { Linter } from 'eslint';
import toml from 'eslint-plugin-toml';
import yml from 'eslint-plugin-yml';
import { describe, expect, it } from 'vitest';
import { PythonLanguage } from '../src/languages/python/language.js';
import { textParser } from '../src/parsers/text.js';
import rule from '../src/rules/no-hardcoded-credentials.js';
import { KEY_ID, SECRET, TEMP_KEY_ID, TOKEN } from './helpers/keys.js';
import { RuleTester, TSRuleTester } from './helpers/rule-tester.js';

const credlint = { meta: { name: 'credlint-test', namespace: 'credlint' }, rules: { 'no-hardcoded-credentials': rule as unknown as Rule.RuleModule }, languages: { python: new PythonLanguage() as unknown as Language } } satisfies ESLint.Plugin;
const KEY_END = KEY_ID.length;

describe('JS/TS (typescript-eslint parser)', () => {
  const tester = new TSRuleTester();
  tester.run('no-hardcoded-credentials', rule, {
    valid: [
      'const id = process.env.AWS_ACCESS_KEY_ID;',
      // AWS documentation example and placeholders are not credentials
      "const id = 'AKIAIOSFODNN7EXAMPLE';",
      "const secretAccessKey = 'your-secret-access-key';",
      // a git SHA named like a secret is still a SHA
      `const secret = '${fakeGitSha(3)}';`,
      // short strings named like secrets
      "const awsSecretAccessKey = 'short';",
      // core's inline directive
      `const id = '${KEY_ID}'; // credlint-ignore`,
      // found only through the property name: the directive still applies (asked of core on the whole file)
      `const c = {\n  secretAccessKey:\n    // credlint-ignore-next-line\n    process.env.S ?? '${SECRET}',\n};`,
    ],
    invalid: [
      {
        code: `const id = '${KEY_ID}';`,
        errors: [
          {
            messageId: 'credential',
            line: 1,
            column: 13,
            endColumn: 13 + KEY_END,
            suggestions: [{ messageId: 'useEnv', data: { replacement: 'process.env.AWS_ACCESS_KEY_ID' }, output: 'const id = process.env.AWS_ACCESS_KEY_ID;' }],
          },
        ],
      },
      {
        code: `// rotated? ${KEY_ID}\nexport {};`,
        errors: [{ messageId: 'credential', line: 1, column: 13, suggestions: [] }],
      },
      {
        code: `/*\n * old: ${TEMP_KEY_ID}\n */`,
        errors: [{ messageId: 'credential', line: 2, column: 9 }],
      },
      {
        code: `const url = \`https://example.test/?k=${KEY_ID}&x=\${x}\`;`,
        errors: [{ messageId: 'credential', line: 1, column: 38, suggestions: [] }],
      },
      {
        code: `const creds = { secretAccessKey: process.env.S ?? '${SECRET}' };`,
        errors: [
          {
            messageId: 'credential',
            column: 52,
            endColumn: 92,
            suggestions: [
              { messageId: 'useEnv', data: { replacement: 'process.env.AWS_SECRET_ACCESS_KEY' }, output: 'const creds = { secretAccessKey: process.env.S ?? process.env.AWS_SECRET_ACCESS_KEY };' },
            ],
          },
        ],
      },
      {
        code: `const awsSessionToken = '${TOKEN}';`,
        errors: [
          {
            messageId: 'credential',
            suggestions: [{ messageId: 'useEnv', data: { replacement: 'process.env.AWS_SESSION_TOKEN' }, output: 'const awsSessionToken = process.env.AWS_SESSION_TOKEN;' }],
          },
        ],
      },
      {
        filename: 'file.tsx',
        code: `const a = <Aws accessKey="${KEY_ID}">${KEY_ID}</Aws>;`,
        errors: [
          {
            messageId: 'credential',
            column: 27,
            suggestions: [
              { messageId: 'useEnv', data: { replacement: 'process.env.AWS_ACCESS_KEY_ID' }, output: `const a = <Aws accessKey={process.env.AWS_ACCESS_KEY_ID}>${KEY_ID}</Aws>;` },
            ],
          },
          { messageId: 'credential', column: 49, suggestions: [] },
        ],
      },
      {
        code: `const s3 = new S3Client({ credentials: { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET}' } });`,
        errors: [
          // an SDK credentials slot: the slot's suggestions (no-static-credentials leaves this literal to this rule)
          {
            messageId: 'credential',
            suggestions: [
              { messageId: 'useEnv', output: `const s3 = new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: '${SECRET}' } });` },
              { messageId: 'dropCredentials', output: 'const s3 = new S3Client({  });' },
            ],
          },
          {
            messageId: 'credential',
            suggestions: [
              { messageId: 'useEnv', output: `const s3 = new S3Client({ credentials: { accessKeyId: '${KEY_ID}', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });` },
              { messageId: 'dropCredentials', output: 'const s3 = new S3Client({  });' },
            ],
          },
        ],
      },
    ],
  });
});

describe('messages are masked, with key type and account id', () => {
  it('never shows the value', () => {
    const linter = new Linter();
    const messages = linter.verify(
      `const a = '${KEY_ID}';\nconst secretAccessKey = '${SECRET}';\nconst t = { sessionToken: '${TOKEN}' };`,
      [{ plugins: { credlint }, rules: { 'credlint/no-hardcoded-credentials': 'error' } }],
      'a.js',
    );
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.message).not.toContain(KEY_ID);
      expect(m.message).not.toContain(SECRET);
      expect(m.message).not.toContain(TOKEN.slice(0, 40));
      for (const s of m.suggestions ?? []) expect(s.desc).not.toMatch(/AKIA|ASIA/);
    }
    expect(messages[0]!.message).toContain(mask(KEY_ID));
    expect(messages[0]!.message).toMatch(/long-term access key/);
    expect(messages[0]!.message).toMatch(/of account \d{4}…\d{4}/);
    expect(messages[1]!.message).toContain(mask(SECRET));
  });
});

describe('Python (credlint/python)', () => {
  const tester = new RuleTester({ plugins: { credlint }, language: 'credlint/python' });
  tester.run('no-hardcoded-credentials', rule as never, {
    valid: [
      { code: 'key = os.environ["AWS_ACCESS_KEY_ID"]\n', filename: 'a.py' },
      { code: 'secret = "your-secret-key"\n', filename: 'a.py' },
      { code: `# eslint-disable-next-line rule-to-test/no-hardcoded-credentials\nkey = "${KEY_ID}"\n`, filename: 'a.py' },
      { code: `key = "${KEY_ID}"  # eslint-disable-line rule-to-test/no-hardcoded-credentials -- test fixture\n`, filename: 'a.py' },
      { code: `key = "${KEY_ID}"  # credlint-ignore\n`, filename: 'a.py' },
    ],
    invalid: [
      {
        filename: 'app.py',
        code: `import boto3\n\nclient = boto3.client("s3", aws_access_key_id="${KEY_ID}")\n`,
        errors: [
          {
            messageId: 'credential',
            line: 3,
            column: 48,
            endColumn: 48 + KEY_END,
            suggestions: [
              {
                messageId: 'useEnv',
                output: `import os\nimport boto3\n\nclient = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"])\n`,
              },
              { messageId: 'dropArgument', data: { name: 'aws_access_key_id' }, output: `import boto3\n\nclient = boto3.client("s3")\n` },
            ],
          },
        ],
      },
      {
        filename: 'app.py',
        code: `#!/usr/bin/env python\n"""Deploys."""\nfrom __future__ import annotations\nimport os\nSECRET = os.environ.get("X") or "${SECRET}"\naws_secret_access_key = "${SECRET}"\n`,
        errors: [
          // a fallback literal behind an environment read is still a hard-coded secret (no suggestion: not a plain value)
          { messageId: 'credential', line: 5, column: 34, suggestions: [] },
          // named by the variable; `import os` is already there, so only the value changes
          {
            messageId: 'credential',
            line: 6,
            column: 26,
            suggestions: [
              {
                messageId: 'useEnv',
                output: `#!/usr/bin/env python\n"""Deploys."""\nfrom __future__ import annotations\nimport os\nSECRET = os.environ.get("X") or "${SECRET}"\naws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]\n`,
              },
            ],
          },
        ],
      },
      {
        filename: 'app.py',
        code: `"""Module.\n\nOld key: ${KEY_ID}\n"""\n# and ${TEMP_KEY_ID}\nurl = f"https://x/{region}/${KEY_ID}"\n`,
        errors: [
          { messageId: 'credential', line: 3, column: 10, suggestions: [] },
          { messageId: 'credential', line: 5, column: 7, suggestions: [] },
          { messageId: 'credential', line: 6, column: 28, suggestions: [] },
        ],
      },
      {
        filename: 'app.py',
        code: `"""Doc."""\nsession = boto3.Session(aws_session_token=r'${TOKEN}')`,
        errors: [
          {
            messageId: 'credential',
            line: 2,
            suggestions: [
              { messageId: 'useEnv', output: `"""Doc."""\nimport os\nsession = boto3.Session(aws_session_token=os.environ["AWS_SESSION_TOKEN"])` },
              { messageId: 'dropArgument', output: `"""Doc."""\nsession = boto3.Session()` },
            ],
          },
        ],
      },
    ],
  });
});

const dataCases = {
  json: {
    valid: [{ code: '{"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "account": "123"}', filename: 'cdk.json' }],
    invalid: [
      {
        filename: 'cdk.context.json',
        code: `{\n  "context": {\n    "aws": { "secret": "${SECRET}" },\n    "id": "${KEY_ID}"\n  }\n}\n`,
        errors: [
          { messageId: 'credential', line: 3, column: 25 },
          { messageId: 'credential', line: 4, column: 12 },
        ],
      },
      {
        filename: 'notebook.ipynb',
        code: JSON.stringify({ cells: [{ cell_type: 'code', source: [`aws_secret_access_key = "${SECRET}"\n`] }] }),
        errors: [{ messageId: 'credential', line: 1 }],
      },
    ],
  },
  yaml: {
    valid: [{ code: 'env:\n  AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n', filename: '.github/workflows/deploy.yml' }],
    invalid: [
      {
        filename: '.github/workflows/deploy.yml',
        code: `on: push\njobs:\n  deploy:\n    env:\n      AWS_ACCESS_KEY_ID: ${KEY_ID}\n      AWS_SECRET_ACCESS_KEY: "${SECRET}"\n`,
        errors: [
          { messageId: 'credential', line: 5, column: 26, endColumn: 26 + KEY_END },
          { messageId: 'credential', line: 6, column: 31 },
        ],
      },
    ],
  },
  toml: {
    valid: [{ code: '[default.deploy.parameters]\nstack_name = "app"\n', filename: 'samconfig.toml' }],
    invalid: [
      {
        filename: 'samconfig.toml',
        code: `version = 0.1\n[default.deploy.parameters]\nparameter_overrides = "AccessKey=${KEY_ID}"\n[tool.aws]\nsecret_access_key = '${SECRET}'\n`,
        errors: [
          { messageId: 'credential', line: 3, column: 34 },
          { messageId: 'credential', line: 5, column: 22 },
        ],
      },
    ],
  },
};

describe('JSON/YAML/TOML with the user\'s language plugins (@eslint/json, eslint-plugin-yml, eslint-plugin-toml)', () => {
  new RuleTester({ plugins: { json }, language: 'json/json' }).run('no-hardcoded-credentials', rule as never, dataCases.json as never);
  new RuleTester({ plugins: { yml }, language: 'yml/yaml' }).run('no-hardcoded-credentials', rule as never, dataCases.yaml as never);
  new RuleTester({ plugins: { toml }, language: 'toml/toml' }).run('no-hardcoded-credentials', rule as never, dataCases.toml as never);
});

describe('JSON/YAML/TOML with only eslint installed (credlint text parser on js/js)', () => {
  const tester = new RuleTester({ languageOptions: { parser: textParser } });
  for (const cases of Object.values(dataCases)) tester.run('no-hardcoded-credentials', rule as never, cases as never);
});

describe('the name in the syntax tree is evidence', () => {
  // A weak name (`secret`) counts in an AWS context; the YAML tree gives `aws:` as an ancestor key
  // even when the word is far away in the text.
  it('YAML: ancestor key says aws', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `    k${i}: v${i}`).join('\n');
    const code = `aws:\n  nested:\n${filler}\n    secret: ${SECRET}\n`;
    const linter = new Linter();
    const withTree = linter.verify(code, [{ files: ['**/*.yml'], plugins: { yml, credlint }, language: 'yml/yaml', rules: { 'credlint/no-hardcoded-credentials': 'error' } }], 'x.yml');
    const textOnly = linter.verify(code, [{ files: ['**/*.yml'], plugins: { credlint }, languageOptions: { parser: textParser }, rules: { 'credlint/no-hardcoded-credentials': 'error' } }], 'x.yml');
    expect(withTree.map((m) => m.line)).toEqual([43]);
    expect(textOnly).toEqual([]);
  });
});
