// Rebuilds packages/core/test/fixtures/peers/*.json (issue 13's peer-agreement data) from the
// peers' public test files, read with `git show HEAD:` from bare clones laid out as
// $PEER_MIRRORS/<owner>+<name>/repo (default /work/.mirror). Needs `pnpm run build` and python3
// with PyYAML. Usage: node scripts/peer-cases.mjs [outdir]
// Key-shaped runs are veiled (chunks of 4 joined by '·'); the test (packages/core/test/peers.test.ts)
// unveils them. Values a peer generates at random are regenerated ({{id:PREFIX:seed}}, {{alnum:N:seed}}).
// credlint's verdicts are computed here from the built core; every difference needs a reviewed why
// below, or the script fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.argv[2] ?? path.join(ROOT, 'packages/core/test/fixtures/peers');
const M = process.env.PEER_MIRRORS ?? '/work/.mirror';
const show = (repo, file) => execFileSync('git', ['-C', `${M}/${repo}/repo`, 'show', `HEAD:${file}`], { encoding: 'utf8' });
const head = (repo) => execFileSync('git', ['-C', `${M}/${repo}/repo`, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

// A run worth veiling: 16+ chars of base64/base64url/base32 with an upper-case letter and a digit or
// one of + / (key ids, secrets, tokens, JWTs). Words, DNA and hex stay readable.
function veil(text) {
  return text.replace(/[A-Za-z0-9+/=_-]{16,}/g, (run) => {
    if (!/[A-Z]/.test(run) || !/[0-9+/]/.test(run)) return run;
    if (run.includes('·')) return run;
    const chunks = run.match(/.{1,4}/gs);
    return `{{v:${chunks.join('·')}}}`;
  });
}

const peers = {};
function peer(id, name, repo, files) {
  peers[id] = { peer: name, repo: `github.com/${repo.replace('+', '/')}`, commit: head(repo), files, cases: [] };
  return (c) => {
    const same = peers[id].cases.filter((x) => x.name === c.name || x.name.startsWith(`${c.name} (`)).length;
    if (same) c = { ...c, name: `${c.name} (${same + 1})` };
    peers[id].cases.push({ ...c, input: c.generated ? c.input : veil(c.input) });
  };
}

// ---------------------------------------------------------------- gitleaks
{
  const add = peer('gitleaks', 'gitleaks', 'gitleaks+gitleaks', ['cmd/generate/config/rules/aws.go', 'cmd/generate/config/utils/generate.go']);
  const T = [
    ['ini - quoted1', '{i}Token="{s}"'],
    ['ini - quoted2', '{i}Token = "{s}"'],
    ['ini - unquoted1', '{i}Token={s}'],
    ['ini - unquoted2', '{i}Token = {s}'],
    ['json - string', '{\n    "{i}_token": "{s}"\n}'],
    ['json - escaped newline in string', '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}'],
    ['xml - element multiline', '<{i}Token>\n    {s}\n</{i}Token>'],
    ['yaml - singleline - unquoted', '{i}_token: {s}'],
    ['yaml - singleline - single quote', "{i}_token: '{s}'"],
    ['yaml - singleline - double quote', '{i}_token: "{s}"'],
    ['C#', 'string {i}Token = "{s}";'],
    ['go - normal', 'var {i}Token string = "{s}"'],
    ['go - short', '{i}Token := "{s}"'],
    ['go - backticks', '{i}Token := `{s}`'],
    ['java', 'String {i}Token = "{s}";'],
    ['kotlin - notype', 'var {i}Token = "{s}"'],
    ['php - string concat', '${i}Token .= "{s}"'],
    ['python - single quote', "{i}Token = '{s}'"],
    ['python - double quote', '{i}Token = "{s}"'],
    ['misc - comma operator', 'System.setProperty("{I}_TOKEN", "{s}")'],
    ['logstash', '  "{i}Token" => "{s}"'],
    ['make - recursive assignment', '{i}_TOKEN = "{s}"'],
    ['make - simple assignment', '{i}_TOKEN := "{s}"'],
    ['make - shell assignment', '{i}_TOKEN ::= "{s}"'],
    ['make - evaluated shell assignment', '{i}_TOKEN :::= "{s}"'],
    ['make - conditional assignment', '{i}_TOKEN ?= "{s}"'],
  ];
  const fill = (t, i, s) => t.replaceAll('{i}', i).replaceAll('{I}', i.toUpperCase()).replaceAll('{s}', s);
  const sample = /GenerateSampleSecrets\("AWS", "([A-Z0-9]{20})"\)/.exec(show('gitleaks+gitleaks', 'cmd/generate/config/rules/aws.go'))[1];
  for (const [n, t] of T) add({ name: `aws tp, sample id ${sample.slice(0, 8)}…: ${n}`, input: fill(t, 'AWS', sample), peer: true });
  let seed = 100;
  for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) {
    for (const [n, t] of T) {
      // gitleaks: prefix + secrets.NewSecret("[A-Z2-7]{16}"), a fresh random id per run
      add({ name: `aws tp, random ${prefix} id: ${n}`, input: fill(t, 'AWS', `{{id:${prefix}:${seed++}}}`), peer: true, generated: true });
    }
  }
  const dna = show('gitleaks+gitleaks', 'cmd/generate/config/rules/aws.go').match(/`(CTTCATAGG[^`]*)`/)[1];
  add({ name: 'aws fp: low entropy', input: 'key = AKIAXXXXXXXXXXXXXXXX', peer: false });
  add({ name: 'aws fp: placeholder (documentation example)', input: 'aws_access_key: AKIAIOSFODNN7EXAMPLE', peer: false });
  add({ name: 'aws fp: lower case', input: 'msgstr "Näytä asiakirjamallikansio."', peer: false });
  add({ name: 'aws fp: wrong length', input: 'TODAYINASIAASACKOFRICEFELLOVER', peer: false });
  add({ name: 'aws fp: DNA sequence', input: dna, peer: false });
  const ex = 'ABSKQmVkcm9ja0FQSUtleS1' + 'EXAMPLE'.repeat(15) + 'EXM=';
  add({ name: 'bedrock long-lived tp: the EXAMPLE key', input: ex, peer: true });
  add({ name: 'bedrock long-lived tp: random 108-char tail', input: 'bedrock_api_token = "ABSKQmVkcm9ja0FQSUtleS1{{alnum:108:1}}="', peer: true, generated: true });
  add({ name: 'bedrock long-lived tp: random 246-char tail', input: 'bedrock_api_token = "ABSKQmVkcm9ja0FQSUtleS1{{alnum:246:2}}"', peer: true, generated: true });
  add({ name: 'bedrock long-lived fp: too short', input: 'ABSKQmVkcm9ja0FQSUtleS1EXAMPLE', peer: false });
  add({ name: 'bedrock long-lived fp: too long', input: 'ABSKQmVkcm9ja0FQSUtleS1' + 'EXAMPLE'.repeat(45) + '=', peer: false });
  add({ name: 'bedrock long-lived fp: wrong prefix', input: 'AXSKQmVkcm9ja0FQSUtleS1' + 'EXAMPLE'.repeat(15) + 'EXM=', peer: false });
  for (const [n, t] of T) add({ name: `bedrock short-lived tp (prefix only): ${n}`, input: fill(t, 'AmazonBedrockAPIKeyShortLived', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'), peer: true });
  add({ name: 'bedrock short-lived fp: too short', input: 'bedrock-api-key-', peer: false });
  add({ name: 'bedrock short-lived fp: wrong prefix', input: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29x', peer: false });
}

// ---------------------------------------------------------------- trufflehog
{
  const add = peer('trufflehog', 'trufflehog', 'trufflesecurity+trufflehog', [
    'pkg/detectors/aws/access_keys/accesskey_test.go',
    'pkg/detectors/aws/session_keys/sessionkeys_test.go',
    'pkg/detectors/aws/appsync/appsync_test.go',
  ]);
  // Go raw strings `input: \`…\`` and their `want:` (nil = negative)
  for (const file of peers.trufflehog.files) {
    const src = show('trufflesecurity+trufflehog', file);
    const re = /name:\s*"([^"]*)",\s*input:\s*`([^`]*)`,\s*want:\s*(nil|\[\]string\{)/g;
    let m;
    while ((m = re.exec(src))) add({ name: `${path.basename(file, '.go')}: ${m[1]}`, input: m[2].replace(/^\n/, ''), peer: m[3] !== 'nil' });
  }
}

// ---------------------------------------------------------------- secretlint
{
  const base = 'packages/@secretlint/secretlint-rule-aws/test/snapshots';
  const dirs = ['ng.AWS Access Key ID', 'ng.AWS Secret Access Key', 'ng.AWS Account ID', 'ok.AWS Secret Access Key', 'ok.AWS Access Key ID--enableIDScanRule-false', 'options.allows'];
  const add = peer('secretlint', 'secretlint (rule-aws)', 'secretlint+secretlint', dirs.map((d) => `${base}/${d}/input`));
  for (const d of dirs) {
    const input = show('secretlint+secretlint', `${base}/${d}/input`).replace(/\n$/, '');
    const out = JSON.parse(show('secretlint+secretlint', `${base}/${d}/output.json`));
    const n = (out.messages ?? out[0]?.messages ?? []).length;
    add({ name: d, input, peer: n > 0 });
  }
}

// ---------------------------------------------------------------- detect-secrets
{
  const add = peer('detect-secrets', 'detect-secrets (AWSKeyDetector)', 'Yelp+detect-secrets', ['tests/plugins/aws_key_test.py', 'tests/filters/heuristic_filter_test.py', 'test_data/config.yaml', 'test_data/each_secret.py']);
  const EX = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const rows = [
    ['AKIAZZZZZZZZZZZZZZZZ', true],
    ['akiazzzzzzzzzzzzzzzz', false],
    ['AKIAZZZ', false],
    ['A3T0ZZZZZZZZZZZZZZZZ', true],
    ['ABIAZZZZZZZZZZZZZZZZ', true],
    ['ACCAZZZZZZZZZZZZZZZZ', true],
    ['ASIAZZZZZZZZZZZZZZZZ', true],
    [`aws_access_key = "${EX}"`, true],
    [`aws_access_key = "${EX}a"`, false],
    [`aws_access_key = "${EX.slice(0, 39)}"`, false],
  ];
  rows.forEach(([line, flag], i) => add({ name: `test_analyze[${i}]`, input: line, peer: flag }));
  // a key id the heuristic filter must keep ("a real secret"); the fixtures scan_file finds
  const heuristic = /\('(AKIA[A-Z0-9]{16})', '(aws_access_key_id=AKIA[A-Z0-9]{16})', AWSKeyDetector\(\)\)/.exec(show('Yelp+detect-secrets', 'tests/filters/heuristic_filter_test.py'));
  add({ name: 'heuristic_filter_test: test_failure (an aws access key id, a real secret)', input: heuristic[2], peer: true });
  add({ name: 'test_data/config.yaml lines 1-6', input: show('Yelp+detect-secrets', 'test_data/config.yaml').split('\n').slice(0, 6).join('\n'), peer: true });
  add({ name: 'test_data/each_secret.py lines 8-9', input: show('Yelp+detect-secrets', 'test_data/each_secret.py').split('\n').slice(7, 9).join('\n'), peer: true });
}

// ---------------------------------------------------------------- Nosey Parker
{
  const file = 'crates/noseyparker/data/default/builtin/rules/aws.yml';
  const add = peer('noseyparker', 'Nosey Parker', 'praetorian-inc+noseyparker', [file]);
  const y = show('praetorian-inc+noseyparker', file);
  const rules = JSON.parse(execFileSync('python3', ['-c', 'import sys,yaml,json;print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: y, encoding: 'utf8' })).rules;
  for (const r of rules) {
    (r.examples ?? []).forEach((e, i) => add({ name: `${r.id} ${r.name}: example ${i + 1}`, input: e.replace(/\n$/, ''), peer: true }));
    (r.negative_examples ?? []).forEach((e, i) => add({ name: `${r.id} ${r.name}: negative ${i + 1}`, input: e.replace(/\n$/, ''), peer: false }));
  }
}

// ---------------------------------------------------------------- Kingfisher
{
  const file = 'data/rules/aws.yml';
  const add = peer('kingfisher', 'Kingfisher', 'mongodb+kingfisher', [file]);
  const y = show('mongodb+kingfisher', file);
  const rules = JSON.parse(execFileSync('python3', ['-c', 'import sys,yaml,json;print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: y, encoding: 'utf8' })).rules;
  for (const r of rules) {
    (r.examples ?? []).forEach((e, i) => add({ name: `${r.id} ${r.name}: example ${i + 1}`, input: e.replace(/\n$/, ''), peer: true }));
    (r.negative_examples ?? []).forEach((e, i) => add({ name: `${r.id} ${r.name}: negative ${i + 1}`, input: e.replace(/\n$/, ''), peer: false }));
  }
}

// ---------------------------------------------------------------- CredSweeper
{
  const files = ['tests/samples/aws_client_id', 'tests/samples/aws_multi.json', 'tests/samples/aws_multi.md', 'tests/samples/aws_multi_fp', 'tests/samples/aws_mws_key', 'tests/samples/aws_s3_bucket', 'tests/samples/multiline.patch', 'tests/samples/sample.tm7', 'tests/data/output.json'];
  const add = peer('credsweeper', 'CredSweeper', 'Samsung+CredSweeper', files);
  // The expected report (tests/data/output.json): which lines CredSweeper reports, by any AWS/Amazon rule.
  const out = JSON.parse(show('Samsung+CredSweeper', 'tests/data/output.json'));
  const reported = new Map();
  for (const c of out) for (const l of c.line_data_list) {
    const k = `${l.path.replace(/^\.\//, '')}:${l.line_num}`;
    if (!reported.has(k)) reported.set(k, new Set());
    reported.get(k).add(c.rule);
  }
  const lines = (f) => show('Samsung+CredSweeper', f).split('\n');
  // aws_client_id: one case per non-empty line
  lines('tests/samples/aws_client_id').forEach((line, i) => {
    if (!line.trim()) return;
    const rules = reported.get(`tests/samples/aws_client_id:${i + 1}`);
    add({ name: `aws_client_id line ${i + 1}${rules ? ` (${[...rules].join(', ')})` : ''}`, input: line, peer: Boolean(rules) });
  });
  // aws_multi.json: the three objects that hold values
  const mj = lines('tests/samples/aws_multi.json');
  for (const [from, to] of [[2, 5], [27, 29], [51, 54]]) {
    const rules = new Set();
    for (let n = from; n <= to; n++) for (const r of reported.get(`tests/samples/aws_multi.json:${n}`) ?? []) rules.add(r);
    add({ name: `aws_multi.json lines ${from}-${to} (${[...rules].join(', ')})`, input: mj.slice(from - 1, to).join('\n'), peer: rules.size > 0 });
  }
  const whole = (f, from = 1, to) => {
    const ls = lines(f);
    const rules = new Set();
    ls.forEach((_, i) => { for (const r of reported.get(`${f.replace(/^\.\//, '')}:${i + 1}`) ?? []) rules.add(r); });
    add({ name: `${path.basename(f)}${rules.size ? ` (${[...rules].join(', ')})` : ''}`, input: ls.slice(from - 1, to).join('\n').replace(/\n$/, ''), peer: rules.size > 0 });
  };
  whole('tests/samples/aws_multi.md');
  whole('tests/samples/aws_multi_fp');
  whole('tests/samples/aws_mws_key');
  whole('tests/samples/aws_s3_bucket');
  whole('tests/samples/multiline.patch');
  const tm7 = lines('tests/samples/sample.tm7');
  const rules3 = reported.get('tests/samples/sample.tm7:3');
  add({ name: `sample.tm7 line 3${rules3 ? ` (${[...rules3].join(', ')})` : ''}`, input: tm7[2] ?? '', peer: Boolean(rules3) });
}

// ---------------------------------------------------------------- whispers
{
  const files = ['tests/fixtures/.aws/credentials', 'tests/fixtures/aws.yml', 'tests/fixtures/aws.json', 'tests/fixtures/aws.xml', 'tests/unit/core/test_secrets.py'];
  const add = peer('whispers', 'whispers', 'adeptex+whispers', files);
  // test_secrets.py: aws.* report aws_id, aws_key, aws_token (Critical) under `noncompliant`; `compliant` reports nothing.
  const cred = show('adeptex+whispers', 'tests/fixtures/.aws/credentials').split(/\n(?=\[)/);
  for (const sect of cred) add({ name: `.aws/credentials ${sect.split('\n')[0]}`, input: sect.replace(/\n$/, ''), peer: sect.startsWith('[noncompliant]') });
  const yml = show('adeptex+whispers', 'tests/fixtures/aws.yml').split(/\n(?=\S)/);
  for (const block of yml) {
    const ok = block.startsWith('compliant');
    for (const line of block.split('\n').slice(1)) add({ name: `aws.yml ${ok ? 'compliant' : 'noncompliant'}: ${line.trim().split(':')[0]}`, input: line, peer: !ok && /aws_(id|key|token):/.test(line) });
  }
  const json = JSON.parse(show('adeptex+whispers', 'tests/fixtures/aws.json'));
  for (const [section, objs] of Object.entries(json)) for (const o of objs) add({ name: `aws.json ${section}: ${Object.keys(o).join(', ')}`, input: JSON.stringify(o, null, 2), peer: section === 'noncompliant' && Object.keys(o).some((k) => /^aws_(id|key|token)$/.test(k)) });
  const xml = show('adeptex+whispers', 'tests/fixtures/aws.xml').split('\n');
  let section = '';
  for (const line of xml) {
    const s = line.match(/^\s*<(compliant|noncompliant)>/);
    if (s) { section = s[1]; continue; }
    const m = line.match(/^\s*<(aws_\w+|commit_id|role)>/);
    if (m && section) add({ name: `aws.xml ${section}: ${m[1]}`, input: line.trim(), peer: section === 'noncompliant' && /^aws_(id|key|token)$/.test(m[1]) });
  }
}

// ---------------------------------------------------------------- credlint's verdicts and the whys
const core = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/index.js')).href);
const testing = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/testing.js')).href);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// the same expansion as peers.test.ts
function expand(input) {
  return input
    .replace(/\{\{v:([^{}]*)\}\}/g, (_m, v) => v.replaceAll('·', ''))
    .replace(/\{\{id:(AKIA|ASIA|ABIA|ACCA):(\d+)\}\}/g, (_m, p, s) => testing.fakeAccessKeyId({ prefix: p, seed: Number(s) }))
    .replace(/\{\{alnum:(\d+):(\d+)\}\}/g, (_m, n, s) => {
      const rand = testing.prng(Number(s));
      let out = '';
      for (let i = 0; i < Number(n); i++) out += ALNUM[Math.floor(rand() * ALNUM.length)];
      return out;
    });
}
const ALL = ['access-key-id', 'secret-access-key', 'session-token', 'bedrock-api-key'];
const OPTIONS = {
  'secretlint/ng.AWS Account ID': { kinds: [...ALL, 'account-id'] }, // its .secretlintrc: enableIDScanRule: true
  'secretlint/ok.AWS Access Key ID--enableIDScanRule-false': { kinds: ALL.filter((k) => k !== 'access-key-id') },
};
const WHY = [
  [/^trufflehog\/accesskey_test: valid pattern$/, 'the id has 9 and 8 (not base32, never issued) and the secret follows a "." that ends no name: nothing to pair'],
  [/^trufflehog\/(accesskey|sessionkeys)_test: valid pattern - xml$/, 'the ids have 9/0 (not base32, never issued); the values are "{AQAAABAAA …}" blobs, not a 40-character run after the name'],
  [/^trufflehog\/appsync_test/, 'AppSync da2- API keys are public by design (Amplify frontend config); not an AWS credential'],
  [/^whispers\/.*aws_id$/, 'the id has 3 and 8 (not base32, never issued) and says FAKE'],
  [/^secretlint\/ng\.AWS Account ID$/, 'an all-zero account id is a placeholder (account ids are opt-in: the case runs with kinds + account-id)'],
  [/^secretlint\/options\.allows$/, "the user's allows option silenced it; core has no value allowlist option (a credlint-ignore comment or a CLI baseline does this)"],
  [/^detect-secrets\/test_analyze\[[0-6]\]$/, 'placeholder: the body is one repeated character (A3T is also no AWS prefix)'],
  [/^detect-secrets\/test_analyze\[7\]$/, "AWS documentation example secret (…EXAMPLEKEY)"],
  [/^noseyparker\/np\.aws\.1 .*example 1$/, 'A3T is not an AWS key id prefix (not in the IAM unique-id table)'],
  [/^noseyparker\/np\.aws\.1 .*example 2$/, 'the body DEADBEEFDEADBEEF splits into English words: a word, not a key id'],
  [/^noseyparker\/np\.aws\.2 .*example [12]$/, "placeholder: 40 × 'a'"],
  [/^noseyparker\/np\.aws\.3 /, 'account ids are not credentials and are off by default (kinds: account-id turns them on)'],
  [/^noseyparker\/np\.s3\./, 'an S3 bucket name is an identifier, not a credential'],
  [/^noseyparker\/np\.arn\./, 'an ARN is an identifier, not a credential'],
  [/^noseyparker\/np\.appsync\./, 'AppSync da2- API keys are public by design (Amplify frontend config); not an AWS credential'],
  [/^noseyparker\/np\.aws\.6 /, 'A3T is not an AWS key id prefix, and the "secret" is 40 hex characters (a digest)'],
  [/^credsweeper\/aws_client_id line 8 /, 'bedrock-api-key- followed by base64 that does not decode to a presigned CallWithBearerToken URL'],
  [/^credsweeper\/aws_client_id line 9 /, 'ABSK followed by base64 that does not decode to BedrockAPIKey-<id>-at-<account>:<secret>'],
  [/^credsweeper\/aws_client_id line 11 /, 'AppSync da2- API keys are public by design (Amplify frontend config); not an AWS credential'],
  [/^credsweeper\/aws_multi\.json lines (2-5|51-54) /, 'the ids end in 1/2/3 (not base32, never issued) and the "secret" is 51 characters, not 40'],
  [/^credsweeper\/aws_mws_key /, 'Amazon MWS auth tokens are not detected (a known limit; MWS was retired in 2024)'],
  [/^credsweeper\/aws_s3_bucket /, 'an S3 bucket URL is an identifier, not a credential'],
  [/^credsweeper\/sample\.tm7 line 3 /, 'the id ends in 1 (not base32, never issued)'],
  [/^detect-secrets\/test_data\/each_secret\.py/, 'AWS documentation examples (the IAM guide key id and its …EXAMPLEKEY secret)'],
  [/^detect-secrets\/test_data\/config\.yaml/, 'placeholder: the body is TEST repeated'],
  [/^gitleaks\/bedrock long-lived tp: the EXAMPLE key$/, 'documentation example (EXAMPLE), and the base64 does not decode to BedrockAPIKey-<id>-at-<account>:<secret>'],
  [/^gitleaks\/bedrock long-lived tp: random/, 'random base64 after ABSKQmVkcm9ja0FQSUtleS1: decodes to BedrockAPIKey- + bytes, not <id>-at-<account>:<secret> as every issued key does'],
  [/^gitleaks\/bedrock short-lived tp \(prefix only\)/, 'only the base64 of "bedrock.amazonaws.com": no presigned CallWithBearerToken URL, signer or expiry to decode'],
];
for (const [id, data] of Object.entries(peers)) {
  for (const c of data.cases) {
    const key = `${id}/${c.name}`;
    const options = OPTIONS[key];
    if (options) c.options = options;
    const r = core.analyze(expand(c.input), { filename: 'peer.txt', ...options });
    c.credlint = [...new Set(r.findings.map((f) => f.kind))].sort();
    delete c.generated;
    if ((c.credlint.length > 0) !== c.peer) {
      const w = WHY.find(([re]) => re.test(key));
      if (!w) { console.error('NO WHY:', key, c.credlint); process.exitCode = 1; }
      else c.why = w[1];
    }
  }
}
for (const [re] of WHY) if (!Object.entries(peers).some(([id, d]) => d.cases.some((c) => c.why && re.test(`${id}/${c.name}`)))) console.error('unused why', re);

mkdirSync(OUT, { recursive: true });
for (const [id, data] of Object.entries(peers)) {
  writeFileSync(path.join(OUT, `${id}.json`), JSON.stringify(data, null, 2) + '\n');
  console.log(id, data.cases.length);
}
