import type { NodeAssignment } from './node-common.js';
import { readNode20 } from './node20.js';
import { readNode24 } from './node24.js';

export { type NodeAssignment, trimSpaces } from './node-common.js';
export { readNode20 } from './node20.js';
export { readNode24 } from './node24.js';

/** The Node release lines credlint supports (root package.json `engines`: ^20.19 || ^22.13 || >=24). */
export type NodeLine = '20' | '22' | '24';
export const NODE_LINES: readonly NodeLine[] = ['20', '22', '24'];

/**
 * The parser each line's current release ships (measured on 40,000 generated cases per release):
 * `node20` is 20.19.5 and later, `node24` is 22.16 and later and all of 24. Two older parsers are not
 * modelled: 20.19.0–20.19.4 and 22.13–22.14 share one, 22.15.x has another. We model the release a
 * project gets when it updates within its line.
 */
const READ: Record<NodeLine, (input: string) => NodeAssignment[]> = { '20': readNode20, '22': readNode24, '24': readNode24 };

/** "Node 24's --env-file": how findings name the reader. */
export function nodeReaderName(line: NodeLine): string {
  return `Node ${line}'s --env-file`;
}

/** The line of a Node version (`v24.1.0`, `22.16.0`): 21 counts as 20, 23 and later as 24. */
export function nodeLineOf(version: string): NodeLine | undefined {
  const m = /^v?(\d{1,4})\./.exec(version.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < 20) return undefined;
  return major < 22 ? '20' : major < 24 ? '22' : '24';
}

/**
 * The lowest supported line of an `engines.node` range (`^20.19.0 || ^22.13.0 || >=24`, `>=22`, `22.x`):
 * the lowest major any alternative names. Undefined if the range names no major we model.
 */
export function nodeLineOfEngines(range: string): NodeLine | undefined {
  let lowest: number | undefined;
  for (const m of range.matchAll(/\d{1,4}/g)) {
    // only the first number of each version (the major): skip numbers that follow a `.`
    if (m.index > 0 && range[m.index - 1] === '.') continue;
    const major = Number(m[0]);
    if (lowest === undefined || major < lowest) lowest = major;
  }
  return lowest === undefined ? undefined : nodeLineOf(`${Math.max(lowest, 20)}.0.0`);
}

/** The line of the Node running credlint. */
export function runningNodeLine(): NodeLine {
  return nodeLineOf(process.versions.node) ?? '24';
}

let scoped: NodeLine | undefined;

/**
 * Runs `fn` with `line` as the default Node line of every parse inside it: validate() and fix() re-read
 * entries (to prove a fix keeps each reader's value) deep inside the checks, which get no options.
 */
export function withNodeLine<T>(line: NodeLine, fn: () => T): T {
  const outer = scoped;
  scoped = line;
  try {
    return fn();
  } finally {
    scoped = outer;
  }
}

/** The line a parse uses when none is given: the one set by withNodeLine, else the running Node's. */
export function defaultNodeLine(): NodeLine {
  return scoped ?? runningNodeLine();
}

/** What Node's `--env-file` / `util.parseEnv` sets for a whole file, on the given line. */
export function readNodeFile(input: string, line: NodeLine = defaultNodeLine()): NodeAssignment[] {
  return READ[line](input);
}
