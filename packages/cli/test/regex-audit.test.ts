import { regexAudit } from '../../../scripts/regex-audit-suite.mjs';

// Every regex in packages/cli/src, audited for linear time (issue 10 item 15); how, and why not
// by timing: scripts/regex-audit-suite.mjs. A new regex fails the first test until it is listed here
// (`node scripts/regex-audit.mjs list packages/cli` prints the table lines).
regexAudit(import.meta.url, [
  { file: 'src/commands/dotenv.ts', re: /^\d+$/ },
  { file: 'src/commands/init.ts', re: /^[ \t]+(?=")/m },
  { file: 'src/commands/init.ts', re: /\bhusky\b/ },
  { file: 'src/commands/init.ts', re: /\blint-staged\b/ },
  { file: 'src/commands/scan.ts', re: /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i },
  { file: 'src/commands/scan.ts', re: /^\d+$/ },
  { file: 'src/doctor/args.ts', re: /^\d+(?:\.\d+)?$/ },
  { file: 'src/doctor/credential-process.ts', re: /\s/ },
  { file: 'src/doctor/environment.ts', re: /^["'`]|["'`]$/ },
  { file: 'src/doctor/environment.ts', re: /^(["'`]).*\1$/s },
  { file: 'src/doctor/environment.ts', re: /^["'`]/ },
  { file: 'src/doctor/environment.ts', re: /["'`]$/ },
  { file: 'src/doctor/environment.ts', re: /^\s+/ },
  { file: 'src/doctor/online.ts', re: /credential/i },
  { file: 'src/doctor/online.ts', re: /region/i },
  // eslint-disable-next-line no-control-regex -- the audited source matches control characters on purpose
  { file: 'src/format/escape.ts', re: /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g },
  { file: 'src/format/escape.ts', re: /[\ud800-\udfff]/g },
  { file: 'src/git.ts', re: /^fatal: (not a git repository \(or any|this operation must be run in a work tree)/m },
  { file: 'src/git.ts', re: /\n$/ },
  { file: 'src/git.ts', re: /^(?=.)/gm },
  { file: 'src/git.ts', re: /dubious ownership in repository at '(.*)'/ },
  { file: 'src/git.ts', re: /[0-7]/ },
  { file: 'src/scan/analyze.ts', re: /\r(?!\n)/ },
  { file: 'src/scan/analyze.ts', re: /^\s*(?:export\s+)?([A-Za-z_][\w.-]{0,127})\s*[=:]/ },
  { file: 'src/scan/positions.ts', re: /\r\n|\r|\n/g },
  { file: 'src/scan/staged.ts', re: /^0+$/ },
  { file: 'src/scan/staged.ts', re: /\t$/ },
  { file: 'src/scan/staged.ts', re: /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/ },
]);
