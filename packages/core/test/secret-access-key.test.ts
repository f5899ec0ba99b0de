import { describe, expect, it } from 'vitest';
import { inspectSecretAccessKey, isSecretKeyShaped, scan, secretNameStrength } from '../src/index.js';
import { fakeBase64Blob, fakeGitSha, fakeSecretAccessKey } from '../src/testing.js';
import { fill, found, ID, only, SECRET } from './helpers.js';

describe('secret access keys: an AWS-ish key name in any style (strong names, no other context needed)', () => {
  const names = [
    'aws_secret_access_key', // snake (shared credentials file, boto)
    'AWS_SECRET_ACCESS_KEY', // SCREAMING (env)
    'secretAccessKey', // camel (JS SDK)
    'SecretAccessKey', // Pascal (STS JSON, XML, CloudFormation)
    'aws-secret-access-key', // kebab (CLI flags, YAML)
    'awsSecretAccessKey',
    'AWS_SECRET', // aws_secret
    'aws_secret',
    'awsSecretKey',
    'AWS_SECRET_KEY', // secretlint#149's miss
    'secret_access_key', // AWS's own term
    'aws.secretKey', // Java properties
    'amazonSecretKey',
  ];
  it.each(names)('%s = value', (name) => {
    expect(found(`${name} = ${SECRET}`)).toEqual([`secret-access-key:${SECRET}`]);
    expect(secretNameStrength(name)).toBe('strong');
  });

  const separators: [string, string][] = [
    ['env file', 'AWS_SECRET_ACCESS_KEY={SECRET}'],
    ['shell export, double quotes', 'export AWS_SECRET_ACCESS_KEY="{SECRET}"'],
    ['JSON', '{"SecretAccessKey": "{SECRET}"}'],
    ['YAML', 'aws:\n  secret_access_key: {SECRET}\n'],
    ['YAML quoted', "secretAccessKey: '{SECRET}'"],
    ['INI with spaces', 'aws_secret_access_key  =  {SECRET}'],
    ['XML element', '<SecretAccessKey>{SECRET}</SecretAccessKey>'],
    ['Ruby hash rocket', ':secret_access_key => "{SECRET}"'],
    ['Python keyword argument', 'boto3.client("s3", aws_secret_access_key="{SECRET}")'],
    ['Go struct literal', 'SecretAccessKey: "{SECRET}",'],
    ['Dockerfile ENV with a space separator', 'ENV AWS_SECRET_ACCESS_KEY {SECRET}'],
    ['Dockerfile ARG default', 'ARG AWS_SECRET_ACCESS_KEY={SECRET}'],
    ['CLI flag', 'aws configure set --aws-secret-access-key {SECRET}'],
    ['notebook JSON with escaped quotes', '"source": ["aws_secret_access_key = \\"{SECRET}\\"\\n"]'],
    ['os.environ.get default value (a hard-coded fallback is a leak)', 'os.environ.get("AWS_SECRET_ACCESS_KEY", "{SECRET}")'],
    ['URL query parameter', 'https://x.test/?aws_secret_access_key={SECRET}&y=1'],
    ['TypeScript type annotation', "const secretAccessKey: string = '{SECRET}';"],
    ['Go var with a type', 'var awsSecretAccessKey string = "{SECRET}"'],
    ['Kotlin val with a type', 'val awsSecretKey: String = "{SECRET}"'],
    ['Makefile append', 'AWS_SECRET_ACCESS_KEY += {SECRET}'],
    ['YAML literal block', 'aws_secret_access_key: |\n  {SECRET}\n'],
  ];
  it.each(separators)('%s', (_name, template) => {
    const text = fill(template);
    expect(found(text)).toEqual([`secret-access-key:${SECRET}`]);
  });

  it('reports the value, not the name (secretlint reports the name range)', () => {
    const text = `AWS_SECRET_ACCESS_KEY = ${SECRET}`;
    const [f] = scan(text);
    expect([f?.start, f?.end]).toEqual([24, 64]);
    expect(f).toMatchObject({ keyName: 'AWS_SECRET_ACCESS_KEY', confidence: 'high', ruleId: 'aws-secret-access-key' });
    expect(f?.evidence).toEqual(['key name "AWS_SECRET_ACCESS_KEY"']);
  });

  it.each(['/', '+'])('finds secrets ending in %s (secretlint\'s \\b misses them)', (last) => {
    const s = SECRET.slice(0, 39) + last;
    for (const text of [`{"aws_secret_access_key": "${s}"}`, `AWS_SECRET_ACCESS_KEY=${s}`, `aws_secret_access_key = "${s}"\n`, `AWS_SECRET_ACCESS_KEY=${s}`]) {
      expect(found(text)).toEqual([`secret-access-key:${s}`]);
    }
  });

  it('finds a percent-encoded secret in a URL query (%2F, %2B count as one character)', () => {
    const s = `${SECRET.slice(0, 10)}/${SECRET.slice(11, 30)}+${SECRET.slice(31)}`;
    const encoded = encodeURIComponent(s);
    expect(encoded).toContain('%2F');
    expect(found(`https://x.test/cb?aws_secret_access_key=${encoded}&region=us-east-1`)).toEqual([`secret-access-key:${encoded}`]);
    // but not when the encoded run is longer than 40 characters or padded
    expect(found(`aws_secret_access_key=${encoded}%2F`)).toEqual([]);
    expect(found(`aws_secret_access_key=${encoded}%3D`)).toEqual([]);
  });

  it.each(['/', '+'])('finds secrets starting with %s', (first) => {
    const s = first + SECRET.slice(1);
    expect(found(`aws_secret_access_key=${s}`)).toEqual([`secret-access-key:${s}`]);
  });
});

describe('secret access keys: weak names (secret_key, secret) need AWS context', () => {
  const withContext: [string, string][] = [
    ['Terraform provider "aws"', 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "my-access-key"\n  secret_key = "{SECRET}"\n}'],
    ['secret_key next to an AWS key id', 'access_key = "{ID}"\nsecret_key = "{SECRET}"'],
    ['boto3 call', 'boto3.Session(secret_key="{SECRET}")'],
    ['an amazonaws.com endpoint nearby', 'endpoint: https://s3.amazonaws.com\nsecret: {SECRET}'],
    ['@aws-sdk import', "import { S3Client } from '@aws-sdk/client-s3';\nconst secretKey = '{SECRET}';"],
  ];
  it.each(withContext)('%s', (_name, template) => {
    const text = fill(template);
    expect(found(text)).toContain(`secret-access-key:${SECRET}`);
  });

  it('a Terraform file anywhere mentioning aws gives context', () => {
    const text = `provider "aws" {}\n${'\n'.repeat(200)}${'# filler line\n'.repeat(40)}module "x" {\n  secret_key = "${SECRET}"\n}`;
    expect(found(text)).toEqual([]);
    expect(found(text, { filename: 'infra/main.tf' })).toEqual([`secret-access-key:${SECRET}`]);
  });

  it('the host can say it is an AWS context', () => {
    expect(found(`secret_key: ${SECRET}`)).toEqual([]);
    expect(found(`secret_key: ${SECRET}`, { context: { awsContext: true } })).toEqual([`secret-access-key:${SECRET}`]);
  });

  it('~/.aws/credentials is an AWS file', () => {
    expect(found(`[p]\nsecret_key = ${SECRET}`, { filename: '/home/u/.aws/credentials' })).toEqual([`secret-access-key:${SECRET}`]);
  });

  const withoutContext: [string, string][] = [
    ['secret_key alone', 'secret_key = "{SECRET}"'],
    ['SECRET_KEY of a web framework', "SECRET_KEY = '{SECRET}'"],
    ['client_secret', 'client_secret: {SECRET}'],
    ['"laws" is not "aws"', '# the laws of physics\nsecret: {SECRET}'],
  ];
  it.each(withoutContext)('not found: %s', (_name, template) => {
    expect(only(fill(template), 'secret-access-key')).toEqual([]);
  });
});

describe('secret access keys: a key id close by', () => {
  const cases: [string, string][] = [
    ['SDK constructor', "new AWS.Credentials('{ID}', '{SECRET}')"],
    ['next line, no names (ggshield#314)', '{ID}\n{SECRET}'],
    ['CSV export from the console', 'User name,Access key ID,Secret access key\nci,{ID},{SECRET}'],
    ['minified', 'var c={a:"{ID}",b:"{SECRET}"};'],
    ['three lines below', '{ID}\n\n\n{SECRET}'],
    ['three lines above', '{SECRET}\n\n\n{ID}'],
  ];
  it.each(cases)('%s', (_name, template) => {
    const text = fill(template);
    const secrets = only(text, 'secret-access-key');
    expect(secrets.map((f) => text.slice(f.start, f.end))).toEqual([SECRET]);
    expect(secrets[0]?.evidence.join(' ')).toMatch(/key id on line/);
  });

  it('not paired beyond 3 lines', () => {
    expect(only(fill('{ID}\n\n\n\n{SECRET}'), 'secret-access-key')).toEqual([]);
  });

  it('not paired beyond 600 characters on one line', () => {
    expect(only(`${ID}${' '.repeat(700)}${SECRET}`, 'secret-access-key')).toEqual([]);
  });

  it('the host can say a key id is nearby (sibling property)', () => {
    expect(found(`'${SECRET}'`, { context: { nearbyKeyId: true } })).toEqual([`secret-access-key:${SECRET}`]);
  });
});

describe('secret access keys: not findings', () => {
  const sha = fakeGitSha(3);
  const cases: [string, string][] = [
    ['no name and no key id', SECRET],
    ['a git SHA under a secret name', `aws_secret_access_key = ${sha}`],
    ['40 hex upper case', `aws_secret_access_key = ${sha.toUpperCase()}`],
    ['a git SHA next to a key id', `${ID}\n${sha}`],
    ['npm integrity (sha512, 88 chars)', `"integrity": "sha512-${fakeBase64Blob(64, 2)}"`],
    ['sha1 integrity (28 chars) next to a key id', `${ID} sha1-${fakeBase64Blob(20, 3)}`],
    ['a 41-character value', `aws_secret_access_key = ${SECRET}x`],
    ['a 39-character value', `aws_secret_access_key = ${SECRET.slice(1)}`],
    ['a 40-character value followed by = padding (a 30-byte blob is never padded)', `aws_secret_access_key = ${SECRET}=`],
    ['a 56-character encrypted value (secretlint ok case)', `AWS_SECRET_ACCESS_KEY = ${fakeBase64Blob(42, 4)}`],
    ['a base64 image next to a key id', `${ID}\ndata:image/png;base64,${fakeBase64Blob(300, 5)}`],
    ['a 40-char run inside a longer base64 line', `${ID} ${fakeBase64Blob(90, 6)}`],
    ['lower-case only', `aws_secret_access_key = ${'abcdefghijklmnopqrstuvwxyzabcdefghijklmn'}`],
    ['no digit or symbol (a word run)', `aws_secret_access_key = ${'AbcdefghijKlmnopqrstUvwxyzabcdEfghijklmn'}`],
    ['process.env read', 'const s = process.env.AWS_SECRET_ACCESS_KEY;'],
    ['os.environ read', 's = os.environ["AWS_SECRET_ACCESS_KEY"]'],
    ['GitHub Actions secret', 'AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}'],
    ['CloudFormation !Ref', 'SecretAccessKey: !Ref SecretParam'],
    ['CloudFormation GetAtt', 'SecretAccessKey: !GetAtt AccessKey.SecretAccessKey'],
    ['SSM parameter read', 'aws ssm get-parameter --name /prod/aws_secret_access_key --with-decryption'],
    ['Secrets Manager dynamic reference', "SecretAccessKey: '{{resolve:secretsmanager:prod/aws:SecretString:aws_secret_access_key}}'"],
    ['shell expansion', 'AWS_SECRET_ACCESS_KEY=$AWS_SECRET'],
    ['template', 'aws_secret_access_key = ${var.secret}'],
    ['placeholder text', 'aws_secret_access_key = your-secret-access-key'],
    ['placeholder, base64-shaped', 'aws_secret_access_key = yourSecretAccessKeyGoesHere1234567890ab'],
    ['angle-bracket placeholder', 'aws_secret_access_key = <secret-access-key>'],
    ['stars', 'aws_secret_access_key = ****************************************'],
    ['changeme', 'AWS_SECRET_ACCESS_KEY=changeme'],
    ['empty', 'AWS_SECRET_ACCESS_KEY='],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(only(text, 'secret-access-key')).toEqual([]);
  });

  it('isSecretKeyShaped: generated secrets yes, hashes and words no', () => {
    for (let seed = 1; seed <= 200; seed++) expect(isSecretKeyShaped(fakeSecretAccessKey(seed))).toBe(true);
    expect(isSecretKeyShaped(sha)).toBe(false);
    expect(isSecretKeyShaped(`${SECRET.slice(0, 30)}EXAMPLEKEY`)).toBe(false);
  });
});

describe('inspectSecretAccessKey (validator judgements)', () => {
  const cases: [string, string, string[]][] = [
    ['a good secret', SECRET, []],
    ['quoted', `'${SECRET}'`, ['quotes']],
    ['trailing whitespace', `${SECRET} `, ['whitespace']],
    ['too short', SECRET.slice(2), ['length']],
    ['padding', `${SECRET.slice(0, 39)}=`, ['padding', 'length']],
    ['bad alphabet', `${SECRET.slice(0, 39)}-`, ['alphabet']],
    ['placeholder', 'your-secret-key', ['placeholder']],
    ['documentation example', `${SECRET.slice(0, 30)}EXAMPLEKEY`, ['example']],
    ['a hash', fakeGitSha(9), ['not-random']],
  ];
  it.each(cases)('%s', (_name, value, problems) => {
    expect(inspectSecretAccessKey(value).problems).toEqual(problems);
  });
});
