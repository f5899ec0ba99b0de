import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credlintIgnores, findRepoTop, ignoredBy, isCredlintIgnored } from '../src/ignore-file.js';

// The one .credlintignore matcher (CLI, ESLint plugin, secretlint preset): gitignore semantics, the cwd's
// file and the repository root's, re-read when edited (an editor's ESLint server lints for hours).
let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'credlint-ignore-file-')));
  mkdirSync(path.join(root, 'repo', 'pkg', 'deep'), { recursive: true });
  writeFileSync(path.join(root, 'repo', '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n'); // a worktree's .git is a file
  writeFileSync(path.join(root, 'repo', '.credlintignore'), 'fixtures/\n*.gen.ts\n!keep.gen.ts\n/top-only.ts\n');
  writeFileSync(path.join(root, 'repo', 'pkg', '.credlintignore'), 'local.ts\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findRepoTop', () => {
  it('is the nearest directory holding .git (a file counts: worktrees, submodules)', () => {
    expect(findRepoTop(path.join(root, 'repo', 'pkg', 'deep'))).toBe(path.join(root, 'repo'));
    expect(findRepoTop(path.join(root, 'repo'))).toBe(path.join(root, 'repo'));
  });
});

describe('isCredlintIgnored', () => {
  const repo = () => path.join(root, 'repo');
  it.each([
    ['fixtures/a.ts', true],
    ['pkg/fixtures/a.ts', true],
    ['x.gen.ts', true],
    ['keep.gen.ts', false],
    ['top-only.ts', true],
    ['pkg/top-only.ts', false],
    ['src/app.ts', false],
  ])('from the root: %s → %s', (file, ignored) => {
    expect(isCredlintIgnored(file, repo())).toBe(ignored);
  });

  it("from a sub-directory: its own file and the root's apply, paths relative to the cwd", () => {
    const pkg = path.join(repo(), 'pkg');
    expect(isCredlintIgnored('local.ts', pkg)).toBe(true);
    expect(isCredlintIgnored('fixtures/a.ts', pkg)).toBe(true);
    expect(isCredlintIgnored(path.join(repo(), 'x.gen.ts'), pkg)).toBe(true);
    expect(isCredlintIgnored('app.ts', pkg)).toBe(false);
    // the sub-directory's file is not the root's: from the root it does not apply
    expect(isCredlintIgnored('pkg/local.ts', repo())).toBe(false);
  });

  it('reads the file again when it changes', () => {
    const file = path.join(repo(), '.credlintignore');
    expect(isCredlintIgnored('src/app.ts', repo())).toBe(false);
    writeFileSync(file, 'fixtures/\n*.gen.ts\n!keep.gen.ts\n/top-only.ts\nsrc/\n');
    try {
      expect(isCredlintIgnored('src/app.ts', repo())).toBe(true);
    } finally {
      writeFileSync(file, 'fixtures/\n*.gen.ts\n!keep.gen.ts\n/top-only.ts\n');
    }
    expect(isCredlintIgnored('src/app.ts', repo())).toBe(false);
  });

  it('does not follow a .credlintignore that is a symbolic link (as git does not)', () => {
    const dir = path.join(root, 'linked');
    mkdirSync(dir);
    writeFileSync(path.join(root, 'patterns'), '*.ts\n');
    symlinkSync(path.join(root, 'patterns'), path.join(dir, '.credlintignore'));
    expect(credlintIgnores(dir, undefined)).toEqual([]);
    expect(isCredlintIgnored('a.ts', dir)).toBe(false);
  });

  it('ignoredBy leaves paths outside a scope to other scopes', () => {
    const scopes = credlintIgnores(path.join(repo(), 'pkg'), undefined);
    expect(ignoredBy(scopes, path.join(repo(), 'pkg', 'local.ts'), false)).toBe(true);
    expect(ignoredBy(scopes, path.join(repo(), 'local.ts'), false)).toBe(false);
  });
});
