/**
 * Dialect inference: which reader actually reads an env file in this repository, judged from the
 * files around it. Used when no dialect is given (flag, configuration, ESLint option); undefined
 * means "no evidence, or readers that disagree" and the file is judged `portable`.
 *
 * Bounded: only the env file's directory and its ancestors up to the repository root (at most
 * MAX_LEVELS of them), their `scripts`/`script`/`bin` folders, and the root's `.github/workflows`
 * are looked at; per directory one listing
 * and at most MAX_FILES_PER_DIR files, each read only up to MAX_FILE_BYTES. Files are scanned line
 * by line with string operations and a few anchored, linear regexes. Facts are cached per
 * directory by a DialectInferrer, so a run over many env files reads each directory once.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isEnvExampleFile } from './files.js';
import { checks } from './checks/index.js';
import { safeMessage } from './safe-message.js';
import type { Diagnostic, Dialect } from './types.js';

export type ModelledDialect = Exclude<Dialect, 'portable'>;

export interface DialectInference {
  /** The model the file is judged with. */
  dialect: ModelledDialect;
  /** Who reads the file, in words (`python-dotenv`, `vlucas/phpdotenv (PHP)`, `Docker Compose env_file`). */
  reader: string;
  /** Why: the evidence and where it is (`python-dotenv in requirements.txt line 3`). */
  reason: string;
  /** The file that made the choice (absolute) and its 1-based line. */
  file: string;
  line: number;
  /** Set when the reader is not one credlint models: which model stands in for it. */
  note?: string;
}

/** The file system as inference sees it; tests pass a counting or in-memory one. */
export interface FsFacts {
  /** Entry names of a directory, or undefined when it cannot be listed. */
  list(dir: string): string[] | undefined;
  /** The first `maxBytes` bytes of a regular file as UTF-8, or undefined (absent, not a file, unreadable). */
  read(file: string, maxBytes: number): string | undefined;
  /** Does this path exist (used to find the repository root: `.git`)? */
  exists(path: string): boolean;
}

export const INFER_LIMITS = {
  /** Directories looked at: the env file's and its ancestors up to the repository root. */
  MAX_LEVELS: 12,
  /** Files read per directory (manifests, Compose files, scripts). */
  MAX_FILES_PER_DIR: 16,
  /** Workflow files read under `.github/workflows`. */
  MAX_WORKFLOWS: 16,
  /** Bytes read per file: manifests and scripts are small; a bigger one is read only this far. */
  MAX_FILE_BYTES: 256 * 1024,
} as const;

export const nodeFacts: FsFacts = {
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  read(file, maxBytes) {
    let fd: number | undefined;
    try {
      // O_NONBLOCK: a FIFO named like a manifest must not hang the run.
      fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      const st = fstatSync(fd);
      if (!st.isFile()) return undefined;
      const want = Math.min(st.size, maxBytes);
      const buf = Buffer.allocUnsafe(want);
      let off = 0;
      while (off < want) {
        const n = readSync(fd, buf, off, want - off, off);
        if (n === 0) break;
        off += n;
      }
      return buf.subarray(0, off).toString('utf8');
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  exists(path) {
    return existsSync(path);
  },
};

/** A reader found for a named file (`env_file: .env`, `--env-file .env`, `source .env`). */
interface Reference extends Omit<DialectInference, 'file' | 'line'> {
  target: string;
  file: string;
  line: number;
}

/** A reader found for every env file at or below `dir` (a dependency in a manifest), or for `only` that file. */
interface Manifest extends DialectInference {
  only?: string;
}

interface DirFacts {
  refs: Reference[];
  manifests: Manifest[];
  /** Subdirectories that usually hold the scripts of the directory (`scripts`, `script`, `bin`). */
  scriptDirs: string[];
}

const SCRIPT_DIRS = ['scripts', 'script', 'bin'];

const COMPOSE_READER = 'Docker Compose env_file';

/** Readers credlint does not model, and the model that stands in for each (closest in what breaks). */
const PHP_NOTE = 'PHP dotenv is not modelled; judged as python-dotenv, the closest (quotes stripped, ${VAR} expanded in double quotes, `export` accepted)';
const RUBY_NOTE = 'Ruby dotenv is not modelled; judged as Docker Compose, the closest (quotes stripped, $VAR and ${VAR} expanded except in single quotes)';

const NODE_DEPS = ['dotenv', 'dotenvx', '@dotenvx/dotenvx', 'dotenv-cli'];

/** Nested `$(…)` / `${…}` and quotes, read as one shell word. A character loop: linear. */
function shellWord(line: string, from: number): string {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  let out = '';
  let depth = 0;
  let quote = '';
  for (; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote && depth === 0) {
        quote = '';
        continue;
      }
      out += ch;
      if (ch === '(' || ch === '{') depth++;
      else if ((ch === ')' || ch === '}') && depth > 0) depth--;
      continue;
    }
    if (depth === 0 && (ch === ' ' || ch === '\t' || ch === ';' || ch === '&' || ch === '|' || ch === '\\' || ch === ')' || ch === '`')) break;
    if (depth === 0 && (ch === '"' || ch === "'")) {
      quote = ch;
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if ((ch === ')' || ch === '}') && depth > 0) depth--;
    out += ch;
  }
  return out;
}

/**
 * Where a shell word points, relative to `base`: a leading `$DIR/`, `${DIR}/` or `$(dirname "$0")/`
 * (the script's own directory, by the usual idiom) is read as `base`. Other runtime values: undefined.
 */
function resolveWord(word: string, base: string): string | undefined {
  let w = word;
  if (w.startsWith('$')) {
    const slash = firstSlashAfterExpansion(w);
    if (slash < 0) return undefined;
    w = w.slice(slash + 1);
  }
  if (w === '' || w.includes('$') || w.includes('`') || w.startsWith('~') || w.includes('*')) return undefined;
  return isAbsolute(w) ? w : resolve(base, w);
}

function firstSlashAfterExpansion(w: string): number {
  let depth = 0;
  for (let i = 1; i < w.length; i++) {
    const ch = w[i];
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === '/' && depth <= 0) return i;
  }
  return -1;
}

/** `--env-file X`, `--env-file=X` (and Node's `--env-file-if-exists`) on a command line. */
function envFileArgs(line: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  for (let at = line.indexOf('--env-file'); at >= 0; at = line.indexOf('--env-file', at + 1)) {
    let i = at + '--env-file'.length;
    if (line.startsWith('-if-exists', i)) i += '-if-exists'.length;
    const ch = line[i];
    if (ch === '=') i++;
    else if (ch !== ' ' && ch !== '\t') continue;
    const word = shellWord(line, i);
    if (word) out.push({ word, at });
  }
  return out;
}

/** Where one shell command ends and the next begins (`a; b`, `a && b`, `a | b`, `then b`, `do b`). */
const SEPARATORS = /;|&&|\|\|?|\bthen\b|\bdo\b/;

/** Words before the command itself: YAML's `- run:`, `sudo`, `exec`, `env`, assignments `A=b`. */
const PREFIX_WORDS = new Set(['-', 'sudo', 'exec', 'time', 'env', 'command', 'npx', 'nohup']);

/**
 * Which reader runs the command that passes `--env-file`: docker, Compose or Node. The command is
 * the first word of the last command before the flag (`docker run --name node --env-file x` is docker).
 */
function commandReader(before: string): { dialect: ModelledDialect; reader: string } | undefined {
  const segments = before.split(SEPARATORS);
  const words = (segments[segments.length - 1] ?? '').trim().split(/\s+/).filter(Boolean);
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i] as string;
    if (!(PREFIX_WORDS.has(w) || w.endsWith(':') || (w.includes('=') && !w.startsWith('-')))) break;
  }
  const first = (words[i] ?? '').replace(/^[@-]+/, '');
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (name === 'docker-compose') return { dialect: 'compose', reader: 'docker compose --env-file' };
  if (name === 'docker' || name === 'podman') {
    if (words[i + 1] === 'compose') return { dialect: 'compose', reader: 'docker compose --env-file' };
    if (['run', 'create', 'container'].includes(words[i + 1] ?? '')) return { dialect: 'docker', reader: '`docker run --env-file`' };
    return undefined;
  }
  if (name === 'node' || name === 'tsx') return { dialect: 'node', reader: "Node's --env-file" };
  return undefined;
}

function display(root: string, file: string): string {
  const rel = relative(root, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}

/** One directory's evidence: references to env files and manifest dependencies. */
function readDir(dir: string, root: string, facts: FsFacts, stats: InferStats): DirFacts {
  const out: DirFacts = { refs: [], manifests: [], scriptDirs: [] };
  stats.listed++;
  const names = facts.list(dir);
  if (!names) return out;
  out.scriptDirs = SCRIPT_DIRS.filter((n) => names.includes(n));
  const wanted = names
    .filter(isCandidate)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .slice(0, INFER_LIMITS.MAX_FILES_PER_DIR);
  for (const name of wanted) {
    const file = join(dir, name);
    stats.read++;
    const text = facts.read(file, INFER_LIMITS.MAX_FILE_BYTES);
    if (text === undefined) continue;
    const where = display(root, file);
    const lines = text.split('\n');
    if (isComposeFile(name)) {
      composeRefs(lines, file, where, out.refs);
      // The project `.env` next to the Compose file is Compose's too (read for interpolation).
      // Weaker than a reference: a manifest at the same level that disagrees makes it `portable`.
      out.manifests.push({
        only: join(dir, '.env'),
        dialect: 'compose',
        reader: 'Docker Compose (project .env)',
        reason: `the project .env of ${where}`,
        file,
        line: 1,
      });
    } else if (name === 'package.json') packageJson(text, lines, file, where, dir, out);
    else if (name === 'composer.json') composerJson(text, lines, file, where, out);
    else if (name === 'Gemfile') {
      const i = lines.findIndex((l) => /^\s*gem\s+["']dotenv(?:-rails)?["']/.test(l));
      if (i >= 0)
        out.manifests.push({
          dialect: 'compose',
          reader: 'dotenv (Ruby gem)',
          reason: `the dotenv gem in ${where} line ${i + 1}`,
          file,
          line: i + 1,
          note: RUBY_NOTE,
        });
    } else if (isPythonManifest(name)) {
      const i = lines.findIndex((l) => pythonDotenvLine(l));
      if (i >= 0) out.manifests.push({ dialect: 'python', reader: 'python-dotenv', reason: `python-dotenv in ${where} line ${i + 1}`, file, line: i + 1 });
    } else scriptRefs(lines, file, where, dir, root, name.endsWith('.sh') || name.endsWith('.bash'), out.refs);
  }
  return out;
}

function isComposeFile(name: string): boolean {
  if (!(name.endsWith('.yml') || name.endsWith('.yaml'))) return false;
  const stem = name.slice(0, name.lastIndexOf('.'));
  return stem === 'compose' || stem.startsWith('docker-compose') || stem.startsWith('compose.');
}

function isPythonManifest(name: string): boolean {
  return (name.startsWith('requirements') && name.endsWith('.txt')) || name === 'pyproject.toml' || name === 'Pipfile' || name === 'setup.cfg';
}

function isScript(name: string): boolean {
  return name.endsWith('.sh') || name.endsWith('.bash') || name === 'Makefile' || name === 'makefile' || name === 'GNUmakefile' || name.endsWith('.mk');
}

function isCandidate(name: string): boolean {
  return isComposeFile(name) || isPythonManifest(name) || isScript(name) || name === 'package.json' || name === 'composer.json' || name === 'Gemfile';
}

/** Manifests first (they decide for the whole directory), then Compose files, then scripts. */
function rank(name: string): number {
  if (name === 'package.json' || name === 'composer.json' || name === 'Gemfile' || isPythonManifest(name)) return 0;
  if (isComposeFile(name)) return 1;
  return 2;
}

function pythonDotenvLine(line: string): boolean {
  const t = line.trimStart().toLowerCase();
  if (t.startsWith('#')) return false;
  // PEP 503 names: python-dotenv, python_dotenv, python.dotenv; as a requirement, a TOML key or string.
  for (const name of ['python-dotenv', 'python_dotenv', 'python.dotenv']) {
    const at = t.indexOf(name);
    if (at < 0) continue;
    const before = at === 0 ? '' : (t[at - 1] as string);
    const after = t[at + name.length] ?? '';
    if ((before === '' || before === '"' || before === "'" || before === ' ' || before === '\t') && !/[a-z0-9_-]/.test(after)) return true;
  }
  return false;
}

/** `env_file:` as a string, a flow list, or a block list of strings / `path:` items. */
function composeRefs(lines: string[], file: string, where: string, refs: Reference[]): void {
  const base = dirname(file);
  const add = (raw: string, line: number) => {
    const v = unquoteYaml(raw);
    if (!v || v.includes('$')) return;
    refs.push({ target: resolve(base, v), dialect: 'compose', reader: COMPOSE_READER, reason: `env_file in ${where} line ${line}`, file, line });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const at = l.indexOf('env_file:');
    if (at < 0) continue;
    const head = l.slice(0, at).trim();
    if (head !== '' && head !== '-') continue;
    const indent = l.length - l.trimStart().length;
    const rest = stripYamlComment(l.slice(at + 'env_file:'.length)).trim();
    if (rest.startsWith('[')) {
      for (const item of rest.slice(1, rest.lastIndexOf(']') < 0 ? undefined : rest.lastIndexOf(']')).split(',')) add(item, i + 1);
      continue;
    }
    if (rest) {
      add(rest, i + 1);
      continue;
    }
    // Block list: the following more-indented lines.
    for (let j = i + 1; j < lines.length; j++) {
      const item = lines[j] as string;
      if (item.trim() === '' || item.trimStart().startsWith('#')) continue;
      const ind = item.length - item.trimStart().length;
      const t = stripYamlComment(item).trim();
      if (ind < indent || (ind === indent && !t.startsWith('-'))) break;
      const body = t.startsWith('-') ? t.slice(1).trim() : t;
      if (body.startsWith('path:')) add(body.slice('path:'.length), j + 1);
      else if (t.startsWith('-') && !body.includes(': ') && !body.endsWith(':')) add(body, j + 1);
    }
  }
}

function stripYamlComment(s: string): string {
  const at = s.indexOf(' #');
  return at >= 0 ? s.slice(0, at) : s;
}

function unquoteYaml(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** Lines of a shell script, Makefile or workflow: `--env-file` arguments, and `source X` / `. X` in scripts. */
function scriptRefs(lines: string[], file: string, where: string, dir: string, root: string, shell: boolean, refs: Reference[]): void {
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let l = lines[i] as string;
    if (l.trimStart().startsWith('#')) continue;
    // A command continued with `\` at the end of the line (`docker run --rm \` / `  --env-file .env \`) is one line.
    while (l.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      const t = l.trimEnd();
      l = `${t.slice(0, -1)} ${lines[++i] as string}`;
    }
    lineRefs(l, start + 1, file, where, [dir, root], refs);
    if (!shell) continue;
    for (const part of l.split(SEPARATORS)) {
      const t = part.trimStart();
      const cmd = t.startsWith('source ') || t.startsWith('source\t') ? 6 : t.startsWith('. ') || t.startsWith('.\t') ? 1 : -1;
      if (cmd < 0) continue;
      const target = resolveWord(shellWord(t, cmd), dir);
      if (target) refs.push({ target, dialect: 'bash', reader: 'bash `source`', reason: `sourced by ${where} line ${start + 1}`, file, line: start + 1 });
    }
  }
}

/** `--env-file` on one command line; the path is tried against each base (the file's directory, the root). */
function lineRefs(l: string, line: number, file: string, where: string, bases: string[], refs: Reference[]): void {
  for (const { word, at } of envFileArgs(l)) {
    const who = commandReader(l.slice(0, at));
    if (!who) continue;
    for (const base of new Set(bases)) {
      const target = resolveWord(word, base);
      if (target) refs.push({ target, ...who, reason: `${who.reader.replace(/`/g, '')} in ${where} line ${line}`, file, line });
    }
  }
}

function lineOf(lines: string[], needle: string): number {
  const i = lines.findIndex((l) => l.includes(needle));
  return i < 0 ? 1 : i + 1;
}

function packageJson(text: string, lines: string[], file: string, where: string, dir: string, out: DirFacts): void {
  let pkg: { dependencies?: unknown; devDependencies?: unknown; optionalDependencies?: unknown; scripts?: unknown };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return; // cut at MAX_FILE_BYTES, or not JSON: no evidence
  }
  if (typeof pkg !== 'object' || pkg === null) return;
  if (typeof pkg.scripts === 'object' && pkg.scripts !== null) {
    for (const [name, cmd] of Object.entries(pkg.scripts as Record<string, unknown>)) {
      if (typeof cmd !== 'string') continue;
      lineRefs(cmd, lineOf(lines, JSON.stringify(name)), file, `${where} script "${name}"`, [dir], out.refs);
    }
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const deps = pkg[field];
    if (typeof deps !== 'object' || deps === null) continue;
    const dep = NODE_DEPS.find((d) => Object.hasOwn(deps, d));
    if (dep) {
      const line = lineOf(lines, JSON.stringify(dep));
      out.manifests.push({
        dialect: 'dotenv',
        reader: dep === 'dotenv' ? 'dotenv (npm)' : `${dep} (dotenv's parser)`,
        reason: `${dep} in ${where} line ${line}`,
        file,
        line,
      });
      return;
    }
  }
}

function composerJson(text: string, lines: string[], file: string, where: string, out: DirFacts): void {
  let pkg: { require?: unknown; 'require-dev'?: unknown };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return;
  }
  if (typeof pkg !== 'object' || pkg === null) return;
  for (const field of ['require', 'require-dev'] as const) {
    const deps = pkg[field];
    if (typeof deps !== 'object' || deps === null) continue;
    // Laravel loads `.env` with vlucas/phpdotenv (a dependency of laravel/framework).
    const dep = ['vlucas/phpdotenv', 'laravel/framework'].find((d) => Object.hasOwn(deps, d));
    if (dep) {
      const line = lineOf(lines, JSON.stringify(dep));
      out.manifests.push({ dialect: 'python', reader: 'vlucas/phpdotenv (PHP)', reason: `${dep} in ${where} line ${line}`, file, line, note: PHP_NOTE });
      return;
    }
  }
}

/** Files whose name says who reads them: React Native's `.xcode.env` and direnv's `.envrc` are sourced by a shell. */
function byName(file: string): DialectInference | undefined {
  const name = basename(file);
  if (name === '.xcode.env' || name === '.xcode.env.local') {
    return {
      dialect: 'bash',
      reader: 'bash `source` (React Native build phases)',
      reason: `${name} is sourced by React Native's Xcode build scripts`,
      file,
      line: 1,
    };
  }
  if (name === '.envrc') return { dialect: 'bash', reader: 'bash (direnv)', reason: '.envrc is sourced by direnv', file, line: 1 };
  return undefined;
}

/** The env file an example is the template of: `.env.example` → `.env`, `prod.env.sample` → `prod.env`, `example.env` → `.env`. */
export function exampleTarget(file: string): string | undefined {
  if (!isEnvExampleFile(file)) return undefined;
  const dir = dirname(file);
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  // `example.env`, `sample.env`: the suffix is `.env` itself, the template is of `.env`.
  if (name.toLowerCase().endsWith('.env') && !name.startsWith('.env')) return join(dir, '.env');
  return dot > 0 ? join(dir, name.slice(0, dot)) : undefined;
}

export interface InferStats {
  /** Directories listed and files read, for tests that count work. */
  listed: number;
  read: number;
}

/** Inference with per-directory caching: one listing and one read per file per run, however many env files. */
export class DialectInferrer {
  readonly stats: InferStats = { listed: 0, read: 0 };
  private readonly dirs = new Map<string, DirFacts>();
  private readonly merged = new Map<string, DirFacts>();
  private readonly roots = new Map<string, string | undefined>();

  constructor(private readonly facts: FsFacts = nodeFacts) {}

  /** The nearest ancestor of `dir` holding `.git` (a directory or a worktree's file), or undefined. */
  repoRoot(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | undefined;
    for (let d = resolve(dir); ; d = dirname(d)) {
      if (this.roots.has(d)) {
        found = this.roots.get(d);
        break;
      }
      seen.push(d);
      if (this.facts.exists(join(d, '.git'))) {
        found = d;
        break;
      }
      if (dirname(d) === d) break;
    }
    for (const d of seen) this.roots.set(d, found);
    return found;
  }

  /**
   * Who reads `envFile`? Looks at its directory and the ancestors up to `repoRoot` (default: the
   * nearest `.git`; without one, the file's own directory only). Precedence: the file's name
   * (`.xcode.env`, `.envrc`), then files that name it (Compose `env_file:`, `--env-file`,
   * `source`), then — for `.env` and `.env.*` only — the nearest directory with a reader among its
   * dependencies. Readers that
   * disagree at the deciding level give undefined: the file is judged `portable`.
   */
  infer(envFile: string, repoRoot?: string): DialectInference | undefined {
    const abs = resolve(envFile);
    const named = byName(abs);
    if (named) return named;
    const envDir = dirname(abs);
    const root = resolve(repoRoot ?? this.repoRoot(envDir) ?? envDir);
    const dirs: string[] = [];
    for (let d = envDir; dirs.length < INFER_LIMITS.MAX_LEVELS; d = dirname(d)) {
      dirs.push(d);
      const rel = relative(root, d);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || dirname(d) === d) break;
    }
    const inside = !relative(root, envDir).startsWith('..');
    const targets = new Set([abs]);
    const t = exampleTarget(abs);
    if (t) targets.add(t);
    const all = dirs.map((d) => this.dir(d, root));
    if (inside) all.push(this.workflows(root));
    const refs = all.flatMap((f) => f.refs).filter((r) => targets.has(r.target));
    const direct = decide(refs);
    if (direct !== 'none') return direct;
    // dotenv, python-dotenv and phpdotenv load `.env` (and `.env.*` by option or framework); a
    // `deploy/web.env` is more often handed to docker: a dependency alone does not decide for it.
    if (![...targets].some((f) => dotenvName(basename(f)))) return undefined;
    for (const f of all) {
      const d = decide(f.manifests.filter((m) => m.only === undefined || targets.has(m.only)));
      if (d !== 'none') return d;
    }
    return undefined;
  }

  /** A directory's evidence, with that of its script folders (`scripts/a.sh` sourcing `../.env`). */
  private dir(d: string, root: string): DirFacts {
    let f = this.merged.get(d);
    if (!f) {
      const own = this.raw(d, root);
      f = { ...own, refs: [...own.refs] };
      for (const sub of own.scriptDirs) for (const r of this.raw(join(d, sub), root).refs) f.refs.push(r);
      this.merged.set(d, f);
    }
    return f;
  }

  private raw(d: string, root: string): DirFacts {
    let f = this.dirs.get(d);
    if (!f) {
      f = readDir(d, root, this.facts, this.stats);
      this.dirs.set(d, f);
    }
    return f;
  }

  private workflows(root: string): DirFacts {
    const d = join(root, '.github', 'workflows');
    let f = this.dirs.get(d);
    if (f) return f;
    f = { refs: [], manifests: [], scriptDirs: [] };
    this.stats.listed++;
    const names = (this.facts.list(d) ?? [])
      .filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'))
      .sort()
      .slice(0, INFER_LIMITS.MAX_WORKFLOWS);
    for (const n of names) {
      const file = join(d, n);
      this.stats.read++;
      const text = this.facts.read(file, INFER_LIMITS.MAX_FILE_BYTES);
      if (text === undefined) continue;
      // Steps run in the repository root unless told otherwise: paths are taken from there.
      scriptRefs(text.split('\n'), file, display(root, file), root, root, false, f.refs);
    }
    this.dirs.set(d, f);
    return f;
  }
}

function dotenvName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.');
}

/** One dialect from the evidence of one level: the first item when all agree, undefined when they do not. */
function decide(items: (Reference | Manifest)[]): DialectInference | undefined | 'none' {
  const first = items[0];
  if (!first) return 'none';
  if (items.some((i) => i.dialect !== first.dialect)) return undefined;
  const out: DialectInference = { dialect: first.dialect, reader: first.reader, reason: first.reason, file: first.file, line: first.line };
  if (first.note) out.note = first.note;
  return out;
}

/** One-shot inference (no cache shared with other calls). `repoRoot` bounds the upward walk. */
export function inferDialect(envFile: string, repoRoot?: string, facts: FsFacts = nodeFacts): DialectInference | undefined {
  return new DialectInferrer(facts).infer(envFile, repoRoot);
}

/** What a message says about an inferred dialect: `judged as python-dotenv (python-dotenv in requirements.txt line 3)`. */
export function describeInference(inf: DialectInference): string {
  // Paths and script names come from the repository: masked like every message (a pasted token as a file name).
  return safeMessage(`judged as ${inf.reader} (${inf.reason}${inf.note ? `; ${inf.note}` : ''})`);
}

/**
 * Adds the inference to the messages of the format checks, whose verdict depends on the reader,
 * so every front end says which reader a finding is about and why.
 */
export function annotate(diagnostics: Diagnostic[], inf: DialectInference | undefined): Diagnostic[] {
  if (!inf) return diagnostics;
  const why = describeInference(inf);
  return diagnostics.map((d) => (checks[d.checkId]?.kind === 'format' ? { ...d, message: `${d.message} [${why}]` } : d));
}
