import { mask } from '@credlint/core';
import type { Check } from '../context.js';
import { diagnostic, list } from '../context.js';
import { judgeRegion } from '../regions.js';
import type { Diagnostic, SchemaEntry } from '../types.js';

const isDigits = (s: string): boolean => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');

/** Rust's `i32` parse, as dotenv-linter: an optional sign, digits, in range. */
function isInteger(v: string): boolean {
  const body = v.startsWith('-') || v.startsWith('+') ? v.slice(1) : v;
  if (!isDigits(body)) return false;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647;
}

/** Rust's `f32` parse: decimal with optional fraction and exponent, or inf / infinity / nan. */
function isFloat(v: string): boolean {
  const s = v.startsWith('-') || v.startsWith('+') ? v.slice(1) : v;
  if (['inf', 'infinity', 'nan'].includes(s.toLowerCase())) return true;
  const e = s.search(/[eE]/);
  const mantissa = e < 0 ? s : s.slice(0, e);
  if (e >= 0) {
    const exp = s.slice(e + 1);
    if (!isDigits(exp.startsWith('-') || exp.startsWith('+') ? exp.slice(1) : exp)) return false;
  }
  const [int = '', frac, more] = mantissa.split('.');
  if (more !== undefined) return false;
  if (frac === undefined) return isDigits(int);
  return (int === '' || isDigits(int)) && (frac === '' || isDigits(frac)) && int.length + frac.length > 0;
}

const ATEXT = "!#$%&'*+/=?^_`{|}~-";
const isAlnum = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

/** An address `local@domain`: dot-atoms of RFC 5322 characters, a domain of host-name labels. */
function isEmail(v: string): boolean {
  const at = v.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  if (local.split('.').some((p) => p === '' || [...p].some((c) => !isAlnum(c) && !ATEXT.includes(c)))) return false;
  if (domain.length === 0 || domain.length > 253) return false;
  return domain
    .split('.')
    .every(
      (l) => l.length > 0 && l.length <= 63 && isAlnum(l[0] as string) && isAlnum(l[l.length - 1] as string) && [...l].every((c) => isAlnum(c) || c === '-'),
    );
}

function isUrl(v: string): boolean {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

const BOOLEANS = new Set(['true', 'false', 'TRUE', 'FALSE', 'yes', 'no', 'YES', 'NO', '1', '0']);

/** Why `value` does not fit `entry`, or undefined. */
export function schemaProblem(entry: SchemaEntry, value: string): string | undefined {
  if (entry.maxLength !== undefined && value.length > entry.maxLength)
    return entry.maxLength === 0 ? 'must be empty' : `is longer than ${entry.maxLength} characters`;
  if (entry.enum && !entry.enum.includes(value)) return `must be one of ${list(entry.enum.map((s) => JSON.stringify(s)))}`;
  switch (entry.type) {
    case 'String':
      return entry.regex && !entry.regex.test(value) ? `does not match the regex /${entry.regex.source}/` : undefined;
    case 'Integer':
      return isInteger(value) ? undefined : 'is not a valid Integer';
    case 'Float':
      return isFloat(value) ? undefined : 'is not a valid Float';
    case 'Boolean':
      return BOOLEANS.has(value) ? undefined : 'is not a valid Boolean';
    case 'Url':
      return isUrl(value) ? undefined : 'is not a valid Url';
    case 'Email':
      return isEmail(value) ? undefined : 'is not a valid Email';
    case 'AwsRegion': {
      const j = judgeRegion(value);
      return j.kind === 'invalid' ? `is not an AWS region (${j.reason})` : undefined;
    }
  }
}

export const schemaCheck: Check = {
  id: 'schema',
  kind: 'style',
  description: "Values checked against a `--schema` file (dotenv-linter's format, plus AwsRegion, enum and max_length).",
  fixable: false,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const schema = ctx.schema;
    if (!schema) return out;
    const seen = new Set<string>();
    for (const v of ctx.vars) {
      seen.add(v.key);
      const entry = schema.entries.get(v.key);
      if (!entry) {
        if (!schema.allowOtherKeys) out.push(diagnostic(ctx, 'schema', v.entryStart, v.entryEnd, `The ${v.key} key is not defined in the schema.`));
        continue;
      }
      const problem = schemaProblem(entry, v.value);
      if (!problem) continue;
      // a value can be a credential: short words are shown, anything longer only masked
      const shown = v.value.length <= 12 ? JSON.stringify(v.value) : `${JSON.stringify(mask(v.value))} (${v.value.length} characters)`;
      out.push(diagnostic(ctx, 'schema', v.start, v.end, `The ${v.key} key ${problem} (value ${shown}).`));
    }
    const end = ctx.text.length;
    for (const [key, entry] of schema.entries) {
      if (entry.required && !seen.has(key)) out.push(diagnostic(ctx, 'schema', end, end, `The ${key} key is required by the schema but not set.`));
    }
    return out;
  },
};
