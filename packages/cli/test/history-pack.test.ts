// The pack pass (src/history/pack.ts) clears blobs from their delta instructions. It must answer
// exactly what testing each whole blob answers, rebuild every object byte for byte, and leave the
// history report unchanged: checked here on real repositories repacked by git into deep delta chains.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { mayHaveFindings } from '@credlint/core/prefilter';
import { fakeAccessKeyId, fakeSecretAccessKey, prng } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, CLEAN_LATIN1, PackIndex, PackReader, READ } from '../dist/history/pack.js';
import { gitLogStats, scanHistory, startGit, type HistoryOptions } from '../dist/history/scan.js';
import { git, removeDir, tempDir } from './helpers.js';

const MAX = 60000;

/** What BlobScanner decides for a whole blob (blobs.ts `blob`): the verdict the pack pass must give. */
function expected(content: Buffer): number {
  const bom = (content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff);
  if (content.length > MAX || bom || content.subarray(0, 8000).indexOf(0) !== -1 || mayHaveFindings(content)) return READ;
  return isUtf8(content) ? CLEAN : CLEAN_LATIN1;
}

/**
 * A history of `commits` commits over a few files that grow to tens of KB, each commit a small edit:
 * lines in and out, a key or a secret value now and then (also right after a name already there,
 * and inside long unchanged runs), Latin-1 and NUL bytes, a UTF-16 file, a file that outgrows MAX.
 */
function buildRepo(dir: string, commits: number, seed: number): void {
  git(dir, 'init', '-q', '-b', 'main');
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = () => pick(['const', 'value', 'region', 'bucket', 'handler', 'café', 'x', 'items', 'count']);
  const line = (i: number) => `${word()}_${i} = ${word()}(${Math.floor(rand() * 1e6)});\n`;
  const files = new Map<string, Buffer>([
    ['src/a.ts', Buffer.from(Array.from({ length: 400 }, (_, i) => line(i)).join(''))],
    ['src/b.py', Buffer.from(Array.from({ length: 900 }, (_, i) => line(i)).join(''))],
    ['docs/c.md', Buffer.from(`# doc\n${'lorem ipsum dolor sit amet '.repeat(600)}\naws_secret_access_key =\n`)],
    ['latin1.txt', Buffer.from(`caf\xe9 ${'plain words here '.repeat(500)}`, 'latin1')],
    ['data.bin', Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from([0]), Buffer.from('tail '.repeat(300))])],
    ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello world '.repeat(400), 'utf16le')])],
    ['big.txt', Buffer.from('grow '.repeat(11000))],
    // Values one character short of a secret's 40, 79 bytes after their name word starts.
    ['conf/keys.ini', Buffer.from(Array.from({ length: 60 }, (_, i) => `svc_${i}_secret_access_key_for_production_use = "${'abcdefghijklm'.repeat(3)}"\n`).join(''))],
  ]);
  /** Keys and values put in and not yet taken out again: most versions are clean, as in real histories. */
  const planted: { name: string; text: Buffer }[] = [];
  const chunks: Buffer[] = [];
  for (let c = 1; c <= commits; c++) {
    const ops: Buffer[] = [];
    const touched = new Set<string>();
    const write = (name: string, body: Buffer) => {
      files.set(name, body);
      touched.add(name);
    };
    for (let k = 0; k < 2; k++) {
      const name = pick([...files.keys()]);
      let body = files.get(name) as Buffer;
      const at = Math.floor(rand() * (body.length + 1));
      const cut = Math.floor(rand() * 40);
      const r = rand();
      const secret =
        r < 0.03 ? Buffer.from(` ${fakeAccessKeyId({ seed: c })} `) : r < 0.05 ? Buffer.from(`\nsecret = "${fakeSecretAccessKey(c)}"\n`) : undefined;
      if (secret) planted.push({ name, text: secret });
      // Latin-1 and NUL bytes only where they belong (a file's first one changes its verdict for good).
      const odd = name === 'latin1.txt' ? Buffer.from([0xe9]) : name === 'data.bin' ? Buffer.from([0]) : Buffer.from(line(c));
      const insert = secret ?? (r < 0.2 ? odd : r < 0.6 ? Buffer.from(line(c)) : Buffer.alloc(0));
      body = Buffer.concat([body.subarray(0, at), insert, body.subarray(Math.min(body.length, at + (secret ? 0 : cut)))]);
      if (name === 'big.txt') body = Buffer.concat([body, Buffer.from('grow '.repeat(200))]);
      write(name, body);
    }
    // A 40th character for one of them (a `Q`, the only one there), far from where its name starts.
    if (rand() < 0.1) {
      const body = files.get('conf/keys.ini') as Buffer;
      const end = body.indexOf('m"', Math.floor(rand() * body.length));
      if (end >= 0) {
        planted.push({ name: 'conf/keys.ini', text: Buffer.from('Q') });
        write('conf/keys.ini', Buffer.concat([body.subarray(0, end + 1), Buffer.from('Q'), body.subarray(end + 1)]));
      }
    }
    // The value for docs/c.md's trailing name, appended now and then: a window that ends the file.
    if (rand() < 0.04) {
      const text = Buffer.from(` ${fakeSecretAccessKey(c + 1000)}`);
      planted.push({ name: 'docs/c.md', text });
      write('docs/c.md', Buffer.concat([files.get('docs/c.md') as Buffer, text]));
    }
    // Taken out again a few commits later.
    if (planted.length && rand() < 0.5) {
      const { name, text } = planted.shift() as { name: string; text: Buffer };
      const body = files.get(name) as Buffer;
      const i = body.indexOf(text);
      if (i >= 0) write(name, Buffer.concat([body.subarray(0, i), body.subarray(i + text.length)]));
    }
    for (const name of touched) {
      const body = files.get(name) as Buffer;
      ops.push(Buffer.concat([Buffer.from(`M 100644 inline ${name}\ndata ${body.length}\n`), body, Buffer.from('\n')]));
    }
    const msg = `commit ${c}\n`;
    chunks.push(Buffer.from(`commit refs/heads/main\ncommitter T <t@credlint.invalid> ${1700000000 + c * 60} +0000\ndata ${msg.length}\n${msg}`), ...ops, Buffer.from('\n'));
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(chunks), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  git(dir, 'checkout', '-q', 'main');
  // Deep chains, as `git gc --aggressive` makes them.
  git(dir, 'repack', '-a', '-d', '-f', '-q', '--depth=50', '--window=50');
}

const packsOf = (dir: string) => {
  const packDir = path.join(dir, '.git', 'objects', 'pack');
  return readdirSync(packDir)
    .filter((f) => f.endsWith('.idx'))
    .map((f) => ({ idx: path.join(packDir, f), pack: path.join(packDir, f.replace(/\.idx$/, '.pack')) }));
};

const blobIds = (dir: string) =>
  git(dir, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)')
    .split('\n')
    .filter((l) => l.endsWith(' blob'))
    .map((l) => l.slice(0, 40));

/** Every blob's bytes, by id, from one `git cat-file --batch`. */
function catFile(dir: string, ids: string[]): Map<string, Buffer> {
  const out = spawnSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${ids.join('\n')}\n`, maxBuffer: 1 << 30 }).stdout;
  const blobs = new Map<string, Buffer>();
  for (let at = 0; at < out.length; ) {
    const nl = out.indexOf(10, at);
    const [id = '', , size = ''] = out.toString('latin1', at, nl).split(' ');
    blobs.set(id, out.subarray(nl + 1, nl + 1 + Number(size)));
    at = nl + 1 + Number(size) + 1;
  }
  return blobs;
}

/** The report fields that must not change with the pack pass. */
const report = (r: Awaited<ReturnType<typeof scanHistory>>) => ({
  findings: r.findings,
  notes: r.notes,
  blobs: r.blobs,
  ignored: r.ignored,
  commits: r.commits,
});

describe('history pack pass', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('credlint-pack-');
    buildRepo(dir, 400, 7);
  });
  afterAll(() => removeDir(dir));

  it('rebuilds every blob of the pack byte for byte (its id is the hash of what it rebuilt)', () => {
    const [p] = packsOf(dir);
    const index = new PackIndex(readFileSync(p!.idx));
    const reader = new PackReader(p!.pack, index, { maxFileSize: MAX, accountId: false, cacheBytes: 1 << 20 });
    const ids = blobIds(dir);
    expect(ids.length).toBeGreaterThan(500);
    for (const id of ids) {
      const content = reader.content(index.findHex(id));
      const hash = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
      expect(hash, id).toBe(id);
    }
    reader.close();
  });

  it('gives every blob the verdict of testing it whole, deciding most deltas from their instructions', () => {
    const [p] = packsOf(dir);
    const index = new PackIndex(readFileSync(p!.idx));
    const reader = new PackReader(p!.pack, index, { maxFileSize: MAX, accountId: false });
    const shares = reader.plan(3);
    // The shares split the blobs: each once.
    const all = shares.flatMap((s) => [...s]);
    expect(new Set(all).size).toBe(all.length);
    const ids = blobIds(dir);
    expect(all.length).toBe(ids.length);
    for (const s of shares) reader.runShare(s);
    const got = new Map<number, number>();
    const blobs = catFile(dir, ids);
    for (const id of ids) {
      const v = reader.verdicts[index.findHex(id)] as number;
      expect(v, id).toBe(expected(blobs.get(id) as Buffer));
      got.set(v, (got.get(v) ?? 0) + 1);
    }
    // Each kind of verdict occurs, and the delta path did the work it is there for.
    expect(got.get(CLEAN)).toBeGreaterThan(50);
    expect(got.get(CLEAN_LATIN1)).toBeGreaterThan(5);
    expect(got.get(READ)).toBeGreaterThan(50);
    expect(reader.stats.byDelta).toBeGreaterThan(100);
    expect(reader.stats.spared).toBeGreaterThan(reader.stats.blobs * 1000);
    reader.close();
  });

  it('leaves the history report unchanged, on any number of workers', async () => {
    const base: HistoryOptions = { cwd: dir, maxFileSize: MAX };
    const without = await scanHistory({ ...base, packs: false });
    expect(without.pack).toBeUndefined();
    expect(without.findings.length).toBeGreaterThan(10);
    // What the pass leaves goes to the main thread's scanner, or (inlineBlobs: 1) to the workers'.
    for (const [jobs, inlineBlobs] of [[0], [1], [3], [3, 1]] as [number, number?][]) {
      const withPacks = await scanHistory({ ...base, packs: true, jobs, ...(inlineBlobs ? { inlineBlobs } : {}) });
      expect(withPacks.pack?.error).toBeUndefined();
      expect(withPacks.pack?.settled).toBeGreaterThan(withPacks.blobs / 2);
      expect(report(withPacks)).toEqual(report(without));
    }
  });

  it('keeps a bounded part of git\'s output (git log during the pass): git waits, and nothing is lost', async () => {
    // Every object's content: megabytes, where this history's log is less than a pipe's worth.
    const args = ['cat-file', '--batch-all-objects', '--batch'];
    const whole = spawnSync('git', args, { cwd: dir, maxBuffer: 1 << 30 }).stdout;
    // More than a pipe and a read hold: unbounded, far more than the bound would be kept.
    expect(whole.length).toBeGreaterThan(4 * 65536);
    const paused = gitLogStats.paused;
    gitLogStats.keptMax = 0;
    const log = startGit(args, dir, 'git cat-file', 1);
    for (let i = 0; i < 500 && gitLogStats.paused === paused; i++) await new Promise((r) => setTimeout(r, 10));
    expect(gitLogStats.paused).toBe(paused + 1);
    // Time for git to write on; it cannot, past what the pipe holds.
    await new Promise((r) => setTimeout(r, 300));
    expect(gitLogStats.keptMax).toBeLessThanOrEqual(65536);
    const got: Buffer[] = [];
    await log.start((d) => got.push(d));
    expect(Buffer.concat(got).equals(whole)).toBe(true);
    // And in a scan: the same report.
    const base: HistoryOptions = { cwd: dir, maxFileSize: MAX };
    expect(report(await scanHistory({ ...base, packs: true, logKeepBytes: 1 }))).toEqual(report(await scanHistory({ ...base, packs: false })));
  });

  it('in a partial clone, reads the missing ids from a listing longer than one read', async () => {
    const parent = tempDir('credlint-pack-partial-');
    try {
      git(dir, 'config', 'uploadpack.allowFilter', 'true');
      git(parent, 'clone', '-q', '--filter=blob:none', `file://${dir}`, 'c');
      const c = path.join(parent, 'c');
      git(c, 'remote', 'set-url', 'origin', `file://${path.join(parent, 'gone')}`);
      const listing = spawnSync('git', ['rev-list', '--objects', '--no-object-names', '--missing=print', '--all', '--'], { cwd: c, maxBuffer: 1 << 30 }).stdout.toString('latin1');
      expect(listing.length).toBeGreaterThan(65536); // more than one read of the pipe
      const missing = listing.split('\n').filter((l) => l.startsWith('?')).length;
      expect(missing).toBeGreaterThan(500);
      const r = await scanHistory({ cwd: c, maxFileSize: MAX });
      const note = r.notes.find((n) => n.code === 'missing');
      expect(note?.message).toMatch(new RegExp(`^not scanned: ${missing} blobs are not in this clone`));
    } finally {
      removeDir(parent);
    }
  });

  it('reads objects no pack holds (loose ones) with git cat-file', async () => {
    const loose = tempDir('credlint-pack-loose-');
    try {
      buildRepo(loose, 120, 8);
      const key = fakeAccessKeyId({ seed: 4242 });
      git(loose, 'config', 'user.email', 't@credlint.invalid');
      git(loose, 'config', 'user.name', 'T');
      const body = readFileSync(path.join(loose, 'src', 'a.ts'), 'utf8');
      spawnSync('sh', ['-c', `printf '%s' "$1" > src/a.ts && git add src/a.ts && git commit -qm loose`, 'sh', `${body}const id = '${key}';\n`], { cwd: loose });
      expect(git(loose, 'count-objects').startsWith('0 objects')).toBe(false);
      const withPacks = await scanHistory({ cwd: loose, maxFileSize: MAX, packs: true });
      const without = await scanHistory({ cwd: loose, maxFileSize: MAX, packs: false });
      expect(report(withPacks)).toEqual(report(without));
      expect(withPacks.findings.some((f) => f.message.includes(key.slice(0, 4)) && f.commit === git(loose, 'rev-parse', 'HEAD').trim())).toBe(true);
    } finally {
      removeDir(loose);
    }
  });

  it('reads the packs git writes in other ways alike: REF_DELTA, several packs, a multi-pack-index with a bitmap, a cruft pack, alternates', async () => {
    const src = tempDir('credlint-pack-layouts-');
    const made = [src];
    const copy = (name: string) => {
      const d = tempDir(`credlint-pack-${name}-`);
      made.push(d);
      cpSync(src, d, { recursive: true });
      return d;
    };
    const commit = (cwd: string, file: string, text: string) => {
      writeFileSync(path.join(cwd, file), text);
      git(cwd, 'add', file);
      git(cwd, '-c', 'user.name=T', '-c', 'user.email=t@credlint.invalid', 'commit', '-qm', file);
    };
    const same = async (cwd: string) => {
      const withPacks = await scanHistory({ cwd, maxFileSize: MAX, packs: true });
      const without = await scanHistory({ cwd, maxFileSize: MAX, packs: false });
      expect(withPacks.pack?.error, cwd).toBeUndefined();
      expect(report(withPacks), cwd).toEqual(report(without));
      return withPacks;
    };
    try {
      buildRepo(src, 120, 12);
      // Bases named by id (REF_DELTA) rather than by offset: still decided from the instructions.
      const ref = copy('ref');
      git(ref, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-a', '-d', '-f', '-q', '--depth=50', '--window=50');
      expect((await same(ref)).pack?.stats?.byDelta).toBeGreaterThan(50);
      // Incremental packs, one holding a key.
      const several = copy('several');
      commit(several, 'k1.ts', `const id = '${fakeAccessKeyId({ seed: 71 })}';\n`);
      git(several, 'repack', '-d', '-q');
      commit(several, 'k2.ts', `const id = '${fakeAccessKeyId({ seed: 72 })}';\n`);
      git(several, 'repack', '-d', '-q');
      expect(packsOf(several).length).toBe(3);
      expect((await same(several)).findings.length).toBeGreaterThanOrEqual(2);
      const midx = copy('midx');
      git(midx, 'repack', '-a', '-d', '-q', '--write-midx', '--write-bitmap-index');
      expect(readdirSync(path.join(midx, '.git', 'objects', 'pack'))).toContain('multi-pack-index');
      await same(midx);
      // Unreachable objects in a cruft pack: decided, never asked for.
      const cruft = copy('cruft');
      git(cruft, 'checkout', '-q', '-b', 'gone');
      commit(cruft, 'gone.ts', `const id = '${fakeAccessKeyId({ seed: 73 })}';\n`);
      git(cruft, 'checkout', '-q', 'main');
      git(cruft, 'branch', '-q', '-D', 'gone');
      git(cruft, 'reflog', 'expire', '--expire=now', '--all');
      git(cruft, 'repack', '-a', '-d', '-q', '--cruft');
      expect(readdirSync(path.join(cruft, '.git', 'objects', 'pack')).some((f) => f.endsWith('.mtimes'))).toBe(true);
      await same(cruft);
      // Objects borrowed from another repository (alternates) are not in this one's packs: git cat-file reads them.
      const alt = tempDir('credlint-pack-alt-');
      made.push(alt);
      git(alt, 'clone', '-q', '--shared', src, '.');
      commit(alt, 'k3.ts', `const id = '${fakeAccessKeyId({ seed: 74 })}';\n`);
      git(alt, 'repack', '-d', '-l', '-q');
      const a = await same(alt);
      expect(a.blobs - (a.pack?.settled ?? 0)).toBeGreaterThan(100);
    } finally {
      made.forEach(removeDir);
    }
  });

  it('is not used for an index it does not know (version 1): the scan reads every blob with git cat-file', async () => {
    const old = tempDir('credlint-pack-v1-');
    try {
      buildRepo(old, 60, 9);
      const [p] = packsOf(old);
      rmSync(p!.idx);
      const r = spawnSync('git', ['index-pack', '--index-version=1', '-o', p!.idx, p!.pack], { cwd: old });
      expect(r.status).toBe(0);
      expect(() => new PackIndex(readFileSync(p!.idx))).toThrow(/version 2/);
      const withPacks = await scanHistory({ cwd: old, maxFileSize: MAX, packs: true });
      expect(withPacks.pack).toBeUndefined();
      expect(report(withPacks)).toEqual(report(await scanHistory({ cwd: old, maxFileSize: MAX, packs: false })));
    } finally {
      removeDir(old);
    }
  });

  it('falls back to git cat-file for every blob when a pack cannot be read, saying why', async () => {
    const broken = tempDir('credlint-pack-broken-');
    const other = tempDir('credlint-pack-other-');
    try {
      buildRepo(broken, 60, 10);
      buildRepo(other, 30, 11);
      // Another repository's pack, its header's object count off by one: git never opens it (it
      // holds no object this history needs), the pack pass does, and gives up.
      const [q] = packsOf(other);
      const packDir = path.join(broken, '.git', 'objects', 'pack');
      const bad = readFileSync(q!.pack);
      bad.writeUInt32BE(bad.readUInt32BE(8) + 1, 8);
      writeFileSync(path.join(packDir, path.basename(q!.pack)), bad);
      writeFileSync(path.join(packDir, path.basename(q!.idx)), readFileSync(q!.idx));
      const r = await scanHistory({ cwd: broken, maxFileSize: MAX, packs: true });
      expect(r.pack?.error).toMatch(/does not match its index/);
      expect(r.pack?.settled).toBe(0);
      expect(report(r)).toEqual(report(await scanHistory({ cwd: broken, maxFileSize: MAX, packs: false })));
    } finally {
      removeDir(broken);
      removeDir(other);
    }
  });
});
