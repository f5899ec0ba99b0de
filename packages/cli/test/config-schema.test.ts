// The published schema (credlint.schema.json) and the runtime validator (src/config.ts) describe the
// same file: the same keys, rule ids and dialects, and the same verdict on the examples in
// docs/configuration.md and on a set of invalid configurations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECK_IDS, READERS } from '@credlint/dotenv';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, knownIds, validateConfig } from '../dist/config.js';
import { CLI_DIR, REPO_ROOT } from './helpers.js';

const schema = JSON.parse(readFileSync(path.join(CLI_DIR, 'credlint.schema.json'), 'utf8')) as {
  properties: Record<string, { properties?: Record<string, unknown> }>;
  definitions: { dialect: { enum: string[] }; severity: { enum: string[] } };
};
const known = knownIds();
const ajv = new Ajv.default({ allErrors: true, strict: true });
const schemaValid = ajv.compile(schema);

function runtimeValid(config: unknown): boolean {
  try {
    validateConfig(config, 'test.json', known);
    return true;
  } catch {
    return false;
  }
}

/** The ```json credlint blocks of docs/configuration.md. */
function docExamples(): unknown[] {
  const text = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
  const blocks = [...text.matchAll(/^```json credlint\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1] ?? '') as unknown);
  return blocks;
}

describe('credlint.schema.json and the runtime validator agree', () => {
  it('on the set of keys', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('on the rule ids (core kinds + every dotenv check)', () => {
    expect(Object.keys(schema.properties.rules?.properties ?? {}).sort()).toEqual([...known.rules].sort());
    // …and those are every registered check (not only the light id list the CLI reads).
    expect([...known.rules].filter((id) => !id.startsWith('aws-')).sort()).toEqual([...CHECK_IDS].sort());
    expect(known.rules.has('aws-account-id')).toBe(true);
  });

  it('on the dialects (portable + every reader dotenv models)', () => {
    expect([...schema.definitions.dialect.enum].sort()).toEqual([...known.dialects].sort());
    expect([...known.dialects].sort()).toEqual(['portable', ...READERS].sort());
  });

  it('on the severities', () => {
    expect(schema.definitions.severity.enum).toEqual(['error', 'warn', 'off']);
  });

  it('every example in docs/configuration.md is valid for both', () => {
    const examples = docExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expect(schemaValid(example), JSON.stringify(schemaValid.errors)).toBe(true);
      expect(runtimeValid(example)).toBe(true);
    }
  });

  it.each([
    ['{}', {}],
    ['every key', { $schema: 'x', ignore: ['a/'], rules: { 'aws-access-key-id': 'warn', 'quoted-value': 'off' }, dialects: { '*.env': 'python' }, accountId: false, baseline: 'b.json', maxFileSize: 1024 }],
    ['a size string', { maxFileSize: '1.5 GiB' }],
  ])('valid for both: %s', (_what, config) => {
    expect(schemaValid(config), JSON.stringify(schemaValid.errors)).toBe(true);
    expect(runtimeValid(config)).toBe(true);
  });

  it.each([
    ['unknown key', { rulez: {} }],
    ['unknown rule id', { rules: { 'quoted-valu': 'off' } }],
    ['bad severity', { rules: { 'quoted-value': 'warning' } }],
    ['numeric severity', { rules: { 'quoted-value': 1 } }],
    ['unknown dialect', { dialects: { '*.env': 'zsh' } }],
    ['negated dialect glob', { dialects: { '!*.env': 'bash' } }],
    ['ignore as a string', { ignore: 'a/' }],
    ['empty ignore glob', { ignore: [''] }],
    ['accountId as a string', { accountId: 'true' }],
    ['empty baseline', { baseline: '' }],
    ['zero maxFileSize', { maxFileSize: 0 }],
    ['fractional maxFileSize', { maxFileSize: 1.5 }],
    ['unit-less words', { maxFileSize: 'big' }],
    ['an array', []],
  ])('invalid for both: %s', (_what, config) => {
    expect(schemaValid(config)).toBe(false);
    expect(runtimeValid(config)).toBe(false);
  });

  it('ships in the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain('credlint.schema.json');
    expect(pkg.exports['./credlint.schema.json']).toBe('./credlint.schema.json');
  });
});
