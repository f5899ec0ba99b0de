/**
 * The argv of the git calls bin/credlint.js starts before the CLI loads (git-prefetch.ts) and the
 * scans make (git-list.ts, staged.ts): one definition, so a prefetched call is used only when it is
 * the very call the scan makes. No imports: loading this must not load the scanner.
 */

/** Which of the paths on stdin (NUL-terminated, relative to the top) git ignores. */
export const CHECK_IGNORE = ['check-ignore', '-z', '--stdin'];

/** The argv of one repository's listing, for `specs` relative to its top. */
export function lsFilesArgs(specs: string[]): string[] {
  // -v tags each path (H/S/M… tracked, lowercase when assume-unchanged; ? untracked and not ignored);
  // -s adds the mode, which tells a gitlink.
  return ['--literal-pathspecs', 'ls-files', '-z', '-v', '-s', '--cached', '--others', '--exclude-standard', '--', ...specs];
}

// Rename detection (-M): a file moved with `git mv` adds no lines; a moved and edited file adds only its edits.
// Submodules are gitlinks (a commit id, not content) and stay out.
const DIFF_ARGS = ['diff', '--cached', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules', '--no-color'];
/** The staged files (every staged scan), and the line diff of those replacing earlier content (most commits). */
export const STAGED_RAW = [...DIFF_ARGS, '--raw', '--no-abbrev', '-z', '--diff-filter=ACMRT'];
export const STAGED_LINES = [...DIFF_ARGS, '-U0', '--inter-hunk-context=0', '--src-prefix=a/', '--dst-prefix=b/', '--diff-filter=MRT'];
