/**
 * The measured reader matrix: each construct is run through the real dotenv, Node util.parseEnv (a binary
 * of each modelled Node line),
 * python-dotenv and bash; Compose and `docker run --env-file` come from our source-based models.
 * The table in docs/guides/dotenv.md is generated from this run — regenerate with
 * `UPDATE_READER_MATRIX=1 pnpm exec vitest run packages/dotenv/test/reader-matrix.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, type EnvEntry, type Reader } from '../src/index.js';
import { findPython, modelledNodeLine, realBashBatch, realDotenv, realNodeBatch, realPythonBatch, type VarMap } from './helpers/real-readers.js';

const CONSTRUCTS: [string, string][] = [
  ['plain', 'K=v'],
  ['double quotes', 'K="v"'],
  ['single quotes', "K='v'"],
  ['backticks', 'K=`v`'],
  ['spaces around =', 'K = v'],
  ['space after =', 'K= v'],
  ['trailing spaces', 'K=v   '],
  ['inline comment', 'K=v # c'],
  ['inline comment after tab', 'K=v\t# c'],
  ['# inside value', 'K=abc#def'],
  ['export prefix', 'export K=v'],
  ['unquoted spaces', 'K=a b'],
  ['quoted spaces', 'K="a b"'],
  ['escaped quote', 'K="a\\"b"'],
  ['\\n in double quotes', 'K="a\\nb"'],
  ['\\n in single quotes', "K='a\\nb'"],
  ['$VAR (A=x set before)', 'A=x\nK=$A'],
  ['${VAR} in double quotes', 'A=x\nK="${A}"'],
  ['${VAR} in single quotes', "A=x\nK='${A}'"],
  ['unterminated quote', 'K="v'],
  ['multi-line value', 'K="a\nb"'],
  ['CRLF line ending', 'K=v\r\n'],
  ['dashed name', 'K-Y=v'],
  ['YAML-style K: v', 'K: v'],
  ['tab before the name', '\tK=v'],
  ['space before the name', ' K=v'],
  ["quoted name 'K'=v", "'K'=v"],
  ['${ never closed', 'K=${A\nL=1'],
  ['nested ${ never closed', 'K=${A${B}\nL=1'],
  ['bad substitution ${A!}', 'K=${A!}'],
  ['bad substitution ${A$B}', 'K=${A$B}'],
  ['unquoted $ inside a word', 'K=pa$word'],
  ['unquoted $A}', 'A=x\nK=$A}'],
  ['unquoted ${A-$B}', 'K=${A-$B}'],
  ['trailing tab', 'K=v\t'],
  ['export and two spaces', 'export  K=v'],
  ['a line without = before', 'junk\nK=v'],
  ['an empty name before', '=x\nK=v'],
  ['blanks after =, then a line break', 'K= \nv'],
];

/** The node reader once per modelled Node line (readers/node20.ts, node24.ts). */
type Column = Reader | 'node20' | 'node24';
const COLUMNS: Column[] = ['dotenv', 'node20', 'node24', 'python', 'compose', 'docker', 'bash'];
const HEAD = '| construct | line | dotenv 17.4.2 ✔ | Node 20.19.5+ `util.parseEnv` ✔ | Node 22.16+ and 24 `util.parseEnv` ✔ | python-dotenv ✔ | Compose (compose-go) src | `docker run --env-file` src | bash `source` ✔ |';

function keyOf(text: string): string {
  return text.includes('K-Y') ? 'K-Y' : 'K';
}

function ours(text: string, column: Column): string | undefined | 'unknown' {
  const reader: Reader = column === 'node20' || column === 'node24' ? 'node' : column;
  const doc = parse(text, column === 'node20' ? { nodeLine: '20' } : column === 'node24' ? { nodeLine: '24' } : {});
  const e = doc.nodes.filter((n): n is EnvEntry => n.type === 'entry' && n.key === keyOf(text)).pop();
  // a reader may set K where the structure has another name (python-dotenv reads `'K'=v` as K)
  const own = doc.readerOnly?.filter((a) => a.reader === reader && a.key === keyOf(text)).pop();
  if (!e) return own?.value;
  if (e.unknown?.includes(reader)) return 'unknown';
  return e.values[reader];
}

/** Control characters as symbols (↵ newline, ␍ CR, → tab), everything else as is; `|` and backticks made table-safe. */
function visible(v: string): string {
  return v.replace(/\n/g, '↵').replace(/\r/g, '␍').replace(/\t/g, '→').replace(/\|/g, '\\|').replace(/`/g, 'ˋ');
}

function cell(v: string | null | undefined): string {
  if (v === undefined || v === null) return '*unset*';
  const shown = visible(v);
  return v === '' ? '*empty*' : `\`${shown}\``;
}

const py = findPython();

/** A Node binary for each modelled line: the running one, else test-node24.mjs's cache (and credlint-node22, credlint-node20 beside it). */
function nodeFor(lines: string[]): string | undefined {
  const cache = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));
  const candidates = [process.execPath, ...['24', '22', '20'].map((l) => join(cache, `credlint-node${l}`, 'node_modules/node/bin/node'))];
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    const version = c === process.execPath ? process.versions.node : execFileSync(c, ['--version'], { encoding: 'utf8' }).trim().slice(1);
    const line = modelledNodeLine(version);
    if (line && lines.includes(line)) return c;
  }
  return undefined;
}
const NODE20_BIN = nodeFor(['20']);
const NODE24_BIN = nodeFor(['22', '24']);

function measure(): { table: string; mismatches: string[] } {
  const texts = CONSTRUCTS.map(([, t]) => t);
  const bash = realBashBatch(texts, ['K']);
  const python = 'reason' in py ? undefined : realPythonBatch(py.python, texts);
  const node20 = NODE20_BIN ? realNodeBatch(NODE20_BIN, texts).out : undefined;
  const node24 = NODE24_BIN ? realNodeBatch(NODE24_BIN, texts).out : undefined;
  const mismatches: string[] = [];
  const rows = CONSTRUCTS.map(([name, text], i) => {
    const key = keyOf(text);
    const real: Partial<Record<Column, VarMap | undefined>> = {
      dotenv: realDotenv(text),
      node20: node20?.[i],
      node24: node24?.[i],
      python: python?.[i],
      bash: key === 'K' ? bash[i] : {},
    };
    const cells = COLUMNS.map((r) => {
      const model = ours(text, r);
      const m = real[r];
      if (m === undefined) return model === 'unknown' ? '*runtime*' : cell(model);
      const measured = m[key] ?? undefined;
      if (model !== 'unknown' && (model ?? null) !== (measured ?? null)) mismatches.push(`${name} / ${r}: model ${JSON.stringify(model)} vs real ${JSON.stringify(measured)}`);
      return cell(measured);
    });
    return `| ${name} | \`${visible(text)}\` | ${cells.join(' | ')} |`;
  });
  const sep = `|${'---|'.repeat(9)}`;
  return {
    table: [HEAD, sep, ...rows, '', "✔ = measured by running the real reader; src = credlint's model of the reader's source. In cells, ↵ is a line break, ␍ a carriage return, → a tab and ˋ a backtick."].join('\n'),
    mismatches,
  };
}

const GUIDE = fileURLToPath(new URL('../../../docs/guides/dotenv.md', import.meta.url));
const BEGIN = '<!-- reader-matrix:begin (generated by packages/dotenv/test/reader-matrix.test.ts) -->';
const END = '<!-- reader-matrix:end -->';

describe('reader matrix', () => {
  const { table, mismatches } = measure();
  it('our model matches every measured reader on every construct', () => {
    expect(mismatches).toEqual([]);
  });
  // Without python-dotenv or a binary of each Node line, a column cannot be measured here, so the table cannot be re-derived.
  it.skipIf('reason' in py || !NODE20_BIN || !NODE24_BIN)('docs/guides/dotenv.md carries the measured table', () => {
    const guide = readFileSync(GUIDE, 'utf8');
    const a = guide.indexOf(BEGIN);
    const b = guide.indexOf(END);
    expect(a).toBeGreaterThanOrEqual(0);
    const current = guide.slice(a + BEGIN.length, b).trim();
    if (process.env.UPDATE_READER_MATRIX === '1' && current !== table) {
      writeFileSync(GUIDE, `${guide.slice(0, a + BEGIN.length)}\n${table}\n${guide.slice(b)}`);
      return;
    }
    expect(current).toBe(table);
  });
});
