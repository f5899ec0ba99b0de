import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, type FindingKind, type ScanOptions } from '../src/index.js';
import { fakeAccessKeyId, prng } from '../src/testing.js';
import type { KeyType } from '../src/types.js';

/**
 * Peer agreement (issue 13): other scanners' public AWS test cases, with the peer's verdict and
 * credlint's, from fixtures/peers/*.json (format and provenance: fixtures/peers/README.md). Every
 * case asserts credlint's kinds; every disagreement carries a one-line why; the agreement counts
 * are computed here and must match the table in docs/detection.md.
 */
interface PeerCase {
  name: string;
  input: string;
  /** the peer's own test expects a finding */
  peer: boolean;
  /** the kinds credlint reports (sorted, unique); [] = nothing */
  credlint: FindingKind[];
  why?: string;
  options?: Pick<ScanOptions, 'kinds'>;
}
interface PeerFile {
  peer: string;
  repo: string;
  commit: string;
  files: string[];
  cases: PeerCase[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.join(HERE, 'fixtures', 'peers');
const DOCS = path.join(HERE, '..', '..', '..', 'docs', 'detection.md');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const peers = files.map((f) => ({ file: f, data: JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as PeerFile }));

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The stored input → the text the peer tested. `{{v:AKIA·IOSF·…}}` is a peer's literal, veiled
 * (chunks of 4 joined by `·`) so the repo holds no key-shaped run; `{{id:PREFIX:seed}}` and
 * `{{alnum:N:seed}}` regenerate what the peer generates at random on each run (gitleaks'
 * `secrets.NewSecret`), deterministically.
 */
export function expand(input: string): string {
  return input
    .replace(/\{\{v:([^{}]*)\}\}/g, (_m, v: string) => v.replaceAll('·', ''))
    .replace(/\{\{id:(AKIA|ASIA|ABIA|ACCA):(\d+)\}\}/g, (_m, p: string, s: string) =>
      fakeAccessKeyId({ prefix: p as KeyType, seed: Number(s) }),
    )
    .replace(/\{\{alnum:(\d+):(\d+)\}\}/g, (_m, n: string, s: string) => {
      const rand = prng(Number(s));
      let out = '';
      for (let i = 0; i < Number(n); i++) out += ALNUM.charAt(Math.floor(rand() * ALNUM.length));
      return out;
    });
}

function kindsOf(c: PeerCase): FindingKind[] {
  const r = analyze(expand(c.input), { filename: 'peer.txt', ...c.options });
  return [...new Set(r.findings.map((f) => f.kind))].sort();
}

interface Tally {
  cases: number;
  peerPositive: number;
  agree: number;
  credlintOnly: number;
  peerOnly: number;
}
function tally(cases: PeerCase[]): Tally {
  const t: Tally = { cases: cases.length, peerPositive: 0, agree: 0, credlintOnly: 0, peerOnly: 0 };
  for (const c of cases) {
    const ours = c.credlint.length > 0;
    if (c.peer) t.peerPositive++;
    if (ours === c.peer) t.agree++;
    else if (ours) t.credlintOnly++;
    else t.peerOnly++;
  }
  return t;
}

describe('peer agreement: fixtures', () => {
  it('has the eight peers', () => {
    expect(files).toEqual([
      'credsweeper.json',
      'detect-secrets.json',
      'gitleaks.json',
      'kingfisher.json',
      'noseyparker.json',
      'secretlint.json',
      'trufflehog.json',
      'whispers.json',
    ]);
  });

  // The stored data must not itself be a leak: no credential in the files as stored, while the
  // expanded inputs do hold the ones credlint reports.
  it.each(files)('%s holds no key-shaped value as stored', (f) => {
    const text = readFileSync(path.join(DIR, f), 'utf8');
    expect(analyze(text, { filename: f }).findings.map((x) => `${x.kind} ${x.masked}`)).toEqual([]);
  });

  it.each(peers.map((p) => [p.file, p.data] as const))('%s names its source and every case is well-formed', (_f, data) => {
    expect(data.repo).toMatch(/^github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(data.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(data.files.length).toBeGreaterThan(0);
    const names = new Set<string>();
    for (const c of data.cases) {
      expect(names.has(c.name), `duplicate case name ${c.name}`).toBe(false);
      names.add(c.name);
      // a why exactly where the verdicts differ
      const differs = c.credlint.length > 0 !== c.peer;
      expect(Boolean(c.why?.trim()), `${c.name}: why ${differs ? 'missing' : 'on an agreeing case'}`).toBe(differs);
    }
  });
});

for (const { data } of peers) {
  describe(`peer agreement: ${data.peer}`, () => {
    it.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(kindsOf(c)).toEqual(c.credlint);
    });
  });
}

describe('peer agreement: counts', () => {
  const rows = peers.map(({ data }) => ({ peer: data.peer, ...tally(data.cases) }));
  const total = tally(peers.flatMap((p) => p.data.cases));

  afterAll(() => {
    console.log(
      ['peer agreement (cases / peer positive / agree / credlint only / peer only)']
        .concat(rows.map((r) => `  ${r.peer}: ${r.cases} / ${r.peerPositive} / ${r.agree} / ${r.credlintOnly} / ${r.peerOnly}`))
        .concat(`  all: ${total.cases} / ${total.peerPositive} / ${total.agree} / ${total.credlintOnly} / ${total.peerOnly}`)
        .join('\n'),
    );
  });

  // docs/detection.md carries the same table between markers, so the published figures cannot drift.
  it('match the table in docs/detection.md', () => {
    const doc = readFileSync(DOCS, 'utf8');
    const block = /<!-- peers:start -->([\s\S]*?)<!-- peers:end -->/.exec(doc);
    expect(block, 'docs/detection.md has no <!-- peers:start --> … <!-- peers:end --> table').not.toBeNull();
    const documented = (block?.[1] ?? '')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| peer') && !l.startsWith('| ---'))
      .map((l) => l.split('|').slice(1, -1).map((cell) => cell.trim().replace(/\*/g, '')));
    const expected = [...rows, { peer: 'all', ...total }].map((r) => [
      r.peer,
      String(r.cases),
      String(r.peerPositive),
      String(r.agree),
      String(r.credlintOnly),
      String(r.peerOnly),
    ]);
    expect(documented.map((cells) => cells.slice(0, 6))).toEqual(expected);
  });

  it('credlint never reports a peer negative except where a peer option silenced it', () => {
    const credlintOnly = peers.flatMap(({ data }) =>
      data.cases.filter((c) => !c.peer && c.credlint.length > 0).map((c) => `${data.peer}: ${c.name}`),
    );
    expect(credlintOnly).toEqual(['secretlint (rule-aws): options.allows']);
  });
});
