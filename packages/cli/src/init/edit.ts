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

/** A line after which nothing else in the script runs: a bare `exit [n]` or an `exec …`. */
const TERMINAL = /^(exit(\s+\S+)?|exec\s.*)\s*(#.*)?$/;

/**
 * Adds `lines` to a hook script so they run: before the first line that ends the script
 * (`exit 0`, `exec …`) when there is one, else at the end. Keeps the file's line endings.
 */
export function insertHookLines(script: string, lines: string[]): string {
  const eol = script.includes('\r\n') ? '\r\n' : '\n';
  const rows = script.split(/\r?\n/);
  const hadFinal = rows.at(-1) === '';
  if (hadFinal) rows.pop();
  const at = rows.findIndex((r) => TERMINAL.test(r.trim()));
  if (at === -1) rows.push(...lines);
  else rows.splice(at, 0, ...lines);
  return rows.join(eol) + eol;
}

/** True when a non-comment line of the script runs a command matching `re`. */
export function runsCommand(script: string, re: RegExp): boolean {
  return commandLines(script).some((l) => re.test(l.replace(/\s#.*$/, '')));
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
  const entry = (indent: string) => [
    `${indent}- repo: ${PRE_COMMIT_REPO}`,
    `${indent}  rev: ${rev}`,
    `${indent}  hooks:`,
    `${indent}    - id: credlint-scan`,
  ];
  if (original === undefined || original.trim() === '') return `repos:\n${entry('  ').join('\n')}\n`;
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const rows = original.split(/\r?\n/);
  const reposAt = rows.findIndex((r) => /^repos:\s*(#.*)?$/.test(r));
  if (reposAt === -1) return undefined;
  // repos must be the last top-level key, so appending lines extends its list.
  if (rows.slice(reposAt + 1).some((r) => /^[^\s#-]/.test(r))) return undefined;
  const item = rows.slice(reposAt + 1).find((r) => /^\s*-\s/.test(r));
  const indent = item ? (/^(\s*)-/.exec(item)?.[1] ?? '') : '  ';
  const body = rows.join(eol).replace(/(\r?\n)*$/, '');
  return `${body}${eol}${entry(indent).join(eol)}${eol}`;
}
