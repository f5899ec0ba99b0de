import { compileLinear, RegexSyntaxError } from './linear-regex.js';
import type { EnvSchema, SchemaEntry, SchemaType } from './types.js';

/** A schema file credlint cannot use; the CLI exits 2 with the message. */
export class SchemaError extends Error {}

const TYPES: readonly SchemaType[] = ['String', 'Integer', 'Float', 'Boolean', 'Url', 'Email', 'AwsRegion'];
const ENTRY_FIELDS = new Set(['key', 'type', 'required', 'regex', 'enum', 'max_length']);

/**
 * Object keys that appear twice in one JSON object (JSON.parse keeps the last silently; dotenv-linter
 * refuses such a schema). One pass over the text: strings are skipped, `{` `[` push a level, a string
 * followed by `:` is a key of the innermost object.
 */
function duplicateKey(json: string): { key: string; line: number } | undefined {
  const stack: (Set<string> | null)[] = [];
  let line = 1;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '\n') line++;
    else if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < json.length && json[j] !== '"') {
        if (json[j] === '\\') {
          s += json.slice(j, j + 2);
          j += 2;
        } else s += json[j++];
      }
      let k = j + 1;
      while (json[k] === ' ' || json[k] === '\t' || json[k] === '\n' || json[k] === '\r') k++;
      const top = stack[stack.length - 1];
      if (json[k] === ':' && top) {
        if (top.has(s)) return { key: s, line };
        top.add(s);
      }
      i = j;
    }
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads dotenv-linter's `--schema` JSON (`{"version": "1.0.0", "allow_other_keys": false, "entries":
 * {"PORT": {"type": "Integer", "required": true}}}`) plus credlint's extras: type `AwsRegion`, `enum`
 * and `max_length`. Throws SchemaError for anything it cannot use: bad JSON, a duplicate key, an
 * unknown type or field, a pattern outside the linear-time syntax.
 */
export function loadSchema(json: string, source = 'the schema'): EnvSchema {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new SchemaError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const dup = duplicateKey(json);
  if (dup) throw new SchemaError(`${source}: the key ${JSON.stringify(dup.key)} appears twice in one object (line ${dup.line})`);
  if (!isObject(data)) throw new SchemaError(`${source}: expected an object with "version" and "entries"`);
  for (const k of Object.keys(data))
    if (!['version', 'allow_other_keys', 'entries'].includes(k))
      throw new SchemaError(`${source}: unknown field ${JSON.stringify(k)} (expected version, allow_other_keys, entries)`);
  if (typeof data.version !== 'string') throw new SchemaError(`${source}: "version" must be a string`);
  if (data.allow_other_keys !== undefined && typeof data.allow_other_keys !== 'boolean')
    throw new SchemaError(`${source}: "allow_other_keys" must be true or false`);
  if (!isObject(data.entries)) throw new SchemaError(`${source}: "entries" must be an object of variable name → rule`);
  const entries = new Map<string, SchemaEntry>();
  for (const [key, raw] of Object.entries(data.entries)) {
    const at = `${source}: entry ${JSON.stringify(key)}`;
    if (!isObject(raw)) throw new SchemaError(`${at} must be an object`);
    for (const f of Object.keys(raw))
      if (!ENTRY_FIELDS.has(f)) throw new SchemaError(`${at}: unknown field ${JSON.stringify(f)} (expected ${[...ENTRY_FIELDS].join(', ')})`);
    const type = raw.type ?? 'String';
    if (typeof type !== 'string' || !TYPES.includes(type as SchemaType))
      throw new SchemaError(`${at}: unknown type ${JSON.stringify(type)} (expected one of ${TYPES.join(', ')})`);
    if (raw.required !== undefined && typeof raw.required !== 'boolean') throw new SchemaError(`${at}: "required" must be true or false`);
    const entry: SchemaEntry = { type: type as SchemaType, required: raw.required === true };
    if (raw.regex !== undefined) {
      if (typeof raw.regex !== 'string') throw new SchemaError(`${at}: "regex" must be a string`);
      if (type !== 'String') throw new SchemaError(`${at}: "regex" applies to type String only`);
      try {
        entry.regex = compileLinear(raw.regex);
      } catch (e) {
        if (e instanceof RegexSyntaxError) throw new SchemaError(`${at}: unusable "regex": ${e.message}`);
        throw e;
      }
    }
    if (raw.enum !== undefined) {
      if (!Array.isArray(raw.enum) || raw.enum.length === 0 || !raw.enum.every((v) => typeof v === 'string'))
        throw new SchemaError(`${at}: "enum" must be a non-empty list of strings`);
      entry.enum = raw.enum;
    }
    if (raw.max_length !== undefined) {
      if (typeof raw.max_length !== 'number' || !Number.isInteger(raw.max_length) || raw.max_length < 0)
        throw new SchemaError(`${at}: "max_length" must be a whole number ≥ 0`);
      entry.maxLength = raw.max_length;
    }
    entries.set(key, entry);
  }
  return { version: data.version, allowOtherKeys: data.allow_other_keys === true, entries };
}
