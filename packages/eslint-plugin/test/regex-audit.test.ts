import { regexAudit } from '../../../scripts/regex-audit-suite.mjs';

// Every regex in packages/eslint-plugin/src, audited for linear time (issue 10 item 15); how, and why not
// by timing: scripts/regex-audit-suite.mjs. A new regex fails the first test until it is listed here
// (`node scripts/regex-audit.mjs list packages/eslint-plugin` prints the table lines).
regexAudit(import.meta.url, [
  { file: 'src/languages/python/parse.ts', re: /(^|\.)boto3(\.session)?\.Session$/ },
  { file: 'src/languages/python/tokenizer.ts', re: /[\p{L}\p{Nl}_]/u },
  { file: 'src/languages/python/tokenizer.ts', re: /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u },
  { file: 'src/languages/python/tokenizer.ts', re: /[0-9]/ },
  { file: 'src/languages/python/tokenizer.ts', re: /[0-9A-Za-z_.]/ },
  { file: 'src/languages/python/tokenizer.ts', re: /[eE]/ },
  { file: 'src/languages/python/tokenizer.ts', re: /^0[xX]/ },
  { file: 'src/parsers/text.ts', re: /\.(ya?ml|toml)$/i },
  { file: 'src/parsers/text.ts', re: /^[ \t]*#([^\r\n]*)/gm },
  { file: 'src/parsers/typescript.ts', re: /\r\n|[\r\n\u2028\u2029]/gu },
  { file: 'src/parsers/typescript.ts', re: /\.d\.[cm]?ts$/i },
  { file: 'src/parsers/typescript.ts', re: /\.[jt]sx$/i },
  { file: 'src/parsers/typescript.ts', re: /\.[cm]?ts$/i },
  { file: 'src/parsers/typescript.ts', re: / \(\d+:\d+\)$/u },
  { file: 'src/parsers/typescript.ts', re: /(?:(?:in|out|const)\b\s*)*/uy },
  { file: 'src/parsers/typescript.ts', re: /(?:export\s+)?(?:declare\s+)?namespace\b/uy },
  { file: 'src/rules/dotenv-checks.ts', re: /^\uFEFF/ },
  { file: 'src/util/credential-slots.ts', re: /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/ },
  { file: 'src/util/credential-slots.ts', re: /(^|\.)environ$/ },
  { file: 'src/util/credential-slots.ts', re: /aws|boto/i },
  { file: 'src/util/credential-slots.ts', re: /\s/ },
  { file: 'src/util/credential-slots.ts', re: /[ \t]/ },
  { file: 'src/util/hash-comment-source-code.ts', re: /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u },
  { file: 'src/util/lines.ts', re: /\r\n|[\r\n]/u },
  { file: 'src/util/node-names.ts', re: /aws|amazon/i },
  { file: 'src/util/python-import.ts', re: /^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os[ \t]*(?:,|#|;|\r|\n|$)/m },
  { file: 'src/util/python-import.ts', re: /^from[ \t]+__future__[ \t]+import[^\r\n\\(]*$/ },
  { file: 'src/util/python-import.ts', re: /\r\n|[\r\n]/ },
  { file: 'src/util/python-import.ts', re: /^[rRuU]?("""|'''|"|')/ },
  { file: 'src/util/python-import.ts', re: /^[ \t]/ },
  { file: 'src/util/python-import.ts', re: /\r\n/ },
  { file: 'src/util/python-import.ts', re: /[\r\n]$/ },
]);
