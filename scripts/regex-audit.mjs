// The regex audit (issue 10 item 15): every regular expression in every package's src/ is found
// here, statically checked for super-linear backtracking with recheck, and run once on megabytes of
// adversarial input in a child process. The per-package tests (packages/*/test/regex-audit.test.ts)
// hold the audit tables; `node scripts/regex-audit.mjs list packages/NAME` prints a package's
// inventory in table form, for adding a new regex to its table.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

function sourceFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.[cm]?[jt]sx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** Canonical flag order, as RegExp#flags gives it. */
export function canonicalFlags(flags) {
  return [...'dgimsuvy'].filter((f) => flags.includes(f)).join('');
}

const UNRESOLVED = Symbol('unresolved');

/**
 * Every regex in one package's src/: regex literals, and `new RegExp(…)` / `RegExp(…)` calls whose
 * pattern is resolved statically where it can be (string literals, templates and `+` over consts
 * of the same file, `X.source` of a const regex literal, `.slice()` of those, and a helper's
 * parameter — one regex per call site of the helper). What cannot be resolved is reported as `dynamic` with its expression,
 * so the audit table has to say where its patterns come from.
 */
export function findRegexes(pkgDir) {
  // Loaded here, not at the top: the adversarial child process does not need the compiler.
  const ts = createRequire(import.meta.url)('typescript');
  const found = [];
  for (const abs of sourceFiles(path.join(pkgDir, 'src'))) {
    const file = path.relative(pkgDir, abs).split(path.sep).join('/');
    const sf = ts.createSourceFile(abs, readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
    const line = (n) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const consts = new Map();
    const functions = new Map();
    const calls = [];
    const collect = (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.getCombinedNodeFlags(n) & ts.NodeFlags.Const) {
        consts.set(n.name.text, n.initializer);
        if (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) functions.set(n.initializer, n.name.text);
      }
      if (ts.isFunctionDeclaration(n) && n.name) functions.set(n, n.name.text);
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) calls.push(n);
      ts.forEachChild(n, collect);
    };
    collect(sf);

    // Each value is a list of alternatives [{ text, line? }] (several when a helper's parameter is
    // bound at several call sites), or UNRESOLVED.
    const evaluate = (n, depth = 0) => {
      if (depth > 20) return UNRESOLVED;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return [{ text: n.text }];
      if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n)) return evaluate(n.expression, depth + 1);
      if (ts.isTemplateExpression(n)) {
        let acc = [{ text: n.head.text }];
        for (const span of n.templateSpans) {
          const v = evaluate(span.expression, depth + 1);
          if (v === UNRESOLVED) return UNRESOLVED;
          acc = acc.flatMap((a) => v.map((b) => ({ text: a.text + b.text + span.literal.text, line: a.line ?? b.line })));
        }
        return acc;
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const l = evaluate(n.left, depth + 1);
        const r = evaluate(n.right, depth + 1);
        if (l === UNRESOLVED || r === UNRESOLVED) return UNRESOLVED;
        return l.flatMap((a) => r.map((b) => ({ text: a.text + b.text, line: a.line ?? b.line })));
      }
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'source' && ts.isIdentifier(n.expression)) {
        const init = consts.get(n.expression.text);
        if (init && init.kind === ts.SyntaxKind.RegularExpressionLiteral) return [{ text: literalParts(init.text).source }];
        return UNRESOLVED;
      }
      // `S.slice(a, b)` with numbers, or `'literal'.length`, as bounds.
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'slice' && n.arguments.length <= 2) {
        const base = evaluate(n.expression.expression, depth + 1);
        const bounds = n.arguments.map((a) => number(a, depth + 1));
        if (base === UNRESOLVED || bounds.includes(undefined)) return UNRESOLVED;
        return base.map((b) => ({ ...b, text: b.text.slice(...bounds) }));
      }
      if (ts.isIdentifier(n)) {
        const init = consts.get(n.text);
        if (init) return evaluate(init, depth + 1);
        // A parameter of a named helper: one alternative per call site.
        let fn = n.parent;
        while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
        if (!fn || !functions.has(fn)) return UNRESOLVED;
        const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === n.text);
        if (index < 0) return UNRESOLVED;
        const name = functions.get(fn);
        const sites = calls.filter((c) => c.expression.text === name);
        if (sites.length === 0) return UNRESOLVED;
        const out = [];
        for (const c of sites) {
          const arg = c.arguments[index];
          const v = arg ? evaluate(arg, depth + 1) : UNRESOLVED;
          if (v === UNRESOLVED) return UNRESOLVED;
          out.push(...v.map((a) => ({ text: a.text, line: a.line ?? line(c) })));
        }
        return out;
      }
      return UNRESOLVED;
    };

    const number = (n, depth) => {
      if (ts.isNumericLiteral(n)) return Number(n.text);
      if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken) {
        const v = number(n.operand, depth + 1);
        return v === undefined ? undefined : -v;
      }
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'length') {
        const v = evaluate(n.expression, depth + 1);
        return v !== UNRESOLVED && v.length === 1 ? v[0].text.length : undefined;
      }
      return undefined;
    };

    const visit = (n) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const { source, flags } = literalParts(n.getText(sf));
        found.push({ file, line: line(n), ...normalize(source, flags) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const args = n.arguments ?? [];
        const src = args[0] ? evaluate(args[0]) : [{ text: '(?:)' }];
        const flags = args[1] ? evaluate(args[1]) : [{ text: '' }];
        if (src === UNRESOLVED || flags === UNRESOLVED || flags.length !== 1) {
          found.push({ file, line: line(n), dynamic: n.getText(sf).replace(/\s+/g, ' ') });
        } else {
          for (const s of src) found.push({ file, line: s.line ?? line(n), ...normalize(s.text, flags[0].text) });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

/** Source and flags as a RegExp reports them (`new RegExp('/')` has the source `\\/`). */
function normalize(source, flags) {
  const re = new RegExp(source, flags);
  return { source: re.source, flags: re.flags };
}

function literalParts(text) {
  const last = text.lastIndexOf('/');
  return { source: text.slice(1, last), flags: text.slice(last + 1) };
}

/** The key an audit table entry and a found regex share. */
export function auditKey(r) {
  return r.dynamic !== undefined ? `${r.file} dynamic ${r.dynamic}` : `${r.file} /${r.source}/${r.flags}`;
}

/**
 * recheck's verdict on one regex: `safe` (no super-linear backtracking, by automata theory when
 * the regex has no back-references or lookaround, else by seeded fuzzing) or `vulnerable` with an
 * attack string. `d` (match indices) does not change how a regex matches; recheck does not know it.
 * With `deterministic`, the fuzzer's per-phase time limits are off (its step limits stay), so a
 * loaded machine cannot change a verdict; the overall limit turns a runaway check into `unknown`.
 */
export async function staticVerdict(source, flags, { deterministic = true } = {}) {
  const { check } = await import('recheck');
  const phases = deterministic ? { incubationTimeout: null, attackTimeout: null, seedingTimeout: null } : {};
  return check(source, flags.replace('d', ''), { randomSeed: 42, timeout: 60_000, ...phases });
}

const CLASS_SAMPLES = { s: ' \t\n\r\f\v\u00a0\ufeff', S: 'x', d: '0', D: 'x', w: 'a_0', W: ' -', n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

/**
 * The pattern's atoms that match one character (literals, escapes, `.`, bracket classes), in
 * order, with `null` wherever other syntax (groups, quantifiers, alternation, anchors) separates them.
 */
function tokens(source) {
  const out = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      for (; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
      out.push(source.slice(i, j + 1));
      i = j;
    } else if (c === '\\') {
      const e = source[i + 1] ?? '';
      let len = 2;
      if (e === 'u' && source[i + 2] === '{') len = source.indexOf('}', i) - i + 1;
      else if (e === 'u') len = 6;
      else if (e === 'x') len = 4;
      else if (e === 'p' || e === 'P') len = source.indexOf('}', i) - i + 1;
      else if (e === 'c') len = 3;
      else if (e === 'k') len = source.indexOf('>', i) - i + 1;
      const atom = source.slice(i, i + len);
      out.push(/^\\(?:[bB1-9]|k<)/.test(atom) ? null : atom);
      i += len - 1;
    } else if (c === '(' && source[i + 1] === '?') {
      // Group syntax, not characters: (?: (?= (?! (?<= (?<! (?<name>
      i += source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!' ? source.indexOf('>', i) - i : source[i + 2] === '<' ? 3 : 2;
      out.push(null);
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      i = source.indexOf('}', i);
      out.push(null);
    } else out.push('()|?*+^$'.includes(c) ? null : c);
  }
  return out;
}

function atoms(source) {
  return tokens(source).filter((t) => t !== null);
}

/** The character a literal atom stands for, or null when it is a class. */
function literalChar(atom) {
  if (atom.length === 1) return atom === '.' ? null : atom;
  if (atom.length === 2 && atom[0] === '\\' && !/[\w]/.test(atom[1])) return atom[1];
  return null;
}

/** Runs of consecutive literal characters in the pattern (`credlint-ignore`, `${`). */
function literalRuns(source) {
  const runs = [];
  let cur = '';
  for (const t of tokens(source)) {
    const c = t === null ? null : literalChar(t);
    if (c === null) {
      if (cur.length >= 2) runs.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.length >= 2) runs.push(cur);
  return runs;
}

/** Sample characters for each atom, so that every character class the pattern names is represented. */
function samples(atom) {
  if (atom === '.') return ['x', '\n'];
  if (atom.startsWith('\\')) {
    const e = atom[1];
    if (e in CLASS_SAMPLES) return [...CLASS_SAMPLES[e]];
    if (e === 'p' || e === 'P') return ['a', 'é', '1', '_', ' ', '\u0301'];
    if (e === 'u' && atom[2] === '{') return [String.fromCodePoint(parseInt(atom.slice(3, -1), 16))];
    if (e === 'u' || e === 'x') return [String.fromCharCode(parseInt(atom.slice(2), 16))];
    return [atom[1]];
  }
  if (atom.startsWith('[')) {
    const body = atom.slice(atom[1] === '^' ? 2 : 1, -1);
    const out = [];
    for (const a of atoms(body.replace(/-/g, ''))) out.push(...samples(a));
    // Range ends, and something outside a negated class.
    for (const m of body.matchAll(/(\\?.)-(\\?.)/g)) out.push(m[1].replace(/^\\/, ''), m[2].replace(/^\\/, ''));
    return out;
  }
  return [atom];
}

/**
 * Characters the pattern can tell apart, one representative each: samples of every atom plus
 * everyday characters, grouped by which of the pattern's atoms match them. Characters that match
 * the same atoms drive the matcher the same way, so one of each group is enough.
 */
export function patternAlphabet(source, flags = '') {
  const list = atoms(source);
  const matchFlags = flags.replace(/[gyd]/g, '');
  const tests = list.flatMap((a) => {
    try {
      return [new RegExp(`^(?:${a})$`, matchFlags)];
    } catch {
      return [];
    }
  });
  const candidates = new Set([' ', '\n', '\r', '\t', 'a', 'A', 'z', '0', '9', '_', '-', '=', '#', '"', "'", '.', '/', '\\', 'é', '\u0000']);
  for (const a of list) for (const c of samples(a)) if (c.length >= 1 && c.length <= 2) candidates.add(c);
  const bySignature = new Map();
  for (const c of candidates) {
    const sig = tests.map((t) => (t.test(c) ? '1' : '0')).join('');
    if (!bySignature.has(sig)) bySignature.set(sig, c);
  }
  return [...bySignature.values()];
}

/**
 * Adversarial inputs of `size` characters for one regex: a run of each character the pattern can
 * tell apart (the long runs its quantifiers overlap on), ended by another character and also
 * after each literal of the pattern, the alphabet cycled, near-misses (the
 * prefixes of each literal run, like `${`, and the run without its last character, repeated), and
 * recheck's attack when it has one (its pumps repeated, then its suffix).
 */
export function adversarialInputs(source, flags, attack, size) {
  const fill = (unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const alphabet = patternAlphabet(source, flags);
  // Each run ends in a character of another class: a match that reached the end then fails there.
  const other = (c) => alphabet.find((d) => d !== c) ?? '\u0000';
  const inputs = alphabet.flatMap((c) => [
    [`run of ${JSON.stringify(c)}`, () => fill(c).slice(1) + other(c)],
    // …and not at the start, where an anchored alternative cannot take it whole.
    [`run of ${JSON.stringify(c)} between others`, () => other(c) + fill(c).slice(2) + other(c)],
  ]);
  inputs.push(['the alphabet cycled', () => fill(alphabet.join(''))]);
  // Each literal run (`profile`, `${`) before a run of each character: the run starts a match.
  const runs = literalRuns(source);
  for (const run of runs) {
    for (const c of alphabet) inputs.push([`${JSON.stringify(run)} then a run of ${JSON.stringify(c)}`, () => run + fill(c).slice(run.length + 1) + other(c)]);
  }
  // Prefixes of each literal run and the run without its last character: a match starts, then fails.
  const pieces = new Set();
  for (const run of runs) {
    pieces.add(run.slice(0, 2));
    pieces.add(run.slice(0, 3));
    pieces.add(run.slice(0, -1));
  }
  for (const p of pieces) if (p.length >= 2) inputs.push([`${JSON.stringify(p)} repeated`, () => fill(p)]);
  if (attack) {
    inputs.push([
      'recheck attack',
      () => attack.pumps.map((p) => p.prefix).join('') + fill(attack.pumps.map((p) => p.pump).join('') || 'a') + attack.suffix,
    ]);
  }
  return inputs;
}

/**
 * True when the pattern repeats nothing (no `*`, `+`, `?`, `{n,m}`) and has no back-reference: each
 * match attempt then reads a bounded number of characters, so every use of it is linear.
 */
export function isQuantifierFree(source) {
  const bare = source
    .replace(/\\./g, 'x')
    .replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x')
    .replace(/\(\?(?:<?[=!]|:|<[^>]*>)/g, '(');
  return !/[*+?{]/.test(bare) && !/\\(?:[1-9]|k<)/.test(source);
}

/**
 * Runs each regex over every adversarial input of `size` characters in a child process killed
 * after `budgetMs`. A regex runs globally (every match, as `replace`/`split`/`matchAll` do), a
 * quantifier-free one as one search, a sticky one back to back from the start (as recheck checks
 * it: how often a tokenizer calls it is the tokenizer's own loop). Returns the child's exit status
 * and its last line, which on a hang names the regex and the input.
 */
export function runAdversarial(regexes, { size = 1 << 20, budgetMs = 90_000 } = {}) {
  const r = spawnSync(process.execPath, [SELF, 'run', String(size)], {
    input: JSON.stringify(regexes),
    encoding: 'utf8',
    timeout: budgetMs,
    maxBuffer: 64 << 20,
  });
  const lines = r.stdout.split('\n').filter(Boolean);
  return { status: r.status, signal: r.signal, error: r.error, stderr: r.stderr, last: lines.at(-1), runs: lines.filter((l) => l.startsWith('ok ')).length };
}

function childRun(size, regexes) {
  for (const { id, source, flags, attack } of regexes) {
    const sticky = flags.includes('y');
    const re = new RegExp(source, canonicalFlags(flags + 'g'));
    for (const [name, make] of adversarialInputs(source, flags, attack, size)) {
      const input = make();
      process.stdout.write(`start ${id} on ${name}\n`);
      // A quantifier-free regex is linear whatever the caller does; one search shows it (matching
      // it globally on a run of its own characters only counts a million trivial matches).
      if (isQuantifierFree(source)) new RegExp(source, flags.replace(/[gy]/g, '')).exec(input);
      else if (!sticky) input.replace(re, '');
      else {
        // Back to back from the start, stopping at the first failure or empty match.
        re.lastIndex = 0;
        for (let m = re.exec(input); m && m[0].length > 0; m = re.exec(input));
      }
      process.stdout.write(`ok ${id} on ${name}\n`);
    }
  }
}

if (process.argv[1] === SELF) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'run') {
    childRun(Number(arg), JSON.parse(readFileSync(0, 'utf8')));
  } else if (cmd === 'list' && arg) {
    // One table line per distinct regex, in the form the audit tables use.
    const seen = new Set();
    for (const r of findRegexes(path.resolve(arg))) {
      if (seen.has(auditKey(r))) continue;
      seen.add(auditKey(r));
      if (r.dynamic !== undefined) console.log(`  { file: '${r.file}', dynamic: ${JSON.stringify(r.dynamic)}, why: 'TODO' }, // line ${r.line}`);
      else console.log(`  { file: '${r.file}', re: /${r.source}/${r.flags} }, // line ${r.line}`);
    }
  } else {
    console.error('usage: node scripts/regex-audit.mjs list packages/NAME');
    process.exit(2);
  }
}
