// secretlint's own snapshot testing (@secretlint/tester) per member rule and for the preset:
// test/snapshots/<rule>/<case>/{input.*, output.json, .secretlintrc.json?}. Inputs are
// written by scripts/generate-fixtures.mjs; UPDATE_SNAPSHOT=1 rewrites output.json.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot } from '@secretlint/tester';
import { creator as filterComments } from '@secretlint/secretlint-rule-filter-comments';
import type { SecretLintCoreConfig, SecretLintRuleCreator, SecretLintRulePresetCreator } from '@secretlint/types';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { creator as preset, rules } from '../src/index.js';

const dir = new URL('./snapshots/', import.meta.url);
// Our rules are typed by the preset's own minimal copy of secretlint's types (src/secretlint-types.ts).
const asRule = (rule: unknown) => rule as SecretLintRuleCreator;
const asPreset = (rule: unknown) => rule as SecretLintRulePresetCreator;
const filter = { id: '@secretlint/secretlint-rule-filter-comments', rule: filterComments };

const configs: Record<string, SecretLintCoreConfig> = {
  preset: { rules: [{ id: preset.meta.id, rule: asPreset(preset) }, filter] },
};
for (const rule of rules) {
  configs[rule.meta.id.replace('@credlint/secretlint-rule-', '')] = {
    rules: [{ id: rule.meta.id, rule: asRule(rule), options: {} }, filter],
  };
}

// The repository's own .credlintignore lists packages/*/test/snapshots/ (so `credlint scan` skips these
// inputs), and the preset honours it from the cwd: the snapshots run from a directory outside the repository.
const cwd = process.cwd();
let outside: string;
beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'credlint-snapshots-'));
  process.chdir(outside);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(outside, { recursive: true, force: true });
});

describe('snapshot fixtures', () => {
  it('cover every member rule and the preset', () => {
    const folders = readdirSync(dir).sort();
    const expected = Object.keys(configs).sort();
    if (JSON.stringify(folders) !== JSON.stringify(expected)) throw new Error(`folders ${folders.join(',')} != ${expected.join(',')}`);
  });
  for (const [name, defaultConfig] of Object.entries(configs)) {
    describe(name, async () => {
      await snapshot({
        defaultConfig,
        snapshotDirectory: fileURLToPath(new URL(`${name}/`, dir)),
        updateSnapshot: false,
      }).forEach((caseName, test) => {
        it(caseName, async () => {
          // The tester writes a missing output.json and answers "skip": that must not pass silently.
          if ((await test()) === 'skip' && !process.env.UPDATE_SNAPSHOT) {
            throw new Error(`${name}/${caseName}: output.json was missing and has been written; review it and run again`);
          }
        });
      });
    });
  }
});
