/**
 * Issue 10, the git side: every git state either gets scanned the way the commit / work tree really is, or
 * fails with git's own reason (exit 2). Real repositories in temp dirs, the real CLI as a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LineIndex } from '@credlint/core';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitLineNumbers } from '../dist/scan/analyze.js';
import { BIN, cliProcess, git, gitRepo, removeDir, tempDir, type CliResult, type JsonReport } from './helpers.js';

const key = (seed: number) => fakeAccessKeyId({ seed });
const keyLine = (seed: number) => `const accessKeyId = '${key(seed)}';`;

const dirs: string[] = [];
let globalConfig: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  // The machine's own git config must not decide the outcome: an empty global config, no system config.
  const home = tempDir('credlint-git-home-');
  dirs.push(home);
  globalConfig = path.join(home, 'gitconfig');
  writeFileSync(globalConfig, '');
  env = { GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
});
afterAll(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});

const repo = (files: Record<string, string | Buffer> = {}) => {
  const dir = gitRepo(files);
  dirs.push(dir);
  return dir;
};

function run(cwd: string, argv: string[], extra: NodeJS.ProcessEnv = {}): CliResult {
  return cliProcess(argv, cwd, { ...env, ...extra });
}

function json(cwd: string, argv: string[], extra: NodeJS.ProcessEnv = {}): { code: number; report: JsonReport; stderr: string } {
  const r = run(cwd, ['scan', '--format', 'json', ...argv], extra);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`no JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

const where = (r: { report: JsonReport }) => r.report.findings.map((f) => [f.file, f.line, f.ruleId]);

describe('item 1: line endings git does not count as lines', () => {
  it('reports a key on a line that ends in a lone CR (classic Mac)', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'mac.ts'), `a=1\rb=2\r${keyLine(1)}\r`);
    git(dir, 'add', 'mac.ts');
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['mac.ts', 3, 'aws-access-key-id']]);
  });

  it('maps CRLF and mixed endings to the lines git says were added, and only those', () => {
    const dir = repo({ 'mixed.ts': `// one\r\n${keyLine(2)}\r\n// three\r\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'old key, committed without the hook');
    // git's lines: "a\rb" (changed), the old key (unchanged), "// three" (unchanged), the new key (added).
    writeFileSync(path.join(dir, 'mixed.ts'), `// a\r// b\r\n${keyLine(2)}\r\n// three\r\n${keyLine(3)}\n`);
    git(dir, 'add', '.');
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(1);
    // Reported in the report's own numbering (a lone CR is a line break there): line 5.
    expect(where(r)).toEqual([['mixed.ts', 5, 'aws-access-key-id']]);
    expect(r.report.findings[0]?.message).toContain(key(3).slice(0, 4));
  });

  it('a CRLF file is filtered on the same lines as git (an old key on an untouched line stays out)', () => {
    const dir = repo({ 'crlf.ts': `${keyLine(4)}\r\n// b\r\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(path.join(dir, 'crlf.ts'), `${keyLine(4)}\r\n// b\r\n${keyLine(5)}\r\n`);
    git(dir, 'add', '.');
    expect(where(json(dir, ['--staged']))).toEqual([['crlf.ts', 3, 'aws-access-key-id']]);
  });
});

describe('gitLineNumbers: core lines to git lines', () => {
  it.each<[string, string, number[]]>([
    ['LF only', 'a\nb\nc', [1, 2, 3]],
    ['CRLF', 'a\r\nb\r\nc', [1, 2, 3]],
    ['lone CR', 'a\rb\rc\n d', [1, 1, 1, 2]],
    ['mixed', 'a\rb\r\nc\nd\re\r', [1, 1, 2, 3, 3, 3]],
    ['leading CRs', '\r\r\nx', [1, 1, 2]],
  ])('%s', (_name, text, expected) => {
    const lines = new LineIndex(text);
    const toGit = gitLineNumbers(text, lines);
    expect(Array.from({ length: lines.lineCount }, (_, i) => toGit(i + 1))).toEqual(expected);
  });

  it('maps a megabyte of CR-only lines before one LF', () => {
    const text = `${'x\r'.repeat(500_000)}\n${keyLine(40)}`;
    const lines = new LineIndex(text);
    const toGit = gitLineNumbers(text, lines);
    expect(toGit(500_000)).toBe(1);
    expect(toGit(lines.lineCount)).toBe(2);
  });
});

describe('item 2: a repository git refuses is an error, not a plain directory', () => {
  // As root (CI): a checkout owned by someone else, the state of a mounted volume in a root container.
  function refusedRepo(): string {
    const dir = repo({ '.gitignore': '.env\n', '.env': `AWS_ACCESS_KEY_ID=${key(6)}\n`, 'a.ts': '// clean\n' });
    git(dir, 'add', '.gitignore', 'a.ts');
    git(dir, 'add', '-f', '.env');
    git(dir, 'commit', '-q', '-m', 'tracked .env');
    const copy = `${dir}-other-owner`;
    cpSync(dir, copy, { recursive: true });
    dirs.push(copy);
    chownTree(copy, 65534, 65534);
    return copy;
  }

  function chownTree(p: string, uid: number, gid: number): void {
    chownSync(p, uid, gid);
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) chownTree(child, uid, gid);
      else chownSync(child, uid, gid);
    }
  }

  // Without root, git's own test switch makes it see another owner.
  const refused = (): NodeJS.ProcessEnv => (process.getuid?.() === 0 ? {} : { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });

  it('scan exits 2 with git\'s message and the safe.directory hint, instead of walking past the tracked .env', () => {
    const dir = process.getuid?.() === 0 ? refusedRepo() : repo();
    const r = run(dir, ['scan'], refused());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dubious ownership');
    expect(r.stderr).toContain(`git config --global --add safe.directory ${dir}`);
    expect(r.stdout).not.toContain('no problems');
  });

  it('--staged prints git\'s real error', () => {
    const dir = process.getuid?.() === 0 ? refusedRepo() : repo();
    const r = run(dir, ['scan', '--staged'], refused());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dubious ownership');
    expect(r.stderr).not.toContain('no .git found');
  });

  it('following the hint makes the scan work: the tracked .env is found', () => {
    if (process.getuid?.() !== 0) return; // the env switch cannot be lifted by safe.directory
    const dir = refusedRepo();
    const trusted = path.join(path.dirname(globalConfig), 'trusted-gitconfig');
    writeFileSync(trusted, `[safe]\n\tdirectory = ${dir}\n`);
    const r = json(dir, [], { GIT_CONFIG_GLOBAL: trusted });
    expect(r.code).toBe(1);
    const rules = r.report.findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(rules).toContain('.env aws-access-key-id');
    expect(rules).toContain('.env env-file-tracked');
  });

  it('outside any repository still falls back to the directory walk (exit by findings)', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, 'a.ts'), `${keyLine(7)}\n`);
    const r = json(dir, []);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['a.ts', 1, 'aws-access-key-id']]);
    const staged = run(dir, ['scan', '--staged']);
    expect(staged.code).toBe(2);
    expect(staged.stderr).toContain('not a git repository');
  });

  it('a broken .git file (a submodule whose git dir is gone) is an error, not "outside git"', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, '.git'), `gitdir: ${path.join(dir, 'missing-modules-dir')}\n`);
    writeFileSync(path.join(dir, 'a.ts'), '// clean\n');
    const r = run(dir, ['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a git repository');
  });
});

describe('item 3: user git config does not change what --staged sees', () => {
  function configured(): { dir: string; sub: string } {
    const dir = repo({
      'top.ts': `// 1\n// 2\n${keyLine(8)}\n// 4\n`,
      'moved-from.ts': `${keyLine(9)}\n// x\n`,
      'sub/here.ts': '// here\n',
    });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base with old keys');
    // An added line starting "++ " shows as "+++ …" in the patch: content, not a file header.
    writeFileSync(path.join(dir, 'top.ts'), `// 1\n++ /dev/null\n${keyLine(8)}\n// 4\n${keyLine(10)}\n`);
    git(dir, 'mv', 'moved-from.ts', 'sub/moved-to.ts');
    writeFileSync(path.join(dir, 'naïve.ts'), `${keyLine(11)}\n`);
    git(dir, 'add', '-A');
    return { dir, sub: path.join(dir, 'sub') };
  }

  const expected = [
    ['../naïve.ts', 1, 'aws-access-key-id'],
    ['../top.ts', 5, 'aws-access-key-id'],
  ];

  it('baseline: from a subdirectory with no config', () => {
    const { sub } = configured();
    const r = json(sub, ['--staged']);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual(expected);
  });

  it('diff.relative, prefixes, colour, quotePath, an external diff, no renames, context options, a pager', () => {
    const { dir, sub } = configured();
    const fake = path.join(dir, '.git', 'fake-diff.sh');
    writeFileSync(fake, '#!/bin/sh\necho "+++ b/top.ts"\necho "@@ -0,0 +1 @@"\n');
    chmodSync(fake, 0o755);
    for (const [k, v] of [
      ['diff.relative', 'true'],
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['core.quotePath', 'false'],
      ['diff.external', fake],
      ['diff.renames', 'false'],
      ['diff.interHunkContext', '10'],
      ['diff.context', '8'],
      ['diff.suppressBlankEmpty', 'true'],
      ['core.pager', 'sed s/^/x/'],
    ] as const) {
      git(dir, 'config', k, v);
    }
    const r = json(sub, ['--staged'], { GIT_DIFF_OPTS: '--unified=6', GIT_PAGER: 'cat' });
    expect(r.stderr).not.toMatch(/error|fatal/i);
    expect(where(r)).toEqual(expected);
    expect(r.code).toBe(1);
  });

  it('a file git diffs as binary (a -diff attribute) is judged whole, not as adding nothing', () => {
    const dir = repo({ '.gitattributes': '*.cfg -diff\n', 'app.cfg': '# settings\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(path.join(dir, 'app.cfg'), `# settings\naws_access_key_id = ${key(12)}\n`);
    git(dir, 'add', '.');
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['app.cfg', 2, 'aws-access-key-id']]);
  });
});

describe('item 5: submodule work trees are scanned; --staged keeps gitlinks out', () => {
  function withSubmodule(): { sup: string; lib: string } {
    const lib = repo({ 'inner.ts': `${keyLine(13)}\n`, 'deep/more.ts': '// clean\n' });
    git(lib, 'add', '.');
    git(lib, 'commit', '-q', '-m', 'lib');
    const sup = repo({ 'top.ts': '// clean\n' });
    git(sup, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'mod');
    git(sup, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'absent');
    git(sup, 'add', '.');
    git(sup, 'commit', '-q', '-m', 'submodules');
    // Registered, not checked out: the gitlink stays, the work tree is an empty directory.
    removeDir(path.join(sup, 'absent'));
    mkdirSync(path.join(sup, 'absent'));
    return { sup, lib };
  }

  it('scan . lists the submodule with its own git ls-files and says so in summary.errors', () => {
    const { sup } = withSubmodule();
    const r = json(sup, []);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['mod/inner.ts', 1, 'aws-access-key-id']]);
    expect(r.report.summary.files).toBe(4); // .gitmodules, top.ts, mod/inner.ts, mod/deep/more.ts
    expect(r.report.summary.errors.map((e) => [e.file, e.code])).toEqual([
      ['absent', 'submodule-not-checked-out'],
      ['mod', 'submodule'],
    ]);
  });

  it('a submodule that is not checked out is a note, not an error', () => {
    const { sup } = withSubmodule();
    const r = json(sup, ['top.ts', 'absent']);
    expect(r.code).toBe(0);
    expect(r.report.summary.errors.map((e) => [e.file, e.code])).toEqual([['absent', 'submodule-not-checked-out']]);
  });

  it('a named submodule, a directory and a file inside it are scanned', () => {
    const { sup } = withSubmodule();
    expect(where(json(sup, ['mod']))).toEqual([['mod/inner.ts', 1, 'aws-access-key-id']]);
    expect(json(sup, ['mod/deep']).report.summary.files).toBe(1);
    const file = json(sup, ['mod/inner.ts', 'top.ts']);
    expect(where(file)).toEqual([['mod/inner.ts', 1, 'aws-access-key-id']]);
    expect(file.report.summary.files).toBe(2);
  });

  it('nested submodules and untracked nested repositories are listed recursively', () => {
    const { sup, lib } = withSubmodule();
    const outer = repo({ 'o.ts': '// clean\n' });
    git(outer, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib');
    git(outer, 'commit', '-q', '-m', 'nested');
    git(sup, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', outer, 'outer');
    git(path.join(sup, 'outer'), '-c', 'protocol.file.allow=always', 'submodule', 'update', '-q', '--init');
    const vendored = path.join(sup, 'vendored');
    mkdirSync(vendored);
    git(vendored, 'init', '-q');
    writeFileSync(path.join(vendored, 'v.ts'), `${keyLine(14)}\n`);
    const r = json(sup, []);
    expect(where(r)).toEqual([
      ['mod/inner.ts', 1, 'aws-access-key-id'],
      ['outer/lib/inner.ts', 1, 'aws-access-key-id'],
      ['vendored/v.ts', 1, 'aws-access-key-id'],
    ]);
    expect(r.report.summary.errors.filter((e) => e.code === 'submodule').map((e) => e.file)).toEqual(['mod', 'outer', 'outer/lib', 'vendored']);
  });

  it('--staged in the superproject does not read submodule content (a gitlink is a commit id)', () => {
    const { sup } = withSubmodule();
    writeFileSync(path.join(sup, 'mod', 'inner2.ts'), `${keyLine(15)}\n`);
    git(path.join(sup, 'mod'), 'add', '.');
    git(path.join(sup, 'mod'), 'commit', '-q', '-m', 'another key');
    git(sup, 'add', 'mod');
    const r = json(sup, ['--staged']);
    expect(r.code).toBe(0);
    expect(r.report.findings).toEqual([]);
  });
});

describe('item 7: a staged file over --max-file-size fails the hook', () => {
  it('text over the limit: too-large in summary.errors, naming size, limit and the flag; exit 2', () => {
    const dir = repo();
    const text = `${'// padding\n'.repeat(500)}${keyLine(16)}\n`;
    writeFileSync(path.join(dir, 'big.ts'), text);
    git(dir, 'add', '.');
    const r = json(dir, ['--staged', '--max-file-size', '1KB']);
    expect(r.code).toBe(2);
    expect(r.report.summary.errors).toHaveLength(1);
    const e = r.report.summary.errors[0];
    expect(e?.code).toBe('too-large');
    expect(e?.file).toBe('big.ts');
    expect(e?.message).toContain(`${Buffer.byteLength(text)} bytes`);
    expect(e?.message).toContain('1024');
    expect(e?.message).toContain('--max-file-size');
    // Through the stylish path too (the hook's default output).
    expect(run(dir, ['scan', '--staged', '--max-file-size', '1KB']).code).toBe(2);
  });

  it('binary over the limit: a binary note, exit 0', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.alloc(4000, 0x41)]));
    git(dir, 'add', '.');
    const r = json(dir, ['--staged', '--max-file-size', '1KB']);
    expect(r.code).toBe(0);
    expect(r.report.summary.errors).toEqual([{ file: 'blob.bin', code: 'binary', message: 'skipped: binary file', fatal: false }]);
  });
});

describe('item 10: no git binary on PATH', () => {
  let nogit: string;
  beforeAll(() => {
    nogit = tempDir('credlint-nogit-path-');
    dirs.push(nogit);
    symlinkSync(process.execPath, path.join(nogit, 'node'));
  });

  it('scan falls back to the directory walk with one note; .gitignore is applied by the walker', () => {
    const dir = repo({ '.gitignore': 'ignored/\n', 'a.ts': `${keyLine(17)}\n`, 'ignored/b.ts': `${keyLine(18)}\n` });
    const r = json(dir, [], { PATH: nogit });
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['a.ts', 1, 'aws-access-key-id']]);
    expect(r.stderr.match(/git was not found/g)).toHaveLength(1);
    const one = run(dir, ['scan', 'a.ts'], { PATH: nogit });
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('git was not found on PATH');
  });

  it('--staged exits 2 saying it needs git', () => {
    const dir = repo({ 'a.ts': '// x\n' });
    const r = run(dir, ['scan', '--staged'], { PATH: nogit });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--staged needs git');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('item 11: renames add no lines', () => {
  function committedKey(): string {
    const dir = repo({ 'old.ts': `// header\n${keyLine(19)}\n// footer\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'key committed before the hook');
    return dir;
  }

  it('git mv of a file with an old key: exit 0', () => {
    const dir = committedKey();
    git(dir, 'mv', 'old.ts', 'renamed.ts');
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(0);
    expect(r.report.findings).toEqual([]);
  });

  it('rename plus a new key line: exit 1 on that line only', () => {
    const dir = committedKey();
    git(dir, 'mv', 'old.ts', 'renamed.ts');
    writeFileSync(path.join(dir, 'renamed.ts'), `// header\n${keyLine(19)}\n// footer\n${keyLine(20)}\n`);
    git(dir, 'add', '.');
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(1);
    expect(where(r)).toEqual([['renamed.ts', 4, 'aws-access-key-id']]);
    // --whole-files still reports both.
    expect(json(dir, ['--staged', '--whole-files']).report.findings.map((f) => f.line)).toEqual([2, 4]);
  });

  it('a moved directory (many exact renames) adds nothing', () => {
    const dir = repo(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a/f${i}.ts`, `${keyLine(30 + i)}\n`])));
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    renameSync(path.join(dir, 'a'), path.join(dir, 'b'));
    git(dir, 'add', '-A');
    expect(json(dir, ['--staged']).code).toBe(0);
  });
});

describe('staged content, not the work tree, decides', () => {
  it('staged key then removed from the file without staging: still fails', () => {
    const dir = repo({ 'a.ts': `${keyLine(21)}\n` });
    git(dir, 'add', '.');
    writeFileSync(path.join(dir, 'a.ts'), '// removed, not staged\n');
    expect(json(dir, ['--staged']).code).toBe(1);
  });

  it('key added to the work tree without staging: passes', () => {
    const dir = repo({ 'a.ts': '// clean\n' });
    git(dir, 'add', '.');
    writeFileSync(path.join(dir, 'a.ts'), `// clean\n${keyLine(22)}\n`);
    const r = json(dir, ['--staged']);
    expect(r.code).toBe(0);
    expect(r.report.summary.files).toBe(1);
  });
});

describe('as a real pre-commit hook', () => {
  // `git commit -a` and `git commit <path>` build a temporary index and point the hook at it with GIT_INDEX_FILE.
  function hooked(): string {
    const dir = repo({ 'a.ts': '// clean\n', 'b.ts': '// clean\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    const hooks = path.join(dir, '.git', 'test-hooks');
    mkdirSync(hooks);
    writeFileSync(path.join(hooks, 'pre-commit'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' scan --staged\n`);
    chmodSync(path.join(hooks, 'pre-commit'), 0o755);
    git(dir, 'config', 'core.hooksPath', hooks);
    writeFileSync(path.join(dir, 'a.ts'), `// clean\n${keyLine(41)}\n`);
    writeFileSync(path.join(dir, 'b.ts'), '// still clean\n');
    return dir;
  }
  const commit = (dir: string, ...args: string[]) =>
    spawnSync('git', ['commit', '-q', '-m', 'attempt', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });

  it('git commit -a with a key in an unstaged change is refused', () => {
    const dir = hooked();
    const r = commit(dir, '-a');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('aws-access-key-id');
  });

  it('git commit <path>: the key in that path is refused, a commit of the other path passes', () => {
    const dir = hooked();
    expect(commit(dir, 'a.ts').status).not.toBe(0);
    const ok = commit(dir, 'b.ts');
    expect(ok.stderr).toContain('no problems in 1 file scanned');
    expect(ok.status).toBe(0);
  });
});

describe('item 18: the number of staged files does not reach git argv', () => {
  it('5,000 staged files (and 5,000 named paths, as lint-staged passes them): every git call has a short argv', () => {
    const n = 5000;
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`src/d${i % 50}/f${i}.ts`] = `// file ${i}\n`;
    const dir = repo(files);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    // Half modified (needs the line diff), one with a key; plus new files.
    for (let i = 0; i < n; i += 2) writeFileSync(path.join(dir, `src/d${i % 50}/f${i}.ts`), `// file ${i}\n// changed\n`);
    writeFileSync(path.join(dir, 'src/d10/f10.ts'), `// file 10\n${keyLine(23)}\n`);
    for (let i = 0; i < 100; i++) writeFileSync(path.join(dir, `src/new${i}.ts`), `// new ${i}\n`);
    git(dir, 'add', '.');

    // A `git` that records its argument count, then runs the real one.
    const shim = tempDir('credlint-git-shim-');
    dirs.push(shim);
    const log = path.join(shim, 'argc.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$#" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(path.join(shim, 'git'), 0o755);
    const PATH = `${shim}${path.delimiter}${process.env.PATH ?? ''}`;

    const names = Object.keys(files).concat(Array.from({ length: 100 }, (_, i) => `src/new${i}.ts`));
    for (const argv of [['--staged'], ['--staged', ...names]]) {
      writeFileSync(log, '');
      const r = json(dir, argv, { PATH });
      expect(r.code).toBe(1);
      expect(where(r)).toEqual([['src/d10/f10.ts', 2, 'aws-access-key-id']]);
      expect(r.report.summary.files).toBe(n / 2 + 100);
      const counts = readFileSync(log, 'utf8').trim().split('\n').map(Number);
      // rev-parse, diff --raw, diff -U0, cat-file: four calls, none carrying file names.
      expect(counts.length).toBeLessThanOrEqual(4);
      expect(Math.max(...counts)).toBeLessThan(40);
    }
  }, 60_000);
});
