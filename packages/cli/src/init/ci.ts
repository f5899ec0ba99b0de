/**
 * `credlint init --ci github|gitlab`: the pull-request recipe of docs/guides/ci.md, written into the repository.
 * A pull request (merge request) is judged by the commits it adds (`scan --history BASE..HEAD`), so a key added in
 * one commit and deleted in the next still fails it; other pipelines scan the tree. Never overwrites: an existing
 * workflow of the same name is left alone, an existing `.gitlab-ci.yml` gets the jobs appended when that is safe.
 */
import path from 'node:path';
import { git } from '../git.js';
import { VERSION } from '../version.js';
import { readText } from './plan.js';
import { type Change, InitError } from './write.js';

export const CI_KINDS = ['github', 'gitlab'] as const;
export type CiKind = (typeof CI_KINDS)[number];

const DOCS = 'https://github.com/credlint/credlint/blob/main/docs/guides/ci.md';
/** A pinned release, run without installing the project (no lockfile or package.json needed). */
const RUN = `npx --yes credlint@${VERSION}`;

/** The branch pushes are scanned on: the remote's default branch, else the current one, else main. */
function defaultBranch(root: string): string {
  for (const args of [
    ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'],
    ['symbolic-ref', '--quiet', '--short', 'HEAD'],
  ]) {
    const r = git(args, root);
    const out = r.status === 0 ? r.stdout.toString('utf8').trim() : '';
    const name = out.startsWith('origin/') ? out.slice('origin/'.length) : out;
    // only plain branch names go into YAML unquoted
    if (/^[\w./-]{1,200}$/.test(name)) return name;
  }
  return 'main';
}

export function githubWorkflow(branch: string): string {
  return `# credlint: keep AWS credentials out of git (written by \`credlint init --ci github\`; ${DOCS}).
# Pull requests: every commit the branch adds (a key added, then deleted, still fails). Pushes: the tree.
name: credlint
on:
  pull_request:
  push:
    branches: [${branch}]
permissions:
  contents: read
  security-events: write # upload SARIF to code scanning
jobs:
  credlint:
    runs-on: ubuntu-latest
    env:
      HUSKY: '0'
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the pull request's base commit must be in the clone
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: credlint (the pull request's commits)
        if: github.event_name == 'pull_request'
        run: ${RUN} scan --history "\${{ github.event.pull_request.base.sha }}..\${{ github.event.pull_request.head.sha }}" --format sarif --output credlint.sarif
      - name: credlint (tree)
        if: github.event_name != 'pull_request'
        run: ${RUN} scan --format sarif --output credlint.sarif
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('credlint.sarif') != ''
        with:
          sarif_file: credlint.sarif
          category: credlint
`;
}

export function gitlabJobs(): string {
  return `# credlint: keep AWS credentials out of git (written by \`credlint init --ci gitlab\`; ${DOCS}).
# Merge requests: every commit the branch adds (a key added, then deleted, still fails). Other pipelines: the tree.
credlint:
  image: node:22
  rules:
    - if: $CI_PIPELINE_SOURCE != "merge_request_event"
  variables:
    HUSKY: "0"
  script:
    - ${RUN} scan --format json --output credlint.json || (${RUN} scan; exit 1)
  artifacts:
    when: always
    paths: [credlint.json]

credlint-mr:
  image: node:22
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    HUSKY: "0"
    GIT_DEPTH: "0" # the merge request's base commit must be in the clone
  script:
    - git fetch --no-tags origin "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
    - ${RUN} scan --history "$CI_MERGE_REQUEST_DIFF_BASE_SHA..$CI_COMMIT_SHA" --format json --output credlint.json || (${RUN} scan --history "$CI_MERGE_REQUEST_DIFF_BASE_SHA..$CI_COMMIT_SHA"; exit 1)
  artifacts:
    when: always
    paths: [credlint.json]
`;
}

// Line-based reading with string operations (no regex can backtrack on a long line).
const linesOf = (text: string): string[] => text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
/** A YAML line without its comment (` #…`) and surrounding blanks. */
const bare = (line: string): string => {
  const hash = line.startsWith('#') ? 0 : line.indexOf(' #');
  return (hash === -1 ? line : line.slice(0, hash)).trim();
};
const unquote = (v: string): string => {
  const t = v.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.at(-1) === t[0] ? t.slice(1, -1) : t;
};
/** The top-level key a line opens (`key:` at column 0), else undefined. */
function topKey(line: string): string | undefined {
  if (line === '' || line[0] === ' ' || line[0] === '\t' || line[0] === '#') return undefined;
  const colon = line.indexOf(':');
  return colon === -1 ? undefined : line.slice(0, colon).trim();
}

/** Top-level `stages:` of a GitLab CI file (block or flow list), or undefined when it has none. */
function stagesOf(lines: string[]): string[] | undefined {
  const at = lines.findIndex((l) => topKey(l) === 'stages');
  if (at === -1) return undefined;
  const line = lines[at] as string;
  const rest = bare(line.slice(line.indexOf(':') + 1));
  if (rest.startsWith('[')) return (rest.endsWith(']') ? rest.slice(1, -1) : rest.slice(1)).split(',').map(unquote).filter(Boolean);
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const b = bare(l);
    if (b === '') continue;
    if (!(l[0] === ' ' || l[0] === '\t') || !b.startsWith('-')) break;
    out.push(unquote(b.slice(1)));
  }
  return out;
}

/** The CI change for `kind`, or undefined with a note when there is nothing to (or nothing safe to) write. */
export function planCi(root: string, kind: CiKind): { change?: Change; note?: string } {
  if (kind === 'github') {
    const file = '.github/workflows/credlint.yml';
    const want = githubWorkflow(defaultBranch(root));
    const text = readText(path.join(root, file));
    if (text === undefined)
      return { change: { file, before: undefined, after: want, what: 'GitHub Actions scans each pull request’s commits (and pushes’ trees), uploads SARIF' } };
    if (text === want || linesOf(text).some((l) => l.includes('credlint') && l.includes(' scan', l.indexOf('credlint')))) return {};
    return { note: `${file} exists and does not run credlint; it was left alone. The workflow init would write is in ${DOCS}` };
  }
  const file = '.gitlab-ci.yml';
  const jobs = gitlabJobs();
  const text = readText(path.join(root, file));
  if (text === undefined)
    return { change: { file, before: undefined, after: jobs, what: 'GitLab CI scans each merge request’s commits (and other pipelines’ trees)' } };
  const lines = linesOf(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (lines.some((l) => topKey(l) === 'credlint' || topKey(l) === 'credlint-mr')) return {};
  const first = lines.map(bare).find((b) => b !== '')?.[0];
  const stages = stagesOf(lines);
  // The jobs run in the default stage, `test`: a file whose stages leave it out would reject the pipeline.
  if (first === '{' || first === '[' || (stages !== undefined && !stages.includes('test'))) {
    throw new InitError(
      `${file} ${stages !== undefined && !stages.includes('test') ? 'defines stages without "test"' : 'is not a block mapping'}, so init cannot add its jobs safely; add the credlint jobs from ${DOCS} by hand (with a stage your pipeline has)`,
    );
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // one blank line between the file's last job and ours
  const pad = text === '' || text.endsWith(eol + eol) ? '' : text.endsWith('\n') ? eol : eol + eol;
  return {
    change: {
      file,
      before: text,
      after: text + pad + jobs.replaceAll('\n', eol),
      what: 'GitLab CI also scans each merge request’s commits (and other pipelines’ trees)',
    },
  };
}
