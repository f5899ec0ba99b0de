// The Bedrock member rule through secretlint's own engine: what it reports, where, masked.
import { fakeAccessKeyId, fakeBedrockLongTermKey, fakeBedrockShortTermKey } from '@credlint/core/testing';
import { lintSource } from '@secretlint/core';
import type { SecretLintCoreConfig, SecretLintRulePresetCreator } from '@secretlint/types';
import { describe, expect, it } from 'vitest';
import { creator as preset, rules } from '../src/index.js';

const PRESET_ID = '@credlint/secretlint-rule-preset';
const LONG = fakeBedrockLongTermKey({ seed: 31, account: '123456789012' });
const ASIA = fakeAccessKeyId({ prefix: 'ASIA', account: 210987654321, seed: 32 });
const SHORT = fakeBedrockShortTermKey({ seed: 33, keyId: ASIA, date: '20260301T080000Z', expires: 3600 });

async function lint(content: string, locale = 'en', presetOptions: object = {}) {
  const config: SecretLintCoreConfig = { rules: [{ id: PRESET_ID, rule: preset as unknown as SecretLintRulePresetCreator, options: presetOptions }] };
  const result = await lintSource({
    source: { content, filePath: '/project/.env', ext: '.env', contentType: 'text' },
    options: { config, locale, maskSecrets: false },
  });
  return result.messages.map((m) => ({ rule: m.ruleId.replace('@credlint/secretlint-rule-', ''), messageId: m.messageId, range: m.range, message: m.message }));
}

describe('@credlint/secretlint-rule-aws-bedrock-api-key', () => {
  it('is a recommended member of the preset', () => {
    expect(rules.map((r) => r.meta.id)).toContain('@credlint/secretlint-rule-aws-bedrock-api-key');
  });

  it('reports a long-term key with its account, masked', async () => {
    const content = `AWS_BEARER_TOKEN_BEDROCK=${LONG}\n`;
    const start = content.indexOf(LONG);
    expect(await lint(content)).toEqual([
      {
        rule: 'aws-bedrock-api-key',
        messageId: 'BedrockLongTermAPIKey',
        range: [start, start + LONG.length],
        message: `Amazon Bedrock API key ${LONG.slice(0, 4)}…${LONG.slice(-4)} (long-term, account 1234…9012)`,
      },
    ]);
  });

  it('reports a short-term key with the signing key id and expiry, masked (en and ja)', async () => {
    const content = `export AWS_BEARER_TOKEN_BEDROCK="${SHORT}"\n`;
    const [en] = await lint(content);
    expect(en?.messageId).toBe('BedrockShortTermAPIKey');
    expect(en?.message).toBe(`Amazon Bedrock API key bedr…${SHORT.slice(-4)} (short-term, signed with ${ASIA.slice(0, 4)}…${ASIA.slice(-4)} of account 2109…4321, expires 2026-03-01T09:00:00Z)`);
    const [ja] = await lint(content, 'ja');
    expect(ja?.message).toContain('Amazon Bedrock API キー');
    expect(ja?.message).not.toContain(ASIA);
  });

  it('can be disabled like every member rule', async () => {
    expect(await lint(`AWS_BEARER_TOKEN_BEDROCK=${LONG}\n`, 'en', { disabledRules: ['aws-bedrock-api-key'] })).toEqual([]);
  });

  it('does not report a base64 value that is not a Bedrock key', async () => {
    expect(await lint(`AWS_BEARER_TOKEN_BEDROCK=ABSK${btoa('not a bedrock key at all, just text')}\n`)).toEqual([]);
  });
});
