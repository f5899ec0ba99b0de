/** Text edits `credlint init` makes: each keeps the file's own style (indentation, line endings). */

/** JSON.stringify that keeps the file's indentation, line endings, final newline and byte-order mark. */
export function stringifyLike(original: string | undefined, value: unknown): string {
  const indent = original ? (/^[ \t]+(?=")/m.exec(original)?.[0] ?? '  ') : '  ';
  const crlf = original !== undefined && original.includes('\r\n');
  const final = original === undefined || /\n$/.test(original);
  const bom = original?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom + JSON.stringify(value, null, indent) + (final ? '\n' : '');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The lines of a shell script that run (comments and blank lines dropped). */
export function commandLines(script: string): string[] {
  return script
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * A line after which nothing else in the script runs: a bare `exit [n]` or an `exec …` (with an optional
 * comment). Token checks, not one regex: `exec\s.*\s*(#.*)?$` backtracks polynomially on long lines.
 */
function isTerminal(line: string): boolean {
  const t = line.trim();
  if (t.startsWith('exec') && /\s/.test(t.charAt(4))) return true;
  const hash = t.indexOf('#');
  const words = (hash === -1 ? t : t.slice(0, hash)).trim().split(/\s+/);
  return words[0] === 'exit' && words.length <= 2;
}

/** The line without a trailing ` # comment` (a `#` after white space, as the shell reads it). */
function withoutComment(line: string): string {
  for (let i = line.indexOf('#'); i > 0; i = line.indexOf('#', i + 1)) {
    if (/\s/.test(line.charAt(i - 1))) return line.slice(0, i - 1);
  }
  return line;
}

/**
 * Adds `lines` to a hook script so they run: before the first line that ends the script
 * (`exit 0`, `exec …`) when there is one, else at the end. Keeps the file's line endings.
 */
export function insertHookLines(script: string, lines: string[]): string {
  const eol = script.includes('\r\n') ? '\r\n' : '\n';
  const rows = script.split(/\r?\n/);
  const hadFinal = rows.at(-1) === '';
  if (hadFinal) rows.pop();
  const at = rows.findIndex(isTerminal);
  if (at === -1) rows.push(...lines);
  else rows.splice(at, 0, ...lines);
  return rows.join(eol) + eol;
}

/** True when a non-comment line of the script runs a command matching `test` (a linear regex or a predicate). */
export function runsCommand(script: string, test: RegExp | ((line: string) => boolean)): boolean {
  const matches = typeof test === 'function' ? test : (l: string) => test.test(l);
  return commandLines(script).some((l) => matches(withoutComment(l)));
}

/** `credlint … scan` on one line (`credlint` then, later on the line, the word `scan`). */
export function runsCredlintScan(line: string): boolean {
  const m = /\bcredlint\b/.exec(line);
  return m !== null && /\bscan\b/.test(line.slice(m.index + 'credlint'.length));
}

/**
 * Rewrites lines that run lint-staged bare (or through `npx [--no|--no-install]`) to `yarn lint-staged`,
 * keeping their indentation: under Plug'n'Play a bare bin is not on PATH.
 */
export function lintStagedThroughYarn(script: string): string {
  return script
    .split('\n')
    .map((line) => {
      let i = 0;
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      let rest = line.slice(i);
      if (rest.startsWith('npx ')) {
        rest = rest.slice(4).trimStart();
        for (const flag of ['--no-install ', '--no ']) if (rest.startsWith(flag)) rest = rest.slice(flag.length).trimStart();
      }
      const after = rest.charAt('lint-staged'.length);
      if (!rest.startsWith('lint-staged') || /[\w]/.test(after)) return line;
      return `${line.slice(0, i)}yarn ${rest}`;
    })
    .join('\n');
}

/** Appends a block of lines to a text file (.gitignore), separated by a blank line, keeping its line endings. */
export function appendBlock(original: string | undefined, lines: string[]): string {
  const text = original ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
  return `${text}${sep}${lines.join(eol)}${eol}`;
}

export const PRE_COMMIT_REPO = 'https://github.com/credlint/credlint';

/**
 * Adds credlint's hook to a `.pre-commit-config.yaml`. Returns undefined when the file's layout is
 * not one it can extend safely (a `repos:` block list that ends the file), so the caller can refuse.
 */
export function addPreCommitRepo(original: string | undefined, rev: string): string | undefined {
  const entry = (indent: string) => [`${indent}- repo: ${PRE_COMMIT_REPO}`, `${indent}  rev: ${rev}`, `${indent}  hooks:`, `${indent}    - id: credlint-scan`];
  if (original === undefined || original.trim() === '') return `repos:\n${entry('  ').join('\n')}\n`;
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const rows = original.split(/\r?\n/);
  const reposAt = rows.findIndex((r) => /^repos:\s*(#.*)?$/.test(r));
  if (reposAt === -1) return undefined;
  // repos must be the last top-level key, so appending lines extends its list.
  if (rows.slice(reposAt + 1).some((r) => /^[^\s#-]/.test(r))) return undefined;
  const item = rows.slice(reposAt + 1).find((r) => /^\s*-\s/.test(r));
  const indent = item ? (/^(\s*)-/.exec(item)?.[1] ?? '') : '  ';
  let body = rows.join(eol);
  while (body.endsWith('\n')) body = body.slice(0, body.endsWith('\r\n') ? -2 : -1);
  return `${body}${eol}${entry(indent).join(eol)}${eol}`;
}
