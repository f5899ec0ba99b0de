import { regexAudit } from '../../../scripts/regex-audit-suite.mjs';
import { compileAllowPattern } from '../src/allows.js';

// Every regex in packages/secretlint-rule-preset/src, audited for linear time (issue 10 item 15);
// how, and why not by timing: scripts/regex-audit-suite.mjs. A new regex fails the first test until
// it is listed here (`node scripts/regex-audit.mjs list packages/secretlint-rule-preset`).
regexAudit(import.meta.url, [
  { file: 'src/allows.ts', re: /[|\\{}()[\]^$+*?.]/g },
  { file: 'src/allows.ts', re: /-/g },
  {
    file: 'src/allows.ts',
    dynamic: 'new RegExp(parsed.source, uniqueFlags(parsed.flags))',
    why: "the user's own `allows` regex (`/source/flags`), compiled as written, as every secretlint rule does: its cost is the user's choice, not ours",
  },
  {
    file: 'src/allows.ts',
    dynamic: "new RegExp(escapeRegExp(pattern), 'ug')",
    why: 'a plain `allows` string, every regex syntax character escaped: a quantifier-free literal (checked below on literals full of syntax characters)',
    instances: () => ['AKIAIOSFODNN7EXAMPLE', 'a-b.c*d+e?(f)[g]{h}|i^j$k\\l/m', '${{ secrets.AWS_KEY }}', '***', '-+-+'].map(compileAllowPattern),
  },
]);
