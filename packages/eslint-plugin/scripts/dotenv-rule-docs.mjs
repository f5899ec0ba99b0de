// Writes docs/rules/<check-id>.md for every dotenv check: the ESLint face of a check is a short
// page; the check itself is documented once, in docs/checks/<check-id>.md (dotenv package).
//   node packages/eslint-plugin/scripts/dotenv-rule-docs.mjs   (after building the package)
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS, checks } from '@credlint/dotenv';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');
const KIND = { format: 'Format check (judged against the dialect)', aws: 'AWS check', repository: 'Repository check (git and neighbouring files)' };

for (const id of CHECK_IDS) {
  const c = checks[id];
  // opt-in checks (style, schema) have hand-written pages: not in `recommended`, with options of their own
  if (c.optIn) continue;
  const severity = c.severity === 'error' ? 'error' : 'warn';
  const fileLevel = c.kind === 'repository' && !c.restatesCore;
  const lines = [
    `# \`credlint/${id}\``,
    '',
    `ESLint rule of [\`@credlint/eslint-plugin\`](../../packages/eslint-plugin) for the [\`credlint/dotenv\`](../languages/dotenv.md) language ·`,
    `${KIND[c.kind]} · in \`configs.recommended\` (${severity})${c.fixable ? ' · **autofix** where the check is certain' : ''} ·`,
    `source: [\`packages/eslint-plugin/src/rules/dotenv-checks.ts\`](../../packages/eslint-plugin/src/rules/dotenv-checks.ts) → \`@credlint/dotenv\` check \`${id}\``,
    '',
    '## What it catches',
    '',
    /\.$/.test(c.description) ? c.description : `${c.description}.`,
    '',
    `This rule is the ESLint face of the \`@credlint/dotenv\` check **\`${id}\`**: it reports that check's diagnostics, with`,
    "the check's (masked) message, and holds no logic of its own. What the check catches, why it matters, and the",
    `failing and passing examples: **[docs/checks/${id}.md](../checks/${id}.md)**. \`credlint dotenv\` reports the same`,
    'findings on the command line.',
    '',
  ];
  if (c.fixable) {
    lines.push(
      '## Autofix',
      '',
      '`eslint --fix` (and the editor\'s quick fix) applies `@credlint/dotenv`\'s fix — only on diagnostics the check marks',
      'fixable, i.e. where the fix cannot change the value any reader of the dialect sees. Elsewhere the finding is',
      'reported without a fix.',
      '',
    );
  }
  if (fileLevel) {
    lines.push(
      '## Needs git',
      '',
      'Runs in the same `validate` call as every other rule, on `@credlint/dotenv`\'s `repositoryFacts(path)` (git\'s',
      'state of the file, the example next to it). Git is asked once per repository per ESLint run, not per file;',
      'the facts depend on the path, not the text, so `eslint --fix` and unsaved buffers get the same findings. Nothing',
      'is reported outside a git repository. `--cache`: see [the language page](../languages/dotenv.md#repository-checks-and---cache).',
      '',
    );
  }
  lines.push(
    '## Options',
    '',
    'None on the rule. The dialect the file is judged for is a language option of `credlint/dotenv`:',
    '',
    '```js',
    "import credlint from '@credlint/eslint-plugin';",
    'export default [',
    '  ...credlint.configs.recommended,',
    "  { files: ['**/.env', '**/.env.*'], languageOptions: { dialect: 'docker' } }, // portable (default) | dotenv | node | docker | compose | bash | python",
    '];',
    '```',
    '',
    '## How to silence it',
    '',
    '```sh',
    `# eslint-disable-next-line credlint/${id} -- reason`,
    '```',
    '',
    `or \`"credlint/${id}": "off"\` in a config object with \`files\` matching your env files.`,
    '',
  );
  writeFileSync(resolve(docs, `${id}.md`), lines.join('\n'));
}
console.log(`wrote ${CHECK_IDS.length} pages to ${docs}`);
