/**
 * credlint's configuration file: discovery (lilconfig), validation, and the helpers that apply it
 * (ignore globs, per-rule severity, dialect per glob). One file per run, found like ESLint's and
 * Prettier's: from the scanned directory up to the repository root (the first directory holding
 * `.git`), or up to the home directory outside a repository. Documented in docs/configuration.md;
 * the published schema is credlint.schema.json (a test keeps both key sets equal).
 *
 * Fail closed: a config that cannot be read or holds an unknown key, an unknown rule id or a bad
 * value is a ConfigError (exit 2) naming the file and the key, never a silently default run.
 */
import { repositoryRoot } from './display-path.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FINDING_KINDS, KINDS } from '@credlint/core';
import { CHECK_ID_LIST, DIALECTS } from '@credlint/dotenv/ids';
import type { Ignore } from 'ignore';
import type { Dialect } from './dotenv-bridge.js';
import { DOCS_URL } from './rules.js';
import { ConfigError, UsageError } from './types.js';

export type RuleSetting = 'error' | 'warn' | 'off';

/** The file's content, validated. Paths and globs are relative to the directory holding the file. */
export interface CredlintConfig {
  /** gitignore-style patterns, as in `.credlintignore`. */
  ignore?: string[];
  /** Check id (dotenv) or rule id (core kind) → severity or off. */
  rules?: Record<string, RuleSetting>;
  /** gitignore-style glob → dialect the matching env files are judged for. The last matching glob wins. */
  dialects?: Record<string, Dialect>;
  /** Report AWS account ids (`aws-account-id`, off by default). */
  accountId?: boolean;
  /** Baseline file used when `--baseline` is not given. */
  baseline?: string;
  /** Bytes, or a size such as `500KB`, `64MB`. */
  maxFileSize?: number | string;
}

/** Every key the file may hold; the schema's `properties` must list exactly these. */
export const CONFIG_KEYS = ['$schema', 'ignore', 'rules', 'dialects', 'accountId', 'baseline', 'maxFileSize'] as const;
export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warn', 'off'];
/** Search order within one directory: the first file found wins (dedicated files before package.json). */
export const SEARCH_PLACES = [
  'credlint.config.js',
  'credlint.config.mjs',
  'credlint.config.cjs',
  'credlint.config.json',
  '.credlintrc.json',
  '.credlintrc',
  'package.json',
] as const;

export interface LoadedConfig {
  /** Absolute path of the file read. */
  file: string;
  /** Directory the file's paths and globs are relative to. */
  dir: string;
  /** Repository root (first ancestor of `dir` holding `.git`), else `dir`: what `configuredDialect` paths are relative to. */
  root: string;
  config: CredlintConfig;
  /** `maxFileSize` in bytes, when set. */
  maxFileSize?: number;
}

export interface ConfigFlags {
  /** `--config FILE` */
  config?: string;
  /** `--no-config` */
  noConfig?: boolean;
}

/** The ids `rules` and `dialects` may name, from the packages that define them. */
export interface KnownIds {
  rules: ReadonlySet<string>;
  dialects: ReadonlySet<string>;
}

export const CORE_RULE_IDS: readonly string[] = FINDING_KINDS.map((k) => KINDS[k].ruleId);

/** parseArgs option specs for `--config FILE` and `--no-config` (scan, dotenv). */
export const CONFIG_OPTIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean', default: false },
} as const;

export const CONFIG_HELP = `  --config FILE         read the configuration from FILE instead of searching for one
                        (credlint.config.{js,mjs,cjs,json}, .credlintrc.json, .credlintrc, package.json#credlint)
  --no-config           use no configuration file`;

export { repositoryRoot };

/** The deepest directory holding every named path (a file counts as its directory); `cwd` when none are named. */
export function searchStart(paths: readonly string[], cwd: string, isDir: (abs: string) => boolean): string {
  if (paths.length === 0) return cwd;
  const dirs = paths.map((p) => {
    const abs = path.resolve(cwd, p);
    return isDir(abs) ? abs : path.dirname(abs);
  });
  let common = dirs[0] ?? cwd;
  for (const d of dirs.slice(1)) {
    while (!(d === common || d.startsWith(common.endsWith(path.sep) ? common : common + path.sep))) {
      const up = path.dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

function jsonLoader(file: string, content: string): unknown {
  try {
    return JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content) as unknown;
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

async function jsLoader(file: string): Promise<unknown> {
  const { pathToFileURL } = await import('node:url');
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return mod.default;
  } catch (e) {
    throw new ConfigError(`${file}: could not be loaded (${(e as Error).message})`);
  }
}

/**
 * Finds and reads the configuration: `--config FILE`, else the search from `start`. Undefined when
 * there is none (or `--no-config`). Throws ConfigError for anything unusable.
 */
export async function loadConfig(flags: ConfigFlags, start: string, cwd: string): Promise<LoadedConfig | undefined> {
  if (flags.noConfig && flags.config !== undefined) throw new UsageError('--config and --no-config cannot be combined');
  if (flags.noConfig) return undefined;
  const { lilconfig } = await import('lilconfig');
  const loaders = { '.json': jsonLoader, noExt: jsonLoader, '.js': jsLoader, '.mjs': jsLoader, '.cjs': jsLoader };
  let found: { filepath: string; config: unknown; isEmpty?: boolean } | null;
  if (flags.config !== undefined) {
    const file = path.resolve(cwd, flags.config);
    if (!existsSync(file)) throw new ConfigError(`--config ${flags.config}: no such file`);
    const ext = path.extname(file);
    if (ext && !(ext in loaders))
      throw new ConfigError(`--config ${flags.config}: use a .json, .js, .mjs or .cjs file (or one without extension, read as JSON)`);
    try {
      found = await lilconfig('credlint', { loaders, cache: false, ignoreEmptySearchPlaces: false }).load(file);
    } catch (e) {
      throw asConfigError(e, file);
    }
    if (path.basename(file) === 'package.json' && (found?.config === undefined || found.config === null)) {
      throw new ConfigError(`${file}: has no "credlint" key`);
    }
  } else {
    const root = repositoryRoot(start);
    const stopDir = root ?? homedir();
    try {
      found = await lilconfig('credlint', {
        searchPlaces: [...SEARCH_PLACES],
        loaders,
        // Outside the home directory and any repository, the search stops at `start` itself.
        stopDir: root || isInside(stopDir, start) ? stopDir : start,
        cache: false,
        // An empty .credlintrc is a file someone made on purpose: validated (as `{}`), not skipped.
        ignoreEmptySearchPlaces: false,
      }).search(start);
    } catch (e) {
      throw asConfigError(e, start);
    }
  }
  if (!found) return undefined;
  const file = found.filepath;
  const raw = found.isEmpty ? {} : found.config;
  const config = validateConfig(raw, file, knownIds());
  const dir = path.dirname(file);
  const loaded: LoadedConfig = { file, dir, root: repositoryRoot(dir) ?? dir, config };
  if (config.maxFileSize !== undefined) loaded.maxFileSize = parseConfigSize(config.maxFileSize, file);
  return loaded;
}

function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function asConfigError(e: unknown, where: string): ConfigError {
  if (e instanceof ConfigError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  return new ConfigError(`${where}: cannot read the configuration (${code ?? (e as Error).message})`);
}

/** The rule and dialect ids this build knows: core's rule ids, dotenv's check ids and dialects (from its light `ids` entry: no validator loaded). */
export function knownIds(): KnownIds {
  return { rules: new Set([...CORE_RULE_IDS, ...CHECK_ID_LIST]), dialects: new Set(DIALECTS) };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  // A value is echoed to say what was wrong; long ones (a pasted secret?) are cut.
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 20)}…` : text;
}

/** Checks a configuration object against the schema's rules; returns it typed, or throws ConfigError naming the key. */
export function validateConfig(raw: unknown, file: string, known: KnownIds): CredlintConfig {
  const fail = (key: string, why: string): never => {
    // Keys are echoed too: a long one (a value pasted as a key?) is cut like a value.
    throw new ConfigError(`invalid configuration in ${file}: "${key.length > 60 ? `${key.slice(0, 20)}…` : key}" ${why}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`invalid configuration in ${file}: must be an object (got ${describe(raw)})`);
  }
  const obj = raw as Record<string, unknown>;
  const out: CredlintConfig = {};
  for (const key of Object.keys(obj)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key))
      fail(key, `is not a configuration key (known: ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')})`);
  }
  if (obj.$schema !== undefined && typeof obj.$schema !== 'string') fail('$schema', 'must be a string');
  if (obj.ignore !== undefined) {
    if (!Array.isArray(obj.ignore)) fail('ignore', `must be an array of glob strings (got ${describe(obj.ignore)})`);
    (obj.ignore as unknown[]).forEach((g, i) => {
      if (typeof g !== 'string' || g.trim() === '') fail(`ignore[${i}]`, `must be a non-empty glob string (got ${describe(g)})`);
    });
    out.ignore = obj.ignore as string[];
  }
  if (obj.rules !== undefined) {
    const rules = plainObject(obj.rules) ?? fail('rules', `must be an object of rule id → "error" | "warn" | "off" (got ${describe(obj.rules)})`);
    for (const [id, setting] of Object.entries(rules)) {
      if (!known.rules.has(id)) fail(`rules.${id}`, `is not a credlint check or rule id (see ${DOCS_URL}/configuration.md#rules)`);
      if (!RULE_SETTINGS.includes(setting as RuleSetting)) fail(`rules.${id}`, `must be "error", "warn" or "off" (got ${describe(setting)})`);
    }
    out.rules = rules as Record<string, RuleSetting>;
  }
  if (obj.dialects !== undefined) {
    const dialects = plainObject(obj.dialects) ?? fail('dialects', `must be an object of glob → dialect (got ${describe(obj.dialects)})`);
    for (const [glob, dialect] of Object.entries(dialects)) {
      if (glob.trim() === '' || glob.startsWith('!')) fail(`dialects.${glob}`, 'must be a glob (not empty, not a negation)');
      if (typeof dialect !== 'string' || !known.dialects.has(dialect))
        fail(`dialects.${glob}`, `must be one of ${[...known.dialects].join(', ')} (got ${describe(dialect)})`);
    }
    out.dialects = dialects as Record<string, Dialect>;
  }
  if (obj.accountId !== undefined) {
    if (typeof obj.accountId !== 'boolean') fail('accountId', `must be true or false (got ${describe(obj.accountId)})`);
    out.accountId = obj.accountId as boolean;
  }
  if (obj.baseline !== undefined) {
    if (typeof obj.baseline !== 'string' || obj.baseline === '') fail('baseline', `must be a file path (got ${describe(obj.baseline)})`);
    out.baseline = obj.baseline as string;
  }
  if (obj.maxFileSize !== undefined) {
    const v = obj.maxFileSize;
    if (!((typeof v === 'number' && Number.isInteger(v) && v > 0) || typeof v === 'string'))
      fail('maxFileSize', `must be a positive number of bytes or a size such as "500KB" (got ${describe(v)})`);
    out.maxFileSize = v as number | string;
    parseConfigSize(out.maxFileSize, file);
  }
  return out;
}

function plainObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `maxFileSize` in bytes: a positive integer, or digits (optionally one `.` part) and a unit, as `--max-file-size` takes. */
export function parseConfigSize(v: number | string, file: string): number {
  if (typeof v === 'number') return v;
  const text = v.trim().toLowerCase();
  let i = 0;
  while (i < text.length && ((text[i]! >= '0' && text[i]! <= '9') || text[i] === '.')) i++;
  const num = text.slice(0, i);
  const unit = SIZE_UNITS[text.slice(i).trim()];
  const n = Number(num);
  if (
    !(/* digits first */ num[0]! >= '0' && num[0]! <= '9') ||
    num.endsWith('.') ||
    unit === undefined ||
    !Number.isFinite(n) ||
    n <= 0 ||
    num.split('.').length > 2
  ) {
    throw new ConfigError(`invalid configuration in ${file}: "maxFileSize" cannot read ${describe(v)} (use bytes or e.g. "500KB", "10MB")`);
  }
  return Math.floor(n * unit);
}

// `ignore` (CommonJS) is loaded only when a config has globs.
let ignoreFactory: (() => Ignore) | undefined;
function newIgnore(): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)('ignore') as () => Ignore;
  return ignoreFactory();
}

/** The config's `ignore` globs as an ignore scope (the shape `.credlintignore` files load into), rooted at the config's directory. */
export function configIgnores(loaded: LoadedConfig | undefined): { base: string; ig: Ignore }[] {
  const globs = loaded?.config.ignore;
  if (!loaded || !globs?.length) return [];
  return [{ base: loaded.dir, ig: newIgnore().add(globs) }];
}

const dialectMatchers = new WeakMap<LoadedConfig, { ig: Ignore; dialect: Dialect }[]>();

/**
 * The dialect the configuration gives a file, by its path relative to the repository root
 * (`loaded.root`); undefined when no glob matches. Globs are relative to the config's directory
 * and read like `.gitignore` lines (`.xcode.env` matches at any depth); the last matching glob wins.
 */
export function configuredDialect(loaded: LoadedConfig | undefined, repoRelativePath: string): Dialect | undefined {
  const dialects = loaded?.config.dialects;
  if (!dialects) return undefined;
  let matchers = dialectMatchers.get(loaded);
  if (!matchers) {
    matchers = Object.entries(dialects).map(([glob, dialect]) => ({ ig: newIgnore().add(glob), dialect }));
    dialectMatchers.set(loaded, matchers);
  }
  const rel = path.relative(loaded.dir, path.join(loaded.root, repoRelativePath)).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return undefined;
  let dialect: Dialect | undefined;
  for (const m of matchers) if (m.ig.ignores(rel)) dialect = m.dialect;
  return dialect;
}

/** `abs` relative to the config's repository root, `/`-separated (what configuredDialect takes). */
export function repoRelative(loaded: LoadedConfig, abs: string): string {
  return path.relative(loaded.root, abs).split(path.sep).join('/');
}

/**
 * The `rules` severities applied to computed findings (the reporting boundary): `off` drops a
 * finding, `warn`/`error` set its severity. Findings of ids the config does not name are unchanged.
 */
export function applyRules<T extends { ruleId: string; severity: 'error' | 'warning' }>(findings: T[], loaded: LoadedConfig | undefined): T[] {
  const rules = loaded?.config.rules;
  if (!rules) return findings;
  const out: T[] = [];
  for (const f of findings) {
    const setting = rules[f.ruleId];
    if (setting === undefined) out.push(f);
    else if (setting !== 'off')
      out.push(f.severity === (setting === 'warn' ? 'warning' : 'error') ? f : { ...f, severity: setting === 'warn' ? 'warning' : 'error' });
  }
  return out;
}

/** Dotenv check ids the config turns off: passed to the validator so `--fix` does not apply their fixes either. */
export function checksOff(loaded: LoadedConfig | undefined): string[] {
  const rules = loaded?.config.rules;
  return rules ? Object.keys(rules).filter((id) => rules[id] === 'off' && !CORE_RULE_IDS.includes(id)) : [];
}
