/**
 * `allows` patterns with the meaning every secretlint rule gives them
 * (@textlint/regexp-string-matcher): `/source/flags` is a regular expression, anything
 * else a literal matched anywhere in the value. Reimplemented in a few lines so the
 * published package keeps @credlint/core as its only dependency; test/allows.test.ts
 * checks it against the real matcher.
 */

const FLAG_CHARS = 'guimysd';

/** `/source/flags`, split at the last slash; null when `pattern` is not in that form. */
function parseRegExpString(pattern: string): { source: string; flags: string } | null {
  const last = pattern.lastIndexOf('/');
  if (!pattern.startsWith('/') || last < 2) return null;
  const flags = pattern.slice(last + 1);
  for (const f of flags) if (!FLAG_CHARS.includes(f)) return null;
  return { source: pattern.slice(1, last), flags };
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&').replace(/-/g, '\\x2d');
}

function uniqueFlags(flags: string): string {
  return [...new Set(flags + 'ug')].join('');
}

/** Compiles one pattern; throws a message naming the pattern when it is not usable. */
export function compileAllowPattern(pattern: string): RegExp {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    throw new TypeError(`@credlint/secretlint-rule-preset: "allows" entries must be non-empty strings, got ${JSON.stringify(pattern)}`);
  }
  const parsed = parseRegExpString(pattern);
  try {
    return parsed ? new RegExp(parsed.source, uniqueFlags(parsed.flags)) : new RegExp(escapeRegExp(pattern), 'ug');
  } catch (error) {
    throw new SyntaxError(`@credlint/secretlint-rule-preset: "allows" pattern ${pattern} is not a valid regular expression (${(error as Error).message})`, {
      cause: error,
    });
  }
}

// Rules are created once per file; the same option list compiles once per process.
const compiled = new Map<string, readonly RegExp[]>();

export function compileAllows(patterns: readonly string[] | undefined): readonly RegExp[] {
  if (!patterns || patterns.length === 0) return [];
  if (!Array.isArray(patterns)) {
    throw new TypeError('@credlint/secretlint-rule-preset: "allows" must be an array of strings');
  }
  const key = JSON.stringify(patterns);
  let regexps = compiled.get(key);
  if (!regexps) {
    regexps = patterns.map(compileAllowPattern);
    if (compiled.size > 256) compiled.clear();
    compiled.set(key, regexps);
  }
  return regexps;
}

/** Whether the credential value is allowed by any pattern. The value itself is never printed. */
export function isAllowed(value: string, regexps: readonly RegExp[]): boolean {
  for (const re of regexps) {
    re.lastIndex = 0;
    if (re.test(value)) return true;
  }
  return false;
}
