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
  { file: 'src/doctor/credential-process.ts', re: /\s/ },
  { file: 'src/doctor/environment.ts', re: /^["'`]|["'`]$/ },
  { file: 'src/doctor/environment.ts', re: /^(["'`]).*\1$/s },
  { file: 'src/doctor/environment.ts', re: /^["'`]/ },
  { file: 'src/doctor/environment.ts', re: /["'`]$/ },
  { file: 'src/doctor/environment.ts', re: /^\s+/ },
  { file: 'src/doctor/online.ts', re: /credential/i },
  { file: 'src/doctor/online.ts', re: /region/i },
  { file: 'src/git.ts', re: /[0-7]/ },
  { file: 'src/scan/positions.ts', re: /\r\n|\r|\n/g },
  { file: 'src/scan/staged.ts', re: /\t$/ },
  { file: 'src/scan/staged.ts', re: /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/ },
]);
