import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adversarialInputs, findRegexes, ROOT, runAdversarial, staticVerdict } from '../../../scripts/regex-audit.mjs';
import { regexAudit } from '../../../scripts/regex-audit-suite.mjs';

// Every regex in packages/core/src, audited for linear time (issue 10 item 15); how, and why not
// by timing: scripts/regex-audit-suite.mjs. A new regex fails the first test until it is listed here.
regexAudit(import.meta.url, [
  { file: 'src/allowlist.ts', re: /^<[^<>]*>$/ },
  { file: 'src/allowlist.ts', re: /^\$\{[^}]*\}$/ },
  { file: 'src/allowlist.ts', re: /^\$\{\{[^}]*\}\}$/ },
  { file: 'src/allowlist.ts', re: /^\$\([^)]*\)$/ },
  { file: 'src/allowlist.ts', re: /^\{\{[^}]*\}\}$/ },
  { file: 'src/allowlist.ts', re: /^%[A-Za-z_][A-Za-z0-9_]*%$/ },
  { file: 'src/allowlist.ts', re: /^\$[A-Za-z_][A-Za-z0-9_]*$/ },
  { file: 'src/allowlist.ts', re: /^\[\[[^\]]*\]\]$/ },
  { file: 'src/allowlist.ts', re: /^[*•.xX#-]+$/ },
  { file: 'src/allowlist.ts', re: /^\*{3,}/ },
  { file: 'src/allowlist.ts', re: /^(AKIA|ASIA|ABIA|ACCA)/ },
  { file: 'src/ignore.ts', re: /(?:\/\/|#|\/\*|^\s*\*|<!--|--|;|%|\{#)[ \t]*credlint-ignore(-next-line)?(?![\w-])([^\r\n]*)/ },
  { file: 'src/ignore.ts', re: /--|\*\/|-->|#\}/ },
  { file: 'src/ignore.ts', re: /[\s,:]+/ },
  { file: 'src/ignore.ts', re: /^(aws-[a-z-]+|access-key-id|secret-access-key|session-token|account-id)$/ },
  { file: 'src/inspect.ts', re: /^\s|\s$/ },
  { file: 'src/inspect.ts', re: /^(["']).*\1$/ },
  { file: 'src/key-id.ts', re: /^\s|\s$/ },
  { file: 'src/key-id.ts', re: /^(["']).*\1$/ },
  { file: 'src/key-name.ts', re: /[^a-z0-9]+/g },
  { file: 'src/bedrock.ts', re: /^BedrockAPIKey-([A-Za-z0-9_+=,.@]{1,64})-at-(\d{12}):([\x21-\x7e]{20,})$/ },
  { file: 'src/bedrock.ts', re: /^bedrock(?:[.-][a-z0-9-]{1,30}){0,2}\.amazonaws\.com(?:\.cn)?\/\?/ },
  { file: 'src/bedrock.ts', re: /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/ },
  { file: 'src/codec.ts', re: /\\\//g },
  { file: 'src/codec.ts', re: /\\u002[Ff]/g },
  { file: 'src/codec.ts', re: /\\u002[Bb]/g },
  { file: 'src/codec.ts', re: /%2B/gi },
  { file: 'src/codec.ts', re: /%2F/gi },
  { file: 'src/codec.ts', re: /%3D/gi },
  { file: 'src/codec.ts', re: /-/g },
  { file: 'src/codec.ts', re: /_/g },
  { file: 'src/scan.ts', re: /[Aa]ccount|ACCOUNT/g },
  { file: 'src/scan.ts', re: /(?<![a-z])aws|amazon|amzn|boto(?:3|core)/gi },
  { file: 'src/scan.ts', re: /-/g },
  { file: 'src/scan.ts', re: /\.(?:tf|tfvars|hcl)(?:\.json)?$/ },
  { file: 'src/scan.ts', re: /\\/g },
  { file: 'src/scan.ts', re: /(^|\/)\.aws\// },
  { file: 'src/scan.ts', re: /(^|\/)credentials$/ },
  { file: 'src/testing.ts', re: /[A-Z]/ },
  { file: 'src/testing.ts', re: /[a-z]/ },
  { file: 'src/testing.ts', re: /[0-9+/]/ },
  { file: 'src/testing.ts', re: /[2-7]/ },
  { file: 'src/testing.ts', re: /(.)\1{3}/ },
  { file: 'src/testing.ts', re: /\+/g },
  { file: 'src/testing.ts', re: /\//g },
]);

it('every package with a src/ has its regex audit (packages/NAME/test/regex-audit.test.ts)', () => {
  const packages = readdirSync(path.join(ROOT, 'packages')).filter((p) => existsSync(path.join(ROOT, 'packages', p, 'src')));
  expect(packages.length).toBeGreaterThanOrEqual(5);
  expect(packages.filter((p) => !existsSync(path.join(ROOT, 'packages', p, 'test/regex-audit.test.ts')))).toEqual([]);
});

it('the inventory finds literals, RegExp calls resolved through consts and helpers, and flags what it cannot resolve', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'credlint-regex-audit-'));
  try {
    mkdirSync(path.join(dir, 'src/sub'), { recursive: true });
    writeFileSync(
      path.join(dir, 'src/sub/a.ts'),
      [
        "const H = '[ \\t]';",
        'const LIT = /x+y/gi;',
        "const re = (s: string): RegExp => new RegExp(s, 'y');",
        'const one = re(`${H}*=`);',
        "const two = re('a' + H);",
        "const three = new RegExp(LIT.source, 'g');",
        "const four = RegExp('/');",
        'export function f(p: string) { return [one, two, three, four, new RegExp(p), "/not a regex/", 1 / 2 / 3]; }',
        '// /in a comment/',
        'const L2 = /zzab+c/;',
        "export const five = new RegExp(L2.source.slice('zz'.length, -1), 'y');",
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'src/b.js'), 'export const b = /b{2,}/u;\n');
    const found = findRegexes(dir).map((r) => ('dynamic' in r ? `${r.file}:${r.line} ${r.dynamic}` : `${r.file}:${r.line} /${r.source}/${r.flags}`));
    expect(found.sort()).toEqual(
      [
        'src/b.js:1 /b{2,}/u',
        'src/sub/a.ts:2 /x+y/gi',
        'src/sub/a.ts:4 /[ \t]*=/y',
        'src/sub/a.ts:5 /a[ \t]/y',
        'src/sub/a.ts:6 /x+y/g',
        'src/sub/a.ts:7 /\\//',
        'src/sub/a.ts:8 new RegExp(p)',
        'src/sub/a.ts:10 /zzab+c/',
        'src/sub/a.ts:11 /ab+/y',
      ].sort(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The audit's own checks, on the regex that prompted it: the python reader's `${NAME:-default}`
// interpolation (packages/dotenv/src/readers/python.ts), 50 KB of `${` took 6 s.
describe('the audit catches a known quadratic regex', () => {
  const PYTHON = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

  it('recheck calls it vulnerable (2nd degree polynomial) with an attack built on `${`', async () => {
    const v = await staticVerdict(PYTHON.source, PYTHON.flags);
    expect(v.status).toBe('vulnerable');
    if (v.status !== 'vulnerable') return;
    expect(v.complexity).toMatchObject({ type: 'polynomial', degree: 2 });
    expect(v.attack.pumps.map((p) => p.pump).join('')).toContain('${');
  });

  it.each([
    ['core inspect.ts before withoutPadding', /=+$/],
    ['doctor environment.ts before trimEnd', /\s+$/],
  ])('recheck also flags the regex replaced in %s', async (_where, re) => {
    expect((await staticVerdict(re.source, re.flags)).status).toBe('vulnerable');
  });

  it('the adversarial inputs include a run of `${`', () => {
    const names = adversarialInputs(PYTHON.source, PYTHON.flags, null, 16).map(([name]) => name);
    expect(names).toContain('"${" repeated');
  });

  it('the megabyte run does not finish it within the budget, and names it', () => {
    // A linear regex takes milliseconds on 1 MB; this one would take hours. 4 s only bounds the test.
    const r = runAdversarial([{ id: 'python interpolation', source: PYTHON.source, flags: PYTHON.flags }], { budgetMs: 4_000 });
    expect(r.status).toBeNull();
    expect(r.last).toMatch(/^start python interpolation on /);
  });
});
