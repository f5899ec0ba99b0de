// The vitest side of the regex audit (scripts/regex-audit.mjs): each package's
// test/regex-audit.test.ts calls regexAudit() with its table.
//
// Why static analysis plus one megabyte run, and no timing: V8 has no step counter, so the proof
// of linearity is recheck's (automata theory for regexes without back-references or lookaround:
// it finds every pair of overlapping quantifiers that makes a match attempt super-linear,
// including the restart at every position of an unanchored search; seeded fuzzing for the rest).
// recheck says "vulnerable" with an attack string for the python reader's quadratic
// `\$\{([^}:]*)(?::-([^}]*))?\}` (the test in packages/core/test/regex-audit.test.ts keeps that
// true). As a backstop against a wrong static verdict, every regex then runs once on megabytes of
// adversarial input in a child process with a generous budget: a linear regex takes milliseconds
// there, a quadratic one minutes to hours, so the budget only separates "finished" from "hung" and a slow
// machine cannot flip the result. V8's linear engine (--enable-experimental-regexp-engine, flag
// `l`) is no proof either: it runs the python regex in linear time, but credlint runs on the
// default backtracking engine, and a pattern the linear engine accepts can still backtrack there.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditKey, findRegexes, runAdversarial, staticVerdict } from './regex-audit.mjs';

/**
 * @typedef {{ file: string, re: RegExp, pending?: string, sourceOnly?: string }} LiteralEntry
 *   A regex of the package. `pending` names the branch that fixes a regex known to be
 *   super-linear: the test then checks it is still flagged, so the entry has to be revisited
 *   (and `pending` dropped) when the fix lands and the pattern changes. `sourceOnly` says why a
 *   regex is never run, only its `.source` used to build another one (which is listed and checked).
 * @typedef {{ file: string, dynamic: string, why: string, instances?: () => RegExp[] }} DynamicEntry
 *   A `new RegExp(…)` whose pattern is not in the source: `why` says where its patterns come
 *   from, `instances` builds the real ones so that they are checked like the rest.
 */

/**
 * @param {string} testFileUrl import.meta.url of the package's test file (in packages/NAME/test/)
 * @param {(LiteralEntry | DynamicEntry)[]} table
 */
export function regexAudit(testFileUrl, table) {
  const pkgDir = path.resolve(path.dirname(fileURLToPath(testFileUrl)), '..');
  const keyOf = (e) => ('dynamic' in e ? auditKey(e) : auditKey({ file: e.file, source: e.re.source, flags: e.re.flags }));
  const label = (e) => ('dynamic' in e ? `${e.file}: ${e.dynamic}` : `${e.file}: ${e.re}`);
  const checked = table.flatMap((e) => {
    if ('dynamic' in e) return (e.instances?.() ?? []).map((re, i) => ({ id: `${e.file}: ${e.dynamic} #${i} ${re}`, re }));
    return e.pending || e.sourceOnly ? [] : [{ id: label(e), re: e.re }];
  });

  describe(`regex audit of ${path.basename(pkgDir)}/src`, () => {
    it('every regex in src/ is in the audit table, and every table entry is still in src/', () => {
      const found = findRegexes(pkgDir);
      const listed = new Set(table.map(keyOf));
      const inSource = new Set(found.map(auditKey));
      const unlisted = found.filter((r) => !listed.has(auditKey(r))).map((r) => `${r.file}:${r.line} ${auditKey(r)}`);
      const stale = [...listed].filter((k) => !inSource.has(k));
      // A new regex: add it to the table (`node scripts/regex-audit.mjs list packages/NAME` prints
      // the lines); a changed one: update its entry. Both get the checks below.
      expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
      expect(new Set(table.map(keyOf)).size, 'duplicate table entries').toBe(table.length);
      for (const e of table) {
        if ('dynamic' in e) expect(e.why.length, `${label(e)} says where its patterns come from`).toBeGreaterThan(20);
        if ('sourceOnly' in e) expect(e.sourceOnly.length, `${label(e)} says why it is never run`).toBeGreaterThan(20);
      }
    });

    const pending = table.filter((e) => !('dynamic' in e) && e.pending);
    for (const e of pending) {
      it(`recheck still flags ${label(e)} (to be fixed on ${e.pending})`, async () => {
        // Time-limited phases: a vulnerable regex's attack runs long without them.
        const v = await staticVerdict(e.re.source, e.re.flags, { deterministic: false });
        expect(v.status, 'fixed? update the entry and drop `pending`').not.toBe('safe');
      });
    }

    it.each(checked.map((c) => [c.id, c.re]))('recheck: %s is safe', async (_id, re) => {
      const v = await staticVerdict(re.source, re.flags);
      const detail = v.status === 'vulnerable' ? `${v.complexity.summary}, attack ${JSON.stringify(v.attack.pumps)} then ${JSON.stringify(v.attack.suffix)}` : v.status === 'unknown' ? JSON.stringify(v.error) : '';
      expect(`${v.status} ${detail}`.trim()).toBe('safe');
    });

    it('every regex finishes on megabytes of adversarial input', () => {
      const list = checked.map((c) => ({ id: c.id, source: c.re.source, flags: c.re.flags }));
      const r = runAdversarial(list);
      // On a hang the child is killed; its last line names the regex and the input.
      expect({ status: r.status, signal: r.signal, last: r.last, stderr: r.stderr }).toMatchObject({ status: 0, signal: null, stderr: '' });
      expect(r.runs).toBeGreaterThanOrEqual(list.length);
    });
  });
}
