import { execFileSync } from 'node:child_process';
import { rmSync, unlinkSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, prng } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, removeDir, tempDir } from './helpers.js';
import { sarifValidator } from './sarif-schema.js';
import { scanHistory } from '../dist/history/scan.js';
import { BlobScanner } from '../dist/history/blobs.js';

const keyLine = (seed: number) => `const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;

interface HistoryJson {
  findings: { file: string; line: number; ruleId: string; message: string; commit: string; date: string; inHead: boolean }[];
  summary: { files: number; findings: number; ignored: number; commits: number; errors: { file: string; code: string; message: string; fatal: boolean }[] };
}

async function history(cwd: string, ...argv: string[]): Promise<{ code: number; report: HistoryJson; stderr: string }> {
  const r = await cli(['scan', '--history', ...argv, '--format', 'json'], cwd);
  let report: HistoryJson;
  try {
    report = JSON.parse(r.stdout) as HistoryJson;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});
function repo(files: Record<string, string> = {}): string {
  const d = gitRepo(files);
  dirs.push(d);
  return d;
}

describe('scan --history', () => {
  it('finds a key added then deleted, attributed to the adding commit and marked not at HEAD', async () => {
    const dir = repo({ 'README.md': 'hello\n' });
    commit(dir, 'init');
    writeFileSync(path.join(dir, 'config.js'), `// settings\n${keyLine(1)}`);
    const adding = commit(dir, 'add key');
    writeFileSync(path.join(dir, 'config.js'), '// settings\n');
    commit(dir, 'remove key');
    // The tree is clean: only history holds it.
    expect((await cli(['scan'], dir)).code).toBe(0);
    const { code, report } = await history(dir);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({ file: 'config.js', line: 2, ruleId: 'aws-access-key-id', commit: adding, inHead: false });
    expect(f?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.summary.commits).toBe(3);
    // Masked everywhere: the whole key never appears in any format.
    const key = fakeAccessKeyId({ seed: 1 });
    for (const format of ['json', 'sarif', 'stylish']) {
      const r = await cli(['scan', '--history', '--format', format], dir);
      expect(r.stdout).not.toContain(key);
    }
    const stylish = await cli(['scan', '--history'], dir);
    expect(stylish.stdout).toContain(`${adding.slice(0, 12)}:config.js:2:`);
    expect(stylish.stdout).toContain('no longer at HEAD');
  });

  it('reports a key still present once, at the commit that added it, inHead true; later edits of the file do not re-report it', async () => {
    const dir = repo({ 'a.js': keyLine(2) });
    const first = commit(dir, 'add');
    writeFileSync(path.join(dir, 'a.js'), `${keyLine(2)}const x = 1;\n`);
    commit(dir, 'edit');
    const { report } = await history(dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'a.js', commit: first, inHead: true });
  });

  it('reports a key moved between files once (once per credential), at its first path', async () => {
    const dir = repo({ 'old/keys.js': keyLine(3) });
    const first = commit(dir, 'add');
    mkdirSync(path.join(dir, 'new'));
    renameSync(path.join(dir, 'old/keys.js'), path.join(dir, 'new/moved.js'));
    commit(dir, 'move');
    writeFileSync(path.join(dir, 'new/copy.js'), `// copy\n${keyLine(3)}`);
    commit(dir, 'copy');
    const { report } = await history(dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'old/keys.js', commit: first, inHead: true });
  });

  it('attributes a key from a merged branch to the branch commit, and one added by a merge resolution to the merge', async () => {
    const dir = repo({ 'README.md': 'x\n' });
    commit(dir, 'init');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'feature.js'), keyLine(4));
    const branchCommit = commit(dir, 'feature key');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(path.join(dir, 'main.js'), 'ok\n');
    commit(dir, 'main work');
    git(dir, 'merge', '-q', '--no-ff', '--no-commit', 'feature');
    // An "evil merge": the merge commit itself adds content neither parent had.
    writeFileSync(path.join(dir, 'merge.js'), keyLine(5));
    const merge = commit(dir, 'merge');
    git(dir, 'branch', '-q', '-D', 'feature');
    const { report } = await history(dir);
    const byFile = Object.fromEntries(report.findings.map((f) => [f.file, f]));
    expect(report.findings).toHaveLength(2);
    expect(byFile['feature.js']?.commit).toBe(branchCommit);
    expect(byFile['merge.js']?.commit).toBe(merge);
  });

  it('a range scan reports only keys introduced inside the range', async () => {
    const dir = repo({ 'old.js': keyLine(6) });
    const base = commit(dir, 'old key');
    // Editing the file that holds the old key must not make it "introduced" in the range.
    writeFileSync(path.join(dir, 'old.js'), `${keyLine(6)}// edited\n`);
    commit(dir, 'edit');
    writeFileSync(path.join(dir, 'new.js'), keyLine(7));
    const added = commit(dir, 'new key');
    const { code, report } = await history(dir, `${base}..HEAD`);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.commit])).toEqual([['new.js', added]]);
    expect(report.summary.commits).toBe(2);
    // Nothing new in an empty range.
    const empty = await history(dir, 'HEAD..HEAD');
    expect(empty.code).toBe(0);
    expect(empty.report.findings).toEqual([]);
  });

  it('--since skips older commits', async () => {
    const dir = repo({ 'a.js': keyLine(8) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'old');
    const all = await history(dir);
    expect(all.report.findings).toHaveLength(1);
    // The commit's committer date is now; --since filters on it, so a date in the future to exclude it.
    const none = await history(dir, '--since', '2099-01-01');
    expect(none.report.findings).toHaveLength(0);
    expect(none.report.summary.commits).toBe(0);
  });

  it('a bad range is a clear error, exit 2', async () => {
    const dir = repo({ 'a.txt': 'x\n' });
    commit(dir, 'init');
    const r = await cli(['scan', '--history', 'nope..HEAD'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git log failed/);
    const opt = await cli(['scan', '--history', '--output=/tmp/x', '--', '--all'], dir);
    expect(opt.code).toBe(2);
  });

  it('scans a shallow clone and says where the history was cut (a note, not fatal)', async () => {
    const src = repo({ 'a.js': keyLine(9) });
    commit(src, 'one');
    writeFileSync(path.join(src, 'b.js'), 'b\n');
    commit(src, 'two');
    writeFileSync(path.join(src, 'c.js'), 'c\n');
    const tip = commit(src, 'three');
    const clone = tempDir('credlint-shallow-');
    dirs.push(clone);
    git(clone, 'clone', '-q', '--depth', '1', `file://${src}`, 'c');
    const { code, report } = await history(path.join(clone, 'c'));
    expect(code).toBe(1);
    // Everything in the boundary commit is attributed to it.
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'a.js', commit: tip, inHead: true });
    const note = report.summary.errors.find((e) => e.code === 'shallow');
    expect(note?.fatal).toBe(false);
    expect(note?.message).toContain(tip.slice(0, 12));
  });

  it('a partial clone with missing blobs fails closed (exit 2) and names what it could not read', async () => {
    const src = repo({ 'a.js': keyLine(10) });
    commit(src, 'one');
    writeFileSync(path.join(src, 'a.js'), 'clean\n');
    commit(src, 'two');
    git(src, 'config', 'uploadpack.allowFilter', 'true');
    const clone = tempDir('credlint-partial-');
    dirs.push(clone);
    git(clone, 'clone', '-q', '--filter=blob:none', `file://${src}`, 'c');
    const c = path.join(clone, 'c');
    // The promisor remote is gone: the old blob cannot be fetched lazily either.
    git(c, 'remote', 'set-url', 'origin', `file://${path.join(clone, 'gone')}`);
    const { code, report } = await history(c);
    expect(code).toBe(2);
    const note = report.summary.errors.find((e) => e.code === 'missing');
    expect(note?.fatal).toBe(true);
    expect(note?.message).toContain('a.js');
  });

  it('works in a bare repository', async () => {
    const src = repo({ 'a.js': keyLine(11) });
    const sha = commit(src, 'one');
    const bareParent = tempDir('credlint-bare-');
    dirs.push(bareParent);
    git(bareParent, 'clone', '-q', '--bare', src, 'b.git');
    const { code, report } = await history(path.join(bareParent, 'b.git'));
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'a.js', commit: sha, inHead: true });
  });

  it('a baseline written from history survives a rebase (matched by fingerprint, not commit or path)', async () => {
    const dir = repo({ 'README.md': 'x\n' });
    commit(dir, 'init');
    git(dir, 'checkout', '-q', '-b', 'topic');
    writeFileSync(path.join(dir, 'k.js'), keyLine(12));
    commit(dir, 'key');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(path.join(dir, 'other.txt'), 'y\n');
    commit(dir, 'main moves on');
    git(dir, 'checkout', '-q', 'topic');
    const baselineDir = tempDir('credlint-bl-');
    dirs.push(baselineDir);
    const bl = path.join(baselineDir, 'baseline.json');
    const w = await cli(['scan', '--history', '--baseline', bl, '--update-baseline'], dir);
    expect(w.code).toBe(0);
    const before = await history(dir, '--baseline', bl);
    expect(before.code).toBe(0);
    expect(before.report.summary.ignored).toBe(1);
    const oldSha = git(dir, 'rev-parse', 'topic').trim();
    git(dir, 'rebase', '-q', 'main');
    expect(git(dir, 'rev-parse', 'topic').trim()).not.toBe(oldSha);
    // Drop the pre-rebase commits so only the rewritten one holds the key.
    git(dir, 'reflog', 'expire', '--expire=now', '--all');
    git(dir, 'gc', '-q', '--prune=now');
    const after = await history(dir, '--baseline', bl);
    expect(after.code).toBe(0);
    expect(after.report.findings).toEqual([]);
    // And without the baseline it is still found (the baseline did the work).
    expect((await history(dir)).report.findings).toHaveLength(1);
  });

  it('skips binary blobs with a count (a note) and fails on an oversized text blob', async () => {
    const dir = repo({ 'a.bin': '' });
    writeFileSync(path.join(dir, 'a.bin'), Buffer.from([0, 1, 2, 3, 0]));
    writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(3000));
    commit(dir, 'files');
    const { code, report } = await history(dir, '--max-file-size', '1KB');
    expect(code).toBe(2);
    expect(report.summary.errors.find((e) => e.code === 'binary')).toMatchObject({ fatal: false });
    expect(report.summary.errors.find((e) => e.code === 'too-large')).toMatchObject({ fatal: true });
    unlinkSync(path.join(dir, 'big.txt'));
    rmSync(path.join(dir, 'a.bin'));
    const ok = await history(dir, '--max-file-size', '4KB');
    expect(ok.code).toBe(0);
  });

  it('SARIF carries versionControlProvenance and the commit in each result', async () => {
    const dir = repo({ 'a.js': keyLine(13) });
    const sha = commit(dir, 'one');
    git(dir, 'remote', 'add', 'origin', 'https://user:s3cret@example.invalid/o/r.git');
    const r = await cli(['scan', '--history', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('s3cret');
    const sarif = JSON.parse(r.stdout) as { runs: { versionControlProvenance: { repositoryUri: string; revisionId: string }[]; results: { properties: { commit: string; inHead: boolean } }[] }[] };
    const run = sarif.runs[0];
    expect(run?.versionControlProvenance[0]).toEqual({ repositoryUri: 'https://example.invalid/o/r.git', revisionId: sha });
    expect(run?.results[0]?.properties).toMatchObject({ commit: sha, inHead: true });
    // Valid against the official SARIF 2.1.0 schema (as in sarif.test.ts).
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    // Without a remote: the repository's local path, still a valid URI.
    git(dir, 'remote', 'remove', 'origin');
    const local = JSON.parse((await cli(['scan', '--history', '--format', 'sarif'], dir)).stdout) as typeof sarif;
    expect(local.runs[0]?.versionControlProvenance[0]?.repositoryUri).toMatch(/^file:\/\//);
    expect(validate(local), JSON.stringify(validate.errors)).toBe(true);
  });

  it('honours inline ignores and .credlintignore', async () => {
    const dir = repo({ '.credlintignore': 'fixtures/\n' });
    mkdirSync(path.join(dir, 'fixtures'));
    writeFileSync(path.join(dir, 'fixtures/k.js'), keyLine(14));
    writeFileSync(path.join(dir, 'i.js'), `const k = '${fakeAccessKeyId({ seed: 15 })}'; // credlint-ignore\n`);
    commit(dir, 'one');
    const { code, report } = await history(dir);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.ignored).toBe(1);
  });

  it('the worker path reports exactly what the inline path does', async () => {
    const dir = repo();
    // 400 commits through fast-import, each a new version of a file holding an anchor word; keys in a few.
    const chunks: string[] = [];
    for (let c = 1; c <= 400; c++) {
      const body = `const token = nextToken(${c});\n${c % 97 === 0 ? keyLine(100 + c) : ''}`;
      chunks.push(`commit refs/heads/main\ncommitter T <t@credlint.invalid> ${1700000000 + c} +0000\ndata 2\nc\nM 100644 inline f${c % 7}.js\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
    const inline = await history(dir, '--jobs', '0');
    expect(inline.report.findings).toHaveLength(4);
    // One worker, and three splitting the blobs between their own git processes, from the first
    // blob or after the main thread scanned 256 (a history this small is otherwise scanned inline).
    const api = await scanHistory({ cwd: dir, maxFileSize: 1 << 20, jobs: 0 });
    const { delta: _, ...answer } = api;
    for (const jobs of [1, 3])
      for (const inlineBlobs of [1, 256]) expect(await scanHistory({ cwd: dir, maxFileSize: 1 << 20, jobs, inlineBlobs })).toMatchObject(answer);
    // Workers that start once the main thread has read enough bytes, which may be after git log
    // ended: their blobs count too (they once did not: the scan awaited only the scanners it had).
    for (let run = 0; run < 3; run++) expect(await scanHistory({ cwd: dir, maxFileSize: 1 << 20, jobs: 2, inlineBytes: 1 + run * 2000 })).toMatchObject(answer);
    for (const jobs of ['1', '3']) {
      const pooled = await history(dir, '--jobs', jobs);
      expect(pooled.report).toEqual(inline.report);
      expect(pooled.code).toBe(1);
    }
  });

  it('finds keys the old byte prefilter hid: an aws-named secret key and a base64 credentials file (key id at offset 1 mod 3)', async () => {
    const dir = repo();
    const creds = `x[default]\naws_access_key_id = ${fakeAccessKeyId({ seed: 41 })}\naws_secret_access_key = ${fakeSecretAccessKey(41)}\n`;
    writeFileSync(path.join(dir, 'k.py'), `aws_key = "${fakeSecretAccessKey(40)}"\n`);
    writeFileSync(path.join(dir, 'secret.yaml'), `data:\n  blob: ${Buffer.from(creds).toString('base64')}\n`);
    const sha = commit(dir, 'keys');
    rmSync(path.join(dir, 'k.py'));
    rmSync(path.join(dir, 'secret.yaml'));
    commit(dir, 'remove');
    const { code, report } = await history(dir);
    expect(code).toBe(1);
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set(['k.py', 'secret.yaml']));
    for (const f of report.findings) expect(f).toMatchObject({ commit: sha, inHead: false });
  });

  it('accountId in the configuration turns account ids on in history too (one answer with the tree scan)', async () => {
    const dir = repo({ 'README.md': 'hello\n' });
    commit(dir, 'init');
    writeFileSync(path.join(dir, 'vars.tf'), 'aws_account_id = "583122974406"\n');
    const adding = commit(dir, 'add account');
    writeFileSync(path.join(dir, 'vars.tf'), 'region = "eu-west-1"\n');
    commit(dir, 'drop it');
    expect((await history(dir)).report.findings).toEqual([]);
    writeFileSync(path.join(dir, '.credlintrc.json'), JSON.stringify({ accountId: true }));
    const on = await history(dir);
    expect(on.report.findings.map((f) => [f.file, f.ruleId, f.commit])).toEqual([['vars.tf', 'aws-account-id', adding]]);
  });

  it('the delta test (later versions of big files tested only where they changed) finds every key at its commit, and changes nothing', async () => {
    const dir = repo();
    const rand = prng(5);
    const paths = Array.from({ length: 20 }, (_, i) => `${'abcdefghij'[i % 10]}/${i}.${['py', 'js', 'ini', 'md'][i % 4]}`);
    // ~6 KB per file: over the delta test's 4 KB floor; anchor words everywhere, no values.
    const files = new Map(paths.map((p) => [p, Array.from({ length: 110 }, (_, i) => `const token${i} = getToken(${i}); // secret ${i}`)]));
    const inserted: { path: string; commit: number; id: string }[] = [];
    const chunks: string[] = [];
    const commits = 700;
    const credential = (l: string) => l.startsWith('aws_access_key_id') || l.startsWith('    ');
    for (let c = 1; c <= commits; c++) {
      const p = paths[Math.floor(rand() * paths.length)] as string;
      const lines = files.get(p) as string[];
      const at = Math.floor(rand() * lines.length);
      const held = lines.findIndex(credential);
      const r = rand();
      // Credentials are removed again soon, so most versions hold none (the delta test's references).
      if (held >= 0 && r < 0.7) lines.splice(held, 1);
      else if (r < 0.1) {
        const id = fakeAccessKeyId({ seed: 1000 + c });
        inserted.push({ path: p, commit: c, id });
        lines.splice(at, 0, `aws_access_key_id = ${id}`);
      } else if (r < 0.2) lines.splice(at, 0, 'aws_secret_access_key =');
      else if (r < 0.3) {
        // A value under a name already there (in the common prefix): found only if the name is tested again.
        const name = lines.indexOf('aws_secret_access_key =');
        lines.splice(name < 0 ? at : name + 1, 0, `    ${fakeSecretAccessKey(2000 + c)}`);
      } else if (r < 0.45) lines.splice(at, 1);
      else lines[at] = `${lines[at] ?? ''} // edited ${c}`;
      const body = `${lines.join('\n')}\n`;
      chunks.push(`commit refs/heads/main\ncommitter T <t@credlint.invalid> ${1700000000 + c} +0000\ndata 2\nc\nM 100644 inline ${p}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
    git(dir, 'checkout', '-q', 'main');
    const shas = git(dir, 'rev-list', '--reverse', 'main').trim().split('\n');
    expect(shas).toHaveLength(commits);

    // Workers from the first blob (a history this small is otherwise scanned on the main thread alone).
    const scan = (jobs: number, deltaBytes?: number) => scanHistory({ cwd: dir, maxFileSize: 1 << 20, jobs, inlineBlobs: 1, ...(deltaBytes === undefined ? {} : { deltaBytes }) });
    const whole = await scan(0, 0);
    expect(whole.delta.blobs).toBe(0);
    // Every access key inserted is found once, at the commit that inserted it, at its path.
    expect(inserted.length).toBeGreaterThan(20);
    for (const k of inserted) {
      const f = whole.findings.filter((x) => x.ruleId === 'aws-access-key-id' && x.commit === shas[k.commit - 1] && x.file === k.path);
      expect(f, `key of commit ${k.commit}`).toHaveLength(1);
    }
    expect(whole.findings.some((f) => f.ruleId === 'aws-secret-access-key')).toBe(true);
    const answer = ({ findings, notes, blobs, commits: n }: typeof whole) => ({ findings, notes, blobs, n });
    // Inline (no delta test) and in workers, with the default references and with a ring of a few
    // blobs (references overwritten before use): the same report as the whole test's.
    expect(answer(await scan(0))).toEqual(answer(whole));
    for (const jobs of [1, 3]) {
      const delta = await scan(jobs);
      expect(answer(delta)).toEqual(answer(whole));
      expect(delta.delta.blobs).toBeGreaterThan(100);
      expect(delta.delta.skipped).toBeGreaterThan(0);
      const small = await scan(jobs, 96 << 10);
      expect(answer(small)).toEqual(answer(whole));
      expect(small.delta.blobs).toBeGreaterThan(0);
    }
  });

  it('the delta test keeps references in a ring: a reference the ring has overwritten is tested whole, same answer', async () => {
    const dir = repo();
    // Twelve 6 KB versions of one text, each a line different from the one before; the fifth holds a key.
    let lines = Array.from({ length: 150 }, (_, i) => `const token${i} = getToken(${i});`);
    const ids: string[] = [];
    for (let v = 0; v < 12; v++) {
      lines = lines.map((l, i) => (i === v * 10 ? `${l} // v${v}` : l));
      const body = `${lines.join('\n')}\n${v === 4 ? keyLine(77) : ''}`;
      ids.push(execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: body, encoding: 'utf8' }).trim());
    }
    const run = async (order: { v: number; ref?: number }[]) => {
      // 32 KB: blobs up to 8 KB are kept, five of these at a time.
      const scanner = new BlobScanner(dir, { maxFileSize: 1 << 20, accountId: false, deltaBytes: 32 << 10 });
      scanner.add(order.map(({ v, ref }, seq) => ({ id: ids[v] as string, file: `v${v}.js`, seq, keep: true, ...(ref === undefined ? {} : { ref: ids[ref] as string }) })));
      scanner.end();
      return scanner.done;
    };
    // Each version tested against the one before: every one after the first by delta (the key's too,
    // which the delta test lets through to the scan) but version 5, whose reference holds the key.
    const chain = await run(Array.from({ length: 12 }, (_, v) => (v ? { v, ref: v - 1 } : { v })));
    expect(chain.delta.blobs).toBe(10);
    expect(chain.found.map((f) => f.id)).toEqual([ids[4]]);
    // Against version 0 after ten others: overwritten (six more fit), so tested whole; one still held is not.
    const late = await run([...Array.from({ length: 11 }, (_, v) => ({ v })), { v: 11, ref: 0 }]);
    expect(late.delta.blobs).toBe(0);
    const near = await run([...Array.from({ length: 11 }, (_, v) => ({ v })), { v: 11, ref: 9 }]);
    expect(near.delta.blobs).toBe(1);
    expect(late.found).toEqual(chain.found);
    expect(near.found).toEqual(chain.found);
    expect(late.scanned).toBe(12);
  });

  it('usage errors: --since without --history, two ranges', async () => {
    const dir = repo();
    expect((await cli(['scan', '--since', '2020-01-01'], dir)).code).toBe(2);
    expect((await cli(['scan', '--history', 'a..b', 'c..d'], dir)).code).toBe(2);
    expect((await cli(['scan', '--history', '--staged'], dir)).code).toBe(2);
  });
});
