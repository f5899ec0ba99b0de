// The rules through secretlint's own engine (@secretlint/core lintSource), as specifications:
// what each reports, where, and that nothing it prints holds a credential.
import { analyze, type FindingKind } from '@credlint/core';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';
import { lintSource } from '@secretlint/core';
import { creator as filterComments } from '@secretlint/secretlint-rule-filter-comments';
import type { SecretLintCoreConfig, SecretLintCoreResult, SecretLintRulePresetCreator } from '@secretlint/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creator as preset, rules, type PresetOptions } from '../src/index.js';
import { analyzeSource } from '../src/analysis.js';

const PRESET_ID = '@credlint/secretlint-rule-preset';
const akia = fakeAccessKeyId({ seed: 11 });
const asia = fakeAccessKeyId({ prefix: 'ASIA', seed: 12 });
const secret = fakeSecretAccessKey(13);
const token = fakeSessionToken(14);

async function lint(content: string, options: { presetOptions?: PresetOptions; locale?: string; maskSecrets?: boolean; filePath?: string; rules?: object[] } = {}) {
  const config: SecretLintCoreConfig = {
    rules: [
      {
        id: PRESET_ID,
        rule: preset as unknown as SecretLintRulePresetCreator,
        options: options.presetOptions ?? {},
        rules: (options.rules ?? []) as never,
      },
      { id: '@secretlint/secretlint-rule-filter-comments', rule: filterComments },
    ],
  };
  const result: SecretLintCoreResult = await lintSource({
    source: { content, filePath: options.filePath ?? '/project/file.txt', ext: '.txt', contentType: 'text' },
    options: { config, locale: options.locale ?? 'en', maskSecrets: options.maskSecrets ?? false },
  });
  return result.messages.map((m) => ({
    rule: m.ruleId.replace('@credlint/secretlint-rule-', ''),
    messageId: m.messageId,
    range: m.range,
    message: m.message,
    severity: m.severity,
    data: m.data,
  }));
}

const KIND_RULE: Record<FindingKind, string> = {
  'access-key-id': 'aws-access-key-id',
  'secret-access-key': 'aws-secret-access-key',
  'session-token': 'aws-session-token',
  'account-id': 'aws-account-id',
  'bedrock-api-key': 'aws-bedrock-api-key',
};

describe('member rules', () => {
  it('are secretlint scanners with ids, docs urls and en + ja messages', () => {
    expect(preset.meta).toMatchObject({ id: PRESET_ID, type: 'preset' });
    for (const rule of rules) {
      expect(rule.meta.id).toMatch(/^@credlint\/secretlint-rule-aws-[a-z-]+$/);
      expect(rule.meta.type).toBe('scanner');
      expect(rule.meta.docs.url).toBe(`https://github.com/credlint/credlint/blob/main/docs/rules/secretlint-${rule.meta.id.replace('@credlint/secretlint-rule-', '')}.md`);
      for (const m of Object.values(rule.messages)) expect(Object.keys(m).sort()).toEqual(['en', 'ja']);
    }
  });

  it('report every core finding at its value range, in core words (en)', async () => {
    const text = `[temp]\naws_access_key_id = ${asia}\naws_secret_access_key = ${secret}\naws_session_token = ${token}\nother_id = ${akia}\n`;
    const findings = analyze(text, { filename: '/project/file.txt' }).findings;
    expect(findings.map((f) => f.kind)).toEqual(['access-key-id', 'secret-access-key', 'session-token', 'access-key-id']);
    const messages = await lint(text);
    const byRule = messages.filter((m) => m.rule !== 'aws-session-token-required');
    expect(byRule.map((m) => [m.rule, m.range, m.message])).toEqual(findings.map((f) => [KIND_RULE[f.kind], [f.start, f.end], f.message]));
    expect(messages.filter((m) => m.rule === 'aws-session-token-required')).toEqual([]);
  });

  const cases: [string, string, string[]][] = [
    ['an AKIA id: long-term message id', `key = ${akia}`, ['aws-access-key-id LongTermAccessKeyID']],
    ['an ASIA id alone: temporary + token missing', `key = ${asia}`, ['aws-access-key-id TemporaryAccessKeyID', 'aws-session-token-required SessionTokenMissing']],
    ['an ASIA id with its token', `key = ${asia}\nAWS_SESSION_TOKEN=${token}`, ['aws-access-key-id TemporaryAccessKeyID', 'aws-session-token AWSSessionToken']],
    ['an ASIA id with a credlint-ignored token', `key = ${asia}\nAWS_SESSION_TOKEN=${token} # credlint-ignore`, ['aws-access-key-id TemporaryAccessKeyID']],
    ['an ASIA id credlint-ignored itself', `key = ${asia} # credlint-ignore`, []],
    ['a secret ending in /', `AWS_SECRET_ACCESS_KEY=${secret.slice(0, 39)}/`, ['aws-secret-access-key AWSSecretAccessKey']],
    ['a secret under secret_key in an AWS provider block', `provider "aws" {\n  secret_key = "${secret}"\n}`, ['aws-secret-access-key AWSSecretAccessKey']],
    ['a 40-char value with no evidence', `cache_key = "${secret}"`, []],
    // (secretlint's filter-comments rule needs the line to end with a newline, as files do)
    ['secretlint-disable-line', `key = ${akia} # secretlint-disable-line\n`, []],
    ['secretlint-disable-next-line', `# secretlint-disable-next-line\nkey = ${akia}\n`, []],
    ['secretlint-disable-next-line limited to another rule', `# secretlint-disable-next-line @credlint/secretlint-rule-aws-secret-access-key\nkey = ${akia}\n`, ['aws-access-key-id LongTermAccessKeyID']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => {
      expect((await lint(text)).map((m) => `${m.rule} ${m.messageId}`)).toEqual(expected);
    });
  }

  it('translate to Japanese with --locale ja', async () => {
    const [m] = await lint(`key = ${akia}`, { locale: 'ja' });
    expect(m?.message).toMatch(/^AWS アクセスキー ID AKIA…\w{4} が見つかりました: 長期アクセスキー/);
  });

  it('read the same under secretlint --maskSecrets: no data for it to star', async () => {
    const [m] = await lint(`AWS_SECRET_ACCESS_KEY=${secret}`, { maskSecrets: true });
    expect(m?.message).toBe(`AWS secret access key ${secret.slice(0, 4)}…${secret.slice(-4)} (key name "AWS_SECRET_ACCESS_KEY")`);
    expect(m?.data).toBeUndefined();
    expect(JSON.stringify(m)).not.toContain(secret);
  });

  it('never print a credential (property: any fake id, secret or token, any surroundings)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('', '"', "'", '`'), fc.constantFrom('\n', ' ', ',', ';'), async (seed, q, sep) => {
        const values = [fakeAccessKeyId({ seed, prefix: seed % 2 ? 'AKIA' : 'ASIA' }), fakeSecretAccessKey(seed), fakeSessionToken(seed)];
        const text = `aws_access_key_id = ${q}${values[0]}${q}${sep}aws_secret_access_key = ${q}${values[1]}${q}${sep}aws_session_token = ${q}${values[2]}${q}\n`;
        const messages = await lint(text, { presetOptions: { enableAccountIdRule: true } });
        expect(messages.length).toBeGreaterThanOrEqual(3);
        const printed = JSON.stringify(messages);
        for (const v of values) expect(printed).not.toContain(v);
      }),
      { numRuns: 60 },
    );
  });
});

describe('preset options', () => {
  const text = `aws_access_key_id = ${akia}\naws_secret_access_key = ${secret}\n`;

  it('allows (preset level) silences matching values in every rule', async () => {
    expect((await lint(text, { presetOptions: { allows: [`/^${akia.slice(0, 8)}/`, secret] } })).map((m) => m.rule)).toEqual([]);
  });

  it('allows (rule level) adds to the preset list', async () => {
    const messages = await lint(text, {
      presetOptions: { allows: [secret] },
      rules: [{ id: '@credlint/secretlint-rule-aws-access-key-id', options: { allows: [akia] } }],
    });
    expect(messages).toEqual([]);
  });

  it('disabledRules turns kinds off by id or short name', async () => {
    const a = await lint(text, { presetOptions: { disabledRules: ['aws-secret-access-key'] } });
    const b = await lint(text, { presetOptions: { disabledRules: ['@credlint/secretlint-rule-aws-access-key-id'] } });
    expect([a.map((m) => m.rule), b.map((m) => m.rule)]).toEqual([['aws-access-key-id'], ['aws-secret-access-key']]);
  });

  it('severity and allowMessageIds per member rule (secretlint settings)', async () => {
    const messages = await lint(`${text}temp = ${asia}\n`, {
      rules: [
        { id: '@credlint/secretlint-rule-aws-access-key-id', severity: 'warning', allowMessageIds: ['TemporaryAccessKeyID'] },
        { id: '@credlint/secretlint-rule-aws-session-token-required', severity: 'info' },
      ],
    });
    expect(messages.map((m) => `${m.rule} ${m.severity}`)).toEqual([
      'aws-access-key-id warning',
      'aws-secret-access-key error',
      'aws-session-token-required info',
    ]);
  });

  it('account ids only with enableAccountIdRule', async () => {
    const tf = `aws_account_id = "491328705562"\n`;
    expect(await lint(tf)).toEqual([]);
    expect((await lint(tf, { presetOptions: { enableAccountIdRule: true } })).map((m) => `${m.rule} ${m.message}`)).toEqual([
      'aws-account-id AWS account id 4913…5562 (key name "aws_account_id")',
    ]);
    // allows match the digits too
    expect(await lint(`aws_account_id = "4913-2870-5562"\n`, { presetOptions: { enableAccountIdRule: true, allows: ['491328705562'] } })).toEqual([]);
  });

  const invalid: [string, PresetOptions | unknown, RegExp][] = [
    ['a bad regular expression', { allows: ['/(/'] }, /"allows" pattern \/\(\/ is not a valid regular expression/],
    ['an empty pattern', { allows: [''] }, /non-empty strings/],
    ['allows not an array', { allows: 'x' }, /must be an array/],
    ['an unknown rule in disabledRules', { disabledRules: ['aws-nope'] }, /unknown rule "aws-nope"; known: /],
    ['options not an object', 'yes', /must be an object/],
  ];
  for (const [name, presetOptions, error] of invalid) {
    it(`rejects ${name} with a message naming it`, async () => {
      await expect(lint(text, { presetOptions: presetOptions as PresetOptions })).rejects.toThrow(error);
    });
  }
});

describe('shared analysis', () => {
  it('scans a file once for all default rules and again only for other kinds', () => {
    const source = { content: `k = ${akia}`, filePath: 'a.txt' };
    const first = analyzeSource(source);
    expect(analyzeSource(source)).toBe(first);
    expect(analyzeSource(source, ['account-id'])).not.toBe(first);
    expect(analyzeSource({ ...source })).not.toBe(first);
  });
});
