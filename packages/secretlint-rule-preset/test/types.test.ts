// The rule and preset objects type-check as secretlint's own SecretLintRuleCreator and
// SecretLintRulePresetCreator (tsc over test/types/compat.ts).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { run } from './helpers/cli.js';

it('is assignable to @secretlint/types', async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = await run(process.execPath, [tsc, '-p', fileURLToPath(new URL('./types/tsconfig.json', import.meta.url))], fileURLToPath(new URL('.', import.meta.url)));
  expect(r.stdout + r.stderr).toBe('');
  expect(r.code).toBe(0);
});
