/** Which Node line's `--env-file` parser judges a file: engines.node (lowest line), else the running Node. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, validate, validateFile } from '../src/index.js';
import { nodeLineFor, nodeLineOf, nodeLineOfEngines, nodeModelOf, runningNodeLine } from '../src/internals.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'credlint-nodeline-'));
  dirs.push(root);
  mkdirSync(join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('nodeLineOf / nodeLineOfEngines', () => {
  it('maps versions to lines', () => {
    expect(['v20.20.2', '20.19.0', '22.18.0', 'v24.21.0', '25.1.0', '18.0.0', 'x'].map(nodeLineOf)).toEqual(['20', '20', '22', '24', '24', undefined, undefined]);
    expect(nodeLineOf(process.versions.node)).toBe(runningNodeLine());
  });
  it('knows which model covers each measured release', () => {
    const releases = ['20.19.0', '20.19.4', '20.19.5', '20.20.2', '22.13.0', '22.14.0', '22.15.1', '22.16.0', '22.23.3', '24.0.0', '24.21.0', '21.7.3', '18.20.0'];
    expect(releases.map(nodeModelOf)).toEqual(['early', 'early', '20', '20', 'early', 'early', '22.15', '22', '22', '24', '24', undefined, undefined]);
  });
  it('takes the lowest major an engines range allows', () => {
    const cases: [string, string | undefined][] = [
      ['^20.19.0 || ^22.13.0 || >=24', '20'],
      ['>=22', '22'],
      ['22.x', '22'],
      ['>=24.0.0', '24'],
      ['^24 || ^22.18', '22'],
      ['>=18', '20'],
      ['*', undefined],
    ];
    for (const [range, line] of cases) expect([range, nodeLineOfEngines(range)]).toEqual([range, line]);
  });
});

describe('nodeLineFor: the nearest engines.node up to the repository root', () => {
  it('reads the package.json beside the file, then the workspace root', () => {
    const root = project({
      'package.json': JSON.stringify({ engines: { node: '>=24' } }),
      'packages/a/package.json': JSON.stringify({ name: 'a' }),
      'packages/b/package.json': JSON.stringify({ name: 'b', engines: { node: '^22.18.0' } }),
    });
    expect(nodeLineFor(join(root, '.env'))).toEqual({ line: '24', from: join(root, 'package.json') });
    expect(nodeLineFor(join(root, 'packages/a/.env')).line).toBe('24');
    expect(nodeLineFor(join(root, 'packages/b/.env')).line).toBe('22');
  });
  it('stops at the repository root and falls back to the running Node', () => {
    const outer = project({ 'package.json': JSON.stringify({ engines: { node: '^20.20.0' } }) });
    const inner = join(outer, 'inner');
    mkdirSync(join(inner, '.git'), { recursive: true });
    expect(nodeLineFor(join(inner, '.env'))).toEqual({ line: runningNodeLine() });
    writeFileSync(join(inner, 'package.json'), '{ not json');
    expect(nodeLineFor(join(inner, '.env'))).toEqual({ line: runningNodeLine() });
  });
});

describe('the chosen line decides the node findings', () => {
  // `\tFOO=BAR`: Node 20 sets "\tFOO"; Node 22.16+ and 24 set FOO
  it('validateFile judges by the project engines, whatever Node runs credlint', async () => {
    const old = project({ 'package.json': JSON.stringify({ engines: { node: '^20.19.0 || >=22' } }), '.env': '\tFOO=BAR\n' });
    const recent = project({ 'package.json': JSON.stringify({ engines: { node: '>=24' } }), '.env': '\tFOO=BAR\n' });
    const a = await validateFile(join(old, '.env'), { dialect: 'node', git: false });
    expect(a.diagnostics.filter((d) => d.checkId === 'invalid-key').map((d) => d.message.slice(0, 40))).toEqual(["Indented name: Node 20's --env-file (uti"]);
    const b = await validateFile(join(recent, '.env'), { dialect: 'node', git: false });
    expect(b.diagnostics.filter((d) => d.checkId === 'invalid-key')).toEqual([]);
    // an explicit line wins over engines
    const c = await validateFile(join(recent, '.env'), { dialect: 'node', git: false, nodeLine: '20' });
    expect(c.diagnostics.filter((d) => d.checkId === 'invalid-key')).toHaveLength(1);
  });
  it('validate with a filename looks the same way; without one it uses the running line', () => {
    const root = project({ 'package.json': JSON.stringify({ engines: { node: '>=24' } }) });
    expect(validate('\tFOO=BAR\n', { dialect: 'node', filename: join(root, '.env') }).filter((d) => d.checkId === 'invalid-key')).toEqual([]);
    expect(validate('\tFOO=BAR\n', { dialect: 'node' }).filter((d) => d.checkId === 'invalid-key')).toHaveLength(runningNodeLine() === '20' ? 1 : 0);
    expect(parse('\tFOO=BAR\n').nodeLine).toBe(runningNodeLine());
  });
});
