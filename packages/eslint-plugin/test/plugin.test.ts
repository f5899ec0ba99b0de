import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks, CHECK_IDS } from '@credlint/dotenv';
import { describe, expect, it } from 'vitest';
import credlint from '../src/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const pkg = JSON.parse(readFileSync(resolve(repo, 'packages/eslint-plugin/package.json'), 'utf8')) as { name: string; version: string };

describe('plugin object', () => {
  it('has meta with name, version and namespace', () => {
    expect(credlint.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'credlint' });
  });

  it('owns the dotenv and python languages and every rule', () => {
    expect(Object.keys(credlint.languages ?? {}).sort()).toEqual(['dotenv', 'python']);
    expect(Object.keys(credlint.rules ?? {}).sort()).toEqual(['no-hardcoded-credentials', 'no-static-credentials', ...CHECK_IDS].sort());
  });
});

describe('docs: every rule and language has its page', () => {
  for (const [name, rule] of Object.entries(credlint.rules ?? {})) {
    it(`docs/rules/${name}.md`, () => {
      const meta = (rule as { meta: { docs: { url: string } } }).meta;
      expect(meta.docs.url).toBe(`https://github.com/credlint/credlint/blob/main/docs/rules/${name}.md`);
      const page = resolve(repo, 'docs/rules', `${name}.md`);
      expect(existsSync(page)).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain(`credlint/${name}`);
      expect(text).toMatch(/## What it catches/);
      expect(text).toMatch(/## How to silence it/);
    });
  }

  for (const language of ['python', 'dotenv']) {
    it(`docs/languages/${language}.md`, () => expect(existsSync(resolve(repo, 'docs/languages', `${language}.md`))).toBe(true));
  }

  it('the dotenv rule table matches @credlint/dotenv (kind, autofix)', () => {
    const text = readFileSync(resolve(repo, 'docs/languages/dotenv.md'), 'utf8');
    for (const id of CHECK_IDS) {
      const row = text.split('\n').find((l) => l.startsWith(`| [\`credlint/${id}\`]`));
      expect(row, id).toBeDefined();
      const kind = { format: 'format', aws: 'AWS', repository: 'repository', style: 'style (opt-in)' }[checks[id].kind];
      expect(row).toContain(`| ${kind} |`);
      expect(row!.includes('where certain')).toBe(checks[id].fixable);
    }
  });

  it('the docs hold no key-shaped strings', async () => {
    const { scan } = await import('@credlint/core');
    const pages = ['rules/no-hardcoded-credentials.md', 'rules/no-static-credentials.md', 'languages/python.md', 'languages/dotenv.md', 'guides/editor.md'];
    for (const p of pages) expect(scan(readFileSync(resolve(repo, 'docs', p), 'utf8'), { filename: p }), p).toEqual([]);
  });
});
